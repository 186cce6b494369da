import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { N_LABELS, allowed, transitionBucket } from '../../server/src/core/entities/tagger/features';
import type { SentenceFeatures } from '../../server/src/core/entities/tagger/features';
import { viterbi } from '../../server/src/core/entities/tagger/model';
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
