/**
 * Tokens as the tagger was trained on them (CoNLL-2003 / GUM conventions): punctuation apart, a
 * possessive "'s" and "n't" apart, hyphenated words, dotted acronyms ("U.S.") and abbreviations
 * ("Mr.", "Corp.") whole. Sentences end at a lone ".", "!" or "?".
 */

import { TOKEN_ABBREVIATIONS } from '../../lexicon';

export interface TaggerToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const WORD = new RegExp(
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
const KEEPS_STOP = new RegExp(String.raw`^(?:\p{Lu}|${TOKEN_ABBREVIATIONS.join('|')})$`, 'u');

/** Tokens of `text[from, to)`, sentence by sentence. */
export function tokenizeSentences(text: string, from: number, to: number): TaggerToken[][] {
  const sentences: TaggerToken[][] = [];
  let current: TaggerToken[] = [];
  WORD.lastIndex = from;
  const slice = text.slice(0, to);
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    let word = m[0];
    let end = m.index + word.length;
    // "Corp." / "J." keep their stop; "Iraq." does not.
    if (text.charCodeAt(end) === 46 /* . */ && end < to && KEEPS_STOP.test(word) && !/[.]/.test(text[end + 1] ?? '')) {
      word += '.';
      end++;
      WORD.lastIndex = end;
    }
    current.push({ start: m.index, end, text: word });
    if (word === '.' || word === '!' || word === '?') {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length) sentences.push(current);
  return sentences;
}
