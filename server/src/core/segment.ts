import type { DocumentLayout, Span } from './model';

// Initial version: one article, paragraphs are non-empty lines. Replaced by the real segmenter.
export function segmentArticles(text: string): DocumentLayout {
  const paragraphs: Span[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim()) paragraphs.push({ start: m.index, end: m.index + m[0].length });
  }
  if (paragraphs.length === 0) return { articles: [], boilerplate: [] };
  return {
    boilerplate: [],
    articles: [
      {
        span: { start: paragraphs[0].start, end: paragraphs[paragraphs.length - 1].end },
        title: null,
        headlineSpan: null,
        date: null,
        time: null,
        datelineSpan: null,
        source: null,
        authors: [],
        location: null,
        paragraphs,
        sections: [],
        boilerplate: [],
      },
    ],
  };
}
