// Builds the benchmark corpora from the seeds: each copy of a seed is varied (names renamed
// consistently, dates shifted, body paragraphs shuffled) so that no two copies are the same text and
// a per-article cache cannot answer a copy from an earlier one.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../server/src/util/random';

/** Bump when the generator changes, so cached corpora are rebuilt. */
const GENERATOR_VERSION = 2;

export interface Corpora {
  dir: string;
  seeds: { name: string; path: string; text: string }[];
  oneMb: string;
  tenMb: string;
  folder: string;
  folderFiles: number;
  folderBytes: number;
}

/** The seeded generator of the generated corpora (util/random.ts). */
export const prng = seededRandom;

const SYLLABLES = ['ka', 'ri', 'mo', 'lan', 'te', 'vos', 'da', 'ner', 'shi', 'bar', 'el', 'tor', 'qui', 'zan', 'po', 'len', 'ab', 'ro', 'mir', 'sa'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_ABBR = MONTHS.map((m) => m.slice(0, 3));

function inventedName(random: () => number): string {
  const n = 2 + Math.floor(random() * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return s[0].toUpperCase() + s.slice(1);
}

/**
 * Replaces about a third of the capitalised words of the text, each consistently by one invented
 * name, so names (and therefore entities) differ between copies while the sentence shapes stay news-like.
 */
function renameCapitalisedWords(text: string, random: () => number): string {
  // Only words seen capitalised mid-sentence: names, not sentence-initial common words.
  const words = new Set(text.match(/(?<=[a-z,] )[A-Z][a-z]{3,}\b/g) ?? []);
  const renames = new Map<string, string>();
  for (const w of words) if (random() < 0.35) renames.set(w, inventedName(random));
  if (!renames.size) return text;
  return text.replace(/\b[A-Z][a-z]{3,}\b/g, (w) => renames.get(w) ?? w);
}

function shiftDay(year: number, month0: number, day: number, days: number): Date {
  return new Date(Date.UTC(year, month0, day + days));
}

/** Shifts ISO dates, "December 7[, 2024]" and "Dec 02, 2024" by the same number of days. */
function shiftDates(text: string, days: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  let out = text.replace(/\b(20\d\d)-(\d\d)-(\d\d)\b/g, (all, y: string, m: string, d: string) => {
    const date = shiftDay(Number(y), Number(m) - 1, Number(d), days);
    return Number.isNaN(date.getTime()) ? all : `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  });
  const monthRe = new RegExp(`\\b(${MONTHS.join('|')}|${MONTH_ABBR.join('|')}) (\\d{1,2})(, (20\\d\\d))?\\b`, 'g');
  out = out.replace(monthRe, (all, month: string, day: string, _yearPart: string | undefined, year: string | undefined) => {
    const abbreviated = month.length === 3;
    const m0 = abbreviated ? MONTH_ABBR.indexOf(month) : MONTHS.indexOf(month);
    const date = shiftDay(year ? Number(year) : 2024, m0, Number(day), days);
    if (Number.isNaN(date.getTime())) return all;
    const name = abbreviated ? MONTH_ABBR[date.getUTCMonth()] : MONTHS[date.getUTCMonth()];
    const dayText = day.length === 2 ? pad(date.getUTCDate()) : String(date.getUTCDate());
    return `${name} ${dayText}${year ? `, ${date.getUTCFullYear()}` : ''}`;
  });
  return out;
}

/** Shuffles the body paragraphs (everything after the first few lines, which hold headline and dateline). */
function shuffleBody(text: string, random: () => number): string {
  const lines = text.split('\n');
  const head = lines.slice(0, 6);
  const body = lines.slice(6);
  // Swap neighbouring paragraphs only: far moves would turn every article into a collage.
  for (let i = 0; i + 1 < body.length; i += 2) {
    if (random() < 0.3) [body[i], body[i + 1]] = [body[i + 1], body[i]];
  }
  return [...head, ...body].join('\n');
}

export function varySeed(text: string, copy: number): string {
  const random = prng(0x9e3779b9 ^ (copy * 7919));
  const days = Math.floor(random() * 700) - 350;
  return shuffleBody(shiftDates(renameCapitalisedWords(text, random), days), random);
}

function readSeeds(root: string): Corpora['seeds'] {
  const dir = join(root, 'seeds');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

/** Copies of varied seeds, in a shuffled seed order, joined by blank lines until `bytes` is reached. */
function buildFile(seeds: Corpora['seeds'], bytes: number, salt: number): string {
  const random = prng(salt);
  const parts: string[] = [];
  let size = 0;
  for (let copy = 0; size < bytes; copy++) {
    const seed = seeds[Math.floor(random() * seeds.length)];
    const part = varySeed(seed.text, copy + salt).trim();
    parts.push(part);
    size += Buffer.byteLength(part) + 3;
  }
  return parts.join('\n\n\n') + '\n';
}

export function buildCorpora(root: string, log: (s: string) => void = () => undefined): Corpora {
  const dir = join(root, 'bench', 'corpus');
  const seeds = readSeeds(root);
  const stampPath = join(dir, 'stamp.json');
  const stamp = JSON.stringify({ GENERATOR_VERSION, seeds: seeds.map((s) => [s.name, s.text.length]) });
  const folder = join(dir, 'folder');
  const oneMb = join(dir, '1mb.txt');
  const tenMb = join(dir, '10mb.txt');
  const fresh = existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp;
  const folderFiles = 2_000;
  if (!fresh) {
    log('building corpora in bench/corpus …');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(oneMb, buildFile(seeds, 1024 * 1024, 1));
    writeFileSync(tenMb, buildFile(seeds, 10 * 1024 * 1024, 1_000));
    // One article file per seed copy, cycling through the seeds, in subfolders of 100 like a scrape archive.
    for (let i = 0; i < folderFiles; i++) {
      const seed = seeds[i % seeds.length];
      const sub = join(folder, `batch-${String(Math.floor(i / 100)).padStart(2, '0')}`);
      if (i % 100 === 0) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `${String(i).padStart(4, '0')}_${seed.name.slice(4, 12)}.txt`), varySeed(seed.text, 100_000 + i));
    }
    writeFileSync(stampPath, stamp);
  }
  let folderBytes = 0;
  for (const sub of readdirSync(folder)) for (const f of readdirSync(join(folder, sub))) folderBytes += readFileSync(join(folder, sub, f)).length;
  return { dir, seeds, oneMb, tenMb, folder, folderFiles, folderBytes };
}
