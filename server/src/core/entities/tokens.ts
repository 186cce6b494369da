import type { EntityKind, Span } from '../model';
import { PERSON_CUES_BEFORE } from './cues';
import { alternation, NAME_ABBREVIATIONS, NAME_CONNECTORS, NAME_PARTICLES, ORGANIZATION_HEADS } from '../lexicon';
import { classifyWord } from './lexicon';
import { cleanName } from './names';
import type { EntityRule } from './rules';
import { ASCII_CLASS_TABLE, classAt, dottedRunEnd, isApostrophe, LETTER, MARK, NUMBER, UPPER, widthAt } from '../chars';

export interface Token {
  readonly start: number;
  readonly end: number;
  /** The token without a possessive `’s`. */
  readonly word: string;
  readonly possessive: boolean;
  readonly sentenceStart: boolean;
  readonly nameLike: boolean;
}

export interface Candidate {
  readonly tokens: readonly Token[];
  /** Evidence seen before the run (a title or a word such as "spokesman"). */
  readonly titled: boolean;
}

export interface Found {
  span: Span;
  kind: EntityKind;
  name: string;
  /** The rule that decided the span and kind. */
  rule: EntityRule;
}

/** Abbreviations whose full stop stays with the word ("Gen.", "Jr."): it ends no sentence. */
export const ABBREVIATION = new RegExp(`^(?:${alternation(NAME_ABBREVIATIONS)})$`);
export const TOKEN = /(?:\p{Lu}\.){2,}|(?<=\p{Lu}\p{Ll}+\s)\p{Lu}\.(?=\s\p{Lu})|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[’'\-][\p{L}\p{M}\p{N}]+)*\.?|[.!?;:,()[\]"“”‘’—–]/gu;

/** A pronoun or verb contraction ("I'm", "They've", "Don’t"): no name ends so. */
const CONTRACTION = /[’'](?:m|re|ve|ll|d)$|n[’']t$/u;

export function isCapitalised(word: string): boolean {
  const c = word.codePointAt(0) ?? 0;
  return c >= 65 && c <= 90 ? true : c > 127 && /^\p{Lu}/u.test(word);
}

/** "NEW YORK" → "New York", for place names printed in capitals. */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

export function isAcronym(word: string): boolean {
  return /^(?:\p{Lu}\.){2,}$/u.test(word) || (/^\p{Lu}[\p{Lu}\d]{1,6}$/u.test(word) && /\p{Lu}.*\p{Lu}/u.test(word));
}

/** TOKEN's last alternative: one sign. */
function isSign(c: number): boolean {
  switch (c) {
    case 0x2e: // .
    case 0x21: // !
    case 0x3f: // ?
    case 0x3b: // ;
    case 0x3a: // :
    case 0x2c: // ,
    case 0x28: // (
    case 0x29: // )
    case 0x5b: // [
    case 0x5d: // ]
    case 0x22: // "
    case 0x201c: // “
    case 0x201d: // ”
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x2014: // —
    case 0x2013: // –
      return true;
    default:
      return false;
  }
}

const WORD_PART = LETTER | MARK | NUMBER;

/** End of TOKEN's word alternative from `at` (a letter or digit): `[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[’'\-][\p{L}\p{M}\p{N}]+)*\.?`. */
function wordEnd(text: string, at: number): number {
  let q = at + widthAt(text, at);
  for (;;) {
    while (classAt(text, q) & WORD_PART) q += widthAt(text, q);
    const c = text.charCodeAt(q);
    if ((c === 0x2019 || c === 0x27 || c === 0x2d) && classAt(text, q + 1) & WORD_PART) q++;
    else break;
  }
  return text.charCodeAt(q) === 0x2e ? q + 1 : q;
}

/**
 * The next match of TOKEN in `text` at or after `from` whose start is before `to`, as `[start, end)` in
 * `scanned`, or false. A hand-written scan of the same pattern (a regex per paragraph was the recogniser's
 * largest cost): the alternatives in TOKEN's order, each as greedy as the regex. The lookbehind alternative
 * needs no code: where it matches ("Smith V. Putin"), the word alternative matches the same two characters.
 */
function nextToken(text: string, from: number, to: number, scanned: Int32Array): boolean {
  let at = from;
  const end = Math.min(to, text.length);
  while (at < end) {
    const c = text.charCodeAt(at);
    const cls = c < 128 ? ASCII_CLASS[c] : classAt(text, at);
    if (cls & (LETTER | NUMBER)) {
      const acronym = cls & UPPER ? dottedRunEnd(text, at, UPPER) : -1;
      scanned[0] = at;
      scanned[1] = acronym >= 0 ? acronym : wordEnd(text, at);
      return true;
    }
    if (isSign(c)) {
      scanned[0] = at;
      scanned[1] = at + 1;
      return true;
    }
    at += widthAt(text, at);
  }
  return false;
}

const ASCII_CLASS = ASCII_CLASS_TABLE;
const scannedToken = new Int32Array(2);

/** Tokens of `[from, to)`: words (with their possessive noted), dotted acronyms, abbreviations and punctuation. */
export function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  // As a unicode regex does, a start inside a surrogate pair steps back to the pair.
  let at = from > 0 && widthAt(text, from - 1) === 2 ? from - 1 : from;
  let sentenceStart = true;
  const scanned = scannedToken;
  while (nextToken(text, at, to, scanned)) {
    const start = scanned[0];
    at = scanned[1];
    let raw = text.slice(start, at);
    if (at - start === 1 && isSign(text.charCodeAt(start))) {
      if (raw === '.' || raw === '!' || raw === '?' || raw === ':') sentenceStart = true;
      tokens.push({ start, end: start + 1, word: raw, possessive: false, sentenceStart: false, nameLike: false });
      continue;
    }
    // A final full stop belongs to abbreviations and initials; otherwise it ends the sentence.
    let endsSentence = false;
    if (raw.endsWith('.') && !/^(?:\p{Lu}\.)+$/u.test(raw) && !ABBREVIATION.test(raw.slice(0, -1))) {
      raw = raw.slice(0, -1);
      endsSentence = true;
    }
    if (start + raw.length > to) raw = raw.slice(0, to - start);
    // "V." is an initial only inside a name ("Vladimir V. Putin"); "platform X. Authorities" ends a sentence.
    if (raw.endsWith('.') && /^\p{Lu}\.$/u.test(raw) && !(tokens.length && tokens[tokens.length - 1].nameLike && tokens[tokens.length - 1].end === start - 1)) {
      raw = raw.slice(0, -1);
      endsSentence = true;
    }
    const possessive = raw.length > 2 && raw.charCodeAt(raw.length - 1) === 0x73 /* s */ && isApostrophe(raw.charCodeAt(raw.length - 2));
    const word = possessive ? raw.slice(0, -2) : raw;
    // "I'm", "We're", "Don't": a contraction is never a name, only a capitalised sentence opener.
    const first = word.charCodeAt(0);
    const nameLike = (isCapitalised(word) && !CONTRACTION.test(word)) || ((first === 0x61 || first === 0x65) /* a, e */ && /^(?:al|el|ad|as|ash|at|az|an|ar)-\p{Lu}/u.test(word));
    tokens.push({ start, end: start + word.length, word, possessive, sentenceStart, nameLike });
    sentenceStart = endsSentence;
    if (endsSentence)
      tokens.push({
        start: start + raw.length,
        end: start + raw.length + 1,
        word: '.',
        possessive: false,
        sentenceStart: false,
        nameLike: false,
      });
  }
  return tokens;
}

