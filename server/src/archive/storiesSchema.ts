/**
 * Stories and the network in the corpus database (issue 15).
 * - `story_articles`: what story clustering knows of each article (entity ids with their counts, publication
 *   day, resolved days, headline key, fingerprint, MinHash signature), written with the file's other rows, so
 *   the stories of an archive are built from one query instead of reading and shingling every file again.
 *   Each row has a `node` number that is never reused (AUTOINCREMENT): the clustering below refers to it, so
 *   a row of a file changed since is never mistaken for the new one.
 * - `story_edges` and `story_ids`: the clustering of the stored articles (the scored pairs and each
 *   article's story), written by the stories feature after each batch or update, in one transaction. A file
 *   put again or removed takes its rows with it and clears the stories it was in: those articles are linked
 *   again at the next load, the others are read as they are (README "Stories", "Stored").
 * - `network_units`: who is named in which article and sentence, by entity, so the workspace's network is
 *   a few index ranges and not a walk over every file.
 */
import type { DocumentModel } from '../core/model';
import { storyArticle, type PairEvidence, type StoryArticle } from '../core/stories';
import { sentenceStarts } from '../core/stories/network';
import { pathToUri } from '../util/uri';
import type { SqlDatabase } from './sql';

export const STORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS story_articles (
  node INTEGER PRIMARY KEY AUTOINCREMENT,
  file_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  -- JSON: title, source, date, entities [[id, count]], days, fingerprint, headline, words.
  features TEXT NOT NULL,
  -- The MinHash signature: 64 little-endian 32-bit values.
  signature BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS story_articles_file ON story_articles(file_id, idx);
-- The pairs a node was scored with when it was added (against the nodes before it): float64 pairs
-- (other node, score); evidence: JSON {other node: PairEvidence} of the pairs that are one story.
CREATE TABLE IF NOT EXISTS story_edges (
  node INTEGER PRIMARY KEY,
  pairs BLOB NOT NULL,
  evidence TEXT NOT NULL
);
-- Each node's story: its id, how many members it had (fewer found: it is linked again), the node it repeats.
CREATE TABLE IF NOT EXISTS story_ids (
  node INTEGER PRIMARY KEY,
  story TEXT NOT NULL,
  size INTEGER NOT NULL,
  duplicate_of INTEGER
);
CREATE INDEX IF NOT EXISTS story_ids_story ON story_ids(story);
-- Mentions of an entity per article and sentence (sentence -1: outside the paragraphs, e.g. a headline).
CREATE TABLE IF NOT EXISTS network_units (
  entity_id TEXT NOT NULL,
  file_id INTEGER NOT NULL,
  article INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (entity_id, file_id, article, sentence)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS network_units_file ON network_units(file_id);
`;

/** Every table of `STORY_SCHEMA` (dropped when the schema changes). */
export const STORY_TABLES = ['story_articles', 'story_edges', 'story_ids', 'network_units'] as const;

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

/** Stores the story features and network units of a file's articles (the model the user sees: with corrections). */
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
    sql.run('INSERT INTO story_articles(file_id, idx, features, signature) VALUES (?, ?, ?, ?)', [fileId, article.index, JSON.stringify(features), signature]);
    // Sentences numbered through the article, as the network's sentence units cut them (features/network.ts).
    const units = new Map<string, { entity: string; sentence: number; mentions: number }>();
    const note = (entity: string, sentence: number): void => {
      const key = `${sentence}\t${entity}`;
      const unit = units.get(key);
      if (unit) unit.mentions++;
      else units.set(key, { entity, sentence, mentions: 1 });
    };
    const inParagraph = new Set<number>();
    let base = 0;
    for (const p of article.paragraphs) {
      const starts = sentenceStarts(text, p.start, p.end);
      let s = 0;
      article.mentions.forEach((m, i) => {
        if (m.span.start < p.start || m.span.start >= p.end) return;
        while (s + 1 < starts.length && m.span.start >= starts[s + 1]) s++;
        inParagraph.add(i);
        note(m.entityId, base + s);
      });
      base += starts.length;
    }
    article.mentions.forEach((m, i) => inParagraph.has(i) || note(m.entityId, -1));
    for (const u of units.values()) sql.run('INSERT INTO network_units VALUES (?, ?, ?, ?, ?)', [u.entity, fileId, article.index, u.sentence, u.mentions]);
  }
}

/**
 * Deletes a file's story rows. The stories its articles were in, and those of the articles it was one story
 * with, lose their stored ids: they are linked again at the next load (the rest is read as stored).
 */
export function deleteStoryRows(sql: SqlDatabase, fileId: number): void {
  const nodes = sql.all<{ node: number; evidence: string | null }>(
    'SELECT s.node AS node, e.evidence AS evidence FROM story_articles s LEFT JOIN story_edges e ON e.node = s.node WHERE s.file_id = ?',
    [fileId],
  );
  const touched = new Set<number>();
  for (const n of nodes) {
    touched.add(n.node);
    if (n.evidence) for (const other of Object.keys(JSON.parse(n.evidence) as Record<string, unknown>)) touched.add(Number(other));
  }
  for (const node of touched) sql.run('DELETE FROM story_ids WHERE story = (SELECT story FROM story_ids WHERE node = ?)', [node]);
  for (const n of nodes) sql.run('DELETE FROM story_edges WHERE node = ?', [n.node]);
  sql.run('DELETE FROM story_articles WHERE file_id = ?', [fileId]);
  sql.run('DELETE FROM network_units WHERE file_id = ?', [fileId]);
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

/** One stored article: its node number and features. */
export interface StoredStoryArticle {
  readonly node: number;
  readonly article: StoryArticle;
}

/**
 * The stored story features by file URI (every file, or the one at `path`), articles in order, with their
 * node numbers. A file without rows (no articles, or only its outline) is absent.
 */
export function storedStoryRows(sql: SqlDatabase, path?: string): Map<string, StoredStoryArticle[]> {
  const rows = sql.all<{ path: string; node: number; idx: number; features: string; signature: Uint8Array }>(
    `SELECT f.path AS path, s.node AS node, s.idx AS idx, s.features AS features, s.signature AS signature FROM story_articles s JOIN files f ON f.id = s.file_id${path ? ' WHERE f.path = ?' : ''} ORDER BY f.path, s.idx`,
    path ? [path] : [],
  );
  const byFile = new Map<string, StoredStoryArticle[]>();
  for (const row of rows) {
    const uri = pathToUri(row.path);
    let list = byFile.get(uri);
    if (!list) byFile.set(uri, (list = []));
    list.push({ node: row.node, article: decode(uri, row.idx, row.features, row.signature) });
  }
  return byFile;
}

/** The stored story features by file URI (see `storedStoryRows`). */
export function storedStoryArticles(sql: SqlDatabase, path?: string): Map<string, StoryArticle[]> {
  return new Map([...storedStoryRows(sql, path)].map(([uri, rows]) => [uri, rows.map((r) => r.article)]));
}

/** Each stored file's node numbers (in article order), by URI: what changed since the last look, without reading features. */
export function storedStoryNodes(sql: SqlDatabase): Map<string, number[]> {
  const rows = sql.all<{ path: string; node: number }>('SELECT f.path AS path, s.node AS node FROM story_articles s JOIN files f ON f.id = s.file_id ORDER BY s.file_id, s.idx');
  const byFile = new Map<string, number[]>();
  for (const row of rows) {
    const uri = pathToUri(row.path);
    const list = byFile.get(uri);
    if (list) list.push(row.node);
    else byFile.set(uri, [row.node]);
  }
  return byFile;
}

/** A stored article's story, as the last batch or update left it. */
export interface StoredStoryId {
  readonly node: number;
  readonly story: string;
  readonly size: number;
  readonly duplicateOf: number | null;
}

/** One stored article for a story answer without loading features: what `storyOfMembers` reads. */
export interface StoredStoryMember extends StoredStoryId {
  readonly key: string;
  readonly file: string;
  readonly article: number;
  readonly date: string | null;
  readonly source: string | null;
}

/** Counts of stored articles and of those with a stored story and stored pairs: equal when the stored clustering is whole. */
export function storedClusteringCounts(sql: SqlDatabase): { articles: number; ids: number; edges: number } {
  const row = sql.get<{ articles: number; ids: number; edges: number }>(
    'SELECT (SELECT count(*) FROM story_articles) AS articles, (SELECT count(*) FROM story_ids) AS ids, (SELECT count(*) FROM story_edges) AS edges',
  );
  return row ?? { articles: 0, ids: 0, edges: 0 };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Every stored article with its story: one query over the ids and the articles' dates and sources. */
export function storedStoryMembers(sql: SqlDatabase): StoredStoryMember[] {
  const rows = sql.all<{ node: number; story: string; size: number; dup: number | null; path: string; idx: number; date: string | null; source: string | null }>(
    `SELECT i.node AS node, i.story AS story, i.size AS size, i.duplicate_of AS dup, f.path AS path, s.idx AS idx, a.date AS date, a.source AS source
     FROM story_ids i JOIN story_articles s ON s.node = i.node JOIN files f ON f.id = s.file_id
     LEFT JOIN articles a ON a.file_id = s.file_id AND a.idx = s.idx`,
  );
  return rows.map((r) => {
    const file = pathToUri(r.path);
    return {
      node: r.node,
      story: r.story,
      size: r.size,
      duplicateOf: r.dup,
      key: `${file}#${r.idx}`,
      file,
      article: r.idx,
      date: r.date && ISO_DAY.test(r.date) ? r.date : null,
      source: r.source,
    };
  });
}

