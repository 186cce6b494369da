/**
 * The tagger's weights: per pass a dense table of (2^bits buckets × labels) 16-bit integers, one scale
 * per pass. A pass's scores are only compared with each other, so decoding sums the integers and never
 * multiplies by the scale. On disk: "NLTG", a little JSON header, the Int16 tables, all gzipped.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { LABELS, N_LABELS, N_TAG_FEATURES, allowed, isSkipped, tagFeatures } from './features';
import type { SentenceFeatures } from './features';

export interface TaggerHeader {
  /** What a cache of tagged results keys on: changes with every retrained model. */
  readonly version: string;
  readonly bits: number;
  readonly labels: readonly string[];
  readonly scales: readonly number[];
  readonly trainedOn: string;
}

export interface TaggerModel {
  readonly header: TaggerHeader;
  readonly mask: number;
  /** Pass 1 (sentence features) and pass 2 (plus the document history of pass 1). */
  readonly passes: readonly Int16Array[];
}

const MAGIC = 'NLTG';

/**
 * Greedy left-to-right decoding of one sentence under `weights` (integer or float); pass 2 adds `extra` features.
 * `margins`, when given, receives per token how far the chosen label's score is ahead of the next allowed one.
 */
export function decode(weights: Int16Array | Float32Array | Float64Array, sentence: SentenceFeatures, mask: number, extra?: SentenceFeatures, margins?: Float32Array): Uint8Array {
  const n = sentence.offsets.length - 1;
  const labels = new Uint8Array(n);
  const scores = new Float64Array(N_LABELS);
  const dynamic = new Int32Array(N_TAG_FEATURES);
  const { features, offsets, lower } = sentence;
  let previous = 0;
  let previous2 = 0;
  for (let i = 0; i < n; i++) {
    if (isSkipped(sentence, i)) {
      previous2 = previous;
      previous = 0;
      continue;
    }
    scores.fill(0);
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const base = features[k] * N_LABELS;
      for (let l = 0; l < N_LABELS; l++) scores[l] += weights[base + l];
    }
    if (extra) {
      for (let k = extra.offsets[i]; k < extra.offsets[i + 1]; k++) {
        const base = extra.features[k] * N_LABELS;
        for (let l = 0; l < N_LABELS; l++) scores[l] += weights[base + l];
      }
    }
    tagFeatures(previous, previous2, lower[i], mask, dynamic);
    for (let k = 0; k < N_TAG_FEATURES; k++) {
      const base = dynamic[k] * N_LABELS;
      for (let l = 0; l < N_LABELS; l++) scores[l] += weights[base + l];
    }
    let best = 0;
    for (let l = 1; l < N_LABELS; l++) if (allowed(previous, l) && scores[l] > scores[best]) best = l;
    labels[i] = best;
    if (margins) {
      let second = -Infinity;
      for (let l = 0; l < N_LABELS; l++) if (l !== best && allowed(previous, l) && scores[l] > second) second = scores[l];
      margins[i] = scores[best] - second;
    }
    previous2 = previous;
    previous = best;
  }
  return labels;
}

/** Float weights → Int16 with one scale; weights under `prune` (absolute) become 0: they compress away. */
export function quantize(weights: Float64Array | Float32Array, prune: number): { table: Int16Array; scale: number } {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]));
  const scale = max / 32767 || 1;
  const table = new Int16Array(weights.length);
  const floor = prune;
  for (let i = 0; i < weights.length; i++) if (Math.abs(weights[i]) >= floor) table[i] = Math.round(weights[i] / scale);
  return { table, scale };
}

export function serialize(header: TaggerHeader, passes: readonly Int16Array[]): Buffer {
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  if ((json.length + 8) % 2) json = Buffer.concat([json, Buffer.from(' ')]);
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, 'ascii');
  head.writeUInt32LE(json.length, 4);
  const tables = passes.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  return gzipSync(Buffer.concat([head, json, ...tables]), { level: 9 });
}

export function deserialize(bytes: Uint8Array): TaggerModel {
  const raw = gunzipSync(bytes);
  if (raw.toString('ascii', 0, 4) !== MAGIC) throw new Error('tagger model: not a News Lens tagger file');
  const jsonLength = raw.readUInt32LE(4);
  const header = JSON.parse(raw.toString('utf8', 8, 8 + jsonLength)) as TaggerHeader;
  if (header.labels.join() !== LABELS.join()) {
    throw new Error(`tagger model ${header.version}: labels ${header.labels.join()} are not this code's`);
  }
  const size = (1 << header.bits) * N_LABELS;
  // A view when the tables start on an even address (the header is padded for it), else a copy.
  const at = raw.byteOffset + 8 + jsonLength;
  const all = at % 2 === 0 ? new Int16Array(raw.buffer, at, (raw.length - 8 - jsonLength) >> 1) : new Int16Array(raw.buffer.slice(at, raw.byteOffset + raw.length));
  const expected = size * header.scales.length;
  if (all.length !== expected) throw new Error(`tagger model ${header.version}: ${all.length} weights, expected ${expected}`);
  const passes = header.scales.map((_, p) => all.subarray(p * size, (p + 1) * size));
  return { header, mask: (1 << header.bits) - 1, passes };
}
