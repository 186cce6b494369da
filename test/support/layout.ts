/**
 * One-article layouts for tests and the evaluation: the recognisers run on paragraphs given by hand,
 * without segmentation, so a test checks one stage alone.
 */
import type { ArticleLayout, Span } from '../../server/src/core/model';

/** Spans of the lines of `text` that are not blank; with `crIsBreak` a `\r` ends a line too (files from Windows). */
export function nonBlankLines(text: string, crIsBreak = false): Span[] {
  const lines: Span[] = [];
  for (const m of text.matchAll(crIsBreak ? /[^\r\n]+/g : /[^\n]+/g)) if (m[0].trim()) lines.push({ start: m.index, end: m.index + m[0].length });
  return lines;
}

/** Spans of every line of `text`, blank ones too. */
export function everyLine(text: string): Span[] {
  const lines: Span[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: offset, end: offset + line.length });
    offset += line.length + 1;
  }
  return lines;
}

/** One article over the whole text with these paragraphs and nothing else found; `fields` sets the rest. */
export function oneArticleLayout(text: string, paragraphs: readonly Span[], fields: Partial<ArticleLayout> = {}): ArticleLayout {
  return {
    span: { start: 0, end: text.length },
    title: null,
    headlineSpan: null,
    date: null,
    time: null,
    datelineSpan: null,
    source: null,
    authors: [],
    location: null,
    paragraphs: [...paragraphs],
    sections: [],
    boilerplate: [],
    ...fields,
  };
}

/** One article whose paragraphs are the non-blank lines of `text`, some left out; the first line the headline when asked. */
export function linesLayout(text: string, options: { date?: string | null; headline?: boolean; skipLines?: readonly number[] } = {}): ArticleLayout {
  const kept = nonBlankLines(text).filter((_, i) => !options.skipLines?.includes(i));
  const [first, ...rest] = kept;
  return oneArticleLayout(text, options.headline ? rest : kept, { headlineSpan: options.headline ? first : null, date: options.date ?? null });
}
