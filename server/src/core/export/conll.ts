import type { DocumentModel, Span } from '../model';
import { effectiveLayer, type ExchangeLayer, type ExchangeSpan } from '../annotate/exchange';
import { bratType, DEFAULT_SCHEMA, type LabelSchema } from '../annotate/schema';

const TAG: Readonly<Record<string, string>> = { person: 'PER', place: 'LOC', organization: 'ORG' };
/** A label's IOB type: PER / LOC / ORG for the built-in kinds, the label itself (spaces as `_`) otherwise. */
export const iobType = (label: string): string => TAG[label] ?? bratType(label);
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:[’'\-.&][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;
/** Words whose following full stop belongs to them (CoNLL keeps `Mr.` and `U.S.` whole, `Aleppo` `.` apart). */
const ABBREVIATIONS = new Set('mr mrs ms dr gen lt col maj capt sgt cmdr adm sen rep gov pres prof rev st jr sr inc co corp ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));

function keepsFullStop(word: string): boolean {
  // Dotted acronyms (U.S, S.B.U), initials (J), and the abbreviations above.
  // Capitalised only: a lowercase "no." or "co." ends a sentence far more often than it abbreviates.
  const lower = word.toLowerCase();
  return word.includes('.') || /^\p{Lu}$/u.test(word) || (ABBREVIATIONS.has(lower) && (/^\p{Lu}/u.test(word) || lower === 'vs' || lower === 'etc'));
}

/**
 * CoNLL IOB: `-DOCSTART- -X- -X- O` per article, one token a line (`token\tIOB-tag`), a blank line
 * between sentences. Tokens are slices of the text (headline and paragraphs), so they rejoin to it.
 */
export function toConll(text: string, model: DocumentModel, layer: ExchangeLayer = effectiveLayer(model, undefined)): string {
  const out: string[] = [];
  for (const article of model.articles) {
    out.push('-DOCSTART- -X- -X- O', '');
    const blocks: Span[] = [...(article.headlineSpan ? [article.headlineSpan] : []), ...article.paragraphs];
    // IOB has one label per token: of overlapping spans, the first (outermost) wins.
    const mentions: { span: Span; label: string }[] = [];
    for (const s of layer.spans) {
      if (s.start < article.span.start || s.start >= article.span.end) continue;
      if (!mentions.length || mentions[mentions.length - 1].span.end <= s.start) mentions.push({ span: s, label: s.label });
    }
    let m = 0;
    for (const block of blocks) {
      const re = new RegExp(TOKEN.source, 'gu');
      const body = text.slice(block.start, block.end);
      let sentence: string[] = [];
      for (let match = re.exec(body); match; match = re.exec(body)) {
        let token = match[0];
        if (body[re.lastIndex] === '.' && /[\p{L}\p{N}]/u.test(token[0]) && keepsFullStop(token)) {
          token += '.';
          re.lastIndex++;
        }
        const start = block.start + match.index;
        const end = start + token.length;
        while (m < mentions.length && mentions[m].span.end <= start) m++;
        const mention = m < mentions.length && mentions[m].span.start < end ? mentions[m] : undefined;
        const tag = mention ? `${start <= mention.span.start ? 'B' : 'I'}-${iobType(mention.label)}` : 'O';
        sentence.push(`${token}\t${tag}`);
        if (/^[.!?]$/.test(token) && sentence.length > 1) {
          out.push(...sentence, '');
          sentence = [];
        }
      }
      if (sentence.length) out.push(...sentence, '');
    }
  }
  return out.join('\n');
}

/**
 * Reads CoNLL IOB back onto the text it was exported from: each token is found in order in `text`, and
 * each B-/I- run becomes a span (PER / LOC / ORG as the built-in kinds, other types through the schema).
 * A token not found in the text stops the reading there (the export belongs to another text).
 */
export function parseConll(conll: string, text: string, schema: LabelSchema = DEFAULT_SCHEMA): ExchangeLayer {
  const byType = new Map<string, string>([
    ['PER', 'person'],
    ['LOC', 'place'],
    ['ORG', 'organization'],
  ]);
  for (const l of schema.spanLabels) if (!byType.has(iobType(l.name))) byType.set(iobType(l.name), l.name);
  const spans: ExchangeSpan[] = [];
  let cursor = 0;
  let open: { start: number; end: number; type: string } | null = null;
  const close = () => {
    if (open) spans.push({ start: open.start, end: open.end, label: byType.get(open.type) ?? open.type.replace(/_/g, ' '), attributes: {}, annotator: null });
    open = null;
  };
  for (const line of conll.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('-DOCSTART-')) continue;
    const columns = line.split(/\t| /);
    const token = columns[0];
    const tag = columns[columns.length - 1];
    const at = text.indexOf(token, cursor);
    if (at < 0) break;
    cursor = at + token.length;
    const m = /^([BI])-(.+)$/.exec(tag);
    if (!m) {
      close();
      continue;
    }
    const current = open;
    if (m[1] === 'I' && current && current.type === m[2]) current.end = cursor;
    else {
      close();
      open = { start: at, end: cursor, type: m[2] };
    }
  }
  close();
  return { spans, relations: [], notes: [] };
}
