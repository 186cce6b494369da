/**
 * `npm run eval` (as out/eval/pipeline.js): people, places and organizations through the WHOLE pipeline
 * (`analyzeDocument` on one text file per document, as a user's news file is read: segmentation,
 * boilerplate, headline and dateline handling included). Data read in place from ../shared/data:
 * - conll-dev: the held-out documents of eng.train (every fifth document; never trained on), one file
 *   per `-DOCSTART-` document, one sentence a line;
 * - gum-dev held out: every fifth GUM document of gum-dev.jsonl (never trained on);
 * - eng.testb as stories (cut at datelines), reported only: never tuned on;
 * - PolNeAR dev texts, for sanity: the share of named quotation speakers that a found mention covers.
 * Writes out/eval/pipeline.json; `--baseline` also writes test/eval/baseline.json (the gate of npm test).
 * The error listings (most frequent errors, mistakes by rule) are printed for the dev split only: eng.testb
 * is a check, never a source of fixes, so its errors show only with `--testb-errors`.
 * `--errors` writes every dev-split error (document, rule, pattern, context) to out/eval/errors-<split>.tsv and
 * scores gum-dev's two halves apart (tuning half: even positions among its held-out documents; check half: odd).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeDocument } from '../../server/src/core/analyze';
import { documentAsText, isHeldOut, readConllTestb, readConllTrain, readGumTexts, sharedDataDir } from '../../server/scripts/corpora';
import type { GoldText } from '../../server/scripts/corpora';
import { f1, f1Summary, scorePipeline } from './pipelineScore';
import { formatByRule, groupByRule } from './support/byRule';
import type { PipelineScores, ScoreTable } from './pipelineScore';
import { taggerSpeed } from './taggerSpeed';

const repoRoot = resolve(__dirname, '..', '..');
const dataDir = sharedDataDir(repoRoot);

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}`;
}

function share(tp: number, other: number): number {
  return tp / Math.max(1, tp + other);
}

function print(name: string, s: PipelineScores, seconds: number, withErrors: boolean): void {
  const row = (t: ScoreTable, label: string): string =>
    `  ${label.padEnd(9)} all ${pct(f1(t.all))}  PER ${pct(f1(t.PER))}  LOC ${pct(f1(t.LOC))}  ORG ${pct(f1(t.ORG))}` +
    `   (P ${pct(share(t.all.tp, t.all.fp))} R ${pct(share(t.all.tp, t.all.fn))}; ORG R ${pct(share(t.ORG.tp, t.ORG.fn))})`;
  console.log(`\n${name}: ${s.documents} documents, ${(s.chars / 1e3).toFixed(0)} k chars, ${seconds.toFixed(1)} s, F1 %`);
  console.log(row(s.distinct, 'distinct'));
  console.log(row(s.mention, 'mentions'));
  if (!withErrors) return;
  console.log(
    `  most frequent errors: ${s.errors
      .slice(0, 25)
      .map(([e, n]) => `${e} (${n})`)
      .join('; ')}`,
  );
  console.log(`  found mentions by rule (misses have none):\n${formatByRule(groupByRule(s.ruleMistakes, s.ruleCorrect))}`);
}

/** The dev split of the gate: held-out documents of eng.train and of gum-dev. */
export function devSplit(): { conll: GoldText[]; gum: GoldText[] } {
  return {
    conll: readConllTrain(dataDir)
      .filter((_, i) => isHeldOut(i))
      .map(documentAsText),
    gum: readGumTexts(dataDir).filter((_, i) => isHeldOut(i)),
  };
}

function timed(texts: GoldText[]): [PipelineScores, number] {
  const started = performance.now();
  const s = scorePipeline(texts);
  return [s, (performance.now() - started) / 1000];
}

const NOT_NAMES = /^(?:He|She|They|It|We|I|You|The|A|An|This|That|His|Her|Their|Its|Our|Some|Many|Most|One|Both|Others?)\b/;

