import { LineIndex } from '../core/lineIndex';
import { ModelCompactor, type InternPool } from './compactModel';
import type { AnalyzedArticle, DateMention, DocumentModel, LinkedMention, LinkedQuotation, Span } from '../core/model';
import { detachedCopy } from '../core/text';

/** Words of an article's preview (its name when it has no title). */
const PREVIEW_WORDS = 8;

/**
 * One analysed version of one file (open in the editor or read from disk): its text, line index and
 * model, plus lookups derived lazily and kept for the life of this version, so no request re-derives them.
 * A file of the workspace index that is not open keeps a detached view (see `detach`): no text, a compact model.
 */
export class FileView {
  readonly lines: LineIndex;
  private sortedMentions?: LinkedMention[];
  private sortedDates?: DateMention[];
  private sortedQuotes?: LinkedQuotation[];
  private firstMentions?: Map<string, LinkedMention>;
  private speakerSpans?: Set<number>;
  private wordCounts = new Map<number, number>();
  private previews?: Map<number, string>;
  private readonly keptText: string | null;
  private readonly readText?: () => string;

  constructor(
    /** The uri as the client spells it (open documents) or as built from the path (disk files). */
    readonly uri: string,
    text: string | { readonly lines: LineIndex; readonly read: () => string },
    /** The model after the correction layer. */
    readonly model: DocumentModel,
    /** The machine's model before corrections, kept so corrections can be re-applied without NLP. */
    readonly rawModel: DocumentModel,
    /** Editor version for open documents; null for files read from disk. */
    readonly version: number | null,
    /** One-line reason when only the layout was computed (too large). */
    readonly notice?: string,
  ) {
    if (typeof text === 'string') {
      this.keptText = text;
      this.lines = new LineIndex(text);
    } else {
      this.keptText = null;
      this.readText = text.read;
      this.lines = text.lines;
    }
  }

  /**
   * The text this view was analysed from. A detached view reads it again (from disk) on each call:
   * only rare requests need it (exports, re-applied corrections, mention line texts), and they
   * read it once per file.
   */
  get text(): string {
    return this.keptText ?? this.readText!();
  }

  get detached(): boolean {
    return this.keptText === null;
  }

  /**
   * The same view without its text and with a compact copy of its models, for a file of the
   * workspace index that is not open: thousands of them stay in memory. What the workspace-wide
   * features read without the text (word counts, previews) is computed now; `read` gives the text
   * back when a request needs more (it must give the same text, or throw). `pool` shares the
   * copied strings between files.
   */
  detach(read: () => string, pool?: InternPool): FileView {
    const compactor = new ModelCompactor(pool);
    const model = compactor.model(this.model);
    const rawModel = this.rawModel === this.model ? model : compactor.model(this.rawModel);
    const view = new FileView(this.uri, { lines: this.lines, read }, model, rawModel, this.version, this.notice);
    const previews = new Map<number, string>();
    for (const article of this.model.articles) {
      view.wordCounts.set(article.index, this.wordCount(article));
      previews.set(article.index, detachedCopy(this.preview(article)));
    }
    view.previews = previews;
    return view;
  }

  get mentions(): readonly LinkedMention[] {
    this.sortedMentions ??= this.model.articles.flatMap((a) => a.mentions).sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
    return this.sortedMentions;
  }

  get dates(): readonly DateMention[] {
    this.sortedDates ??= this.model.articles.flatMap((a) => a.dates).sort((a, b) => a.span.start - b.span.start);
    return this.sortedDates;
  }

  get quotes(): readonly LinkedQuotation[] {
    this.sortedQuotes ??= this.model.articles.flatMap((a) => a.quotes).sort((a, b) => a.span.start - b.span.start);
    return this.sortedQuotes;
  }

  /** The first mention of each entity id in this file. */
  firstMentionOf(id: string): LinkedMention | undefined {
    if (!this.firstMentions) {
      const first = new Map<string, LinkedMention>();
      for (const m of this.mentions) if (!first.has(m.entityId)) first.set(m.entityId, m);
      this.firstMentions = first;
    }
    return this.firstMentions.get(id);
  }

  isFirstMention(m: LinkedMention): boolean {
    return this.firstMentionOf(m.entityId) === m;
  }

  /** Whether the mention is the attributed speaker of a statement. */
  isSpeaker(m: LinkedMention): boolean {
    if (!this.speakerSpans) {
      this.speakerSpans = new Set(this.quotes.filter((q) => !q.scare && q.speakerSpan).map((q) => spanKey(q.speakerSpan!)));
    }
    return this.speakerSpans.has(spanKey(m.span));
  }

  /** The mention covering an offset (a cursor right after a name counts too). */
  mentionAt(offset: number): LinkedMention | undefined {
    return itemAt(this.mentions, offset);
  }

  dateAt(offset: number): DateMention | undefined {
    return itemAt(this.dates, offset);
  }

  /** The innermost quotation covering an offset. */
  quoteAt(offset: number): LinkedQuotation | undefined {
    let found: LinkedQuotation | undefined;
    for (const q of this.quotes) {
      if (q.span.start > offset) break;
      if (offset < q.span.end) found = q;
    }
    return found;
  }

