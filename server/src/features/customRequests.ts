import {
  ArticleAtRequest,
  ArticlesRequest,
  EntitiesRequest,
  EntityMentionsRequest,
  QuotesRequest,
  StatusRequest,
  type ArticleAtParams,
  type ArticleAtResult,
  type ArticlesParams,
  type ArticlesResult,
  type EntitiesParams,
  type EntitiesResult,
  type EntityInfo,
  type EntityMentionsParams,
  type EntityMentionsResult,
  type IndexStatus,
  type QuotesParams,
  type QuotesResult,
} from '../protocol';
import { onTypedRequest, rangeOf, type ServerContext } from '../context';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';
import { fileArticles, quoteInfo } from './articleInfo';
import { detachedCopy } from '../core/text';
import { LineIndex } from '../core/lineIndex';
import { readFileSync } from 'node:fs';
import { decodeArticleFile } from '../util/files';
import { uriToPath } from '../util/uri';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The `textDocument.uri` of a params object, tolerating missing or malformed params. */
function uriOf(params: unknown): string | undefined {
  if (!isRecord(params) || !isRecord(params.textDocument)) return undefined;
  return typeof params.textDocument.uri === 'string' ? params.textDocument.uri : undefined;
}

/**
 * A file's text (the open document's, else read from disk); empty for a file of the index changed on
 * disk and not indexed again yet (its watcher event still to come).
 */
function textOrEmpty(uri: string, view: FileView | undefined): string {
  try {
    if (view) return view.text;
    const file = uriToPath(uri);
    return file ? decodeArticleFile(readFileSync(file)) : '';
  } catch {
    return '';
  }
}

async function viewsFor(workspace: Workspace, params: unknown): Promise<FileView[]> {
  const uri = uriOf(params);
  if (uri === undefined) return workspace.allViews();
  const view = await workspace.viewOf(uri);
  return view ? [view] : [];
}

export async function provideArticles(workspace: Workspace, params: ArticlesParams | null): Promise<ArticlesResult> {
  const outline = isRecord(params) && params.outline === true;
  if (uriOf(params) !== undefined) return { files: (await viewsFor(workspace, params)).map((v) => fileArticles(v, outline)) };
  // Every file, one view at a time: files in the corpus database are read back for this answer only.
  const files: ArticlesResult['files'] = [];
  workspace.forEachView((v) => void files.push(fileArticles(v, outline)));
  return { files };
}

export async function provideEntities(workspace: Workspace, params: EntitiesParams | null): Promise<EntitiesResult> {
  const kind = isRecord(params) && typeof params.kind === 'string' ? params.kind : undefined;
  const query = isRecord(params) && typeof params.query === 'string' ? params.query.toLowerCase() : '';
  const limit = isRecord(params) && typeof params.limit === 'number' && params.limit >= 0 ? params.limit : Infinity;
  type Listed = Omit<EntityInfo, 'aliases'> & { readonly aliases: readonly string[] };
  let entities: readonly Listed[];
  const uri = uriOf(params);
  if (uri !== undefined) {
    const view = await workspace.viewOf(uri);
    entities = (view?.model.entities ?? []).map((e) => ({ id: e.id, name: e.name, kind: e.kind, aliases: e.aliases, mentionCount: e.mentions.length, fileCount: 1 }));
  } else {
    // The workspace's entities as they are (tens of thousands): filtered first, copied only for the answer.
    entities = workspace.entities.entities();
  }
  const filtered = entities.filter((e) => (!kind || e.kind === kind) && (!query || e.name.toLowerCase().includes(query) || e.aliases.some((a) => a.toLowerCase().includes(query))));
  filtered.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name));
  return { entities: filtered.slice(0, limit).map((e) => ({ id: e.id, name: e.name, kind: e.kind, aliases: [...e.aliases], mentionCount: e.mentionCount, fileCount: e.fileCount })) };
}

export function provideEntityMentions(workspace: Workspace, params: EntityMentionsParams | null): EntityMentionsResult {
  const id = isRecord(params) && typeof params.id === 'string' ? params.id : '';
  if (!id) return { mentions: [] };
  // Files of the index keep no text: each is read once per request (mentions come grouped by file). A file that
  // lives in the corpus database only is read from disk as text, never read back as a view (its whole model).
  let textOf: { uri: string; lines: LineIndex; text: string } | undefined;
  const mentions = workspace.entities.mentions(id).map(({ uri, range, article }) => {
    if (textOf?.uri !== uri) {
      const inMemory = workspace.isOpen(uri) || !workspace.index.isStored(uri);
      const text = inMemory ? textOrEmpty(uri, workspace.currentViewOf(uri)) : (workspace.index.storedText(uri) ?? '');
      textOf = { uri, text, lines: new LineIndex(text) };
    }
    const lineStart = textOf.lines.lineStartOffset(range.start.line);
    // A copy, not a slice: a slice would keep the whole text read for it alive until the answer is sent.
    const lineText = detachedCopy(textOf.text.slice(lineStart, Math.min(textOf.lines.lineEndOffset(range.start.line), lineStart + 400)).trim());
    return { uri, range, lineText, article };
  });
  return { mentions };
}

export async function provideQuotes(workspace: Workspace, params: QuotesParams | null): Promise<QuotesResult> {
  const includeScare = params?.includeScare === true;
  if (uriOf(params) === undefined && !includeScare) {
    // The workspace's statements: open documents from memory, every other file from the corpus database.
    const quotes = workspace
      .quotes()
      .map((q) => ({ uri: q.uri, range: q.range, text: q.text, speaker: q.speaker, speakerId: q.speakerId, article: q.article, kind: q.kind, ...(q.via ? { via: q.via } : {}) }));
    return { quotes };
  }
  const views = await viewsFor(workspace, params);
  return { quotes: views.flatMap((view) => view.quotes.filter((q) => includeScare || !q.scare).map((q) => quoteInfo(view, q))) };
}

export async function provideArticleAt(workspace: Workspace, params: ArticleAtParams | null): Promise<ArticleAtResult | null> {
  const uri = uriOf(params);
  if (!uri || !isRecord(params) || !isRecord(params.position)) return null;
  const view = await workspace.viewOf(uri);
  if (!view) return null;
  const line = Number(params.position.line);
  const character = Number(params.position.character);
  if (!Number.isFinite(line) || !Number.isFinite(character)) return null;
  const article = view.articleAt(view.lines.offsetAt({ line: Math.max(0, line), character: Math.max(0, character) }));
  if (!article) return null;
  return {
    index: article.index,
    total: view.model.articles.length,
    title: article.title ?? view.preview(article),
    date: article.date,
    source: article.source,
    range: rangeOf(view, article.span),
  };
}

/** The News Lens requests the sidebar, status bar and other tools use (see README: "Protocol"). */
export function registerCustomRequests(context: ServerContext): void {
  const { workspace } = context;
  onTypedRequest(context, ArticlesRequest, (params) => provideArticles(workspace, params));
  onTypedRequest(context, EntitiesRequest, (params) => provideEntities(workspace, params));
  onTypedRequest(context, EntityMentionsRequest, (params) => provideEntityMentions(workspace, params));
  onTypedRequest(context, QuotesRequest, (params) => provideQuotes(workspace, params));
  onTypedRequest(context, ArticleAtRequest, (params) => provideArticleAt(workspace, params));
  onTypedRequest(context, StatusRequest, (): IndexStatus => workspace.status);
}
