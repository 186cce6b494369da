/**
 * Tokens as the tagger was trained on them (CoNLL-2003 / GUM conventions): punctuation apart, a
 * possessive "'s" and "n't" apart, hyphenated words, dotted acronyms ("U.S.") and abbreviations
 * ("Mr.", "Corp.") whole. Sentences end at a lone ".", "!" or "?".
 */

import { TOKEN_ABBREVIATIONS } from '../../lexicon';
import { ASCII_CLASS_TABLE, classAt, dottedRunEnd, isApostrophe, LETTER, MARK, NUMBER, SPACE, widthAt } from '../../chars';

export interface TaggerToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The tokens' pattern, which tokenizeSentences scans by hand (and its test checks it against). */
export const WORD = new RegExp(
  [
    String.raw`(?:\p{L}\.){2,}`, // U.S.
    String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:[\-&/.]|[’'](?!(?:[stdm]|re|ve|ll)\b))[\p{L}\p{M}\p{N}]+)*`, // words, O'Neill
    String.raw`[’'](?:s|m|re|ve|ll|d|t)\b|n[’']t\b`, // 's, 're, n't
    String.raw`-{2,}|\.{3}|[^\s\p{L}\p{N}]`, // signs ("--" and "..." whole, as CoNLL writes them)
  ].join('|'),
  'gu',
);
/**
 * Words that keep their full stop: an initial, or an abbreviation of a title, a company form, a month
 * or an address (a sentence-final "Corp." then ends no sentence, which loses no name).
 */
export const KEEPS_STOP = new RegExp(String.raw`^(?:\p{Lu}|${TOKEN_ABBREVIATIONS.join('|')})$`, 'u');

/** An ASCII word character, as `\b` reads them in a unicode regex without `i`. */
function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** `(?:[stdm]|re|ve|ll)\b` at `at` (the contraction after an apostrophe). */
function contractionAt(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  if (c === 0x73 || c === 0x74 || c === 0x64 || c === 0x6d) return !isWordChar(s.charCodeAt(at + 1));
  const d = s.charCodeAt(at + 1);
  return ((c === 0x72 && d === 0x65) || (c === 0x76 && d === 0x65) || (c === 0x6c && d === 0x6c)) && !isWordChar(s.charCodeAt(at + 2));
}

const WORD_PART = LETTER | MARK | NUMBER;

/**
 * End of the match of WORD at `at` in `s` (the text cut at the tokenised stretch's end, as the regex read
 * it), or -1 where no alternative matches (a space). WORD's alternatives in order, each as greedy as the
 * regex; `n[’']t\b` needs no code, as the word alternative always matches at an "n" first.
 */
function wordMatchEnd(s: string, at: number): number {
  const c = s.charCodeAt(at);
  const cls = c < 128 ? ASCII_CLASS_TABLE[c] : classAt(s, at);
  if (cls & LETTER) {
    // (?:\p{L}\.){2,}
    const dotted = dottedRunEnd(s, at, LETTER);
    if (dotted >= 0) return dotted;
  }
  if (cls & (LETTER | NUMBER)) {
    // [\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:[\-&/.]|[’'](?!(?:[stdm]|re|ve|ll)\b))[\p{L}\p{M}\p{N}]+)*
    let q = at + widthAt(s, at);
    for (;;) {
      while (classAt(s, q) & WORD_PART) q += widthAt(s, q);
      const sep = s.charCodeAt(q);
      const joins = sep === 0x2d || sep === 0x26 || sep === 0x2f || sep === 0x2e || (isApostrophe(sep) && !contractionAt(s, q + 1));
      if (joins && classAt(s, q + 1) & WORD_PART) q++;
      else return q;
    }
  }
  // [’'](?:s|m|re|ve|ll|d|t)\b
  if (isApostrophe(c) && contractionAt(s, at + 1)) {
    const d = s.charCodeAt(at + 1);
    return at + (d === 0x72 || d === 0x76 || d === 0x6c ? 3 : 2);
  }
  // -{2,}|\.{3}|[^\s\p{L}\p{N}]
  if (c === 0x2d) {
    let q = at + 1;
    while (s.charCodeAt(q) === 0x2d) q++;
    return q;
  }
  if (c === 0x2e && s.charCodeAt(at + 1) === 0x2e && s.charCodeAt(at + 2) === 0x2e) return at + 3;
  if (cls & SPACE) return -1;
  return at + widthAt(s, at);
}

/** Tokens of `text[from, to)`, sentence by sentence. */
export function tokenizeSentences(text: string, from: number, to: number): TaggerToken[][] {
  const sentences: TaggerToken[][] = [];
  let current: TaggerToken[] = [];
  // The matches of WORD in the text cut at `to`, scanned by code point (test/unit/scanners.test.ts); as the
  // regex does, a start inside a surrogate pair steps back to the pair.
  const slice = text.slice(0, to);
  let at = from > 0 && widthAt(slice, from - 1) === 2 ? from - 1 : from;
  while (at < slice.length) {
    const matched = wordMatchEnd(slice, at);
    if (matched < 0) {
      at += widthAt(slice, at);
      continue;
    }
    const start = at;
    let end = matched;
    let word = slice.slice(start, end);
    // "Corp." / "J." keep their stop; "Iraq." does not.
    if (text.charCodeAt(end) === 46 /* . */ && end < to && KEEPS_STOP.test(word) && !/[.]/.test(text[end + 1] ?? '')) {
      word += '.';
      end++;
    }
    at = end;
    current.push({ start, end, text: word });
    if (word === '.' || word === '!' || word === '?') {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length) sentences.push(current);
  return sentences;
}
