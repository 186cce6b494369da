/**
 * Story features in the corpus database (issue 15): what story clustering knows of each article (entity
 * ids with their counts, publication day, resolved days, headline key, fingerprint, MinHash signature),
 * stored with the file's other rows, so the stories of an archive are built from one query instead of
 * reading and shingling every file again.
 */
import type { DocumentModel } from '../core/model';
import { storyArticle, type StoryArticle } from '../core/stories';
import { pathToUri } from '../util/uri';
import type { SqlDatabase } from './sql';

export const STORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS story_articles (
  file_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  -- JSON: title, source, date, entities [[id, count]], days, fingerprint, headline, words.
  features TEXT NOT NULL,
  -- The MinHash signature: 64 little-endian 32-bit values.
  signature BLOB NOT NULL,
  PRIMARY KEY (file_id, idx)
) WITHOUT ROWID;
`;

/** Tables keyed by `file_id`, emptied with the file's other rows. */
export const STORY_TABLES = ['story_articles'] as const;

interface StoredFeatures {
  title: string | null;
  source: string | null;
  date: string | null;
  entities: [string, number][];
  days: string[];
  fingerprint: string;
  headline: string;
  words: number;
}

/** Stores the story features of a file's articles (the model the user sees: with corrections). */
export function insertStoryRows(sql: SqlDatabase, fileId: number, text: string, model: DocumentModel): void {
  if (model.layoutOnly) return;
  for (const article of model.articles) {
    const f = storyArticle('', text, article);
    const features: StoredFeatures = {
      title: f.title,
      source: f.source,
      date: f.date,
      entities: [...f.entities],
      days: [...f.days],
      fingerprint: f.fingerprint,
      headline: f.headline,
      words: f.words,
    };
    const signature = new Uint8Array(f.signature.buffer, f.signature.byteOffset, f.signature.byteLength);
    sql.run('INSERT OR REPLACE INTO story_articles VALUES (?, ?, ?, ?)', [fileId, article.index, JSON.stringify(features), signature]);
  }
}

function decode(file: string, index: number, json: string, blob: Uint8Array): StoryArticle {
  const f = JSON.parse(json) as StoredFeatures;
  // Copied, so the values are aligned whatever the engine's buffer.
  const signature = new Uint32Array(Uint8Array.from(blob).buffer);
  return {
    key: `${file}#${index}`,
    file,
    article: index,
    title: f.title,
    source: f.source,
    date: f.date,
    entities: new Map(f.entities),
    days: f.days,
    signature,
    fingerprint: f.fingerprint,
    headline: f.headline,
    words: f.words,
  };
}

/**
 * The stored story features by file URI (every file, or the one at `path`), articles in order. A file
 * without rows (no articles, or only its outline) is absent.
 */
export function storedStoryArticles(sql: SqlDatabase, path?: string): Map<string, StoryArticle[]> {
  const rows = sql.all<{ path: string; idx: number; features: string; signature: Uint8Array }>(
    `SELECT f.path AS path, s.idx AS idx, s.features AS features, s.signature AS signature FROM story_articles s JOIN files f ON f.id = s.file_id${path ? ' WHERE f.path = ?' : ''} ORDER BY f.path, s.idx`,
    path ? [path] : [],
  );
  const byFile = new Map<string, StoryArticle[]>();
  for (const row of rows) {
    const uri = pathToUri(row.path);
    let list = byFile.get(uri);
    if (!list) byFile.set(uri, (list = []));
    list.push(decode(uri, row.idx, row.features, row.signature));
  }
  return byFile;
}