/** Every stored story id by node. */
export function storedStoryIds(sql: SqlDatabase): Map<number, StoredStoryId> {
  const rows = sql.all<{ node: number; story: string; size: number; dup: number | null }>('SELECT node, story, size, duplicate_of AS dup FROM story_ids');
  return new Map(rows.map((r) => [r.node, { node: r.node, story: r.story, size: r.size, duplicateOf: r.dup }]));
}

/** A stored pair: the other node and the pair's evidence when it is one story, else its score. */
export type StoredEdge = PairEvidence | number;

/** Every node's stored pairs (those scored when it was added). */
export function storedStoryEdges(sql: SqlDatabase): Map<number, [number, StoredEdge][]> {
  const rows = sql.all<{ node: number; pairs: Uint8Array; evidence: string }>('SELECT node, pairs, evidence FROM story_edges');
  const byNode = new Map<number, [number, StoredEdge][]>();
  for (const row of rows) {
    const values = new Float64Array(Uint8Array.from(row.pairs).buffer);
    const evidence = JSON.parse(row.evidence) as Record<string, PairEvidence>;
    const list: [number, StoredEdge][] = [];
    for (let i = 0; i + 1 < values.length; i += 2) list.push([values[i], evidence[String(values[i])] ?? values[i + 1]]);
    byNode.set(row.node, list);
  }
  return byNode;
}

