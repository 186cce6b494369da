/** What an editor shows of a file: UTF-8 with replacement characters, the byte-order mark dropped. */
export function decodeArticleFile(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
}
