/** Small text helpers shared by the core's stages. */

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Start offsets of every occurrence of `word` in `text[from, to)` that stands as a whole word (no letter
 * or digit touching it on either side), in text order.
 */
export function* wholeWordOccurrences(text: string, word: string, from = 0, to = text.length): Generator<number> {
  if (!word) return;
  for (let at = text.indexOf(word, from); at >= 0 && at + word.length <= to; at = text.indexOf(word, at + 1)) {
    if (WORD_CHAR.test(text[at - 1] ?? '') || WORD_CHAR.test(text[at + word.length] ?? '')) continue;
    yield at;
  }
}

/**
 * A copy of `s` that shares no storage with the string it was cut from. V8 keeps a slice of a long
 * string as a view into it, so a short name kept from a file would keep the whole file's text alive.
 */
export function detachedCopy(s: string): string {
  return (' ' + s).slice(1);
}
