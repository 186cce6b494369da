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
 * Splits: dev by default, `--train` adds train (tuning); `--test` scores the test split instead (read rarely: it is
 * a check, never a target). `--examples N` prints N speaker errors of a tuning split.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { JsonFile } from '../../server/src/core/export/json';
import type { Span } from '../../server/src/core/model';

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
const splits: Array<MetaArticle['split']> = args.includes('--test') ? ['test'] : args.includes('--train') ? ['dev', 'train'] : ['dev'];

const overlap = (a: Span, b: Span): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const matches = (f: Span, g: Span): boolean => {
  const shared = overlap(f, g);
  return shared > 0 && (shared >= 0.5 * (g.end - g.start) || shared >= 0.5 * (f.end - f.start));
};
const PRONOUN_SOURCE = /^(?:he|she|they|it|i|we|you|who|which|that|this|him|her|them|one|these|those|null|says|said)$/i;
const STOP = new Set(['the', 'a', 'an', 'mr', 'ms', 'mrs', 'dr', 'of', 'for', 'and', 's', 'to', 'in', 'on', 'at', 'by', 'with', 'from']);
const tokensOf = (name: string): string[] =>
  name
    .split(',')[0]
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t && !STOP.has(t));
function agree(predicted: string, gold: string): boolean {
  const p = tokensOf(predicted);
  const g = tokensOf(gold);
  return p.length > 0 && g.length > 0 && g.includes(p[p.length - 1]) && p.includes(g[g.length - 1]);
}
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
    let resolvable_ = 0;
    let gold = 0,
      found = 0,
      predicted = 0,
      predictedRight = 0,
      named = 0,
      namedRight = 0,
      resolvedRight = 0,
      scare = 0,
      partial = 0;
    const shown: string[] = [];
    for (const { a, meta, i } of chosen) {
      const file = byName.get(`${String(i).padStart(4, '0')}.txt`);
      if (!file) continue;
      const lines = new LineIndex(a.text);
      const entities = new Map(file.articles.flatMap((art) => art.entities).map((e) => [e.id, e]));
      const quotes = file.articles.flatMap((art) => art.quotes).map((q) => ({ ...q, span: lines.spanOf(q.range) }));
      const goldSpans = a.quotes.map((q) => ({ start: q.start, end: q.end }));
      for (const q of quotes) {
        if (q.kind === 'scare') {
          scare++;
          continue;
        }
        if (q.kind === 'partial') partial++;
        predicted++;
        if (goldSpans.some((g) => matches(q.span, g))) predictedRight++;
      }
      a.quotes.forEach((g, k) => {
        gold++;
        const best = quotes.filter((q) => matches(q.span, goldSpans[k])).sort((x, y) => overlap(y.span, goldSpans[k]) - overlap(x.span, goldSpans[k]))[0];
        if (best) found++;
        if (!g.speaker || PRONOUN_SOURCE.test(g.speaker.trim())) return;
        named++;
        if (!best) return;
        const sources = (meta.quotes[k]?.speaker_spans ?? []).map(([start, end]) => ({ start, end }));
        // Right when the names agree, or the JSON speaker is written inside the listed source ("Rep. Gwen Moore (D-Wis.)").
        const sourceText = sources.map((s) => a.text.slice(s.start, s.end)).join(' ');
        const namedOk = best.speaker !== null && (agree(best.speaker, g.speaker) || (/\p{Lu}/u.test(best.speaker) && sourceText.includes(best.speaker)));
        if (namedOk) namedRight++;
        const namesSource = (e: JsonFile['articles'][number]['entities'][number]): boolean =>
          e.type !== 'place' && (agree(e.name, g.speaker!) || e.mentions.some((m) => sources.some((s) => overlap(lines.spanOf(m.range), s) > 0)));
        // Only sources the text names as a person or organization it knows can be resolved to one.
        const resolvable = [...entities.values()].some(namesSource);
        const entity = best.speakerId ? entities.get(best.speakerId) : undefined;
        if (resolvable) resolvable_++;
        const resolved = resolvable ? entity !== undefined && namesSource(entity) : best.speakerId === null || (entity !== undefined && namesSource(entity));
        if (resolvable && resolved) resolvedRight++;
        if ((!namedOk || (resolvable && !resolved)) && shown.length < examples && (!onlyResolved || namedOk)) {
          const ctx = a.text.slice(Math.max(0, g.start - 100), g.start + 60).replace(/\s+/g, ' ');
          const what = namedOk ? 'unresolved' : 'NAMED';
          shown.push(`  ${what} gold ${JSON.stringify(g.speaker)} · speaker ${JSON.stringify(best.speaker)} · id ${best.speakerId} · ${best.kind}\n    ${ctx}`);
        }
      });
    }
    console.log(`\n(d) PolNeAR through the CLI (news-lens analyze --json), split ${splits.join('+')}, ${chosen.length} articles\n`);
    console.log('| measure | value |\n| --- | --- |');
    console.log(`| quotations found, any kind | ${pct(found, gold)} (${found}/${gold}) |`);
    console.log(`| precision, statements and partial quotes | ${pct(predictedRight, predicted)} (${predictedRight}/${predicted}; ${partial} partial, ${scare} scare left out) |`);
    console.log(`| named speaker right | ${pct(namedRight, named)} (${namedRight}/${named}) |`);
    console.log(`| speaker resolved to the right entity (speakerId), of sources the output knows as an entity | ${pct(resolvedRight, resolvable_)} (${resolvedRight}/${resolvable_}) |`);
    console.log(`| CLI time | ${(ms / 1000).toFixed(1)} s |`);
    if (shown.length) console.log(`\nResolution errors (${splits.join('+')}):\n${shown.join('\n')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
