/**
 * Word clusters for the tagger, learned by `npm run train` from unlabelled text (a cheap stand-in for Brown
 * clusters): each frequent lower-cased word becomes a vector of its left and right neighbours (positive PMI,
 * randomly projected to a few dozen dimensions), and the words are split in two by spherical 2-means again
 * and again. A word's cluster is its path of left/right splits: a bit string whose prefixes are coarser
 * clusters, stored as an integer with a leading 1 ("1" the root, "10" and "11" its halves).
 * Seeded: the same text gives the same clusters.
 */
import { seededRandom } from '../src/util/random';

export interface ClusterOptions {
  /** Words seen fewer times get no cluster. */
  readonly minCount: number;
  /** The most frequent words whose neighbourhood describes a word. */
  readonly contexts: number;
  readonly dimensions: number;
  /** Splits from the root to a leaf (the longest bit string). */
  readonly depth: number;
  /** A cluster this small is not split further. */
  readonly minLeaf: number;
  readonly seed: number;
}

export const CLUSTER_OPTIONS: ClusterOptions = { minCount: 2, contexts: 500, dimensions: 64, depth: 12, minLeaf: 8, seed: 17 };

/** Lower-cased word → its path code. */
export function learnClusters(sentences: readonly (readonly string[])[], options: ClusterOptions = CLUSTER_OPTIONS): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w.toLowerCase(), (counts.get(w.toLowerCase()) ?? 0) + 1);
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = byFrequency.filter(([, n]) => n >= options.minCount).map(([w]) => w);
  const index = new Map(vocab.map((w, i) => [w, i]));
  const contextIndex = new Map(byFrequency.slice(0, options.contexts).map(([w], i) => [w, i]));
  // Co-occurrence counts, word × (left context | right context), sentence edges as their own context.
  const width = 2 * (options.contexts + 1);
  const pairs = new Map<number, number>();
  const edge = options.contexts;
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const w = index.get(s[i].toLowerCase());
      if (w === undefined) continue;
      const left = i > 0 ? contextIndex.get(s[i - 1].toLowerCase()) : edge;
      const right = i + 1 < s.length ? contextIndex.get(s[i + 1].toLowerCase()) : edge;
      if (left !== undefined) pairs.set(w * width + left, (pairs.get(w * width + left) ?? 0) + 1);
      if (right !== undefined) pairs.set(w * width + options.contexts + 1 + right, (pairs.get(w * width + options.contexts + 1 + right) ?? 0) + 1);
    }
  }
  const rowTotal = new Float64Array(vocab.length);
  const columnTotal = new Float64Array(width);
  let total = 0;
  for (const [key, n] of pairs) {
    rowTotal[Math.floor(key / width)] += n;
    columnTotal[key % width] += n;
    total += n;
  }
  // A fixed random ±1 vector per context column: the projection of the sparse PPMI rows.
  const random = seededRandom(options.seed);
  const d = options.dimensions;
  const projection = Float32Array.from({ length: width * d }, () => (random() < 0.5 ? -1 : 1));
  const vectors = new Float32Array(vocab.length * d);
  for (const [key, n] of pairs) {
    const w = Math.floor(key / width);
    const c = key % width;
    const pmi = Math.log((n * total) / (rowTotal[w] * columnTotal[c]));
    if (pmi <= 0) continue;
    for (let k = 0; k < d; k++) vectors[w * d + k] += pmi * projection[c * d + k];
  }
  for (let w = 0; w < vocab.length; w++) normalize(vectors, w * d, d);
  const codes = new Int32Array(vocab.length);
  split(
    vectors,
    d,
    Int32Array.from(vocab, (_, i) => i),
    1,
    0,
    options,
    random,
    codes,
  );
  return new Map(vocab.map((w, i) => [w, codes[i]]));
}

function normalize(v: Float32Array, at: number, d: number): void {
  let norm = 0;
  for (let k = 0; k < d; k++) norm += v[at + k] * v[at + k];
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < d; k++) v[at + k] /= norm;
}

/** Spherical 2-means of `members`, then each half again, until the depth or the leaf size is reached. */
function split(vectors: Float32Array, d: number, members: Int32Array, code: number, depth: number, options: ClusterOptions, random: () => number, codes: Int32Array): void {
  if (depth === options.depth || members.length < 2 * options.minLeaf) {
    for (const w of members) codes[w] = code;
    return;
  }
  const centroids = new Float32Array(2 * d);
  const a = members[Math.floor(random() * members.length)];
  let b = members[Math.floor(random() * members.length)];
  // The second seed: the member least like the first (a spread start for two means).
  let least = Infinity;
  for (const w of members) {
    let dot = 0;
    for (let k = 0; k < d; k++) dot += vectors[w * d + k] * vectors[a * d + k];
    if (dot < least) {
      least = dot;
      b = w;
    }
  }
  centroids.set(vectors.subarray(a * d, a * d + d), 0);
  centroids.set(vectors.subarray(b * d, b * d + d), d);
  const side = new Uint8Array(members.length);
  for (let iteration = 0; iteration < 10; iteration++) {
    let moved = 0;
    members.forEach((w, m) => {
      let dot0 = 0;
      let dot1 = 0;
      for (let k = 0; k < d; k++) {
        dot0 += vectors[w * d + k] * centroids[k];
        dot1 += vectors[w * d + k] * centroids[d + k];
      }
      const s = dot1 > dot0 ? 1 : 0;
      if (s !== side[m]) moved++;
      side[m] = s;
    });
    centroids.fill(0);
    members.forEach((w, m) => {
      for (let k = 0; k < d; k++) centroids[side[m] * d + k] += vectors[w * d + k];
    });
    normalize(centroids, 0, d);
    normalize(centroids, d, d);
    if (iteration > 0 && moved === 0) break;
  }
  const halves = [members.filter((_, m) => side[m] === 0), members.filter((_, m) => side[m] === 1)];
  if (!halves[0].length || !halves[1].length) {
    for (const w of members) codes[w] = code;
    return;
  }
  halves.forEach((half, bit) => split(vectors, d, half, code * 2 + bit, depth + 1, options, random, codes));
}
