import { DocumentMemo } from '../core/analyze';
import { yieldToEventLoop } from './analyzer';
import type { NewsLensSettings } from '../protocol';
import type { Analyzer } from './analyzer';
import type { FileView } from './fileView';
import type { Position } from '../core/lineIndex';

/**
 * Below this many characters (~100 kB) an edit is analysed without waiting for more keystrokes.
 * Above it the analysis waits for a pause in typing, unless a request asks for the document first.
 */
const DEBOUNCE_ABOVE_LENGTH = 100_000;

/** Quiet time after a document's first analysis before its edit path is warmed up. */
const WARM_EDIT_PATH_AFTER_MS = 100;

/**
 * How long the first analysis of a document just opened waits before its first slice, so a request sent right
 * after `didOpen` (the range of the screen) is read first: a slice already running (one article at least) would
 * otherwise answer it only after that article (issue 14). A request for the whole view ends the wait.
 */
const FIRST_ANALYSIS_GRACE_MS = 10;

interface OpenDocument {
  readonly uri: string;
  version: number;
  text: string;
  /** Bumped on every edit; an analysis whose generation is behind is stale. */
  generation: number;
  closed: boolean;
  /** Resolves with the view of the newest version (or undefined once closed). */
  latest: Promise<FileView | undefined>;
  /** The newest completed view (possibly of an older version). */
  current?: FileView;
  /** The generation `current` was analysed at. */
  currentGeneration?: number;
  /** The layout-only view of a generation, while its first full analysis runs. */
  layout?: { readonly generation: number; readonly view: FileView };
  /** Analysis runs not yet finished (for `idle`). */
  running: number;
  /** Ends the wait for a pause in typing, when an analysis is waiting for one. */
  endDebounce?: () => void;
  /** Range requests of a document just opened being answered: its first analysis waits for them (`rangeView`). */
  partials: number;
  /** Waiting for the last of them to be answered. */
  readonly partialWaiters: (() => void)[];
  /** What the last analysis of this document found: an edit re-does only what it touched. */
  readonly memo: DocumentMemo;
}

export interface DocumentStoreOptions {
  readonly analyzer: Analyzer;
  readonly settingsFor: (uri: string) => Promise<NewsLensSettings>;
  /** Called with each freshly analysed (or re-corrected) view of an open document. */
  readonly onAnalysed: (view: FileView) => void;
  /** Called once per document when it is too large for full analysis. */
  readonly onNotice: (uri: string, notice: string) => void;
  readonly log: (message: string) => void;
  /** Quiet time after an edit before analysis starts, so rapid typing analyses once. */
  readonly debounceMs?: number;
}

/**
 * The open documents: one analysed `FileView` per version, cached and shared by every feature.
 * A newer edit makes the analysis of an older version stale (it stops at its next slice);
 * requests for a document wait for its newest version, never for the workspace index.
 */
