import { MarkupKind, type CodeLens, type Hover } from 'vscode-languageserver/node';
import type { CorpusDatabase } from '../archive/database';
import { storedStoryArticles } from '../archive/storiesSchema';
import { uriToPath } from '../util/uri';
import type { EntityKind } from '../core/model';
import { StoryIndex, storyArticle, storyLabel, type Story, type StoryArticle, type StoryClustering } from '../core/stories';
import { cooccurrence, mostMentioned, sentenceStarts, topGraph } from '../core/stories/network';
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
import { outletOf, timeline, uriParam } from './timeline';

const DEFAULT_NETWORK_NODES = 60;

/**
 * The workspace's stories, fed from the analysed views: each view's article features are taken once
 * (kept per FileView, which is replaced when its file changes) and handed to the StoryIndex. A file
 * the corpus database holds gives its stored features (one query for the whole archive at the first
 * question, then one per changed file); an open document, or a file without a database, is shingled
 * from its text.
 */
class WorkspaceStories {
  private readonly features = new WeakMap<FileView, readonly StoryArticle[]>();
  private readonly fed = new Map<string, FileView>();
  /** The database's features of every file, read at the first question, each taken once. */
  private stored: Map<string, StoryArticle[]> | null = null;
  readonly index: StoryIndex;

  constructor(
    private readonly workspace: Workspace,
    private readonly corpus: () => CorpusDatabase | undefined,
  ) {
    this.index = new StoryIndex((id) => workspace.entities.resolve(id));
  }

  private fromDatabase(view: FileView): readonly StoryArticle[] | undefined {
    const db = this.corpus();
    const file = uriToPath(view.uri);
    if (!db || !file || this.workspace.isOpen(view.uri)) return undefined;
    try {
      if (!this.stored) this.stored = storedStoryArticles(db.sql);
      const found = this.stored.get(view.uri) ?? storedStoryArticles(db.sql, file).get(view.uri);
      this.stored.delete(view.uri);
      // Rows of another version of the file (changed since) do not count: their articles differ.
      return found && found.length === view.model.articles.length ? found : undefined;
    } catch {
      return undefined;
    }
  }

  private featuresOf(view: FileView): readonly StoryArticle[] {
    let list = this.features.get(view);
    if (!list) {
      if (view.model.layoutOnly || !view.model.articles.length) list = [];
      else list = this.fromDatabase(view);
      if (!list) {
        let text = '';
        try {
          text = view.text;
        } catch {
          // A file changed on disk and not indexed again yet: no text, its watcher event is still to come.
        }
        list = text ? view.model.articles.map((a) => storyArticle(view.uri, text, a)) : [];
      }
      this.features.set(view, list);
    }
    return list;
  }

  /** Brings the index up to date with the workspace's current views and returns it. */
  current(): StoryIndex {
    const views = this.workspace.allViews();
    const seen = new Set<string>();
    for (const view of views) {
      seen.add(view.uri);
      if (this.fed.get(view.uri) === view) continue;
      this.index.setArticles(view.uri, this.featuresOf(view));
      this.fed.set(view.uri, view);
    }
    this.stored = null;
    for (const uri of [...this.fed.keys()]) {
      if (seen.has(uri)) continue;
      this.index.removeFile(uri);
      this.fed.delete(uri);
    }
    // Entity resolution (surnames merged across files) is read as each file's articles go in; it is
    // read again for every article at the next batch (StoryIndex: REBATCH_SHARE), not on every change.
    return this.index;
  }
}

/** The corpus database of each workspace's server (set when the features are registered). */
const corpusOf = new WeakMap<Workspace, () => CorpusDatabase | undefined>();

const perWorkspace = new WeakMap<Workspace, WorkspaceStories>();
function storiesOf(workspace: Workspace): StoryIndex {
  let stories = perWorkspace.get(workspace);
  if (!stories) perWorkspace.set(workspace, (stories = new WorkspaceStories(workspace, corpusOf.get(workspace) ?? (() => undefined))));
  return stories.current();
}

function splitKey(key: string): { uri: string; index: number } {
  const at = key.lastIndexOf('#');
  return { uri: key.slice(0, at), index: Number(key.slice(at + 1)) };
}

