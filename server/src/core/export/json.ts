import { LineIndex, type Range } from '../lineIndex';
import { quotationKind, type DocumentModel, type QuotationKind } from '../model';

/** The CLI's `--json` shape of one file (documented in the README; a public interface). */
export interface JsonFile {
  path: string;
  boilerplate: Range[];
  articles: JsonArticle[];
  /** Set when only the layout was computed (file too large). */
  notice?: string;
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
}

/**
 * Model → the JSON document of one file: LSP ranges (zero-based, end exclusive, UTF-16). With `explain`, each
 * entity mention also names the recogniser's rule that decided it (`analyze --json --explain`).
 */
export function toJsonFile(
  path: string,
  text: string,
  model: DocumentModel,
  lines: LineIndex = new LineIndex(text),
  options: { readonly explain?: boolean } = {},
): JsonFile {
  const names = new Map(model.entities.map((e) => [e.id, e.name]));
  return {
    path,
    ...(model.layoutOnly ? { notice: 'too large for full analysis: only the outline (articles with their publication dates, sections, boilerplate); no entities, quotations or dates in the text' } : {}),
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
}
