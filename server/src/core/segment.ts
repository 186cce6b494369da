/**
 * The article model: splits a scraped news page into articles, cheaply and line by line (no NLP).
 * It runs on every keystroke on multi-megabyte files, so it is linear: one classification pass per
 * line (./segment/classify.ts), one walk that builds articles with a small state machine, and a
 * lexical-cohesion pass that finds stories glued together without any marker.
 *
 * The walk's states: 'none' (between articles), 'header' (headline seen, no body yet), 'body', and
 * 'ended' (an end marker such as "X contributed reporting" or an offer block was seen: only trailing
 * author lines still attach to the article). A new article starts at
 *   - a title-like line that is followed (past boilerplate and metadata) by body text, when no article
 *     is open, or after an end marker, or when a paywall notice / byline / dateline sits between the
 *     line and the body, or when it is a long Title Case line (a headline, not a section heading);
 *   - a dateline or byline after body text;
 *   - body text after a paywall notice or an end marker (an article without a headline);
 *   - a topic seam found by ./segment/cohesion.ts.
 */
import type { ArticleLayout, BoilerplateBlock, BoilerplateKind, DocumentLayout, SectionLayout, Span } from './model';
import { classifyLines, type LineFacts } from './segment/classify';
import { findTopicShift } from './segment/cohesion';
import type { Dateline } from './segment/dateline';
import { splitLines, type TextLine } from './segment/lines';
import { outletNamed, findOutlet } from './segment/outlets';

export type { Dateline } from './segment/dateline';
export { parseDateline } from './segment/dateline';

/** How far ahead (in non-blank lines) a title-like line looks for the body text it heads. */
const LOOKAHEAD_LINES = 25;
/** A title-like line in the middle of body text is a headline, not a section heading, from this many words (Title Case). */
const HEADLINE_MIN_WORDS = 7;
/** A stray headless "article" after another article must have this much text, or it is page chrome. */
const MIN_HEADLESS_PARAGRAPHS = 2;
const MIN_HEADLESS_CHARS = 250;
/** A document's first line ending in a full stop may still be its headline up to this size. */
const MAX_TOP_HEADLINE_LENGTH = 120;
const MAX_TOP_HEADLINE_WORDS = 16;
/** Words that mark a lede sentence rather than a headline. */
const LEDE_MARKERS = /\b(?:said|says|told|according to|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b/;

type WalkState = 'none' | 'header' | 'body' | 'ended';

interface SectionDraft {
  title: string;
  headingSpan: Span;
  /** Index of the section's first paragraph in the article's paragraph list. */
  firstParagraph: number;
}

interface ArticleDraft {
  start: number;
  end: number;
  title: string | null;
  headlineSpan: Span | null;
  dateline: Dateline | null;
  datelineSpan: Span | null;
  authors: string[];
  /** Where each author came from, so a split article keeps its authors on the right side. */
  authorOffsets: number[];
  source: string | null;
  location: string | null;
  paragraphs: Span[];
  sections: SectionDraft[];
  /** A headless article opened after another one: dropped when it turns out to be a stray line. */
  provisional: boolean;
  dateFromDocument: boolean;
}

interface PendingHeader {
  start: number;
  end: number;
  dateline: Dateline | null;
  datelineSpan: Span | null;
  authors: string[];
  authorOffsets: number[];
  source: string | null;
  location: string | null;
  /** The metadata lines, turned into boilerplate if no article claims them. */
  spans: Span[];
}

interface Lookahead {
  /** What the next line that is neither boilerplate nor metadata is. */
  readonly target: 'body' | 'title' | 'none';
  /** A paywall notice that heads articles lies in between. */
  readonly sawStartMarker: boolean;
  /** Something that only follows an article (an offer block) lies in between: the line heads nothing. */
  readonly sawEndMarker: boolean;
  /** A dateline, byline, "Reporting from" or name line lies in between. */
  readonly sawMetadata: boolean;
  /** Index (in content lines) of the target line, or -1. */
  readonly at: number;
}

function newDraft(start: number): ArticleDraft {
  return {
    start,
    end: start,
    title: null,
    headlineSpan: null,
    dateline: null,
    datelineSpan: null,
    authors: [],
    authorOffsets: [],
    source: null,
    location: null,
    paragraphs: [],
    sections: [],
    provisional: false,
    dateFromDocument: false,
  };
}

function emptyPending(): PendingHeader {
  return { start: -1, end: -1, dateline: null, datelineSpan: null, authors: [], authorOffsets: [], source: null, location: null, spans: [] };
}

/** The newer of two datelines loses: a publication stamp beats an "Updated" stamp. */
function preferDateline(current: Dateline | null, candidate: Dateline): boolean {
  return current === null || (current.updated && !candidate.updated);
}

/** "KYIV, Ukraine (AP) — …" / "WASHINGTON (Reuters) - …": the wire-style dateline that opens a story. */
const LEAD_DATELINE = /^(\p{Lu}[\p{Lu}.'’-]+(?: \p{Lu}[\p{Lu}.'’-]+){0,3})(?:,\s+(\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){0,2}))?\s*(?:\(([^()\n]{2,40})\))?\s*(?:—|–|--|-)\s+\S/u;

function titleCaseWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

class LayoutWalk {
  private readonly content: number[] = [];
  private readonly drafts: ArticleDraft[] = [];
  private readonly boilerplate: BoilerplateBlock[] = [];
  private cur: ArticleDraft | null = null;
  private state: WalkState = 'none';
  private pending: PendingHeader = emptyPending();
  /** Index into `boilerplate` of the block the previous content line extended, or -1. */
  private openBlock = -1;

  constructor(
    private readonly text: string,
    private readonly lines: readonly TextLine[],
    private readonly facts: readonly LineFacts[],
  ) {
    for (let i = 0; i < lines.length; i++) if (facts[i].role !== 'blank') this.content.push(i);
  }

  private span(i: number): Span {
    return { start: this.lines[i].contentStart, end: this.lines[i].contentEnd };
  }

  private lineText(i: number): string {
    return this.text.slice(this.lines[i].contentStart, this.lines[i].contentEnd);
  }

  run(): { drafts: ArticleDraft[]; boilerplate: BoilerplateBlock[] } {
    for (let k = 0; k < this.content.length; k++) this.step(k);
    this.closeArticle();
    this.discardPending();
    return { drafts: this.drafts, boilerplate: this.boilerplate };
  }

  private lookahead(k: number): Lookahead {
    let sawStartMarker = false;
    let sawEndMarker = false;
    let sawMetadata = false;
    const last = Math.min(this.content.length, k + 1 + LOOKAHEAD_LINES);
    for (let p = k + 1; p < last; p++) {
      const fact = this.facts[this.content[p]];
      switch (fact.role) {
        case 'boilerplate':
          if (fact.startsArticle) sawStartMarker = true;
          if (fact.endsArticle && !sawStartMarker) sawEndMarker = true;
          continue;
        case 'dateline':
        case 'byline':
        case 'location':
          sawMetadata = true;
          continue;
        case 'title':
          if (fact.nameLine) {
            sawMetadata = true;
            continue;
          }
          return { target: 'title', sawStartMarker, sawEndMarker, sawMetadata, at: p };
        default:
          return { target: sawEndMarker ? 'none' : 'body', sawStartMarker, sawEndMarker, sawMetadata, at: p };
      }
    }
    return { target: 'none', sawStartMarker, sawEndMarker, sawMetadata, at: -1 };
  }

  private addBoilerplate(i: number, kind: BoilerplateKind): void {
    const span = this.span(i);
    const open = this.openBlock >= 0 ? this.boilerplate[this.openBlock] : null;
    if (open && open.kind === kind) {
      this.boilerplate[this.openBlock] = { kind, span: { start: open.span.start, end: span.end } };
    } else {
      this.boilerplate.push({ kind, span });
      this.openBlock = this.boilerplate.length - 1;
    }
  }

  private extend(draft: ArticleDraft, span: Span): void {
    if (span.start < draft.start) draft.start = span.start;
    if (span.end > draft.end) draft.end = span.end;
  }

