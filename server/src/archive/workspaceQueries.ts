/**
 * The workspace-wide questions about files that are not open (issue 13, bounded memory): those files
 * live in the corpus database only, so references, workspace symbols, the Entities and Quotations
 * views and hover counts read these queries. Each takes the paths to leave out: open documents,
 * whose unsaved text the `Workspace` answers from memory instead.
 */
import type { EntityKind, QuotationKind } from '../core/model';
import type { LspRange } from '../protocol';
import type { CorpusDatabase } from './database';
import type { SqlValue } from './sql';

/** One raw entity id's figures over the stored files. */
export interface StoredEntity {
  readonly id: string;
  readonly kind: EntityKind;
  /** The name of the file that mentions it most. */
  readonly name: string;
  /** That file's mention count: the weight of `name`. */
  readonly top: number;
  readonly mentions: number;
  readonly files: number;
}

export interface StoredMention {
  readonly path: string;
  readonly article: number;
  readonly text: string;
  readonly range: LspRange;
}

export interface StoredQuote {
  readonly path: string;
  readonly article: number;
  readonly text: string;
  readonly speaker: string | null;
  readonly speakerId: string | null;
  readonly kind: QuotationKind;
  readonly via: string | null;
  readonly range: LspRange;
}

export interface StoredArticle {
  readonly path: string;
  readonly article: number;
  readonly name: string;
  readonly date: string | null;
  readonly selection: LspRange;
}

interface RangeRow {
  line: number;
  character: number;
  end_line: number;
  end_character: number;
}

function rangeOf(r: RangeRow): LspRange {
  return { start: { line: r.line, character: r.character }, end: { line: r.end_line, character: r.end_character } };
}

