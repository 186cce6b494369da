import { randomUUID } from 'node:crypto';
import { anchorAt, type AnnotationEntry } from '../core/annotations';
import { curateFile, type Decision, type Disagreement, type LabelledSpan } from '../core/annotate/agreement';
import type { ExchangeLayer } from '../core/annotate/exchange';
import {
  CURATED_ANNOTATOR,
  DEFAULT_ANNOTATOR,
  isHuman,
  resolveHumanLayer,
  type HumanAnnotation,
  type HumanLayer,
  type NoteAnnotation,
  type RelationAnnotation,
  type SpanAnnotation,
} from '../core/annotate/records';
import type { Span } from '../core/model';
import type { AnnotationStore } from './store';

/**
 * Workspace-level operations on human annotations, shared by the CLI and the language server: the
 * records of a file, its resolved layer per annotator, writing imported and curated work. Every write
 * goes through the store (locked read-merge-write, nothing lost).
 */

/** A store's human records, each with its annotator (files from before annotators count as `default`). */
export function humanRecords(store: AnnotationStore, file?: string): HumanAnnotation[] {
  return store
    .all()
    .filter((c): c is HumanAnnotation => isHuman(c) && (file === undefined || c.file === file))
    .map((c) => (c.annotator ? c : { ...c, annotator: DEFAULT_ANNOTATOR }));
}

/** The annotators with at least one labelled span, sorted. */
export function annotatorsOf(records: readonly HumanAnnotation[]): string[] {
  return [...new Set(records.filter((r) => r.type === 'span').map((r) => r.annotator))].sort();
}

/** One file's layer for an annotator (undefined: everyone's). */
export function layerOf(store: AnnotationStore, file: string, text: string, annotator?: string): HumanLayer {
  return resolveHumanLayer(text, humanRecords(store, file), annotator);
}

/**
 * The annotator whose work exports carry: the one asked for; else `curated` when curation has written
 * anything; else everyone's (undefined).
 */
export function exportAnnotator(store: AnnotationStore, requested?: string): string | undefined {
  if (requested) return requested;
  return humanRecords(store).some((r) => r.annotator === CURATED_ANNOTATOR && r.type === 'span') ? CURATED_ANNOTATOR : undefined;
}

export function labelled(layer: HumanLayer): LabelledSpan[] {
  return layer.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, id: s.id, attributes: s.attributes }));
}

export function spanRecord(file: string, text: string, span: Span, label: string, annotator: string, attributes?: SpanAnnotation['attributes']): SpanAnnotation {
  return {
    id: randomUUID(),
    type: 'span',
    file,
    anchor: anchorAt(text, span),
    createdAt: new Date().toISOString(),
    annotator,
    label,
    ...(attributes && Object.keys(attributes).length ? { attributes } : {}),
  };
}

/**
 * Stores an imported layer as one annotator's work in a file. Spans the annotator already has (same
 * place, same label) are kept and reused, so importing the same file twice adds nothing. Returns counts.
 */
export function storeImported(store: AnnotationStore, file: string, text: string, layer: ExchangeLayer, annotator: string): { spans: number; relations: number; notes: number } {
  const existing = humanRecords(store, file).filter((r) => r.annotator === annotator);
  const current = resolveHumanLayer(text, existing, annotator);
  const add: AnnotationEntry[] = [];
  const ids: string[] = [];
  let spans = 0;
  for (const s of layer.spans) {
    const same = current.spans.find((x) => x.start === s.start && x.end === s.end && x.label === s.label);
    if (same) {
      ids.push(same.id);
      continue;
    }
    const record = spanRecord(file, text, s, s.label, annotator, s.attributes);
    ids.push(record.id);
    add.push(record);
    spans++;
  }
  let relations = 0;
  for (const r of layer.relations) {
    const from = ids[r.from];
    const to = ids[r.to];
    if (current.relations.some((x) => x.label === r.label && x.from.id === from && x.to.id === to)) continue;
    const rel: RelationAnnotation = { id: randomUUID(), type: 'relation', file, anchor: anchorAt(text, layer.spans[r.from]), createdAt: new Date().toISOString(), annotator, label: r.label, from, to };
    add.push(rel);
    relations++;
  }
  let notes = 0;
  for (const n of layer.notes) {
    const texts = current.notes.filter((x) => x.start === n.start && x.end === n.end).flatMap((x) => [x.text, ...x.replies.map((y) => y.text)]);
    if (texts.includes(n.text)) continue;
    const note: NoteAnnotation = { id: randomUUID(), type: 'note', file, anchor: anchorAt(text, n), createdAt: new Date().toISOString(), annotator: n.annotator ?? annotator, text: n.text };
    add.push(note);
    notes++;
  }
  if (add.length) store.update([], add);
  return { spans, relations, notes };
}

/**
 * Applies curation decisions to one file: the curated layer becomes what A and B agree on plus each
 * decided disagreement (`decide` returns undefined to leave one pending: the curated spans already
 * there are kept). The curated spans of the file are replaced in one write; attributes follow their source.
 */
export function writeCurated(
  store: AnnotationStore,
  file: string,
  text: string,
  a: string,
  b: string,
  decide: (d: Disagreement) => Decision | undefined,
): { written: number; pending: Disagreement[] } {
  const records = humanRecords(store, file);
  const spansOf = (who: string) => labelled(resolveHumanLayer(text, records, who));
  const previous = resolveHumanLayer(text, records, CURATED_ANNOTATOR).spans;
  const { spans, pending } = curateFile(file, text, spansOf(a), spansOf(b), decide);
  // A pending disagreement keeps whatever curation already decided there.
  for (const d of pending) spans.push(...previous.filter((s) => s.start < d.end && d.start < s.end));
  const oldIds = records.filter((r) => r.annotator === CURATED_ANNOTATOR && r.type === 'span').map((r) => r.id);
  const add = spans.map((s) => spanRecord(file, text, s, s.label, CURATED_ANNOTATOR, s.attributes));
  store.update(oldIds, add);
  return { written: add.length, pending };
}