  private closeArticle(): void {
    const draft = this.cur;
    this.cur = null;
    this.state = 'none';
    if (!draft) return;
    const chars = draft.paragraphs.reduce((sum, p) => sum + (p.end - p.start), 0);
    if (draft.provisional && draft.title === null && draft.paragraphs.length < MIN_HEADLESS_PARAGRAPHS && chars < MIN_HEADLESS_CHARS) {
      // A stray sentence after an article (a promo, a footer): boilerplate, not a story.
      for (const p of draft.paragraphs) this.boilerplate.push({ kind: 'other', span: p });
      return;
    }
    this.drafts.push(draft);
  }

  /** Opens an article at `start`, taking the pending header (dateline, byline…) seen before it. */
  private openArticle(start: number): ArticleDraft {
    this.closeArticle();
    const draft = newDraft(start);
    draft.provisional = this.drafts.length > 0;
    const pending = this.pending;
    if (pending.start >= 0) {
      draft.start = Math.min(draft.start, pending.start);
      draft.end = Math.max(draft.end, pending.end);
      draft.dateline = pending.dateline;
      draft.datelineSpan = pending.datelineSpan;
      draft.authors = pending.authors;
      draft.authorOffsets = pending.authorOffsets;
      draft.source = pending.source;
      draft.location = pending.location;
      draft.provisional = false;
    }
    this.pending = emptyPending();
    this.cur = draft;
    return draft;
  }

  private discardPending(): void {
    for (const span of this.pending.spans) this.boilerplate.push({ kind: 'navigation', span });
    this.pending = emptyPending();
  }

  private addPendingSpan(span: Span): void {
    const pending = this.pending;
    if (pending.start < 0 || span.start < pending.start) pending.start = span.start;
    if (span.end > pending.end) pending.end = span.end;
    pending.spans.push(span);
  }

  private addAuthors(target: { authors: string[]; authorOffsets: number[] }, authors: readonly string[], offset: number): void {
    for (const author of authors) {
      if (!target.authors.includes(author)) {
        target.authors.push(author);
        target.authorOffsets.push(offset);
      }
    }
  }

  private addParagraph(i: number): void {
    const draft = this.cur ?? this.openArticle(this.span(i).start);
    const span = this.span(i);
    draft.paragraphs.push(span);
    this.extend(draft, span);
    this.state = 'body';
  }

  private step(k: number): void {
    const i = this.content[k];
    const fact = this.facts[i];
    const span = this.span(i);
    const wasBlock = this.openBlock;
    this.openBlock = -1;

    switch (fact.role) {
      case 'boilerplate': {
        let kind = fact.boilerplate ?? 'other';
        if (fact.duplicate) {
          const title = this.cur?.title;
          kind = title !== undefined && title !== null && this.lineText(i) === title ? 'repeated-headline' : 'caption-duplicate';
        }
        this.openBlock = wasBlock;
        this.addBoilerplate(i, kind);
        if (fact.startsArticle && (this.state === 'body' || this.state === 'ended')) this.closeArticle();
        else if (fact.endsArticle && this.state === 'body') this.state = 'ended';
        if (this.cur && kind === 'credit') {
          // "© 2024 Reuters": a copyright line names the publisher.
          const outlet = /^(?:©|\(c\)|copyright)/i.test(this.lineText(i)) ? findOutlet(this.lineText(i)) : null;
          if (outlet && !this.cur.source) this.cur.source = outlet.name;
        }
        return;
      }
      case 'continuation': {
        const draft = this.cur;
        if (draft && draft.paragraphs.length > 0) {
          const last = draft.paragraphs[draft.paragraphs.length - 1];
          draft.paragraphs[draft.paragraphs.length - 1] = { start: last.start, end: span.end };
          this.extend(draft, span);
        } else {
          this.addParagraph(i);
        }
        return;
      }
      case 'dateline':
        this.onDateline(fact, span);
        return;
      case 'byline':
        this.onByline(fact, span);
        return;
      case 'location':
        this.onLocation(fact, span);
        return;
      case 'title':
        this.onTitle(k, fact, span, wasBlock);
        return;
      default:
        this.onBody(i, fact, k);
    }
  }

