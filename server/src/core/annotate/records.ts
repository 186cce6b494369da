import type { TextAnchor } from '../annotations';
import type { Span } from '../model';
import { resolveAnchor } from '../annotations';

/**
 * Human annotations kept beside the corrections in `.newslens/annotations.json`: labelled spans (custom
 * or built-in labels, with attributes), relations between spans, notes (threads with replies) and the
 * review status of articles. Each carries its annotator and time, and the same text anchor as a
 * correction, so it survives edits to the article.
 */

export type ReviewStatus = 'unreviewed' | 'in-progress' | 'done';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['unreviewed', 'in-progress', 'done'];

/** The annotator of a record written before annotators existed (migrated files) and the default setting. */
export const DEFAULT_ANNOTATOR = 'default';
/** The annotator curation writes; exports use its work when there is any. */
export const CURATED_ANNOTATOR = 'curated';
/** Annotator names are safe in file names, brat attribute values and CLI arguments. */
export const ANNOTATOR_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export type AttributeValue = boolean | string;

interface HumanBase {
  readonly id: string;
  readonly file: string;
  readonly anchor: TextAnchor;
  readonly createdAt: string;
  readonly annotator: string;
}
/** A labelled span: `label` is a schema label or a built-in kind (a confirmed machine mention is one). */
export interface SpanAnnotation extends HumanBase {
  readonly type: 'span';
  readonly label: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}
/** A relation between two span annotations (by id); anchored at its first argument. */
export interface RelationAnnotation extends HumanBase {
  readonly type: 'relation';
  readonly label: string;
  readonly from: string;
  readonly to: string;
}
/** A note on a span or an article (anchored at the article's first line); a reply names its thread's first note. */
export interface NoteAnnotation extends HumanBase {
  readonly type: 'note';
  readonly text: string;
  readonly replyTo?: string;
  /** Set on a thread's first note when the thread is resolved. */
  readonly resolved?: boolean;
}
/** The review status of the article holding the anchor; the newest record of an article wins. */
export interface ReviewAnnotation extends HumanBase {
  readonly type: 'review';
  readonly status: ReviewStatus;
}

export type HumanAnnotation = SpanAnnotation | RelationAnnotation | NoteAnnotation | ReviewAnnotation;
export const HUMAN_TYPES: ReadonlySet<string> = new Set(['span', 'relation', 'note', 'review']);

export function isHuman(entry: { type: string }): entry is HumanAnnotation {
  return HUMAN_TYPES.has(entry.type);
}

/** Why a parsed human record cannot be used (its kind's fields), or null. */
export function humanRecordProblem(item: Record<string, unknown>): string | null {
  if (typeof item.annotator !== 'string' || !ANNOTATOR_NAME.test(item.annotator)) return 'an "annotator" name (letters, digits, . _ -)';
  switch (item.type) {
    case 'span': {
      if (typeof item.label !== 'string' || !item.label) return 'a "label"';
      const attrs = item.attributes;
      if (attrs !== undefined && (typeof attrs !== 'object' || attrs === null || Object.values(attrs).some((v) => typeof v !== 'boolean' && typeof v !== 'string')))
        return '"attributes" of true/false or text values';
      return null;
    }
    case 'relation':
      return typeof item.label === 'string' && typeof item.from === 'string' && typeof item.to === 'string' ? null : '"label", "from" and "to"';
    case 'note':
      return typeof item.text === 'string' && (item.replyTo === undefined || typeof item.replyTo === 'string') ? null : 'a "text"';
    case 'review':
      return REVIEW_STATUSES.includes(item.status as ReviewStatus) ? null : 'a "status" (unreviewed, in-progress or done)';
    default:
      return 'a known type';
  }
}

/** A span annotation found in the current text. */
export interface ResolvedSpan extends Span {
  readonly id: string;
  readonly label: string;
  readonly annotator: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly createdAt: string;
}
export interface ResolvedNote extends Span {
  readonly id: string;
  readonly annotator: string;
  readonly text: string;
  readonly createdAt: string;
  readonly replies: readonly { id: string; annotator: string; text: string; createdAt: string }[];
  readonly resolved: boolean;
}
export interface ResolvedRelation {
  readonly id: string;
  readonly label: string;
  readonly annotator: string;
  readonly from: ResolvedSpan;
  readonly to: ResolvedSpan;
}
export interface ResolvedReview {
  readonly at: number;
  readonly status: ReviewStatus;
  readonly annotator: string;
  readonly createdAt: string;
}

