import type { DocumentModel } from '../model';
import type { AttributeValue, HumanLayer } from './records';

/**
 * What exports write and imports read back, shared by the four formats. An export writes the
 * "effective" spans of a file: the human spans (the chosen annotator's, or curated) and, where no
 * human span overlaps, the machine's mentions. Importing an export gives those spans back.
 */

export interface ExchangeSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Null for a machine mention (no one labelled it). */
  readonly annotator: string | null;
  /** A machine mention's entity id (`person:ali-hassan`). */
  readonly entityId?: string;
}

export interface ExchangeRelation {
  readonly label: string;
  /** Indexes into `spans`. */
  readonly from: number;
  readonly to: number;
  readonly annotator: string | null;
}

export interface ExchangeNote {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly annotator: string | null;
}

export interface ExchangeLayer {
  readonly spans: readonly ExchangeSpan[];
  readonly relations: readonly ExchangeRelation[];
  readonly notes: readonly ExchangeNote[];
}

export const EMPTY_EXCHANGE: ExchangeLayer = { spans: [], relations: [], notes: [] };

/** The spans an export writes: human spans win, machine mentions fill in where no human span overlaps. */
export function effectiveLayer(model: DocumentModel, human: HumanLayer | undefined): ExchangeLayer {
  const humanSpans = human?.spans ?? [];
  const spans: ExchangeSpan[] = humanSpans.map((s) => ({ start: s.start, end: s.end, label: s.label, attributes: s.attributes, annotator: s.annotator }));
  // Two annotators (no curation yet) may label the same span alike: one span each (label, place).
  const seen = new Set<string>();
  const unique = spans.filter((s) => {
    const k = `${s.start}:${s.end}:${s.label}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  for (const a of model.articles) {
    for (const m of a.mentions) {
      if (humanSpans.some((s) => s.start < m.span.end && m.span.start < s.end)) continue;
      unique.push({ start: m.span.start, end: m.span.end, label: m.kind, attributes: {}, annotator: null, entityId: m.entityId });
    }
  }
  unique.sort((x, y) => x.start - y.start || x.end - y.end);
  const index = new Map(unique.map((s, i) => [`${s.start}:${s.end}:${s.label}`, i]));
  const at = (s: { start: number; end: number; label: string }) => index.get(`${s.start}:${s.end}:${s.label}`);
  const relations: ExchangeRelation[] = [];
  for (const r of human?.relations ?? []) {
    const from = at(r.from);
    const to = at(r.to);
    if (from !== undefined && to !== undefined) relations.push({ label: r.label, from, to, annotator: r.annotator });
  }
  const notes: ExchangeNote[] = [];
  for (const n of human?.notes ?? []) {
    notes.push({ start: n.start, end: n.end, text: n.text, annotator: n.annotator });
    for (const r of n.replies) notes.push({ start: n.start, end: n.end, text: r.text, annotator: r.annotator });
  }
  return { spans: unique, relations, notes };
}

/** A comparable form (offsets, labels, attributes, relation ends, note texts) for round-trip checks. */
export function exchangeKey(layer: ExchangeLayer, parts: { attributes?: boolean; relations?: boolean; notes?: boolean } = {}): string[] {
  const span = (s: ExchangeSpan) => `${s.start}-${s.end} ${s.label}${parts.attributes === false ? '' : ` ${JSON.stringify(Object.entries(s.attributes).sort())}`}`;
  return [
    ...layer.spans.map(span),
    ...(parts.relations === false ? [] : layer.relations.map((r) => `${r.label}: ${span(layer.spans[r.from])} -> ${span(layer.spans[r.to])}`)),
    ...(parts.notes === false ? [] : layer.notes.map((n) => `note ${n.start}-${n.end} ${n.text}`)),
  ].sort();
}
