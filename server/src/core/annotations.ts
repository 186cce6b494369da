import type { AnalyzedArticle, DocumentEntity, DocumentModel, EntityKind, LinkedMention, LinkedQuotation, Span } from './model';
import { nameKey, slug } from './entities/names';
import { idOrder, wholeWordOccurrences } from './text';
import { humanRecordProblem, HUMAN_TYPES, type HumanAnnotation } from './annotate/records';
import { parseVersionedJson } from './versionedJson';

/**
 * User corrections over the machine's analysis: the schema of `.newslens/annotations.json`, text
 * anchors that survive edits, and the pure function that applies corrections to a model (no NLP,
 * so it runs again whenever corrections change).
 */

/**
 * 2 added human annotations (spans, relations, notes, reviews) and the `annotator` of every record;
 * version 1 files are read as they are and migrated on the next write (see the store).
 */
export const ANNOTATIONS_VERSION = 2;

/** Where a correction points: the exact text with some context, like a W3C TextQuoteSelector, plus a position hint. */
export interface TextAnchor {
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
  /** UTF-16 offset where the text was when the correction was made: breaks ties between equal matches. */
  readonly start: number;
}

interface CorrectionBase {
  /** Unique and stable: two windows merge their corrections by id. */
  readonly id: string;
  /** The file, relative to the workspace folder holding `.newslens/`, with `/` separators. */
  readonly file: string;
  readonly anchor: TextAnchor;
  readonly createdAt: string;
  /** Who made it (`newsLens.annotator`); absent in files written before annotators existed. */
  readonly annotator?: string;
}

/** "Mark as Person / Place / Organization": every mention of the entity, everywhere, takes the kind. */
export interface SetKindCorrection extends CorrectionBase {
  readonly type: 'set-kind';
  readonly entityId: string;
  readonly entityKind: EntityKind;
}
/** "Not an entity": every mention of the entity, everywhere, is dropped. */
export interface NotEntityCorrection extends CorrectionBase {
  readonly type: 'not-entity';
  readonly entityId: string;
}
/** "Same entity as…": the entity's mentions join the target entity (its name becomes an alias). */
export interface SameEntityCorrection extends CorrectionBase {
  readonly type: 'same-entity';
  readonly entityId: string;
  readonly targetId: string;
  readonly targetName: string;
}
/** "Add entity": the selected text, and every other occurrence of it in article text, is an entity of this kind. */
export interface AddEntityCorrection extends CorrectionBase {
  readonly type: 'add-entity';
  readonly entityKind: EntityKind;
}
/** "Set speaker…": one quotation's speaker (null: unattributed). */
export interface SetSpeakerCorrection extends CorrectionBase {
  readonly type: 'set-speaker';
  readonly speaker: string | null;
  readonly speakerId: string | null;
}

export type Correction = SetKindCorrection | NotEntityCorrection | SameEntityCorrection | AddEntityCorrection | SetSpeakerCorrection;

/** Everything the annotations file holds: corrections of the machine and human annotations. */
export type AnnotationEntry = Correction | HumanAnnotation;

export interface AnnotationsFile {
  readonly version: number;
  readonly corrections: readonly AnnotationEntry[];
}

const CONTEXT = 32;

export function anchorAt(text: string, span: Span): TextAnchor {
  return {
    exact: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - CONTEXT), span.start),
    suffix: text.slice(span.end, span.end + CONTEXT),
    start: span.start,
  };
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Finds an anchor in (possibly edited) text: every occurrence of the exact text is scored by how much
 * of its context still matches; the best wins, the nearest to the old position breaking ties.
 * Null when the exact text is gone: the caller reports it, never drops the correction.
 */
export function resolveAnchor(text: string, anchor: TextAnchor): Span | null {
  if (!anchor.exact) return null;
  let best: Span | null = null;
  let bestScore = -1;
  let bestDistance = Infinity;
  for (let at = text.indexOf(anchor.exact); at >= 0; at = text.indexOf(anchor.exact, at + 1)) {
    const score =
      commonSuffixLength(text.slice(Math.max(0, at - anchor.prefix.length), at), anchor.prefix) +
      commonPrefixLength(text.slice(at + anchor.exact.length, at + anchor.exact.length + anchor.suffix.length), anchor.suffix);
    const distance = Math.abs(at - anchor.start);
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      best = { start: at, end: at + anchor.exact.length };
      bestScore = score;
      bestDistance = distance;
    }
  }
  return best;
}

