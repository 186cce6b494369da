/**
 * News Lens custom LSP protocol and settings, typed once and imported by both the client and
 * the server. These shapes are a public interface (documented in the README): extend them
 * with optional fields, never change or remove one.
 *
 * Every custom request and notification is a typed descriptor (as rust-analyzer's lsp_ext.ts and
 * vscode-eslint's customMessages.ts do with `RequestType`): the method, its parameters and its result
 * are tied together, so a client call or a server handler of the wrong shape does not compile. Our
 * own descriptor, not vscode-jsonrpc's class: the client and the server libraries bundle different
 * majors of vscode-jsonrpc, whose classes are nominal to each other. No runtime import from the core.
 */
import type { EntityKind } from './core/model';

/** A custom request: its method, carrying its parameter and result types (the phantom `types` is never set). */
export interface RequestDescriptor<P, R> {
  readonly method: string;
  readonly types?: { params: P; result: R };
}
/** A custom notification: its method, carrying its parameter type. */
export interface NotificationDescriptor<P> {
  readonly method: string;
  readonly types?: { params: P };
}
function request<P, R>(method: string): RequestDescriptor<P, R> {
  return { method };
}
function notification<P>(method: string): NotificationDescriptor<P> {
  return { method };
}
/** A command (`workspace/executeCommand`, or a client command a code lens runs): its id, carrying its argument tuple. */
export interface CommandDescriptor<A extends readonly unknown[]> {
  readonly command: string;
  readonly types?: { args: A };
}
function command<A extends readonly unknown[]>(id: string): CommandDescriptor<A> {
  return { command: id };
}
/** An LSP `Command` whose arguments are checked against the descriptor's. */
export function commandCall<A extends readonly unknown[]>(type: CommandDescriptor<A>, title: string, args: A): { title: string; command: string; arguments: unknown[] } {
  return { title, command: type.command, arguments: [...args] };
}

export type { EntityKind };

export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}
export interface TextDocumentRef {
  uri: string;
}

