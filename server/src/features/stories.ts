import { MarkupKind, type CodeLens, type Hover } from 'vscode-languageserver/node';
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
  type TimelineEvent,
  type TimelineParams,
  type TimelineResult,
} from '../protocol';
import type { FileView } from '../workspace/fileView';

/** Entities listed per timeline event: enough to filter and label, few enough to stay small. */
const EVENT_ENTITIES = 12;
const DEFAULT_NETWORK_NODES = 60;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The workspace's stories, fed from the analysed views: each view's article features are computed
 * once (kept per FileView, which is replaced when its file changes) and handed to the StoryIndex.
 * The corpus database, once there, feeds stored features through `StoryIndex.setArticles` instead.
 */
class WorkspaceStories {
  private readonly features = new WeakMap<FileView, readonly StoryArticle[]>();
  private readonly fed = new Map<string, FileView>();
  private entityGeneration = -1;
  readonly index: StoryIndex;

  constructor(private readonly workspace: Workspace) {
    this.index = new StoryIndex((id) => workspace.entities.resolve(id));
  }

  private featuresOf(view: FileView): readonly StoryArticle[] {
    let list = this.features.get(view);
    if (!list) {
      let text = '';
      try {
        text = view.model.layoutOnly ? '' : view.text;
      } catch {
        // A file changed on disk and not indexed again yet: no text, its watcher event is still to come.
      }
      list = text ? view.model.articles.map((a) => storyArticle(view.uri, text, a)) : [];
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
    for (const uri of [...this.fed.keys()]) {
      if (seen.has(uri)) continue;
      this.index.removeFile(uri);
      this.fed.delete(uri);
    }
    if (this.workspace.entities.generation !== this.entityGeneration) {
      this.entityGeneration = this.workspace.entities.generation;
      this.index.invalidate();
    }
    return this.index;
  }
}

const perWorkspace = new WeakMap<Workspace, WorkspaceStories>();
function storiesOf(workspace: Workspace): StoryIndex {
  let stories = perWorkspace.get(workspace);
  if (!stories) perWorkspace.set(workspace, (stories = new WorkspaceStories(workspace)));
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

function outletOf(a: { source: string | null; uri: string }): string {
  return a.source?.trim() || fileNameOf(a.uri);
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

function uriParam(params: { textDocument?: { uri?: unknown } } | null | undefined): string | undefined {
  const uri = params?.textDocument?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

function timeline(workspace: Workspace, params: TimelineParams | null): TimelineResult {
  const entity = typeof params?.entity === 'string' ? workspace.entities.resolve(params.entity) : undefined;
  const only = uriParam(params);
  const events: TimelineEvent[] = [];
  const named = new Map<string, { id: string; name: string; kind: EntityKind }>();
  const note = (id: string, name: string, kind: EntityKind): void => {
    if (!named.has(id)) named.set(id, { id, name: workspace.entities.entity(id)?.name ?? name, kind });
  };
  for (const view of only ? [workspace.currentViewOf(only)].filter((v): v is FileView => v !== undefined) : workspace.allViews()) {
    for (const article of view.model.articles) {
      const resolved = article.mentions.map((m) => ({ m, id: workspace.entities.resolve(m.entityId) }));
      if (entity && !resolved.some((r) => r.id === entity)) continue;
      const title = view.articleName(article);
      const outlet = outletOf({ source: article.source, uri: view.uri });
      const counts = new Map<string, number>();
      for (const r of resolved) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
      const top = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, EVENT_ENTITIES)
        .map(([id]) => id);
      for (const r of resolved) if (top.includes(r.id)) note(r.id, r.m.name, r.m.kind);
      if (article.date && ISO_DAY.test(article.date)) {
        const span = article.datelineSpan ?? view.articleSelection(article);
        events.push({ date: article.date, kind: 'published', uri: view.uri, article: article.index, range: rangeOf(view, span), title, outlet, text: `published ${article.date}`, entities: top });
      }
      for (const d of article.dates) {
        if (!d.iso || !ISO_DAY.test(d.iso) || d.iso === article.date) continue;
        const paragraph = article.paragraphs.find((p) => d.span.start >= p.start && d.span.start < p.end);
        const inParagraph = paragraph ? resolved.filter((r) => r.m.span.start >= paragraph.start && r.m.span.start < paragraph.end) : [];
        const ids = [...new Set(inParagraph.map((r) => r.id))];
        if (entity && !ids.includes(entity)) continue;
        for (const r of inParagraph) note(r.id, r.m.name, r.m.kind);
        events.push({ date: d.iso, kind: 'mentioned', uri: view.uri, article: article.index, range: rangeOf(view, d.span), title, outlet, text: d.text, entities: ids.slice(0, EVENT_ENTITIES) });
      }
    }
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line));
  return { events, entities: [...named.values()] };
}

/** Units of co-occurrence of one view's articles: one per article, or one per sentence. */
function unitsOf(workspace: Workspace, view: FileView, articles: ReadonlySet<number> | null, unit: 'article' | 'sentence', kinds: ReadonlySet<EntityKind>): string[][] {
  const units: string[][] = [];
  let text: string | undefined;
  for (const article of view.model.articles) {
    if (articles && !articles.has(article.index)) continue;
    const mentions = article.mentions.filter((m) => kinds.has(m.kind));
    if (unit === 'article') {
      units.push(mentions.map((m) => workspace.entities.resolve(m.entityId)));
      continue;
    }
    try {
      text ??= view.text;
    } catch {
      return units;
    }
    for (const p of article.paragraphs) {
      const starts = sentenceStarts(text, p.start, p.end);
      const inP = mentions.filter((m) => m.span.start >= p.start && m.span.start < p.end);
      let s = 0;
      let current: string[] = [];
      for (const m of inP) {
        while (s + 1 < starts.length && m.span.start >= starts[s + 1]) {
          if (current.length) units.push(current);
          current = [];
          s++;
        }
        current.push(workspace.entities.resolve(m.entityId));
      }
      if (current.length) units.push(current);
    }
  }
  return units;
}

function network(workspace: Workspace, params: NetworkParams | null): NetworkResult {
  const unit = params?.unit === 'sentence' ? 'sentence' : 'article';
  const kinds = new Set<EntityKind>(params?.kinds?.length ? params.kinds : ['person', 'place', 'organization']);
  const limit = Math.max(1, Math.min(500, Math.floor(params?.limit ?? DEFAULT_NETWORK_NODES)));
  const units: string[][] = [];
  const names = new Map<string, { name: string; kind: EntityKind }>();
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
  for (const { view, articles } of selection) {
    units.push(...unitsOf(workspace, view, articles, unit, kinds));
    for (const m of view.mentions) {
      const id = workspace.entities.resolve(m.entityId);
      if (!names.has(id)) names.set(id, { name: workspace.entities.entity(id)?.name ?? m.name, kind: m.kind });
    }
  }
  const graph = cooccurrence(units, mostMentioned(limit * 2));
  const top = topGraph(graph, limit);
  return {
    nodes: top.nodes.map((id) => ({ id, name: names.get(id)?.name ?? id, kind: names.get(id)?.kind ?? 'person', mentions: graph.mentions.get(id) ?? 0 })),
    edges: top.edges,
  };
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
export function registerStoryFeatures(context: ServerContext): void {
  onTypedRequest(context, StoriesRequest, (params: StoriesParams | null) => provideStories(context.workspace, params));
  onTypedRequest(context, TimelineRequest, (params: TimelineParams | null) => provideTimeline(context.workspace, params));
  onTypedRequest(context, NetworkRequest, (params: NetworkParams | null) => provideNetwork(context.workspace, params));
}
