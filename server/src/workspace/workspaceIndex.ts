import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CorpusDatabase } from '../archive/database';
import { archiveRecord, sha1Of } from '../archive/record';
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
  /** Analysis on worker threads (issue 13): files read from disk go there, `parallel` at a time. */
  readonly offThread?: { readonly parallel: number; analyze(text: string, maxLength: number): Promise<DocumentModel> };
}

/** Folders never walked: version control, dependencies, our own annotation store. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.newslens', '.hg', '.svn']);
/** A walk stops here: beyond it the workspace is not a folder of articles. */
const MAX_FILES = 200_000;

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
  private folders: string[] = [];
  private runId = 0;
  private total = 0;
  private done = 0;
  private state: IndexStatus['state'] = 'indexing';
  private generationCounter = 0;
  private started = false;

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
    return this.views.get(uri);
  }

  uris(): string[] {
    return [...this.views.keys()];
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
    for (const uri of [...this.views.keys()]) {
      if (!wanted.has(uri)) this.forget(uri);
    }
    this.total = found.length;
    this.options.onStatus(this.status);
    let lastReport = 0;
    // With worker threads, as many files in flight as workers (plus one being read); else one at a time.
    const parallel = Math.max(1, (this.options.offThread?.parallel ?? 0) + (this.options.offThread ? 1 : 0));
    const inFlight = new Set<Promise<void>>();
    for (const file of found) {
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
    const indexed = this.views.get(uri);
    if (!indexed) return;
    const text = indexed.text;
    const view = indexed.recorrected(this.options.analyzer.correctedModel(uri, text, indexed.rawModel), this.strings);
    this.views.set(uri, view);
    // Rows follow corrections: redone when some apply now or applied before.
    if (indexed.model !== indexed.rawModel || view.model !== view.rawModel) this.archived(uri, (db, file) => db.reflatten(file, text, view.rawModel, view.model));
    this.options.onView(uri, view);
  }

  /** A file was deleted on disk. */
  removeFile(uri: string): void {
    if (!this.views.has(uri)) return;
    this.forget(uri);
    this.touch();
  }

  /** Runs a write of the corpus database for a file; a failure is logged once per call, never thrown. */
  private archived(uri: string, write: (db: CorpusDatabase, file: string) => void): void {
    const db = this.options.archive?.();
    const file = uriToPath(uri);
    if (!db || !file) return;
    try {
      write(db, file);
    } catch (e) {
      this.options.log(`News Lens: corpus database: ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private forget(uri: string): void {
    this.archived(uri, (db, file) => db.remove(file));
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
      const stored = this.fromArchive(uri, file, stat, bytes, text, settings.maxFileSizeMB);
      const analysed = stored ?? (await this.analyse(uri, text, settings.maxFileSizeMB, stale));
      if (!analysed) return;
      if (!stored) this.archived(uri, (db) => db.put(archiveRecord(file, stat, bytes, text, analysed.rawModel, settings.maxFileSizeMB, analysed.notice), analysed.model));
      // The index keeps thousands of files: each without its text, re-read when a rare request needs it.
      const view = analysed.detach(textReader(file, analysed.model.textLength), this.strings);
      this.views.set(uri, view);
      this.signatures.set(uri, signature);
      this.options.onView(uri, view);
    } catch (e) {
      this.forget(uri);
      this.options.log(`News Lens: could not index ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Analyses a file read from disk: on a worker thread when there are some, else in slices on this thread. */
  private async analyse(uri: string, text: string, maxFileSizeMB: number, stale: () => boolean): Promise<FileView | undefined> {
    const offThread = this.options.offThread;
    if (!offThread) return this.options.analyzer.analyze({ uri, text, version: null, maxFileSizeMB, isStale: stale, sharedCache: false });
    const raw = await offThread.analyze(text, Math.floor(maxFileSizeMB * 1024 * 1024));
    if (stale()) return undefined;
    return this.options.analyzer.view(uri, text, raw, null, raw.layoutOnly ? layoutOnlyNotice(uri, text.length, maxFileSizeMB) : undefined);
  }

  /**
   * The view of a file the corpus database holds unchanged (same size and time, or else same content
   * hash, analysed under the same size limit by this analyzer), with the current corrections: no NLP.
   */
  private fromArchive(uri: string, file: string, stat: { size: number; mtimeMs: number }, bytes: Uint8Array, text: string, maxSizeMB: number): FileView | undefined {
    const db = this.options.archive?.();
    if (!db) return undefined;
    try {
      const stored = db.lookup(file);
      if (!stored || stored.maxSizeMB !== maxSizeMB || stored.size !== stat.size) return undefined;
      if (stored.mtime !== stat.mtimeMs) {
        if (stored.hash !== sha1Of(bytes)) return undefined;
        db.touch(file, stat.size, stat.mtimeMs);
      }
      const found = db.model(file);
      if (!found || found.model.textLength !== text.length) return undefined;
      const view = this.options.analyzer.view(uri, text, found.model, null, found.notice);
      if (stored.corrected || view.model !== view.rawModel) db.reflatten(file, text, view.rawModel, view.model);
      return view;
    } catch (e) {
      this.options.log(`News Lens: corpus database: ${file}: ${e instanceof Error ? e.message : String(e)}; analysing it again`);
      return undefined;
    }
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
