import { pathToFileURL } from 'node:url';
import type { SearchHit, SearchParams, SearchResult } from '../protocol';
import type { CorpusDatabase } from './database';
import type { SqlValue } from './sql';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 5_000;
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The ids of the entities a name stands for: by id, canonical name or any alias (case-insensitive). */
export function entityIdsNamed(db: CorpusDatabase, name: string): string[] {
  // The kept totals (a row per entity and alias, `files` > 0 while some file has it), not the per-file rows;
  // remembered until the content changes (a copy each time: callers may change their list).
  const ids = db.remembered(`entityIdsNamed ${name.trim()}`, () =>
    db.sql
      .all<{ entity_id: string }>('SELECT entity_id FROM alias_totals WHERE alias = ? COLLATE NOCASE AND files > 0 UNION SELECT entity_id FROM entity_totals WHERE entity_id = ? AND files > 0', [
        name.trim(),
        name.trim(),
      ])
      .map((r) => r.entity_id),
  );
  return [...ids];
}

/** Words of a full-text query as FTS5 phrases, so quotes, dashes and operators in user input are plain words. */
function ftsQuery(text: string): string {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `"${w}"`).join(' ');
}

/**
 * Whether a (partial) ISO date `column` overlaps the range: a month or year counts when any of its days does.
 * The plain bounds first (the year of `from`, `to` itself) are implied by the exact test and let an index
 * on the column narrow the rows before it: the exact test alone compares with an expression of the column.
 */
function dateInRange(column: string, from: string | undefined, to: string | undefined, params: SqlValue[]): string {
  const parts: string[] = [`${column} IS NOT NULL`];
  if (from) {
    parts.push(`${column} >= ?`, `${column} >= substr(?, 1, length(${column}))`);
    params.push(from.slice(0, 4), from);
  }
  if (to) {
    parts.push(`${column} <= ?`, `${column} <= substr(?, 1, length(${column}))`);
    params.push(to, to);
  }
  return parts.join(' AND ');
}

/**
 * How many quotations are attributed to `speaker` by name or to one of its entities, counted from their indexes
 * up to `cap` on each side (a quotation with both counts twice: this only chooses the plan).
 */
function quotationsOf(db: CorpusDatabase, speaker: string, speakerIds: readonly string[], cap: number): number {
  const byName = 'SELECT count(*) FROM (SELECT 1 FROM quotations WHERE speaker = ? LIMIT ?)';
  const byId = speakerIds.length ? ` + (SELECT count(*) FROM (SELECT 1 FROM quotations WHERE speaker_id IN (${placeholders(speakerIds)}) LIMIT ?))` : '';
  return db.sql.get<{ n: number }>(`SELECT (${byName})${byId} AS n`, [speaker, cap, ...(speakerIds.length ? [...speakerIds, cap] : [])])?.n ?? 0;
}

