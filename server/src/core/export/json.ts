import { LineIndex, type Range } from '../lineIndex';
import { quotationKind, type DocumentModel, type QuotationKind } from '../model';
import type { ExchangeLayer, ExchangeNote, ExchangeRelation, ExchangeSpan } from '../annotate/exchange';
import type { AttributeValue, HumanLayer, ReviewStatus } from '../annotate/records';

/** The CLI's `--json` shape of one file (documented in the README; a public interface). */
export interface JsonFile {
  path: string;
  boilerplate: Range[];
  articles: JsonArticle[];
  /** Set when only the layout was computed (file too large). */
  notice?: string;
  /** Human annotations (present when the workspace has any for this file): see the README's annotations section. */
  annotations?: JsonAnnotations;
}

export interface JsonAnnotations {
  spans: { id: string; label: string; text: string; range: Range; annotator: string; createdAt: string; attributes: Record<string, AttributeValue> }[];
  /** `from` / `to` are span ids. */
  relations: { id: string; label: string; from: string; to: string; annotator: string }[];
  notes: { id: string; text: string; range: Range; annotator: string; createdAt: string; resolved: boolean; replies: { id: string; text: string; annotator: string; createdAt: string }[] }[];
  /** Per article (same order as `articles`). */
  reviews: ReviewStatus[];
}

/** The human layer of a file as JSON. */
export function jsonAnnotations(text: string, human: HumanLayer, reviews: readonly ReviewStatus[], lines: LineIndex = new LineIndex(text)): JsonAnnotations {
  return {
    spans: human.spans.map((s) => ({
      id: s.id,
      label: s.label,
      text: text.slice(s.start, s.end),
      range: lines.rangeOf(s),
      annotator: s.annotator,
      createdAt: s.createdAt,
      attributes: { ...s.attributes },
    })),
    relations: human.relations.map((r) => ({ id: r.id, label: r.label, from: r.from.id, to: r.to.id, annotator: r.annotator })),
    notes: human.notes.map((n) => ({
      id: n.id,
      text: n.text,
      range: lines.rangeOf(n),
      annotator: n.annotator,
      createdAt: n.createdAt,
      resolved: n.resolved,
      replies: n.replies.map((r) => ({ ...r })),
    })),
    reviews: [...reviews],
  };
}

/** Reads the `annotations` of a JSON export back (ranges onto `text`); replies become notes on the same text. */
export function parseJsonLayer(json: string, text: string): ExchangeLayer {
  let data: { files?: JsonFile[] } & Partial<JsonFile>;
  try {
    data = JSON.parse(json) as typeof data;
  } catch {
    return { spans: [], relations: [], notes: [] };
  }
  const file = data.files?.[0] ?? (data as JsonFile);
  const a = file?.annotations;
  if (!a) return { spans: [], relations: [], notes: [] };
  const lines = new LineIndex(text);
  const offsets = (r: Range) => ({ start: lines.offsetAt(r.start), end: lines.offsetAt(r.end) });
  const spans: ExchangeSpan[] = a.spans.map((s) => ({ ...offsets(s.range), label: s.label, attributes: s.attributes ?? {}, annotator: s.annotator ?? null }));
  const index = new Map(a.spans.map((s, i) => [s.id, i]));
  const relations: ExchangeRelation[] = a.relations.flatMap((r) => {
    const from = index.get(r.from);
    const to = index.get(r.to);
    return from === undefined || to === undefined ? [] : [{ label: r.label, from, to, annotator: r.annotator ?? null }];
  });
  const notes: ExchangeNote[] = a.notes.flatMap((n) => [n, ...n.replies].map((x) => ({ ...offsets(n.range), text: x.text, annotator: x.annotator ?? null })));
  return { spans, relations, notes };
}

export interface JsonArticle {
  title: string | null;
  date: string | null;
  source: string | null;
  authors: string[];
  range: Range;
  sections: { title: string; range: Range }[];
  entities: { id: string; name: string; type: 'person' | 'place' | 'organization'; mentions: { text: string; range: Range; rule?: string }[] }[];
  /** Every quotation; `kind` (added) says statement, partial or scare; `scare: true` marks scare quotes. */
  quotes: { text: string; speaker: string | null; speakerId: string | null; range: Range; scare?: boolean; kind?: QuotationKind; via?: string }[];
  dates: { text: string; iso: string | null; range: Range }[];
  /** `analyze --json` only: the id of the article's story (articles telling the same event share it; README "Stories"). */
  story?: string;
  /** `analyze --json` only: `<path>#<article index>` of the earlier article this one repeats (exactly or nearly). */
  duplicateOf?: string;
}

/**
 * Model → the JSON document of one file: LSP ranges (zero-based, end exclusive, UTF-16). With `explain`, each
 * entity mention also names the recogniser's rule that decided it (`analyze --json --explain`); with
 * `annotations`, the file carries the human layer (labels, relations, notes, review status).
 */
export function toJsonFile(
  path: string,
  text: string,
  model: DocumentModel,
  lines: LineIndex = new LineIndex(text),
  options: { readonly explain?: boolean; readonly annotations?: JsonAnnotations } = {},
): JsonFile {
  const { annotations } = options;
  const names = new Map(model.entities.map((e) => [e.id, e.name]));
  const file: JsonFile = {
    path,
    ...(model.layoutOnly
      ? { notice: 'too large for full analysis: only the outline (articles with their publication dates, sections, boilerplate); no entities, quotations or dates in the text' }
      : {}),
    boilerplate: model.boilerplate.map((b) => lines.rangeOf(b.span)),
    articles: model.articles.map((a) => {
      const byEntity = new Map<string, JsonArticle['entities'][number]>();
      for (const m of a.mentions) {
        let e = byEntity.get(m.entityId);
        if (!e) {
          e = { id: m.entityId, name: names.get(m.entityId) ?? m.name, type: m.kind, mentions: [] };
          byEntity.set(m.entityId, e);
        }
        e.mentions.push(options.explain && m.rule ? { text: m.text, range: lines.rangeOf(m.span), rule: m.rule } : { text: m.text, range: lines.rangeOf(m.span) });
      }
      return {
        title: a.title,
        date: a.date,
        source: a.source,
        authors: [...a.authors],
        range: lines.rangeOf(a.span),
        sections: a.sections.map((s) => ({ title: s.title, range: lines.rangeOf(s.span) })),
        entities: [...byEntity.values()],
        quotes: a.quotes.map((q) => {
          const kind = quotationKind(q);
          return {
            text: q.text,
            speaker: q.speaker,
            speakerId: q.speakerId,
            range: lines.rangeOf(q.span),
            ...(kind === 'scare' ? { scare: true } : {}),
            kind,
            ...(q.via ? { via: q.via } : {}),
          };
        }),
        dates: a.dates.map((d) => ({ text: d.text, iso: d.iso, range: lines.rangeOf(d.span) })),
      };
    }),
  };
  return annotations ? { ...file, annotations } : file;
}
