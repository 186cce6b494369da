import type { AnalyzedArticle, ArticleAnalysis, ArticleLayout, DateMention, DocumentEntity, LinkedMention, LinkedQuotation, Quotation } from './model';
import { ArticleSpeakers } from './quotes/resolve';

/** Characters around an article that speaker resolution reads (it looks 60 before and 40 after a mention). */
const CONTEXT_BEFORE = 60;
const CONTEXT_AFTER = 40;

interface Assembled {
  readonly index: number;
  readonly start: number;
  readonly authors: readonly string[];
  readonly context: string;
  readonly quotes: readonly LinkedQuotation[];
  /** Shared by every version of the article that differs only by where it starts. */
  readonly content: object;
}

/**
 * The article an object was assembled as, relative to its start: two articles with the same content
 * object have the same mentions (entity ids and kinds included), dates and quotations (speakers included)
 * at the same places relative to their starts. What a per-article cache of derived results keys on.
 */
const contentOf = new WeakMap<AnalyzedArticle, object>();

export function articleContent(article: AnalyzedArticle): object | undefined {
  return contentOf.get(article);
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function shiftQuote(q: LinkedQuotation, d: number): LinkedQuotation {
  return {
    ...q,
    span: { start: q.span.start + d, end: q.span.end + d },
    contentSpan: { start: q.contentSpan.start + d, end: q.contentSpan.end + d },
    speakerSpan: q.speakerSpan && { start: q.speakerSpan.start + d, end: q.speakerSpan.end + d },
  };
}

function shiftDates(dates: readonly DateMention[], delta: number): readonly DateMention[] {
  return delta === 0 ? dates : dates.map((x) => ({ ...x, span: { start: x.span.start + delta, end: x.span.end + delta } }));
}

/**
 * Assembles each article of a document (its linked mentions, dates and quotations with their speakers)
 * and remembers them by article analysis, one memo per document: after an edit, an article whose text,
 * index, authors and surroundings are those of the last version, whose mentions are linked to the same
 * entities, and whose entities kept their names and aliases, keeps its speakers and is only moved to where
 * it starts now.
 */
export class AssemblyMemo {
  private articles = new Map<ArticleAnalysis, Assembled>();
  private entities: ReadonlyMap<string, DocumentEntity> = new Map();

  /**
   * The analysed articles of one version. `linked` are the articles' linked mentions (absolute offsets);
   * `kept[i]` says article i's mentions have the entity ids and kinds they had in the last version given to this memo.
   */
  assemble(
    text: string,
    layouts: readonly ArticleLayout[],
    perArticle: readonly ArticleAnalysis[],
    linked: readonly (readonly LinkedMention[])[],
    entityById: ReadonlyMap<string, DocumentEntity>,
    kept: readonly boolean[],
  ): AnalyzedArticle[] {
    const changed = this.changedEntities(entityById);
    const previous = this.articles;
    const next = new Map<ArticleAnalysis, Assembled>();
    const articles = layouts.map((article, index) => {
      const analysis = perArticle[index];
      const start = article.span.start;
      const mentions = linked[index] ?? [];
      const context = `${text.slice(Math.max(0, start - CONTEXT_BEFORE), start)}\u0000${text.slice(article.span.end, article.span.end + CONTEXT_AFTER)}`;
      const before = kept[index] ? previous.get(analysis) : undefined;
      let assembled: Assembled;
      if (before && before.index === index && before.context === context && sameStrings(before.authors, article.authors) && (changed.size === 0 || !mentions.some((m) => changed.has(m.entityId)))) {
        const d = start - before.start;
        assembled = d === 0 ? before : { ...before, start, quotes: before.quotes.map((q) => shiftQuote(q, d)) };
      } else {
        assembled = { index, start, authors: article.authors, context, quotes: assembleQuotes(text, article, index, analysis, mentions, entityById), content: {} };
      }
      next.set(analysis, assembled);
      const result: AnalyzedArticle = { ...article, index, mentions, dates: shiftDates(analysis.dates, start), quotes: assembled.quotes };
      contentOf.set(result, assembled.content);
      return result;
    });
    this.articles = next;
    this.entities = entityById;
    return articles;
  }

  /** The ids whose entity is new or has another name or other aliases than in the last version (what speaker resolution reads of them). */
  private changedEntities(entityById: ReadonlyMap<string, DocumentEntity>): Set<string> {
    const changed = new Set<string>();
    for (const [id, e] of entityById) {
      const old = this.entities.get(id);
      if (!old || old.name !== e.name || !sameStrings(old.aliases, e.aliases)) changed.add(id);
    }
    return changed;
  }
}

/** The article's quotations at their place in the document, each with its speaker resolved inside the article. */
export function assembleQuotes(
  text: string,
  article: ArticleLayout,
  index: number,
  analysis: ArticleAnalysis,
  mentions: readonly LinkedMention[],
  entityById: ReadonlyMap<string, DocumentEntity>,
): LinkedQuotation[] {
  const d = article.span.start;
  // Speakers resolve inside their own article: a pronoun or description never reaches another article's people.
  const speakers = new ArticleSpeakers(text, mentions, entityById, article.authors);
  return analysis.quotes.map((relative) => {
    const q: Quotation =
      d === 0
        ? relative
        : {
            ...relative,
            span: { start: relative.span.start + d, end: relative.span.end + d },
            contentSpan: { start: relative.contentSpan.start + d, end: relative.contentSpan.end + d },
            speakerSpan: relative.speakerSpan && { start: relative.speakerSpan.start + d, end: relative.speakerSpan.end + d },
          };
    return { ...q, speakerId: speakers.speakerIdOf(q), article: index };
  });
}
