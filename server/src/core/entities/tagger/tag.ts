/**
 * Tagging an article: its lines (boilerplate other than credits left out) cut into sentences of tokens,
 * the rules' mentions as evidence, two passes of the trained model (the second reads what the first
 * found elsewhere in the article), and the B/I runs turned into mentions.
 */
import type { ArticleLayout, EntityKind, EntityMention, Span } from '../../model';
import { cleanName } from '../names';
import { isDemonym } from '../gazetteer';
import { DEMONYM_NOUNS } from '../../lexicon';
import { LABELS, TYPE_OF, documentFeatures, documentHistory, historyFeatures } from './features';
import type { FeatureDocument } from './features';
import { decodeWith, keptScores, pairedWeights, viterbiPaired } from './model';
import { loadModel } from './compact';
import type { TaggerModel } from './model';
import { tokenizeSentences } from './tokens';
import type { TaggerToken } from './tokens';
import { labelsFromMentions } from './labels';
import modelBytes from './ner.model.bin';

let loaded: TaggerModel | undefined;

/** The committed model, decoded on first use (from the compact form the bundles embed: compact.ts). */
export function taggerModel(): TaggerModel {
  return (loaded ??= loadModel(modelBytes));
}

/** The model's version: what a cache of recognised entities should key on. */
export function taggerVersion(): string {
  return taggerModel().header.version;
}

/** Labels (indices of LABELS) per sentence, per token, and the second pass's margin of each label (in perceptron updates). */
export interface TaggedDocument {
  readonly labels: Uint8Array[];
  readonly margins: Float32Array[];
}

/** Both passes over one document's sentences. */
export function tagDocument(model: TaggerModel, doc: FeatureDocument): TaggedDocument {
  const features = documentFeatures(doc, model.mask, model.clusters);
  const decoder = model.header.decoder ?? 'greedy';
  // Each sentence's first token, numbered through the document.
  const starts = new Int32Array(features.sentences.length + 1);
  features.sentences.forEach((s, i) => (starts[i + 1] = starts[i] + s.offsets.length - 1));
  const tokens = starts[features.sentences.length];
  // Viterbi over two passes reads both passes' rows at once (model.ts, viterbiPaired): the same labels and margins.
  const paired = decoder === 'viterbi' ? (model.paired ?? (model.passes.length === 2 ? pairedWeights(model.passes[0], model.passes[1]) : null)) : null;
  const kept = paired ? keptScores(tokens) : null;
  const first = features.sentences.map((s, i) => (paired && kept ? viterbiPaired(paired, s, model.mask, kept, starts[i]) : decodeWith(decoder, model.passes[0], s, model.mask)));
  const extra = historyFeatures(doc, features, documentHistory(doc, features, first), model.mask);
  const scale = model.header.scales[1];
  // One table for the document, a view per sentence (a typed array's own backing store costs ~1 µs).
  const marginTable = new Float32Array(tokens);
  const margins = features.sentences.map((_, i) => marginTable.subarray(starts[i], starts[i + 1]));
  const labels = features.sentences.map((s, i) =>
    paired && kept ? viterbiPaired(paired, s, model.mask, kept, starts[i], extra[i], margins[i]) : decodeWith(decoder, model.passes[1], s, model.mask, extra[i], margins[i]),
  );
  for (const m of margins) for (let i = 0; i < m.length; i++) m[i] *= scale;
  return { labels, margins };
}

/** A name the tagger found, with its confidence: the smallest margin over its tokens. */
export interface TaggedMention extends EntityMention {
  readonly confidence: number;
}

const KINDS: EntityKind[] = ['person', 'person', 'place', 'organization'];

/** Boilerplate that carries no names worth showing (credits do: a photographer, an agency). */
function skipped(layout: ArticleLayout): Span[] {
  return layout.boilerplate.filter((b) => b.kind !== 'credit').map((b) => b.span);
}

export function tagArticle(text: string, layout: ArticleLayout, rules: readonly EntityMention[]): TaggedMention[] {
  const model = taggerModel();
  const blocked = skipped(layout);
  const sentences: TaggerToken[][] = [];
  const from = layout.span.start;
  const to = Math.min(layout.span.end, text.length);
  for (let start = from; start < to;) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    if (end > start && !blocked.some((b) => start < b.end && b.start < end)) sentences.push(...tokenizeSentences(text, start, end));
    start = end + 1;
  }
  if (!sentences.length) return [];
  const sortedRules = [...rules].sort((a, b) => a.span.start - b.span.start);
  const doc: FeatureDocument = {
    sentences: sentences.map((s) => s.map((t) => t.text)),
    ruleLabels: sentences.map((s) => labelsFromMentions(s, sortedRules)),
  };
  const { labels, margins } = tagDocument(model, doc);
  const byRuleSpan = new Map(rules.map((r) => [`${r.span.start}:${r.span.end}`, r]));
  const mentions: TaggedMention[] = [];
  sentences.forEach((tokens, s) => {
    const l = labels[s];
    for (let i = 0; i < tokens.length; i++) {
      if (l[i] === 0) continue;
      let j = i + 1;
      while (j < tokens.length && LABELS[l[j]].startsWith('I-') && TYPE_OF[l[j]] === TYPE_OF[l[i]]) j++;
      // "Scotsman Andy Reid", "Bavarian Jane Roe": a nationality before a person's name describes the person and is not the name.
      const first = i + 1 < j && KINDS[TYPE_OF[l[i]]] === 'person' && (DEMONYM_NOUNS.has(tokens[i].text) || isDemonym(tokens[i].text)) ? i + 1 : i;
      const span = { start: tokens[first].start, end: tokens[j - 1].end };
      const written = text.slice(span.start, span.end);
      const rule = byRuleSpan.get(`${span.start}:${span.end}`);
      const name = rule?.name ?? cleanName(written);
      let confidence = Infinity;
      for (let k = i; k < j; k++) confidence = Math.min(confidence, margins[s][k]);
      if (name) mentions.push({ span, text: written, kind: KINDS[TYPE_OF[l[i]]], name, confidence });
      i = j - 1;
    }
  });
  return mentions;
}
