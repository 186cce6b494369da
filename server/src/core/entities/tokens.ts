import type { EntityKind, Span } from '../model';
import { PERSON_CUES_BEFORE } from './cues';
import { alternation, NAME_ABBREVIATIONS, NAME_CONNECTORS, NAME_PARTICLES } from '../lexicon';
import { cleanName } from './names';
import type { EntityRule } from './rules';

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

/** Tokens of `[from, to)`: words (with their possessive noted), dotted acronyms, abbreviations and punctuation. */
export function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  const re = new RegExp(TOKEN.source, 'gu');
  re.lastIndex = from;
  let sentenceStart = true;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    let raw = m[0];
    const start = m.index;
    if (/^[.!?;:,()[\]"“”‘’—–]$/.test(raw)) {
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
    if (/^\p{Lu}\.$/u.test(raw) && !(tokens.length && tokens[tokens.length - 1].nameLike && tokens[tokens.length - 1].end === start - 1)) {
      raw = raw.slice(0, -1);
      endsSentence = true;
    }
    const possessive = /[’']s$/.test(raw) && raw.length > 2;
    const word = possessive ? raw.slice(0, -2) : raw;
    // "I'm", "We're", "Don't": a contraction is never a name, only a capitalised sentence opener.
    const nameLike = (isCapitalised(word) && !CONTRACTION.test(word)) || /^(?:al|el|ad|as|ash|at|az|an|ar)-\p{Lu}/u.test(word);
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
      const insideLongName = lower === 'and' && run.some((x) => NAME_CONNECTORS.has(x.word)) && k === j + 1 && k < tokens.length && tokens[k].nameLike;
      const joinable = insideLongName || (k > j && k < tokens.length && tokens[k].nameLike && k - j <= 3 && (NAME_PARTICLES.has(lower) || NAME_CONNECTORS.has(lower)));
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

export function joinTokens(text: string, tokens: readonly Token[]): string {
  return cleanName(text.slice(tokens[0].start, tokens[tokens.length - 1].end));
}

export function spanOf(tokens: readonly Token[]): Span {
  return { start: tokens[0].start, end: tokens[tokens.length - 1].end };
}
