/**
 * `npm run eval` (as out/eval/quotesCli.js): quotations through the CLI, the whole pipeline a user runs
 * (`news-lens analyze --json`: segmentation, recognition, quotations, linking, the JSON shape).
 *
 * PolNeAR articles (../shared/data/polnear, never copied) are written one per file to a temporary folder, the built
 * CLI (dist/cli.js) analyses them all at once, and its JSON ranges are turned back into offsets.
 * - found: listed quotations matched by a JSON quotation of any kind (≥ 50 % overlap);
 * - precision: JSON quotations of kind statement or partial that match a listed quotation (scare quotes excluded);
 * - named speaker right: where the listed source is a name or noun phrase, the JSON speaker agrees with it;
 * - resolved right: the same quotations, with a `speakerId` whose entity has a mention overlapping the listed
 *   source or whose name agrees with it (the speaker resolved to the right person or organization).
 *
 * (e) The check set beyond PolNeAR (test/fixtures/quotes-check, Reuters 1996): the same CLI on its files, scored by
 * support/quotesCheck.ts (found, precision, named, resolved); printed on every run, never tuned on.
 *
 * Splits: dev by default, `--train` adds train (tuning), each scored in its own column; `--test` scores the test split
 * instead (read rarely: it is a check, never a target). `--examples N` prints N speaker errors of a tuning split;
 * `--dump FILE` writes one JSON line per listed named quotation.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { JsonFile } from '../../server/src/core/export/json';
import { PRONOUN_SOURCE, overlap, quoteMatches, speakerNamesAgree } from '../../server/scripts/quoteScoring';
import { CHECK_DIR, readCheckSet, scoreCheckSet } from './support/quotesCheck';

interface GoldQuote {
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly speaker: string | null;
}
interface MetaArticle {
  readonly split: 'test' | 'dev' | 'train';
  readonly quotes: ReadonlyArray<{ readonly speaker_spans: ReadonlyArray<readonly [number, number]> }>;
}

const args = process.argv.slice(2);
const examples = Number(args[args.indexOf('--examples') + 1] ?? 0) || 0;
const onlyResolved = args.includes('--unresolved');
/** `--dump FILE`: one JSON line per listed named quotation (for error analysis on the tuning splits). */
const dumpPath = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : null;
interface Score {
  articles: number;
  gold: number;
  found: number;
  predicted: number;
  predictedRight: number;
  named: number;
  namedRight: number;
  resolvable: number;
  resolvedRight: number;
  scare: number;
  partial: number;
}
const newScore = (): Score => ({ articles: 0, gold: 0, found: 0, predicted: 0, predictedRight: 0, named: 0, namedRight: 0, resolvable: 0, resolvedRight: 0, scare: 0, partial: 0 });
const splits: Array<MetaArticle['split']> = args.includes('--test') ? ['test'] : args.includes('--train') ? ['dev', 'train'] : ['dev'];

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');

