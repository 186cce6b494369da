import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { IndexStatusNotification, type EntityKind, type IndexStatus, type LspRange } from '../../server/src/protocol';
import { BoilerplateDecorations } from './boilerplateDecorations';
import { annotateActiveFile, associateIfMatching } from './fileAssociation';
import { createLanguageClient } from './languageClient';
import { goToArticle, LANGUAGE_ID, moveToArticle } from './navigation';
import { onTypedNotification, revealRange, ServerApi } from './serverApi';
import { registerArchiveSearch } from './archiveSearch';
import { registerAnyFolder } from './anyFolder';
import { ArticleStatusBar } from './statusBar';
import { ArticlesTree, type ArticlesNode } from './views/articlesTree';
import { EntitiesTree } from './views/entitiesTree';
import { QuotesTree } from './views/quotesTree';
import { snapshotTree } from './views/snapshot';
import { registerAnnotate } from './annotate';
import { openStoryArticle, StoryPanels } from './views/storyPanels';
import { KIND_GROUPS } from './views/treeModel';

/** What `activate` returns: the request channel, for tests and other extensions. */
export interface NewsLensApi {
  client: LanguageClient;
  sendRequest(method: string, params?: unknown): Promise<unknown>;
  /** Resolves once the client runs and the first workspace index is built. */
  whenReady(): Promise<IndexStatus>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): NewsLensApi {
  const output = vscode.window.createOutputChannel('News Lens', { log: true });
  const languageClient = createLanguageClient(context, output);
  client = languageClient;

  // Started without awaiting: activation stays cheap, every request waits for this promise.
  let starting: Promise<void> = Promise.resolve();
  const start = (): void => {
    void vscode.commands.executeCommand('setContext', 'newsLens.state', 'starting');
    starting = languageClient.start().catch((error: unknown) => {
      output.info(`The News Lens server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
    starting.catch(() => undefined);
  };
  const api = new ServerApi(languageClient, () => starting);
  registerArchiveSearch(context, api);

  const articles = new ArticlesTree(api);
  const entities = new EntitiesTree(api);
  const quotes = new QuotesTree(api);
  const articlesView = vscode.window.createTreeView('newsLens.articles', { treeDataProvider: articles, showCollapseAll: true });
  const entitiesView = vscode.window.createTreeView('newsLens.entities', { treeDataProvider: entities, showCollapseAll: true });
  const quotesView = vscode.window.createTreeView('newsLens.quotes', { treeDataProvider: quotes, showCollapseAll: true });
  const statusBar = new ArticleStatusBar(api);
  const boilerplate = new BoilerplateDecorations(api);
  context.subscriptions.push(output, articles, entities, quotes, articlesView, entitiesView, quotesView, statusBar, boilerplate);

  // Index status: the ready signal, and a debounced refresh of everything when the index changed.
  let lastStatus: IndexStatus | undefined;
  const statusListeners = new Set<(status: IndexStatus) => void>();
  let refreshTimer: NodeJS.Timeout | undefined;
  const annotate = registerAnnotate(context, api, { articles, articlesView, entities });
  const refreshAll = (): void => {
    annotate.refresh();
    articles.refresh();
    entities.refresh();
    quotes.refresh();
    boilerplate.schedule(0);
    statusBar.schedule(0);
  };
  const scheduleRefresh = (): void => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshAll, 300);
  };
  context.subscriptions.push({ dispose: () => clearTimeout(refreshTimer) });
  const onStatus = (status: IndexStatus): void => {
    const changed = status.generation !== lastStatus?.generation || status.state !== lastStatus?.state;
    lastStatus = status;
    api.generation = status.generation;
    void vscode.commands.executeCommand('setContext', 'newsLens.state', status.state);
    for (const listener of statusListeners) listener(status);
    if (changed) scheduleRefresh();
  };
  context.subscriptions.push(onTypedNotification(languageClient, IndexStatusNotification, onStatus));
  context.subscriptions.push(
    languageClient.onDidChangeState((event) => {
      if (event.newState === State.Running) {
        // After a crash and restart the server's generation starts over: views reload from scratch.
        lastStatus = undefined;
        void api.status().then(onStatus, () => undefined);
      } else if (event.newState === State.Stopped) {
        void vscode.commands.executeCommand('setContext', 'newsLens.state', 'stopped');
      }
    }),
  );

  const whenReady = async (): Promise<IndexStatus> => {
    await starting;
    if (lastStatus?.state === 'ready') return lastStatus;
    return new Promise<IndexStatus>((resolve, reject) => {
      const listener = (status: IndexStatus): void => {
        if (status.state !== 'ready') return;
        statusListeners.delete(listener);
        resolve(status);
      };
      // Listen first, then ask: a notification arriving in between is not missed.
      statusListeners.add(listener);
      api.status().then(onStatus, (error: unknown) => {
        statusListeners.delete(listener);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  };

  // Reveal the article under the cursor in the Articles view (debounced, only when the view shows).
  let revealTimer: NodeJS.Timeout | undefined;
  let lastRevealed = '';
  const scheduleReveal = (): void => {
    clearTimeout(revealTimer);
    revealTimer = setTimeout(() => void revealArticleUnderCursor(), 300);
  };
  context.subscriptions.push({ dispose: () => clearTimeout(revealTimer) });
  const revealArticleUnderCursor = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!articlesView.visible || !editor || editor.document.languageId !== LANGUAGE_ID) return;
    if (!vscode.workspace.getConfiguration('newsLens').get<boolean>('revealArticleOnCursorMove', true)) return;
    try {
      const at = await api.articleAt(editor.document, editor.selection.active);
      if (!at) return;
      const key = `${editor.document.uri.toString()}#${at.index}@${api.generation}`;
      if (key === lastRevealed) return;
      const node = await articles.articleNode(editor.document.uri.toString(), at.index);
      if (!node) return;
      lastRevealed = key;
      await articlesView.reveal(node, { select: true, focus: false, expand: false });
    } catch {
      // The tree is reloading or the server restarting: the next cursor move tries again.
    }
  };

  const revealArticle = async (uri: string | vscode.Uri, index: number): Promise<void> => {
    const node: ArticlesNode | undefined = await articles.articleNode(typeof uri === 'string' ? uri : uri.toString(), Number(index));
    if (!node) {
      void vscode.window.showInformationMessage('News Lens: that article is not in the Articles view yet; try again once indexing is done.');
      return;
    }
    await articlesView.reveal(node, { select: true, focus: true, expand: 1 });
  };

  const filterEntities = async (): Promise<void> => {
    const query = await vscode.window.showInputBox({
      title: 'News Lens: Filter Entities',
      prompt: 'Show entities whose name or alias contains this text (empty: no name filter)',
      value: entities.filter.query ?? '',
    });
    if (query === undefined) return;
    entities.setFilter({ ...entities.filter, query: query.trim() });
    entitiesView.description = entities.description;
  };
  const filterEntitiesByKind = async (): Promise<void> => {
    const picked = await vscode.window.showQuickPick(
      [{ label: 'All kinds', entityKind: undefined as EntityKind | undefined }, ...KIND_GROUPS.map((g) => ({ label: g.label, entityKind: g.kind }))].map((p) => ({
        ...p,
        description: p.entityKind === entities.filter.kind ? 'current' : '',
      })),
      { title: 'News Lens: Filter Entities by Kind' },
    );
    if (!picked) return;
    entities.setFilter({ ...entities.filter, kind: picked.entityKind });
    entitiesView.description = entities.description;
  };

  const command = (id: string, run: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));
  };
  command('newsLens.whenReady', () => whenReady());
  registerAnyFolder(context, api, () => whenReady());
  command('newsLens.nextArticle', () => moveToArticle(api, 1));
  command('newsLens.previousArticle', () => moveToArticle(api, -1));
  command('newsLens.goToArticle', () => goToArticle(api));
  command('newsLens.annotateFile', () => annotateActiveFile());
  command('newsLens.revealArticle', (uri: string | vscode.Uri, index: number) => revealArticle(uri, index));
  command('newsLens.openLocation', (uri: string, range: LspRange) => revealRange(uri, range));
  command('newsLens.refresh', () => refreshAll());
  command('newsLens.entities.filter', () => filterEntities());
  command('newsLens.entities.filterKind', () => filterEntitiesByKind());
  command('newsLens.entities.clearFilter', () => {
    entities.setFilter({});
    entitiesView.description = undefined;
  });
  command('newsLens.toggleDimBoilerplate', async () => {
    const config = vscode.workspace.getConfiguration('newsLens');
    await config.update('dimBoilerplate', !config.get<boolean>('dimBoilerplate', true), vscode.ConfigurationTarget.Global);
  });
  command('newsLens.showOutput', () => output.show(true));
  command('newsLens.restartServer', async () => {
    output.info('Restarting the News Lens server (command).');
    starting = languageClient.restart();
    await starting;
  });
  const revealEntity = async (id: string): Promise<void> => {
    let node = await entities.entityNode(id);
    if (!node && (entities.filter.query || entities.filter.kind)) {
      entities.setFilter({});
      entitiesView.description = undefined;
      node = await entities.entityNode(id);
    }
    if (node) await entitiesView.reveal(node, { select: true, focus: true, expand: false });
  };
  const panels = new StoryPanels(context.extensionUri, api, revealEntity);
  context.subscriptions.push(panels);
  // From the palette (no argument), an Entities view item ({ entity }) or a hover link ({ id, name }).
  command('newsLens.showTimeline', (arg?: unknown) => panels.showTimeline(timelineEntityOf(arg)));
  command('newsLens.showNetwork', () => panels.showNetwork());
  command('newsLens.articles.groupByStory', () => articles.groupByStory(true));
  command('newsLens.articles.groupByFile', () => articles.groupByStory(false));
  command('newsLens.openStoryArticle', (targets: Parameters<typeof openStoryArticle>[0]) => openStoryArticle(targets));
  // For tests and bug reports: the data and the trees as the user sees them.
  command('newsLens.debug.articles', () => api.articles());
  command('newsLens.debug.treeSnapshot', (view: 'articles' | 'entities' | 'quotes' = 'articles', depth = 2) => {
    const provider = view === 'entities' ? entities : view === 'quotes' ? quotes : articles;
    return snapshotTree<unknown>(provider, depth);
  });

  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor !== vscode.window.activeTextEditor || event.textEditor.document.languageId !== LANGUAGE_ID) return;
      statusBar.schedule();
      scheduleReveal();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => {
      statusBar.schedule(0);
      scheduleReveal();
    }),
    vscode.window.onDidChangeVisibleTextEditors(() => boilerplate.schedule(0)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.languageId === LANGUAGE_ID && event.contentChanges.length) boilerplate.schedule(500);
    }),
    vscode.workspace.onDidOpenTextDocument((document) => void associateIfMatching(document)),
    vscode.workspace.onDidCloseTextDocument((document) => api.forget(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('newsLens.dimBoilerplate')) boilerplate.schedule(0);
      if (event.affectsConfiguration('newsLens.files')) for (const document of vscode.workspace.textDocuments) void associateIfMatching(document);
    }),
    articlesView.onDidChangeVisibility((event) => {
      if (event.visible) scheduleReveal();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // The server was told `trusted: false` at start-up; a restart tells it the new state.
      output.info('Workspace trusted: restarting the News Lens server so it may write annotation files.');
      starting = languageClient.restart();
      starting.catch(() => undefined);
    }),
  );
  for (const document of vscode.workspace.textDocuments) void associateIfMatching(document);

  start();
  return { client: languageClient, sendRequest: (method, params) => api.sendRequest(method, params), whenReady };
}

function timelineEntityOf(arg: unknown): { id: string; name: string } | undefined {
  const value = typeof arg === 'object' && arg !== null && 'entity' in arg ? arg.entity : arg;
  if (typeof value === 'string') return { id: value, name: value };
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, name } = value as { id?: unknown; name?: unknown };
  return typeof id === 'string' ? { id, name: typeof name === 'string' ? name : id } : undefined;
}

export async function deactivate(): Promise<void> {
  if (client?.isRunning()) await client.stop();
}
