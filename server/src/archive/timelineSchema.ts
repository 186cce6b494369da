/**
 * The timeline in the corpus database (issue 15): each stored article's dated points, as
 * `timelineArticles` makes them for a file in memory, written with the file's other rows. The workspace's
 * timeline is then a count and one index range (the points of lowest sample rank), not a read of every
 * file's model: 10,000 files took a minute that way.
 */
import type { SqlDatabase } from './sql';
import { sampleRank, timelineArticles } from '../workspace/timelinePoints';
import type { FileView } from '../workspace/fileView';

export const TIMELINE_SCHEMA = `
CREATE TABLE IF NOT EXISTS timeline_points (
  file_id INTEGER NOT NULL,
  article INTEGER NOT NULL,
  -- 0: published, 1: mentioned.
  kind INTEGER NOT NULL,
  date TEXT NOT NULL,
  rank INTEGER NOT NULL,
  line INTEGER NOT NULL,
  character INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  end_character INTEGER NOT NULL,
  text TEXT NOT NULL,
  -- The file's entity ids, tab-separated with a tab at each end (a paragraph's are found with instr).
  ids TEXT NOT NULL,
  -- Published points: the mentions of each id, comma-separated.
  counts TEXT
);
CREATE INDEX IF NOT EXISTS timeline_points_rank ON timeline_points(rank);
CREATE INDEX IF NOT EXISTS timeline_points_article ON timeline_points(file_id, article);
`;

export const TIMELINE_TABLES = ['timeline_points'] as const;

/** Stores the timeline points of a file's articles (`view`: the model the user sees, with corrections). */
export function insertTimelineRows(sql: SqlDatabase, fileId: number, path: string, view: FileView): void {
  if (view.model.layoutOnly) return;
  for (const article of timelineArticles(view)) {
    for (const p of article.points) {
      sql.run('INSERT INTO timeline_points VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        fileId,
        article.index,
        p.kind === 'published' ? 0 : 1,
        p.date,
        sampleRank(path, article.index, p),
        p.range.start.line,
        p.range.start.character,
        p.range.end.line,
        p.range.end.character,
        p.text,
        `\t${p.ids.join('\t')}\t`,
        p.counts ? p.counts.join(',') : null,
      ]);
    }
  }
}

export function deleteTimelineRows(sql: SqlDatabase, fileId: number): void {
  sql.run('DELETE FROM timeline_points WHERE file_id = ?', [fileId]);
}

export interface StoredTimelinePoint {
  readonly path: string;
  readonly article: number;
  readonly kind: 'published' | 'mentioned';
  readonly date: string;
  readonly rank: number;
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  readonly text: string;
  readonly ids: readonly string[];
  readonly counts: readonly number[] | null;
  /** The article's display name and source. */
  readonly title: string;
  readonly source: string | null;
}

export interface TimelineQuestion {
  /** The raw ids of one entity: only points naming it (its articles' publications, the dates in its paragraphs). */
  readonly members?: readonly string[];
  /** Only articles of this outlet: their source, else (no source) their file's name. */
  readonly outlet?: string;
  /** Files whose stored rows do not answer (open documents). */
  readonly excluded: ReadonlySet<number>;
  /** At most this many points, those of lowest rank. */
  readonly limit: number;
}

/** How many stored points match, and the `limit` of lowest rank among them. */
export function storedTimeline(sql: SqlDatabase, q: TimelineQuestion): { total: number; points: StoredTimelinePoint[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.excluded.size) where.push(`t.file_id NOT IN (${[...q.excluded].join(',')})`);
  if (q.members) {
    if (!q.members.length) return { total: 0, points: [] };
    const marks = q.members.map(() => '?').join(',');
    where.push(`(t.file_id, t.article) IN (SELECT file_id, article FROM network_units WHERE entity_id IN (${marks}))`);
    params.push(...q.members);
    where.push(`(t.kind = 0 OR ${q.members.map(() => `instr(t.ids, ?) > 0`).join(' OR ')})`);
    params.push(...q.members.map((m) => `\t${m}\t`));
  }
  let join = '';
  if (q.outlet !== undefined) {
    // The outlet as `outletOf` gives it: the trimmed source, else the file's name.
    join = ' JOIN articles a ON a.file_id = t.file_id AND a.idx = t.article JOIN files f ON f.id = t.file_id';
    where.push(`(trim(a.source) = ? OR (trim(coalesce(a.source, '')) = '' AND (f.path = ? OR substr(f.path, -?) = ? OR substr(f.path, -?) = ?)))`);
    const name = q.outlet;
    params.push(name, name, name.length + 1, `/${name}`, name.length + 1, `\\${name}`);
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const total = sql.get<{ n: number }>(`SELECT count(*) AS n FROM timeline_points t${join}${filter}`, params)?.n ?? 0;
  if (!total) return { total, points: [] };
  const rows = sql.all<{
    path: string;
    article: number;
    kind: number;
    date: string;
    rank: number;
    line: number;
    character: number;
    end_line: number;
    end_character: number;
    text: string;
    ids: string;
    counts: string | null;
    title: string;
    source: string | null;
  }>(
    `SELECT f.path AS path, t.article AS article, t.kind AS kind, t.date AS date, t.rank AS rank, t.line AS line, t.character AS character,
       t.end_line AS end_line, t.end_character AS end_character, t.text AS text, t.ids AS ids, t.counts AS counts, a.name AS title, a.source AS source
     FROM (SELECT t.* FROM timeline_points t${join}${filter} ORDER BY t.rank LIMIT ?) t
     JOIN files f ON f.id = t.file_id JOIN articles a ON a.file_id = t.file_id AND a.idx = t.article
     ORDER BY t.rank, f.path, t.article, t.kind, t.line, t.character`,
    [...params, q.limit],
  );
  return {
    total,
    points: rows.map((r) => ({
      path: r.path,
      article: r.article,
      kind: r.kind === 0 ? 'published' : 'mentioned',
      date: r.date,
      rank: r.rank,
      range: { start: { line: r.line, character: r.character }, end: { line: r.end_line, character: r.end_character } },
      text: r.text,
      ids: r.ids.split('\t').filter(Boolean),
      counts: r.counts === null ? null : r.counts ? r.counts.split(',').map(Number) : [],
      title: r.title,
      source: r.source,
    })),
  };
}
