import { ALL_ABBREVIATIONS } from '../lexicon';

/**
 * Sentence boundaries inside one paragraph, aware of the abbreviations and initials of news text
 * (`Mr.`, `Maj. Gen.`, `U.S.`, `Vladimir V. Putin`, `L.G.B.T.Q.`). Linear, no NLP.
 */

const ABBREVIATIONS = ALL_ABBREVIATIONS;

/** Closing marks and brackets that may sit between a full stop and the space after it. */
const TRAILING_CLOSERS = /[”’"')\]]/;

function wordBefore(text: string, dot: number, from: number): string {
  let i = dot;
  while (i > from && /[\p{L}\p{N}.]/u.test(text[i - 1])) i--;
  return text.slice(i, dot);
}

/**
 * Whether the terminator at `i` (`.`, `!`, `?`) ends a sentence: followed by space (after closing marks)
 * and then a capital, a digit or an opening mark, and not an abbreviation or an initial.
 */
export function endsSentence(text: string, i: number, from: number, to: number): boolean {
  const c = text[i];
  if (c !== '.' && c !== '!' && c !== '?') return false;
  let j = i + 1;
  while (j < to && TRAILING_CLOSERS.test(text[j])) j++;
  if (j >= to) return true;
  if (!/\s/.test(text[j])) return false;
  while (j < to && /\s/.test(text[j])) j++;
  if (j >= to) return true;
  const next = text[j];
  if (!/[\p{Lu}\p{N}“"‘'(\[—–-]/u.test(next)) return false;
  if (c === '.') {
    const word = wordBefore(text, i, from);
    const bare = word.replace(/\./g, '').toLowerCase();
    if (ABBREVIATIONS.has(bare)) return false;
    // Initials (V.) and dotted acronyms (U.S., L.G.B.T.Q.) rarely end a sentence before a capital in news:
    // "the U.S. State Department". Treat them as non-final; a sentence ending in "U.S." joins the next one.
    if (/^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}?$/u.test(word)) return false;
  }
  return true;
}

/** Offset where the sentence holding `offset` starts, not before `from`. */
export function sentenceStart(text: string, offset: number, from: number): number {
  for (let i = offset - 1; i >= from; i--) {
    const c = text[i];
    if ((c === '.' || c === '!' || c === '?') && endsSentence(text, i, from, offset)) {
      let j = i + 1;
      while (j < offset && (TRAILING_CLOSERS.test(text[j]) || /\s/.test(text[j]))) j++;
      return j;
    }
  }
  return from;
}

/** Offset just after the terminator that ends the sentence holding `offset`, not after `to`. */
export function sentenceEnd(text: string, offset: number, to: number, from: number): number {
  for (let i = offset; i < to; i++) {
    const c = text[i];
    if ((c === '.' || c === '!' || c === '?') && endsSentence(text, i, from, to)) return i + 1;
  }
  return to;
}
