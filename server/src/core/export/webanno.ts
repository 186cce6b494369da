import { quotationKind, type DocumentModel, type Span } from '../model';
import { effectiveLayer, type ExchangeLayer, type ExchangeNote, type ExchangeRelation, type ExchangeSpan } from '../annotate/exchange';
import type { AttributeValue } from '../annotate/records';
import { CodePoints } from './offsets';

const CONTEXT = 32;

/**
 * W3C Web Annotation (JSON-LD): one Annotation per span (human label or machine mention), date and
 * quotation, each targeting the source document with a TextQuoteSelector (exact + prefix/suffix) and a
 * TextPositionSelector (code points, as the model requires). A human span's Annotation has a `creator`
 * (its annotator) and a `classifying` body per attribute (`Negated`, `Certainty=low`); a relation is an
 * Annotation with motivation `linking` whose body is its label and whose targets are its two spans' ids;
 * a note is an Annotation with motivation `commenting` and a TextualBody.
 */
export function toWebAnnotation(sourceUri: string, text: string, model: DocumentModel, layer: ExchangeLayer = effectiveLayer(model, undefined)): object {
  const cp = new CodePoints(text);
  const items: object[] = [];
  let n = 0;
  const target = (span: Span): object => ({
    source: sourceUri,
    selector: [
      { type: 'TextQuoteSelector', exact: text.slice(span.start, span.end), prefix: text.slice(Math.max(0, span.start - CONTEXT), span.start), suffix: text.slice(span.end, span.end + CONTEXT) },
      { type: 'TextPositionSelector', start: cp.at(span.start), end: cp.at(span.end) },
    ],
  });
  const creator = (name: string | null) => (name ? { creator: { type: 'Person', nickname: name } } : {});
  const spanIds: string[] = [];
  let next = 0;
  const writeSpan = (s: ExchangeSpan): void => {
    const id = `${sourceUri}#annotation-${++n}`;
    spanIds.push(id);
    const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: s.label }];
    if (s.entityId) body.push({ type: 'TextualBody', purpose: 'identifying', value: s.entityId });
    for (const [name, value] of Object.entries(s.attributes)) body.push({ type: 'TextualBody', purpose: 'classifying', value: value === true ? name : `${name}=${String(value)}` });
    items.push({ id, type: 'Annotation', motivation: 'tagging', ...creator(s.annotator), body, target: target(s) });
  };
  for (const article of model.articles) {
    while (next < layer.spans.length && layer.spans[next].start < article.span.end) writeSpan(layer.spans[next++]);
    for (const d of article.dates) {
      items.push({
        id: `${sourceUri}#annotation-${++n}`,
        type: 'Annotation',
        motivation: 'tagging',
        body: [{ type: 'TextualBody', purpose: 'tagging', value: 'date' }, ...(d.iso ? [{ type: 'TextualBody', purpose: 'describing', value: d.iso }] : [])],
        target: target(d.span),
      });
    }
    for (const q of article.quotes) {
      const kind = quotationKind(q);
      const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: kind === 'scare' ? 'scare-quote' : 'quotation' }];
      // Added after the first body, so readers of the first body see what they saw before.
      if (kind !== 'scare') body.push({ type: 'TextualBody', purpose: 'classifying', value: `${kind}-quotation` });
      if (q.via) body.push({ type: 'TextualBody', purpose: 'describing', value: `via: ${q.via}` });
      if (q.speaker) body.push({ type: 'TextualBody', purpose: 'describing', value: `speaker: ${q.speaker}` });
      if (q.speakerId) body.push({ type: 'TextualBody', purpose: 'identifying', value: q.speakerId });
      items.push({ id: `${sourceUri}#annotation-${++n}`, type: 'Annotation', motivation: 'tagging', body, target: target(q.span) });
    }
  }
  while (next < layer.spans.length) writeSpan(layer.spans[next++]);
  for (const r of layer.relations) {
    items.push({
      id: `${sourceUri}#annotation-${++n}`,
      type: 'Annotation',
      motivation: 'linking',
      ...creator(r.annotator),
      body: [{ type: 'TextualBody', purpose: 'tagging', value: r.label }],
      target: [spanIds[r.from], spanIds[r.to]],
    });
  }
  for (const note of layer.notes) {
    items.push({
      id: `${sourceUri}#annotation-${++n}`,
      type: 'Annotation',
      motivation: 'commenting',
      ...creator(note.annotator),
      body: [{ type: 'TextualBody', purpose: 'commenting', value: note.text, format: 'text/plain' }],
      target: target(note),
    });
  }
  return { '@context': 'http://www.w3.org/ns/anno.jsonld', id: `${sourceUri}#annotations`, type: 'AnnotationCollection', total: items.length, first: { type: 'AnnotationPage', items } };
}

