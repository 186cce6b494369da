/**
 * Training of one pass: an averaged perceptron over greedy left-to-right decoding (the tags chosen so
 * far are features), documents shuffled by a seeded generator so a model is reproducible from its data.
 * Used by `npm run train` only; tagging needs none of this.
 */
import { N_LABELS, N_TAG_FEATURES, isSkipped, tagFeatures } from './features';
import type { SentenceFeatures } from './features';
import { decode } from './model';
import { seededRandom } from '../../../util/random';

export interface TrainingDocument {
  readonly sentences: readonly SentenceFeatures[];
  readonly gold: readonly Uint8Array[];
  /** Pass 2's features of each sentence, beside `sentences`. */
  readonly extra?: readonly SentenceFeatures[];
}

export function trainPass(docs: readonly TrainingDocument[], bits: number, epochs: number, seed: number): Float64Array {
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
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const d of order) {
      const doc = docs[d];
      doc.sentences.forEach((sentence, s) => {
        const extra = doc.extra?.[s];
        const predicted = decode(w, sentence, mask, extra);
        const gold = doc.gold[s];
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
