import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CorpusDatabase } from '../archive/database';
import { archiveRecord, sha1Of, type ArchiveRecord } from '../archive/record';
import type { IndexStatus, NewsLensSettings } from '../protocol';
import type { DocumentModel } from '../core/model';
import { layoutOnlyNotice, yieldToEventLoop, type Analyzer } from './analyzer';
import { InternPool } from './compactModel';
import type { FileView } from './fileView';
import { globToRegExp, matchesAny } from './glob';
import { decodeArticleFile } from '../util/files';
import { pathToUri, uriToPath } from '../util/uri';

export interface WorkspaceIndexOptions {
  readonly analyzer: Analyzer;
  readonly settingsFor: (uri?: string) => Promise<NewsLensSettings>;
  /** A file's indexed view changed (undefined: the file left the index); the `Workspace` updates the entity index. */
  readonly onView: (uri: string, view: FileView | undefined) => void;
  /** Waits while open documents are being analysed: the editor comes first. */
  readonly editorIdle: () => Promise<void>;
  readonly onStatus: (status: IndexStatus) => void;
  readonly onProgress: (done: number, total: number) => void;
  readonly log: (message: string) => void;
  /** The corpus database (issue 13): unchanged files come from it, analysed files go into it. */
  readonly archive?: () => CorpusDatabase | undefined;
  /**
   * Analysis on worker threads (issue 13): files read from disk go there, `parallel` at a time, and one
   * more on this thread when no worker is `free` (absent: always a worker).
   */
  readonly offThread?: { readonly parallel: number; free?(): number; analyze(text: string, maxLength: number): Promise<DocumentModel> };
}

/** Folders never walked: version control, dependencies, our own annotation store. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.newslens', '.hg', '.svn']);
/** A walk stops here: beyond it the workspace is not a folder of articles. */
const MAX_FILES = 200_000;
/** Views of stored files kept after a request read them back. */
const RECENT_VIEWS = 16;
/** Files stat'ed at once by a start's pass. */
const STAT_BATCH = 256;
/**
 * A rebuild writes analysed files to the corpus database this many at a time, in one transaction: a
 * commit per file rewrote the shared pages (totals, index roots, FTS segments) once per file, about a
 * third of the write cost. A killed server loses at most the batch in hand; those files are analysed again.
 */
const WRITE_BATCH = 32;
/** ... or once the oldest file in hand has waited this long (a slow run still shows its files soon). */
const WRITE_BATCH_MS = 2_000;

/** An analysed file waiting for the batch's transaction. */
interface PendingWrite {
  readonly uri: string;
  readonly record: () => ArchiveRecord;
  readonly view: FileView;
  readonly signature: string;
  /** The corrections the view was made with (rows made under other ones are redone, `storedNeedingCorrections`). */
  readonly correctionsKey: string;
}

// Moved to util/; re-exported for the code that still imports them from here.
export { decodeArticleFile, pathToUri, uriToPath };

/** Reads a file's text again, as long as it is still the text that was indexed (same length). */
function textReader(file: string, length: number): () => string {
  return () => {
    const text = decodeArticleFile(readFileSync(file));
    if (text.length !== length) throw new Error(`${file} changed on disk since it was indexed`);
    return text;
  };
}

/**
 * Every article file of the workspace (those matching `newsLens.files` in a workspace folder), read
 * from disk and analysed in the background, so workspace symbols, references, the sidebar and
 * hover counts cover files that are not open. Only files inside a workspace folder are read:
 * symbolic links are not followed, and `..` never leaves a folder.
 */