export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly noticeShown = new Set<string>();
  private readonly idleWaiters: (() => void)[] = [];
  private runningTotal = 0;

  constructor(private readonly options: DocumentStoreOptions) {}

  /** A document was opened or edited: (re)analyse its newest text. */
  update(uri: string, version: number, text: string): void {
    let doc = this.documents.get(uri);
    const isNew = !doc;
    if (!doc) {
      doc = { uri, version, text, generation: 0, closed: false, latest: Promise.resolve(undefined), running: 0, partials: 0, partialWaiters: [], memo: new DocumentMemo() };
      this.documents.set(uri, doc);
    } else if (doc.text === text && (doc.current || doc.running > 0)) {
      // The same text again (a client sends didOpen, then its content as a change): the analysis under way stands.
      doc.version = version;
      return;
    }
    doc.version = version;
    doc.text = text;
    const generation = ++doc.generation;
    // Small files are re-analysed at once (tens of milliseconds); large ones wait for a pause in typing.
    const debounce = isNew || text.length < DEBOUNCE_ABOVE_LENGTH ? 0 : (this.options.debounceMs ?? 30);
    doc.latest = this.run(doc, generation, debounce);
  }

  /** Drops the document's state; pending analysis stops at its next slice. */
  close(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    doc.closed = true;
    doc.generation++;
    this.documents.delete(uri);
    this.noticeShown.delete(uri);
  }

  isOpen(uri: string): boolean {
    return this.documents.has(uri);
  }

  openUris(): string[] {
    return [...this.documents.keys()];
  }

  /**
   * The analysed newest version of an open document; undefined when it is not open. A request
   * waiting for it ends the wait for a pause in typing: the debounce only saves work nobody waits for.
   */
  async view(uri: string): Promise<FileView | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    doc.endDebounce?.();
    return doc.latest;
  }

  /**
   * The newest version's layout (articles, sections, boilerplate) without waiting for its NLP, so
   * the outline and folding of a document just opened come first. After an edit, the analysis of the
   * new version is quick (it re-does only what the edit touched): that is waited for instead.
   */
  async layoutView(uri: string): Promise<FileView | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    if (doc.current && doc.currentGeneration === doc.generation) return doc.current;
    if (doc.current) return this.view(uri);
    if (doc.layout?.generation !== doc.generation) {
      doc.layout = { generation: doc.generation, view: this.options.analyzer.layoutView(doc.uri, doc.text, doc.version, doc.memo) };
    }
    return doc.layout.view;
  }

  /**
   * For a range of a document just opened: a view of its newest version in which the articles
   * overlapping the range are analysed, without waiting for the rest. The analysed view when there is
   * one (edits wait for theirs, as `view` does).
   */
  async rangeView(uri: string, range: { readonly start: Position; readonly end: Position }): Promise<FileView | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    if (doc.current && doc.currentGeneration === doc.generation) return doc.current;
    if (doc.current) return this.view(uri);
    const layout = await this.layoutView(uri);
    if (!layout || doc.current || doc.layout?.view !== layout) return this.view(uri);
    const span = { start: layout.lines.offsetAt(range.start), end: layout.lines.offsetAt(range.end) };
    // The first analysis does not start a slice until this answer is on its way (see `firstAnalysisMayStart`).
    doc.partials++;
    try {
      // A file above the size limit gets the layout only, in part as in whole.
      const maxFileSizeMB = await this.options.settingsFor(doc.uri).then(
        (s) => s.maxFileSizeMB,
        () => 5,
      );
      if (doc.text.length > maxFileSizeMB * 1024 * 1024) return layout;
      if (doc.current || doc.layout?.view !== layout) return this.view(uri);
      return this.options.analyzer.partialView(doc.uri, doc.text, doc.version, span, doc.memo);
    } catch (e) {
      this.options.log(`analysis of part of ${doc.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return this.view(uri);
    } finally {
      if (--doc.partials === 0) for (const resolve of doc.partialWaiters.splice(0)) resolve();
    }
  }

  /**
   * Resolves when the first analysis of a document just opened may start its first slice: no range request
   * is being answered, and the answers given are written. A slice runs for tens of milliseconds; the
   * connection writes a reply on a later turn of the event loop (a `setImmediate`), so a slice started
   * by the grace timer meanwhile delayed the range answer by that long (issue 14).
   */
  private async firstAnalysisMayStart(doc: OpenDocument): Promise<void> {
    while (doc.partials > 0) await new Promise<void>((resolve) => doc.partialWaiters.push(resolve));
    // Two turns: the reply's write is queued during the turn the answer is made in.
    await yieldToEventLoop();
    await yieldToEventLoop();
  }

  /** The newest completed view without waiting (possibly of an older version). */
  currentView(uri: string): FileView | undefined {
    return this.documents.get(uri)?.current;
  }

  /** Resolves when no open document is being analysed (the background index yields to editing). */
  idle(): Promise<void> {
    if (this.runningTotal === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Re-applies the current correction layer to every open document, or to one when `uri` is given.
   * Cheap: the machine's models are kept. (`Workspace.recorrect` does the indexed files too.)
   */
  recorrect(uri?: string): void {
    for (const doc of this.documents.values()) {
      if (uri !== undefined && doc.uri !== uri) continue;
      const current = doc.current;
      if (!current) continue;
      const view = this.options.analyzer.view(current.uri, current.text, current.rawModel, current.version, current.notice);
      doc.current = view;
      if (current.text === doc.text) doc.latest = Promise.resolve(view);
      this.options.onAnalysed(view);
    }
  }

  private async run(doc: OpenDocument, generation: number, debounceMs: number): Promise<FileView | undefined> {
    const stale = (): boolean => doc.closed || doc.generation !== generation;
    doc.running++;
    this.runningTotal++;
    try {
      if (debounceMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, debounceMs);
          doc.endDebounce = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (!stale()) doc.endDebounce = undefined;
      }
      if (stale()) return this.newest(doc);
      if (!doc.current) {
        // A document just opened: its layout now (the outline, folding and the range of the screen
        // need it), then a moment, so requests already sent are answered first.
        void this.layoutView(doc.uri);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, FIRST_ANALYSIS_GRACE_MS);
          doc.endDebounce = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (stale()) return this.newest(doc);
        doc.endDebounce = undefined;
        await this.firstAnalysisMayStart(doc);
        if (stale()) return this.newest(doc);
      }
      let maxFileSizeMB = 5;
      try {
        maxFileSizeMB = (await this.options.settingsFor(doc.uri)).maxFileSizeMB;
      } catch {
        // defaults
      }
      if (stale()) return this.newest(doc);
      const view = await this.options.analyzer.analyze({ uri: doc.uri, text: doc.text, version: doc.version, maxFileSizeMB, isStale: stale, memo: doc.memo });
      if (!view || stale()) return this.newest(doc);
      const first = !doc.current;
      doc.current = view;
      doc.currentGeneration = generation;
      doc.layout = undefined;
      // Not for a file above the size limit: its edits get the layout only.
      if (first && !view.rawModel.layoutOnly) this.warmEditPathSoon(doc, generation);
      if (view.notice && !this.noticeShown.has(doc.uri)) {
        this.noticeShown.add(doc.uri);
        this.options.onNotice(doc.uri, view.notice);
      }
      this.options.onAnalysed(view);
      return view;
    } catch (e) {
      this.options.log(`analysis of ${doc.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return stale() ? this.newest(doc) : doc.current;
    } finally {
      doc.running--;
      this.runningTotal--;
      if (this.runningTotal === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /**
   * Once a document just opened is analysed and quiet, warms the edit path on it (off the request
   * path: nothing waits for it; one step per turn of the event loop, and it stops when the user types
   * or another analysis runs).
   */
  private warmEditPathSoon(doc: OpenDocument, generation: number): void {
    const quiet = (): boolean => !doc.closed && doc.generation === generation && this.runningTotal === 0;
    setTimeout(() => {
      if (!quiet()) return;
      const steps = this.options.analyzer.warmEditPath(doc.text);
      const next = (): void => {
        const step = steps.shift();
        if (!step || !quiet()) return;
        step();
        setImmediate(next).unref?.();
      };
      next();
    }, WARM_EDIT_PATH_AFTER_MS).unref?.();
  }

  /** A superseded analysis answers with the newest version's view instead. */
  private newest(doc: OpenDocument): Promise<FileView | undefined> {
    return doc.closed ? Promise.resolve(undefined) : doc.latest;
  }
}
