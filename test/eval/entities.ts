/**
 * `npm run eval` (as out/eval/entities.js): people, places and organizations.
 * (a) CoNLL-2003 English test set (../shared/data/conll2003/eng.testb, read in place, never copied):
 *     entity-level precision / recall / F1 for PER, LOC and ORG (exact spans; MISC is not ours to find,
 *     so it counts neither way). Sentences are rejoined with single spaces; consecutive sentences are
 *     grouped by their CoNLL document (-DOCSTART-), one article each, so that a surname can refer
 *     back to a full name, as in news.
 * (b) The seeds: distinct people, places and organizations per file, expectations in
 *     test/fixtures/seed-entities.json written by reading the seeds. A found entity counts when its
 *     canonical name or one of its aliases is one of the names listed for that entity.
 * (c) The full core's throughput on the seeds repeated to ~1 MB (no cache hits).
 * Writes a summary to out/eval/entities.json for the README.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeDocument, ArticleCache } from '../../server/src/core/analyze';
import { RULES } from '../../server/src/core/entities';
import { recognizeMentions as recognizeEntities } from '../../server/src/core/entities/recognition';
import type { EntityKind, Span } from '../../server/src/core/model';
import { oneArticleLayout } from '../support/layout';
import { formatByRule, groupByRule, type FoundMistake } from './support/byRule';

type ConllType = 'PER' | 'LOC' | 'ORG';
const KIND_TO_CONLL: Record<EntityKind, ConllType> = { person: 'PER', place: 'LOC', organization: 'ORG' };

interface Scores {
  tp: number;
  fp: number;
  fn: number;
}

function prf(s: Scores): { precision: number; recall: number; f1: number } {
  const precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 0;
  const recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function table(rows: [string, Scores][]): string {
  const lines = ['kind   precision  recall     F1      (tp / fp / fn)'];
  for (const [name, s] of rows) {
    const { precision, recall, f1 } = prf(s);
    lines.push(`${name.padEnd(6)} ${pct(precision).padStart(9)} ${pct(recall).padStart(8)} ${pct(f1).padStart(7)}      (${s.tp} / ${s.fp} / ${s.fn})`);
  }
  return lines.join('\n');
}

const repoRoot = resolve(__dirname, '..', '..');
const summary: Record<string, unknown> = {};

// ---------------- (a) CoNLL-2003 ----------------

interface Sentence {
  readonly text: string;
  /** Index of the CoNLL document (-DOCSTART-) the sentence belongs to. */
  readonly doc: number;
  readonly gold: { type: ConllType; start: number; end: number }[];
}

function readConll(path: string): Sentence[] {
  const sentences: Sentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  let doc = 0;
  const flush = (): void => {
    if (!tokens.length) return;
    let text = '';
    const starts: number[] = [];
    for (const t of tokens) {
      if (text) text += ' ';
      starts.push(text.length);
      text += t;
    }
    const gold: Sentence['gold'] = [];
    let open: { type: string; start: number; end: number } | null = null;
    tags.forEach((tag, i) => {
      const [bio, type] = tag.split('-');
      const end = starts[i] + tokens[i].length;
      if (bio === 'I' && open && open.type === type) open.end = end;
      else {
        if (open) gold.push(open as Sentence['gold'][number]);
        open = bio === 'B' || bio === 'I' ? { type, start: starts[i], end } : null;
      }
    });
    if (open) gold.push(open);
    sentences.push({ text, doc, gold: gold.filter((g) => g.type === 'PER' || g.type === 'LOC' || g.type === 'ORG') });
    tokens = [];
    tags = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const parts = line.trim().split(' ');
    if (!line.trim() || parts[0] === '-DOCSTART-') {
      flush();
      if (parts[0] === '-DOCSTART-') doc++;
      continue;
    }
    tokens.push(parts[0]);
    tags.push(parts[parts.length - 1]);
  }
  flush();
  return sentences;
}

