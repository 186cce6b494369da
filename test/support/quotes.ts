import { analyzeDocument } from '../../server/src/core/analyze';

/** Speakers of a text's quotations through the whole pipeline, as the CLI gives them. Texts are made up. */
export const speakers = (text: string): Array<[string, string | null]> =>
  analyzeDocument(text)
    .articles.flatMap((a) => a.quotes)
    .map((q) => [q.text, q.speaker]);

/** A short article: a headline and a first paragraph before the paragraphs under test. */
export const article = (...paragraphs: string[]): string =>
  ['Senators Clash Over The Budget Plan', 'The budget debate went on for hours in the chamber on Tuesday, with both parties trading blame.', ...paragraphs].join('\n\n');
