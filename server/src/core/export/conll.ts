import type { DocumentModel, Span } from '../model';

const TAG = { person: 'PER', place: 'LOC', organization: 'ORG' } as const;
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:[’'\-.&][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;
/** Words whose following full stop belongs to them (CoNLL keeps `Mr.` and `U.S.` whole, `Aleppo` `.` apart). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr gen lt col maj capt sgt cmdr adm sen rep gov pres prof rev st jr sr inc co corp ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);

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
export function toConll(text: string, model: DocumentModel): string {
  const out: string[] = [];
  for (const article of model.articles) {
    out.push('-DOCSTART- -X- -X- O', '');
    const blocks: Span[] = [...(article.headlineSpan ? [article.headlineSpan] : []), ...article.paragraphs];
    const mentions = [...article.mentions].sort((a, b) => a.span.start - b.span.start);
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
        const tag = mention ? `${start <= mention.span.start ? 'B' : 'I'}-${TAG[mention.kind]}` : 'O';
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
