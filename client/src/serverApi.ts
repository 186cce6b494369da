import type { LanguageClient } from 'vscode-languageclient/node';
import * as vscode from 'vscode';
import {
  ArticleAtRequest,
  ArticlesRequest,
  EntitiesRequest,
  EntityMentionsRequest,
  QuotesRequest,
  SearchRequest,
  SniffFolderRequest,
  StatusRequest,
  type ArticleAtResult,
  type ArticlesParams,
  type ArticlesResult,
  type EntitiesParams,
  type EntitiesResult,
  type EntityMentionsResult,
  type FileArticles,
  type IndexStatus,
  type LspRange,
  type NotificationDescriptor,
  type QuotesResult,
  type RequestDescriptor,
  NetworkRequest,
  StoriesRequest,
  TimelineRequest,
  type NetworkParams,
  type NetworkResult,
  type StoriesParams,
  type StoriesResult,
  type TimelineParams,
  type TimelineResult,
  type SearchParams,
  type SearchResult,
  type SniffFolderResult,
} from '../../server/src/protocol';

/**
 * The client's only data source: the language server's custom requests (the client computes
 * nothing). Every call first waits for the client to be running, so views opened during start-up
 * show their progress bar instead of an empty tree.
 */
export class ServerApi {
  /** Bumped by `newsLens/indexStatus`: cached answers older than this are stale. */
  generation = 0;
  private readonly fileCache = new Map<string, { key: string; answer: Promise<FileArticles | undefined> }>();

  constructor(
    readonly client: LanguageClient,
    private readonly started: () => Promise<void>,
  ) {}

  /** Every call goes through a typed request: the method fixes its parameter and result types. */
  private async send<P, R>(type: RequestDescriptor<P, R>, params: P): Promise<R> {
    await this.started();
    return this.client.sendRequest<R>(type.method, params);
  }

  /** A typed request for feature modules outside this class (annotating a corpus: client/src/annotate/). */
  request<P, R>(type: RequestDescriptor<P, R>, params: P): Promise<R> {
    return this.send(type, params);
  }

  /** Raw channel for tests and other extensions (the `activate` API): untyped on purpose. */
  async sendRequest(method: string, params: unknown = {}): Promise<unknown> {
    await this.started();
    return this.client.sendRequest<unknown>(method, params ?? {});
  }

  /** One file's articles, or every article file of the workspace; `outline`: without entities and quotes (cheaper). */
  articles(uri?: vscode.Uri | string, options: { outline?: boolean } = {}): Promise<ArticlesResult> {
    const params: ArticlesParams = { ...(uri ? { textDocument: { uri: uri.toString() } } : {}), ...(options.outline ? { outline: true } : {}) };
    return this.send(ArticlesRequest, params);
  }

  /**
   * One document's articles (outline: ranges, titles, boilerplate), cached per document version and
   * index generation: navigation and decorations ask often, the answer changes only on edits or index updates.
   */
  fileArticles(document: vscode.TextDocument): Promise<FileArticles | undefined> {
    const uri = document.uri.toString();
    const key = `${document.version}@${this.generation}`;
    const cached = this.fileCache.get(uri);
    if (cached?.key === key) return cached.answer;
    const answer = this.articles(document.uri, { outline: true }).then(
      (r) => r.files.find((f) => f.uri === uri) ?? r.files[0],
      () => undefined,
    );
    this.fileCache.set(uri, { key, answer });
    return answer;
  }

  forget(uri: vscode.Uri): void {
    this.fileCache.delete(uri.toString());
  }

  entities(params: EntitiesParams = {}): Promise<EntitiesResult> {
    return this.send(EntitiesRequest, params);
  }

  entityMentions(id: string): Promise<EntityMentionsResult> {
    return this.send(EntityMentionsRequest, { id });
  }

  quotes(uri?: vscode.Uri, includeScare = false): Promise<QuotesResult> {
    return this.send(QuotesRequest, { ...(uri ? { textDocument: { uri: uri.toString() } } : {}), ...(includeScare ? { includeScare } : {}) });
  }

  articleAt(document: vscode.TextDocument, position: vscode.Position): Promise<ArticleAtResult | null> {
    return this.send(ArticleAtRequest, { textDocument: { uri: document.uri.toString() }, position: { line: position.line, character: position.character } });
  }

  status(): Promise<IndexStatus> {
    return this.send(StatusRequest, {});
  }

  /** Stories, timeline and network (the webviews and the "also told by" pick). */
  stories(params: StoriesParams): Promise<StoriesResult> {
    return this.send(StoriesRequest, params);
  }
  timeline(params: TimelineParams): Promise<TimelineResult> {
    return this.send(TimelineRequest, params);
  }
  network(params: NetworkParams): Promise<NetworkResult> {
    return this.send(NetworkRequest, params);
  }

  /** Archive search over the corpus database (issue 13). */
  search(params: SearchParams): Promise<SearchResult> {
    return this.send(SearchRequest, params);
  }

  /** Whether a folder's .txt files look like news (any-folder prompt, issue 13). */
  sniffFolder(uri: string): Promise<SniffFolderResult> {
    return this.send(SniffFolderRequest, { uri });
  }
}

/** Listens to a typed custom notification from the server: the method fixes the parameter type. */
export function onTypedNotification<P>(client: LanguageClient, type: NotificationDescriptor<P>, handler: (params: P) => void): vscode.Disposable {
  return client.onNotification(type.method, handler);
}

export function toRange(r: LspRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Opens a file at a range, puts the cursor at its start and scrolls it into view. */
export async function revealRange(uri: string | vscode.Uri, range: LspRange, options: { preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const r = toRange(range);
  const editor = await vscode.window.showTextDocument(target, { preview: false, preserveFocus: options.preserveFocus ?? false });
  editor.selection = new vscode.Selection(r.start, r.start);
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
