import { quotationKind, type DocumentModel, type EntityKind } from '../model';
import { CodePoints } from './offsets';

export const BRAT_TYPES: Record<EntityKind | 'date' | 'quote', string> = {
  person: 'Person',
  place: 'Location',
  organization: 'Organization',
  date: 'Date',
  quote: 'Quotation',
};

/**
 * brat standoff (`.ann` beside a `.txt` copy of the text): T lines for mentions, dates and quotations,
 * R lines `Speaker Arg1:quote Arg2:person`, A lines `Scare`, `QuoteKind` (statement, partial, scare) and `EntityId`. Offsets count code
 * points, as brat (Python) does. Texts with line breaks inside an annotation are written as
 * discontinuous fragments, one per line, as brat requires.
 */
export function toBrat(text: string, model: DocumentModel): string {
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
  for (const article of model.articles) {
    for (const m of article.mentions) {
      const id = `T${++t}`;
      idOfMention.set(m.span.start, id);
      lines.push(`${id}\t${BRAT_TYPES[m.kind]} ${fragments(m.span.start, m.span.end)}\t${shown(m.span.start, m.span.end)}`);
      lines.push(`#${++a}\tAnnotatorNotes ${id}\t${m.entityId}`);
    }
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
        const nearest = article.mentions
          .filter((m) => m.entityId === q.speakerId)
          .sort((x, y) => Math.abs(x.span.start - q.span.start) - Math.abs(y.span.start - q.span.start))[0];
        if (nearest) speaker = idOfMention.get(nearest.span.start);
      }
      if (speaker) lines.push(`R${++r}\tSpeaker Arg1:${id} Arg2:${speaker}`);
    }
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
  const toUtf16: number[] = [];
  let cpCount = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) toUtf16[cpCount++] = i;
  }
  toUtf16[cpCount] = text.length;
  const found: BratEntity[] = [];
  for (const line of ann.split(/\r?\n/)) {
    const m = /^(T\d+)\t(\S+) (\d+) (\d+(?:;\d+ \d+)*)\t(.*)$/.exec(line);
    if (!m) continue;
    const offsets = `${m[3]} ${m[4]}`.split(/[ ;]/).map(Number);
    const start = toUtf16[offsets[0]];
    const end = toUtf16[offsets[offsets.length - 1]];
    if (start === undefined || end === undefined || end < start) continue;
    found.push({ id: m[1], type: m[2], start, end, text: m[5] });
  }
  return found;
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