/** Settings under `newsLens.*`, read per resource. */
export interface NewsLensSettings {
  /** Globs (workspace-relative) of plain-text files treated as news articles. */
  files: string[];
  highlight: { person: boolean; place: boolean; organization: boolean; date: boolean; quote: boolean };
  /** Dim boilerplate (paywall lines, share buttons, duplicated captions). */
  dimBoilerplate: boolean;
  /** Reveal the article under the cursor in the Articles view as the cursor moves. */
  revealArticleOnCursorMove: boolean;
  /** Files larger than this get only the cheap features (outline, folding). */
  maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: NewsLensSettings = {
  files: ['**/seeds/*.txt'],
  highlight: { person: true, place: true, organization: true, date: true, quote: true },
  dimBoilerplate: true,
  revealArticleOnCursorMove: true,
  maxFileSizeMB: 5,
};

export interface EntityCounts {
  person: number;
  place: number;
  organization: number;
  quote: number;
}

export interface ArticleEntityInfo {
  id: string;
  name: string;
  kind: EntityKind;
  /** Mentions of this entity inside the article. */
  count: number;
  /** The entity's first mention inside the article. */
  firstMention: LspRange;
}

export interface QuoteInfo {
  uri: string;
  range: LspRange;
  /** Quoted text without its marks. */
  text: string;
  speaker: string | null;
  speakerId: string | null;
  /** Index of the article in its file. */
  article: number;
}

export interface ArticleInfo {
  /** Index of the article in its file, 0-based. */
  index: number;
  title: string | null;
  /** First words of the body, for untitled articles. */
  preview: string;
  date: string | null;
  source: string | null;
  authors: string[];
  range: LspRange;
  /** Headline range, or the first body line's range for untitled articles. */
  selectionRange: LspRange;
  sections: { title: string; range: LspRange }[];
  wordCount: number;
  counts: EntityCounts;
  /** The article's entities, most mentioned first. */
  entities: ArticleEntityInfo[];
  quotes: QuoteInfo[];
}

export interface FileArticles {
  uri: string;
  articles: ArticleInfo[];
  /** Boilerplate ranges of the file (dimmed by the client). */
  boilerplate?: LspRange[];
  /** Set when the file was only segmented (too large, or unreadable): a one-line reason. */
  notice?: string;
}

/** `newsLens/articles`: one file's articles, or (no textDocument) every article file of the workspace. */
export const ArticlesRequest = request<ArticlesParams | null, ArticlesResult>('newsLens/articles');
export interface ArticlesParams {
  textDocument?: TextDocumentRef;
  /**
   * When true, each article's `entities` and `quotes` may be left empty (counts, titles, ranges
   * and boilerplate still filled): the sidebar lists hundreds of files from this cheap answer and
   * asks for one file's full articles when the user expands one. A server may ignore it.
   */
  outline?: boolean;
}
export interface ArticlesResult {
  files: FileArticles[];
}

export interface EntityInfo {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  mentionCount: number;
  fileCount: number;
}

/** `newsLens/entities`: the entities of one file or of the whole workspace, most mentioned first. */
export const EntitiesRequest = request<EntitiesParams | null, EntitiesResult>('newsLens/entities');
export interface EntitiesParams {
  textDocument?: TextDocumentRef;
  kind?: EntityKind;
  /** Case-insensitive substring filter over names and aliases. */
  query?: string;
  /** At most this many (default: all). */
  limit?: number;
}
export interface EntitiesResult {
  entities: EntityInfo[];
}

export interface MentionInfo {
  uri: string;
  range: LspRange;
  /** The text of the line holding the mention, trimmed. */
  lineText: string;
  article: number;
}

/** `newsLens/entityMentions`: every mention of one entity in the workspace (lazy tree children). */
export const EntityMentionsRequest = request<EntityMentionsParams, EntityMentionsResult>('newsLens/entityMentions');
export interface EntityMentionsParams {
  id: string;
}
export interface EntityMentionsResult {
  mentions: MentionInfo[];
}

/** `newsLens/quotes`: quotations of one file or of the workspace; scare quotes excluded. */
export const QuotesRequest = request<QuotesParams | null, QuotesResult>('newsLens/quotes');
export interface QuotesParams {
  textDocument?: TextDocumentRef;
}
export interface QuotesResult {
  quotes: QuoteInfo[];
}

/** `newsLens/articleAt`: the article under a position (status bar, reveal in view). */
export const ArticleAtRequest = request<ArticleAtParams, ArticleAtResult | null>('newsLens/articleAt');
export interface ArticleAtParams {
  textDocument: TextDocumentRef;
  position: LspPosition;
}
export interface ArticleAtResult {
  index: number;
  total: number;
  title: string | null;
  date: string | null;
  source: string | null;
  range: LspRange;
}

/** `newsLens/indexStatus` (server → client notification): workspace index progress; views refresh on it. */
export const IndexStatusNotification = notification<IndexStatus>('newsLens/indexStatus');
export interface IndexStatus {
  state: 'indexing' | 'ready';
  filesIndexed: number;
  filesTotal: number;
  /** Increases whenever any file's analysis changes, so views know to refresh. */
  generation: number;
}

/** `newsLens/status` takes no parameters (`{}` or null). */
export type StatusParams = Record<string, never> | null;
/** `newsLens/status` request: the current index status (the client's ready signal polls nothing: it awaits this and the notification). */
export const StatusRequest = request<StatusParams, IndexStatus>('newsLens/status');

/** Semantic token legend shared by server and manifest (`contributes.semanticTokenTypes`). Order matters. */
export const SEMANTIC_TOKEN_TYPES = ['person', 'place', 'organization', 'date', 'quote'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['speaker', 'firstMention', 'scare'] as const;

// Commands (offsets are UTF-16 offsets into the document). The server checks every argument it is given:
// these types are what its own code actions send and what other clients should.
export const SetKindCommand = command<[uri: string, offset: number, kind: EntityKind]>('newsLens.annotate.setKind');
export const NotEntityCommand = command<[uri: string, offset: number]>('newsLens.annotate.notEntity');
export const SameEntityCommand = command<[uri: string, offset: number, targetId: string, targetName: string]>('newsLens.annotate.sameEntity');
export const AddEntityCommand = command<[uri: string, start: number, end: number, kind: EntityKind]>('newsLens.annotate.addEntity');
export const SetSpeakerCommand = command<[uri: string, offset: number, speakerId: string | null, name: string | null]>('newsLens.annotate.setSpeaker');
export const RemoveCorrectionCommand = command<[correctionId: string]>('newsLens.annotate.remove');
export const UndoCorrectionCommand = command<[]>('newsLens.annotate.undo');
export const ReloadCorrectionsCommand = command<[]>('newsLens.annotate.reload');
/** Without arguments the server asks for the format; `uri` limits the export to one file. */
export const ExportCommand = command<[] | [format: string, uri?: string] | [{ format?: string; uri?: string }]>('newsLens.export');
/** A client command: the code lens over a headline reveals its article in the sidebar. */
export const RevealArticleCommand = command<[uri: string, article: number]>('newsLens.revealArticle');
