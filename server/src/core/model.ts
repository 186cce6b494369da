/**
 * The plain data model of an analysed news document. Pure data: no LSP, no VS Code.
 *
 * All offsets are UTF-16 code-unit offsets into the document text (JavaScript string
 * indices), end exclusive. Adapters convert them to LSP positions with `LineIndex`.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type EntityKind = 'person' | 'place' | 'organization';

export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'place', 'organization'];

/** What a stretch of non-article text is, so the editor can dim it and the analysis skip it. */
export type BoilerplateKind =
  | 'paywall' // "You have been granted access…", "Subscribe to continue reading"
  | 'subscription' // newsletter / subscription offers
  | 'share' // share / follow / comment buttons
  | 'recipe' // recipe or "more from" link lists
  | 'caption-duplicate' // the second copy of a photo caption
  | 'repeated-headline' // a headline line repeated after the first
  | 'credit' // "Photo: AFP", "Credit: …"
  | 'navigation' // page chrome: "close_game", "Skip to content", related-link headers
  | 'other';

export interface BoilerplateBlock {
  readonly span: Span;
  readonly kind: BoilerplateKind;
}

export interface SectionLayout {
  /** The heading text as written, e.g. "Help from Iran". */
  readonly title: string;
  readonly headingSpan: Span;
  /** From the heading to the end of the section's last paragraph. */
  readonly span: Span;
}

/** One article as found by the cheap, line-based segmentation (no NLP). */
export interface ArticleLayout {
  /** From the headline (or first body line) to the end of its last paragraph. */
  readonly span: Span;
  /** The headline, or null when the page gives none. */
  readonly title: string | null;
  readonly headlineSpan: Span | null;
  /** Publication date as ISO `YYYY-MM-DD`, from a dateline, or null. */
  readonly date: string | null;
  /** Publication time `HH:MM` (24 h) when the dateline gives one. */
  readonly time: string | null;
  readonly datelineSpan: Span | null;
  /**
   * True when `date`/`time`/`source` come from a dateline heading the whole page (e.g. the first line
   * "The New York Times 2024-12-18 12:10:34") rather than from the article's own dateline.
   */
  readonly dateFromDocument?: boolean;
  /** Publisher, e.g. "The New York Times", or null. */
  readonly source: string | null;
  readonly authors: readonly string[];
  /** "Reporting from …" location, or null. */
  readonly location: string | null;
  /** Body paragraphs, boilerplate excluded, in order. Headline and dateline are not paragraphs. */
  readonly paragraphs: readonly Span[];
  readonly sections: readonly SectionLayout[];
  /** Boilerplate blocks that lie inside `span`. */
  readonly boilerplate: readonly BoilerplateBlock[];
}

export interface DocumentLayout {
  readonly articles: readonly ArticleLayout[];
  /** Every boilerplate block of the document (inside and between articles), sorted by offset. */
  readonly boilerplate: readonly BoilerplateBlock[];
}

/** A mention of a person, place or organization, as found by recognition (before linking). */
export interface EntityMention {
  readonly span: Span;
  /** The mention's text exactly as in the document. */
  readonly text: string;
  readonly kind: EntityKind;
  /** The name with titles, possessives and particles normalised: what clustering compares. */
  readonly name: string;
  /** The recogniser's rule that decided this mention (`core/entities/rules.ts`); absent for corrections. */
  readonly rule?: string;
}

/** A mention after linking: it knows its entity. */
export interface LinkedMention extends EntityMention {
  /** Stable entity id, e.g. `person:bashar-al-assad`. */
  readonly entityId: string;
  /** Index of the article that holds the mention. */
  readonly article: number;
}

export interface DateMention {
  readonly span: Span;
  readonly text: string;
  /** A day `YYYY-MM-DD`, a month `YYYY-MM`, a year `YYYY`, or null when it cannot be resolved honestly. */
  readonly iso: string | null;
  /** Whether the value was resolved against the article date (relative or year-less dates). */
  readonly relative: boolean;
}

/**
 * What a quotation is: `statement` a whole quoted sentence or clause, `partial` a fragment quoted inside an
 * attributed paraphrase (it takes that attribution's speaker), `scare` distance quotes, titles and words cited as
 * words, with no attribution.
 */
export type QuotationKind = 'statement' | 'partial' | 'scare';

export const QUOTATION_KINDS: readonly QuotationKind[] = ['statement', 'partial', 'scare'];

export interface Quotation {
  /** The whole quotation including its quote marks. */
  readonly span: Span;
  /** The quoted words without the marks (may span paragraphs: then it runs from the first mark to the last). */
  readonly contentSpan: Span;
  /** The quoted text without its marks. */
  readonly text: string;
  /** The speaker's name as the text gives it (resolved from a pronoun where possible), or null. */
  readonly speaker: string | null;
  /** The mention the speaker was taken from (the name, or the pronoun's antecedent), or null. */
  readonly speakerSpan: Span | null;
  /** One-to-three-word scare quotes ("foreign influence"): not statements. Equals `kind === 'scare'` when `kind` is set. */
  readonly scare: boolean;
  /** Statement, partial quotation or scare quote; absent only in models built by hand (then `scare` decides). */
  readonly kind?: QuotationKind;
  /** The outlet or document that relays the words (`according to Al Jazeera` → "Al Jazeera"), when the text names one. */
  readonly via?: string;
}

/** A quotation's kind, also for models built before kinds existed. */
export function quotationKind(q: Pick<Quotation, 'scare' | 'kind'>): QuotationKind {
  return q.kind ?? (q.scare ? 'scare' : 'statement');
}

/** A quotation after linking: the speaker's entity id where the speaker is a known person. */
export interface LinkedQuotation extends Quotation {
  readonly speakerId: string | null;
  readonly article: number;
}

export interface ArticleAnalysis {
  readonly mentions: readonly EntityMention[];
  readonly dates: readonly DateMention[];
  readonly quotes: readonly Quotation[];
  /** Stages that threw or gave invalid spans on this article (their results were dropped); absent when all went well. */
  readonly errors?: readonly string[];
}

export interface AnalyzedArticle extends ArticleLayout {
  readonly index: number;
  readonly mentions: readonly LinkedMention[];
  readonly dates: readonly DateMention[];
  readonly quotes: readonly LinkedQuotation[];
}

/** One entity of a document: every name it goes by in this document and its mentions. */
export interface DocumentEntity {
  readonly id: string;
  readonly kind: EntityKind;
  /** Canonical (longest proper) name. */
  readonly name: string;
  /** Every distinct surface name seen, canonical first. */
  readonly aliases: readonly string[];
  readonly mentions: readonly LinkedMention[];
}

export interface DocumentModel {
  readonly textLength: number;
  readonly boilerplate: readonly BoilerplateBlock[];
  readonly articles: readonly AnalyzedArticle[];
  /** Entities sorted by mention count, most first. */
  readonly entities: readonly DocumentEntity[];
  /** True when the document was too large for full analysis: only the layout is filled. */
  readonly layoutOnly: boolean;
  /**
   * Analysis failures that were contained instead of thrown (a stage that threw on one article, a span
   * outside its article), e.g. "article 3: findDates threw TypeError: …". Absent when there were none.
   * The server logs them; tests assert there are none.
   */
  readonly analysisErrors?: readonly string[];
}

/** Index of the first span starting at or after `offset` in spans sorted by start. */
export function firstStartingAt(spans: ReadonlyArray<{ span: Span }>, offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
