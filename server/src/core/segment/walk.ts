/**
 * The walk over classified lines that builds article drafts (see ./index.ts for the states and when an article starts).
 */
import { alternation, WEEKDAYS } from '../lexicon';
import type { BoilerplateBlock, BoilerplateKind, Span } from '../model';
import type { LineFacts } from './classify';
import type { Dateline } from './dateline';
import type { TextLine } from './lines';
import { findOutlet } from './outlets';

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
const LEDE_MARKERS = new RegExp(`\\b(?:said|says|told|according to|on (?:${alternation(WEEKDAYS)}))\\b`);

type WalkState = 'none' | 'header' | 'body' | 'ended';

interface SectionDraft {
  title: string;
  headingSpan: Span;
  /** Index of the section's first paragraph in the article's paragraph list. */
  firstParagraph: number;
}

/** The metadata a header gives an article: gathered while pending, then carried into its draft. */
interface HeaderFields {
  start: number;
  end: number;
  dateline: Dateline | null;
  datelineSpan: Span | null;
  authors: string[];
  /** Where each author came from, so a split article keeps its authors on the right side. */
  authorOffsets: number[];
  source: string | null;
  location: string | null;
}

export interface ArticleDraft extends HeaderFields {
  title: string | null;
  headlineSpan: Span | null;
  paragraphs: Span[];
  sections: SectionDraft[];
  /** A headless article opened after another one: dropped when it turns out to be a stray line. */
  provisional: boolean;
  dateFromDocument: boolean;
}

interface PendingHeader extends HeaderFields {
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

export function newDraft(start: number): ArticleDraft {
  // Object literals, not a spread of a shared header: a draft is made per line run, and spreading took ~5 % of an edit's segmentation.
  return {
    start,
    end: start,
    dateline: null,
    datelineSpan: null,
    authors: [],
    authorOffsets: [],
    source: null,
    location: null,
    title: null,
    headlineSpan: null,
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
export const LEAD_DATELINE = /^(\p{Lu}[\p{Lu}.'’-]+(?: \p{Lu}[\p{Lu}.'’-]+){0,3})(?:,\s+(\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){0,2}))?\s*(?:\(([^()\n]{2,40})\))?\s*(?:—|–|--|-)\s+\S/u;

export class LayoutWalk {
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
      if (ahead.target === 'body')
        this.addParagraph(i); // a standfirst without a full stop
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