  /** The article holding an offset, or the nearest one before it (between articles), or the first. */
  articleAt(offset: number): AnalyzedArticle | undefined {
    const articles = this.model.articles;
    if (!articles.length) return undefined;
    let low = 0;
    let high = articles.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (articles[mid].span.start <= offset) low = mid;
      else high = mid - 1;
    }
    return articles[low];
  }

  /**
   * This detached view with the corrections applied anew (`model` corrects this view's raw model, of
   * the same text): the line index, word counts and previews stay, only the corrected model changes.
   */
  recorrected(model: DocumentModel, pool?: InternPool): FileView {
    const compact = model === this.rawModel ? this.rawModel : new ModelCompactor(pool).model(model);
    const view = new FileView(this.uri, this.keptText ?? { lines: this.lines, read: this.readText! }, compact, this.rawModel, this.version, this.notice);
    view.wordCounts = this.wordCounts;
    view.previews = this.previews;
    return view;
  }

  wordCount(article: AnalyzedArticle): number {
    let count = this.wordCounts.get(article.index);
    if (count === undefined) {
      count = 0;
      for (const p of article.paragraphs) count += countWords(this.text, p);
      this.wordCounts.set(article.index, count);
    }
    return count;
  }

  /** The first words of an article's body, for untitled articles. */
  preview(article: AnalyzedArticle, maxWords = PREVIEW_WORDS): string {
    const kept = maxWords === PREVIEW_WORDS ? this.previews?.get(article.index) : undefined;
    if (kept !== undefined) return kept;
    const first = article.paragraphs[0] ?? article.span;
    const words = this.text
      .slice(first.start, Math.min(first.end, first.start + 400))
      .split(/\s+/)
      .filter(Boolean);
    const shown = words.slice(0, maxWords).join(' ');
    return words.length > maxWords ? `${shown}…` : shown;
  }

  /** The article's display name: its title, else its first words. */
  articleName(article: AnalyzedArticle): string {
    return article.title?.trim() || this.preview(article) || `Article ${article.index + 1}`;
  }

  /** The span of the article's headline, or of its first body line when it has none. */
  articleSelection(article: AnalyzedArticle): Span {
    if (article.headlineSpan) return article.headlineSpan;
    const start = article.paragraphs[0]?.start ?? article.span.start;
    const line = this.lines.positionAt(start).line;
    return { start, end: Math.min(article.span.end, Math.max(start, this.lines.lineEndOffset(line))) };
  }

  /** The sentence around a span (bounded), for hover cards. */
  sentenceAround(span: Span, maxLength = 280): string {
    const text = this.text;
    let start = span.start;
    while (start > 0 && span.start - start < maxLength) {
      const c = text[start - 1];
      if (c === '\n' || c === '\r') break;
      if ((c === ' ' || c === '\u00a0') && /[.!?]["”’)]?$/.test(text.slice(Math.max(0, start - 3), start - 1)) && !isAbbreviationEnd(text, start - 1)) break;
      start--;
    }
    let end = span.end;
    while (end < text.length && end - span.end < maxLength) {
      const c = text[end];
      if (c === '\n' || c === '\r') break;
      end++;
      if (/[.!?]/.test(c) && (end >= text.length || /\s/.test(text[end]) || /["”’]/.test(text[end])) && !isAbbreviationEnd(text, end)) {
        while (end < text.length && /["”’)]/.test(text[end])) end++;
        break;
      }
    }
    const sentence = text.slice(start, end).replace(/\s+/g, ' ').trim();
    const lead = span.start - start >= maxLength ? '…' : '';
    const tail = end - span.end >= maxLength ? '…' : '';
    return `${lead}${sentence}${tail}`;
  }
}

/** Binary search for an item whose span covers `offset` (or ends right at it). */
function itemAt<T extends { span: Span }>(sorted: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = sorted.length - 1;
  let candidate = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].span.start <= offset) {
      candidate = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  // Overlaps are rare; look back a few items for one that covers the offset.
  let atEnd: T | undefined;
  for (let i = candidate; i >= 0 && i > candidate - 8; i--) {
    const item = sorted[i];
    if (offset < item.span.end) return item;
    if (offset === item.span.end && !atEnd) atEnd = item;
  }
  return atEnd;
}

function countWords(text: string, span: Span): number {
  let count = 0;
  let inWord = false;
  for (let i = span.start; i < span.end; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** "Mr." / "Gen." / "U.S." at `endExclusive`: a full stop that does not end a sentence. */
function isAbbreviationEnd(text: string, endExclusive: number): boolean {
  const before = text.slice(Math.max(0, endExclusive - 6), endExclusive);
  return /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Maj|Capt|Gov|Sen|Rep|St|Jr|Sr|No|Prof|[A-Z])\.$/.test(before) || /\b[A-Z]\.[A-Z]\.$/.test(before);
}

/** One number per span: exact while a span is under 2^26 characters and starts below 2^27 (far above maxFileSizeMB). */
function spanKey(span: Span): number {
  return span.start * 0x4000000 + (span.end - span.start);
}
