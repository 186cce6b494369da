/**
 * `npm run train:quotes`: trains the quotation speaker ranker (server/src/core/quotes/speakerModel.json, see chooser.ts)
 * on PolNeAR train (../shared/data/polnear, never copied) and reports the rules against the ranker on train and dev.
 * Each article runs through `analyzeDocument` (the CLI's path) with the ranker's recorder on: every quotation's
 * candidates and their features. A candidate is right when its span overlaps the listed source, or its name agrees
 * with the source's; a quotation the data does not list, or lists without a source, wants no speaker. Quotations
 * whose source is a pronoun are left out (the data gives no antecedent). Averaged perceptron, fixed order and epochs:
 * the same data gives the same file. The features name no words of the data, only structure.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeDocument } from '../src/core/analyze';
import { recordChoices, score, type Candidate, type QuoteFacts } from '../src/core/quotes/chooser';
import { PRONOUN_SOURCE, overlap, quoteMatches, speakerNamesAgree } from './quoteScoring';

const RANKS = (process.env.QUOTES_RANKS ?? '0').split(',').map(Number);
/** Ranks where "no speaker" is a candidate: where the rules found none. */
const NULL_RANKS = (process.env.QUOTES_NULL_RANKS ?? '0').split(',').filter(Boolean).map(Number);
const EPOCHS = Number(process.env.QUOTES_EPOCHS ?? 10);
/** Updates on quotations with a named source count this much more than on those that want no speaker. */
const NAMED_WEIGHT = Number(process.env.QUOTES_NAMED_WEIGHT ?? 1);
const repoRoot = resolve(__dirname, '..', '..');
const dataDir = resolve(repoRoot, '..', 'shared', 'data', 'polnear');

interface Gold {
  readonly start: number;
  readonly end: number;
  readonly speaker: string | null;
}
interface Meta {
  readonly split: 'train' | 'dev' | 'test';
  readonly quotes: ReadonlyArray<{ readonly speaker_spans: ReadonlyArray<readonly [number, number]> }>;
}
interface Instance {
  readonly split: string;
  readonly rank: number;
  readonly candidates: readonly Candidate[];
  /** Indices of right candidates. */
  readonly right: readonly number[];
  /** Whether the listed source is a name (scored as "named speaker" by the eval). */
  readonly named: boolean;
}

function collect(): Instance[] {
  const texts = readFileSync(join(dataDir, 'quotes-eval.jsonl'), 'utf8').split('\n').filter(Boolean);
  const metas = readFileSync(join(dataDir, 'quotes-eval.meta.jsonl'), 'utf8').split('\n').filter(Boolean);
  const instances: Instance[] = [];
  texts.forEach((line, i) => {
    const meta = JSON.parse(metas[i]) as Meta;
    if (meta.split === 'test') return; // a check, never trained or tuned on
    const article = JSON.parse(line) as { text: string; quotes: Gold[] };
    let lastArticle = '';
    let offset = 0;
    recordChoices((articleText: string, q: QuoteFacts, candidates: readonly Candidate[]) => {
      if (articleText !== lastArticle) {
        lastArticle = articleText;
        offset = Math.max(0, article.text.indexOf(articleText));
      }
      const span = { start: q.span.start + offset, end: q.span.end + offset };
      const k = article.quotes.findIndex((g) => quoteMatches(span, g));
      const gold = k >= 0 ? article.quotes[k] : null;
      let right: number[];
      let named = false;
      if (!gold?.speaker) right = candidates.flatMap((c, j) => (c.speaker ? [] : [j]));
      else if (PRONOUN_SOURCE.test(gold.speaker.trim())) return;
      else {
        named = true;
        const sources = meta.quotes[k].speaker_spans.map(([start, end]) => ({ start: start - offset, end: end - offset }));
        right = candidates.flatMap((c, j) => (c.speaker && ((c.speaker.span && sources.some((s) => overlap(s, c.speaker!.span!) > 0)) || speakerNamesAgree(c.speaker.name, gold.speaker!)) ? [j] : []));
      }
      instances.push({ split: meta.split, rank: q.rank, candidates, right, named });
    });
    analyzeDocument(article.text);
  });
  recordChoices(null);
  return instances;
}