/** Validates a parsed annotations file: a clear reason when it cannot be used, else the file. */
export function parseAnnotations(raw: string): { ok: true; file: AnnotationsFile } | { ok: false; reason: string } {
  const parsed = parseVersionedJson(raw, ANNOTATIONS_VERSION);
  if (!parsed.ok) return parsed;
  const record = parsed.record;
  if (!Array.isArray(record.corrections)) return { ok: false, reason: 'it has no "corrections" list' };
  const types = new Set(['set-kind', 'not-entity', 'same-entity', 'add-entity', 'set-speaker', ...HUMAN_TYPES]);
  const kinds = new Set<unknown>(['person', 'place', 'organization']);
  const corrections: AnnotationEntry[] = [];
  for (const [i, c] of record.corrections.entries()) {
    const item = c as Record<string, unknown> | null;
    const anchor = item?.anchor as Record<string, unknown> | undefined;
    if (!item || typeof item.id !== 'string' || typeof item.file !== 'string' || !types.has(String(item.type)) || !anchor || typeof anchor.exact !== 'string') {
      return { ok: false, reason: `correction ${i + 1} is incomplete (id, file, type and anchor.exact are required)` };
    }
    // The fields each kind needs (a hand-edited file may lack them).
    const missing =
      (item.type === 'set-kind' && (typeof item.entityId !== 'string' || !kinds.has(item.entityKind))) ||
      (item.type === 'not-entity' && typeof item.entityId !== 'string') ||
      (item.type === 'same-entity' && (typeof item.entityId !== 'string' || typeof item.targetId !== 'string' || typeof item.targetName !== 'string')) ||
      (item.type === 'add-entity' && !kinds.has(item.entityKind)) ||
      (item.type === 'set-speaker' && ((item.speaker !== null && typeof item.speaker !== 'string') || (item.speakerId !== null && typeof item.speakerId !== 'string')));
    if (missing) return { ok: false, reason: `correction ${i + 1} (${String(item.type)}) lacks a field its kind needs (see the README's annotations schema)` };
    const human = HUMAN_TYPES.has(String(item.type)) ? humanRecordProblem(item) : null;
    if (human) return { ok: false, reason: `entry ${i + 1} (${String(item.type)}) needs ${human} (see the README's annotations schema)` };
    if (item.annotator !== undefined && typeof item.annotator !== 'string') return { ok: false, reason: `entry ${i + 1}: "annotator" is not a name` };
    // Context and position are hints: absent ones default instead of failing.
    const filled: TextAnchor = {
      exact: anchor.exact,
      prefix: typeof anchor.prefix === 'string' ? anchor.prefix : '',
      suffix: typeof anchor.suffix === 'string' ? anchor.suffix : '',
      start: typeof anchor.start === 'number' && Number.isFinite(anchor.start) ? anchor.start : 0,
    };
    corrections.push({ ...(item as unknown as AnnotationEntry), anchor: filled, createdAt: typeof item.createdAt === 'string' ? item.createdAt : '' });
  }
  return { ok: true, file: { ...(record as unknown as AnnotationsFile), corrections } };
}

/** The corrections that apply to one file: workspace-wide ones by entity and text, anchored ones resolved here. */
export interface FileCorrections {
  readonly byEntity: ReadonlyMap<string, SetKindCorrection | NotEntityCorrection | SameEntityCorrection>;
  readonly addTexts: readonly AddEntityCorrection[];
  readonly speakers: readonly { span: Span; correction: SetSpeakerCorrection }[];
}

function rebuildEntities(articles: readonly AnalyzedArticle[], previous: readonly DocumentEntity[], names: ReadonlyMap<string, string>): DocumentEntity[] {
  const oldNames = new Map(previous.map((e) => [e.id, e.name]));
  const byId = new Map<string, LinkedMention[]>();
  for (const a of articles) {
    for (const m of a.mentions) {
      const list = byId.get(m.entityId);
      if (list) list.push(m);
      else byId.set(m.entityId, [m]);
    }
  }
  const entities = [...byId.entries()].map(([id, mentions]) => {
    const name = names.get(id) ?? oldNames.get(id) ?? mentions[0].name;
    return { id, kind: mentions[0].kind, name, aliases: [name, ...new Set(mentions.map((m) => m.text).filter((t) => t !== name))], mentions };
  });
  const byIdOrder = idOrder(entities.map((e) => e.id));
  return entities.sort((a, b) => b.mentions.length - a.mentions.length || byIdOrder(a.id, b.id));
}

/** The entity id of the mentions an "add entity" correction creates (`organization:hama-group`). */
export function addedEntityId(add: AddEntityCorrection): string {
  return `${add.entityKind}:${slug(add.anchor.exact)}`;
}

