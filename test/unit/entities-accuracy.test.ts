/**
 * Quality gate: the whole pipeline (analyzeDocument on one text file per document) on the dev split
 * (every fifth document of eng.train and of gum-dev, never trained on) must not fall more than one
 * point of F1 below the stored baseline (test/eval/baseline.json, written by `npm run eval -- --baseline`).
 * Needs ../shared/data beside the repository; without it the test says so and is skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentAsText, isHeldOut, readConllTrain, readGumTexts, sharedDataDir } from '../../server/scripts/corpora';
import { f1Summary, scorePipeline } from '../eval/pipelineScore';

const repoRoot = resolve(__dirname, '..', '..', '..');
const dataDir = sharedDataDir(repoRoot);
type Stored = Record<string, { distinct: Record<string, number>; mention: Record<string, number> }>;
const baseline = JSON.parse(readFileSync(join(repoRoot, 'test', 'eval', 'baseline.json'), 'utf8')) as Stored;
const TOLERANCE = 0.01;

const splits: [string, () => ReturnType<typeof readGumTexts>][] = [
  [
    'conllDev',
    () =>
      readConllTrain(dataDir)
        .filter((_, i) => isHeldOut(i))
        .map(documentAsText),
  ],
  ['gumDev', () => readGumTexts(dataDir).filter((_, i) => isHeldOut(i))],
];

for (const [key, load] of splits) {
  test(`entity F1 on the ${key} split stays within a point of the baseline`, { skip: !existsSync(dataDir) && `${dataDir} not found` }, () => {
    const scores = scorePipeline(load());
    const distinct = f1Summary(scores.distinct);
    const mention = f1Summary(scores.mention);
    const stored = baseline[key];
    assert.ok(stored, `test/eval/baseline.json has no ${key}`);
    assert.ok(distinct.all >= stored.distinct.all - TOLERANCE, `${key}: distinct-entity F1 ${distinct.all} < baseline ${stored.distinct.all} − ${TOLERANCE} (${JSON.stringify(distinct)})`);
    assert.ok(mention.all >= stored.mention.all - TOLERANCE, `${key}: mention F1 ${mention.all} < baseline ${stored.mention.all} − ${TOLERANCE} (${JSON.stringify(mention)})`);
  });
}