function train(instances: readonly Instance[]): Record<string, number> {
  const w = new Map<string, number>();
  const total = new Map<string, number>();
  const stamp = new Map<string, number>();
  let step = 0;
  const bump = (features: readonly string[], by: number): void => {
    for (const f of features) {
      const old = w.get(f) ?? 0;
      total.set(f, (total.get(f) ?? 0) + old * (step - (stamp.get(f) ?? 0)));
      stamp.set(f, step);
      w.set(f, old + by);
    }
  };
  const weights = (): Record<string, number> => Object.fromEntries(w);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const inst of instances) {
      step++;
      if (!inst.right.length) continue;
      const current = weights();
      const scores = inst.candidates.map((c) => score(c.features, current));
      let best = 0;
      for (let j = 1; j < scores.length; j++) if (scores[j] > scores[best]) best = j;
      if (inst.right.includes(best)) continue;
      const target = inst.right.reduce((a, b) => (scores[b] > scores[a] ? b : a));
      const by = inst.named ? NAMED_WEIGHT : 1;
      bump(inst.candidates[target].features, by);
      bump(inst.candidates[best].features, -by);
    }
  }
  const averaged: Record<string, number> = {};
  for (const [f, value] of w) {
    const sum = (total.get(f) ?? 0) + value * (step - (stamp.get(f) ?? 0));
    const mean = Math.round((1000 * sum) / step) / 1000;
    if (Math.abs(mean) >= 0.001) averaged[f] = mean;
  }
  return Object.fromEntries(Object.entries(averaged).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function report(instances: readonly Instance[], weights: Record<string, number>): void {
  for (const [split, ranks] of [['train', RANKS], ['dev', RANKS], ...RANKS.map((r) => ['dev', [r]] as const), ...RANKS.map((r) => ['train', [r]] as const)] as const) {
    const chosen = instances.filter((x) => x.split === split && ranks.includes(x.rank));
    const named = chosen.filter((x) => x.named);
    const pick = (x: Instance): number => {
      let best = 0;
      for (let j = 1; j < x.candidates.length; j++) if (score(x.candidates[j].features, weights) > score(x.candidates[best].features, weights)) best = j;
      return best;
    };
    const rule = named.filter((x) => x.right.includes(0)).length;
    const ranker = named.filter((x) => x.right.includes(pick(x))).length;
    const oracle = named.filter((x) => x.right.length > 0).length;
    const nulls = chosen.filter((x) => !x.named);
    const nullRule = nulls.filter((x) => x.right.includes(0)).length;
    const nullRanker = nulls.filter((x) => x.right.includes(pick(x))).length;
    console.log(
      `${split}: ranks ${ranks.join(',')}: named sources ${named.length}: rules right ${rule}, ranker right ${ranker}, a right candidate exists ${oracle}; ` +
        `no source ${nulls.length}: rules right ${nullRule}, ranker right ${nullRanker}`,
    );
  }
}

// `--cache FILE`: keep the collected candidates in FILE and read them from there next time (for trying training options).
const cache = process.argv.includes('--cache') ? process.argv[process.argv.indexOf('--cache') + 1] : null;
const collected: Instance[] = cache && existsSync(cache) ? (JSON.parse(readFileSync(cache, 'utf8')) as Instance[]) : collect();
if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(collected));
// Where "no speaker" is no candidate (ranks outside NULL_RANKS), it is dropped, as chooser.ts does.
const instances = collected.map((x) => {
  if (NULL_RANKS.includes(x.rank)) return x;
  const keep = x.candidates.flatMap((c, j) => (c.speaker ? [j] : []));
  return { ...x, candidates: keep.map((j) => x.candidates[j]), right: keep.flatMap((j, i) => (x.right.includes(j) ? [i] : [])) };
});
const weights = train(instances.filter((x) => x.split === 'train' && RANKS.includes(x.rank)));
report(instances, weights);
const out = join(repoRoot, 'server', 'src', 'core', 'quotes', 'speakerModel.json');
if (!process.argv.includes('--dry')) {
  writeFileSync(out, `${JSON.stringify({ ranks: RANKS, nullRanks: NULL_RANKS, epochs: EPOCHS, weights }, null, 1)}\n`);
  console.log(`${Object.keys(weights).length} weights → ${out}`);
}
