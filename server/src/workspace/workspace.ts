import type { CorrectionLayer } from '../core/corrections';
import { EntityIndex } from '../core/entityIndex';
import type { IndexStatus } from '../protocol';
import { Analyzer } from './analyzer';
import { DocumentStore } from './documentStore';
import type { FileView } from './fileView';
import { SettingsCache } from './settings';
import { WorkspaceEntities, withUri, type WorkspaceArticle, type WorkspaceQuote } from './workspaceEntities';
import type { CorpusDatabase } from '../archive/database';
import { queried } from '../archive/sql';
import { storedArticles, storedQuotes } from '../archive/workspaceQueries';
import { quotationKind } from '../core/model';
import { WorkspaceIndex, type WorkspaceIndexOptions } from './workspaceIndex';
import { uriToPath } from '../util/uri';

export interface WorkspaceOptions {
  readonly analyzer?: Analyzer;
  readonly settings?: SettingsCache;
  readonly log?: (message: string) => void;
  /** Each freshly analysed (or re-corrected) view of an open document. */
  readonly onAnalysed?: (view: FileView) => void;
  /** Once per open document too large for full analysis. */
  readonly onNotice?: (uri: string, notice: string) => void;
  readonly onStatus?: (status: IndexStatus) => void;
  readonly onProgress?: (done: number, total: number) => void;
  /** Quiet time after an edit of a large document before it is analysed. */
  readonly debounceMs?: number;
  /** The corpus database and the worker threads of the index (issue 13), when the server has them. */
  readonly archive?: WorkspaceIndexOptions['archive'];
  readonly offThread?: WorkspaceIndexOptions['offThread'];
}

/**
 * The one owner of "the current view of a file": open documents (from the editor, `DocumentStore`)
 * come first, the indexed files (`WorkspaceIndex`) fill in the rest. It is the only writer of the
 * `EntityIndex`, and the one place that re-applies corrections to every view. Features read it.
 */
export class Workspace {
  readonly analyzer: Analyzer;
  readonly settings: SettingsCache;
  /** The entities of the files held in memory: open documents, and the indexed files when there is no corpus database. */
  readonly memory = new EntityIndex();
  /** The workspace's entities: `memory` merged with the corpus database's rows of every other file. */
  readonly entities: WorkspaceEntities;
  readonly store: DocumentStore;
  readonly index: WorkspaceIndex;
  private readonly log: (message: string) => void;
  private readonly archive: () => CorpusDatabase | undefined;

  constructor(options: WorkspaceOptions = {}) {
    this.analyzer = options.analyzer ?? new Analyzer();
    this.settings = options.settings ?? new SettingsCache();
    this.log = options.log ?? (() => undefined);
    this.archive = options.archive ?? (() => undefined);
    const settingsFor = (uri?: string) => this.settings.get(uri);
    this.store = new DocumentStore({
      analyzer: this.analyzer,
      settingsFor,
      onAnalysed: (view) => {
        this.memory.update(view.uri, view.model);
        options.onAnalysed?.(view);
      },
      onNotice: options.onNotice ?? (() => undefined),
      log: this.log,
      ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    });
    this.index = new WorkspaceIndex({
      analyzer: this.analyzer,
      settingsFor,
      // An open document's entities come from the editor's text, never from the file on disk.
      onView: (uri, view) => {
        if (this.store.isOpen(uri)) return;
        if (view) this.memory.update(uri, view.model);
        else this.memory.remove(uri);
      },
      editorIdle: () => this.store.idle(),
      onStatus: options.onStatus ?? (() => undefined),
      onProgress: options.onProgress ?? (() => undefined),
      log: this.log,
      ...(options.archive ? { archive: options.archive } : {}),
      ...(options.offThread ? { offThread: options.offThread } : {}),
    });
    this.entities = new WorkspaceEntities({
      memory: this.memory,
      viewOf: (uri) => this.store.currentView(uri) ?? (this.index.isStored(uri) ? undefined : this.index.view(uri)),
      db: () => this.archive(),
      // An open document's unsaved text answers for its file, never the database's rows of it.
      excluded: () => this.openPaths(),
      dbGeneration: () => this.index.databaseGeneration,
      log: this.log,
    });
  }

  /** A document was opened or edited in the editor. */
  update(uri: string, version: number, text: string): void {
    this.store.update(uri, version, text);
  }

  /** A document was closed: the file on disk is what the index holds again (or nothing, when it is not an article file). */
  async close(uri: string): Promise<void> {
    this.store.close(uri);
    this.memory.remove(uri);
    await this.index.refreshFile(uri);
    this.index.touch();
  }

  /** A watched file changed or was deleted on disk (open documents follow the editor instead). */
  async fileChanged(uri: string, deleted: boolean): Promise<void> {
    if (deleted) this.index.removeFile(uri);
    else if (!this.store.isOpen(uri)) await this.index.refreshFile(uri);
  }

  isOpen(uri: string): boolean {
    return this.store.isOpen(uri);
  }

  /** The newest view of an open document (waiting for its analysis), else the indexed file's view. */
  async viewOf(uri: string): Promise<FileView | undefined> {
    return this.store.isOpen(uri) ? this.store.view(uri) : this.index.view(uri);
  }

