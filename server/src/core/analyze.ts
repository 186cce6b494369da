import type { AnalyzedArticle, ArticleAnalysis, ArticleLayout, BoilerplateBlock, DocumentLayout, DocumentModel, Span, DateMention } from './model';
import { editedStretch, offsetBeforeEdit, segmentArticles, SegmentationMemo } from './segment';
import { recognizeMentions } from './entities/recognition';
import { LinkMemo, linkArticles } from './entities/link';
import { findDates } from './dates';
import { findQuotations } from './quotes';
import { AssemblyMemo, assembleQuotes } from './articleAssembly';

export interface AnalyzeOptions {
  /** Reuse per-article results across calls and documents (keyed by the article's text and date). */
  readonly cache?: ArticleCache;
  /** Above this many UTF-16 code units only the layout is computed. */
  readonly maxFullAnalysisLength?: number;
  /** The document's memo (one per document, kept across its versions): an edit re-does only what it touched. */
  readonly memo?: DocumentMemo;
  /** Checked between articles: return early (throwing `AnalysisCancelled`) when it says so. */
  readonly isCancelled?: () => boolean;
  /**
   * Analyse only the articles overlapping this span; the others keep their layout only. For the part
   * of a document an editor shows first, before the whole is analysed. Not remembered in the memo.
   */
  readonly onlyArticlesOverlapping?: Span;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

/**
 * Per-article analysis results keyed by the article's own text and publication date,
 * so an edit re-analyses only the articles it touches. Bounded: oldest entries go first.
 */
export class ArticleCache {
  private readonly entries = new Map<string, ArticleAnalysis>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 20_000) {}

  get(key: string): ArticleAnalysis | undefined {
    const found = this.entries.get(key);
    if (found) {
      // Refresh recency: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
      this.hits++;
    } else {
      this.misses++;
    }
    return found;
  }