interface WebBody {
  purpose?: string;
  value?: string;
}
interface WebItem {
  id?: string;
  motivation?: string;
  creator?: { nickname?: string; name?: string };
  body?: WebBody[] | WebBody;
  target?: unknown;
}

/**
 * Reads a Web Annotation collection (as `toWebAnnotation` writes it) back onto `text`: tagging
 * Annotations become spans (dates and quotations skipped), `linking` ones relations, `commenting` ones
 * notes. Targets are found by their TextPositionSelector (code points), checked against the quote.
 */
export function parseWebAnnotation(json: string, text: string): ExchangeLayer {
  let data: { first?: { items?: WebItem[] }; items?: WebItem[] };
  try {
    data = JSON.parse(json) as typeof data;
  } catch {
    return { spans: [], relations: [], notes: [] };
  }
  const items = data.first?.items ?? data.items ?? [];
  const toUtf16: number[] = [];
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) toUtf16[count++] = i;
  }
  toUtf16[count] = text.length;
  const spanOf = (target: unknown): Span | null => {
    const selectors = (target as { selector?: { type: string; start?: number; end?: number; exact?: string }[] } | undefined)?.selector ?? [];
    const position = selectors.find((s) => s.type === 'TextPositionSelector');
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    if (!position || typeof position.start !== 'number' || typeof position.end !== 'number') return null;
    const start = toUtf16[position.start];
    const end = toUtf16[position.end];
    if (start === undefined || end === undefined || (quote?.exact !== undefined && text.slice(start, end) !== quote.exact)) return null;
    return { start, end };
  };
  const spans: ExchangeSpan[] = [];
  const relations: ExchangeRelation[] = [];
  const notes: ExchangeNote[] = [];
  const index = new Map<string, number>();
  const bodies = (item: WebItem): WebBody[] => (Array.isArray(item.body) ? item.body : item.body ? [item.body] : []);
  for (const item of items) {
    const annotator = item.creator?.nickname ?? item.creator?.name ?? null;
    if (item.motivation === 'tagging') {
      const label = bodies(item).find((b) => b.purpose === 'tagging')?.value;
      const span = spanOf(item.target);
      if (!label || !span || label === 'date' || label === 'quotation' || label === 'scare-quote') continue;
      const attributes: Record<string, AttributeValue> = {};
      for (const b of bodies(item)) {
        if (b.purpose !== 'classifying' || !b.value) continue;
        const eq = b.value.indexOf('=');
        if (eq < 0) attributes[b.value] = true;
        else attributes[b.value.slice(0, eq)] = b.value.slice(eq + 1);
      }
      const entityId = bodies(item).find((b) => b.purpose === 'identifying')?.value;
      if (item.id) index.set(item.id, spans.length);
      spans.push({ ...span, label, attributes, annotator, ...(entityId ? { entityId } : {}) });
    } else if (item.motivation === 'linking' && Array.isArray(item.target)) {
      const label = bodies(item).find((b) => b.purpose === 'tagging')?.value;
      const from = index.get(String(item.target[0]));
      const to = index.get(String(item.target[1]));
      if (label && from !== undefined && to !== undefined) relations.push({ label, from, to, annotator });
    } else if (item.motivation === 'commenting') {
      const value = bodies(item).find((b) => b.purpose === 'commenting')?.value;
      const span = spanOf(item.target);
      if (value !== undefined && span) notes.push({ ...span, text: value, annotator });
    }
  }
  return { spans, relations, notes };
}
