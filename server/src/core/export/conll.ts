import type { DocumentModel, Span } from '../model';

const TAG = { person: 'PER', place: 'LOC', organization: 'ORG' } as const;
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:[’'\-.&][\p{L}\p{N}\p{M}]+)*\.?|[^\s\p{L}\p{N}\p{M}]/gu;

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
      for (const match of body.matchAll(re)) {
        const start = block.start + match.index;
        const end = start + match[0].length;
        while (m < mentions.length && mentions[m].span.end <= start) m++;
        const mention = m < mentions.length && mentions[m].span.start < end ? mentions[m] : undefined;
        const tag = mention ? `${start <= mention.span.start ? 'B' : 'I'}-${TAG[mention.kind]}` : 'O';
        sentence.push(`${match[0]}\t${tag}`);
        if (/^[.!?]$/.test(match[0]) && sentence.length > 1) {
          out.push(...sentence, '');
          sentence = [];
        }
      }
      if (sentence.length) out.push(...sentence, '');
    }
  }
  return out.join('\n');
}