/** Maximal runs of name-like tokens, joined by single spaces, particles ("al", "bin") and, before a capital, "of"/"for". */
export function findRuns(text: string, tokens: readonly Token[]): Candidate[] {
  const runs: Candidate[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i].nameLike) {
      i++;
      continue;
    }
    const run: Token[] = [tokens[i]];
    let j = i + 1;
    while (j < tokens.length && !run[run.length - 1].possessive) {
      const prev = run[run.length - 1];
      const t = tokens[j];
      if (!/^[ \u00a0]$/.test(text.slice(prev.end, t.start))) break;
      if (t.nameLike) {
        run.push(t);
        j++;
        continue;
      }
      const lower = t.word.toLowerCase();
      // Particles and connectors stay only when a capitalised word follows ("Ursula von der Leyen", "Organization for the Prohibition…").
      let k = j;
      while (k < tokens.length && (NAME_PARTICLES.has(tokens[k].word) || NAME_CONNECTORS.has(tokens[k].word) || tokens[k].word === 'the' || (k === j && tokens[k].word === 'and'))) k++;
      // "International Federation of Red Cross and Red Crescent Societies": "and" joins only inside a name that already has "of"/"for".
      const insideLongName = lower === 'and' && run.some((x) => NAME_CONNECTORS.has(x.word)) && k === j + 1 && k < tokens.length && tokens[k].nameLike && !closedByHead(text, tokens, prev, k);
      // "Food and Drug Administration", "Truth and Reconciliation Commission": one ordinary word, "and", then a body's name.
      const pairedHead =
        lower === 'and' &&
        run.length === (run[0].word === 'The' ? 2 : 1) &&
        k === j + 1 &&
        k < tokens.length &&
        tokens[k].nameLike &&
        ordinaryWord(run[run.length - 1].word) &&
        headedNameAt(text, tokens, k);
      const joinable = insideLongName || pairedHead || (k > j && k < tokens.length && tokens[k].nameLike && k - j <= 3 && (NAME_PARTICLES.has(lower) || NAME_CONNECTORS.has(lower)));
      if (!joinable) break;
      const gapOk = tokens.slice(j, k + 1).every((x, n, all) => n === 0 || /^[ \u00a0]$/.test(text.slice(all[n - 1].end, x.start)));
      if (!gapOk) break;
      run.push(...tokens.slice(j, k));
      j = k;
    }
    const before = text.slice(Math.max(0, tokens[i].start - 30), tokens[i].start);
    runs.push({ tokens: run, titled: PERSON_CUES_BEFORE.test(before) });
    i = j;
  }
  return runs;
}

