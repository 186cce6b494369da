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

const PLAIN_ID = /^[a-z]+:[a-z0-9-]*$/;

const codeUnitOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const localeOrder = (a: string, b: string): number => a.localeCompare(b);

/**
 * An order of entity ids ("person:bashar-al-assad") that is `localeCompare`'s. The first `localeCompare`
 * of a process loads ICU's collator (~10 ms of every start); when every id is lower-case ASCII letters,
 * digits and hyphens after its kind, code-unit order is the same order and ICU is not needed. Checked
 * once for the ids to sort, not per comparison (edits sort thousands of ids).
 */
export function idOrder(ids: Iterable<string>): (a: string, b: string) => number {
  for (const id of ids) if (!PLAIN_ID.test(id)) return localeOrder;
  return codeUnitOrder;
}

/**
 * A whole number with thousands separators, as `toLocaleString('en-US')` writes it ("12,345"), without
 * loading ICU's number formatter (~15 ms at its first use, on the path of a server's first answers).
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
