import type { AnalyzedArticle } from '../model';
import { fnv1a, shingleHashes, signature, words } from './minhash';

/**
 * What story clustering knows of one article: computed once per analysed version of its file (the costly
 * part, shingling, is here), then compared as often as the corpus changes. Plain data, so the corpus
 * database can store it and give it back instead of the text.
 */
export interface StoryArticle {
  /** Unique key: `<file uri or path>#<article index>`. */
  readonly key: string;
  readonly file: string;
  readonly article: number;
  readonly title: string | null;
  readonly source: string | null;
  /** Publication day `YYYY-MM-DD`, or null. */
  readonly date: string | null;
  /** Entity ids (as linked in its file) with their mention counts in the article. */
  readonly entities: ReadonlyMap<string, number>;
  /** Days (`YYYY-MM-DD`) the article's dates resolve to, its own publication day left out. */
  readonly days: readonly string[];
  /** MinHash of the body's word shingles. */
  readonly signature: Uint32Array;
  /** Hash of the whole normalised body: equal for exact repeats. Empty body → ''. */
  readonly fingerprint: string;
  /** Normalised headline, for repeated headlines ('' when none). */
  readonly headline: string;
  readonly words: number;
}

/** Headlines shorter than this many words ("Live updates") are too generic to be evidence. */
const MIN_HEADLINE_WORDS = 4;

/** Features of one analysed article of `text` (the whole file's text). */
export function storyArticle(file: string, text: string, article: AnalyzedArticle): StoryArticle {
  const body = article.paragraphs.map((p) => text.slice(p.start, p.end)).join('\n');
  const tokens = words(body);
  const entities = new Map<string, number>();
  for (const m of article.mentions) entities.set(m.entityId, (entities.get(m.entityId) ?? 0) + 1);
  const date = article.date && /^\d{4}-\d{2}-\d{2}$/.test(article.date) ? article.date : null;
  const days = new Set<string>();
  for (const d of article.dates) if (d.iso && /^\d{4}-\d{2}-\d{2}$/.test(d.iso) && d.iso !== date) days.add(d.iso);
  const headlineWords = article.title ? words(article.title) : [];
  return {
    key: `${file}#${article.index}`,
    file,
    article: article.index,
    title: article.title,
    source: article.source,
    date,
    entities,
    days: [...days].sort(),
    signature: signature(shingleHashes(tokens)),
    fingerprint: tokens.length ? `${tokens.length}:${fnv1a(tokens.join(' ')).toString(36)}:${fnv1a(tokens.join(' '), 0x12345).toString(36)}` : '',
    headline: headlineWords.length >= MIN_HEADLINE_WORDS ? headlineWords.join(' ') : '',
    words: tokens.length,
  };
}