/**
 * "Members of the Democratic Party and Republicans", "the Organization of American States and Brazil": a name with "of"/"for" that
 * reached its head before "and" is closed, unless what follows "and" is a name of two or more words ending in a head too ("Red Cross
 * and Red Crescent Societies"); without a head before it ("Department of Health and Human Services") "and" goes on joining.
 */
function closedByHead(text: string, tokens: readonly Token[], prev: Token, k: number): boolean {
  if (!ORGANIZATION_HEADS.has(prev.word)) return false;
  let end = k;
  while (end + 1 < tokens.length && tokens[end + 1].nameLike && !tokens[end].possessive && /^[ \u00a0]$/.test(text.slice(tokens[end].end, tokens[end + 1].start))) end++;
  return !(end > k && ORGANIZATION_HEADS.has(tokens[end].word));
}

/** A word that is no name by itself ("Food", "Truth", "Securities"): not a known name, place, person's name or organization. */
function ordinaryWord(word: string): boolean {
  const wordClass = classifyWord(word);
  return wordClass === 'common' || wordClass === 'unknown';
}

/**
 * Whether the capitalised words from `k` on (single spaces between) are two or more and end in an organization head, and
 * are not a whole name by themselves: "Greens and Australian Democrats" are two parties, "House and Senate Republicans" two groups.
 */
function headedNameAt(text: string, tokens: readonly Token[], k: number): boolean {
  // "House and Senate Republicans": a second part opening with a body's head word is a whole name too.
  if (classifyWord(tokens[k].word) === 'demonym' || ORGANIZATION_HEADS.has(tokens[k].word)) return false;
  let end = k;
  while (end + 1 < tokens.length && tokens[end + 1].nameLike && !tokens[end].possessive && /^[ \u00a0]$/.test(text.slice(tokens[end].end, tokens[end + 1].start))) end++;
  return end > k && ORGANIZATION_HEADS.has(tokens[end].word);
}

export function joinTokens(text: string, tokens: readonly Token[]): string {
  return cleanName(text.slice(tokens[0].start, tokens[tokens.length - 1].end));
}

export function spanOf(tokens: readonly Token[]): Span {
  return { start: tokens[0].start, end: tokens[tokens.length - 1].end };
}
