import type { CorrectionLayer } from '../core/corrections';
import { EntityIndex } from '../core/entityIndex';
import type { IndexStatus } from '../protocol';
import { Analyzer } from './analyzer';
import { DocumentStore } from './documentStore';
import type { FileView } from './fileView';
import { SettingsCache } from './settings';
import { WorkspaceIndex, type WorkspaceIndexOptions } from './workspaceIndex';

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
  readonly entities = new EntityIndex();
  readonly store: DocumentStore;
  readonly index: WorkspaceIndex;
  private readonly log: (message: string) => void;

  constructor(options: WorkspaceOptions = {}) {
    this.analyzer = options.analyzer ?? new Analyzer();
    this.settings = options.settings ?? new SettingsCache();
    this.log = options.log ?? (() => undefined);
    const settingsFor = (uri?: string) => this.settings.get(uri);
    this.store = new DocumentStore({
      analyzer: this.analyzer,
      settingsFor,
      onAnalysed: (view) => {
        this.entities.update(view.uri, view.model);
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
        if (view) this.entities.update(uri, view.model);
        else this.entities.remove(uri);
      },
      editorIdle: () => this.store.idle(),
      onStatus: options.onStatus ?? (() => undefined),
      onProgress: options.onProgress ?? (() => undefined),
      log: this.log,
      ...(options.archive ? { archive: options.archive } : {}),
      ...(options.offThread ? { offThread: options.offThread } : {}),
    });
  }

  /** A document was opened or edited in the editor. */
  update(uri: string, version: number, text: string): void {
    this.store.update(uri, version, text);
  }

  /** A document was closed: the file on disk is what the index holds again (or nothing, when it is not an article file). */
  async close(uri: string): Promise<void> {
    this.store.close(uri);
    this.entities.remove(uri);
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
    const views = new Map<string, FileView>();
    for (const uri of this.index.uris()) {
      const v = this.index.view(uri);
      if (v) views.set(uri, v);
    }
    for (const uri of this.store.openUris()) {
      const v = this.store.currentView(uri);
      if (v) views.set(uri, v);
    }
    return [...views.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
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
    for (const u of uri === undefined ? this.index.uris() : [uri]) {
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
