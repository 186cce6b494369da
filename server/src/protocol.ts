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
  /** Who you are: every label, note and review you write carries it (default `default`). */
  annotator?: string;
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
  /** Added: statement, partial (a fragment inside an attributed paraphrase) or scare. */
  kind?: 'statement' | 'partial' | 'scare';
  /** Added: the outlet that relays the words (`according to Al Jazeera`). */
  via?: string;
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

/** `newsLens/quotes`: quotations of one file or of the workspace; scare quotes excluded unless `includeScare`. */
export const QuotesRequest = request<QuotesParams | null, QuotesResult>('newsLens/quotes');
export interface QuotesParams {
  textDocument?: TextDocumentRef;
  /** Added: also return scare quotes (kind `scare`). */
  includeScare?: boolean;
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
export const SEMANTIC_TOKEN_MODIFIERS = ['speaker', 'firstMention', 'scare', 'partial'] as const;

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
// The light bulb's commands on human labels (README "Annotating a corpus").
export const SetLabelAttributeCommand = command<[spanId: string, attribute: string, value: boolean | string]>('newsLens.label.setAttribute');
export const ApplyLabelCommand = command<[uri: string, start: number, end: number, label: string]>('newsLens.label.apply');
export const RemoveLabelCommand = command<[spanId: string]>('newsLens.label.remove');
/** A client command: the code lens over a headline reveals its article in the sidebar. */
export const RevealArticleCommand = command<[uri: string, article: number]>('newsLens.revealArticle');

// ---- Annotating a corpus (README "Annotating a corpus"): schema, labels, notes, review status, curation ----

export type ReviewStatusName = 'unreviewed' | 'in-progress' | 'done';

export interface SchemaLabelInfo {
  name: string;
  color: string;
  key?: string;
  attributes: { name: string; values?: string[] }[];
  builtIn?: boolean;
}

/** `newsLens/schema`: the workspace's label schema (built-in kinds first) and who the server writes as. */
export const SchemaRequest = request<SchemaParams, SchemaResult>('newsLens/schema');
export type SchemaParams = Record<string, never> | null;
export interface SchemaResult {
  spanLabels: SchemaLabelInfo[];
  relationLabels: { name: string; from: string[]; to: string[] }[];
  /** Set when `.newslens/schema.json` cannot be used (the built-in labels are given). */
  problem?: string;
  annotator: string;
}

export interface LabelledSpanInfo {
  id: string;
  label: string;
  range: LspRange;
  annotator: string;
  attributes: Record<string, boolean | string>;
  /** The label's schema colour (`#rrggbb`). */
  color: string;
}

export interface NoteInfo {
  id: string;
  range: LspRange;
  annotator: string;
  text: string;
  createdAt: string;
  resolved: boolean;
  replies: { id: string; annotator: string; text: string; createdAt: string }[];
}

/** `newsLens/labels`: one file's human spans (the configured annotator's) and notes (everyone's). */
export const LabelsRequest = request<LabelsParams, LabelsResult>('newsLens/labels');
export interface LabelsParams {
  textDocument: TextDocumentRef;
  /** Whose spans (default: the `newsLens.annotator` setting). */
  annotator?: string;
}
export interface LabelsResult {
  spans: LabelledSpanInfo[];
  notes: NoteInfo[];
}

/** `newsLens/label`: labels a range (the annotator's span; a built-in kind or a schema label). */
export const LabelRequest = request<LabelParams, LabelledSpanInfo>('newsLens/label');
export interface LabelParams {
  textDocument: TextDocumentRef;
  range: LspRange;
  label: string;
  attributes?: Record<string, boolean | string>;
}

/** `newsLens/unlabel`: removes one of the annotator's spans (by id, or the span under `position`). */
export const UnlabelRequest = request<UnlabelParams, { removed: number }>('newsLens/unlabel');
export interface UnlabelParams {
  textDocument: TextDocumentRef;
  id?: string;
  position?: LspPosition;
}

/**
 * `newsLens/candidate`: the next (or previous) machine mention after `position` that the annotator has
 * not labelled, wrapping around the file; null when every mention is labelled.
 */
export const CandidateRequest = request<CandidateParams, CandidateResult | null>('newsLens/candidate');
export interface CandidateParams {
  textDocument: TextDocumentRef;
  position: LspPosition;
  direction: 'next' | 'previous';
}
export interface CandidateResult {
  range: LspRange;
  /** The machine's kind. */
  label: string;
  text: string;
  /** Unlabelled mentions left in the file. */
  remaining: number;
}

/** `newsLens/confirm`: the machine mention under `position` becomes the annotator's span (its kind, or `label`). */
export const ConfirmRequest = request<ConfirmParams, LabelledSpanInfo | null>('newsLens/confirm');
export interface ConfirmParams {
  textDocument: TextDocumentRef;
  position: LspPosition;
  label?: string;
}

/** `newsLens/addNote`: a new thread, or a reply; `newsLens/resolveNote` sets a thread's resolved flag. */
export const AddNoteRequest = request<AddNoteParams, NoteInfo>('newsLens/addNote');
export interface AddNoteParams {
  textDocument: TextDocumentRef;
  range: LspRange;
  text: string;
  /** The thread's first note id, for a reply. */
  replyTo?: string;
}
export const ResolveNoteRequest = request<ResolveNoteParams, { ok: boolean }>('newsLens/resolveNote');
export interface ResolveNoteParams {
  id: string;
  resolved: boolean;
}

/** `newsLens/setReview`: the review status of one article (by index) for the annotator. */
export const SetReviewRequest = request<SetReviewParams, ReviewProgressInfo>('newsLens/setReview');
export interface SetReviewParams {
  textDocument: TextDocumentRef;
  article: number;
  status: ReviewStatusName;
}
export interface ReviewProgressInfo {
  done: number;
  inProgress: number;
  total: number;
  /** "212 / 1,040 articles done" */
  summary: string;
}

/** `newsLens/reviewProgress`: per file (each article's status) and for the workspace. */
export const ReviewProgressRequest = request<ReviewProgressParams, ReviewProgressResult>('newsLens/reviewProgress');
export interface ReviewProgressParams {
  /** Only this file (else every article file). */
  textDocument?: TextDocumentRef;
}
export interface ReviewProgressResult {
  files: { uri: string; statuses: ReviewStatusName[]; progress: ReviewProgressInfo }[];
  total: ReviewProgressInfo;
}

export interface DisagreementInfo {
  id: string;
  uri: string;
  range: LspRange;
  text: string;
  kind: 'label' | 'boundary' | 'only-a' | 'only-b';
  a: { label: string; range: LspRange; text: string }[];
  b: { label: string; range: LspRange; text: string }[];
}

/** `newsLens/disagreements`: between two annotators (default: the only two besides `curated`). */
export const DisagreementsRequest = request<DisagreementsParams, DisagreementsResult>('newsLens/disagreements');
export interface DisagreementsParams {
  a?: string;
  b?: string;
}
export interface DisagreementsResult {
  a: string;
  b: string;
  disagreements: DisagreementInfo[];
  /** Set when there are not exactly two annotators to compare and none were given. */
  problem?: string;
}

/** `newsLens/curate`: settles one disagreement into the `curated` annotator. */
export const CurateRequest = request<CurateParams, { written: number }>('newsLens/curate');
export interface CurateParams {
  a: string;
  b: string;
  id: string;
  decision: 'a' | 'b' | 'none' | { label: string };
}

/** `newsLens/workspaceLabels`: the custom-labelled spans of the workspace by label (the Entities view's Labels groups). */
export const WorkspaceLabelsRequest = request<WorkspaceLabelsParams, WorkspaceLabelsResult>('newsLens/workspaceLabels');
export interface WorkspaceLabelsParams {
  /** Whose (default: the `newsLens.annotator` setting). */
  annotator?: string;
}
export interface WorkspaceLabelsResult {
  labels: { label: string; color: string; spans: { uri: string; range: LspRange; text: string; annotator: string }[] }[];
}

/** One article of a story. */
export interface StoryArticleInfo {
  uri: string;
  /** Index of the article in its file. */
  index: number;
  title: string;
  date: string | null;
  source: string | null;
  /** The headline's range (or the first body line's). */
  selectionRange: LspRange;
  /** Set on an exact or near-exact repeat: the article it repeats. */
  duplicateOf?: { uri: string; index: number };
}

export interface StoryInfo {
  id: string;
  /** "3 articles · 3 outlets · 1–2 Dec 2024". */
  label: string;
  from: string | null;
  to: string | null;
  outlets: string[];
  /** Earliest first (the first `maxArticles` when the question set it). */
  articles: StoryArticleInfo[];
  /** How many articles the story has, whether or not `articles` lists them all (added). */
  articleCount: number;
}

/** `newsLens/stories`: the stories of the workspace, or those holding one file's articles; largest first. */
export const StoriesRequest = request<StoriesParams | null, StoriesResult>('newsLens/stories');
export interface StoriesParams {
  textDocument?: TextDocumentRef;
  /** Only stories of at least this many articles (default 1: every article's story). */
  minArticles?: number;
  /**
   * List at most this many articles of each story, the earliest (default: all). A picker of stories needs
   * one: at 10,000 files the whole answer is 10 MB of article cards (added).
   */
  maxArticles?: number;
}
export interface StoriesResult {
  stories: StoryInfo[];
}

export interface TimelineEvent {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `published`: an article's publication day; `mentioned`: a date in the text resolved to a day. */
  kind: 'published' | 'mentioned';
  uri: string;
  article: number;
  /** Where to open: the dateline or headline for `published`, the date's words for `mentioned`. */
  range: LspRange;
  /** The article's title (or first words). */
  title: string;
  /** The outlet: the article's source, else the file name. */
  outlet: string;
  /** The date's words as written (`mentioned`), or the dateline's. */
  text: string;
  /** Resolved ids of the entities named in the same paragraph (all of the article's for `published`), at most 12. */
  entities: string[];
}

/** `newsLens/timeline`: publication days and resolved dated events, of the workspace or of one entity. */
export const TimelineRequest = request<TimelineParams | null, TimelineResult>('newsLens/timeline');
export interface TimelineParams {
  /** Only events of this entity: its articles' publication days and the dates in paragraphs naming it. */
  entity?: string;
  textDocument?: TextDocumentRef;
  /** Only events of this outlet (an article's source, else its file's name). */
  outlet?: string;
  /**
   * At most this many events (default 5,000, at most 50,000). When more match, an even sample of them,
   * the same on every call; `total` says how many matched.
   */
  limit?: number;
}
export interface TimelineResult {
  events: TimelineEvent[];
  /** How many events matched: more than `events` holds when they were more than the limit. */
  total: number;
  /** Names and kinds of the entities the events list, for filters and labels. */
  entities: { id: string; name: string; kind: EntityKind }[];
}

/** `newsLens/network`: who appears with whom. */
export const NetworkRequest = request<NetworkParams | null, NetworkResult>('newsLens/network');
export interface NetworkParams {
  /** Default `workspace`. `file` needs `textDocument`; `story` needs `story` (an id from `newsLens/stories`). */
  scope?: 'workspace' | 'file' | 'story';
  textDocument?: TextDocumentRef;
  story?: string;
  /** Two entities co-occur when named in the same `article` (default) or the same `sentence`. */
  unit?: 'article' | 'sentence';
  kinds?: EntityKind[];
  /** At most this many nodes, most mentioned first (default 60). */
  limit?: number;
}
export interface NetworkResult {
  nodes: { id: string; name: string; kind: EntityKind; mentions: number }[];
  /** `weight`: articles (or sentences) naming both. */
  edges: { source: string; target: string; weight: number }[];
}

// ---- Archive search (issue 13) ----

/** `newsLens/search`: the corpus database's answer to filters that all must hold (an article must match each one given). */
export interface SearchParams {
  /** An entity's name, any of its aliases, or its id: articles mentioning it. */
  entity?: string;
  /** A speaker's name (or an alias of the entity): their quotations (each one a hit). */
  speaker?: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: articles published, or mentioning a date, from then on. */
  from?: string;
  /** Same forms as `from`: up to then (inclusive). */
  to?: string;
  /** Part of the outlet's name, case-insensitive ("times" finds The New York Times). */
  outlet?: string;
  /** Full-text search over titles and bodies: every word must occur. */
  text?: string;
  /** At most this many hits (default 200, at most 5,000). */
  limit?: number;
  /** Hits to skip first, for the next page (default 0): with `limit`, `offset: 200` gives hits 201–400. */
  offset?: number;
}

export interface SearchHit {
  uri: string;
  /** Index of the article in its file. */
  article: number;
  title: string | null;
  date: string | null;
  source: string | null;
  /** What the hit points at: the entity's first mention, the quotation, the matching date, or the article. */
  kind: 'mention' | 'quotation' | 'date' | 'article';
  /** The mention's, quotation's or date's text (absent for an article hit). */
  text?: string;
  speaker?: string | null;
  range: LspRange;
}

export interface SearchResult {
  hits: SearchHit[];
  /** More hits were found than `limit`. */
  truncated: boolean;
  /** Why there is no answer (no corpus database, no filter given), when there is none. */
  message?: string;
}

export const SearchRequest = request<SearchParams, SearchResult>('newsLens/search');

/** `newsLens/sniffFolder`: whether a folder's `.txt` files look like news (a few are read), for "treat them as articles?". */
export interface SniffFolderParams {
  /** A folder inside a workspace folder (file: URI). */
  uri: string;
}

export interface SniffFolderResult {
  /** `.txt` files below the folder (counted up to 20,000). */
  txtFiles: number;
  /** Of those, not matched by `newsLens.files` now. */
  unmatched: number;
  /** Files read, and how many of them look like news (dateline, byline, outlet or quotations, in prose). */
  sampled: number;
  newsLike: number;
  looksLikeNews: boolean;
  /** The glob (relative to the workspace folder) that adds them to `newsLens.files`, e.g. `archive/**\/*.txt`. */
  glob: string;
  /** The workspace folder the glob is relative to (file: URI), or null when the folder is in none. */
  workspaceFolder: string | null;
}

export const SniffFolderRequest = request<SniffFolderParams, SniffFolderResult>('newsLens/sniffFolder');
