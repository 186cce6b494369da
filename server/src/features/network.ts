import type { CorpusDatabase } from '../archive/database';
import { storedFileIds, storedNetworkUnits } from '../archive/storiesSchema';
import type { EntityKind } from '../core/model';
import { cooccurrence, mostMentioned, sentenceStarts, topGraph } from '../core/stories/network';
import type { NetworkParams, NetworkResult } from '../protocol';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';
import { uriParam } from './timeline';
import { KeptAnswers, keptQuestion } from './keptAnswers';

const DEFAULT_NETWORK_NODES = 60;

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
const keptNetworks = new KeptAnswers<NetworkResult>();
const lastNetwork = new WeakMap<Workspace, { key: string; views: readonly FileView[]; result: NetworkResult }>();

interface Question {
  readonly unit: 'article' | 'sentence';
  readonly kinds: ReadonlySet<EntityKind>;
  readonly limit: number;
}

/**
 * `newsLens/network`: who appears with whom, by article or sentence, over the workspace, a file or a story
 * (`storyMembers` gives a story's article keys). Over the workspace with a corpus database, the stored files
 * are counted from the database (`workspaceFromDatabase`); otherwise from the views.
 */
export function network(
  workspace: Workspace,
  params: NetworkParams | null,
  db: CorpusDatabase | undefined,
  storyMembers: (id: string) => readonly string[] | undefined,
  log: (message: string) => void = () => undefined,
): NetworkResult {
  const question: Question = {
    unit: params?.unit === 'sentence' ? 'sentence' : 'article',
    kinds: new Set<EntityKind>(params?.kinds?.length ? params.kinds : ['person', 'place', 'organization']),
    limit: Math.max(1, Math.min(500, Math.floor(params?.limit ?? DEFAULT_NETWORK_NODES))),
  };
  const scope = params?.scope ?? 'workspace';
  let selection: { view: FileView; articles: Set<number> | null }[];
  if (scope === 'file') {
    const uri = uriParam(params);
    const view = uri ? workspace.currentViewOf(uri) : undefined;
    selection = view ? [{ view, articles: null }] : [];
  } else if (scope === 'story') {
    const byUri = new Map<string, Set<number>>();
    for (const key of typeof params?.story === 'string' ? (storyMembers(params.story) ?? []) : []) {
      const at = key.lastIndexOf('#');
      const uri = key.slice(0, at);
      if (!byUri.has(uri)) byUri.set(uri, new Set());
      byUri.get(uri)!.add(Number(key.slice(at + 1)));
    }
    selection = [...byUri].flatMap(([uri, articles]) => {
      const view = workspace.currentViewOf(uri);
      return view ? [{ view, articles }] : [];
    });
  } else if (db) {
    // Files in memory (open documents, files the database does not hold) from their views, the rest from the database.
    selection = workspace.memoryViews().map((view) => ({ view, articles: null }));
  } else selection = workspace.allViews().map((view) => ({ view, articles: null }));
  // The same question over the same views and entities: the last answer (the webview asks again when shown).
  const members = scope === 'story' ? selection.map((s) => [...(s.articles ?? [])]) : null;
  const fromDb = scope === 'workspace' && db !== undefined;
  const key = JSON.stringify([workspace.entities.generation, question.unit, [...question.kinds].sort(), question.limit, scope, members, fromDb]);
  const last = lastNetwork.get(workspace);
  if (last?.key === key && last.views.length === selection.length && last.views.every((v, i) => v === selection[i].view)) return last.result;
  const kept =
    fromDb && db
      ? keptQuestion(
          workspace,
          db,
          selection.map((s) => s.view),
          `network:${JSON.stringify([question.unit, [...question.kinds].sort(), question.limit])}`,
        )
      : undefined;
  let result = kept ? keptNetworks.read(workspace, db!, kept, log) : undefined;
  if (!result) {
    const made = fromDb ? workspaceFromDatabase(workspace, db, selection, question) : fromViews(workspace, selection, question);
    if (kept) keptNetworks.keep(workspace, db!, kept, made, log);
    result = made;
  }
  lastNetwork.set(workspace, { key, views: selection.map((s) => s.view), result });
  return result;
}

/** Resolves each file id once per question (aliases and surnames merged across files). */
function resolver(workspace: Workspace): (id: string) => string {
  const resolved = new Map<string, string>();
  return (id) => {
    let r = resolved.get(id);
    if (r === undefined) resolved.set(id, (r = workspace.entities.resolve(id)));
    return r;
  };
}

