/**
 * Text similarity for stories: word shingles summarised by a MinHash signature, and LSH bands that find
 * the pairs worth comparing without comparing every pair.
 *
 * Written here rather than taken from npm: the one MinHash package there (`minhash` 0.0.9, one release,
 * unmaintained) multiplies 33-bit values in doubles (past 2^53, so its "permutations" lose bits) and its
 * LSH index cannot remove a document, which incremental clustering needs. This is 60 lines.
 */

/** Signature length: 64 hashes give a Jaccard estimate within about ±0.06 (1/√64 · 0.5). */
export const SIGNATURE_SIZE = 64;
/** 16 bands of 4 rows: pairs with Jaccard ≥ ~0.5 share a band with probability ≥ 0.64, ≥ 0.8 with 0.999. */
export const BAND_ROWS = 4;
/** Words per shingle: three keeps shared phrasing ("the Syrian Observatory for") and ignores shared vocabulary. */
export const SHINGLE_WORDS = 3;

/** FNV-1a over a string's UTF-16 units: a fast 32-bit hash for shingles and keys. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser: a bijection of 32-bit integers with full avalanche, so each seed gives a permutation. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix32(0x9e3779b9 * (i + 1)));

/** Lower-cased words (letters and digits), apostrophes and dashes inside words dropped. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu) ?? []
  );
}

/** Hashes of the distinct word shingles of `tokens` (one shingle of the whole text when it is shorter). */
export function shingleHashes(tokens: readonly string[], size = SHINGLE_WORDS): Set<number> {
  const out = new Set<number>();
  if (!tokens.length) return out;
  if (tokens.length < size) out.add(fnv1a(tokens.join(' ')));
  for (let i = 0; i + size <= tokens.length; i++) out.add(fnv1a(tokens.slice(i, i + size).join(' ')));
  return out;
}

/** The MinHash signature of a set of shingle hashes; all-ones for an empty set (similar to nothing). */
export function signature(shingles: Iterable<number>): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = mix32(s ^ SEEDS[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the two shingle sets. Empty texts are similar to nothing. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / SIGNATURE_SIZE;
}

/** The LSH band keys of a signature: two signatures sharing a key are candidates for comparison. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  if (sig[0] === 0xffffffff) return keys;
  for (let b = 0; b < SIGNATURE_SIZE / BAND_ROWS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < BAND_ROWS; r++) h = Math.imul(h ^ sig[b * BAND_ROWS + r], 0x01000193);
    keys.push(`${b}:${(h >>> 0).toString(36)}`);
  }
  return keys;
}
