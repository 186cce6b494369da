import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ABBREVIATION, isCapitalised, TOKEN, tokenize } from '../../server/src/core/entities/tokens';
import { lowercaseWordsOf } from '../../server/src/core/entities/recognizer';
import { alternation, NAME_PARTICLES } from '../../server/src/core/lexicon';
import { buildRun, findNameRuns, type NameRun } from '../../server/src/core/quotes/names';
import { KEEPS_STOP, tokenizeSentences, WORD, type TaggerToken } from '../../server/src/core/entities/tagger/tokens';
import { seededRandom } from '../../server/src/util/random';
import { seedTexts as seedFiles } from '../robustness/inputs';

/**
 * The hand-written scanners that replaced a regular expression per token give what the regex gave:
 * each is compared with its regex form (kept here as the reference) on the seeds and on random text
 * made of the characters the patterns treat specially (capitals, marks, digits, apostrophes, dots,
 * signs, spaces, surrogate pairs and lone surrogates), from random start and end offsets.
 */

const seedTexts = seedFiles().map((s) => s.text);

const PIECES = [
  'a',
  'b',
  's',
  't',
  'm',
  'n',
  'd',
  'l',
  're',
  've',
  'al',
  'el',
  'A',
  'B',
  'V',
  'X',
  'É',
  'é',
  'ß',
  'İ',
  'ı',
  'Σ',
  'ς',
  'Ж',
  'ж',
  '\u0301',
  '\u0308',
  '1',
  '7',
  '٣',
  '½',
  'Ⅻ',
  '’',
  "'",
  '‘',
  '-',
  '–',
  '—',
  '.',
  '..',
  '...',
  ',',
  ';',
  ':',
  '!',
  '?',
  '(',
  ')',
  '[',
  ']',
  '"',
  '“',
  '”',
  ' ',
  ' ',
  ' ',
  '\u00a0',
  '\n',
  '\t',
  '\u2009',
  '@',
  '#',
  '/',
  '&',
  '𝐀',
  '𝐚',
  '𝟏',
  '😀',
  '\ud835',
  '\udc00',
  'Mr',
  'Gen',
  'Jr',
  'U',
  'S',
  'al-',
  'Smith',
  'Putin',
  'Don',
  'I',
  'can',
  'They',
];

const FEW = ['a', 'A', 'I', 's', 'm', 't', 'd', 'r', 'e', 'v', 'l', 'n', '.', '-', "'", '’', ' ', '1', '_', 'É', '\u0301', '𝐀', '\ud835', ','];

function randomText(random: () => number, length: number, pieces: readonly string[]): string {
  let s = '';
  while (s.length < length) s += pieces[Math.floor(random() * pieces.length)];
  return s;
}

/** Texts and windows to compare on: every seed paragraph, plus random texts from random offsets. */
function* windows(): Generator<[string, number, number]> {
  for (const text of seedTexts) {
    let start = 0;
    for (const paragraph of text.split('\n')) {
      yield [text, start, start + paragraph.length];
      start += paragraph.length + 1;
    }
  }
  const random = seededRandom(14);
  for (let k = 0; k < 6000; k++) {
    // Half from a small alphabet, so that short patterns (contractions, initials, dashes) occur often.
    const text = randomText(random, 1 + Math.floor(random() * 60), k % 2 ? PIECES : FEW);
    const from = Math.floor(random() * text.length);
    yield [text, from, from + Math.floor(random() * (text.length - from + 2))];
  }
}

/** entities/tokens.ts tokenize as it was, one TOKEN match at a time. */
function tokenizeByRegex(text: string, from: number, to: number): ReturnType<typeof tokenize> {
  const CONTRACTION = /[’'](?:m|re|ve|ll|d)$|n[’']t$/u;
  const tokens: ReturnType<typeof tokenize> = [];
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
    let endsSentence = false;
    if (raw.endsWith('.') && !/^(?:\p{Lu}\.)+$/u.test(raw) && !ABBREVIATION.test(raw.slice(0, -1))) {
      raw = raw.slice(0, -1);
      endsSentence = true;
    }
    if (start + raw.length > to) raw = raw.slice(0, to - start);
    if (/^\p{Lu}\.$/u.test(raw) && !(tokens.length && tokens[tokens.length - 1].nameLike && tokens[tokens.length - 1].end === start - 1)) {
      raw = raw.slice(0, -1);
      endsSentence = true;
    }
    const possessive = /[’']s$/.test(raw) && raw.length > 2;
    const word = possessive ? raw.slice(0, -2) : raw;
    const nameLike = (isCapitalised(word) && !CONTRACTION.test(word)) || /^(?:al|el|ad|as|ash|at|az|an|ar)-\p{Lu}/u.test(word);
    tokens.push({ start, end: start + word.length, word, possessive, sentenceStart, nameLike });
    sentenceStart = endsSentence;
    if (endsSentence) tokens.push({ start: start + raw.length, end: start + raw.length + 1, word: '.', possessive: false, sentenceStart: false, nameLike: false });
  }
  return tokens;
}