/** The units of the views chosen that name a kind asked for; their mentions and kinds are added to the maps. */
function viewUnits(
  selection: readonly { view: FileView; articles: Set<number> | null }[],
  question: Question,
  resolve: (id: string) => string,
  mentions?: Map<string, number>,
  kindOf?: Map<string, EntityKind>,
): Unit[] {
  const chosen: Unit[] = [];
  for (const { view, articles } of selection) {
    for (const u of unitsOf(view, question.unit)) {
      if (articles && !articles.has(u.article)) continue;
      chosen.push(u);
      if (!mentions || !kindOf) continue;
      u.ids.forEach((id, i) => {
        if (!question.kinds.has(u.kinds[i])) return;
        const r = resolve(id);
        mentions.set(r, (mentions.get(r) ?? 0) + u.counts[i]);
        if (!kindOf.has(r)) kindOf.set(r, u.kinds[i]);
      });
    }
  }
  return chosen;
}

function answer(workspace: Workspace, mentions: ReadonlyMap<string, number>, kindOf: ReadonlyMap<string, EntityKind>, units: readonly (readonly string[])[], limit: number): NetworkResult {
  const top = topGraph({ mentions, pairs: cooccurrence(units).pairs }, limit);
  return {
    nodes: top.nodes.map((id) => ({ id, name: workspace.entities.entity(id)?.name ?? id, kind: kindOf.get(id) ?? 'person', mentions: mentions.get(id) ?? 0 })),
    edges: top.edges,
  };
}

function fromViews(workspace: Workspace, selection: readonly { view: FileView; articles: Set<number> | null }[], question: Question): NetworkResult {
  const resolve = resolver(workspace);
  const mentions = new Map<string, number>();
  const kindOf = new Map<string, EntityKind>();
  const chosen = viewUnits(selection, question, resolve, mentions, kindOf);
  // Pairs only among the most mentioned names (a margin over those shown, as some name nobody else).
  const kept = mostMentioned(question.limit * 2)(mentions);
  const units = chosen.map((u) => u.ids.filter((id, i) => question.kinds.has(u.kinds[i]) && kept.has(resolve(id))).map(resolve));
  return answer(workspace, mentions, kindOf, units, question.limit);
}

/**
 * The workspace's network with the corpus database. The workspace's entity list (database totals and the
 * files in memory, aliases merged) orders the candidates: an entity's mentions there bound its mentions in
 * units, so candidates are read, most mentioned first, only until none left can reach the kept ones. Each
 * is one range of `network_units` (its units and its mentions in them), counted with the units of the files
 * in memory. The same answer as `fromViews` over every file (a test holds them equal).
 */
function workspaceFromDatabase(workspace: Workspace, db: CorpusDatabase, memory: readonly { view: FileView; articles: Set<number> | null }[], question: Question): NetworkResult {
  const resolve = resolver(workspace);
  const mentions = new Map<string, number>();
  const kindOf = new Map<string, EntityKind>();
  const memoryUnits = viewUnits(memory, question, resolve, mentions, kindOf);
  const open = storedFileIds(db.sql, workspace.openPaths());
  const size = question.limit * 2;
  // The `size` largest exact counts so far, ascending: the first is the bar a candidate must reach.
  const best: number[] = [];
  const unitsOf = new Map<string, number[][]>();
  for (const e of workspace.entities.entities()) {
    if (!question.kinds.has(e.kind) || !e.mentionCount) continue;
    if (best.length >= size && e.mentionCount < best[0]) break;
    let count = mentions.get(e.id) ?? 0;
    const lists: number[][] = [];
    for (const raw of workspace.entities.members(e.id)) {
      const found = storedNetworkUnits(db.sql, raw, question.unit, open);
      count += found.mentions;
      if (found.units.length) lists.push(found.units);
    }
    if (!count) continue;
    mentions.set(e.id, count);
    if (!kindOf.has(e.id)) kindOf.set(e.id, e.kind);
    unitsOf.set(e.id, lists);
    const at = best.findIndex((c) => c > count);
    best.splice(at < 0 ? best.length : at, 0, count);
    if (best.length > size) best.shift();
  }
  const kept = mostMentioned(size)(mentions);
  const units: string[][] = [];
  for (const u of memoryUnits) units.push(u.ids.filter((id, i) => question.kinds.has(u.kinds[i]) && kept.has(resolve(id))).map(resolve));
  // Stored units by number (file, article, sentence), each with the kept names it holds.
  const stored = new Map<number, string[]>();
  for (const id of kept) {
    for (const list of unitsOf.get(id) ?? []) {
      for (const u of list) {
        const names = stored.get(u);
        if (!names) stored.set(u, [id]);
        else if (names[names.length - 1] !== id) names.push(id);
      }
    }
  }
  for (const names of stored.values()) units.push(names);
  return answer(workspace, mentions, kindOf, units, question.limit);
}