/** One file's human annotations, resolved against its current text. */
export interface HumanLayer {
  readonly spans: readonly ResolvedSpan[];
  readonly relations: readonly ResolvedRelation[];
  readonly notes: readonly ResolvedNote[];
  readonly reviews: readonly ResolvedReview[];
  /** Records whose text is gone: reported, never dropped. */
  readonly unresolved: readonly HumanAnnotation[];
}

export const EMPTY_LAYER: HumanLayer = { spans: [], relations: [], notes: [], reviews: [], unresolved: [] };

/**
 * Resolves one file's human records (already filtered to the file) against its text. With `annotator`,
 * only that annotator's spans, relations and reviews (notes are shared: everyone sees the discussion).
 */
export function resolveHumanLayer(text: string, records: readonly HumanAnnotation[], annotator?: string): HumanLayer {
  const spans: ResolvedSpan[] = [];
  const roots: HumanAnnotation[] = [];
  const reviews: ResolvedReview[] = [];
  const unresolved: HumanAnnotation[] = [];
  const mine = (r: HumanAnnotation) => annotator === undefined || r.annotator === annotator || r.type === 'note';
  const replies = new Map<string, NoteAnnotation[]>();
  for (const r of records) {
    if (!mine(r)) continue;
    if (r.type === 'note' && r.replyTo) {
      const list = replies.get(r.replyTo) ?? [];
      list.push(r);
      replies.set(r.replyTo, list);
      continue;
    }
    if (r.type === 'relation') continue;
    const at = resolveAnchor(text, r.anchor);
    if (!at) {
      unresolved.push(r);
      continue;
    }
    if (r.type === 'span') spans.push({ ...at, id: r.id, label: r.label, annotator: r.annotator, attributes: r.attributes ?? {}, createdAt: r.createdAt });
    else if (r.type === 'review') reviews.push({ at: at.start, status: r.status, annotator: r.annotator, createdAt: r.createdAt });
    else roots.push(r);
  }
  const notes: ResolvedNote[] = roots.flatMap((r) => {
    if (r.type !== 'note') return [];
    const at = resolveAnchor(text, r.anchor)!;
    const thread = (replies.get(r.id) ?? []).sort((x, y) => x.createdAt.localeCompare(y.createdAt));
    return [
      {
        ...at,
        id: r.id,
        annotator: r.annotator,
        text: r.text,
        createdAt: r.createdAt,
        resolved: r.resolved === true,
        replies: thread.map((n) => ({ id: n.id, annotator: n.annotator, text: n.text, createdAt: n.createdAt })),
      },
    ];
  });
  const byId = new Map(spans.map((s) => [s.id, s]));
  const relations: ResolvedRelation[] = [];
  for (const r of records) {
    if (r.type !== 'relation' || !mine(r)) continue;
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (from && to) relations.push({ id: r.id, label: r.label, annotator: r.annotator, from, to });
    else unresolved.push(r);
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { spans, relations, notes, reviews, unresolved };
}

/** Each article's review status: the newest review record anchored inside it (none: unreviewed). */
export function articleStatuses(articles: readonly { span: Span }[], reviews: readonly ResolvedReview[]): ReviewStatus[] {
  return articles.map((a) => {
    let best: ResolvedReview | undefined;
    for (const r of reviews) if (r.at >= a.span.start && r.at < Math.max(a.span.end, a.span.start + 1) && (!best || r.createdAt >= best.createdAt)) best = r;
    return best?.status ?? 'unreviewed';
  });
}

/** Progress over files: done / in progress / total articles. */
export interface ReviewProgress {
  done: number;
  inProgress: number;
  total: number;
}

export function progressOf(statuses: readonly ReviewStatus[]): ReviewProgress {
  return { done: statuses.filter((s) => s === 'done').length, inProgress: statuses.filter((s) => s === 'in-progress').length, total: statuses.length };
}

/** "212 / 1,040 articles done" */
export function progressLine(p: ReviewProgress): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(p.done)} / ${n(p.total)} article${p.total === 1 ? '' : 's'} done${p.inProgress ? `, ${n(p.inProgress)} in progress` : ''}`;
}