export class WorkspaceIndex {
  private readonly views = new Map<string, FileView>();
  /**
   * The strings of the models indexed by the running rebuild, one copy each (names and ids recur
   * across files). Dropped when the rebuild ends: the models keep the strings, the pool's table
   * (~5 MB over 2,000 files) is not needed any more; files indexed later share through a new pool.
   */
  private strings = new InternPool();
  /** Size, modification time and size limit of each file when it was indexed: a rebuild skips the unchanged. */
  private readonly signatures = new Map<string, string>();
  /**
   * With a corpus database, the files held there and nowhere else (issue 13, bounded memory): no view
   * in RAM; a request for one reads it back (`view`), workspace-wide questions are queries.
   */
  private readonly stored = new Set<string>();
  /** The few views of stored files read back lately: a request often asks several times for one file. */
  private readonly recent = new Map<string, FileView>();
  /** Bumped on every write of the database, so cached answers made from it are redone. */
  private writes = 0;
  private keyless = new WeakMap<object, string>();
  private folders: string[] = [];
  private runId = 0;
  private total = 0;
  private done = 0;
  private state: IndexStatus['state'] = 'indexing';
  private generationCounter = 0;
  private started = false;
  /** A rebuild's analysed files not yet written (see `WRITE_BATCH`), and when the oldest came. */
  private pendingWrites: PendingWrite[] = [];
  private pendingSince = 0;

  constructor(private readonly options: WorkspaceIndexOptions) {}

  get status(): IndexStatus {
    return { state: this.started ? this.state : 'indexing', filesIndexed: this.done, filesTotal: this.total, generation: this.generationCounter };
  }

  /** Bumps the generation (any file's analysis changed) and tells the client. */
  touch(): void {
    this.generationCounter++;
    this.options.onStatus(this.status);
  }

  view(uri: string): FileView | undefined {
    return this.views.get(uri) ?? (this.stored.has(uri) ? this.readBack(uri) : undefined);
  }

  uris(): string[] {
    return [...this.views.keys(), ...this.stored];
  }

  /** Whether the file's analysis lives in the corpus database only (not in RAM). */
  isStored(uri: string): boolean {
    return this.stored.has(uri);
  }

  /** Changes whenever the corpus database's rows change. */
  get databaseGeneration(): number {
    return this.writes;
  }

  /** The key of the corrections as they are now ('' for none; a keyless layer gets one of its own per process). */
  correctionsKey(): string {
    const layer = this.options.analyzer.corrections;
    if (layer.key) return layer.key();
    let key = this.keyless.get(layer);
    if (!key) this.keyless.set(layer, (key = `unkeyed:${process.pid}:${Date.now()}:${Math.random()}`));
    return key;
  }

  /** Whether some correction names the file (a layer that cannot tell concerns every file). */
  private concerned(uri: string): boolean {
    const layer = this.options.analyzer.corrections;
    return layer.concerns ? layer.concerns(uri) : true;
  }

  /** The view of a stored file, read back from the database and the disk (with `keep`, kept for the next few requests). */
  readBack(uri: string, keep = true): FileView | undefined {
    const kept = this.recent.get(uri);
    if (kept) return kept;
    const db = this.options.archive?.();
    const file = uriToPath(uri);
    if (!db || !file) return undefined;
    try {
      const found = db.model(file);
      if (!found) return undefined;
      const text = decodeArticleFile(readFileSync(file));
      if (text.length !== found.model.textLength) throw new Error('changed on disk since it was indexed');
      const view = this.options.analyzer.view(uri, text, found.model, null, found.notice).detach(textReader(file, text.length));
      if (!keep) return view;
      if (this.recent.size >= RECENT_VIEWS) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(uri, view);
      return view;
    } catch (e) {
      this.options.log(`News Lens: reading back ${file}: ${e instanceof Error ? e.message : String(e)}`);
      void this.refreshFile(uri);
      return undefined;
    }
  }

  /**
   * A stored file's text as it is on disk, without its model (entity mention lines read only the text). Undefined
   * when it changed size since it was indexed (its stored offsets no longer fit: a refresh is queued, as `readBack` does).
   */
  storedText(uri: string): string | undefined {
    const db = this.options.archive?.();
    const file = uriToPath(uri);
    if (!db || !file || !this.stored.has(uri)) return undefined;
    try {
      const bytes = readFileSync(file);
      if (db.lookup(file)?.size !== bytes.length) throw new Error('changed on disk since it was indexed');
      return decodeArticleFile(bytes);
    } catch (e) {
      this.options.log(`News Lens: reading ${file}: ${e instanceof Error ? e.message : String(e)}`);
      void this.refreshFile(uri);
      return undefined;
    }
  }