function evaluateConll(): void {
  const path = resolve(repoRoot, '..', 'shared', 'data', 'conll2003', 'eng.testb');
  if (!existsSync(path)) {
    console.log(`CoNLL-2003: ${path} not found (../shared beside the repository); skipped.`);
    return;
  }
  const sentences = readConll(path);
  const scores: Record<ConllType, Scores> = { PER: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 } };
  const misses = new Map<string, number>();
  const falsePositives = new Map<string, number>();
  const errorPatterns = new Map<string, number>();
  const ruleMistakes: FoundMistake[] = [];
  const ruleCorrect: (string | undefined)[] = [];
  const started = Date.now();
  let chars = 0;
  // One CoNLL document (a Reuters story or results table) is one article: surnames refer back within it.
  const documents = new Map<number, Sentence[]>();
  for (const s of sentences) documents.set(s.doc, [...(documents.get(s.doc) ?? []), s]);
  for (const group of documents.values()) {
    let text = '';
    const paragraphs: Span[] = [];
    const gold: { type: ConllType; start: number; end: number }[] = [];
    for (const s of group) {
      if (text) text += '\n';
      const offset = text.length;
      text += s.text;
      paragraphs.push({ start: offset, end: offset + s.text.length });
      for (const e of s.gold) gold.push({ type: e.type, start: e.start + offset, end: e.end + offset });
    }
    chars += text.length;
    const layout = oneArticleLayout(text, paragraphs);
    const found = recognizeEntities(text, layout).map((m) => ({ type: KIND_TO_CONLL[m.kind], start: m.span.start, end: m.span.end, rule: m.rule }));
    const key = (e: { type: string; start: number; end: number }): string => `${e.type}:${e.start}:${e.end}`;
    const goldKeys = new Set(gold.map(key));
    const foundKeys = new Set(found.map(key));
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
    for (const e of found) {
      if (goldKeys.has(key(e))) {
        scores[e.type].tp++;
        ruleCorrect.push(e.rule);
      } else {
        scores[e.type].fp++;
        const label = `${e.type} ${text.slice(e.start, e.end)}`;
        falsePositives.set(label, (falsePositives.get(label) ?? 0) + 1);
        if (process.env.CONLL_FP === label) console.log(`  extra ${label}: ${text.slice(Math.max(0, e.start - 80), e.end + 60)}`.replace(/\n/g, ' / '));
        const g = gold.find((x) => overlaps(x, e));
        const pattern = !g
          ? `spurious ${e.type}`
          : g.start === e.start && g.end === e.end
            ? `${g.type} typed as ${e.type}`
            : g.type === e.type
              ? `${e.type} span differs`
              : `${g.type} typed as ${e.type}, span differs`;
        errorPatterns.set(pattern, (errorPatterns.get(pattern) ?? 0) + 1);
        ruleMistakes.push({ rule: e.rule, pattern });
      }
    }
    for (const e of gold) {
      if (!foundKeys.has(key(e))) {
        scores[e.type].fn++;
        const label = `${e.type} ${text.slice(e.start, e.end)}`;
        misses.set(label, (misses.get(label) ?? 0) + 1);
        if (process.env.CONLL_DUMP === e.type && !found.some((x) => overlaps(x, e)))
          console.log(`  miss ${e.type}: ${text.slice(Math.max(0, e.start - 50), e.start)}[[${text.slice(e.start, e.end)}]]${text.slice(e.end, e.end + 40)}`.replace(/\n/g, ' / '));
        if (!found.some((x) => overlaps(x, e))) errorPatterns.set(`${e.type} not found at all`, (errorPatterns.get(`${e.type} not found at all`) ?? 0) + 1);
      }
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const all: Scores = { tp: 0, fp: 0, fn: 0 };
  for (const s of Object.values(scores)) {
    all.tp += s.tp;
    all.fp += s.fp;
    all.fn += s.fn;
  }
  console.log(`\nCoNLL-2003 English test (eng.testb): ${sentences.length} sentences, entity level, exact spans`);
  console.log(
    table([
      ['PER', scores.PER],
      ['LOC', scores.LOC],
      ['ORG', scores.ORG],
      ['all', all],
    ]),
  );
  console.log(`recogniser speed on this text: ${(chars / 1e6 / seconds).toFixed(2)} MB/s`);
  // eng.testb is a check, never a source of fixes: its errors print only on request (the dev split's are in out/eval/pipeline.js).
  if (process.argv.includes('--testb-errors')) {
    const top = (m: Map<string, number>): string =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 20)
        .map(([k, n]) => `${k} (${n})`)
        .join('; ');
    console.log(`most frequent misses: ${top(misses)}`);
    console.log(`most frequent false positives: ${top(falsePositives)}`);
    console.log(`error patterns: ${top(errorPatterns)}`);
    console.log(`found mentions by rule (misses have none):\n${formatByRule(groupByRule(ruleMistakes, ruleCorrect))}`);
  }
  const rows: [string, Scores][] = [...Object.entries(scores), ['all', all]];
  summary.conll = Object.fromEntries(rows.map(([k, s]) => [k, { ...s, ...prf(s) }]));
}

// ---------------- (b) the seeds ----------------

interface SeedExpectation {
  readonly person: readonly (string | readonly string[])[];
  readonly place: readonly (string | readonly string[])[];
  readonly organization: readonly (string | readonly string[])[];
}

