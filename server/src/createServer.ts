import {
  type Connection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CorrectionLayer } from './core/corrections';
import { IndexStatusNotification, type IndexStatus } from './protocol';
import { sendTypedNotification, type ServerContext } from './context';
import { registerAnnotationFeatures } from './features/annotations';
import { registerLabelFeatures } from './features/labels';
import { registerCodeLens } from './features/codeLens';
import { registerCustomRequests } from './features/customRequests';
import { outlineOf, registerDocumentSymbols } from './features/documentSymbols';
import { registerFolding } from './features/folding';
import { registerHover } from './features/hover';
import { registerDefinition, registerDocumentHighlights, registerReferences } from './features/references';
import { prepareTokens, registerSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';
import { registerWorkspaceSymbols } from './features/workspaceSymbols';
import { registerStoryFeatures } from './features/stories';
import { registerSearch } from './features/search';
import { registerSniffFolder } from './features/sniffFolder';
import { formatCount } from './core/text';
import { CorpusDatabase } from './archive/database';
import { defaultDatabasePath } from './archive/location';
import { AnalysisPool } from './archive/workerPool';
import * as path from 'node:path';
import { Workspace } from './workspace/workspace';
import { uriToPath } from './util/uri';

/** How long an analysed document stays unedited before its tokens and outline are prepared ahead of the requests. */
const PREPARE_WHEN_QUIET_MS = 50;

export interface NewsLensServer {
  /** The open and indexed views, the entity index and the settings the features read. */
  readonly workspace: Workspace;
  readonly context: ServerContext;
  /** Starts reading from the connection. */
  listen(): void;
}

/**
 * The News Lens language server on a connection: the workspace, its wiring to the editor's documents,
 * the index and the file watchers, and every feature's registration. `server.ts` gives it the process's
 * connection; tests may give it one over in-memory streams.
 */
export interface ServerOptions {
  /** Quiet time after an edit of a large document before it is analysed (see DocumentStore). */
  readonly debounceMs?: number;
  /** Whether `listen` first warms the NLP up on made-up articles (default true). */
  readonly warmUp?: boolean;
}

export function createServer(connection: Connection, options: ServerOptions = {}): NewsLensServer {
  const documents = new TextDocuments(TextDocument);
  const log = (message: string): void => connection.console.log(message);

  // ---- archive (issue 13): the corpus database and the index's worker threads ----
  let corpus: CorpusDatabase | undefined;
  // Worker threads for the index: the bundle beside this one (absent when run from sources, e.g. tests).
  const pool = AnalysisPool.create(path.join(__dirname, 'analysisWorker.js'));
  let databasePath: string | undefined;

  /** Opens the corpus database once (a broken one is moved aside inside `open`); without it the index works from memory. */
  function openCorpus(folders: readonly string[]): void {
    if (corpus || !folders.length) return;
    const file = databasePath ?? defaultDatabasePath(folders);
    try {
      corpus = CorpusDatabase.open(file, (message) => {
        log(message);
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
      });
      log(`News Lens: corpus database ${file} (${corpus.sql.engine}, ${corpus.count()} files)`);
    } catch (e) {
      log(`News Lens: no corpus database (${file}: ${e instanceof Error ? e.message : String(e)}); indexing in memory only`);
    }
  }
  let rateFrom: { at: number; done: number } | undefined;
  let lastDone = 0;

  /** "indexing 1,200 / 10,000 files · 38 files/s · 4 min left": the rate since this rebuild's first report. */
  function indexProgress(done: number, total: number): string {
    const now = Date.now();
    if (!rateFrom || done < lastDone) rateFrom = { at: now, done };
    lastDone = done;
    const count = `indexing ${formatCount(done)} / ${formatCount(total)} files`;
    const seconds = (now - rateFrom.at) / 1000;
    const rate = seconds > 0.5 ? (done - rateFrom.done) / seconds : 0;
    if (!(rate > 0) || done >= total) return count;
    const left = (total - done) / rate;
    const leftText = left < 90 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`;
    return `${count} · ${rate < 10 ? rate.toFixed(1) : Math.round(rate)} files/s · ${leftText} left`;
  }
  // ---- end archive ----

  let clientCapabilities: InitializeParams['capabilities'] = {};
  let statusTimer: NodeJS.Timeout | undefined;

  const workspace: Workspace = new Workspace({
    log,
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    onAnalysed: (view) => {
      for (const e of view.model.analysisErrors ?? []) log(`News Lens: ${view.uri}: ${e}`);
      scheduleStatus();
      // Once the document has been quiet for a moment, prepare what the editor asks for next (tokens,
      // outline), so those answers are lookups; while the user types, the next keystroke comes first.
      setTimeout(() => {
        if (workspace.store.currentView(view.uri) !== view) return;
        settings
          .get(view.uri)
          .then((current) => {
            if (workspace.store.currentView(view.uri) !== view) return;
            prepareTokens(view, current.highlight);
            outlineOf(view);
          })
          .catch((e: unknown) => log(`News Lens: preparing ${view.uri}: ${e instanceof Error ? e.message : String(e)}`));
      }, PREPARE_WHEN_QUIET_MS);
    },
    // A notification, not a request: no answer to wait for, and every client (Neovim too) shows it.
    onNotice: (_uri, notice) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: notice }),
    onStatus: (status) => sendStatus(status),
    archive: () => corpus,
    // No `free`: the server's thread does not analyse indexed files, it writes them (see AnalysisPool.create).
    offThread: pool && { parallel: pool.size, analyze: (text, maxLength) => pool.analyze(text, maxLength) },
    onProgress: (done, total) => progress?.report(total ? Math.round((done / total) * 100) : 100, indexProgress(done, total)),
  });
  const { analyzer, settings, index } = workspace;
  let progress: WorkDoneProgressServerReporter | undefined;

  function sendStatus(status: IndexStatus): void {
    sendTypedNotification(connection, IndexStatusNotification, status);
  }

  /** Edits in open documents change the index too; tell views once things settle. */
  function scheduleStatus(): void {
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => index.touch(), 150);
  }

  /** Tells clients that support it to ask again for tokens and lenses, and views to reload. */
  function refreshClients(): void {
    if (clientCapabilities.workspace?.semanticTokens?.refreshSupport) void connection.languages.semanticTokens.refresh();
    if (clientCapabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh');
    index.touch();
  }

  const context: ServerContext = {
    connection,
    workspace,
    trusted: true,
    folders: [],
    setCorrectionLayer: (layer: CorrectionLayer) => {
      workspace.setCorrections(layer);
      refreshClients();
    },
    refresh: (uri) => {
      workspace.recorrect(uri);
      refreshClients();
    },
    log,
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    clientCapabilities = params.capabilities;
    const options = params.initializationOptions as { settings?: unknown; trusted?: unknown; databasePath?: unknown } | undefined;
    if (typeof options?.databasePath === 'string' && options.databasePath) databasePath = options.databasePath;
    if (options?.settings) settings.setPushed(options.settings);
    if (options?.trusted === false) context.trusted = false;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    context.folders = folders.map((u) => uriToPath(u)).filter((p): p is string => p !== undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'News Lens' },
        foldingRangeProvider: true,
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: annotations.commands },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'News Lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (clientCapabilities.workspace?.configuration) {
      settings.useFetcher(async (scopeUri) => {
        const values = (await connection.workspace.getConfiguration([{ scopeUri, section: 'newsLens' }])) as unknown[];
        return values[0];
      });
    }
    if (clientCapabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        context.folders = [...context.folders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined)];
        void rebuildIndex();
      });
    }
    // A client that refuses the registration still gets the index (without following the disk).
    await registerWatchers().catch((e: unknown) => log(`News Lens: cannot watch files: ${e instanceof Error ? e.message : String(e)}`));
    annotations.start();
    openCorpus(context.folders);
    void rebuildIndex();
  });

  let watcherRegistration: { dispose(): void } | undefined;

  /** Watches the article files (and the annotations file); again with the new globs when `newsLens.files` changes. */
  async function registerWatchers(): Promise<void> {
    if (!clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    const globs = (await settings.get()).files;
    const watched = [...globs, '**/.newslens/annotations.json'];
    const previous = watcherRegistration;
    watcherRegistration = undefined;
    previous?.dispose();
    watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: watched.map((globPattern) => ({ globPattern })) });
  }

  async function rebuildIndex(): Promise<void> {
    let cancelled = false;
    progress?.done();
    progress = undefined;
    if (clientCapabilities.window?.workDoneProgress) {
      try {
        const reporter = await connection.window.createWorkDoneProgress();
        reporter.begin('News Lens', 0, 'indexing…', true);
        reporter.token.onCancellationRequested(() => {
          cancelled = true;
        });
        progress = reporter;
      } catch {
        progress = undefined;
      }
    }
    const mine = progress;
    try {
      await index.rebuild(context.folders, () => cancelled);
      // The workspace's entity table (every stored entity, aliases merged) serves references, hovers and the
      // views: built now, once, rather than in the first hover (seconds at 10,000 files).
      setImmediate(() => {
        try {
          workspace.entities.entities();
        } catch (e) {
          log(`News Lens: entity table: ${e instanceof Error ? e.message : String(e)}`);
        }
      });
    } catch (e) {
      log(`News Lens: indexing failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      mine?.done();
      if (progress === mine) progress = undefined;
      if (cancelled) sendStatus({ ...index.status, state: 'ready' });
    }
  }

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      try {
        if (annotations.onFileChanged(change.uri)) continue;
        await workspace.fileChanged(change.uri, change.type === FileChangeType.Deleted);
      } catch (e) {
        log(`News Lens: file change ${change.uri}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    const before = JSON.stringify((await settings.get()).files);
    if (!clientCapabilities.workspace?.configuration) settings.setPushed(change.settings);
    else settings.clear();
    const now = await settings.get();
    if (JSON.stringify(now.files) !== before) {
      await registerWatchers().catch((e: unknown) => log(`News Lens: cannot watch files: ${e instanceof Error ? e.message : String(e)}`));
      void rebuildIndex();
    }
    context.refresh();
  });

  documents.onDidOpen((e) => workspace.update(e.document.uri, e.document.version, e.document.getText()));
  documents.onDidChangeContent((e) => workspace.update(e.document.uri, e.document.version, e.document.getText()));
  documents.onDidClose((e) => void workspace.close(e.document.uri));

  registerDocumentSymbols(context);
  registerFolding(context);
  registerWorkspaceSymbols(context);
  registerSemanticTokens(context);
  registerDefinition(context);
  registerReferences(context);
  registerDocumentHighlights(context);
  registerCodeLens(context);
  registerCustomRequests(context);
  registerStoryFeatures(context, () => corpus);
  const annotations = registerAnnotationFeatures(context);
  const labels = registerLabelFeatures(context, annotations);
  registerHover(context, labels);
  registerSearch(context, () => corpus);
  registerSniffFolder(context);

  // The WAL is folded back into the database file on a clean exit (a killed server leaves it for the next start).
  connection.onExit(() => {
    pool?.close();
    corpus?.close();
  });

  documents.listen(connection);
  return {
    workspace,
    context,
    listen: () => {
      // The NLP's code and data are made ready before the first message is read, so the first document's
      // answers run warm: an editor opens its documents right after `initialize` (issue 14).
      if (options.warmUp !== false) analyzer.warmUp();
      connection.listen();
    },
  };
}