/** PolNeAR dev: named speakers (not pronouns, not "the …") that a found person or organization overlaps. */
function polnearSanity(): { named: number; covered: number } | null {
  const textPath = join(dataDir, 'polnear', 'quotes-eval.jsonl');
  const metaPath = join(dataDir, 'polnear', 'quotes-eval.meta.jsonl');
  if (!existsSync(textPath) || !existsSync(metaPath)) return null;
  const texts = readFileSync(textPath, 'utf8').split('\n');
  const metas = readFileSync(metaPath, 'utf8').split('\n');
  let named = 0;
  let covered = 0;
  for (let i = 0; i < metas.length; i++) {
    if (!metas[i].trim()) continue;
    const meta = JSON.parse(metas[i]) as { split: string; quotes: { speaker_spans: [number, number][] }[] };
    if (meta.split !== 'dev') continue;
    const { text } = JSON.parse(texts[i]) as { text: string };
    const mentions = analyzeDocument(text)
      .articles.flatMap((a) => a.mentions)
      .filter((m) => m.kind !== 'place');
    const seen = new Set<string>();
    for (const q of meta.quotes) {
      for (const [start, end] of q.speaker_spans) {
        const speaker = text.slice(start, end);
        // Names only: a capitalised first word that is not a pronoun or a determiner.
        if (seen.has(`${start}`) || !/^\p{Lu}/u.test(speaker) || NOT_NAMES.test(speaker)) continue;
        seen.add(`${start}`);
        named++;
        if (mentions.some((m) => m.span.start < end && start < m.span.end)) covered++;
      }
    }
  }
  return { named, covered };
}

function writeErrors(key: string, scores: PipelineScores): void {
  mkdirSync(join(repoRoot, 'out', 'eval'), { recursive: true });
  const path = join(repoRoot, 'out', 'eval', `errors-${key}.tsv`);
  writeFileSync(path, `document\trule\terror\ttext\tcontext\n${scores.details.join('\n')}\n`);
  console.log(`  every error: ${path}`);
}

function main(): void {
  if (!existsSync(dataDir)) {
    console.log(`pipeline eval: ${dataDir} not found (../shared beside the repository); skipped.`);
    return;
  }
  const summary: Record<string, unknown> = {};
  const dev = devSplit();
  const testbErrors = process.argv.includes('--testb-errors');
  const dumpErrors = process.argv.includes('--errors');
  const sets: [string, string, GoldText[], boolean][] = [
    ['conllDev', 'eng.train held-out documents (every 5th), one file per document, whole pipeline', dev.conll, true],
    ['gumDev', 'gum-dev held-out documents (every 5th), whole pipeline', dev.gum, true],
    ['conllTestb', 'eng.testb as stories (cut at datelines), whole pipeline, report only', readConllTestb(dataDir).map(documentAsText), testbErrors],
  ];
  for (const [key, name, texts, withErrors] of sets) {
    if (!texts.length) continue;
    const [scores, seconds] = timed(texts);
    print(name, scores, seconds, withErrors);
    summary[key] = { documents: scores.documents, distinct: f1Summary(scores.distinct), mention: f1Summary(scores.mention) };
    if (dumpErrors && withErrors) writeErrors(key, scores);
  }
  if (dumpErrors) {
    for (const [half, keep] of [
      ['tuning half', 0],
      ['check half', 1],
    ] as const) {
      const texts = dev.gum.filter((_, i) => i % 2 === keep);
      const [scores, seconds] = timed(texts);
      print(`gum-dev held-out, ${half}`, scores, seconds, false);
    }
  }
  // The tagger's own cost on the dev texts (a report: timings are never test assertions).
  const speed = taggerSpeed([...dev.conll, ...dev.gum].map((t) => t.text));
  console.log(`\ntagger alone (tagArticle, warm, dev texts): ${speed.warmMBs.toFixed(2)} MB/s of CPU; model load ${speed.loadMs.toFixed(1)} ms (CPU ${speed.loadCpuMs.toFixed(1)} ms)`);
  summary.tagger = speed;
  const sanity = polnearSanity();
  if (sanity) {
    console.log(`\nPolNeAR dev (sanity): ${sanity.covered} / ${sanity.named} named quotation speakers overlap a found person or organization (${pct(sanity.covered / Math.max(1, sanity.named))} %)`);
    summary.polnearDevSpeakersCovered = sanity;
  }
  mkdirSync(join(repoRoot, 'out', 'eval'), { recursive: true });
  writeFileSync(join(repoRoot, 'out', 'eval', 'pipeline.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (process.argv.includes('--baseline')) {
    const baseline = { measuredOn: 'analyzeDocument, one text file per document; dev split = every 5th document of eng.train and of gum-dev', conllDev: summary.conllDev, gumDev: summary.gumDev };
    writeFileSync(join(repoRoot, 'test', 'eval', 'baseline.json'), `${JSON.stringify(baseline, null, 2)}\n`);
    console.log('wrote test/eval/baseline.json');
  }
}

if (require.main === module) main();