function storyInfo(workspace: Workspace, story: Story, duplicateOf: ReadonlyMap<string, string>): StoryInfo {
  const articles = story.members.flatMap((key) => {
    const { uri, index } = splitKey(key);
    const view = workspace.currentViewOf(uri);
    const article = view?.model.articles[index];
    if (!view || !article) return [];
    const original = duplicateOf.get(key);
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
  return { id: story.id, label: storyLabel(story), from: story.from, to: story.to, outlets: [...story.outlets].map((o) => (o.includes('/') ? fileNameOf(o) : o)), articles };
}

/**
 * Above this many articles, code lenses and hovers do not wait for a new clustering after a change
 * (seconds at archive size, and the server answers nothing meanwhile): they use the last one, and a
 * new one is computed once the workspace has been quiet for a moment.
 */
const LENS_RECLUSTER_ARTICLES = 2_000;
const RECLUSTER_QUIET_MS = 1_500;
let reclusterTimer: NodeJS.Timeout | undefined;

/** The clustering for lenses and hovers: current when cheap, else possibly one change behind. */
function clusteringForEditor(workspace: Workspace): StoryClustering {
  const stories = storiesOf(workspace);
  const last = stories.lastResult;
  if (stories.fresh || !last || stories.articleCount <= LENS_RECLUSTER_ARTICLES) return stories.result;
  clearTimeout(reclusterTimer);
  reclusterTimer = setTimeout(() => void storiesOf(workspace).result, RECLUSTER_QUIET_MS);
  reclusterTimer.unref?.();
  return last;
}

/** The other articles of an article's story, or none. */
function companions(workspace: Workspace, view: FileView, index: number): { story: Story; others: StoryInfo['articles'] } | undefined {
  const clustering = clusteringForEditor(workspace);
  const story = clustering.storyOf.get(`${view.uri}#${index}`);
  if (!story || story.members.length < 2) return undefined;
  const info = storyInfo(workspace, story, clustering.duplicateOf);
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

/** One unit of co-occurrence: the entities (file ids, not yet resolved) it names, with their kinds and mentions. */
interface Unit {
  readonly ids: readonly string[];
  readonly kinds: readonly EntityKind[];
  readonly counts: readonly number[];
  readonly article: number;
}

/**
 * Each view's units, made once per analysed version (a view is replaced when its file changes): a
 * question over the workspace then only resolves and counts, never walks mentions or reads a file again.
 */
const articleUnits = new WeakMap<FileView, readonly Unit[]>();
const sentenceUnits = new WeakMap<FileView, readonly Unit[]>();

function unitOf(mentions: readonly { entityId: string; kind: EntityKind }[], article: number): Unit {
  const at = new Map<string, number>();
  const ids: string[] = [];
  const kinds: EntityKind[] = [];
  const counts: number[] = [];
  for (const m of mentions) {
    const i = at.get(m.entityId);
    if (i !== undefined) {
      counts[i]++;
      continue;
    }
    at.set(m.entityId, ids.length);
    ids.push(m.entityId);
    kinds.push(m.kind);
    counts.push(1);
  }
  return { ids, kinds, counts, article };
}

/** Units of one view's articles: one per article, or one per sentence (the text read once per version). */
function unitsOf(view: FileView, unit: 'article' | 'sentence'): readonly Unit[] {
  const cache = unit === 'article' ? articleUnits : sentenceUnits;
  let units = cache.get(view);
  if (units) return units;
  const list: Unit[] = [];
  if (unit === 'article') for (const article of view.model.articles) list.push(unitOf(article.mentions, article.index));
  else {
    let text: string | undefined;
    try {
      text = view.text;
    } catch {
      // Changed on disk and not indexed again yet: no sentences until its watcher event comes.
    }
    for (const article of text === undefined ? [] : view.model.articles) {
      for (const p of article.paragraphs) {
        const starts = sentenceStarts(text!, p.start, p.end);
        const inP = article.mentions.filter((m) => m.span.start >= p.start && m.span.start < p.end);
        let s = 0;
        let current: typeof inP = [];
        for (const m of inP) {
          while (s + 1 < starts.length && m.span.start >= starts[s + 1]) {
            if (current.length) list.push(unitOf(current, article.index));
            current = [];
            s++;
          }
          current.push(m);
        }
        if (current.length) list.push(unitOf(current, article.index));
      }
    }
  }
  units = list;
  cache.set(view, units);
  return units;
}

/** The last network answer with what it was made of: every view (each file's analysed version) and the question. */
const lastNetwork = new WeakMap<Workspace, { key: string; views: readonly FileView[]; result: NetworkResult }>();

function network(workspace: Workspace, params: NetworkParams | null): NetworkResult {
  const unit = params?.unit === 'sentence' ? 'sentence' : 'article';
  const kinds = new Set<EntityKind>(params?.kinds?.length ? params.kinds : ['person', 'place', 'organization']);
  const limit = Math.max(1, Math.min(500, Math.floor(params?.limit ?? DEFAULT_NETWORK_NODES)));
  const scope = params?.scope ?? 'workspace';
  let selection: { view: FileView; articles: Set<number> | null }[];
  if (scope === 'file') {
    const uri = uriParam(params);
    const view = uri ? workspace.currentViewOf(uri) : undefined;
    selection = view ? [{ view, articles: null }] : [];
  } else if (scope === 'story') {
    const story = storiesOf(workspace).result.stories.find((s) => s.id === params?.story);
    const byUri = new Map<string, Set<number>>();
    for (const key of story?.members ?? []) {
      const { uri, index } = splitKey(key);
      if (!byUri.has(uri)) byUri.set(uri, new Set());
      byUri.get(uri)!.add(index);
    }
    selection = [...byUri].flatMap(([uri, articles]) => {
      const view = workspace.currentViewOf(uri);
      return view ? [{ view, articles }] : [];
    });
  } else selection = workspace.allViews().map((view) => ({ view, articles: null }));
  // The same question over the same views and entities: the last answer (the webview asks again when shown).
  const members = scope === 'story' ? selection.map((s) => [...(s.articles ?? [])]) : null;
  const key = JSON.stringify([workspace.entities.generation, unit, [...kinds].sort(), limit, scope, members]);
  const last = lastNetwork.get(workspace);
  if (last?.key === key && last.views.length === selection.length && last.views.every((v, i) => v === selection[i].view)) return last.result;
  // Each file id resolved once per question (aliases and surnames merged across files).
  const resolved = new Map<string, string>();
  const resolve = (id: string): string => {
    let r = resolved.get(id);
    if (r === undefined) resolved.set(id, (r = workspace.entities.resolve(id)));
    return r;
  };
  const mentions = new Map<string, number>();
  const kindOf = new Map<string, EntityKind>();
  const chosen: Unit[] = [];
  for (const { view, articles } of selection) {
    for (const u of unitsOf(view, unit)) {
      if (articles && !articles.has(u.article)) continue;
      chosen.push(u);
      u.ids.forEach((id, i) => {
        if (!kinds.has(u.kinds[i])) return;
        const r = resolve(id);
        mentions.set(r, (mentions.get(r) ?? 0) + u.counts[i]);
        if (!kindOf.has(r)) kindOf.set(r, u.kinds[i]);
      });
    }
  }
  // Pairs only among the most mentioned names (a margin over those shown, as some name nobody else).
  const kept = mostMentioned(limit * 2)(mentions);
  const units = chosen.map((u) => u.ids.filter((id, i) => kinds.has(u.kinds[i]) && kept.has(resolve(id))).map(resolve));
  const pairs = cooccurrence(units).pairs;
  const top = topGraph({ mentions, pairs }, limit);
  const result = {
    nodes: top.nodes.map((id) => ({ id, name: workspace.entities.entity(id)?.name ?? id, kind: kindOf.get(id) ?? 'person', mentions: mentions.get(id) ?? 0 })),
    edges: top.edges,
  };
  lastNetwork.set(workspace, { key, views: selection.map((s) => s.view), result });
  return result;
}

/** `newsLens/stories`: the workspace's stories, those of one file, or those with at least `minArticles` articles. */
export function provideStories(workspace: Workspace, params: StoriesParams | null): StoriesResult {
  const stories = storiesOf(workspace);
  const only = uriParam(params);
  const min = Math.max(1, Math.floor(params?.minArticles ?? 1));
  const { duplicateOf } = stories.result;
  const chosen = stories.result.stories.filter((s) => s.members.length >= min && (!only || s.members.some((k) => splitKey(k).uri === only)));
  return { stories: chosen.map((s) => storyInfo(workspace, s, duplicateOf)) };
}

/** `newsLens/timeline`: publication days and resolved days, for one entity or file when asked. */
export function provideTimeline(workspace: Workspace, params: TimelineParams | null): TimelineResult {
  return timeline(workspace, params);
}

/** `newsLens/network`: who appears with whom, by article or sentence, over the workspace, a file or a story. */
export function provideNetwork(workspace: Workspace, params: NetworkParams | null): NetworkResult {
  return network(workspace, params);
}

/** `newsLens/stories`, `newsLens/timeline`, `newsLens/network` (README: "Protocol"). */
export function registerStoryFeatures(context: ServerContext, corpus: () => CorpusDatabase | undefined = () => undefined): void {
  corpusOf.set(context.workspace, corpus);
  onTypedRequest(context, StoriesRequest, (params: StoriesParams | null) => provideStories(context.workspace, params));
  onTypedRequest(context, TimelineRequest, (params: TimelineParams | null) => provideTimeline(context.workspace, params));
  onTypedRequest(context, NetworkRequest, (params: NetworkParams | null) => provideNetwork(context.workspace, params));
}
