import { quotationKind, type DocumentModel, type EntityKind } from '../model';
import { effectiveLayer, type ExchangeLayer, type ExchangeNote, type ExchangeRelation, type ExchangeSpan } from '../annotate/exchange';
import { bratType, labelOfBratType, DEFAULT_SCHEMA, type LabelSchema } from '../annotate/schema';
import type { AttributeValue } from '../annotate/records';
import { CodePoints } from './offsets';

export const BRAT_TYPES: Record<EntityKind | 'date' | 'quote', string> = {
  person: 'Person',
  place: 'Location',
  organization: 'Organization',
  date: 'Date',
  quote: 'Quotation',
};

/**
 * brat standoff (`.ann` beside a `.txt` copy of the text): T lines for the effective spans (human
 * labels, custom types included, and machine mentions), dates and quotations; A lines for attributes
 * (`Negated T3`, `Certainty T3 low`), the human annotator (`Annotator T3 alice`) `Scare` and `QuoteKind` (statement, partial, scare); R lines for
 * `Speaker` and the schema's relations; `#` AnnotatorNotes for entity ids, ISO dates and notes. Offsets
 * count code points, as brat (Python) does. Texts with line breaks inside an annotation are written as
 * discontinuous fragments, one per line, as brat requires.
 */
export function toBrat(text: string, model: DocumentModel, layer: ExchangeLayer = effectiveLayer(model, undefined)): string {
  const cp = new CodePoints(text);
  const lines: string[] = [];
  let t = 0;
  let a = 0;
  let r = 0;
  const fragments = (start: number, end: number): string => {
    const parts: string[] = [];
    let at = start;
    for (const m of text.slice(start, end).matchAll(/\r\n|\r|\n/g)) {
      const breakAt = start + m.index;
      if (breakAt > at) parts.push(`${cp.at(at)} ${cp.at(breakAt)}`);
      at = breakAt + m[0].length;
    }
    if (end > at) parts.push(`${cp.at(at)} ${cp.at(end)}`);
    return parts.join(';');
  };
  const shown = (start: number, end: number): string => text.slice(start, end).replace(/\r\n|\r|\n/g, ' ');
  const idOfMention = new Map<number, string>();
  const idOfSpan = new Map<number, string>();
  const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();
  const writeSpan = (i: number): void => {
    const s = layer.spans[i];
    const id = `T${++t}`;
    idOfSpan.set(i, id);
    if (!idOfMention.has(s.start)) idOfMention.set(s.start, id);
    lines.push(`${id}\t${bratType(s.label)} ${fragments(s.start, s.end)}\t${shown(s.start, s.end)}`);
    if (s.entityId) lines.push(`#${++a}\tAnnotatorNotes ${id}\t${s.entityId}`);
    for (const [name, value] of Object.entries(s.attributes)) {
      if (value === true) lines.push(`A${++a}\t${bratType(name)} ${id}`);
      else if (typeof value === 'string') lines.push(`A${++a}\t${bratType(name)} ${id} ${value}`);
    }
    if (s.annotator) lines.push(`A${++a}\tAnnotator ${id} ${s.annotator}`);
  };
  let next = 0;
  for (const article of model.articles) {
    while (next < layer.spans.length && layer.spans[next].start < article.span.end) writeSpan(next++);
    for (const d of article.dates) {
      const id = `T${++t}`;
      lines.push(`${id}\t${BRAT_TYPES.date} ${fragments(d.span.start, d.span.end)}\t${shown(d.span.start, d.span.end)}`);
      if (d.iso) lines.push(`#${++a}\tAnnotatorNotes ${id}\t${d.iso}`);
    }
    for (const q of article.quotes) {
      const id = `T${++t}`;
      lines.push(`${id}\t${BRAT_TYPES.quote} ${fragments(q.span.start, q.span.end)}\t${shown(q.span.start, q.span.end)}`);
      if (q.scare) lines.push(`A${++a}\tScare ${id}`);
      lines.push(`A${++a}\tQuoteKind ${id} ${quotationKind(q)}`);
      if (q.via) lines.push(`#${++a}\tAnnotatorNotes ${id}\tvia: ${q.via}`);
      // The mention the speaker was read from; else (a corrected speaker) the entity's mention nearest the quotation.
      let speaker = q.speakerSpan ? idOfMention.get(q.speakerSpan.start) : undefined;
      if (!speaker && q.speakerId) {
        const nearest = article.mentions.filter((m) => m.entityId === q.speakerId).sort((x, y) => Math.abs(x.span.start - q.span.start) - Math.abs(y.span.start - q.span.start))[0];
        if (nearest) speaker = idOfMention.get(nearest.span.start);
      }
      if (speaker) lines.push(`R${++r}\tSpeaker Arg1:${id} Arg2:${speaker}`);
    }
  }
  while (next < layer.spans.length) writeSpan(next++);
  for (const rel of layer.relations) lines.push(`R${++r}\t${bratType(rel.label)} Arg1:${idOfSpan.get(rel.from)} Arg2:${idOfSpan.get(rel.to)}`);
  // A note goes on the span it was written on (or the first span holding it); a note on no span gets a Note span.
  for (const n of layer.notes) {
    let i = layer.spans.findIndex((s) => s.start === n.start && s.end === n.end);
    if (i < 0) i = layer.spans.findIndex((s) => s.start <= n.start && n.end <= s.end);
    let id = i >= 0 ? idOfSpan.get(i) : undefined;
    if (!id) {
      id = `T${++t}`;
      lines.push(`${id}\tNote ${fragments(n.start, n.end)}\t${shown(n.start, n.end)}`);
    }
    lines.push(`#${++a}\tAnnotatorNotes ${id}\t${oneLine(n.text)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export interface BratEntity {
  readonly id: string;
  readonly type: string;
  /** UTF-16 offsets into the text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Reads the T lines of a brat `.ann` (code-point offsets) back as UTF-16 spans of `text`. */
export function parseBrat(ann: string, text: string): BratEntity[] {
  return parseBratLines(ann, text).entities;
}

/** The machine's own brat types and attributes, which an import does not take as human labels. */
const MACHINE_TYPES = new Set(['Date', 'Quotation', 'Note']);
const ENTITY_ID_NOTE = /^(person|place|organization):[\p{L}\p{N}-]+$/u;

/**
 * A whole brat `.ann` as one annotator's layer: T lines (custom types as labels through the schema;
 * Date and Quotation skipped), A attributes, R relations (Speaker skipped: the machine's) and `#` notes.
 * The `AnnotatorNotes` export writes for entity ids and dates are not notes and are skipped.
 */
export function parseBratLayer(ann: string, text: string, schema: LabelSchema = DEFAULT_SCHEMA): ExchangeLayer {
  const { entities, rest } = parseBratLines(ann, text);
  const spans: (ExchangeSpan & { attributes: Record<string, AttributeValue> })[] = [];
  const index = new Map<string, number>();
  const byId = new Map(entities.map((e) => [e.id, e]));
  const annotators: (string | null)[] = [];
  for (const e of entities) {
    if (MACHINE_TYPES.has(e.type)) continue;
    index.set(e.id, spans.length);
    spans.push({ start: e.start, end: e.end, label: labelOfBratType(schema, e.type), attributes: {}, annotator: null });
  }
  const relations: ExchangeRelation[] = [];
  const notes: ExchangeNote[] = [];
  const attributeName = (type: string) => schema.spanLabels.flatMap((l) => l.attributes).find((x) => bratType(x.name) === type)?.name ?? type.replace(/_/g, ' ');
  for (const line of rest) {
    const attr = /^A\d+\t(\S+) (T\d+)(?: (\S+))?\s*$/.exec(line);
    if (attr) {
      const i = index.get(attr[2]);
      if (i === undefined || attr[1] === 'Scare' || attr[1] === 'QuoteKind') continue;
      if (attr[1] === 'Annotator') annotators[i] = attr[3] ?? null;
      else spans[i].attributes[attributeName(attr[1])] = attr[3] ?? true;
      continue;
    }
    const rel = /^R\d+\t(\S+) Arg1:(T\d+) Arg2:(T\d+)\s*$/.exec(line);
    if (rel) {
      const from = index.get(rel[2]);
      const to = index.get(rel[3]);
      if (rel[1] !== 'Speaker' && from !== undefined && to !== undefined) relations.push({ label: rel[1].replace(/_/g, ' '), from, to, annotator: null });
      continue;
    }
    const note = /^#\d+\tAnnotatorNotes (T\d+)\t(.*)$/.exec(line);
    if (note) {
      const target = byId.get(note[1]);
      if (!target || target.type === 'Date' || target.type === 'Quotation' || ENTITY_ID_NOTE.test(note[2])) continue;
      notes.push({ start: target.start, end: target.end, text: note[2], annotator: null });
    }
  }
  return { spans: spans.map((s, i) => ({ ...s, annotator: annotators[i] ?? null })), relations, notes };
}

function parseBratLines(ann: string, text: string): { entities: BratEntity[]; rest: string[] } {
  const toUtf16: number[] = [];
  let cpCount = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) toUtf16[cpCount++] = i;
  }
  toUtf16[cpCount] = text.length;
  const found: BratEntity[] = [];
  const rest: string[] = [];
  for (const line of ann.split(/\r?\n/)) {
    const m = /^(T\d+)\t(\S+) (\d+) (\d+(?:;\d+ \d+)*)\t(.*)$/.exec(line);
    if (!m) {
      if (line) rest.push(line);
      continue;
    }
    const offsets = `${m[3]} ${m[4]}`.split(/[ ;]/).map(Number);
    const start = toUtf16[offsets[0]];
    const end = toUtf16[offsets[offsets.length - 1]];
    if (start === undefined || end === undefined || end < start) continue;
    found.push({ id: m[1], type: m[2], start, end, text: m[5] });
  }
  return { entities: found, rest };
}

/** The brat annotation configuration that makes brat and INCEpTION accept the types above. */
export const BRAT_ANNOTATION_CONF = `[entities]
Person
Location
Organization
Date
Quotation

[relations]
Speaker\tArg1:Quotation, Arg2:Person

[events]

[attributes]
Scare\tArg:Quotation
QuoteKind\tArg:Quotation, Value:statement|partial|scare
`;