  private onDateline(fact: LineFacts, span: Span): void {
    const dateline = fact.dateline;
    if (!dateline) return;
    if (this.cur && this.state === 'header') {
      if (preferDateline(this.cur.dateline, dateline)) {
        this.cur.dateline = dateline;
        this.cur.datelineSpan = span;
        if (dateline.source) this.cur.source = dateline.source;
      }
      if (fact.authors) this.addAuthors(this.cur, fact.authors, span.start);
      this.extend(this.cur, span);
      return;
    }
    // After body text a dateline heads the next article.
    if (this.state === 'body' || this.state === 'ended') this.closeArticle();
    const pending = this.pending;
    if (preferDateline(pending.dateline, dateline)) {
      pending.dateline = dateline;
      pending.datelineSpan = span;
      if (dateline.source) pending.source = dateline.source;
    }
    if (fact.authors) this.addAuthors(pending, fact.authors, span.start);
    this.addPendingSpan(span);
  }

  private onByline(fact: LineFacts, span: Span): void {
    const draft = this.cur;
    const early = draft !== null && (this.state === 'header' || (this.state === 'body' && draft.paragraphs.length <= 1 && draft.authors.length === 0));
    if (draft && early) {
      this.addAuthors(draft, fact.authors ?? [], span.start);
      if (fact.source && !draft.source) draft.source = fact.source;
      this.extend(draft, span);
      return;
    }
    if (this.state === 'body' || this.state === 'ended') this.closeArticle();
    this.addAuthors(this.pending, fact.authors ?? [], span.start);
    if (fact.source && !this.pending.source) this.pending.source = fact.source;
    this.addPendingSpan(span);
  }

  private onLocation(fact: LineFacts, span: Span): void {
    const draft = this.cur;
    if (draft && (this.state === 'header' || (this.state === 'body' && draft.paragraphs.length <= 2))) {
      draft.location = draft.location ?? fact.location;
      this.extend(draft, span);
      return;
    }
    if (this.state === 'body' || this.state === 'ended') this.closeArticle();
    this.pending.location = this.pending.location ?? fact.location;
    this.addPendingSpan(span);
  }

  private startHeadline(span: Span, title: string): void {
    const draft = this.openArticle(span.start);
    draft.title = title;
    draft.headlineSpan = span;
    this.extend(draft, span);
    this.state = 'header';
  }

  private onTitle(k: number, fact: LineFacts, span: Span, previousBlock: number): void {
    const i = this.content[k];
    const title = this.lineText(i);
    const draft = this.cur;
    // Author lines sit under the headline or the standfirst ("Ephrat Livni").
    if (fact.nameLine && draft && draft.authors.length === 0 && (this.state === 'header' || (this.state === 'body' && draft.paragraphs.length <= 1))) {
      this.addAuthors(draft, fact.authors ?? [], span.start);
      this.extend(draft, span);
      return;
    }
    const ahead = this.lookahead(k);
    const chrome = (): void => {
      // Inherit the kind of the boilerplate just before ("Last sale of the year" inside an offer block).
      const kind = previousBlock >= 0 ? this.boilerplate[previousBlock].kind : 'navigation';
      this.openBlock = previousBlock;
      this.addBoilerplate(i, kind);
    };

    if (this.state === 'none' || this.state === 'ended') {
      if (ahead.target === 'body') {
        this.startHeadline(span, title);
        return;
      }
      if (fact.nameLine && draft && this.state === 'ended') {
        // Trailing author line of the article that just ended ("Lynsey Chutel and Nazaneen Ghaffar").
        this.addAuthors(draft, fact.authors ?? [], span.start);
        this.extend(draft, span);
        return;
      }
      chrome();
      return;
    }

    if (this.state === 'header') {
      if (ahead.target === 'body') this.addParagraph(i); // a standfirst without a full stop
      else chrome();
      return;
    }

    // state 'body'
    if (draft && fact.nameLine && ahead.target !== 'body') {
      // Names after the last paragraph, before the next headline: the article's byline, printed last.
      this.addAuthors(draft, fact.authors ?? [], span.start);
      this.extend(draft, span);
      this.state = 'ended';
      return;
    }
    if (ahead.target !== 'body') {
      chrome();
      this.state = 'ended';
      return;
    }
    if (ahead.sawStartMarker || ahead.sawMetadata || (fact.titleCase && fact.words >= HEADLINE_MIN_WORDS)) {
      this.startHeadline(span, title);
      return;
    }
    if (draft) {
      draft.sections.push({ title, headingSpan: span, firstParagraph: draft.paragraphs.length });
      this.extend(draft, span);
    }
  }

