import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { N_LABELS, allowed, transitionBucket } from '../../server/src/core/entities/tagger/features';
import type { SentenceFeatures } from '../../server/src/core/entities/tagger/features';
import { keptScores, pairedWeights, viterbi, viterbiPaired } from '../../server/src/core/entities/tagger/model';
import { seededRandom } from '../../server/src/util/random';

/**
 * Viterbi decoding against brute force: on random weights and small sentences, the decoded path is the
 * best-scoring allowed one (I-X only after B-X/I-X, skipped tokens O), and each token's margin is the gap
 * between the best path and the best path with another label at that token.
 */

const BITS = 6;
const MASK = (1 << BITS) - 1;

function sentence(random: () => number, n: number): SentenceFeatures {
  const features: number[] = [];
  const offsets = [0];
  for (let i = 0; i < n; i++) {
    // One token in four has no features: skipped, O at no cost.
    const count = random() < 0.25 ? 0 : 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) features.push(Math.floor(random() * (MASK + 1)));
    offsets.push(features.length);
  }
  const lower = Int32Array.from({ length: n }, () => Math.floor(random() * 1000));
  return { features: Int32Array.from(features), offsets: Int32Array.from(offsets), lower };
}

/** The score of `labels`, or -Infinity when the decoder may not produce them. */
function pathScore(w: Float64Array, s: SentenceFeatures, labels: readonly number[]): number {
  let total = 0;
  let previous = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (s.offsets[i] === s.offsets[i + 1]) {
      if (l !== 0) return -Infinity;
      previous = 0;
      continue;
    }
    if (!allowed(previous, l)) return -Infinity;
    for (let k = s.offsets[i]; k < s.offsets[i + 1]; k++) total += w[s.features[k] * N_LABELS + l];
    for (const kind of [0, 1] as const) total += w[transitionBucket(kind, previous, s.lower[i], MASK) * N_LABELS + l];
    previous = l;
  }
  return total;
}

function* paths(n: number): Generator<number[]> {
  const labels = new Array<number>(n).fill(0);
  for (;;) {
    yield [...labels];
    let i = n - 1;
    while (i >= 0 && labels[i] === N_LABELS - 1) labels[i--] = 0;
    if (i < 0) return;
    labels[i]++;
  }
}

test('viterbi finds the best allowed path and its max-marginal margins', () => {
  const random = seededRandom(7);
  for (let trial = 0; trial < 30; trial++) {
    const w = Float64Array.from({ length: (MASK + 1) * N_LABELS }, () => Math.round((random() - 0.5) * 200) / 10);
    const n = 1 + (trial % 4);
    const s = sentence(random, n);
    const margins = new Float32Array(n);
    const decoded = [...viterbi(w, s, MASK, undefined, margins)];
    let best = -Infinity;
    const bestWith = Array.from({ length: n }, () => new Float64Array(N_LABELS).fill(-Infinity));
    for (const p of paths(n)) {
      const score = pathScore(w, s, p);
      best = Math.max(best, score);
      p.forEach((l, i) => (bestWith[i][l] = Math.max(bestWith[i][l], score)));
    }
    assert.ok(Math.abs(pathScore(w, s, decoded) - best) < 1e-9, `trial ${trial}: decoded ${decoded.join()} scores below the best path`);
    for (let i = 0; i < n; i++) {
      if (s.offsets[i] === s.offsets[i + 1]) {
        assert.equal(decoded[i], 0, `trial ${trial}: a skipped token is O`);
        continue;
      }
      const others = [...bestWith[i]].filter((_, l) => l !== decoded[i]);
      assert.ok(Math.abs(margins[i] - (best - Math.max(...others))) < 1e-3, `trial ${trial}: margin of token ${i}`);
    }
  }
});

test('viterbiPaired gives both passes the labels and margins of viterbi on each pass', () => {
  const random = seededRandom(11);
  const table = (): Int16Array => Int16Array.from({ length: (MASK + 1) * N_LABELS }, () => Math.round((random() - 0.5) * 60000));
  for (let trial = 0; trial < 40; trial++) {
    const [w1, w2] = [table(), table()];
    const paired = pairedWeights(w1, w2);
    // A document of a few sentences, its tokens numbered through it, as tagDocument calls it.
    const sentences = Array.from({ length: 1 + (trial % 3) }, () => sentence(random, 1 + Math.floor(random() * 12)));
    const extras = sentences.map((s) => sentence(random, s.offsets.length - 1));
    const starts = [0];
    for (const s of sentences) starts.push(starts[starts.length - 1] + s.offsets.length - 1);
    const kept = keptScores(starts[starts.length - 1]);
    const first = sentences.map((s, i) => [...viterbiPaired(paired, s, MASK, kept, starts[i])]);
    sentences.forEach((s, i) => assert.deepEqual(first[i], [...viterbi(w1, s, MASK)], `trial ${trial}: pass 1, sentence ${i}`));
    sentences.forEach((s, i) => {
      const n = s.offsets.length - 1;
      const [m1, m2] = [new Float32Array(n), new Float32Array(n)];
      const second = [...viterbiPaired(paired, s, MASK, kept, starts[i], extras[i], m1)];
      assert.deepEqual(second, [...viterbi(w2, s, MASK, extras[i], m2)], `trial ${trial}: pass 2, sentence ${i}`);
      assert.deepEqual(m1, m2, `trial ${trial}: pass 2 margins, sentence ${i}`);
    });
  }
});
