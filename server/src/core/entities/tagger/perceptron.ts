/**
 * Training of one pass: an averaged perceptron over the decoder the model will be tagged with, greedy
 * left-to-right (the tags chosen so far are features) or Viterbi (a structured perceptron: the gold path's
 * features up, the predicted path's down), documents shuffled by a seeded generator so a model is
 * reproducible from its data.
 * Used by `npm run train` only; tagging needs none of this.
 */
import { N_LABELS, N_TAG_FEATURES, isSkipped, tagFeatures, transitionBucket } from './features';
import type { SentenceFeatures } from './features';
import { decodeWith } from './model';
import type { Decoder } from './model';
import { seededRandom } from '../../../util/random';

export interface TrainingDocument {
  readonly sentences: readonly SentenceFeatures[];
  readonly gold: readonly Uint8Array[];
  /** Pass 2's features of each sentence, beside `sentences`. */
  readonly extra?: readonly SentenceFeatures[];
}

export function trainPass(docs: readonly TrainingDocument[], bits: number, epochs: number, seed: number, decoder: Decoder = 'greedy'): Float64Array {
  const mask = (1 << bits) - 1;
  const size = (1 << bits) * N_LABELS;
  const w = new Float64Array(size);
  // Sum of (step × update): the average is w − u / steps (the usual lazy averaging).
  const u = new Float64Array(size);
  let step = 1;
  const random = seededRandom(seed);
  const order = docs.map((_, i) => i);
  const dynamic = new Int32Array(N_TAG_FEATURES);
  const add = (features: SentenceFeatures, i: number, label: number, delta: number): void => {
    for (let k = features.offsets[i]; k < features.offsets[i + 1]; k++) {
      const at = features.features[k] * N_LABELS + label;
      w[at] += delta;
      u[at] += delta * step;
    }
  };
  type Update = (sentence: SentenceFeatures, extra: SentenceFeatures | undefined, i: number, p1: number, p2: number, label: number, delta: number) => void;
  const update: Update = (sentence, extra, i, previous, previous2, label, delta) => {
    add(sentence, i, label, delta);
    if (extra) add(extra, i, label, delta);
    tagFeatures(previous, previous2, sentence.lower[i], mask, dynamic);
    for (let k = 0; k < N_TAG_FEATURES; k++) {
      const at = dynamic[k] * N_LABELS + label;
      w[at] += delta;
      u[at] += delta * step;
    }
  };
  const bump = (bucket: number, label: number, delta: number): void => {
    const at = bucket * N_LABELS + label;
    w[at] += delta;
    u[at] += delta * step;
  };
  /** A Viterbi update: token features where the labels differ, transition features where the label pairs differ. */
  const structured = (sentence: SentenceFeatures, extra: SentenceFeatures | undefined, predicted: Uint8Array, gold: Uint8Array): void => {
    // A skipped token is O in every path the decoder can take: the transition after it is from O.
    const label = (labels: Uint8Array, i: number): number => (i < 0 || isSkipped(sentence, i) ? 0 : labels[i]);
    for (let i = 0; i < predicted.length; i++) {
      if (isSkipped(sentence, i)) {
        step++;
        continue;
      }
      const g = gold[i];
      const p = predicted[i];
      if (g !== p) {
        add(sentence, i, g, 1);
        add(sentence, i, p, -1);
        if (extra) {
          add(extra, i, g, 1);
          add(extra, i, p, -1);
        }
      }
      const gp = label(gold, i - 1);
      const pp = label(predicted, i - 1);
      if (g !== p || gp !== pp) {
        for (const kind of [0, 1] as const) {
          bump(transitionBucket(kind, gp, sentence.lower[i], mask), g, 1);
          bump(transitionBucket(kind, pp, sentence.lower[i], mask), p, -1);
        }
      }
      step++;
    }
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const d of order) {
      const doc = docs[d];
      doc.sentences.forEach((sentence, s) => {
        const extra = doc.extra?.[s];
        const predicted = decodeWith(decoder, w, sentence, mask, extra);
        const gold = doc.gold[s];
        if (decoder === 'viterbi') {
          structured(sentence, extra, predicted, gold);
          return;
        }
        // Features of the tags before each token are those the decoder saw: the predicted ones.
        for (let i = 0; i < predicted.length; i++) {
          if (predicted[i] !== gold[i] && !isSkipped(sentence, i)) {
            const p1 = i > 0 ? predicted[i - 1] : 0;
            const p2 = i > 1 ? predicted[i - 2] : 0;
            update(sentence, extra, i, p1, p2, gold[i], 1);
            update(sentence, extra, i, p1, p2, predicted[i], -1);
          }
          step++;
        }
      });
    }
  }
  const averaged = new Float64Array(size);
  for (let i = 0; i < size; i++) averaged[i] = w[i] - u[i] / step;
  return averaged;
}