/** How many articles are published in the range, and dates mentioned in it, counted from their indexes up to `cap` each. */
function datedOf(db: CorpusDatabase, from: string | undefined, to: string | undefined, cap: number): number {
  const params: SqlValue[] = [];
  const published = dateInRange('date', from, to, params);
  params.push(cap);
  const mentioned = dateInRange('iso', from, to, params);
  params.push(cap);
  return (
    db.sql.get<{ n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM articles WHERE ${published} LIMIT ?)) + (SELECT count(*) FROM (SELECT 1 FROM dates WHERE ${mentioned} LIMIT ?)) AS n`,
      params,
    )?.n ?? 0
  );
}

/** How many stored mentions the entities have (their kept totals). */
function mentionsOf(db: CorpusDatabase, entityIds: readonly string[]): number {
  return db.remembered(
    `mentionsOf ${entityIds.join('\n')}`,
    () => db.sql.get<{ n: number | null }>(`SELECT sum(mentions) AS n FROM entity_totals WHERE entity_id IN (${placeholders(entityIds)})`, entityIds)?.n ?? 0,
  );
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/**
 * From this many rows of the driving index (an entity's stored mentions with a text filter, a speaker's
 * quotations, a date range's articles and dates), a search walks the articles in path order and tests each one,
 * instead of reading every row and sorting: the files' path index gives the order, so the page ends the walk. On
 * the 10,000-file bench database (issue 13): "Assad" (1,669 entity ids, 47,646 mentions) with a text 138 -> 47 ms,
 * the speaker "Trump" (12,914 quotations) 61-78 -> 20 ms, a quarter's dates 46 -> 17 ms. Below it, the index's
 * rows are the smaller side.
 */
const WALK_FROM_ROWS = 2_000;

/** The columns of a hit's article, and of what it points at (`t`: the mention or quotation, when there is one). */
interface HitRow {
  path: string;
  file_id: number;
  idx: number;
  title: string | null;
  date: string | null;
  source: string | null;
  line: number;
  character: number;
  end_line: number;
  end_character: number;
  t_text?: string;
  t_speaker?: string | null;
  t_line?: number;
  t_character?: number;
  t_end_line?: number;
  t_end_character?: number;
}

const ARTICLE_COLUMNS = 'f.path, a.file_id, a.idx, a.title, a.date, a.source, a.line, a.character, a.end_line, a.end_character';
const TARGET_COLUMNS = 't.text AS t_text, t.line AS t_line, t.character AS t_character, t.end_line AS t_end_line, t.end_character AS t_end_character';

/**
 * Answers `newsLens/search` and `news-lens query`: the articles meeting every filter given, each hit
 * placed where the editor should open it (the entity's first mention, the quotation, the date).
 *
 * One query per search: the most selective filter given drives it from its own index (a speaker's
 * quotations, an entity's mentions, the full-text index, the date indexes, else the articles), the others
 * are tests of each candidate article, and the hits come sorted and cut to the page in SQL, so no
 * row beyond the page is turned into an object; when that index is large (`WALK_FROM_ROWS`), the articles are
 * walked in path order instead, every filter a test. Only date hits look up their date, one per hit.
 * `options.walkFromRows` changes the threshold (tests hold both plans equal).
 */
export function search(db: CorpusDatabase, params: SearchParams, options: { walkFromRows?: number } = {}): SearchResult {
  const walkFrom = options.walkFromRows ?? WALK_FROM_ROWS;
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(params.limit ?? DEFAULT_LIMIT)));
  const offset = Math.max(0, Math.floor(Number.isFinite(params.offset) ? (params.offset as number) : 0));
  const given = (s: string | undefined): string | undefined => (s && s.trim() ? s.trim() : undefined);
  const entity = given(params.entity);
  const speaker = given(params.speaker);
  const outlet = given(params.outlet);
  const text = given(params.text);
  const from = given(params.from);
  const to = given(params.to);
  if (!entity && !speaker && !outlet && !text && !from && !to) return { hits: [], truncated: false, message: 'Give at least one filter.' };
  for (const d of [from, to]) if (d && !DATE.test(d)) return { hits: [], truncated: false, message: `"${d}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD).` };
  const fts = text ? ftsQuery(text) : undefined;
  if (text && !fts) return { hits: [], truncated: false, message: 'The text has no words to search for.' };
  const entityIds = entity ? entityIdsNamed(db, entity) : [];
  if (entity && !entityIds.length) return { hits: [], truncated: false };

  // Tests of a candidate article `a` (each filter that does not drive the query).
  const where: string[] = [];
  const whereParams: SqlValue[] = [];
  if (entity && speaker) {
    where.push(`EXISTS (SELECT 1 FROM mentions m WHERE m.file_id = a.file_id AND m.article = a.idx AND m.entity_id IN (${placeholders(entityIds)}))`);
    whereParams.push(...entityIds);
  }
  if (outlet) {
    where.push("a.source LIKE '%' || ? || '%'");
    whereParams.push(outlet);
  }
  if (fts && (entity || speaker)) {
    // `+`: a test of each candidate, never a list of rowids to seek for each row (seconds on a common word).
    where.push('+a.id IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)');
    whereParams.push(fts);
  }
  if ((from || to) && (entity || speaker || fts)) {
    const published = dateInRange('a.date', from, to, whereParams);
    const mentioned = dateInRange('d.iso', from, to, whereParams);
    where.push(`((${published}) OR EXISTS (SELECT 1 FROM dates d WHERE d.file_id = a.file_id AND d.article = a.idx AND ${mentioned}))`);
  }
  const tests = where.map((w) => ` AND ${w}`).join('');
  const page: SqlValue[] = [limit + 1, offset];

  let rows: HitRow[];
  const speakerIds = speaker ? entityIdsNamed(db, speaker) : [];
  if (speaker && quotationsOf(db, speaker, speakerIds, walkFrom) >= walkFrom) {
    // Articles in path order (as below for an entity with a text), each one's quotations tested for the speaker.
    rows = db.sql.all<HitRow>(
      `SELECT ${ARTICLE_COLUMNS}, ${TARGET_COLUMNS}, t.speaker AS t_speaker FROM files f CROSS JOIN articles a CROSS JOIN quotations t
       WHERE a.file_id = f.id AND t.file_id = a.file_id AND t.article = a.idx${tests}
       AND (t.speaker = ?${speakerIds.length ? ` OR +t.speaker_id IN (${placeholders(speakerIds)})` : ''})
       ORDER BY f.path, a.idx, t.line, t.character LIMIT ? OFFSET ?`,
      [...whereParams, speaker, ...speakerIds, ...page],
    );
  } else if (speaker) {
    // The quotations from each speaker index, as a row-id list: with an OR of the two tests SQLite read every quotation.
    rows = db.sql.all<HitRow>(
      `SELECT ${ARTICLE_COLUMNS}, ${TARGET_COLUMNS}, t.speaker AS t_speaker FROM quotations t
       JOIN articles a ON a.file_id = t.file_id AND a.idx = t.article JOIN files f ON f.id = t.file_id
       WHERE t.rowid IN (SELECT rowid FROM quotations WHERE speaker = ?${speakerIds.length ? ` UNION SELECT rowid FROM quotations WHERE speaker_id IN (${placeholders(speakerIds)})` : ''})${tests}
       ORDER BY f.path, a.idx, t.line, t.character LIMIT ? OFFSET ?`,
      [speaker, ...speakerIds, ...whereParams, ...page],
    );
  } else if (entity && fts && mentionsOf(db, entityIds) >= walkFrom) {
    // Articles in path order, each with its first mention of the entity as a joined row (none: no hit). CROSS
    // JOIN fixes the order files (their path index: no sort, so the page ends the walk) → articles → mention;
    // left to choose, SQLite sorted every article the text matched. `+`: no seek of the mentions index per id.
    rows = db.sql.all<HitRow>(
      `SELECT ${ARTICLE_COLUMNS}, ${TARGET_COLUMNS} FROM files f CROSS JOIN articles a CROSS JOIN mentions t
       WHERE a.file_id = f.id${tests}
       AND t.rowid = (SELECT m.rowid FROM mentions m WHERE m.file_id = a.file_id AND m.article = a.idx AND +m.entity_id IN (${placeholders(entityIds)}) ORDER BY m.line, m.character LIMIT 1)
       ORDER BY f.path, a.idx LIMIT ? OFFSET ?`,
      [...whereParams, ...entityIds, ...page],
    );
  } else if (entity) {
    // The first mention of each article, from the index alone (mentions_entity_at): with one min() aggregate,
    // SQLite takes the bare columns (the row id) from its row. Only the page's mentions and articles are read.
    const firsts = db.sql.all<{ id: number }>(
      `SELECT t.rowid AS id, min(t.line * 4294967296 + t.character) AS first FROM mentions t JOIN files f ON f.id = t.file_id
       ${tests ? 'JOIN articles a ON a.file_id = t.file_id AND a.idx = t.article' : ''}
       WHERE t.entity_id IN (${placeholders(entityIds)})${tests}
       GROUP BY t.file_id, t.article ORDER BY f.path, t.article LIMIT ? OFFSET ?`,
      [...entityIds, ...whereParams, ...page],
    );
    const byId = new Map(
      db.sql
        .all<HitRow & { t_id: number }>(
          `SELECT ${ARTICLE_COLUMNS}, ${TARGET_COLUMNS}, t.rowid AS t_id FROM mentions t
           JOIN articles a ON a.file_id = t.file_id AND a.idx = t.article JOIN files f ON f.id = t.file_id WHERE t.rowid IN (${placeholders(firsts)})`,
          firsts.map((r) => r.id),
        )
        .map((r) => [r.t_id, r]),
    );
    rows = firsts.flatMap((r) => byId.get(r.id) ?? []);
  } else {
    const driverParams: SqlValue[] = [];
    let driver: string;
    let walk = false;
    if (fts) {
      driver = 'a.id IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)';
      driverParams.push(fts);
      if (from || to) {
        const published = dateInRange('a.date', from, to, driverParams);
        const mentioned = dateInRange('d.iso', from, to, driverParams);
        driver += ` AND ((${published}) OR EXISTS (SELECT 1 FROM dates d WHERE d.file_id = a.file_id AND d.article = a.idx AND ${mentioned}))`;
      }
    } else if ((from || to) && datedOf(db, from, to, walkFrom) >= walkFrom) {
      // Many articles in the range: walked in path order, each tested (as for a speaker's quotations above).
      walk = true;
      const published = dateInRange('a.date', from, to, driverParams);
      const mentioned = dateInRange('d.iso', from, to, driverParams);
      driver = `((${published}) OR EXISTS (SELECT 1 FROM dates d WHERE d.file_id = a.file_id AND d.article = a.idx AND ${mentioned}))`;
    } else if (from || to) {
      // Published in the range, or mentioning a date in it: each side read from its own date index.
      const published = dateInRange('x.date', from, to, driverParams);
      const mentioned = dateInRange('d.iso', from, to, driverParams);
      driver = `a.id IN (SELECT x.id FROM articles x WHERE ${published} UNION SELECT x.id FROM dates d JOIN articles x ON x.file_id = d.file_id AND x.idx = d.article WHERE ${mentioned})`;
    } else driver = '1';
    const source = walk ? 'files f CROSS JOIN articles a WHERE a.file_id = f.id AND' : 'articles a JOIN files f ON f.id = a.file_id WHERE';
    rows = db.sql.all<HitRow>(`SELECT ${ARTICLE_COLUMNS} FROM ${source} ${driver}${tests} ORDER BY f.path, a.idx LIMIT ? OFFSET ?`, [...driverParams, ...whereParams, ...page]);
  }

  const uris = new Map<string, string>();
  const hits: SearchHit[] = [];
  for (const r of rows.slice(0, limit)) {
    let uri = uris.get(r.path);
    if (uri === undefined) uris.set(r.path, (uri = pathToFileURL(r.path).href));
    const base = { uri, article: r.idx, title: r.title, date: r.date, source: r.source };
    if (r.t_text !== undefined) {
      const at = range({ line: r.t_line!, character: r.t_character!, end_line: r.t_end_line!, end_character: r.t_end_character! });
      hits.push(speaker ? { ...base, kind: 'quotation', text: r.t_text, speaker: r.t_speaker ?? null, range: at } : { ...base, kind: 'mention', text: r.t_text, range: at });
    } else if ((from || to) && !(r.date && inRange(r.date, from, to))) {
      const dateParams: SqlValue[] = [r.file_id, r.idx];
      const cond = dateInRange('iso', from, to, dateParams);
      const d = db.sql.get<{ text: string; line: number; character: number }>(
        `SELECT text, line, character FROM dates WHERE file_id = ? AND article = ? AND ${cond} ORDER BY line, character LIMIT 1`,
        dateParams,
      );
      hits.push(d ? { ...base, kind: 'date', text: d.text, range: range({ ...d, end_line: d.line, end_character: d.character + d.text.length }) } : { ...base, kind: 'article', range: range(r) });
    } else {
      hits.push({ ...base, kind: 'article', range: { start: { line: r.line, character: r.character }, end: { line: r.line, character: r.character } } });
    }
  }
  return { hits, truncated: rows.length > limit };
}

function inRange(iso: string, from: string | undefined, to: string | undefined): boolean {
  return (!from || iso >= from.slice(0, iso.length)) && (!to || iso <= to.slice(0, iso.length));
}

function range(r: { line: number; character: number; end_line: number; end_character: number }): SearchHit['range'] {
  return { start: { line: r.line, character: r.character }, end: { line: r.end_line, character: r.end_character } };
}