function evaluateSeeds(): void {
  const fixture = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'seed-entities.json'), 'utf8')) as { files: Record<string, SeedExpectation> };
  const seedDir = join(repoRoot, 'seeds');
  const totals: Record<EntityKind, Scores> = { person: { tp: 0, fp: 0, fn: 0 }, place: { tp: 0, fp: 0, fn: 0 }, organization: { tp: 0, fp: 0, fn: 0 } };
  const perFile: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [prefix, expected] of Object.entries(fixture.files)) {
    const name = readdirSync(seedDir).find((n) => n.startsWith(prefix));
    if (!name) continue;
    const model = analyzeDocument(readFileSync(join(seedDir, name), 'utf8'));
    const fileScores: Record<string, Scores> = {};
    for (const kind of ['person', 'place', 'organization'] as const) {
      const listed = expected[kind].map((e) => (typeof e === 'string' ? [e] : [...e]).map((n) => n.toLowerCase()));
      // The reading leaves bylines, author lines and credits out: entities named only there are not scored.
      const fromCredits = new Set(model.entities.map((e) => e.id));
      for (const article of model.articles) for (const m of article.mentions) if (m.rule !== RULES.creditLine) fromCredits.delete(m.entityId);
      const found = model.entities.filter((e) => e.kind === kind && !fromCredits.has(e.id));
      const matched = new Set<number>();
      const s: Scores = { tp: 0, fp: 0, fn: 0 };
      for (const entity of found) {
        const names = [entity.name, ...entity.aliases].map((n) => n.toLowerCase());
        const hit = listed.findIndex((alts, i) => !matched.has(i) && alts.some((a) => names.includes(a)));
        if (hit >= 0) {
          matched.add(hit);
          s.tp++;
        } else if (listed.some((alts) => alts.some((a) => names.includes(a)))) {
          // A second entity for a name already matched: the linker split one entity in two.
          s.fp++;
          errors.push(`${prefix} ${kind}: split entity "${entity.name}"`);
        } else {
          s.fp++;
          errors.push(`${prefix} ${kind}: extra "${entity.name}"`);
        }
      }
      listed.forEach((alts, i) => {
        if (!matched.has(i)) {
          s.fn++;
          errors.push(`${prefix} ${kind}: missed "${alts[0]}"`);
        }
      });
      fileScores[kind] = s;
      totals[kind].tp += s.tp;
      totals[kind].fp += s.fp;
      totals[kind].fn += s.fn;
    }
    perFile[prefix] = Object.fromEntries(Object.entries(fileScores).map(([k, s]) => [k, { ...s, ...prf(s) }]));
    const all = Object.values(fileScores).reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
    console.log(`\nseed ${name}: distinct entities`);
    console.log(
      table([
        ['PER', fileScores.person],
        ['LOC', fileScores.place],
        ['ORG', fileScores.organization],
        ['all', all],
      ]),
    );
  }
  const all = Object.values(totals).reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  console.log('\nseeds, all files: distinct people / places / organizations per file');
  console.log(
    table([
      ['PER', totals.person],
      ['LOC', totals.place],
      ['ORG', totals.organization],
      ['all', all],
    ]),
  );
  console.log(`remaining errors (${errors.length}):\n  ${errors.join('\n  ')}`);
  const rows: [string, Scores][] = [...Object.entries(totals), ['all', all]];
  summary.seeds = { perFile, totals: Object.fromEntries(rows.map(([k, s]) => [k, { ...s, ...prf(s) }])) };
}

// ---------------- (c) speed of the full core ----------------

/**
 * analyzeDocument over the five seeds repeated to ~1 MB, every paragraph of every copy varied so the
 * per-article cache never hits (a fresh cache each run): the throughput of the whole core.
 */
function measureSpeed(): void {
  const seedDir = join(repoRoot, 'seeds');
  const seeds = readdirSync(seedDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => readFileSync(join(seedDir, n), 'utf8'))
    .join('\n\n');
  let corpus = '';
  for (let copy = 0; corpus.length < 1_000_000; copy++) corpus += `${seeds.replace(/\.\n/g, () => `. (${copy})\n`)}\n\n`;
  analyzeDocument(seeds.slice(0, 20_000), { cache: new ArticleCache() }); // loads the gazetteer and the lexicon
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    analyzeDocument(corpus, { cache: new ArticleCache() });
    runs.push(corpus.length / 1e6 / ((performance.now() - started) / 1000));
  }
  const median = [...runs].sort((a, b) => a - b)[1];
  console.log(
    `\nfull core (analyzeDocument) on the seeds repeated and varied to ${(corpus.length / 1e6).toFixed(2)} MB, fresh cache: ${runs.map((r) => r.toFixed(2)).join(' / ')} MB/s (median ${median.toFixed(2)}; target ≥ 0.5)`,
  );
  summary.speed = { corpusChars: corpus.length, runsMBps: runs, medianMBps: median };
}

evaluateConll();
evaluateSeeds();
measureSpeed();
mkdirSync(join(repoRoot, 'out', 'eval'), { recursive: true });
writeFileSync(join(repoRoot, 'out', 'eval', 'entities.json'), `${JSON.stringify(summary, null, 2)}\n`);
