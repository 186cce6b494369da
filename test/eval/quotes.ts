/**
 * `npm run eval` (as out/eval/quotes.js): quotations and their speakers.
 * (b) PolNeAR direct quotations, read from ../shared/data/polnear (resolved from the working directory, never copied):
 *     quotations found (recall, precision) and speaker right where the source is a name or noun phrase.
 *     Headline figures: the test split (lines 1–84). Tuning was done on dev/train only.
 * (c) The seeds: expectations in test/fixtures/seed-quotes.json, written by reading the seed texts.
 * Also times findDates / findQuotations alone (MB/s).
 *
 * Each PolNeAR article runs through `analyzeArticle` (the recogniser, then dates and quotations) with a layout of
 * one article: the first non-empty line is the headline, every other non-empty line a paragraph (PolNeAR texts put
 * one paragraph a line), the publication date from the metadata. The seeds run through `analyzeDocument`
 * (segmentation, per-article analysis, linking): the path the editor uses.
 *
 * Options: --dev-examples N (print N speaker errors from the dev split, or from train with --train: for tuning),
 *          --train (also score the train split), --test (also score the test split: a check, read rarely),
 *          --dump FILE (one JSON line per listed named quotation of the tuning splits).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeArticle, analyzeDocument } from '../../server/src/core/analyze';
import { findDates } from '../../server/src/core/dates';
import { findQuotations } from '../../server/src/core/quotes';
import type { ArticleLayout, Quotation, Span } from '../../server/src/core/model';
import { nonBlankLines, oneArticleLayout } from '../support/layout';
import { PRONOUN_SOURCE, isNamedSource, overlap, quoteMatches, speakerNamesAgree } from '../../server/scripts/quoteScoring';

interface GoldQuote {
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly speaker: string | null;
}
interface GoldArticle {
  readonly text: string;
  readonly quotes: readonly GoldQuote[];
}
interface MetaQuote {
  readonly speaker_spans: ReadonlyArray<readonly [number, number]>;
  readonly quoted_share_of_content: number;
}
interface MetaArticle {
  readonly line: number;
  readonly split: 'test' | 'dev' | 'train';
  readonly date: string | null;
  readonly quotes: readonly MetaQuote[];
}

const args = process.argv.slice(2);
const devExamples = Number(args[args.indexOf('--dev-examples') + 1] ?? 0) || 0;
const withTrain = args.includes('--train');
const withTest = args.includes('--test');
/** `--dump FILE`: one JSON line per listed named quotation of the tuning splits (to compare with quotesCli's). */
const dumpPath = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : null;
const dump: string[] = [];
/** Examples come from a tuning split only, never from test. */
const exampleSplit = withTrain ? 'train' : 'dev';

// ---------- PolNeAR ----------

function layoutOfLines(text: string, date: string | null): ArticleLayout {
  const [headline, ...paragraphs] = nonBlankLines(text, true);
  return oneArticleLayout(text, paragraphs, { title: headline ? text.slice(headline.start, headline.end) : null, headlineSpan: headline ?? null, date });
}

interface SplitScore {
  articles: number;
  gold: number;
  goldFound: number;
  found: number;
  foundStatements: number;
  foundMatching: number;
  statementsMatching: number;
  named: number;
  namedFound: number;
  namedRight: number;
  namedNull: number;
  pronounGold: number;
  pronounGiven: number;
  chars: number;
  ms: number;
  errors: Map<string, number>;
  examples: string[];
}