function marks(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** `AND <column> NOT IN (the ids of the excluded files)`, or nothing. */
function notIn(column: string, excluded: readonly string[], params: SqlValue[]): string {
  if (!excluded.length) return '';
  params.push(...excluded);
  return ` AND ${column} NOT IN (SELECT id FROM files WHERE path IN (${marks(excluded)}))`;
}

/** Every raw entity id of the stored files with its figures, and each one's aliases with their file counts. */
export interface StoredEntityTotals {
  readonly entities: readonly StoredEntity[];
  readonly aliases: readonly { readonly id: string; readonly alias: string; readonly files: number }[];
}

/**
 * The kept totals (one row per entity and per alias): half a million rows at 10,000 files, read once per
 * database generation by the workspace's entity table (`storedEntities` takes the open files out).
 */
export function storedEntityTotals(db: CorpusDatabase): StoredEntityTotals {
  return {
    entities: db.sql.all<StoredEntity>('SELECT entity_id AS id, kind, name, top, mentions, files FROM entity_totals WHERE files > 0'),
    aliases: db.sql.all<{ id: string; alias: string; files: number }>('SELECT entity_id AS id, alias, files FROM alias_totals WHERE files > 0'),
  };
}

/**
 * The totals less the excluded files' own rows (a few files: only their entities and aliases are copied
 * and changed; `totals` is left as it is).
 */
export function storedEntities(db: CorpusDatabase, excluded: readonly string[], totals: StoredEntityTotals = storedEntityTotals(db)): StoredEntityTotals {
  if (!excluded.length) return totals;
  const files = `(SELECT id FROM files WHERE path IN (${marks(excluded)}))`;
  const less = new Map<string, { mentions: number; files: number }>();
  for (const e of db.sql.all<{ id: string; mentions: number }>(`SELECT entity_id AS id, mention_count AS mentions FROM entities WHERE file_id IN ${files}`, [...excluded])) {
    const d = less.get(e.id) ?? { mentions: 0, files: 0 };
    d.mentions += e.mentions;
    d.files += 1;
    less.set(e.id, d);
  }
  const lessAliases = new Map<string, number>();
  for (const a of db.sql.all<{ id: string; alias: string }>(`SELECT DISTINCT file_id, entity_id AS id, alias COLLATE BINARY AS alias FROM aliases WHERE file_id IN ${files}`, [...excluded])) {
    const key = `${a.id}\n${a.alias}`;
    lessAliases.set(key, (lessAliases.get(key) ?? 0) + 1);
  }
  if (!less.size && !lessAliases.size) return totals;
  const entities: StoredEntity[] = [];
  for (const e of totals.entities) {
    const d = less.get(e.id);
    if (!d) entities.push(e);
    else if (e.files - d.files > 0) entities.push({ ...e, mentions: e.mentions - d.mentions, files: e.files - d.files });
  }
  const aliases: { id: string; alias: string; files: number }[] = [];
  for (const a of totals.aliases) {
    const d = lessAliases.size ? lessAliases.get(`${a.id}\n${a.alias}`) : undefined;
    if (d === undefined) aliases.push(a);
    else if (a.files - d > 0) aliases.push({ ...a, files: a.files - d });
  }
  return { entities, aliases };
}

/** How many stored files have any of the raw ids. */
export function storedFileCount(db: CorpusDatabase, ids: readonly string[], excluded: readonly string[]): number {
  const params: SqlValue[] = [...ids];
  const sql = `SELECT count(DISTINCT file_id) AS n FROM entities WHERE entity_id IN (${marks(ids)})${notIn('file_id', excluded, params)}`;
  return db.sql.get<{ n: number }>(sql, params)?.n ?? 0;
}

/**
 * Every mention of the raw ids in the stored files, in no order (the caller sorts them with the open
 * documents' mentions). Paths come from the file ids (`CorpusDatabase.pathOf`) rather than a join, and no
 * sort runs in SQL: a frequent name has thousands of rows, and reading a path string out of the database
 * for each one was most of a references request.
 */
export function storedMentions(db: CorpusDatabase, ids: readonly string[], excluded: readonly string[], withText = true): StoredMention[] {
  if (!ids.length) return [];
  const params: SqlValue[] = [...ids];
  // Without their text the rows come from the index alone (mentions_entity_at), not one table row each.
  const rows = db.sql.all<RangeRow & { file_id: number; article: number; text?: string }>(
    `SELECT m.file_id, m.article, ${withText ? 'm.text, ' : ''}m.line, m.character, m.end_line, m.end_character FROM mentions m
     WHERE m.entity_id IN (${marks(ids)})${notIn('m.file_id', excluded, params)}`,
    params,
  );
  const found: StoredMention[] = [];
  for (const r of rows) {
    const path = db.pathOf(r.file_id);
    if (path !== undefined) found.push({ path, article: r.article, text: r.text ?? '', range: rangeOf(r) });
  }
  return found;
}

/** One mention of the raw ids (the first stored, not the first by path): where a workspace symbol points. */
export function someStoredMention(db: CorpusDatabase, ids: readonly string[], excluded: readonly string[]): StoredMention | undefined {
  if (!ids.length) return undefined;
  const params: SqlValue[] = [...ids];
  const r = db.sql.get<RangeRow & { path: string; article: number; text: string }>(
    `SELECT f.path, m.article, m.text, m.line, m.character, m.end_line, m.end_character FROM mentions m JOIN files f ON f.id = m.file_id
     WHERE m.entity_id IN (${marks(ids)})${notIn('m.file_id', excluded, params)} LIMIT 1`,
    params,
  );
  return r && { path: r.path, article: r.article, text: r.text, range: rangeOf(r) };
}

interface QuoteRow extends RangeRow {
  path: string;
  article: number;
  text: string;
  speaker_name: string | null;
  speaker_id: string | null;
  kind: QuotationKind;
  via: string | null;
}

function quoteOf(r: QuoteRow): StoredQuote {
  return { path: r.path, article: r.article, text: r.text, speaker: r.speaker_name, speakerId: r.speaker_id, kind: r.kind, via: r.via, range: rangeOf(r) };
}

const QUOTE_COLUMNS = 'f.path, q.article, q.text, q.speaker_name, q.speaker_id, q.kind, q.via, q.line, q.character, q.end_line, q.end_character';

/** The statements attributed to the raw ids in the stored files, by path then position. */
export function storedQuotesBy(db: CorpusDatabase, ids: readonly string[], excluded: readonly string[]): StoredQuote[] {
  if (!ids.length) return [];
  const params: SqlValue[] = [...ids];
  return db.sql
    .all<QuoteRow>(
      `SELECT ${QUOTE_COLUMNS} FROM quotations q JOIN files f ON f.id = q.file_id
       WHERE q.speaker_id IN (${marks(ids)})${notIn('q.file_id', excluded, params)} ORDER BY f.path, q.line, q.character`,
      params,
    )
    .map(quoteOf);
}

/** Every statement (scare quotes are not stored) of the stored files, by path then position. */
export function storedQuotes(db: CorpusDatabase, excluded: readonly string[]): StoredQuote[] {
  const params: SqlValue[] = [];
  return db.sql
    .all<QuoteRow>(`SELECT ${QUOTE_COLUMNS} FROM quotations q JOIN files f ON f.id = q.file_id WHERE 1${notIn('q.file_id', excluded, params)} ORDER BY f.path, q.line, q.character`, params)
    .map(quoteOf);
}

/** The stored articles, by path then index. */
/**
 * How many stored articles mention any of the raw ids, and the first `limit` of them by path then index: what a
 * hover shows. A frequent name is in thousands of articles: their (file, article) pairs come from the index
 * mentions_entity_at alone and are ordered here by path (`pathOf`), and only the first few articles' rows are read.
 */
export function storedArticlesPage(db: CorpusDatabase, excluded: readonly string[], ids: readonly string[], limit: number): { total: number; articles: StoredArticle[] } {
  if (!ids.length) return { total: 0, articles: [] };
  const params: SqlValue[] = [...ids];
  const pairs = db.sql.all<{ file_id: number; article: number }>(
    `SELECT DISTINCT m.file_id, m.article FROM mentions m WHERE m.entity_id IN (${marks(ids)})${notIn('m.file_id', excluded, params)}`,
    params,
  );
  const placed = pairs.flatMap((p) => {
    const path = db.pathOf(p.file_id);
    return path === undefined ? [] : [{ path, fileId: p.file_id, article: p.article }];
  });
  placed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.article - b.article));
  const articles = placed.slice(0, Math.max(0, limit)).flatMap((p) => {
    const row = db.sql.get<ArticleRow>(`SELECT ${ARTICLE_ROW} FROM articles a WHERE a.file_id = ? AND a.idx = ?`, [p.fileId, p.article]);
    return row ? [storedArticle(p.path, row)] : [];
  });
  return { total: placed.length, articles };
}

interface ArticleRow {
  idx: number;
  name: string;
  date: string | null;
  sel_line: number;
  sel_character: number;
  sel_end_line: number;
  sel_end_character: number;
}
const ARTICLE_ROW = 'a.idx, a.name, a.date, a.sel_line, a.sel_character, a.sel_end_line, a.sel_end_character';

function storedArticle(path: string, r: ArticleRow): StoredArticle {
  return {
    path,
    article: r.idx,
    name: r.name,
    date: r.date,
    selection: { start: { line: r.sel_line, character: r.sel_character }, end: { line: r.sel_end_line, character: r.sel_end_character } },
  };
}

export function storedArticles(db: CorpusDatabase, excluded: readonly string[]): StoredArticle[] {
  const params: SqlValue[] = [];
  const rows = db.sql.all<ArticleRow & { path: string }>(
    `SELECT f.path, ${ARTICLE_ROW} FROM articles a JOIN files f ON f.id = a.file_id WHERE 1${notIn('a.file_id', excluded, params)} ORDER BY f.path, a.idx`,
    params,
  );
  return rows.map((r) => storedArticle(r.path, r));
}
