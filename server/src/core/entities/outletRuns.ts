/**
 * News outlets named in the body ("Deutsche Welle reported", "The Times of Israel and Haaretz said"): the outlets
 * list (segment/outlets.ts) is curated, so a run of words that spells one exactly is that organization, and the
 * names beside it in the same run ("… and Haaretz") are read on their own. Without this, "Deutsche Welle" read as
 * a person and "Times of Israel and Haaretz" as one organization.
 */
import { outletBySpelling, outletMayStartWith } from '../segment/outlets';
import { classifyWord } from './lexicon';
import { placeInfo } from './gazetteer';
import { type Candidate, joinTokens, type Token } from './tokens';
import type { ArticleRecognizer } from './recognizer';
import { RULES } from './rules';

/** The longest outlet a run spells from token `i`: its token count (a leading "The" included), or 0. */
function outletAt(text: string, tokens: readonly Token[], i: number): number {
  for (let n = Math.min(6, tokens.length - i); n >= 1; n--) {
    const last = tokens[i + n - 1];
    // The outlet ends the run or stops at a connector ("and", "of"); never inside a longer name ("The Independent Electoral Commission").
    if (!last.nameLike || (i + n < tokens.length && tokens[i + n].nameLike) || (i + n < tokens.length - 1 && last.possessive)) continue;
    // A run's words are one space or no-break space apart and hold none, so the joined name of two or more
    // words opens with token i's word and a space: unless an outlet opens so, no join and look-up.
    if (n > 1 && !outletMayStartWith(tokens[i].word)) continue;
    if (outletBySpelling(joinTokens(text, tokens.slice(i, i + n)))) return n;
  }
  return 0;
}

/** A lone word that is also an ordinary word or a place opening a sentence ("Guardian angels", "Atlantic"): not the outlet. */
function ambiguous(tokens: readonly Token[]): boolean {
  const named = tokens[0].word === 'The' ? tokens.slice(1) : tokens;
  if (named.length !== 1) return false;
  const word = named[0].word;
  return (tokens[0].sentenceStart && classifyWord(word) === 'common') || placeInfo(word) !== null;
}

/** The run's outlets become organizations; the pieces around them are returned to be read as runs of their own. */
export function outletPieces(text: string, run: Candidate, recognizer: ArticleRecognizer): Candidate[] {
  const { tokens } = run;
  const pieces: Candidate[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i - 1].nameLike && !tokens[i - 1].possessive) continue;
    const n = outletAt(text, tokens, i);
    if (!n || ambiguous(tokens.slice(i, i + n))) continue;
    if (i > from) pieces.push({ tokens: tokens.slice(from, i), titled: from === 0 && run.titled });
    const named = tokens[i].word === 'The' && n > 1 ? tokens.slice(i + 1, i + n) : tokens.slice(i, i + n);
    // Named as written, like every other rule's organization, so linking joins it with the same name found elsewhere.
    recognizer.add(named, 'organization', joinTokens(text, named), RULES.knownOutlet);
    from = i + n;
    i += n - 1;
  }
  if (from === 0) return [run];
  if (from < tokens.length) pieces.push({ tokens: tokens.slice(from), titled: false });
  return pieces;
}