/** What one batch or update of the stories changed, to store. */
export interface StoryWrite {
  /** A batch: every stored pair and id is replaced (those not given are gone). */
  readonly replaceAll: boolean;
  /** Nodes scored, with their pairs against the nodes before them. */
  readonly edges: readonly { node: number; pairs: readonly [number, StoredEdge][] }[];
  /** Nodes whose story was made again, with it. */
  readonly ids: readonly StoredStoryId[];
  /** Nodes whose story involves articles that are not stored (an open document's unsaved text): their ids go. */
  readonly unlinked: readonly number[];
}

/** Stores a batch's or an update's pairs and ids (the caller holds the transaction). */
export function writeStoryClustering(sql: SqlDatabase, write: StoryWrite): void {
  if (write.replaceAll) {
    sql.run('DELETE FROM story_edges');
    sql.run('DELETE FROM story_ids');
  }
  for (const { node, pairs } of write.edges) {
    const values = new Float64Array(pairs.length * 2);
    const evidence: Record<string, PairEvidence> = {};
    pairs.forEach(([other, edge], i) => {
      values[2 * i] = other;
      values[2 * i + 1] = typeof edge === 'number' ? edge : edge.score;
      if (typeof edge !== 'number') evidence[String(other)] = edge;
    });
    sql.run('INSERT OR REPLACE INTO story_edges VALUES (?, ?, ?)', [node, new Uint8Array(values.buffer), JSON.stringify(evidence)]);
  }
  for (const id of write.ids) sql.run('INSERT OR REPLACE INTO story_ids VALUES (?, ?, ?, ?)', [id.node, id.story, id.size, id.duplicateOf]);
  for (const node of write.unlinked) sql.run('DELETE FROM story_ids WHERE node = ?', [node]);
}

