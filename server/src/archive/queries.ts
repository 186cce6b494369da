import { pathToFileURL } from 'node:url';
import type { SearchHit, SearchParams, SearchResult } from '../protocol';
import type { CorpusDatabase } from './database';
import type { SqlValue } from './sql';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 5_000;
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The ids of the entities a name stands for: by id, canonical name or any alias (case-insensitive). */
export function entityIdsNamed(db: CorpusDatabase, name: string): string[] {
  const rows = db.sql.all<{ entity_id: string }>('SELECT DISTINCT entity_id FROM aliases WHERE alias = ? UNION SELECT DISTINCT entity_id FROM entities WHERE entity_id = ?', [
    name.trim(),
    name.trim(),
  ]);
  return rows.map((r) => r.entity_id);
}

/** Words of a full-text query as FTS5 phrases, so quotes, dashes and operators in user input are plain words. */
function ftsQuery(text: string): string {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `"${w}"`).join(' ');
}

/** Whether a (partial) ISO date `column` overlaps the range: a month or year counts when any of its days does. */
function dateInRange(column: string, from: string | undefined, to: string | undefined, params: SqlValue[]): string {
  const parts: string[] = [`${column} IS NOT NULL`];
  if (from) {
    parts.push(`${column} >= substr(?, 1, length(${column}))`);
    params.push(from);
  }
  if (to) {
    parts.push(`${column} <= substr(?, 1, length(${column}))`);
    params.push(to);
  }
  return parts.join(' AND ');
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

interface ArticleRow {
  id: number;
  file_id: number;
  idx: number;
  path: string;
  title: string | null;
  date: string | null;
  source: string | null;
  line: number;
  character: number;
  end_line: number;
  end_character: number;
}

/**
 * Answers `newsLens/search` and `news-lens query`: the articles meeting every filter given, each hit
 * placed where the editor should open it (the entity's first mention, the quotation, the date).
 */
export function search(db: CorpusDatabase, params: SearchParams): SearchResult {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(params.limit ?? DEFAULT_LIMIT)));
  const given = (s: string | undefined): string | undefined => (s && s.trim() ? s.trim() : undefined);
  const entity = given(params.entity);
  const speaker = given(params.speaker);
  const outlet = given(params.outlet);
  const text = given(params.text);
  const from = given(params.from);
  const to = given(params.to);
  if (!entity && !speaker && !outlet && !text && !from && !to) return { hits: [], truncated: false, message: 'Give at least one filter.' };
  for (const d of [from, to]) if (d && !DATE.test(d)) return { hits: [], truncated: false, message: `"${d}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD).` };

  const where: string[] = [];
  const params_: SqlValue[] = [];
  const entityIds = entity ? entityIdsNamed(db, entity) : [];
  if (entity) {
    if (!entityIds.length) return { hits: [], truncated: false };
    // Driven by the index on the filter's own table, then the article looked up: never a scan per article.
    where.push(`a.id IN (SELECT x.id FROM mentions m JOIN articles x ON x.file_id = m.file_id AND x.idx = m.article WHERE m.entity_id IN (${placeholders(entityIds)}))`);
    params_.push(...entityIds);
  }
  const speakerIds = speaker ? entityIdsNamed(db, speaker) : [];
  const speakerMatch = `(q.speaker = ?${speakerIds.length ? ` OR q.speaker_id IN (${placeholders(speakerIds)})` : ''})`;
  const speakerParams: SqlValue[] = speaker ? [speaker, ...speakerIds] : [];
  if (speaker) {
    where.push(`a.id IN (SELECT x.id FROM quotations q JOIN articles x ON x.file_id = q.file_id AND x.idx = q.article WHERE ${speakerMatch})`);
    params_.push(...speakerParams);
  }
  if (outlet) {
    where.push("a.source LIKE '%' || ? || '%'");
    params_.push(outlet);
  }
  if (text) {
    const q = ftsQuery(text);
    if (!q) return { hits: [], truncated: false, message: 'The text has no words to search for.' };
    where.push('a.id IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)');
    params_.push(q);
  }
  if (from || to) {
    const published = dateInRange('a.date', from, to, params_);
    const mentioned = dateInRange('d.iso', from, to, params_);
    where.push(`((${published}) OR a.id IN (SELECT x.id FROM dates d JOIN articles x ON x.file_id = d.file_id AND x.idx = d.article WHERE ${mentioned}))`);
  }
  const articles = db.sql.all<ArticleRow>(
    `SELECT a.id, a.file_id, a.idx, f.path, a.title, a.date, a.source, a.line, a.character, a.end_line, a.end_character
     FROM articles a JOIN files f ON f.id = a.file_id WHERE ${where.join(' AND ')} ORDER BY f.path, a.idx LIMIT ?`,
    [...params_, limit + 1],
  );
  const hits: SearchHit[] = [];
  for (const a of articles) {
    const base = { uri: pathToFileURL(a.path).href, article: a.idx, title: a.title, date: a.date, source: a.source };
    if (speaker) {
      const quotes = db.sql.all<{ text: string; speaker: string | null; line: number; character: number; end_line: number; end_character: number }>(
        `SELECT q.text, q.speaker, q.line, q.character, q.end_line, q.end_character FROM quotations q
         WHERE q.file_id = ? AND q.article = ? AND ${speakerMatch} ORDER BY q.line, q.character`,
        [a.file_id, a.idx, ...speakerParams],
      );
      for (const q of quotes) hits.push({ ...base, kind: 'quotation', text: q.text, speaker: q.speaker, range: range(q) });
    } else if (entity) {
      const m = db.sql.get<{ text: string; line: number; character: number; end_line: number; end_character: number }>(
        `SELECT text, line, character, end_line, end_character FROM mentions WHERE file_id = ? AND article = ? AND entity_id IN (${placeholders(entityIds)})
         ORDER BY line, character LIMIT 1`,
        [a.file_id, a.idx, ...entityIds],
      );
      hits.push(m ? { ...base, kind: 'mention', text: m.text, range: range(m) } : { ...base, kind: 'article', range: range(a) });
    } else if ((from || to) && !(a.date && inRange(a.date, from, to))) {
      const dateParams: SqlValue[] = [a.file_id, a.idx];
      const cond = dateInRange('iso', from, to, dateParams);
      const d = db.sql.get<{ text: string; line: number; character: number }>(
        `SELECT text, line, character FROM dates WHERE file_id = ? AND article = ? AND ${cond} ORDER BY line, character LIMIT 1`,
        dateParams,
      );
      hits.push(d ? { ...base, kind: 'date', text: d.text, range: range({ ...d, end_line: d.line, end_character: d.character + d.text.length }) } : { ...base, kind: 'article', range: range(a) });
    } else {
      hits.push({ ...base, kind: 'article', range: { start: { line: a.line, character: a.character }, end: { line: a.line, character: a.character } } });
    }
    if (hits.length > limit) break;
  }
  return { hits: hits.slice(0, limit), truncated: hits.length > limit || articles.length > limit };
}

function inRange(iso: string, from: string | undefined, to: string | undefined): boolean {
  return (!from || iso >= from.slice(0, iso.length)) && (!to || iso <= to.slice(0, iso.length));
}

function range(r: { line: number; character: number; end_line: number; end_character: number }): SearchHit['range'] {
  return { start: { line: r.line, character: r.character }, end: { line: r.end_line, character: r.end_character } };
}
