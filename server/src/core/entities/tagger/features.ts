/**
 * Hashed features of the tagger. Every feature is a template number mixed with a value's hash into a
 * bucket of the weight table (no string-keyed feature map: a word is hashed once per token, the
 * templates are integers). The same code makes the features at training and at tagging time.
 */
import { classifyWord } from '../lexicon';
import { isCapital, isDemonym, placeInfo } from '../gazetteer';
import { detachedCopy } from '../../text';
import { isUpperCased } from '../../chars';

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'] as const;
export const N_LABELS = LABELS.length;
/** Label index → entity type index (0 none, 1 PER, 2 LOC, 3 ORG). */
export const TYPE_OF = [0, 1, 1, 2, 2, 3, 3];
/** Whether label `to` may follow label `from` (I-X only inside an X). */
export function allowed(from: number, to: number): boolean {
  return to === 0 || to % 2 === 1 || (from !== 0 && TYPE_OF[from] === TYPE_OF[to]);
}

/** One document's sentences as the feature extractor needs them. */
export interface FeatureDocument {
  readonly sentences: readonly (readonly string[])[];
  /** Per sentence, per token: the rules' label there (an index of LABELS), the rules as evidence. */
  readonly ruleLabels: readonly Uint8Array[];
}

/** 32-bit FNV-1a of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(template: number, value: number): number {
  let h = Math.imul(value ^ Math.imul(template + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** "Smith" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d": character classes, repeats folded. */
function shape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const c = lower !== upper ? (ch === upper ? 'X' : 'x') : ch >= '0' && ch <= '9' ? 'd' : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

const CASING_LOWER = 1;
const CASING_TITLE = 2;
const CASING_UPPER = 3;
const CASING_MIXED = 4;
const CASING_OTHER = 5;

function casing(word: string): number {
  const lower = word.toLowerCase();
  const upper = word.toUpperCase();
  if (lower === upper) return CASING_OTHER;
  if (word === lower) return CASING_LOWER;
  if (word === upper) return CASING_UPPER;
  if (word[0] === upper[0] && word.slice(1) === lower.slice(1)) return CASING_TITLE;
  return CASING_MIXED;
}

function startsUpper(word: string): boolean {
  const c = word[0];
  return c !== undefined && c !== c.toLowerCase();
}

/** "NEW YORK" → "New York" for gazetteer look-ups of shouted lines. */
function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

const WORD_CLASSES = ['firstName', 'lastName', 'place', 'organization', 'demonym', 'honorific', 'time', 'common', 'unknown'];

/** Facts of one word that do not depend on its context, as hashes and small integers. */
const LOWER = 0;
const WORD = 1;
const SHAPE = 2;
const CASING = 3;
const CLASS = 4;
const SUFFIX2 = 5;
const SUFFIX3 = 6;
const SUFFIX4 = 7;
const PREFIX2 = 8;
const PREFIX3 = 9;
const NATIONAL = 10;
const CLUSTER = 11;
const N_FACTS = 12;

/**
 * Lower-cased word → its word cluster (server/scripts/clusters.ts): a path code with a leading 1, whose
 * prefixes are coarser clusters. Learned from unlabelled text, stored in the model file.
 */
export type WordClusters = ReadonlyMap<string, number>;
/** The clusters the cached facts were made with: another table (another model) empties the cache. */
let factClusters: WordClusters | undefined;

/** Word → its facts (a slot of `factPool`): a word's hashes are made once, not once per occurrence. */
const factSlots = new Map<string, number>();
let factPool = new Int32Array(N_FACTS * 4096);
const MAX_CACHED_WORDS = 200_000;

function wordFacts(w: string): number {
  const known = factSlots.get(w);
  if (known !== undefined) return known;
  if (factSlots.size >= MAX_CACHED_WORDS) factSlots.clear();
  const slot = factSlots.size * N_FACTS;
  if (slot + N_FACTS > factPool.length) {
    const grown = new Int32Array(factPool.length * 2);
    grown.set(factPool);
    factPool = grown;
  }
  const lw = w.toLowerCase();
  factPool[slot + LOWER] = hashString(lw);
  factPool[slot + WORD] = hashString(w);
  factPool[slot + SHAPE] = hashString(shape(w));
  factPool[slot + CASING] = casing(w);
  factPool[slot + CLASS] = WORD_CLASSES.indexOf(classifyWord(w));
  factPool[slot + SUFFIX2] = hashString(lw.slice(-2));
  factPool[slot + SUFFIX3] = hashString(lw.slice(-3));
  factPool[slot + SUFFIX4] = hashString(lw.slice(-4));
  factPool[slot + PREFIX2] = hashString(lw.slice(0, 2));
  factPool[slot + PREFIX3] = hashString(lw.slice(0, 3));
  factPool[slot + NATIONAL] = isDemonym(w) ? 1 : isCapital(w) ? 2 : 0;
  factPool[slot + CLUSTER] = factClusters?.get(lw) ?? 0;
  // The key is a copy: the word may be a slice that keeps its whole document alive.
  factSlots.set(detachedCopy(w), slot);
  return slot;
}