  /**
   * Some converters end every headline with a full stop ("Washington Post backs Hillary Clinton for
   * president."). At the very top of a document, a short one-sentence line without the marks of a
   * lede ("said", a weekday) heads the article when a wire dateline or a much longer paragraph follows.
   */
  private isTopHeadlineWithFullStop(k: number, i: number): boolean {
    if (this.drafts.length > 0 || this.cur !== null) return false;
    for (let p = 0; p < k; p++) {
      const role = this.facts[this.content[p]].role;
      if (role !== 'boilerplate' && role !== 'dateline') return false;
    }
    const line = this.lineText(i);
    if (line.length > MAX_TOP_HEADLINE_LENGTH || !line.endsWith('.') || !/^["“‘']?[\p{Lu}\p{N}]/u.test(line)) return false;
    const words = line.split(/\s+/).length;
    if (words < 3 || words > MAX_TOP_HEADLINE_WORDS) return false;
    if (/\p{L}{2}[.!?]["”’]?\s+\S/u.test(line.slice(0, -1)) || LEDE_MARKERS.test(line)) return false;
    const ahead = this.lookahead(k);
    if (ahead.target !== 'body') return false;
    const next = this.lineText(this.content[ahead.at]);
    return LEAD_DATELINE.test(next.slice(0, 120)) || next.length >= 2 * line.length;
  }

  private onBody(i: number, fact: LineFacts, k: number): void {
    if (this.state === 'none' && this.isTopHeadlineWithFullStop(k, i)) {
      this.startHeadline(this.span(i), this.lineText(i));
      return;
    }
    if (this.state === 'ended') this.closeArticle();
    this.addParagraph(i);
    if (fact.contributor) this.state = 'ended';
  }
}

/** Splits drafts at topic seams (stories glued together without a headline). */
function splitAtTopicShifts(drafts: readonly ArticleDraft[], topicShift: TopicShiftFinder): ArticleDraft[] {
  const result: ArticleDraft[] = [];
  for (const original of drafts) {
    let draft = original;
    for (;;) {
      const blocked = new Set(draft.sections.map((s) => s.firstParagraph));
      const seam = topicShift(draft.paragraphs, blocked);
      if (seam < 0) break;
      const seamStart = draft.paragraphs[seam].start;
      const rest = newDraft(seamStart);
      rest.end = draft.end;
      rest.paragraphs = draft.paragraphs.slice(seam);
      rest.sections = draft.sections
        .filter((s) => s.firstParagraph >= seam)
        .map((s) => ({ ...s, firstParagraph: s.firstParagraph - seam }));
      rest.dateFromDocument = draft.dateFromDocument;
      const keep: number[] = [];
      draft.authorOffsets.forEach((offset, n) => {
        if (offset >= seamStart) {
          rest.authors.push(draft.authors[n]);
          rest.authorOffsets.push(offset);
        } else keep.push(n);
      });
      draft.authors = keep.map((n) => draft.authors[n]);
      draft.authorOffsets = keep.map((n) => draft.authorOffsets[n]);
      draft.paragraphs = draft.paragraphs.slice(0, seam);
      draft.sections = draft.sections.filter((s) => s.firstParagraph < seam);
      const last = draft.paragraphs[draft.paragraphs.length - 1];
      draft.end = Math.max(last.end, draft.headlineSpan?.end ?? 0, draft.datelineSpan?.end ?? 0);
      result.push(draft);
      draft = rest;
    }
    result.push(draft);
  }
  return result;
}

function finishSections(draft: ArticleDraft): SectionLayout[] {
  return draft.sections.map((section, n) => {
    const next = draft.sections[n + 1];
    const lastParagraph = (next ? next.firstParagraph : draft.paragraphs.length) - 1;
    const end = lastParagraph >= section.firstParagraph ? draft.paragraphs[lastParagraph].end : section.headingSpan.end;
    return { title: section.title, headingSpan: section.headingSpan, span: { start: section.headingSpan.start, end } };
  });
}

function leadDateline(text: string, draft: ArticleDraft): void {
  const first = draft.paragraphs[0];
  if (!first) return;
  const m = LEAD_DATELINE.exec(text.slice(first.start, Math.min(first.end, first.start + 120)));
  if (!m || m[1].replace(/[^\p{Lu}]/gu, '').length < 3) return;
  const outlet = m[3] ? outletNamed(m[3]) : null;
  if (!outlet && m[3]) return; // "(something) —" that is not a wire credit: not a dateline
  if (!draft.location) draft.location = [titleCaseWord(m[1]), m[2]].filter(Boolean).join(', ');
  if (outlet && !draft.source) draft.source = outlet;
}

/** Characters compared at once when looking for the edited stretch between two versions. */
const COMPARE_BLOCK = 4096;

/** How a new version of a text differs from the old one: `[prefix, suffixStart)` of the new text replaced the old one's `[prefix, suffixStart - delta)`. */
export interface EditedStretch {
  /** Length of the common beginning. */
  readonly prefix: number;
  /** Where the common ending starts in the new text. */
  readonly suffixStart: number;
  /** New length minus old length: what an offset after the edit moved by. */
  readonly delta: number;
}

export function editedStretch(old: string, text: string): EditedStretch {
  const max = Math.min(old.length, text.length);
  let prefix = 0;
  let suffix = 0;
  // Block by block first (a native string comparison), then character by character.
  while (prefix + COMPARE_BLOCK <= max && old.slice(prefix, prefix + COMPARE_BLOCK) === text.slice(prefix, prefix + COMPARE_BLOCK)) prefix += COMPARE_BLOCK;
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  while (suffix + COMPARE_BLOCK <= max - prefix && old.slice(old.length - suffix - COMPARE_BLOCK, old.length - suffix) === text.slice(text.length - suffix - COMPARE_BLOCK, text.length - suffix)) suffix += COMPARE_BLOCK;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { prefix, suffixStart: text.length - suffix, delta: text.length - old.length };
}

/**
 * Where a stretch of the new text was in the old one when the edit left it as it was (it lies wholly
 * before or wholly after the edited stretch), else -1.
 */
export function offsetBeforeEdit(stretch: EditedStretch, span: Span): number {
  return span.end <= stretch.prefix ? span.start : span.start >= stretch.suffixStart ? span.start - stretch.delta : -1;
}

type TopicShiftFinder = (paragraphs: readonly Span[], blocked: ReadonlySet<number>) => number;

/**
 * What the last segmentation of one document computed, kept by its caller from one version of the
 * text to the next: the next version reuses the facts of every line the edit left as it was and the
 * topic seams of every article whose paragraphs it left as they were, so an edit re-classifies a few
 * lines, not the whole text. The walk over the lines still runs in full (it is cheap), so the layout
 * is the one a segmentation from scratch gives.
 */
export class SegmentationMemo {
  private text: string | null = null;
  private lines: readonly TextLine[] = [];
  private ownFacts: readonly Readonly<LineFacts>[] = [];
  /** Seam search result by its paragraphs (offsets in `text`) and blocked paragraphs. */
  private seams = new Map<string, number>();

  /** Lines, classified, and the seam finder for `text`, reusing what `text` shares with the last text. */
  prepare(text: string): { lines: TextLine[]; facts: LineFacts[]; topicShift: TopicShiftFinder } {
    const lines = splitLines(text);
    const old = this.text;
    const stretch = old === null ? { prefix: 0, suffixStart: text.length, delta: 0 } : editedStretch(old, text);
    const { prefix, suffixStart, delta } = stretch;
    const oldLines = this.lines;
    const oldFacts = this.ownFacts;
    const lineShift = oldLines.length - lines.length;
    /** Where an unchanged stretch of the new text was in the old one, or -1 when the edit touches it. */
    const oldOffset = (start: number, end: number): number => (end < prefix ? start : start > suffixStart ? start - delta : -1);
    const known = (i: number): Readonly<LineFacts> | undefined => {
      if (old === null) return undefined;
      const line = lines[i];
      // A line is unchanged when it and the break after it lie before the edit, or it and the break
      // before it lie after the edit (its bounds are then those of the old line, shifted).
      const at = oldOffset(line.start, line.end);
      if (at < 0) return undefined;
      const j = line.end < prefix ? i : i + lineShift;
      const before = oldLines[j];
      return before && before.start === at && before.end - before.start === line.end - line.start ? oldFacts[j] : undefined;
    };
    let ownFacts: readonly Readonly<LineFacts>[] = [];
    const facts = classifyLines(text, lines, known, (own) => {
      ownFacts = own;
    });
    // Only a complete classification is kept: facts, lines and text always belong together.
    this.text = text;
    this.lines = lines;
    this.ownFacts = ownFacts;
    const oldSeams = this.seams;
    const seams = new Map<string, number>();
    this.seams = seams;
    const topicShift: TopicShiftFinder = (paragraphs, blocked) => {
      const blockedKey = [...blocked].sort((a, b) => a - b).join(',');
      let key = blockedKey;
      let oldKey: string | null = old === null ? null : blockedKey;
      for (const p of paragraphs) {
        key += `;${p.start}-${p.end}`;
        if (oldKey === null) continue;
        // The seam search reads only the paragraphs' own text.
        const at = offsetBeforeEdit(stretch, p);
        oldKey = at < 0 ? null : `${oldKey};${at}-${at + p.end - p.start}`;
      }
      let seam = oldKey === null ? undefined : oldSeams.get(oldKey);
      if (seam === undefined) seam = findTopicShift(text, paragraphs, blocked);
      seams.set(key, seam);
      return seam;
    };
    return { lines, facts, topicShift };
  }
}

/**
 * The layout of a document: its articles and every boilerplate block. Never throws on odd input.
 * With a memo (one per document), a new version re-does only what the edit touched; the result is the same.
 */
export function segmentArticles(text: string, memo?: SegmentationMemo): DocumentLayout {
  if (typeof text !== 'string' || text.length === 0) return { articles: [], boilerplate: [] };
  const { lines, facts, topicShift } = memo
    ? memo.prepare(text)
    : (() => {
        const all = splitLines(text);
        return { lines: all, facts: classifyLines(text, all), topicShift: ((paragraphs, blocked) => findTopicShift(text, paragraphs, blocked)) as TopicShiftFinder };
      })();
  const walk = new LayoutWalk(text, lines, facts).run();
  const drafts = splitAtTopicShifts(walk.drafts, topicShift);

  // A dateline heading the whole page ("The New York Times 2024-12-18 12:10:34") dates every
  // article that has none of its own.
  const firstContent = facts.findIndex((f) => f.role !== 'blank' && f.role !== 'boilerplate');
  const pageDateline = firstContent >= 0 && facts[firstContent].role === 'dateline' ? facts[firstContent].dateline : null;

  const boilerplate = [...walk.boilerplate].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  // Articles and blocks are both in text order: one pointer walks the blocks (linear, not articles × blocks).
  let nextBlock = 0;
  const articles: ArticleLayout[] = drafts.map((draft) => {
    leadDateline(text, draft);
    let dateline = draft.dateline;
    let fromDocument = false;
    if (!dateline && pageDateline) {
      dateline = pageDateline;
      fromDocument = true;
    }
    const span: Span = { start: draft.start, end: draft.end };
    while (nextBlock < boilerplate.length && boilerplate[nextBlock].span.start < span.start) nextBlock++;
    const inside: BoilerplateBlock[] = [];
    for (let b = nextBlock; b < boilerplate.length && boilerplate[b].span.start < span.end; b++) {
      if (boilerplate[b].span.end <= span.end) inside.push(boilerplate[b]);
    }
    const layout: ArticleLayout = {
      span,
      title: draft.title,
      headlineSpan: draft.headlineSpan,
      date: dateline ? dateline.date : null,
      time: dateline ? dateline.time : null,
      datelineSpan: draft.datelineSpan,
      source: draft.source ?? (fromDocument ? pageDateline?.source ?? null : null),
      authors: draft.authors,
      location: draft.location,
      paragraphs: draft.paragraphs,
      sections: finishSections(draft),
      boilerplate: inside,
      ...(fromDocument ? { dateFromDocument: true } : {}),
    };
    return layout;
  });
  return { articles, boilerplate };
}