function newScore(): SplitScore {
  return {
    articles: 0,
    gold: 0,
    goldFound: 0,
    found: 0,
    foundStatements: 0,
    foundMatching: 0,
    statementsMatching: 0,
    named: 0,
    namedFound: 0,
    namedRight: 0,
    namedNull: 0,
    pronounGold: 0,
    pronounGiven: 0,
    chars: 0,
    ms: 0,
    errors: new Map(),
    examples: [],
  };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function context(text: string, span: Span, width = 90): string {
  return text.slice(Math.max(0, span.start - width), Math.min(text.length, span.end + width)).replace(/\s+/g, ' ');
}

/** Where the gold speaker sits relative to the quote: the shape of the attribution. */
function attributionShape(text: string, gold: GoldQuote, meta: MetaQuote | undefined): string {
  const spans = meta?.speaker_spans ?? [];
  if (!spans.length) return 'no speaker span';
  const [s] = spans;
  if (s[0] >= gold.end) {
    const between = text.slice(gold.end, s[0]);
    return /[.!?]\s/.test(between) ? 'speaker in a later sentence' : between.length <= 12 ? 'speaker right after the quote' : 'speaker later in the sentence';
  }
  const between = text.slice(s[1], gold.start);
  if (/\n/.test(between)) return 'speaker in an earlier paragraph';
  if (/[.!?]["”]?\s/.test(between)) return 'speaker in an earlier sentence';
  return /[:,]\s*["“]?$/.test(between) ? 'speaker before, "X said:"' : 'speaker earlier in the sentence';
}

function scoreArticle(article: GoldArticle, meta: MetaArticle, score: SplitScore, keepExamples: number): void {
  const { text } = article;
  const layout = layoutOfLines(text, meta.date);
  const t0 = performance.now();
  const analysis = analyzeArticle(text, layout);
  score.ms += performance.now() - t0;
  score.chars += text.length;
  score.articles++;
  const found = analysis.quotes;
  const goldSpans = article.quotes.map((q) => ({ start: q.start, end: q.end }));
  score.found += found.length;
  for (const f of found) {
    const matching = goldSpans.some((g) => quoteMatches(f.contentSpan, g));
    if (matching) score.foundMatching++;
    if (!f.scare) {
      score.foundStatements++;
      if (matching) score.statementsMatching++;
    }
  }
  article.quotes.forEach((gold, i) => {
    score.gold++;
    const goldSpan = goldSpans[i];
    let best: Quotation | null = null;
    let bestOverlap = 0;
    for (const f of found) {
      const o = overlap(f.contentSpan, goldSpan);
      if (o > bestOverlap && quoteMatches(f.contentSpan, goldSpan)) {
        best = f;
        bestOverlap = o;
      }
    }
    if (best) score.goldFound++;
    else bump(score.errors, `quote missed (${found.some((f) => overlap(f.contentSpan, goldSpan) > 0) ? 'boundaries differ' : 'not found'})`);
    if (!isNamedSource(gold.speaker)) {
      if (gold.speaker && PRONOUN_SOURCE.test(gold.speaker.trim()) && !/^(?:null|says|said)$/i.test(gold.speaker.trim())) {
        score.pronounGold++;
        if (best?.speaker) score.pronounGiven++;
      }
      return;
    }
    score.named++;
    if (!best) return;
    score.namedFound++;
    const goldSpeakerSpans = (meta.quotes[i]?.speaker_spans ?? []).map(([start, end]) => ({ start, end }));
    const right = best.speaker !== null && ((best.speakerSpan !== null && goldSpeakerSpans.some((g) => overlap(g, best.speakerSpan!) > 0)) || speakerNamesAgree(best.speaker, gold.speaker ?? ''));
    if (dumpPath && meta.split !== 'test') dump.push(JSON.stringify({ split: meta.split, line: meta.line, quote: i, gold: gold.speaker, speaker: best.speaker, namedOk: right }));
    if (right) {
      score.namedRight++;
      return;
    }
    if (best.speaker === null) score.namedNull++;
    const shape = attributionShape(text, gold, meta.quotes[i]);
    bump(score.errors, `speaker ${best.speaker === null ? 'missing' : 'wrong'}: ${shape}${best.scare ? ' (marked scare)' : ''}`);
    if (score.examples.length < keepExamples) {
      score.examples.push(`  gold ${JSON.stringify(gold.speaker)} · got ${JSON.stringify(best.speaker)} · ${shape}${best.scare ? ' (marked scare)' : ''}\n    ${context(text, goldSpan)}`);
    }
  });
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a';
}

function readPolnear(): { articles: GoldArticle[]; metas: MetaArticle[] } | string {
  const dir = resolve(process.cwd(), '../shared/data/polnear');
  const dataPath = resolve(dir, 'quotes-eval.jsonl');
  const metaPath = resolve(dir, 'quotes-eval.meta.jsonl');
  if (!existsSync(dataPath) || !existsSync(metaPath)) return `PolNeAR not found at ${dir} (run from the repository root, beside ../shared)`;
  const articles = readFileSync(dataPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as GoldArticle);
  const metas = readFileSync(metaPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MetaArticle);
  if (articles.length !== metas.length) return `PolNeAR: ${articles.length} articles but ${metas.length} metadata lines`;
  return { articles, metas };
}

function evaluatePolnear(): void {
  const data = readPolnear();
  if (typeof data === 'string') {
    console.log(`(b) PolNeAR: skipped — ${data}`);
    return;
  }
  // The test split is a check read rarely (--test), never a target: by default only the tuning splits are scored.
  const splits: Array<'test' | 'dev' | 'train'> = [...(withTest ? (['test'] as const) : []), 'dev', ...(withTrain ? (['train'] as const) : [])];
  const scores = new Map(splits.map((s) => [s, newScore()]));
  data.articles.forEach((article, i) => {
    const meta = data.metas[i];
    const score = scores.get(meta.split);
    if (score) scoreArticle(article, meta, score, meta.split === exampleSplit ? devExamples : 0);
  });
  if (dumpPath) writeFileSync(dumpPath, dump.join('\n') + '\n');
  const header = `| measure | ${splits.map((s) => (s === 'test' ? '**test** (lines 1–84, headline)' : s)).join(' | ')} |`;
  console.log('\n(b) PolNeAR direct quotations — found ≥ 50 % overlap; speaker right where the source is a name or noun phrase\n');
  console.log(header);
  console.log(`| --- | ${splits.map(() => '---').join(' | ')} |`);
  const row = (label: string, f: (s: SplitScore) => string): void => console.log(`| ${label} | ${splits.map((s) => f(scores.get(s)!)).join(' | ')} |`);
  row('articles / listed quotes', (s) => `${s.articles} / ${s.gold}`);
  row('quotes found (recall; target ≥ 90 %)', (s) => `${pct(s.goldFound, s.gold)} (${s.goldFound}/${s.gold})`);
  row('precision, statements (scare quotes excluded)', (s) => `${pct(s.statementsMatching, s.foundStatements)} (${s.statementsMatching}/${s.foundStatements})`);
  row('precision, everything in marks', (s) => `${pct(s.foundMatching, s.found)} (${s.foundMatching}/${s.found})`);
  row('named speaker right, of found quotes (target ≥ 87 %)', (s) => `${pct(s.namedRight, s.namedFound)} (${s.namedRight}/${s.namedFound})`);
  row('named speaker right, of all listed named quotes', (s) => `${pct(s.namedRight, s.named)} (${s.namedRight}/${s.named})`);
  row('named speaker missing (null)', (s) => `${pct(s.namedNull, s.namedFound)}`);
  row('pronoun sources given a speaker (not verifiable)', (s) => `${pct(s.pronounGiven, s.pronounGold)}`);
  row('analysis speed (analyzeArticle, incl. recogniser)', (s) => `${(s.chars / 1e6 / (s.ms / 1000)).toFixed(2)} MB/s`);
  const test = scores.get('test');
  if (test) {
    console.log('\nWorst error patterns on the test split (count):');
    for (const [pattern, n] of [...test.errors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${String(n).padStart(4)}  ${pattern}`);
  }
  const tuning = scores.get(exampleSplit);
  if (devExamples && tuning) {
    console.log(`\nWorst error patterns on the ${exampleSplit} split (count):`);
    for (const [pattern, n] of [...tuning.errors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${String(n).padStart(4)}  ${pattern}`);
  }
  if (tuning?.examples.length) {
    console.log(`\nSpeaker errors on the ${exampleSplit} split (for tuning):`);
    for (const e of tuning.examples) console.log(e);
  }
}

// ---------- seeds ----------

interface SeedExpectation {
  readonly snippet: string;
  readonly speaker?: string | null;
  readonly scare?: boolean;
}

const normalize = (s: string): string => s.replace(/\s+/g, ' ').trim();

function evaluateSeeds(): void {
  const fixturePath = resolve(process.cwd(), 'test/fixtures/seed-quotes.json');
  if (!existsSync(fixturePath)) {
    console.log(`(c) seeds: skipped — ${fixturePath} not found`);
    return;
  }
  const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as { seeds: Record<string, SeedExpectation[]> };
  let statements = 0;
  let found = 0;
  let speakerRight = 0;
  let scareExpected = 0;
  let scareFlagged = 0;
  let extra = 0;
  const misses: string[] = [];
  console.log('\n(c) Seeds — quotations with speakers, expectations written by reading the texts (test/fixtures/seed-quotes.json)\n');
  console.log('| seed | statements | found | speaker right | short fragments as scare or partial | unexpected statements |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [file, expectations] of Object.entries(fixture.seeds)) {
    const path = resolve(process.cwd(), 'seeds', file);
    if (!existsSync(path)) {
      console.log(`| ${file} | missing | | | | |`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const quotes = analyzeDocument(text).articles.flatMap((a) => a.quotes);
    const used = new Set<number>();
    let fileStatements = 0;
    let fileFound = 0;
    let fileRight = 0;
    let fileScare = 0;
    let fileScareFlagged = 0;
    for (const e of expectations) {
      const snippet = normalize(e.snippet);
      const index = quotes.findIndex((q, i) => !used.has(i) && normalize(q.text).startsWith(snippet));
      const q = index >= 0 ? quotes[index] : undefined;
      if (index >= 0) used.add(index);
      if (e.scare) {
        fileScare++;
        // A short fragment listed as set apart is right as a scare quote or, with its sentence's attribution, a partial one.
        if (q && (q.kind ?? (q.scare ? 'scare' : 'statement')) !== 'statement') fileScareFlagged++;
        else misses.push(`  ${file}: scare quote ${JSON.stringify(e.snippet)} ${q ? 'taken as a statement' : 'not found'}`);
        continue;
      }
      fileStatements++;
      if (!q) {
        misses.push(`  ${file}: quote not found ${JSON.stringify(e.snippet)}`);
        continue;
      }
      fileFound++;
      const expected = e.speaker ?? null;
      const right = expected === null ? q.speaker === null : q.speaker !== null && speakerNamesAgree(q.speaker, expected);
      if (right) fileRight++;
      else misses.push(`  ${file}: ${JSON.stringify(e.snippet.slice(0, 40))} speaker ${JSON.stringify(q.speaker)}, expected ${JSON.stringify(expected)}`);
    }
    // Repeated lines (a caption printed twice) give the same quote twice: only count quotes with new text.
    const extraTexts = new Set(quotes.filter((q, i) => !used.has(i) && !q.scare).map((q) => normalize(q.text)));
    const expectedTexts = expectations.map((e) => normalize(e.snippet));
    const unexpected = [...extraTexts].filter((t) => !expectedTexts.some((s) => t.startsWith(s)));
    for (const t of unexpected) misses.push(`  ${file}: unexpected statement ${JSON.stringify(t.slice(0, 60))}`);
    console.log(`| ${file} | ${fileStatements} | ${fileFound} | ${fileRight} | ${fileScareFlagged}/${fileScare} | ${unexpected.length} |`);
    statements += fileStatements;
    found += fileFound;
    speakerRight += fileRight;
    scareExpected += fileScare;
    scareFlagged += fileScareFlagged;
    extra += unexpected.length;
  }
  console.log(`| **all** | ${statements} | ${pct(found, statements)} | **${pct(speakerRight, statements)}** (target ≥ 85 %) | ${scareFlagged}/${scareExpected} | ${extra} |`);
  if (misses.length) {
    console.log('\nSeed errors:');
    for (const m of misses) console.log(m);
  }
}

// ---------- speed ----------

function measureSpeed(): void {
  const texts: Array<{ text: string; layout: ArticleLayout }> = [];
  const data = readPolnear();
  if (typeof data !== 'string') {
    data.articles.forEach((a, i) => {
      if (data.metas[i].split !== 'train') texts.push({ text: a.text, layout: layoutOfLines(a.text, data.metas[i].date) });
    });
  }
  for (const file of ['000_71cd5522f0fb0de9.txt', '001_5e9364e78f587235.txt', '002_5882bd5ff167f378.txt', '003_5d235549dcba7daa.txt', '004_f9b9bb9c8095ce65.txt']) {
    const path = resolve(process.cwd(), 'seeds', file);
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      texts.push({ text, layout: layoutOfLines(text, '2024-12-02') });
    }
  }
  const chars = texts.reduce((n, t) => n + t.text.length, 0);
  const time = (run: () => void): number => {
    run(); // warm-up
    const t0 = performance.now();
    run();
    return performance.now() - t0;
  };
  const datesMs = time(() => texts.forEach((t) => findDates(t.text, t.layout)));
  const quotesMs = time(() => texts.forEach((t) => findQuotations(t.text, t.layout, [])));
  console.log(`\nSpeed on ${(chars / 1e6).toFixed(2)} MB (PolNeAR test+dev and the seeds), second run:`);
  console.log(`| stage | time | throughput |\n| --- | --- | --- |`);
  console.log(`| findDates | ${datesMs.toFixed(0)} ms | ${(chars / 1e6 / (datesMs / 1000)).toFixed(1)} MB/s |`);
  console.log(`| findQuotations (no recogniser mentions) | ${quotesMs.toFixed(0)} ms | ${(chars / 1e6 / (quotesMs / 1000)).toFixed(1)} MB/s |`);
}

console.log('# Quotations and speakers');
evaluatePolnear();
evaluateSeeds();
measureSpeed();