/**
 * The network's units naming one raw entity id, as numbers (file id · 2^16 + article, or file id · 2^32 +
 * article · 2^16 + sentence), ascending and distinct, and its mentions in them. Files in `excluded` (an open
 * document answers for them) are left out.
 */
export function storedNetworkUnits(sql: SqlDatabase, id: string, unit: 'article' | 'sentence', excluded: ReadonlySet<number>): { units: number[]; mentions: number } {
  const [query, perFile, shift] =
    unit === 'article'
      ? [
          'SELECT group_concat(u) AS units, sum(m) AS n FROM (SELECT file_id * 65536 + article AS u, mentions AS m FROM network_units WHERE entity_id = ? ORDER BY file_id, article, sentence)',
          'SELECT sum(mentions) AS n FROM network_units WHERE entity_id = ? AND file_id = ?',
          65536,
        ]
      : [
          'SELECT group_concat(u) AS units, sum(m) AS n FROM (SELECT file_id * 4294967296 + article * 65536 + sentence AS u, mentions AS m FROM network_units WHERE entity_id = ? AND sentence >= 0 ORDER BY file_id, article, sentence)',
          'SELECT sum(mentions) AS n FROM network_units WHERE entity_id = ? AND file_id = ? AND sentence >= 0',
          4294967296,
        ];
  const row = sql.get<{ units: string | null; n: number | null }>(query, [id]);
  if (!row?.units) return { units: [], mentions: 0 };
  let mentions = row.n ?? 0;
  const units: number[] = [];
  let last = -1;
  for (const part of row.units.split(',')) {
    const u = Number(part);
    // An article's sentences are consecutive: the article once.
    if (u === last) continue;
    last = u;
    if (!excluded.has(Math.floor(u / shift))) units.push(u);
  }
  for (const file of excluded) mentions -= sql.get<{ n: number | null }>(perFile, [id, file])?.n ?? 0;
  return { units, mentions };
}

/** The file ids of the given paths (open documents, whose stored rows do not answer). */
export function storedFileIds(sql: SqlDatabase, paths: readonly string[]): Set<number> {
  const ids = new Set<number>();
  for (const p of paths) {
    const id = sql.get<{ id: number }>('SELECT id FROM files WHERE path = ?', [p])?.id;
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

/** What a story answer shows of a stored article (its display name, day, source and headline range). */
export interface StoredArticleCard {
  readonly title: string;
  readonly date: string | null;
  readonly source: string | null;
  readonly selectionRange: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** Every stored article's card by key (`<uri>#<index>`): one query, so a story answer reads no file back. */
export function storedArticleCards(sql: SqlDatabase): Map<string, StoredArticleCard> {
  const rows = sql.all<{ path: string; idx: number; name: string; date: string | null; source: string | null; l: number; c: number; el: number; ec: number }>(
    `SELECT f.path AS path, a.idx AS idx, a.name AS name, a.date AS date, a.source AS source, a.sel_line AS l, a.sel_character AS c, a.sel_end_line AS el, a.sel_end_character AS ec
     FROM articles a JOIN files f ON f.id = a.file_id`,
  );
  const cards = new Map<string, StoredArticleCard>();
  for (const r of rows) {
    cards.set(`${pathToUri(r.path)}#${r.idx}`, {
      title: r.name,
      date: r.date,
      source: r.source,
      selectionRange: { start: { line: r.l, character: r.c }, end: { line: r.el, character: r.ec } },
    });
  }
  return cards;
}
