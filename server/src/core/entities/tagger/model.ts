/**
 * The tagger's weights: per pass a dense table of (2^bits buckets × labels) 16-bit integers, one scale
 * per pass. A pass's scores are only compared with each other, so decoding sums the integers and never
 * multiplies by the scale. On disk: "NLTG", a little JSON header, the Int16 tables, all gzipped.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { LABELS, N_LABELS, N_TAG_FEATURES, allowed, isSkipped, tagFeatures, transitionBucket } from './features';
import type { SentenceFeatures, WordClusters } from './features';

/** Greedy left-to-right decoding (the tags chosen so far are features) or Viterbi over first-order transitions. */
export type Decoder = 'greedy' | 'viterbi';

export interface TaggerHeader {
  /** What a cache of tagged results keys on: changes with every retrained model. */
  readonly version: string;
  /** How the weights were trained to be decoded; absent in models older than the field: greedy. */
  readonly decoder?: Decoder;
  readonly bits: number;
  readonly labels: readonly string[];
  readonly scales: readonly number[];
  readonly trainedOn: string;
  /** Bytes of the word-cluster section after the tables (absent: no clusters, no cluster features). */
  readonly clusterBytes?: number;
}

export interface TaggerModel {
  readonly header: TaggerHeader;
  readonly mask: number;
  /** Pass 1 (sentence features) and pass 2 (plus the document history of pass 1). */
  readonly passes: readonly Int16Array[];
  /** Lower-cased word → cluster path code (features.ts, WordClusters). */
  readonly clusters?: WordClusters;
  /** The two passes as one paired table (pairedWeights), when the loader made it. */
  readonly paired?: Int16Array;
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

type Weights = Int16Array | Float32Array | Float64Array;

/** Scratch tables of viterbi, grown to the longest sentence seen (tagging allocates nothing per sentence). */
let alpha = new Float64Array(64 * N_LABELS);
let emit = new Float64Array(64 * N_LABELS);
let trans = new Float64Array(64 * N_LABELS * N_LABELS);
let back = new Uint8Array(64 * N_LABELS);
/** allowed(from, to) as a table, row `from`. */
const ALLOWED = Uint8Array.from({ length: N_LABELS * N_LABELS }, (_, k) => (allowed(Math.floor(k / N_LABELS), k % N_LABELS) ? 1 : 0));
/** Per mask, each previous label's bucket of the label-only transition feature (it does not depend on the word). */
const previousBuckets = new Map<number, Int32Array>();

/**
 * Adds token `i`'s feature weights to `out[at, at + 7)`. The seven sums are kept in locals (this loop is most
 * of the tagger's time), added in the same order as before, so float weights (training) sum the same too.
 */
function emission(weights: Weights, features: SentenceFeatures, i: number, out: Float64Array, at: number): void {
  const { features: buckets, offsets } = features;
  let s0 = out[at];
  let s1 = out[at + 1];
  let s2 = out[at + 2];
  let s3 = out[at + 3];
  let s4 = out[at + 4];
  let s5 = out[at + 5];
  let s6 = out[at + 6];
  for (let k = offsets[i], end = offsets[i + 1]; k < end; k++) {
    const base = buckets[k] * 7;
    s0 += weights[base];
    s1 += weights[base + 1];
    s2 += weights[base + 2];
    s3 += weights[base + 3];
    s4 += weights[base + 4];
    s5 += weights[base + 5];
    s6 += weights[base + 6];
  }
  out[at] = s0;
  out[at + 1] = s1;
  out[at + 2] = s2;
  out[at + 3] = s3;
  out[at + 4] = s4;
  out[at + 5] = s5;
  out[at + 6] = s6;
}
if (N_LABELS !== 7) throw new Error('tagger: emission() is unrolled for 7 labels');

/** Grows the scratch tables to `n` tokens; gives each previous label's bucket of the label-only transition feature. */
function scratchFor(n: number, mask: number): Int32Array {
  const L = N_LABELS;
  if (alpha.length < n * L) {
    alpha = new Float64Array(n * L * 2);
    emit = new Float64Array(n * L * 2);
    trans = new Float64Array(n * L * L * 2);
    back = new Uint8Array(n * L * 2);
  }
  let firstBuckets = previousBuckets.get(mask);
  if (!firstBuckets) previousBuckets.set(mask, (firstBuckets = Int32Array.from({ length: L }, (_, p) => transitionBucket(0, p, 0, mask))));
  return firstBuckets;
}

/** A skipped token (no features) at row `a`: O, reached from any label at no cost. */
function skipToken(a: number, i: number, margins: Float32Array | undefined): void {
  const L = N_LABELS;
  let best = 0;
  if (i > 0) for (let p = 1; p < L; p++) if (alpha[a - L + p] > alpha[a - L + best]) best = p;
  alpha[a] = i > 0 ? alpha[a - L + best] : 0;
  back[a] = best;
  if (margins) for (let p = 0; p < L; p++) trans[(a + p) * L] = 0;
}

/** The best path through the `n` rows viterbi filled, into `labels`; then the margins when asked. */
function backtrack(sentence: SentenceFeatures, n: number, labels: Uint8Array, margins: Float32Array | undefined): Uint8Array {
  const L = N_LABELS;
  let last = 0;
  const end = (n - 1) * L;
  for (let l = 1; l < L; l++) if (alpha[end + l] > alpha[end + last]) last = l;
  for (let i = n - 1; i >= 0; i--) {
    labels[i] = last;
    last = back[i * L + last];
  }
  if (margins) maxMarginals(sentence, n, margins);
  return labels;
}

/**
 * Viterbi decoding of one sentence: the best label sequence under token scores plus first-order transition
 * scores (previous label, and previous label with the word), I-X only after B-X or I-X. A skipped token
 * (no features) is O and scores nothing, as in greedy decoding. `margins`, when given, receives per token the
 * max-marginal margin: how far the best path is ahead of the best path with another label there.
 */
export function viterbi(weights: Weights, sentence: SentenceFeatures, mask: number, extra?: SentenceFeatures, margins?: Float32Array): Uint8Array {
  const n = sentence.offsets.length - 1;
  const L = N_LABELS;
  const labels = new Uint8Array(n);
  if (n === 0) return labels;
  const firstBuckets = scratchFor(n, mask);
  const { lower } = sentence;
  for (let i = 0; i < n; i++) {
    const a = i * L;
    // Loops, not TypedArray.fill: for seven (or 49) values the call costs more than the stores.
    for (let l = 0; l < L; l++) {
      alpha[a + l] = -Infinity;
      emit[a + l] = 0;
    }
    // Transition scores are kept for the backward pass of the margins only; maxMarginals reads only the
    // entries written here (transitionWritten), so the table needs no reset per token.
    if (isSkipped(sentence, i)) {
      skipToken(a, i, margins);
      continue;
    }
    emission(weights, sentence, i, emit, a);
    if (extra) emission(weights, extra, i, emit, a);
    for (let p = 0; p < L; p++) {
      const from = i > 0 ? alpha[a - L + p] : p === 0 ? 0 : -Infinity;
      if (from === -Infinity) continue;
      const t1 = firstBuckets[p] * L;
      const t2 = transitionBucket(1, p, lower[i], mask) * L;
      for (let l = 0; l < L; l++) {
        if (!ALLOWED[p * L + l]) continue;
        const t = weights[t1 + l] + weights[t2 + l];
        if (margins) trans[(a + p) * L + l] = t;
        const score = from + t + emit[a + l];
        if (score > alpha[a + l]) {
          alpha[a + l] = score;
          back[a + l] = p;
        }
      }
    }
  }
  return backtrack(sentence, n, labels, margins);
}

/**
 * Both passes' weights of each bucket side by side: pass 1's seven, a pad, pass 2's seven, a pad (16 int16,
 * 32 bytes, so one cache line holds a bucket of both passes). Made once per model, on first use.
 */
const pairedTables = new WeakMap<Int16Array, Int16Array>();

/** Where weight `k` of a pass's table (bucket × 7 + label) lies in the paired table. */
export function pairedIndex(k: number, pass: 0 | 1): number {
  const bucket = (k / N_LABELS) | 0;
  return bucket * 16 + pass * 8 + (k - bucket * N_LABELS);
}

function copyNonZero(weights: Int16Array, table: Int16Array, at: number): void {
  for (let k = 0; k < weights.length; k++) {
    const v = weights[k];
    if (v === 0) continue;
    const bucket = (k / N_LABELS) | 0;
    table[bucket * 16 + at + (k - bucket * N_LABELS)] = v;
  }
}

export function pairedWeights(first: Int16Array, second: Int16Array): Int16Array {
  let table = pairedTables.get(first);
  if (!table) {
    table = new Int16Array((first.length / N_LABELS) * 16);
    // Most weights are 0 (pruned): only the others are written into the zeroed table. (The shipped bundles'
    // compact loader makes the table as it loads the model instead: compact.ts, TaggerModel.paired.)
    copyNonZero(first, table, 0);
    copyNonZero(second, table, 8);
    pairedTables.set(first, table);
  }
  return table;
}

/**
 * What pass 1 keeps for pass 2 of the same document, per token (numbered through the document): the
 * emission of its sentence features (7 sums) and each transition score (7 × 7), read from the rows pass 1
 * loads anyway. Pass 2 then loads only its own history features' rows. Integer sums, so any order is exact.
 */
export interface KeptScores {
  readonly emission: Int32Array;
  readonly transitions: Int32Array;
}

export function keptScores(tokens: number): KeptScores {
  return { emission: new Int32Array(tokens * N_LABELS), transitions: new Int32Array(tokens * N_LABELS * N_LABELS) };
}

/**
 * `viterbi` over the paired table of two integer passes, with the same labels and margins: pass 1 (no
 * `extra`) also fills `kept` for the sentence's tokens (the first numbered `at`), pass 2 (with `extra`) reads
 * them. Pass 2 reaches the same labels at each token as pass 1 (which are reachable depends only on the
 * skipped tokens and ALLOWED), so every transition score it reads was kept.
 */
export function viterbiPaired(paired: Int16Array, sentence: SentenceFeatures, mask: number, kept: KeptScores, at: number, extra?: SentenceFeatures, margins?: Float32Array): Uint8Array {
  const n = sentence.offsets.length - 1;
  const L = N_LABELS;
  const labels = new Uint8Array(n);
  if (n === 0) return labels;
  const firstBuckets = scratchFor(n, mask);
  const { lower, features: buckets, offsets } = sentence;
  const keptEmission = kept.emission;
  const keptTransitions = kept.transitions;
  for (let i = 0; i < n; i++) {
    const a = i * L;
    for (let l = 0; l < L; l++) {
      alpha[a + l] = -Infinity;
      emit[a + l] = 0;
    }
    if (isSkipped(sentence, i)) {
      skipToken(a, i, margins);
      continue;
    }
    const e = (at + i) * L;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    if (!extra) {
      let u0 = 0;
      let u1 = 0;
      let u2 = 0;
      let u3 = 0;
      let u4 = 0;
      let u5 = 0;
      let u6 = 0;
      for (let k = offsets[i], end = offsets[i + 1]; k < end; k++) {
        const base = buckets[k] << 4;
        s0 += paired[base];
        s1 += paired[base + 1];
        s2 += paired[base + 2];
        s3 += paired[base + 3];
        s4 += paired[base + 4];
        s5 += paired[base + 5];
        s6 += paired[base + 6];
        u0 += paired[base + 8];
        u1 += paired[base + 9];
        u2 += paired[base + 10];
        u3 += paired[base + 11];
        u4 += paired[base + 12];
        u5 += paired[base + 13];
        u6 += paired[base + 14];
      }
      keptEmission[e] = u0;
      keptEmission[e + 1] = u1;
      keptEmission[e + 2] = u2;
      keptEmission[e + 3] = u3;
      keptEmission[e + 4] = u4;
      keptEmission[e + 5] = u5;
      keptEmission[e + 6] = u6;
    } else {
      s0 = keptEmission[e];
      s1 = keptEmission[e + 1];
      s2 = keptEmission[e + 2];
      s3 = keptEmission[e + 3];
      s4 = keptEmission[e + 4];
      s5 = keptEmission[e + 5];
      s6 = keptEmission[e + 6];
      const more = extra.features;
      for (let k = extra.offsets[i], end = extra.offsets[i + 1]; k < end; k++) {
        const base = (more[k] << 4) + 8;
        s0 += paired[base];
        s1 += paired[base + 1];
        s2 += paired[base + 2];
        s3 += paired[base + 3];
        s4 += paired[base + 4];
        s5 += paired[base + 5];
        s6 += paired[base + 6];
      }
    }
    emit[a] = s0;
    emit[a + 1] = s1;
    emit[a + 2] = s2;
    emit[a + 3] = s3;
    emit[a + 4] = s4;
    emit[a + 5] = s5;
    emit[a + 6] = s6;
    for (let p = 0; p < L; p++) {
      const from = i > 0 ? alpha[a - L + p] : p === 0 ? 0 : -Infinity;
      if (from === -Infinity) continue;
      const kt = (e + p) * L;
      if (!extra) {
        const t1 = firstBuckets[p] << 4;
        const t2 = transitionBucket(1, p, lower[i], mask) << 4;
        for (let l = 0; l < L; l++) {
          if (!ALLOWED[p * L + l]) continue;
          const t = paired[t1 + l] + paired[t2 + l];
          keptTransitions[kt + l] = paired[t1 + 8 + l] + paired[t2 + 8 + l];
          if (margins) trans[(a + p) * L + l] = t;
          const score = from + t + emit[a + l];
          if (score > alpha[a + l]) {
            alpha[a + l] = score;
            back[a + l] = p;
          }
        }
      } else {
        for (let l = 0; l < L; l++) {
          if (!ALLOWED[p * L + l]) continue;
          const t = keptTransitions[kt + l];
          if (margins) trans[(a + p) * L + l] = t;
          const score = from + t + emit[a + l];
          if (score > alpha[a + l]) {
            alpha[a + l] = score;
            back[a + l] = p;
          }
        }
      }
    }
  }
  return backtrack(sentence, n, labels, margins);
}

let betaScratch = new Float64Array(64 * N_LABELS);

/** Backward best scores over the tables viterbi filled, then per token best − second-best of alpha + beta. */
function maxMarginals(sentence: SentenceFeatures, n: number, margins: Float32Array): void {
  const L = N_LABELS;
  // A scratch table like viterbi's, zeroed where this sentence uses it (the last token's row stays 0).
  if (betaScratch.length < n * L) betaScratch = new Float64Array(alpha.length);
  const beta = betaScratch;
  for (let k = (n - 1) * L; k < n * L; k++) beta[k] = 0;
  for (let i = n - 1; i > 0; i--) {
    const a = i * L;
    const skipped = isSkipped(sentence, i);
    for (let p = 0; p < L; p++) {
      let best = -Infinity;
      const reached = alpha[a - L + p] !== -Infinity;
      for (let l = 0; l < L; l++) {
        // Viterbi wrote trans here: for a skipped token only into O (from any label), else from a reached label into an allowed one.
        if (skipped ? l !== 0 : !reached || !ALLOWED[p * L + l]) continue;
        if (alpha[a + l] === -Infinity) continue;
        const score = trans[(a + p) * L + l] + emit[a + l] + beta[a + l];
        if (score > best) best = score;
      }
      beta[a - L + p] = best;
    }
  }
  for (let i = 0; i < n; i++) {
    if (isSkipped(sentence, i)) {
      margins[i] = 0;
      continue;
    }
    let first = -Infinity;
    let second = -Infinity;
    for (let l = 0; l < L; l++) {
      const score = alpha[i * L + l] + beta[i * L + l];
      if (score > first) {
        second = first;
        first = score;
      } else if (score > second) second = score;
    }
    margins[i] = first - second;
  }
}

/** The decoder a model was trained for. */
export function decodeWith(decoder: Decoder, weights: Weights, sentence: SentenceFeatures, mask: number, extra?: SentenceFeatures, margins?: Float32Array): Uint8Array {
  return decoder === 'viterbi' ? viterbi(weights, sentence, mask, extra, margins) : decode(weights, sentence, mask, extra, margins);
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

/** Clusters as text: one line per cluster, its code then its words ("1011\tmonday tuesday …"). */
export function clustersText(clusters: WordClusters): Buffer {
  const byCode = new Map<number, string[]>();
  for (const [word, code] of clusters) {
    const words = byCode.get(code);
    if (words) words.push(word);
    else byCode.set(code, [word]);
  }
  const lines = [...byCode.entries()].sort((a, b) => a[0] - b[0]).map(([code, words]) => `${code.toString(2)}\t${words.sort().join(' ')}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

export function parseClusters(text: string): WordClusters {
  const clusters = new Map<string, number>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    const code = parseInt(line.slice(0, tab), 2);
    for (const word of line.slice(tab + 1).split(' ')) clusters.set(word, code);
  }
  return clusters;
}

export function serialize(header: TaggerHeader, passes: readonly Int16Array[], clusters?: Buffer): Buffer {
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  if ((json.length + 8) % 2) json = Buffer.concat([json, Buffer.from(' ')]);
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, 'ascii');
  head.writeUInt32LE(json.length, 4);
  const tables = passes.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  return gzipSync(Buffer.concat([head, json, ...tables, ...(clusters ? [clusters] : [])]), { level: 9 });
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
  const clusterBytes = header.clusterBytes ?? 0;
  const tableEnd = raw.byteOffset + raw.length - clusterBytes;
  const all = at % 2 === 0 ? new Int16Array(raw.buffer, at, (tableEnd - at) >> 1) : new Int16Array(raw.buffer.slice(at, tableEnd));
  const expected = size * header.scales.length;
  if (all.length !== expected) throw new Error(`tagger model ${header.version}: ${all.length} weights, expected ${expected}`);
  const passes = header.scales.map((_, p) => all.subarray(p * size, (p + 1) * size));
  const clusters = clusterBytes ? parseClusters(raw.toString('utf8', raw.length - clusterBytes)) : undefined;
  return { header, mask: (1 << header.bits) - 1, passes, clusters };
}