  /** Whether a path lies inside a workspace folder (after resolving `..`; symlinks are checked by the walk). */
  contains(filePath: string): boolean {
    const resolved = path.resolve(filePath);
    return this.folders.some((f) => resolved === f || resolved.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  }

  /** Whether a file would be indexed: inside a folder and matching `newsLens.files`. */
  async matches(uri: string): Promise<boolean> {
    const p = uriToPath(uri);
    if (!p || !this.contains(p)) return false;
    const globs = (await this.options.settingsFor()).files.map(globToRegExp);
    const folder = this.folders.find((f) => path.resolve(p).startsWith(f));
    if (!folder) return false;
    return matchesAny(path.relative(folder, p).split(path.sep).join('/'), globs);
  }

  /** (Re)builds the index of the given folders; a newer call cancels an older one. */
  async rebuild(folderPaths: readonly string[], isCancelled: () => boolean = () => false): Promise<void> {
    const run = ++this.runId;
    this.started = true;
    this.folders = folderPaths.map((f) => path.resolve(f));
    const stale = (): boolean => run !== this.runId || isCancelled();
    this.state = 'indexing';
    this.strings = new InternPool();
    this.done = 0;
    this.total = 0;
    this.options.onStatus(this.status);
    const globs = (await this.options.settingsFor()).files.map(globToRegExp);
    const found: string[] = [];
    for (const folder of this.folders) {
      await this.walk(folder, folder, globs, found, stale);
      if (stale()) return;
    }
    const wanted = new Set(found.map(pathToUri));
    for (const uri of this.uris()) {
      if (!wanted.has(uri)) this.forget(uri);
    }
    this.total = found.length;
    this.options.onStatus(this.status);
    // With a database, one pass over size and time finds the unchanged files: they are done, untouched.
    const pending = this.options.archive?.() ? await this.unchangedPass(found, wanted, stale) : found;
    if (stale()) return;
    this.options.onStatus(this.status);
    let lastReport = 0;
    // With worker threads, as many files in flight as workers, plus one on this thread; else one at a time.
    const parallel = Math.max(1, (this.options.offThread?.parallel ?? 0) + (this.options.offThread ? 1 : 0));
    const inFlight = new Set<Promise<void>>();
    for (const file of pending) {
      if (stale()) break;
      await this.options.editorIdle();
      const job: Promise<void> = this.indexFile(pathToUri(file), stale, true).then(() => {
        inFlight.delete(job);
        // A file of a run that a newer one replaced does not count in the newer one's progress.
        if (run !== this.runId) return;
        this.done++;
        const now = Date.now();
        if (now - lastReport > 200) {
          lastReport = now;
          this.options.onProgress(this.done, this.total);
          this.options.onStatus(this.status);
        }
      });
      inFlight.add(job);
      if (inFlight.size >= parallel) await Promise.race(inFlight);
      await yieldToEventLoop();
    }
    await Promise.all(inFlight);
    // Written even when cancelled: those files are analysed, and a later run need not do them again.
    this.flushWrites();
    if (stale()) return;
    this.strings = new InternPool();
    this.state = 'ready';
    this.generationCounter++;
    this.options.onProgress(this.done, this.total);
    this.options.onStatus(this.status);
  }

  /** A file changed on disk (or an open document was closed): read and analyse it again. */
  async refreshFile(uri: string): Promise<void> {
    if (!(await this.matches(uri))) return;
    await this.indexFile(uri, () => false);
    this.touch();
  }

  /**
   * Applies the current corrections again to an indexed file (its text read again from disk, no NLP):
   * its view (and, through `onView`, the entity index) follows. Throws when the text cannot be read.
   */
  recorrect(uri: string): void {
    if (this.stored.has(uri)) return this.recorrectStored(uri);
    const indexed = this.views.get(uri);
    if (!indexed) return;
    const text = indexed.text;
    const view = indexed.recorrected(this.options.analyzer.correctedModel(uri, text, indexed.rawModel), this.strings);
    this.views.set(uri, view);
    // Rows follow corrections: redone when some apply now or applied before.
    if (indexed.model !== indexed.rawModel || view.model !== view.rawModel) this.archived(uri, (db, file) => db.reflatten(file, text, view.rawModel, view.model, this.correctionsKey()));
    this.options.onView(uri, view);
  }

  /**
   * The stored files whose rows were made under other corrections than the current ones, or that a
   * correction names (its lost anchors are reported again): what `recorrect` of every file redoes.
   */
  storedNeedingCorrections(): string[] {
    const db = this.options.archive?.();
    if (!db || !this.stored.size) return [];
    const key = this.correctionsKey();
    const stale = new Set(db.sql.all<{ path: string }>('SELECT path FROM files WHERE corrections != ?', [key]).map((r) => pathToUri(r.path)));
    return [...this.stored].filter((uri) => stale.has(uri) || this.concerned(uri));
  }

  /** Re-applies the corrections to a stored file: its model from the database, its text from disk, new rows. */
  private recorrectStored(uri: string): void {
    const file = uriToPath(uri);
    const db = this.options.archive?.();
    if (!db || !file) return;
    const found = db.model(file);
    if (!found) return;
    const text = decodeArticleFile(readFileSync(file));
    if (text.length !== found.model.textLength) throw new Error(`${file} changed on disk since it was indexed`);
    const view = this.options.analyzer.view(uri, text, found.model, null, found.notice);
    this.recent.delete(uri);
    this.archived(uri, (d) => d.reflatten(file, text, view.rawModel, view.model, this.correctionsKey()));
  }

  /** A file was deleted on disk. */
  removeFile(uri: string): void {
    if (!this.views.has(uri) && !this.stored.has(uri)) return;
    this.forget(uri);
    this.touch();
  }

  /** Runs a write of the corpus database for a file; a failure is logged once per call, never thrown. */
  private archived(uri: string, write: (db: CorpusDatabase, file: string) => void): boolean {
    const db = this.options.archive?.();
    const file = uriToPath(uri);
    if (!db || !file) return false;
    this.writes++;
    this.recent.delete(uri);
    try {
      write(db, file);
      return true;
    } catch (e) {
      this.options.log(`News Lens: corpus database: ${file}: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  private forget(uri: string): void {
    this.dropPending(uri);
    this.archived(uri, (db, file) => db.remove(file));
    this.stored.delete(uri);
    this.views.delete(uri);
    this.signatures.delete(uri);
    this.options.onView(uri, undefined);
  }

  /** Reads and analyses a file; with `reuseUnchanged` (a rebuild) a file unchanged since it was indexed keeps its view. */
  private async indexFile(uri: string, stale: () => boolean, reuseUnchanged = false): Promise<void> {
    const file = uriToPath(uri);
    if (!file) return;
    try {
      const stat = await fs.lstat(file);
      if (!stat.isFile()) return this.forget(uri);
      const settings = await this.options.settingsFor(uri);
      const signature = `${stat.size}:${stat.mtimeMs}:${settings.maxFileSizeMB}`;
      const indexed = this.views.get(uri);
      if (reuseUnchanged && indexed && this.signatures.get(uri) === signature) {
        // With the corrections as they are now (reading the text again, no NLP).
        this.recorrect(uri);
        return;
      }
      const bytes = await fs.readFile(file);
      const text = decodeArticleFile(bytes);
      if (this.options.archive?.() && this.keptInArchive(uri, file, stat, bytes, text, settings.maxFileSizeMB)) return;
      const analysed = await this.analyse(uri, text, settings.maxFileSizeMB, stale);
      if (!analysed) return;
      const record = (): ArchiveRecord => archiveRecord(file, stat, bytes, text, analysed.rawModel, settings.maxFileSizeMB, analysed.notice);
      const write: PendingWrite = { uri, record, view: analysed, signature, correctionsKey: this.correctionsKey() };
      this.dropPending(uri);
      if (reuseUnchanged && this.options.archive?.()) {
        // A rebuild's files go in batches, one transaction each (WRITE_BATCH).
        if (!this.pendingWrites.length) this.pendingSince = Date.now();
        this.pendingWrites.push(write);
        if (this.pendingWrites.length >= WRITE_BATCH || Date.now() - this.pendingSince >= WRITE_BATCH_MS) this.flushWrites();
        return;
      }
      this.written(
        write,
        this.archived(uri, (db) => db.put(record(), analysed.model, write.correctionsKey)),
      );
    } catch (e) {
      this.forget(uri);
      this.options.log(`News Lens: could not index ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Writes the rebuild's files in hand in one transaction. When it fails, each is written on its own,
   * so one bad file costs only itself (it stays in memory, as without a database).
   */
  private flushWrites(): void {
    const batch = this.pendingWrites;
    if (!batch.length) return;
    this.pendingWrites = [];
    const db = this.options.archive?.();
    let together = false;
    try {
      if (db) {
        this.writes++;
        db.transaction(() => {
          for (const w of batch) db.put(w.record(), w.view.model, w.correctionsKey);
        });
        together = true;
      }
    } catch {
      // Each file again on its own below: its own failure is logged there.
    }
    for (const w of batch) this.written(w, together || this.archived(w.uri, (d) => d.put(w.record(), w.view.model, w.correctionsKey)));
  }

  /** A newer analysis of the file, or its removal, replaces what a batch held of it. */
  private dropPending(uri: string): void {
    if (this.pendingWrites.some((w) => w.uri === uri)) this.pendingWrites = this.pendingWrites.filter((w) => w.uri !== uri);
  }

  /** After a file's write: in the database only (`stored`), or, when that failed, its view in memory. */
  private written(write: PendingWrite, stored: boolean): void {
    const { uri, view: analysed } = write;
    if (stored) {
      // In the database now, and nowhere else: the memory stays flat however many files there are.
      this.recent.delete(uri);
      this.views.delete(uri);
      this.signatures.delete(uri);
      this.stored.add(uri);
      this.options.onView(uri, undefined);
      return;
    }
    // The index keeps thousands of files: each without its text, re-read when a rare request needs it.
    const file = uriToPath(uri)!;
    const view = analysed.detach(textReader(file, analysed.model.textLength), this.strings);
    this.views.set(uri, view);
    this.signatures.set(uri, write.signature);
    this.options.onView(uri, view);
  }

  /**
   * Analyses a file read from disk: on a free worker thread, else in slices on this thread (which
   * answers the editor between slices).
   */
  private async analyse(uri: string, text: string, maxFileSizeMB: number, stale: () => boolean): Promise<FileView | undefined> {
    const offThread = this.options.offThread;
    const here = () => this.options.analyzer.analyze({ uri, text, version: null, maxFileSizeMB, isStale: stale, sharedCache: false });
    if (!offThread || (offThread.free && offThread.free() < 1)) return here();
    const raw = await offThread.analyze(text, Math.floor(maxFileSizeMB * 1024 * 1024));
    if (stale()) return undefined;
    return this.options.analyzer.view(uri, text, raw, null, raw.layoutOnly ? layoutOnlyNotice(uri, text.length, maxFileSizeMB) : undefined);
  }

  /**
   * With a database: a file it holds unchanged (same size and time, or same content hash) under the
   * same size limit stays there, its rows re-corrected when the corrections changed. No view is made.
   */
  private keptInArchive(uri: string, file: string, stat: { size: number; mtimeMs: number }, bytes: Uint8Array, text: string, maxSizeMB: number): boolean {
    const db = this.options.archive?.();
    try {
      const found = db?.lookup(file);
      if (!db || !found || found.maxSizeMB !== maxSizeMB || found.size !== stat.size) return false;
      if (found.mtime !== stat.mtimeMs) {
        if (found.hash !== sha1Of(bytes)) return false;
        db.touch(file, stat.size, stat.mtimeMs);
      }
      const stored = db.model(file);
      if (!stored || stored.model.textLength !== text.length) return false;
      this.views.delete(uri);
      this.signatures.delete(uri);
      this.stored.add(uri);
      if (db.sql.get<{ k: string }>('SELECT corrections AS k FROM files WHERE path = ?', [file])?.k !== this.correctionsKey() || this.concerned(uri)) this.recorrectStored(uri);
      this.options.onView(uri, undefined);
      return true;
    } catch (e) {
      this.options.log(`News Lens: corpus database: ${file}: ${e instanceof Error ? e.message : String(e)}; analysing it again`);
      return false;
    }
  }

  /**
   * A start's one pass (issue 13, reopen): the stored size, time and size limit of every file in one
   * query, a stat per file, nothing read. Unchanged files count as done (re-corrected only when the
   * corrections changed); the rest are returned, to be read and analysed.
   */
  private async unchangedPass(found: readonly string[], wanted: ReadonlySet<string>, stale: () => boolean): Promise<string[]> {
    const db = this.options.archive?.();
    if (!db) return [...found];
    let stored: ReturnType<CorpusDatabase['signatures']>;
    try {
      stored = db.signatures();
    } catch (e) {
      this.options.log(`News Lens: corpus database: ${e instanceof Error ? e.message : String(e)}; analysing every file`);
      return [...found];
    }
    // Rows of files no longer in the workspace go (a file deleted while the editor was closed).
    for (const p of stored.keys()) if (!wanted.has(pathToUri(p))) this.archived(pathToUri(p), (d, f) => d.remove(f));
    const maxSizeMB = (await this.options.settingsFor()).maxFileSizeMB;
    const key = this.correctionsKey();
    const pending: string[] = [];
    const recorrect: string[] = [];
    for (let i = 0; i < found.length && !stale(); i += STAT_BATCH) {
      const batch = found.slice(i, i + STAT_BATCH);
      const stats = await Promise.all(
        batch.map((f) =>
          fs.lstat(f).then(
            (s) => s,
            () => undefined,
          ),
        ),
      );
      batch.forEach((file, j) => {
        const stat = stats[j];
        const row = stored.get(file);
        if (!stat || !row || row.size !== stat.size || row.mtime !== stat.mtimeMs || row.maxSizeMB !== maxSizeMB) return void pending.push(file);
        const uri = pathToUri(file);
        this.views.delete(uri);
        this.signatures.delete(uri);
        this.stored.add(uri);
        this.done++;
        if (row.corrections !== key || this.concerned(uri)) recorrect.push(uri);
      });
    }
    for (const [i, uri] of recorrect.entries()) {
      if (stale()) break;
      if (i % 50 === 49) await yieldToEventLoop();
      try {
        this.recorrectStored(uri);
      } catch (e) {
        this.options.log(`News Lens: re-applying corrections to ${uri}: ${e instanceof Error ? e.message : String(e)}`);
        pending.push(uriToPath(uri)!);
      }
    }
    this.writes++;
    return pending;
  }

  private async walk(root: string, dir: string, globs: readonly RegExp[], found: string[], stale: () => boolean): Promise<void> {
    if (found.length >= MAX_FILES || stale()) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      this.options.log(`News Lens: cannot read folder ${dir}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // Symbolic links are never followed: they could lead out of the workspace.
      if (entry.isSymbolicLink()) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await this.walk(root, full, globs, found, stale);
      } else if (entry.isFile() && matchesAny(path.relative(root, full).split(path.sep).join('/'), globs)) {
        found.push(full);
        if (found.length >= MAX_FILES) {
          this.options.log(`News Lens: more than ${MAX_FILES} matching files; the rest are not indexed.`);
          return;
        }
      }
    }
  }
}
