import { MarkupKind, type CodeLens, type Hover } from 'vscode-languageserver/node';
import type { CorpusDatabase } from '../archive/database';
import { storyLabel, type Story, type StoryClustering } from '../core/stories';
import { fileNameOf, onTypedRequest, rangeOf, type ServerContext } from '../context';
import type { Workspace } from '../workspace/workspace';
import {
  NetworkRequest,
  StoriesRequest,
  TimelineRequest,
  type NetworkParams,
  type NetworkResult,
  type StoriesParams,
  type StoriesResult,
  type StoryInfo,
  type TimelineParams,
  type TimelineResult,
} from '../protocol';
import type { FileView } from '../workspace/fileView';
import { network } from './network';
import { outletOf, timeline, timelineAnswer, uriParam } from './timeline';
import { WorkspaceStories } from './workspaceStories';
import { KeptAnswers, keptQuestion } from './keptAnswers';
import type { Answer } from '../util/rawJson';

/** The corpus database of each workspace's server (set when the features are registered). */
const corpusOf = new WeakMap<Workspace, () => CorpusDatabase | undefined>();

const logOf = new WeakMap<Workspace, (message: string) => void>();
/** Tests only: the size above which a stored clustering is let go from memory (`WorkspaceStories`). */
const unloadAboveOf = new WeakMap<Workspace, number>();

const perWorkspace = new WeakMap<Workspace, WorkspaceStories>();
/** The workspace's stories (made on first use). */
export function storiesOf(workspace: Workspace): WorkspaceStories {
  let stories = perWorkspace.get(workspace);
  if (!stories) perWorkspace.set(workspace, (stories = new WorkspaceStories(workspace, corpusOf.get(workspace) ?? (() => undefined), logOf.get(workspace), unloadAboveOf.get(workspace))));
  return stories;
}

function splitKey(key: string): { uri: string; index: number } {
  const at = key.lastIndexOf('#');
  return { uri: key.slice(0, at), index: Number(key.slice(at + 1)) };
}

function storyInfo(workspace: Workspace, story: Story, duplicateOf: ReadonlyMap<string, string>, maxArticles: number): StoryInfo {
  const articles = story.members.slice(0, maxArticles).flatMap((key) => {
    const { uri, index } = splitKey(key);
    const original = duplicateOf.get(key);
    const card = storiesOf(workspace).card(uri, key);
    if (card) return [{ uri, index, ...card, ...(original ? { duplicateOf: splitKey(original) } : {}) }];
    const view = workspace.currentViewOf(uri);
    const article = view?.model.articles[index];
    if (!view || !article) return [];
    return [
      {
        uri,
        index,
        title: view.articleName(article),
        date: article.date,
        source: article.source,
        selectionRange: rangeOf(view, view.articleSelection(article)),
        ...(original ? { duplicateOf: splitKey(original) } : {}),
      },
    ];
  });
  const outlets = [...story.outlets].map((o) => (o.includes('/') ? fileNameOf(o) : o));
  return { id: story.id, label: storyLabel(story), from: story.from, to: story.to, outlets, articles, articleCount: story.members.length };
}

/**
 * Above this many articles, code lenses and hovers never wait for a clustering (a first batch takes a minute at
 * archive size, an update after a change seconds): they use the last one, or none yet, and a new one is computed
 * once the workspace has been quiet for a moment, its batch in slices between requests.
 */
const LENS_RECLUSTER_ARTICLES = 2_000;
const RECLUSTER_QUIET_MS = 1_500;
let reclusterTimer: NodeJS.Timeout | undefined;

/** The clustering for lenses and hovers: current when cheap, else possibly one change behind (or none yet). */
function clusteringForEditor(workspace: Workspace): StoryClustering | null {
  const stories = storiesOf(workspace);
  if (stories.fresh || stories.articleCount <= LENS_RECLUSTER_ARTICLES) return stories.result;
  clearTimeout(reclusterTimer);
  // A failure is logged by the server's unhandled-rejection handler, as a throw in the timer was before.
  reclusterTimer = setTimeout(
    () =>
      void storiesOf(workspace)
        .settle()
        .then(() => storiesOf(workspace).result),
    RECLUSTER_QUIET_MS,
  );
  reclusterTimer.unref?.();
  return stories.lastResult;
}