  set(key: string, value: ArticleAnalysis): void {
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const EMPTY_ANALYSIS: ArticleAnalysis = { mentions: [], dates: [], quotes: [] };

/**
 * What the last analysis of one document found, kept by its caller from one version to the next
 * (an open document): the segmentation's line facts and topic seams, each article's analysis by its
 * place in the text (after an edit the unchanged articles are found by their offsets instead of by
 * hashing their whole text again), and the linking decisions (kept while no name changed). Gives the
 * results a from-scratch analysis gives.
 */
export class DocumentMemo {
  readonly segmentation = new SegmentationMemo();
  readonly link = new LinkMemo();
  readonly assembly = new AssemblyMemo();
  private text: string | null = null;
  /** `start:end:date` of each article of `text` → its analysis (offsets relative to the article). */
  private articles = new Map<string, ArticleAnalysis>();

  private layout: { readonly text: string; readonly layout: DocumentLayout } | null = null;

  /** The layout of the last segmented text when `text` is that text. */
  layoutOf(text: string): DocumentLayout | undefined {
    return this.layout !== null && this.layout.text === text ? this.layout.layout : undefined;
  }

  keepLayout(text: string, layout: DocumentLayout): void {
    this.layout = { text, layout };
  }

  /** A lookup of the unchanged articles of `text` (by their span and date) in the last complete analysis. */
  unchangedArticles(text: string): (span: Span, date: string | null) => ArticleAnalysis | undefined {
    const old = this.text;
    if (old === null) return () => undefined;
    const articles = this.articles;
    const stretch = editedStretch(old, text);
    return (span, date) => {
      const at = offsetBeforeEdit(stretch, span);
      return at < 0 ? undefined : articles.get(`${at}:${at + span.end - span.start}:${date ?? ''}`);
    };
  }

  /** Records the articles of a complete analysis of `text`. */
  remember(text: string, articles: ReadonlyMap<string, ArticleAnalysis>): void {
    this.text = text;
    this.articles = new Map(articles);
  }
}

export const DEFAULT_MAX_FULL_ANALYSIS_LENGTH = 5 * 1024 * 1024;

export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** The article's layout with every span made relative to the article's start. */
export function relativeLayout(layout: ArticleLayout): ArticleLayout {
  // Not `-start`: for the first article that is -0, a double, and every span derived from it would be a boxed number.
  const d = 0 - layout.span.start;
  return {
    ...layout,
    span: shiftSpan(layout.span, d),
    headlineSpan: layout.headlineSpan && shiftSpan(layout.headlineSpan, d),
    datelineSpan: layout.datelineSpan && shiftSpan(layout.datelineSpan, d),
    paragraphs: layout.paragraphs.map((p) => shiftSpan(p, d)),
    sections: layout.sections.map((s) => ({ title: s.title, headingSpan: shiftSpan(s.headingSpan, d), span: shiftSpan(s.span, d) })),
    boilerplate: layout.boilerplate.map((b): BoilerplateBlock => ({ kind: b.kind, span: shiftSpan(b.span, d) })),
  };
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Runs one analysis stage; a throw is recorded instead of propagated (cancellation excepted), so one odd
 * article cannot take the whole document, or the server, down. The error stays visible in the model.
 */
function guarded<T>(stage: string, errors: string[], fallback: T, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof AnalysisCancelled) throw e;
    errors.push(`${stage} threw ${describeError(e)}`);
    return fallback;
  }
}

function splitsSurrogatePair(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** A span the editor can show: integer offsets inside the text, in order, never between the halves of a surrogate pair. */
function isValidSpan(text: string, span: Span, allowEmpty = true): boolean {
  return (
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.end <= text.length &&
    (allowEmpty ? span.start <= span.end : span.start < span.end) &&
    !splitsSurrogatePair(text, span.start) &&
    !splitsSurrogatePair(text, span.end)
  );
}

/** Runs recognition, dates and quotations on one article. Offsets in and out are relative to the article. */
export function analyzeArticle(articleText: string, layout: ArticleLayout): ArticleAnalysis {
  const errors: string[] = [];
  // Results whose spans fall outside the article would become ranges outside the document: drop and record them.
  const keepValid = <T>(stage: string, items: readonly T[], spansOf: (item: T) => readonly (Span | null)[]): T[] => {
    const kept = items.filter((item) => spansOf(item).every((span, i) => span === null || isValidSpan(articleText, span, i > 0)));
    if (kept.length < items.length) errors.push(`${stage} gave ${items.length - kept.length} empty or out-of-article span(s); dropped`);
    return kept;
  };
  const mentions = keepValid(
    'recognizeEntities',
    guarded('recognizeEntities', errors, [], () => recognizeMentions(articleText, layout)),
    (m) => [m.span],
  );
  const dates = keepValid(
    'findDates',
    guarded('findDates', errors, [], () => findDates(articleText, layout)),
    (d) => [d.span],
  );
  const quotes = keepValid(
    'findQuotations',
    guarded('findQuotations', errors, [], () => findQuotations(articleText, layout, mentions)),
    (q) => [q.span, q.contentSpan, q.speakerSpan],
  );
  return errors.length ? { mentions, dates, quotes, errors } : { mentions, dates, quotes };
}

function shiftDates(dates: readonly DateMention[], delta: number): readonly DateMention[] {
  return delta === 0 ? dates : dates.map((x) => ({ ...x, span: shiftSpan(x.span, delta) }));
}

/** Words before a speaker's name that are not part of it ("Mr. Trump", "President-elect Trump"). */
/**
 * Text in, plain model out: articles, their entities, dates and quotations.
 * Segmentation is cheap and always runs; the NLP runs per article and is cached.
 */
export function analyzeDocument(text: string, options: AnalyzeOptions = {}): DocumentModel {
  const analysisErrors: string[] = [];
  // The same text as the memo's last layout (a sliced analysis run again, the layout view before the analysis): that layout.
  let segmented = options.memo?.layoutOf(text);
  if (!segmented) {
    segmented = guarded('segmentArticles', analysisErrors, { articles: [], boilerplate: [] }, () => segmentArticles(text, options.memo?.segmentation));
    if (!analysisErrors.length) options.memo?.keepLayout(text, segmented);
  }
  // Articles must lie inside the text, in order: every offset of the model is relative to them.
  let previousEnd = 0;
  const validArticles = segmented.articles.filter((article) => {
    const ok = isValidSpan(text, article.span) && article.span.start >= previousEnd;
    if (ok) previousEnd = article.span.end;
    else analysisErrors.push(`segmentArticles gave article span ${article.span.start}..${article.span.end} outside the text or overlapping; dropped`);
    return ok;
  });
  const layout = validArticles.length === segmented.articles.length ? segmented : { ...segmented, articles: validArticles };
  const maxLength = options.maxFullAnalysisLength ?? DEFAULT_MAX_FULL_ANALYSIS_LENGTH;
  const layoutOnly = text.length > maxLength;
  // Per article its analysis as cached, offsets relative to the article: shifted once, when linked.
  const perArticle: ArticleAnalysis[] = [];
  const only = options.onlyArticlesOverlapping;
  const unchanged = options.memo && !layoutOnly ? options.memo.unchangedArticles(text) : undefined;
  const byPlace = new Map<string, ArticleAnalysis>();
  for (const [index, article] of layout.articles.entries()) {
    if (options.isCancelled?.()) throw new AnalysisCancelled();
    // An empty span still counts for the article it lies in.
    if (layoutOnly || (only && (article.span.end <= only.start || article.span.start >= Math.max(only.end, only.start + 1)))) {
      perArticle.push(EMPTY_ANALYSIS);
      continue;
    }
    // The same text and date as an article of the last version: the analysis the cache would give.
    let analysis = unchanged?.(article.span, article.date);
    if (!analysis) {
      const articleText = text.slice(article.span.start, article.span.end);
      const key = `${article.date ?? ''}\u0000${articleText}`;
      analysis = options.cache?.get(key);
      if (!analysis) {
        analysis = analyzeArticle(articleText, relativeLayout(article));
        // A failed analysis is not cached: the next version of the document tries again.
        if (!analysis.errors) options.cache?.set(key, analysis);
      }
    }
    if (!analysis.errors) byPlace.set(`${article.span.start}:${article.span.end}:${article.date ?? ''}`, analysis);
    for (const e of analysis.errors ?? []) analysisErrors.push(`article ${index}: ${e}`);
    perArticle.push(analysis);
  }
  if (options.memo && !layoutOnly && !only) options.memo.remember(text, byPlace);

  // A partial or layout-only analysis is not remembered: the next complete one compares with the last complete one.
  const memo = options.memo && !layoutOnly && !only ? options.memo : undefined;
  // Nothing is kept from the last version unless linking says so (it may throw halfway).
  if (memo) memo.link.kept = [];
  const { entities, linked } = guarded('linkEntities', analysisErrors, { entities: [], linked: [] }, () =>
    linkArticles(
      perArticle.map((a, index) => ({ mentions: a.mentions, offset: layout.articles[index].span.start })),
      memo?.link,
    ),
  );
  const entityById = new Map(entities.map((e) => [e.id, e]));
  const articles: AnalyzedArticle[] = memo
    ? memo.assembly.assemble(text, layout.articles, perArticle, linked, entityById, memo.link.kept)
    : layout.articles.map((article, index) => {
        const mentions = linked[index] ?? [];
        const quotes = assembleQuotes(text, article, index, perArticle[index], mentions, entityById);
        return { ...article, index, mentions, dates: shiftDates(perArticle[index].dates, article.span.start), quotes };
      });
  const model: DocumentModel = { textLength: text.length, boilerplate: layout.boilerplate, articles, entities, layoutOnly };
  return analysisErrors.length ? { ...model, analysisErrors } : model;
}