  /** Without waiting: the current view of an open document or indexed file. */
  currentViewOf(uri: string): FileView | undefined {
    return this.store.currentView(uri) ?? this.index.view(uri);
  }

  /** Every known article file's view, in URI order: open documents first-class, indexed files for the rest. */
  allViews(): FileView[] {
    const views: FileView[] = [];
    this.forEachView((view) => void views.push(view));
    return views;
  }

  /**
   * Every known article file's view, in URI order, one at a time: a file that lives in the corpus
   * database only is read back for the call and dropped after it, so a walk over 10,000 files holds
   * one of them at a time (unlike `allViews`, which holds them all).
   */
  forEachView(visit: (view: FileView) => void): void {
    const uris = new Set([...this.index.uris(), ...this.store.openUris()]);
    for (const uri of [...uris].sort()) {
      const open = this.store.currentView(uri);
      const view = open ?? (this.index.isStored(uri) ? this.index.readBack(uri, false) : this.index.view(uri));
      if (view) visit(view);
    }
  }

  /** Every article of the workspace by name (title, else first words) and headline, in URI order: for workspace symbols. */
  articleNames(): WorkspaceArticle[] {
    const found: WorkspaceArticle[] = [];
    for (const uri of this.memoryUris()) {
      const view = this.currentViewOf(uri);
      for (const a of view?.model.articles ?? []) {
        found.push({ uri, article: a.index, name: view!.articleName(a), date: a.date, selection: view!.lines.rangeOf(view!.articleSelection(a)) });
      }
    }
    const db = this.archive();
    if (db) for (const a of this.queried(() => storedArticles(db, this.openPaths()), [])) found.push(withUri(a));
    return found.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.article - b.article));
  }

  /** Every statement of the workspace (scare quotes excluded), in URI order then position: the Quotations view. */
  quotes(): WorkspaceQuote[] {
    const found: WorkspaceQuote[] = [];
    for (const uri of this.memoryUris()) {
      const view = this.currentViewOf(uri);
      for (const q of view?.quotes ?? []) {
        if (q.scare) continue;
        const speaker = q.speakerId ? (view!.model.entities.find((e) => e.id === q.speakerId)?.name ?? q.speaker) : q.speaker;
        found.push({ uri, article: q.article, text: q.text, speaker, speakerId: q.speakerId, kind: quotationKind(q), via: q.via ?? null, range: view!.lines.rangeOf(q.span) });
      }
    }
    const db = this.archive();
    if (db) for (const q of this.queried(() => storedQuotes(db, this.openPaths()), [])) found.push(withUri(q));
    return found.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  }

  /** The files whose analysis is in memory: open documents, and indexed files not in the corpus database. */
  private memoryUris(): string[] {
    return [...new Set([...this.store.openUris(), ...this.index.uris().filter((u) => !this.index.isStored(u))])];
  }

  /** The views of the files whose analysis is in memory (`memoryUris`), in URI order: what a workspace-wide question adds to the database's rows. */
  memoryViews(): FileView[] {
    return this.memoryUris()
      .sort()
      .flatMap((uri) => this.currentViewOf(uri) ?? []);
  }

  /**
   * Paths of the open documents: their stored rows do not answer (their unsaved text does). Kept while the
   * same documents are open: the entity table asks on every id it resolves (stories resolve millions).
   */
  openPaths(): readonly string[] {
    const uris = this.store.openUris();
    const key = uris.join('\n');
    if (this.openPathsKept?.key !== key) this.openPathsKept = { key, paths: uris.flatMap((uri) => uriToPath(uri) ?? []) };
    return this.openPathsKept.paths;
  }
  private openPathsKept: { key: string; paths: readonly string[] } | undefined;

  private queried<T>(query: () => T, fallback: T): T {
    return queried(this.log, 'corpus database query', query, fallback);
  }

  get status(): IndexStatus {
    return this.index.status;
  }

  /** Installs the user-corrections layer and re-applies it to every view. */
  setCorrections(layer: CorrectionLayer): void {
    this.analyzer.corrections = layer;
    this.recorrect();
  }

  /**
   * Re-applies the corrections (no NLP) to every open and indexed view, or to one file's: open
   * documents keep their machine model, indexed files are read again from disk for it.
   */
  recorrect(uri?: string): void {
    this.store.recorrect(uri);
    // Files in the corpus database only: those whose rows were made under other corrections (or named by one).
    const stored = uri === undefined ? new Set(this.index.storedNeedingCorrections()) : undefined;
    for (const u of uri === undefined ? this.index.uris().filter((x) => !this.index.isStored(x) || stored!.has(x)) : [uri]) {
      if (this.store.isOpen(u)) continue;
      try {
        this.index.recorrect(u);
      } catch (e) {
        this.log(`News Lens: re-applying corrections to ${u}: ${e instanceof Error ? e.message : String(e)}`);
        void this.index.refreshFile(u);
      }
    }
  }

  /** Resolves when no open document is being analysed. */
  idle(): Promise<void> {
    return this.store.idle();
  }
}
