import { quotationKind, type DocumentModel, type Span } from '../model';
import { CodePoints } from './offsets';

const CONTEXT = 32;

/**
 * W3C Web Annotation (JSON-LD): one Annotation per mention, date and quotation, each targeting the
 * source document with a TextQuoteSelector (exact + prefix/suffix) and a TextPositionSelector
 * (code points, as the model requires).
 */
export function toWebAnnotation(sourceUri: string, text: string, model: DocumentModel): object {
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
  for (const article of model.articles) {
    for (const m of article.mentions) {
      items.push({
        id: `${sourceUri}#annotation-${++n}`,
        type: 'Annotation',
        motivation: 'tagging',
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: m.kind },
          { type: 'TextualBody', purpose: 'identifying', value: m.entityId },
        ],
        target: target(m.span),
      });
    }
    for (const d of article.dates) {
      items.push({ id: `${sourceUri}#annotation-${++n}`, type: 'Annotation', motivation: 'tagging', body: [{ type: 'TextualBody', purpose: 'tagging', value: 'date' }, ...(d.iso ? [{ type: 'TextualBody', purpose: 'describing', value: d.iso }] : [])], target: target(d.span) });
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
  return { '@context': 'http://www.w3.org/ns/anno.jsonld', id: `${sourceUri}#annotations`, type: 'AnnotationCollection', total: items.length, first: { type: 'AnnotationPage', items } };
}
