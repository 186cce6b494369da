/**
 * Unicode character classes of code points, as the regular expressions of the tokenisers read them
 * (`\p{L}`, `\p{Lu}`, `\p{Ll}`, `\p{M}`, `\p{N}`, `\s` under the `u` flag), for hand-written scanners
 * that replace a regex per token. Every class comes from those same regexes, asked once per code point
 * and remembered, so a scanner agrees with the pattern it replaces on every character.
 */

export const LETTER = 1;
export const UPPER = 2;
export const LOWER = 4;
export const MARK = 8;
export const NUMBER = 16;
export const SPACE = 32;
const KNOWN = 128;

const TESTS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^\p{L}$/u, LETTER],
  [/^\p{Lu}$/u, UPPER],
  [/^\p{Ll}$/u, LOWER],
  [/^\p{M}$/u, MARK],
  [/^\p{N}$/u, NUMBER],
  [/^\s$/u, SPACE],
];

function classify(cp: number): number {
  const s = String.fromCodePoint(cp);
  let bits = 0;
  for (const [re, bit] of TESTS) if (re.test(s)) bits |= bit;
  return bits;
}

const ASCII = Uint8Array.from({ length: 128 }, (_, c) => classify(c));
/** The classes of the ASCII code points, for a scanner's inline fast path. */
export const ASCII_CLASS_TABLE: Readonly<Uint8Array> = ASCII;

/** Classes of the BMP's code points, filled as they are met (KNOWN marks a filled entry). */
const bmp = new Uint8Array(0x10000);

/** The class bits of code point `cp` (a lone surrogate is a code point of no class, as for the regexes). */
export function classOf(cp: number): number {
  if (cp < 0x10000) {
    const known = bmp[cp];
    if (known) return known & ~KNOWN;
    const bits = classify(cp);
    bmp[cp] = bits | KNOWN;
    return bits;
  }
  return classify(cp);
}

/** The class bits of the code point at `i` of `s` (0 past the end); a surrogate pair is one code point. */
export function classAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c !== c) return 0;
  if (c < 128) return ASCII[c];
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return classOf(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
  }
  return classOf(c);
}

/**
 * `s === s.toUpperCase()`, without making the upper-case copy when a lower-case ASCII letter before any
 * other non-ASCII character already says no (ASCII maps one to one). Asked of every word in several places.
 */
export function isUpperCased(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 128) return s === s.toUpperCase();
  }
  return true;
}

/** Length in code units of the code point at `i`: 2 for a surrogate pair, else 1. */
export function widthAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Start of the code point that ends just before `i` (a surrogate pair read backwards is one code point). */
export function previousStart(s: string, i: number): number {
  const d = s.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = s.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return i - 2;
  }
  return i - 1;
}

/** ’ or ': the apostrophes of possessives and contractions, as the tokenisers' patterns write them. */
export function isApostrophe(c: number): boolean {
  return c === 0x2019 || c === 0x27;
}

/**
 * End of a run of two or more "X." (`(?:X\.){2,}`, X a code point of class `cls`: "U.S.", "E.U.") at `at`, or -1.
 * The dotted-acronym alternative of the tokenisers' patterns.
 */
export function dottedRunEnd(s: string, at: number, cls: number): number {
  let q = at;
  let n = 0;
  while (classAt(s, q) & cls) {
    const w = widthAt(s, q);
    if (s.charCodeAt(q + w) !== 0x2e) break;
    q += w + 1;
    n++;
  }
  return n >= 2 ? q : -1;
}