/** The id an entity takes when re-kinded: same slug, new kind (`place:idlib` → `organization:idlib`). */
export function rekindedId(entityId: string, kind: EntityKind): string {
  return `${kind}:${entityId.slice(entityId.indexOf(':') + 1)}`;
}

/** Applies corrections to one document's model. Pure and cheap: no NLP. */
export function applyCorrections(text: string, model: DocumentModel, corrections: FileCorrections): DocumentModel {
  if (!corrections.byEntity.size && !corrections.addTexts.length && !corrections.speakers.length) return model;
  const names = new Map<string, string>();
  const articles = model.articles.map((article) => {
    let mentions: LinkedMention[] = [];
    // The entity-wide corrections of a mention (machine-found or added by the user): null drops it.
    const corrected = (m: LinkedMention): LinkedMention | null => {
      const c = corrections.byEntity.get(m.entityId);
      if (!c) return m;
      if (c.type === 'set-kind') {
        const id = rekindedId(m.entityId, c.entityKind);
        names.set(id, names.get(m.entityId) ?? model.entities.find((e) => e.id === m.entityId)?.name ?? m.name);
        return { ...m, kind: c.entityKind, entityId: id };
      }
      if (c.type === 'same-entity') {
        names.set(c.targetId, c.targetName);
        return { ...m, kind: (c.targetId.split(':')[0] as EntityKind) || m.kind, entityId: c.targetId, name: c.targetName };
      }
      return null; // not-entity
    };
    for (const m of article.mentions) {
      const kept = corrected(m);
      if (kept) mentions.push(kept);
    }
    // Added entities: every occurrence of the text in the article's headline and paragraphs, whole words only.
    for (const add of corrections.addTexts) {
      const exact = add.anchor.exact;
      if (!exact.trim()) continue;
      const id = addedEntityId(add);
      names.set(id, exact);
      const blocks = [...(article.headlineSpan ? [article.headlineSpan] : []), ...article.paragraphs];
      for (const block of blocks) {
        for (const at of wholeWordOccurrences(text, exact, block.start, block.end)) {
          const end = at + exact.length;
          mentions = mentions.filter((m) => m.span.end <= at || m.span.start >= end);
          // An added entity can itself be corrected later (re-kinded, merged, or taken back as not an entity).
          const added = corrected({ span: { start: at, end }, text: exact, kind: add.entityKind, name: exact, entityId: id, article: article.index });
          if (added) mentions.push(added);
        }
      }
    }
    mentions.sort((a, b) => a.span.start - b.span.start);
    const quotes: LinkedQuotation[] = article.quotes.map((q) => {
      const fix = corrections.speakers.find((s) => s.span.start < q.span.end && q.span.start < s.span.end);
      if (fix) return { ...q, speaker: fix.correction.speaker, speakerId: fix.correction.speakerId, speakerSpan: null };
      // The speaker's entity was corrected: the quotation follows it (re-kinded, merged, or no longer an entity).
      const byEntity = q.speakerId ? corrections.byEntity.get(q.speakerId) : undefined;
      if (!byEntity) return q;
      if (byEntity.type === 'not-entity') return { ...q, speakerId: null };
      if (byEntity.type === 'same-entity') return { ...q, speakerId: byEntity.targetId };
      return { ...q, speakerId: rekindedId(byEntity.entityId, byEntity.entityKind) };
    });
    return { ...article, mentions, quotes };
  });
  return { ...model, articles, entities: rebuildEntities(articles, model.entities, names) };
}

/** A short human description of a correction, for code actions and messages. */
export function describeCorrection(c: AnnotationEntry): string {
  switch (c.type) {
    case 'span':
      return `“${c.anchor.exact}” labelled ${c.label} by ${c.annotator}`;
    case 'relation':
      return `${c.label} relation from “${c.anchor.exact}” by ${c.annotator}`;
    case 'note':
      return `note on “${c.anchor.exact.slice(0, 40)}” by ${c.annotator}`;
    case 'review':
      return `article marked ${c.status} by ${c.annotator}`;
    case 'set-kind':
      return `“${c.anchor.exact}” marked as ${c.entityKind}`;
    case 'not-entity':
      return `“${c.anchor.exact}” marked as not an entity`;
    case 'same-entity':
      return `“${c.anchor.exact}” is ${c.targetName}`;
    case 'add-entity':
      return `“${c.anchor.exact}” added as ${c.entityKind}`;
    case 'set-speaker':
      return `speaker set to ${c.speaker ?? 'unattributed'}`;
  }
}

/** Whether two names are the same entity name (case, accents, particles folded). */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}
