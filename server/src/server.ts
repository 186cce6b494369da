import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ProposedFeatures,
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
import { EntityIndex } from './core/entityIndex';
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
import { formatCount } from './core/text';
import { registerStoryFeatures } from './features/stories';
import { Analyzer } from './workspace/analyzer';
import { DocumentStore } from './workspace/documentStore';
import type { FileView } from './workspace/fileView';
import { SettingsCache } from './workspace/settings';
import { uriToPath, WorkspaceIndex } from './workspace/workspaceIndex';
// ---- archive (issue 13): the corpus database ----
import { CorpusDatabase } from './archive/database';
import { defaultDatabasePath } from './archive/location';
import { registerSearch } from './features/search';
import { registerSniffFolder } from './features/sniffFolder';
import { AnalysisPool } from './archive/workerPool';
import * as path from 'node:path';

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

// The transport (IPC from the VS Code client, --stdio for other editors) is chosen from argv.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string): void => connection.console.log(message);

/** How long an analysed document stays unedited before its tokens and outline are prepared ahead of the requests. */
const PREPARE_WHEN_QUIET_MS = 50;

const analyzer = new Analyzer();
const settings = new SettingsCache();
const entities = new EntityIndex();
let clientCapabilities: InitializeParams['capabilities'] = {};
let statusTimer: NodeJS.Timeout | undefined;

const store: DocumentStore = new DocumentStore({
  analyzer,
  settingsFor: (uri) => settings.get(uri),
  onAnalysed: (view) => {
    entities.update(view.uri, view.model);
    for (const e of view.model.analysisErrors ?? []) log(`News Lens: ${view.uri}: ${e}`);
    scheduleStatus();
    // Once the document has been quiet for a moment, prepare what the editor asks for next (tokens,
    // outline), so those answers are lookups; while the user types, the next keystroke comes first.
    setTimeout(() => {
      if (store.currentView(view.uri) !== view) return;
      settings
        .get(view.uri)
        .then((current) => {
          if (store.currentView(view.uri) !== view) return;
          prepareTokens(view, current.highlight);
          outlineOf(view);
        })
        .catch((e: unknown) => log(`News Lens: preparing ${view.uri}: ${e instanceof Error ? e.message : String(e)}`));
    }, PREPARE_WHEN_QUIET_MS);
  },
  // A notification, not a request: no answer to wait for, and every client (Neovim too) shows it.
  onNotice: (_uri, notice) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: notice }),
  log,
});

const index = new WorkspaceIndex({
  analyzer,
  entities,
  settingsFor: (uri) => settings.get(uri),
  isOpen: (uri) => store.isOpen(uri),
  editorIdle: () => store.idle(),
  onStatus: (status) => sendStatus(status),
  archive: () => corpus,
  offThread: pool && { parallel: pool.size, analyze: (text, maxLength) => pool.analyze(text, maxLength) },
  onProgress: (done, total) => progress?.report(total ? Math.round((done / total) * 100) : 100, indexProgress(done, total)),
  log,
});
let progress: WorkDoneProgressServerReporter | undefined;

function sendStatus(status: IndexStatus): void {
  sendTypedNotification(connection, IndexStatusNotification, status);
}

/** Edits in open documents change the index too; tell views once things settle. */
function scheduleStatus(): void {
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => index.touch(), 150);
}

const context: ServerContext = {
  connection,
  store,
  index,
  entities,
  settings,
  trusted: true,
  folders: [],
  viewOf: async (uri) => (store.isOpen(uri) ? store.view(uri) : index.view(uri)),
  currentViewOf: (uri) => store.currentView(uri) ?? index.view(uri),
  allViews: () => {
    const views = new Map<string, FileView>();
    for (const uri of index.uris()) {
      const v = index.view(uri);
      if (v) views.set(uri, v);
    }
    for (const uri of store.openUris()) {
      const v = store.currentView(uri);
      if (v) views.set(uri, v);
    }
    return [...views.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  },
  settingsFor: (uri) => settings.get(uri),
  setCorrectionLayer: (layer: CorrectionLayer) => {
    store.setCorrectionLayer(layer);
    context.refresh();
  },
  refresh: (uri) => {
    store.invalidateAll(uri);
    if (clientCapabilities.workspace?.semanticTokens?.refreshSupport) void connection.languages.semanticTokens.refresh();
    if (clientCapabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh');
    index.touch();
  },
  log,
};

// Indexed files are re-corrected when corrections change (open documents are handled by the store).
store.onInvalidate((uri) => {
  for (const u of uri === undefined ? index.uris() : [uri]) {
    if (store.isOpen(u)) continue;
    try {
      // An indexed file keeps no text: this reads it again from disk.
      index.recorrect(u);
    } catch (e) {
      log(`News Lens: re-applying corrections to ${u}: ${e instanceof Error ? e.message : String(e)}`);
      void index.refreshFile(u);
    }
  }
});

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
      const [value] = await connection.workspace.getConfiguration([{ scopeUri, section: 'newsLens' }]);
      return value;
    });
  }
  if (clientCapabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
      context.folders = [...context.folders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined)];
      void rebuildIndex();
    });
  }
  // Load the NLP before the first document, when there is time for it: not when the client opened one
  // right after initializing (an editor started for that file), which would wait for the made-up
  // article (~80 ms of lexicons, gazetteer and cold code) only to load the same things itself.
  setTimeout(() => {
    if (!store.openUris().length) analyzer.warmUp();
  }, WARM_UP_DELAY_MS);
  // A client that refuses the registration still gets the index (without following the disk).
  await registerWatchers().catch((e: unknown) => log(`News Lens: cannot watch files: ${e instanceof Error ? e.message : String(e)}`));
  annotations.start();
  openCorpus(context.folders);
  void rebuildIndex();
});

/** How long after `initialized` the client has to open its documents before the NLP is warmed up without them. */
const WARM_UP_DELAY_MS = 50;

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
      if (change.type === FileChangeType.Deleted) index.removeFile(change.uri);
      else if (!store.isOpen(change.uri)) await index.refreshFile(change.uri);
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

documents.onDidOpen((e) => store.update(e.document.uri, e.document.version, e.document.getText()));
documents.onDidChangeContent((e) => store.update(e.document.uri, e.document.version, e.document.getText()));
documents.onDidClose((e) => {
  store.close(e.document.uri);
  // The file on disk is what the index should hold again (or nothing, when it is not an article file).
  entities.remove(e.document.uri);
  void index.refreshFile(e.document.uri).then(() => index.touch());
});

registerDocumentSymbols(context);
registerFolding(context);
registerWorkspaceSymbols(context);
registerSemanticTokens(context);
registerHover(context);
registerDefinition(context);
registerReferences(context);
registerDocumentHighlights(context);
registerCodeLens(context);
registerCustomRequests(context);
registerStoryFeatures(context);
const annotations = registerAnnotationFeatures(context);
registerLabelFeatures(context, annotations);
registerSearch(context, () => corpus);
registerSniffFolder(context);

// A fault in the server must not take the editor's features down: log it and keep serving.
process.on('uncaughtException', (e) => log(`News Lens: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
// The WAL is folded back into the database file on a clean exit (a killed server leaves it for the next start).
connection.onExit(() => {
  pool?.close();
  corpus?.close();
});
process.on('unhandledRejection', (e) => log(`News Lens: unhandled ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

documents.listen(connection);
connection.listen();