function gazetteerKind(name: string): number {
  const info = placeInfo(name) ?? (name === name.toUpperCase() && name.length > 3 ? placeInfo(titleCase(name)) : null);
  if (!info) return 0;
  if (info.kind === 'country') return 1;
  if (info.kind === 'region') return 2;
  const p = info.population ?? 0;
  return p >= 1_000_000 ? 3 : p >= 100_000 ? 4 : 5;
}

let marksScratch = new Int32Array(256);

/** For each token of a sentence, the gazetteer kind (and B/I position) of the longest place name over it. */
function gazetteerMarks(tokens: readonly string[]): Int32Array {
  // A scratch table, zeroed for this sentence: its marks are read while the sentence's features are made, then dropped.
  if (marksScratch.length < tokens.length) marksScratch = new Int32Array(tokens.length * 2);
  const marks = marksScratch;
  for (let i = 0; i < tokens.length; i++) marks[i] = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (!startsUpper(tokens[i])) continue;
    for (let n = Math.min(4, tokens.length - i); n >= 1; n--) {
      if (!startsUpper(tokens[i + n - 1])) continue;
      const kind = gazetteerKind(tokens.slice(i, i + n).join(' '));
      if (!kind) continue;
      for (let k = 0; k < n; k++) if (!marks[i + k]) marks[i + k] = kind * 2 + (k === 0 ? 0 : 1) + (n > 1 ? 20 : 0);
      break;
    }
  }
  return marks;
}

/** Per word (lower-cased hash): how it is written elsewhere in the document (not sentence-initially). */
function documentCasing(sentences: readonly (readonly string[])[], slots: readonly Int32Array[]): Map<number, number> {
  const seen = new Map<number, number>();
  sentences.forEach((sentence, s) => {
    if (sentence.every(isUpperCased)) return;
    for (let i = 1; i < sentence.length; i++) {
      const slot = slots[s][i];
      const c = factPool[slot + CASING];
      if (c === CASING_OTHER) continue;
      const h = factPool[slot + LOWER];
      seen.set(h, (seen.get(h) ?? 0) | (1 << c));
    }
  });
  return seen;
}

/** Features of every token of a sentence: a flat list and each token's offset into it. */
export interface SentenceFeatures {
  readonly features: Int32Array;
  readonly offsets: Int32Array;
  /** Lower-cased word hashes, for the features that pair a word with the previous tag. */
  readonly lower: Int32Array;
}

/** A document's features for pass 1, and what pass 2 adds to them. */
export interface DocumentFeatures {
  readonly sentences: SentenceFeatures[];
  /** Per sentence, the fact slot of each token (for the pass-2 features). */
  readonly slots: Int32Array[];
}

/** Pass 1's labels of a document, summarised per word for the document-level pass. */
export interface DocumentHistory {
  /** Per lower-cased word hash: counts of untagged (0), PER, LOC and ORG uses when capitalised. */
  readonly counts: Map<number, Int32Array>;
  readonly labels: readonly Uint8Array[];
}

const PAD = 0x5bd1e995;

function isPlain(casing: number): boolean {
  return casing === CASING_LOWER || casing === CASING_OTHER;
}

/** A token with no features is outside every name (see documentFeatures): decoding labels it O unscored. */
export function isSkipped(sentence: SentenceFeatures, i: number): boolean {
  return sentence.offsets[i] === sentence.offsets[i + 1];
}

