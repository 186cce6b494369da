import { LineIndex, type Range } from '../lineIndex';
import type { DocumentModel } from '../model';

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
  entities: { id: string; name: string; type: 'person' | 'place' | 'organization'; mentions: { text: string; range: Range }[] }[];
  quotes: { text: string; speaker: string | null; speakerId: string | null; range: Range; scare?: boolean }[];
  dates: { text: string; iso: string | null; range: Range }[];
  /** `analyze --json` only: the id of the article's story (articles telling the same event share it; README "Stories"). */
  story?: string;
  /** `analyze --json` only: `<path>#<article index>` of the earlier article this one repeats (exactly or nearly). */
  duplicateOf?: string;
}

/** Model → the JSON document of one file: LSP ranges (zero-based, end exclusive, UTF-16). */
export function toJsonFile(path: string, text: string, model: DocumentModel, lines: LineIndex = new LineIndex(text)): JsonFile {
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
        e.mentions.push({ text: m.text, range: lines.rangeOf(m.span) });
      }
      return {
        title: a.title,
        date: a.date,
        source: a.source,
        authors: [...a.authors],
        range: lines.rangeOf(a.span),
        sections: a.sections.map((s) => ({ title: s.title, range: lines.rangeOf(s.span) })),
        entities: [...byEntity.values()],
        quotes: a.quotes.filter((q) => !q.scare).map((q) => ({ text: q.text, speaker: q.speaker, speakerId: q.speakerId, range: lines.rangeOf(q.span) })),
        dates: a.dates.map((d) => ({ text: d.text, iso: d.iso, range: lines.rangeOf(d.span) })),
      };
    }),
  };
}