test('entities tokenize: the scanner gives what the TOKEN regex gave', () => {
  let compared = 0;
  for (const [text, from, to] of windows()) {
    assert.deepEqual(tokenize(text, from, to), tokenizeByRegex(text, from, to), JSON.stringify({ text, from, to }));
    compared++;
  }
  assert.ok(compared > 6000);
});

test('recognizer lowercaseWordsOf: the scan finds the words the regex found', () => {
  const word = /(?<![\p{L}\p{N}’'-])\p{Ll}[\p{Ll}\p{M}]+/gu;
  for (const text of new Set([...windows()].map(([text]) => text))) {
    const expected = new Set<string>();
    for (const m of text.matchAll(word)) expected.add(m[0]);
    assert.deepEqual([...lowercaseWordsOf(text)].sort(), [...expected].sort(), JSON.stringify(text));
  }
});

/** quotes/names.ts findNameRuns as it was, one regex match per token. */
function findNameRunsByRegex(text: string, from: number, to: number): NameRun[] {
  const PARTICLES = new RegExp(`^(?:${alternation(NAME_PARTICLES)})$`);
  const isNameToken = (token: string): boolean => /^(?:\p{Lu}[\p{L}\p{M}’'\-.]*|\p{Lu}\.)$/u.test(token) || /^(?:al|el|ad|as|ash|at|az|an|ar|adh|ul)-\p{Lu}/u.test(token);
  const isJoiningWord = (lower: string): boolean => PARTICLES.test(lower) || lower === 'of' || lower === 'for';
  const runs: NameRun[] = [];
  const tokenRe = /[\p{L}\p{N}][\p{L}\p{M}\p{N}’'\-.]*/gu;
  tokenRe.lastIndex = from;
  let current: { start: number; end: number; tokens: string[] } | null = null;
  const flush = (): void => {
    if (current) {
      const run = buildRun(text, current.tokens, current.start);
      if (run) runs.push(run);
    }
    current = null;
  };
  for (let m = tokenRe.exec(text); m && m.index < to; m = tokenRe.exec(text)) {
    let token = m[0];
    if (token.endsWith('.') && !/^(?:\p{Lu}\.|Mr\.|Ms\.|Mrs\.|Dr\.|Jr\.|Sr\.|St\.|Gen\.|Maj\.|Lt\.|Col\.|Capt\.|Sgt\.|Adm\.|Gov\.|Sen\.|Rep\.|Rev\.|Prof\.|(?:\p{Lu}\.)+)$/u.test(token)) {
      token = token.replace(/\.+$/, '');
    }
    const start = m.index;
    const end = Math.min(start + token.length, to);
    const gap = current ? text.slice(current.end, start) : '';
    const joinable = current !== null && /^ $/.test(gap);
    if (isNameToken(token)) {
      if (!joinable) flush();
      if (!current) current = { start, end, tokens: [token] };
      else {
        current.tokens.push(token);
        current.end = end;
      }
      if (/[’']s?$/.test(token)) flush();
    } else if (joinable && current && isJoiningWord(token.toLowerCase()) && /^\s\S/.test(text.slice(end, end + 2))) {
      const after = text.slice(end + 1, Math.min(to, end + 40));
      if (/^(?:(?:al|el|bin|ibn|abu|von|van|der|den|de|da|del|di|du|la|le|of|for|the)\s+)*[\p{Lu}]/u.test(after)) {
        current.tokens.push(token);
        current.end = end;
      } else flush();
    } else {
      flush();
    }
  }
  flush();
  return runs;
}

test('quotes findNameRuns: the scan gives the runs the token regex gave', () => {
  for (const [text, from, to] of windows()) {
    assert.deepEqual(findNameRuns(text, from, to), findNameRunsByRegex(text, from, to), JSON.stringify({ text, from, to }));
  }
});

/** entities/tagger/tokens.ts tokenizeSentences as it was, one WORD match at a time. */
function tokenizeSentencesByRegex(text: string, from: number, to: number): TaggerToken[][] {
  const sentences: TaggerToken[][] = [];
  let current: TaggerToken[] = [];
  const re = new RegExp(WORD.source, 'gu');
  re.lastIndex = from;
  const slice = text.slice(0, to);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    let word = m[0];
    let end = m.index + word.length;
    if (text.charCodeAt(end) === 46 && end < to && KEEPS_STOP.test(word) && !/[.]/.test(text[end + 1] ?? '')) {
      word += '.';
      end++;
      re.lastIndex = end;
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

test('tagger tokenizeSentences: the scan gives the tokens the WORD regex gave', () => {
  for (const [text, from, to] of windows()) {
    assert.deepEqual(tokenizeSentences(text, from, to), tokenizeSentencesByRegex(text, from, to), JSON.stringify({ text, from, to }));
  }
});