function main(): void {
  const dir = resolve(process.cwd(), '../shared/data/polnear');
  const cli = resolve(process.cwd(), 'dist/cli.js');
  if (!existsSync(join(dir, 'quotes-eval.jsonl')) || !existsSync(cli)) {
    console.log(`(d) PolNeAR through the CLI: skipped — needs ${dir} and a built ${cli}`);
    return;
  }
  const articles = readFileSync(join(dir, 'quotes-eval.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; quotes: GoldQuote[] });
  const metas = readFileSync(join(dir, 'quotes-eval.meta.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MetaArticle);
  const chosen = articles.map((a, i) => ({ a, meta: metas[i], i })).filter((x) => splits.includes(x.meta.split));
  const tmp = mkdtempSync(join(tmpdir(), 'newslens-polnear-'));
  try {
    for (const { a, i } of chosen) writeFileSync(join(tmp, `${String(i).padStart(4, '0')}.txt`), a.text);
    const t0 = performance.now();
    const out = execFileSync(process.execPath, [cli, 'analyze', '--json', join(tmp, '*.txt')], { maxBuffer: 1 << 30, encoding: 'utf8' });
    const ms = performance.now() - t0;
    const files = (JSON.parse(out) as { files: JsonFile[] }).files;
    const byName = new Map(files.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f]));
    const scores = new Map(splits.map((split) => [split, newScore()]));
    const shown: string[] = [];
    const dump: string[] = [];
    for (const { a, meta, i } of chosen) {
      const file = byName.get(`${String(i).padStart(4, '0')}.txt`);
      const score = scores.get(meta.split)!;
      if (!file) continue;
      const lines = new LineIndex(a.text);
      const entities = new Map(file.articles.flatMap((art) => art.entities).map((e) => [e.id, e]));
      const quotes = file.articles.flatMap((art) => art.quotes).map((q) => ({ ...q, span: lines.spanOf(q.range) }));
      const goldSpans = a.quotes.map((q) => ({ start: q.start, end: q.end }));
      score.articles += file.articles.length;
      for (const q of quotes) {
        if (q.kind === 'scare') {
          score.scare++;
          continue;
        }
        if (q.kind === 'partial') score.partial++;
        score.predicted++;
        if (goldSpans.some((g) => quoteMatches(q.span, g))) score.predictedRight++;
      }
      a.quotes.forEach((g, k) => {
        score.gold++;
        const best = quotes.filter((q) => quoteMatches(q.span, goldSpans[k])).sort((x, y) => overlap(y.span, goldSpans[k]) - overlap(x.span, goldSpans[k]))[0];
        if (best) score.found++;
        if (!g.speaker || PRONOUN_SOURCE.test(g.speaker.trim())) return;
        score.named++;
        if (!best) return;
        const sources = (meta.quotes[k]?.speaker_spans ?? []).map(([start, end]) => ({ start, end }));
        // Right when the names agree, or the JSON speaker is written inside the listed source ("Rep. Gwen Moore (D-Wis.)").
        const sourceText = sources.map((s) => a.text.slice(s.start, s.end)).join(' ');
        const namedOk = best.speaker !== null && (speakerNamesAgree(best.speaker, g.speaker) || (/\p{Lu}/u.test(best.speaker) && sourceText.includes(best.speaker)));
        if (namedOk) score.namedRight++;
        const namesSource = (e: JsonFile['articles'][number]['entities'][number]): boolean =>
          e.type !== 'place' && (speakerNamesAgree(e.name, g.speaker!) || e.mentions.some((m) => sources.some((s) => overlap(lines.spanOf(m.range), s) > 0)));
        // Only sources the text names as a person or organization it knows can be resolved to one.
        const resolvable = [...entities.values()].some(namesSource);
        const entity = best.speakerId ? entities.get(best.speakerId) : undefined;
        if (resolvable) score.resolvable++;
        const resolved = resolvable ? entity !== undefined && namesSource(entity) : best.speakerId === null || (entity !== undefined && namesSource(entity));
        if (resolvable && resolved) score.resolvedRight++;
        if (dumpPath)
          dump.push(JSON.stringify({ split: meta.split, line: i, quote: k, gold: g.speaker, speaker: best.speaker, speakerId: best.speakerId, kind: best.kind, namedOk, resolvable, resolved }));
        if (meta.split !== 'test' && (!namedOk || (resolvable && !resolved)) && shown.length < examples && (!onlyResolved || namedOk)) {
          const ctx = a.text.slice(Math.max(0, g.start - 100), g.start + 60).replace(/\s+/g, ' ');
          const what = namedOk ? 'unresolved' : 'NAMED';
          shown.push(`  ${what} gold ${JSON.stringify(g.speaker)} · speaker ${JSON.stringify(best.speaker)} · id ${best.speakerId} · ${best.kind}\n    ${ctx}`);
        }
      });
    }
    if (dumpPath) writeFileSync(dumpPath, dump.join('\n') + '\n');
    const row = (label: string, f: (s: Score) => string): void => console.log(`| ${label} | ${splits.map((split) => f(scores.get(split)!)).join(' | ')} |`);
    console.log(`\n(d) PolNeAR through the CLI (news-lens analyze --json), ${chosen.length} files\n`);
    console.log(`| measure | ${splits.join(' | ')} |\n| --- | ${splits.map(() => '---').join(' | ')} |`);
    row('articles (as the CLI segments them)', (s) => `${s.articles}`);
    row('quotations found, any kind', (s) => `${pct(s.found, s.gold)} (${s.found}/${s.gold})`);
    row('precision, statements and partial quotes', (s) => `${pct(s.predictedRight, s.predicted)} (${s.predictedRight}/${s.predicted}; ${s.partial} partial, ${s.scare} scare left out)`);
    row('named speaker right', (s) => `${pct(s.namedRight, s.named)} (${s.namedRight}/${s.named})`);
    row('speaker resolved to the right entity (speakerId), of sources the output knows as an entity', (s) => `${pct(s.resolvedRight, s.resolvable)} (${s.resolvedRight}/${s.resolvable})`);
    console.log(`\nCLI time: ${(ms / 1000).toFixed(1)} s`);
    if (shown.length) console.log(`\nResolution errors (${splits.filter((s) => s !== 'test').join('+')}):\n${shown.join('\n')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** (e) The check set beyond PolNeAR, through the same CLI. */
function checkSet(): void {
  const cli = resolve(process.cwd(), 'dist/cli.js');
  if (!existsSync(join(CHECK_DIR, 'expected.json')) || !existsSync(cli)) return;
  const { documents } = readCheckSet();
  const out = execFileSync(process.execPath, [cli, 'analyze', '--json', ...documents.map((d) => join(CHECK_DIR, d.file))], { maxBuffer: 1 << 28, encoding: 'utf8' });
  const files = (JSON.parse(out) as { files: JsonFile[] }).files;
  const byName = new Map(files.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f]));
  const s = scoreCheckSet(documents, (file) => byName.get(file));
  console.log(`\n(e) Check set beyond PolNeAR through the CLI: ${documents.length} Reuters stories of 1996 (test/fixtures/quotes-check)\n`);
  console.log(`| measure | check set |\n| --- | --- |`);
  console.log(`| quotations found, any kind | ${pct(s.found, s.expected)} (${s.found}/${s.expected}) |`);
  console.log(`| precision, statements and partial quotes | ${pct(s.predictedRight, s.predicted)} (${s.predictedRight}/${s.predicted}) |`);
  console.log(`| kind as expected | ${pct(s.kindRight, s.found)} (${s.kindRight}/${s.found}) |`);
  console.log(`| named speaker right | ${pct(s.namedRight, s.named)} (${s.namedRight}/${s.named}) |`);
  console.log(`| speaker resolved to the right entity | ${pct(s.resolvedRight, s.resolvable)} (${s.resolvedRight}/${s.resolvable}) |`);
  if (s.misses.length) console.log(`\nMisses:\n${s.misses.map((m) => `  ${m}`).join('\n')}`);
}

main();
checkSet();