/** The other articles of an article's story, or none. */
function companions(workspace: Workspace, view: FileView, index: number): { story: Story; others: StoryInfo['articles'] } | undefined {
  const clustering = clusteringForEditor(workspace);
  const story = clustering?.storyOf.get(`${view.uri}#${index}`);
  if (!clustering || !story || story.members.length < 2) return undefined;
  const info = storyInfo(workspace, story, clustering.duplicateOf, story.members.length);
  return { story, others: info.articles.filter((a) => !(a.uri === view.uri && a.index === index)) };
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Hover on a headline or dateline: the story card, "also told by …" with links. */
export function storyHover(workspace: Workspace, view: FileView, offset: number): Hover | null {
  const article = view.model.articles.find((a) => {
    const spans = [a.headlineSpan, a.datelineSpan].filter((s): s is NonNullable<typeof s> => s !== null);
    return spans.some((s) => offset >= s.start && offset <= s.end);
  });
  if (!article) return null;
  const found = companions(workspace, view, article.index);
  if (!found) return null;
  const lines = [`**Story** · ${escape(storyLabel(found.story))}`, 'Also told by:'];
  for (const a of found.others) {
    const line = a.selectionRange.start.line + 1;
    lines.push(`- [${escape(a.title)}](${a.uri}#L${line}) · ${escape(outletOf(a))}${a.date ? ` · ${a.date}` : ''}${a.duplicateOf ? ' · repeat' : ''}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: rangeOf(view, article.headlineSpan ?? article.datelineSpan!) };
}

/** Over each headline of a story of several: "also told by A, B", opening a pick of those articles. */
export function storyLenses(workspace: Workspace, view: FileView): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const article of view.model.articles) {
    const found = companions(workspace, view, article.index);
    if (!found) continue;
    const outlets = [...new Set(found.others.map(outletOf))];
    const shown = outlets.slice(0, 3).join(', ') + (outlets.length > 3 ? ` +${outlets.length - 3}` : '');
    const at = rangeOf(view, view.articleSelection(article));
    const targets = found.others.map((a) => ({ uri: a.uri, range: a.selectionRange, title: a.title, outlet: outletOf(a) }));
    lenses.push({ range: { start: at.start, end: at.start }, command: { title: `also told by ${shown}`, command: 'newsLens.openStoryArticle', arguments: [targets] } });
  }
  return lenses;
}

interface StoriesQuestion {
  readonly only: string | undefined;
  readonly min: number;
  readonly max: number | null;
  readonly db: CorpusDatabase | undefined;
  /** The kept answer's question, when the answer may be kept (the whole workspace, with a database). */
  readonly kept: ReturnType<typeof keptQuestion> | undefined;
  readonly log: (message: string) => void;
}

function storiesQuestion(workspace: Workspace, params: StoriesParams | null): StoriesQuestion {
  const only = uriParam(params);
  const min = Math.max(1, Math.floor(params?.minArticles ?? 1));
  // A count given (even 0: the stories alone) lists that many; anything else lists every article.
  const given = params?.maxArticles;
  const max = typeof given === 'number' && Number.isFinite(given) ? Math.max(0, Math.floor(given)) : null;
  const log = logOf.get(workspace) ?? (() => undefined);
  let db: CorpusDatabase | undefined;
  try {
    db = corpusOf.get(workspace)?.();
  } catch {
    db = undefined;
  }
  // The whole workspace's stories while the database holds all of it: the answer kept there (a reopen reads it
  // instead of loading the stored clustering and every article card: 1–2 s at 10,000 files, issue 15).
  const kept = db && only === undefined ? keptQuestion(workspace, db, workspace.memoryViews(), `stories:${JSON.stringify(max === null ? [min] : [min, max])}`) : undefined;
  return { only, min, max, db, kept, log };
}

function keptStoriesAnswer(workspace: Workspace, q: StoriesQuestion): StoriesResult | undefined {
  return q.db && q.kept ? keptStories.read(workspace, q.db, q.kept, q.log) : undefined;
}

function computedStories(workspace: Workspace, q: StoriesQuestion): StoriesResult {
  const { only, min, max, db, kept, log } = q;
  const clustering = storiesOf(workspace).result;
  // The same clustering and question: the last answer (30,000 article cards at archive size).
  const key = JSON.stringify([only ?? null, min, max, workspace.index.databaseGeneration]);
  const last = lastStories.get(workspace);
  if (last?.clustering === clustering && last.key === key) return last.answer;
  const chosen = clustering.stories.filter((s) => s.members.length >= min && (!only || s.members.some((k) => splitKey(k).uri === only)));
  const answer = { stories: chosen.map((s) => storyInfo(workspace, s, clustering.duplicateOf, max ?? s.members.length)) };
  lastStories.set(workspace, { clustering, key, answer });
  if (db && kept) keptStories.keep(workspace, db, kept, answer, log);
  return answer;
}

/** `newsLens/stories`: the workspace's stories, those of one file, or those with at least `minArticles` articles. */
export function provideStories(workspace: Workspace, params: StoriesParams | null): StoriesResult {
  const q = storiesQuestion(workspace, params);
  return keptStoriesAnswer(workspace, q) ?? computedStories(workspace, q);
}

/**
 * `provideStories` as the server answers it: a clustering batch the answer needs runs in slices between other
 * requests (at 10,000 files it held the server's thread for a minute: no hover, no tokens meanwhile).
 */
export async function answerStories(workspace: Workspace, params: StoriesParams | null): Promise<Answer<StoriesResult>> {
  // The kept answer as kept: over stdio its JSON is written as it is (util/rawJson.ts).
  const q = storiesQuestion(workspace, params);
  const kept = q.db && q.kept ? keptStories.readAnswer(workspace, q.db, q.kept, q.log) : undefined;
  if (kept) return kept;
  await storiesOf(workspace).settle();
  // Asked again: open documents may have changed meanwhile (and with them whether the answer may be kept).
  return computedStories(workspace, storiesQuestion(workspace, params));
}
const keptStories = new KeptAnswers<StoriesResult>();
const lastStories = new WeakMap<Workspace, { clustering: StoryClustering; key: string; answer: StoriesResult }>();

/** `newsLens/timeline`: publication days and resolved days, for one entity or file when asked. */
export function provideTimeline(workspace: Workspace, params: TimelineParams | null): TimelineResult {
  return timeline(workspace, params, corpusOf.get(workspace)?.(), logOf.get(workspace));
}

/** `newsLens/network`: who appears with whom, by article or sentence, over the workspace, a file or a story. */
export function provideNetwork(workspace: Workspace, params: NetworkParams | null): NetworkResult {
  return network(workspace, params, corpusOf.get(workspace)?.(), (id) => storiesOf(workspace).result.stories.find((s) => s.id === id)?.members, logOf.get(workspace));
}

/** Stories and the network of `workspace` read its corpus database (before their first question). */
export function useCorpusForStories(
  workspace: Workspace,
  corpus: () => CorpusDatabase | undefined,
  log: (message: string) => void = () => undefined,
  options: { readonly unloadAboveArticles?: number } = {},
): void {
  corpusOf.set(workspace, corpus);
  logOf.set(workspace, log);
  if (options.unloadAboveArticles !== undefined) unloadAboveOf.set(workspace, options.unloadAboveArticles);
}

/** `newsLens/stories`, `newsLens/timeline`, `newsLens/network` (README: "Protocol"). */
export function registerStoryFeatures(context: ServerContext, corpus: () => CorpusDatabase | undefined = () => undefined): void {
  useCorpusForStories(context.workspace, corpus, (message) => context.log(message));
  onTypedRequest(context, StoriesRequest, (params: StoriesParams | null) => answerStories(context.workspace, params));
  onTypedRequest(context, TimelineRequest, (params: TimelineParams | null) => timelineAnswer(context.workspace, params, corpusOf.get(context.workspace)?.(), logOf.get(context.workspace)));
  onTypedRequest(context, NetworkRequest, (params: NetworkParams | null) => provideNetwork(context.workspace, params));
}
