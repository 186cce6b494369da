import { existsSync, mkdirSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { quotationKind, type DocumentModel } from '../core/model';
import { sha1Of, type ArchiveRecord } from './record';
import { ANALYZER_KEY, APPLICATION_ID, BUILD_KEY, META, SCHEMA, SCHEMA_VERSION, TABLES } from './schema';
import { FileView } from '../workspace/fileView';
import { jsonBytes } from '../util/jsonPieces';
import { openSql, type SqlDatabase, type SqlValue } from './sql';
import { deleteStoryRows, insertStoryRows, STORY_SCHEMA, STORY_TABLES } from './storiesSchema';
import { deleteTimelineRows, insertTimelineRows, TIMELINE_SCHEMA, TIMELINE_TABLES } from './timelineSchema';

/** What the database knows of a file without loading its model. */
export interface StoredFile {
  readonly id: number;
  readonly path: string;
  readonly size: number;
  readonly mtime: number;
  readonly hash: string;
  readonly maxSizeMB: number;
  /** Whether its query rows were made from a corrected model. */
  readonly corrected: number;
}

/**
 * An entity's name is taken from a file with more mentions (or as many, and a longer name, or as long and first in
 * binary order, as in mergeEntityParts: never the order files came in), or when it had no file left.
 */
const BETTER = 'excluded.top > top OR (excluded.top = top AND (length(excluded.name) > length(name) OR (length(excluded.name) = length(name) AND (excluded.name COLLATE BINARY) < name))) OR files = 0';

/**
 * Answers to workspace-wide questions (the network), kept with the content version they were made at:
 * a reopen asks again and gets them without reading the units again, while nothing changed.
 */
const ANSWERS = 'CREATE TABLE IF NOT EXISTS answers (question TEXT PRIMARY KEY, version INTEGER NOT NULL, answer TEXT NOT NULL);';
/** The key suffix of the row beside each kept answer, holding the SHA-1 of its UTF-8 bytes (`keptAnswerBytes`). */
const DIGEST_SUFFIX = '\tsha1';

/**
 * The corpus database (SQLite, WAL): a cache of the analysis of every article file, so a workspace
 * reopens without NLP and workspace-wide questions are queries. The user's corrections stay in
 * `.newslens/annotations.json`; the rows here follow them (see `put`) but are never their only copy.
 */
export class CorpusDatabase {
  private depth = 0;
  private constructor(
    readonly file: string,
    readonly sql: SqlDatabase,
  ) {}

  /**
   * Opens the database at `file` (created when absent). A file that is not a News Lens database, or a
   * corrupt one, is moved aside (`<file>.broken-<time>`) and a new one made: `log` says so once. A
   * database of another analyzer build or schema is emptied (its models are not this build's).
   */
  static open(file: string, log: (message: string) => void = () => {}): CorpusDatabase {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      return CorpusDatabase.tryOpen(file, log);
    } catch (e) {
      // In use by another process (another window on the same folder): not broken, so not moved.
      if (e instanceof Error && /database is locked|SQLITE_BUSY/i.test(e.message)) throw new Error(`${file} is in use by another process`);
      const aside = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm', '-journal']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
      }
      log(`News Lens: the corpus database ${file} could not be used (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); moved it to ${aside} and rebuilding.`);
      return CorpusDatabase.tryOpen(file, log);
    }
  }

  private static tryOpen(file: string, log: (message: string) => void): CorpusDatabase {
    const sql = openSql(file);
    try {
      const appId = sql.get<{ application_id: number }>('PRAGMA application_id')?.application_id ?? 0;
      const tables = sql.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")?.n ?? 0;
      if (appId !== APPLICATION_ID && tables > 0) throw new Error('not a News Lens database');
      // No quick_check here: it reads every page (17 s for 1,900 files), which a start cannot afford. A file
      // that is not a database fails on the first read above; a damaged page fails the operation that
      // reads it, which is logged and never thrown to the editor.
      sql.exec('PRAGMA journal_mode = WAL');
      // WAL with NORMAL sync: a killed process loses at most the transaction it was in, never the file.
      sql.exec('PRAGMA synchronous = NORMAL');
      // 16 MB of page cache (2 MB by default): the pages a search or references walk (indexes, a frequent
      // entity's rows) stay cached between questions instead of being read again each time.
      sql.exec('PRAGMA cache_size = -16384');
      sql.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
      sql.exec(META);
      const meta = new Map(sql.all<{ key: string; value: string }>('SELECT key, value FROM meta').map((r) => [r.key, r.value]));
      const key = `${SCHEMA_VERSION}:${ANALYZER_KEY}`;
      if (meta.get('key') !== key) {
        if (meta.has('key')) log(`News Lens: the analysis changed since ${file} was built; re-indexing every file.`);
        sql.exec('BEGIN');
        // Tables of another schema version may lack columns: made anew, not just emptied.
        for (const table of [...TABLES, ...STORY_TABLES, ...TIMELINE_TABLES]) sql.exec(`DROP TABLE IF EXISTS ${table}`);
        sql.exec(SCHEMA + STORY_SCHEMA + TIMELINE_SCHEMA);
        sql.run('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)', ['key', key]);
        sql.exec('COMMIT');
      } else sql.exec(SCHEMA + STORY_SCHEMA + TIMELINE_SCHEMA);
      sql.exec(ANSWERS);
      return new CorpusDatabase(file, sql);
    } catch (e) {
      try {
        sql.close();
      } catch {
        // already unusable
      }
      throw e;
    }
  }

  close(): void {
    this.sql.close();
  }

  /** Increases with every file stored, re-flattened or removed, across restarts: what kept answers are checked against. */
  get contentVersion(): number {
    this.version ??= Number(this.sql.get<{ value: string }>("SELECT value FROM meta WHERE key = 'version'")?.value ?? 0);
    return this.version;
  }
  private version: number | undefined;

  /**
   * The path of a stored file by its row id, from one read of the files table per content version (every
   * change of the files table bumps it): queries over thousands of rows name their files by id.
   */
  pathOf(fileId: number): string | undefined {
    const version = this.contentVersion;
    if (this.pathsById?.version !== version) {
      this.pathsById = { version, byId: new Map(this.sql.all<{ id: number; path: string }>('SELECT id, path FROM files').map((r) => [r.id, r.path])) };
    }
    return this.pathsById.byId.get(fileId);
  }
  private pathsById: { version: number; byId: Map<number, string> } | undefined;

  /**
   * `make()`, remembered under `key` until the content changes (the next version bump) or 256 other keys are asked:
   * what a query derives from the kept totals alone, such as the entity ids of a name ("Assad": 1,669 on the
   * 10,000-file bench database, read again by every search for it).
   */
  remembered<T>(key: string, make: () => T): T {
    const version = this.contentVersion;
    if (this.memo?.version !== version) this.memo = { version, values: new Map() };
    if (this.memo.values.has(key)) return this.memo.values.get(key) as T;
    const value = make();
    if (this.memo.values.size >= 256) this.memo.values.clear();
    this.memo.values.set(key, value);
    return value;
  }
  private memo: { version: number; values: Map<string, unknown> } | undefined;

  private bumpVersion(): void {
    this.sql.run("INSERT INTO meta(key, value) VALUES ('version', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
    this.version = undefined;
    this.pathsById = undefined;
  }

  /** The answer kept for `question` when it was made at this content version, by this build; else undefined (throws for a damaged row). */
  keptAnswer(question: string): string | undefined {
    const bytes = this.keptAnswerBytes(question);
    return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }

  /**
   * `keptAnswer` as its UTF-8 bytes, not decoded (a request can send them as they are: util/rawJson.ts). Throws
   * when they do not hash to the digest kept beside them: a row damaged inside would otherwise reach a client as
   * a malformed message, since bytes sent as kept are never parsed on the way.
   */
  keptAnswerBytes(question: string): Uint8Array | undefined {
    const key = `${BUILD_KEY} ${question}`;
    const rows = this.sql.all<{ question: string; answer: Uint8Array | null }>('SELECT question, CAST(answer AS BLOB) AS answer FROM answers WHERE question IN (?, ?) AND version = ?', [
      key,
      key + DIGEST_SUFFIX,
      this.contentVersion,
    ]);
    const answer = rows.find((r) => r.question === key)?.answer;
    const digest = rows.find((r) => r.question === key + DIGEST_SUFFIX)?.answer;
    if (!(answer instanceof Uint8Array) || !(digest instanceof Uint8Array)) return undefined;
    if (sha1Of(answer) !== Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength).toString('latin1')) {
      throw new Error('the kept answer does not match its digest (a damaged row): it is made again');
    }
    return answer;
  }

  /** Keeps `answer` for `question` with the digest of its UTF-8 bytes (`utf8`, when the caller has them already). */
  keepAnswer(question: string, answer: string, utf8: Uint8Array = Buffer.from(answer, 'utf8')): void {
    const key = `${BUILD_KEY} ${question}`;
    const like = `% ${question.replace(/[\\%_]/g, '\\$&')}`;
    this.transaction(() => {
      // One answer per question: another build's or version's is replaced, not kept beside it.
      this.sql.run('DELETE FROM answers WHERE question LIKE ? ESCAPE ? OR question LIKE ? ESCAPE ?', [like, '\\', like + DIGEST_SUFFIX, '\\']);
      this.sql.run('INSERT OR REPLACE INTO answers(question, version, answer) VALUES (?, ?, ?)', [key, this.contentVersion, answer]);
      this.sql.run('INSERT OR REPLACE INTO answers(question, version, answer) VALUES (?, ?, ?)', [key + DIGEST_SUFFIX, this.contentVersion, sha1Of(utf8)]);
    });
  }

  /** Runs `body` in one transaction: all of it is stored, or (thrown, or the process killed) none of it. */
  transaction<T>(body: () => T): T {
    // Nested calls join the outer transaction (a batch of puts commits once).
    if (this.depth > 0) {
      this.depth++;
      try {
        return body();
      } finally {
        this.depth--;
      }
    }
    this.sql.exec('BEGIN IMMEDIATE');
    this.depth = 1;
    try {
      const result = body();
      this.sql.exec('COMMIT');
      return result;
    } catch (e) {
      this.sql.exec('ROLLBACK');
      throw e;
    } finally {
      this.depth = 0;
    }
  }

  lookup(file: string): StoredFile | undefined {
    return this.sql.get<StoredFile>('SELECT id, path, size, mtime, hash, max_size_mb AS maxSizeMB, corrected FROM files WHERE path = ?', [file]);
  }

  /** A file touched but unchanged (same hash): only its size and time are updated. */
  touch(file: string, size: number, mtimeMs: number): void {
    this.sql.run('UPDATE files SET size = ?, mtime = ? WHERE path = ?', [size, mtimeMs, file]);
  }

  /** The machine's model of a stored file (before corrections), or undefined. */
  model(file: string): { model: DocumentModel; notice?: string } | undefined {
    const row = this.sql.get<{ model: Uint8Array; notice: string | null }>('SELECT model, notice FROM files WHERE path = ?', [file]);
    if (!row) return undefined;
    const model = JSON.parse(inflateRawSync(row.model).toString('utf8')) as DocumentModel;
    return { model, ...(row.notice ? { notice: row.notice } : {}) };
  }

  paths(): string[] {
    return this.sql.all<{ path: string }>('SELECT path FROM files ORDER BY path').map((r) => r.path);
  }

  count(): number {
    return this.sql.get<{ n: number }>('SELECT count(*) AS n FROM files')?.n ?? 0;
  }

  /**
   * Stores a file: its row and model (the machine's, `record.model`) and the flattened rows of
   * `corrected` (the model the user sees: the machine's with their corrections, whose key is
   * `correctionsKey`), replacing what was there.
   */
  put(record: ArchiveRecord, corrected: DocumentModel = record.model, correctionsKey = ''): void {
    // In chunks (util/jsonPieces.ts): one ~100 kB string per file stored went to V8's old generation (issue 13's peak RSS).
    const model = deflateRawSync(jsonBytes(record.model, 3), { level: 1 });
    this.transaction(() => {
      this.deleteRows(record.path, true);
      const fileId = this.sql.run('INSERT INTO files(path, size, mtime, hash, max_size_mb, text_length, model, notice, corrected, corrections) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        record.path,
        record.size,
        record.mtimeMs,
        record.sha1,
        record.maxSizeMB,
        record.text.length,
        model,
        record.notice ?? null,
        corrected === record.model ? 0 : 1,
        correctionsKey,
      ]).lastInsertRowid;
      this.insertRows(fileId, record.path, record.text, corrected);
      this.bumpVersion();
    });
  }

  /** Replaces the flattened rows of a stored file (its corrections changed); the stored model stays. */
  reflatten(file: string, text: string, raw: DocumentModel, corrected: DocumentModel, correctionsKey = ''): void {
    const stored = this.lookup(file);
    if (!stored) return;
    this.transaction(() => {
      this.deleteRows(file, false);
      this.insertRows(stored.id, file, text, corrected);
      this.sql.run('UPDATE files SET corrected = ?, corrections = ? WHERE id = ?', [corrected === raw ? 0 : 1, correctionsKey, stored.id]);
      this.bumpVersion();
    });
  }

  /** Size, time and size limit of every stored file, in one query: what a start compares with the disk. */
  signatures(): Map<string, { size: number; mtime: number; maxSizeMB: number; corrections: string }> {
    const rows = this.sql.all<{ path: string; size: number; mtime: number; maxSizeMB: number; corrections: string }>('SELECT path, size, mtime, max_size_mb AS maxSizeMB, corrections FROM files');
    return new Map(rows.map((r) => [r.path, r]));
  }

  remove(file: string): void {
    this.transaction(() => {
      this.deleteRows(file, true);
      this.bumpVersion();
    });
  }

  private deleteRows(file: string, withFile: boolean): void {
    const stored = this.lookup(file);
    if (!stored) return;
    const id = stored.id;
    // The file's share of the totals goes first (its name stays as the entity's until a file with more mentions comes).
    this.sql.run(
      `UPDATE entity_totals SET mentions = mentions - (SELECT mention_count FROM entities e WHERE e.file_id = ? AND e.entity_id = entity_totals.entity_id), files = files - 1
       WHERE entity_id IN (SELECT entity_id FROM entities WHERE file_id = ?)`,
      [id, id],
    );
    for (const a of this.sql.all<{ id: string; alias: string }>('SELECT DISTINCT entity_id AS id, alias COLLATE BINARY AS alias FROM aliases WHERE file_id = ?', [id])) {
      this.sql.run('UPDATE alias_totals SET files = files - 1 WHERE entity_id = ? AND alias = ?', [a.id, a.alias]);
    }
    for (const a of this.sql.all<{ id: number }>('SELECT id FROM articles WHERE file_id = ?', [id])) this.sql.run('DELETE FROM article_text WHERE rowid = ?', [a.id]);
    for (const table of ['articles', 'entities', 'aliases', 'mentions', 'quotations', 'dates']) this.sql.run(`DELETE FROM ${table} WHERE file_id = ?`, [id]);
    deleteStoryRows(this.sql, id);
    deleteTimelineRows(this.sql, id);
    if (withFile) this.sql.run('DELETE FROM files WHERE id = ?', [id]);
  }

  private insertRows(fileId: number, path: string, text: string, model: DocumentModel): void {
    // A view of the text for its line index and the articles' display names and headlines (as the editor shows them).
    const view = new FileView('', text, model, model, null);
    const at = (offset: number): [number, number] => {
      const p = view.lines.positionAt(offset);
      return [p.line, p.character];
    };
    const run = (sql: string, params: SqlValue[]): number => this.sql.run(sql, params).lastInsertRowid;
    const names = new Map(model.entities.map((e) => [e.id, e.name]));
    for (const a of model.articles) {
      const selection = view.articleSelection(a);
      const articleId = run(
        'INSERT INTO articles(file_id, idx, title, date, source, authors, line, character, end_line, end_character, name, sel_line, sel_character, sel_end_line, sel_end_character) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [fileId, a.index, a.title, a.date, a.source, a.authors.join(', '), ...at(a.span.start), ...at(a.span.end), view.articleName(a), ...at(selection.start), ...at(selection.end)],
      );
      run('INSERT INTO article_text(rowid, title, body) VALUES (?, ?, ?)', [articleId, a.title ?? '', text.slice(a.span.start, a.span.end)]);
      for (const m of a.mentions) run('INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [fileId, a.index, m.entityId, m.text, ...at(m.span.start), ...at(m.span.end)]);
      for (const q of a.quotes) {
        if (q.scare) continue;
        const speakerName = q.speakerId ? (names.get(q.speakerId) ?? q.speaker) : q.speaker;
        run('INSERT INTO quotations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          fileId,
          a.index,
          q.text,
          q.speaker,
          q.speakerId,
          ...at(q.span.start),
          ...at(q.span.end),
          quotationKind(q),
          q.via ?? null,
          speakerName,
        ]);
      }
      for (const d of a.dates) run('INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?)', [fileId, a.index, d.iso, d.text, ...at(d.span.start)]);
    }
    for (const e of model.entities) {
      run('INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?)', [fileId, e.id, e.kind, e.name, e.mentions.length]);
      run(
        `INSERT INTO entity_totals VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT(entity_id) DO UPDATE SET mentions = mentions + excluded.mentions, files = files + 1,
         name = CASE WHEN ${BETTER} THEN excluded.name ELSE name END, top = CASE WHEN ${BETTER} THEN excluded.top ELSE top END`,
        [e.id, e.kind, e.name, e.mentions.length, e.mentions.length],
      );
      for (const alias of new Set(e.aliases)) {
        run('INSERT INTO aliases VALUES (?, ?, ?)', [fileId, e.id, alias]);
        run('INSERT INTO alias_totals VALUES (?, ?, 1) ON CONFLICT(entity_id, alias) DO UPDATE SET files = files + 1', [e.id, alias]);
      }
    }
    insertStoryRows(this.sql, fileId, text, model);
    insertTimelineRows(this.sql, fileId, path, view);
  }
}