/** A growable list of feature buckets. */
class Buffer32 {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(1024, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/**
 * A document's tables are allocated once and each sentence gets views of them: a typed array of more than
 * 64 bytes costs a backing-store allocation (~1 µs), and the several per sentence were a tenth of tagging.
 */
function sentenceViews(sentences: readonly (readonly string[])[], extra: number): { table: Int32Array; views: Int32Array[] } {
  let total = 0;
  for (const sentence of sentences) total += sentence.length + extra;
  const table = new Int32Array(total);
  const views: Int32Array[] = [];
  let at = 0;
  for (const sentence of sentences) {
    views.push(table.subarray(at, at + sentence.length + extra));
    at += sentence.length + extra;
  }
  return { table, views };
}

/** A cluster code cut to its first `bits` splits. */
function prefix(code: number, bits: number): number {
  const depth = 31 - Math.clz32(code);
  return depth > bits ? code >>> (depth - bits) : code;
}

/** The context values of one token, made into features by mix(): one table reused for every token. */
const TOKEN_VALUES = new Int32Array(34);

export function documentFeatures(doc: FeatureDocument, mask: number, clusters?: WordClusters): DocumentFeatures {
  if (clusters !== factClusters) {
    factSlots.clear();
    factClusters = clusters;
  }
  const { table: slotTable, views: slots } = sentenceViews(doc.sentences, 0);
  // Loops, not Int32Array.from(list, fn): V8 runs that through the iterator protocol, several times slower.
  doc.sentences.forEach((sentence, s) => {
    const slot = slots[s];
    for (let i = 0; i < sentence.length; i++) slot[i] = wordFacts(sentence[i]);
  });
  const docCase = documentCasing(doc.sentences, slots);
  const allOffsets = sentenceViews(doc.sentences, 1).views;
  const allLower = sentenceViews(doc.sentences, 0).views;
  const out = new Buffer32(16 * slotTable.length);
  /** Where each sentence's features start and end in `out` (views are made once it has stopped growing). */
  const spans = new Int32Array(doc.sentences.length * 2);
  const parts = doc.sentences.map((sentence, s) => {
    const n = sentence.length;
    const slot = slots[s];
    const fp = factPool;
    const gaz = gazetteerMarks(sentence);
    const rules = doc.ruleLabels[s];
    const shouted = sentence.every(isUpperCased) ? 1 : 0;
    const offsets = allOffsets[s];
    const base = out.length;
    spans[2 * s] = base;
    const lowerOf = (j: number): number => (j < 0 ? PAD : j >= n ? PAD + 1 : fp[slot[j] + LOWER]);
    const shapeOf = (j: number): number => (j < 0 || j >= n ? PAD : fp[slot[j] + SHAPE]);
    for (let i = 0; i < n; i++) {
      offsets[i] = out.length - base;
      const f = slot[i];
      // A lower-case word or a sign after another, that no rule marks: outside any name, not worth scoring.
      if (rules[i] === 0 && isPlain(fp[f + CASING]) && (i === 0 || isPlain(fp[slot[i - 1] + CASING]))) continue;
      const lower = fp[f + LOWER];
      const shapeHash = fp[f + SHAPE];
      const cased = fp[f + CASING];
      const wordClass = fp[f + CLASS];
      const seen = docCase.get(lower) ?? 0;
      // Into a scratch table, not a new array per token: mix() reads each value as an int32, as the table stores it.
      const values = TOKEN_VALUES;
      values[0] = 0; // bias
      values[1] = lower;
      values[2] = fp[f + WORD];
      values[3] = shapeHash;
      values[4] = cased * 2 + (i === 0 ? 1 : 0);
      values[5] = cased * 2 + shouted;
      values[6] = fp[f + SUFFIX2];
      values[7] = fp[f + SUFFIX3];
      values[8] = fp[f + SUFFIX4];
      values[9] = fp[f + PREFIX2];
      values[10] = fp[f + PREFIX3];
      values[11] = wordClass;
      values[12] = wordClass * 8 + cased;
      values[13] = gaz[i];
      values[14] = gaz[i] * 8 + cased;
      values[15] = fp[f + NATIONAL];
      values[16] = seen;
      values[17] = seen * 8 + cased;
      values[18] = rules[i];
      values[19] = rules[i] * 8 + cased;
      values[20] = rules[i] * 16 + (i > 0 ? rules[i - 1] : 7);
      values[21] = lowerOf(i - 1);
      values[22] = lowerOf(i + 1);
      values[23] = lowerOf(i - 2);
      values[24] = lowerOf(i + 2);
      values[25] = Math.imul(lowerOf(i - 1), 31) ^ lower;
      values[26] = Math.imul(lower, 31) ^ lowerOf(i + 1);
      values[27] = shapeOf(i - 1);
      values[28] = shapeOf(i + 1);
      values[29] = Math.imul(shapeOf(i - 1), 31) ^ shapeHash ^ Math.imul(shapeOf(i + 1), 17);
      values[30] = i + 1 < n ? rules[i + 1] * 16 + fp[slot[i + 1] + CLASS] : 255;
      values[31] = i > 0 ? gaz[i - 1] * 64 + fp[slot[i - 1] + CLASS] : 255;
      values[32] = i + 1 < n ? gaz[i + 1] * 64 + fp[slot[i + 1] + CLASS] : 255;
      values[33] = n <= 4 ? n : 5;
      for (let t = 0; t < values.length; t++) out.push(mix(t, values[t]) & mask);
      if (clusters) {
        const c = fp[f + CLUSTER];
        // Prefixes of 4, 6 and 8 splits and the whole path; the neighbours' clusters were measured and left out.
        out.push(mix(70, prefix(c, 4)) & mask);
        out.push(mix(71, prefix(c, 6)) & mask);
        out.push(mix(72, prefix(c, 8)) & mask);
        out.push(mix(73, c) & mask);
        out.push(mix(74, c * 8 + cased) & mask);
      }
    }
    offsets[n] = out.length - base;
    spans[2 * s + 1] = out.length;
    const lower = allLower[s];
    for (let i = 0; i < n; i++) lower[i] = fp[slot[i] + LOWER];
    return { offsets, lower };
  });
  const sentences = parts.map(({ offsets, lower }, s) => ({ features: out.data.subarray(spans[2 * s], spans[2 * s + 1]), offsets, lower }));
  return { sentences, slots };
}

export function documentHistory(doc: FeatureDocument, features: DocumentFeatures, labels: readonly Uint8Array[]): DocumentHistory {
  const counts = new Map<number, Int32Array>();
  doc.sentences.forEach((sentence, s) => {
    for (let i = 0; i < sentence.length; i++) {
      if (!startsUpper(sentence[i])) continue;
      const h = factPool[features.slots[s][i] + LOWER];
      let c = counts.get(h);
      if (!c) counts.set(h, (c = new Int32Array(4)));
      c[TYPE_OF[labels[s][i]]]++;
    }
  });
  return { counts, labels };
}

const HISTORY_VALUES = new Int32Array(7);

/** Pass 2's own features: pass 1's labels around the token and what pass 1 made of the same word elsewhere. */
export function historyFeatures(doc: FeatureDocument, features: DocumentFeatures, history: DocumentHistory, mask: number): SentenceFeatures[] {
  const { table: offsetTable, views: allOffsets } = sentenceViews(doc.sentences, 1);
  const out = new Buffer32(4 * offsetTable.length);
  const spans = new Int32Array(doc.sentences.length * 2);
  const parts = doc.sentences.map((sentence, s) => {
    const n = sentence.length;
    const p1 = history.labels[s];
    const offsets = allOffsets[s];
    const base = out.length;
    spans[2 * s] = base;
    for (let i = 0; i < n; i++) {
      offsets[i] = out.length - base;
      if (isSkipped(features.sentences[s], i)) continue;
      const slot = features.slots[s][i];
      const cased = factPool[slot + CASING];
      const c = startsUpper(sentence[i]) ? history.counts.get(factPool[slot + LOWER]) : undefined;
      let major = 0;
      if (c) for (let k = 1; k < 4; k++) if (c[k] > c[major]) major = k;
      const present = c ? (c[1] > 0 ? 1 : 0) | (c[2] > 0 ? 2 : 0) | (c[3] > 0 ? 4 : 0) : 8;
      // A scratch table, as in documentFeatures (every value is a small non-negative integer: the same as an int32).
      const values = HISTORY_VALUES;
      values[0] = p1[i];
      values[1] = p1[i] * 8 + (i > 0 ? p1[i - 1] : 7);
      values[2] = p1[i] * 8 + (i + 1 < n ? p1[i + 1] : 7);
      values[3] = major;
      values[4] = present;
      values[5] = major * 16 + p1[i];
      values[6] = present * 16 + cased;
      for (let t = 0; t < values.length; t++) out.push(mix(50 + t, values[t]) & mask);
    }
    offsets[n] = out.length - base;
    spans[2 * s + 1] = out.length;
    return offsets;
  });
  return parts.map((offsets, s) => ({ features: out.data.subarray(spans[2 * s], spans[2 * s + 1]), offsets, lower: features.sentences[s].lower }));
}

/** The features that depend on the tags already chosen (greedy decoding, left to right). */
export function tagFeatures(previous: number, previous2: number, lower: number, mask: number, out: Int32Array): void {
  out[0] = mix(100, previous) & mask;
  out[1] = mix(101, previous2 * 8 + previous) & mask;
  out[2] = mix(102, Math.imul(lower, 7) ^ previous) & mask;
}
export const N_TAG_FEATURES = 3;

/** Viterbi's first-order transition features: 0 the previous label, 1 the previous label with the word (as tagFeatures' 0 and 2). */
export function transitionBucket(kind: 0 | 1, previous: number, lower: number, mask: number): number {
  return (kind === 0 ? mix(100, previous) : mix(102, Math.imul(lower, 7) ^ previous)) & mask;
}
