import type {
  AnalyzedArticle,
  ArticleAnalysis,
  ArticleLayout,
  BoilerplateBlock,
  DocumentModel,
  LinkedQuotation,
  Span,
} from './model';
import { segmentArticles } from './segment';
import { recognizeEntities } from './entities/recognize';
import { linkEntities } from './entities/link';
import { findDates } from './dates';
import { findQuotations } from './quotes';

export interface AnalyzeOptions {
  /** Reuse per-article results across calls and documents (keyed by the article's text and date). */
  readonly cache?: ArticleCache;
  /** Above this many UTF-16 code units only the layout is computed. */
  readonly maxFullAnalysisLength?: number;
  /** Checked between articles: return early (throwing `AnalysisCancelled`) when it says so. */
  readonly isCancelled?: () => boolean;
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

export const DEFAULT_MAX_FULL_ANALYSIS_LENGTH = 5 * 1024 * 1024;

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** The article's layout with every span made relative to the article's start. */
export function relativeLayout(layout: ArticleLayout): ArticleLayout {
  const d = -layout.span.start;
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

/** Runs recognition, dates and quotations on one article. Offsets in and out are relative to the article. */
export function analyzeArticle(articleText: string, layout: ArticleLayout): ArticleAnalysis {
  const mentions = recognizeEntities(articleText, layout);
  const dates = findDates(articleText, layout);
  const quotes = findQuotations(articleText, layout, mentions);
  return { mentions, dates, quotes };
}

function shiftAnalysis(a: ArticleAnalysis, delta: number): ArticleAnalysis {
  if (delta === 0) return a;
  return {
    mentions: a.mentions.map((m) => ({ ...m, span: shiftSpan(m.span, delta) })),
    dates: a.dates.map((x) => ({ ...x, span: shiftSpan(x.span, delta) })),
    quotes: a.quotes.map((q) => ({
      ...q,
      span: shiftSpan(q.span, delta),
      contentSpan: shiftSpan(q.contentSpan, delta),
      speakerSpan: q.speakerSpan && shiftSpan(q.speakerSpan, delta),
    })),
  };
}

/**
 * Text in, plain model out: articles, their entities, dates and quotations.
 * Segmentation is cheap and always runs; the NLP runs per article and is cached.
 */
export function analyzeDocument(text: string, options: AnalyzeOptions = {}): DocumentModel {
  const layout = segmentArticles(text);
  const maxLength = options.maxFullAnalysisLength ?? DEFAULT_MAX_FULL_ANALYSIS_LENGTH;
  const layoutOnly = text.length > maxLength;
  const perArticle: ArticleAnalysis[] = [];
  for (const article of layout.articles) {
    if (options.isCancelled?.()) throw new AnalysisCancelled();
    if (layoutOnly) {
      perArticle.push({ mentions: [], dates: [], quotes: [] });
      continue;
    }
    const articleText = text.slice(article.span.start, article.span.end);
    const key = `${article.date ?? ''}\u0000${articleText}`;
    let analysis = options.cache?.get(key);
    if (!analysis) {
      analysis = analyzeArticle(articleText, relativeLayout(article));
      options.cache?.set(key, analysis);
    }
    perArticle.push(shiftAnalysis(analysis, article.span.start));
  }

  const { entities, linked } = linkEntities(perArticle.map((a) => a.mentions));
  const articles: AnalyzedArticle[] = layout.articles.map((article, index) => {
    const mentions = linked[index] ?? [];
    const quotes: LinkedQuotation[] = perArticle[index].quotes.map((q) => {
      const speakerMention = q.speakerSpan
        ? mentions.find((m) => m.span.start === q.speakerSpan!.start && m.span.end === q.speakerSpan!.end)
        : undefined;
      return { ...q, speakerId: speakerMention?.kind === 'person' ? speakerMention.entityId : null, article: index };
    });
    return { ...article, index, mentions, dates: perArticle[index].dates, quotes };
  });
  return { textLength: text.length, boilerplate: layout.boilerplate, articles, entities, layoutOnly };
}
