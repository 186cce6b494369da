import type { CorpusDatabase } from '../archive/database';
import { queried } from '../archive/sql';
import {
  storedClusteringCounts,
  storedStoryEdges,
  storedStoryIds,
  storedStoryMembers,
  storedArticleCards,
  storedStoryNodes,
  storedStoryRows,
  writeStoryClustering,
  type StoredEdge,
  type StoredArticleCard,
  type StoredStoryArticle,
  type StoredStoryId,
} from '../archive/storiesSchema';
import { storyOfMembers, REBATCH_SHARE, StoryIndex, storyArticle, type Story, type StoryArticle, type StoryClustering } from '../core/stories';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';
import { uriToPath } from '../util/uri';
import { yieldToEventLoop } from '../workspace/analyzer';

/** Slice of a settling batch between two turns of the event loop: a request waits this long at most for it. */
const SETTLE_SLICE_MS = 25;
/** Articles whose pairs and ids one transaction of a settling write stores. */
const STORE_CHUNK_NODES = 200;
/**
 * Above this many articles, a clustering written whole to the database is let go from memory: the index of a
 * batch at archive size (every pair's evidence) holds the server's heap at ~1.4 GB at 10,000 bench files. The
 * server is then as after a reopen: questions read the stored ids, and the next change loads the clustering.
 */
const UNLOAD_ABOVE_ARTICLES = 2_000;

/** Runs `step` until it gives false, in slices of about `sliceMs` with a turn of the event loop between them. */
async function inSlices(step: () => boolean, sliceMs: number): Promise<void> {
  for (;;) {
    const until = performance.now() + sliceMs;
    do if (!step()) return;
    while (performance.now() < until);
    await yieldToEventLoop();
  }
}

/**
 * The workspace's stories (README "Stories"). Without a corpus database they are clustered from the
 * analysed views: each view's article features are taken once (kept per FileView, which is replaced when
 * its file changes) and handed to the StoryIndex.
 *
 * With the database, files that live in it are read from it and never read back as views:
 * - questions are answered from the stored story ids (one query) while the stored clustering is whole
 *   (every stored article has its pairs and its story, and no open document differs from its rows);
 * - the first change loads the stored clustering (features, pairs, ids) into the StoryIndex, and each
 *   change is then scored and linked on its own. Loading is not done ahead: at archive size it holds
 *   the server's thread for seconds (some 20 s for 30,000 articles), which a reader who never edits
 *   should not pay;
 * - every batch and update is written back (pairs of the articles scored, ids of the stories made again)
 *   in one transaction, so a reopen reads it and a kill loses at most the last update, which the next
 *   load links again (the file's rows were replaced with their stories' ids cleared).
 * Open documents (their unsaved text) and files the database does not hold are shingled from their views.
 */
export class WorkspaceStories {
  private readonly features = new WeakMap<FileView, readonly StoryArticle[]>();
  private readonly twins = new WeakMap<FileView, { generation: number; rows: readonly StoredStoryArticle[] | null }>();
  /** What the index holds of each file: the view it was fed from, or the stored node numbers. */
  private readonly fed = new Map<string, FileView | readonly number[]>();
  /** Stored articles in the index: key → node, and back. */
  private readonly nodeOf = new Map<string, number>();
  private readonly keyOf = new Map<number, string>();
  private storyIndex: StoryIndex;
  /** The index holds the stored clustering (loaded, or built here). */
  private loaded = false;
  /** The answer read from the stored ids, while the index is not loaded, with the state it answers for. */
  private storedAnswer: { key: string; views: readonly FileView[]; result: StoryClustering; articles: number } | null = null;
  private syncedKey = '';
  private cards: { generation: number; cards: Map<string, StoredArticleCard> } | null = null;
  /** A write failed: the next one stores everything again. */
  private rewriteAll = false;

  constructor(
    private readonly workspace: Workspace,
    private readonly corpus: () => CorpusDatabase | undefined,
    private readonly log: (message: string) => void = () => undefined,
    private readonly unloadAbove = UNLOAD_ABOVE_ARTICLES,
  ) {
    this.storyIndex = this.newIndex();
  }

  /** The clustering index: empty after a reopen, or once a large clustering is stored and let go. */
  get index(): StoryIndex {
    return this.storyIndex;
  }

  private newIndex(): StoryIndex {
    return new StoryIndex((id) => this.workspace.entities.resolve(id));
  }

  private featuresOf(view: FileView): readonly StoryArticle[] {
    let list = this.features.get(view);
    if (!list) {
      let text = '';
      try {
        if (!view.model.layoutOnly && view.model.articles.length) text = view.text;
      } catch {
        // A file changed on disk and not indexed again yet: no text, its watcher event is still to come.
      }
      list = text ? view.model.articles.map((a) => storyArticle(view.uri, text, a)) : [];
      this.features.set(view, list);
    }
    return list;
  }

  /** The clustering of the workspace as it is now. */
  get result(): StoryClustering {
    const db = this.sync();
    if (this.storedAnswer) return this.storedAnswer.result;
    const result = this.index.result;
    if (db) {
      this.store(db, result);
      this.unloadIfStored(db);
    }
    return result;
  }

  /**
   * Runs the batch the next `result` needs (every article scored and linked: tens of seconds at archive size) in
   * slices of about `sliceMs`, giving the event loop a turn between them, so the server answers other requests
   * meanwhile. Resolves once `result` has no batch left to run; a `result` asked meanwhile finishes it at once.
   */
  async settle(sliceMs = SETTLE_SLICE_MS, chunk = STORE_CHUNK_NODES): Promise<void> {
    this.sync();
    if (this.storedAnswer) return;
    if (this.index.startBatch()) await inSlices(() => this.index.step(), sliceMs);
    // Then its write, a transaction per slice (writing 30,000 articles' pairs in one held the thread ~10 s).
    const db = this.sync();
    if (!db || this.storedAnswer) return;
    const result = this.index.result;
    this.finishStoring();
    const steps = (this.storing = this.storeSteps(db, result, chunk));
    await inSlices(() => this.storing === steps && !steps.next().done, sliceMs);
    if (this.storing === steps) {
      this.storing = null;
      this.unloadIfStored(db);
    }
  }

  /**
   * Lets a large clustering go from memory once the database holds all of it (nothing pending, nothing left to
   * write, no document in memory with other articles than its stored ones, which would need the index at once).
   */
  private unloadIfStored(db: CorpusDatabase): void {
    if (!this.loaded || this.storing || this.rewriteAll || !this.index.fresh || this.index.articleCount <= this.unloadAbove) return;
    if (this.memoryViews(db).some((v) => !this.storedTwin(db, v) && this.featuresOf(v).length)) return;
    if (!this.storedWhole(db)) return;
    this.storyIndex = this.newIndex();
    this.loaded = false;
    this.storedAnswer = null;
    this.fed.clear();
    this.nodeOf.clear();
    this.keyOf.clear();
    this.syncedKey = '';
  }

  /** Whether `result` costs nothing now. */
  get fresh(): boolean {
    this.sync();
    return this.storedAnswer !== null || this.index.fresh;
  }

  /** The current clustering if computed, else the last one (null before the first). */
  get lastResult(): StoryClustering | null {
    return this.storedAnswer?.result ?? this.index.lastResult;
  }

  get articleCount(): number {
    return this.storedAnswer?.articles ?? this.index.articleCount;
  }

  /**
   * What a story answer shows of an article of a file that lives in the database only (not open), read
   * from its rows (one query per database generation) instead of reading the file back; else undefined.
   */
  card(uri: string, key: string): StoredArticleCard | undefined {
    const db = this.corpus();
    if (!db || this.workspace.isOpen(uri) || !this.workspace.index.isStored(uri)) return undefined;
    const generation = this.workspace.index.databaseGeneration;
    if (this.cards?.generation !== generation) this.cards = { generation, cards: this.queried(() => storedArticleCards(db.sql), new Map<string, StoredArticleCard>()) };
    return this.cards.cards.get(key);
  }

  /** Views whose analysis is in memory: open documents, and files the database does not hold. */
  private memoryViews(db: CorpusDatabase | undefined): FileView[] {
    return db ? this.workspace.memoryViews() : this.workspace.allViews();
  }

  /**
   * The stored rows of an open document whose articles are the stored ones (opened, not edited): it is
   * clustered as the stored file it equals, so its stories are stored whole and a reopen reads them
   * instead of linking them again (minutes for the large stories of an archive). Kept per view and
   * database generation.
   */
  private storedTwin(db: CorpusDatabase, view: FileView): readonly StoredStoryArticle[] | null {
    const generation = this.workspace.index.databaseGeneration;
    const known = this.twins.get(view);
    if (known?.generation === generation) return known.rows;
    let rows: readonly StoredStoryArticle[] | null = null;
    if (this.workspace.index.isStored(view.uri)) {
      const mine = this.featuresOf(view);
      const stored = this.queried(() => storedStoryRowsOf(db, view.uri).get(view.uri), undefined);
      if (stored && mine.length && stored.length === mine.length && stored.every((r, i) => sameFeatures(r.article, mine[i]))) rows = stored;
    }
    this.twins.set(view, { generation, rows });
    return rows;
  }

  /** Brings the index (or the stored answer) up to date with the workspace; gives the database when there is one. */
  private sync(): CorpusDatabase | undefined {
    let db: CorpusDatabase | undefined;
    try {
      db = this.corpus();
    } catch {
      db = undefined;
    }
    // Open documents equal to their stored rows count as stored files.
    const views = this.memoryViews(db).filter((v) => !db || !this.storedTwin(db, v));
    const memory = new Map(views.map((v) => [v.uri, v]));
    const key = db ? `${this.workspace.index.databaseGeneration}\n${[...memory.keys()].join('\n')}` : '';
    const answered = this.storedAnswer;
    if (db && answered?.key === key && answered.views.length === views.length && answered.views.every((v, i) => v === views[i])) return db;
    if (db && !this.loaded && this.answerFromStore(db, views, key)) return db;
    if (db && !this.loaded) this.load(db, memory);
    for (const view of views) {
      if (this.fed.get(view.uri) === view) continue;
      this.forgetNodes(view.uri);
      this.index.setArticles(view.uri, this.featuresOf(view));
      this.fed.set(view.uri, view);
    }
    if (db && key !== this.syncedKey) {
      // Stored files: those whose rows changed (other node numbers) are fed again, from one query of the numbers.
      const nodes = this.queried(() => storedStoryNodes(db.sql), new Map<string, number[]>());
      const changed = [...nodes].filter(([uri, list]) => !memory.has(uri) && !sameNodes(this.fed.get(uri), list));
      if (changed.length) {
        const none = new Map<string, StoredStoryArticle[]>();
        const rows = changed.length === 1 ? this.queried(() => storedStoryRowsOf(db, changed[0][0]), none) : this.queried(() => storedStoryRows(db.sql), none);
        for (const [uri, list] of changed) this.feedStored(uri, list, rows.get(uri) ?? []);
      }
      for (const uri of [...this.fed.keys()]) {
        if (memory.has(uri) || nodes.has(uri)) continue;
        this.forgetNodes(uri);
        this.index.removeFile(uri);
        this.fed.delete(uri);
      }
      this.syncedKey = key;
    }
    if (!db) {
      for (const uri of [...this.fed.keys()]) {
        if (memory.has(uri)) continue;
        this.index.removeFile(uri);
        this.fed.delete(uri);
      }
    }
    return db;
  }

  private feedStored(uri: string, nodes: readonly number[], rows: readonly { node: number; article: StoryArticle }[]): void {
    this.forgetNodes(uri);
    for (const r of rows) {
      this.nodeOf.set(r.article.key, r.node);
      this.keyOf.set(r.node, r.article.key);
    }
    this.index.setArticles(
      uri,
      rows.map((r) => r.article),
    );
    this.fed.set(uri, nodes);
  }

  private forgetNodes(uri: string): void {
    const fed = this.fed.get(uri);
    if (!fed || !Array.isArray(fed)) return;
    for (const node of fed as readonly number[]) {
      const key = this.keyOf.get(node);
      if (key !== undefined) this.nodeOf.delete(key);
      this.keyOf.delete(node);
    }
  }

  /** Whether the database holds a whole clustering: every stored article has its pairs and its story id. */
  private storedWhole(db: CorpusDatabase): boolean {
    const counts = this.queried(() => storedClusteringCounts(db.sql), null);
    return counts !== null && counts.articles > 0 && counts.ids === counts.articles && counts.edges === counts.articles;
  }

  /**
   * The answer read from the stored ids (one query, no features), when the stored clustering is whole and
   * no document in memory has articles; then the stored clustering is loaded a moment later for changes.
   */
  private answerFromStore(db: CorpusDatabase, views: readonly FileView[], key: string): boolean {
    this.storedAnswer = null;
    // A document in memory with articles: only when they are the stored ones (an open file, unchanged).
    for (const v of views) {
      const mine = this.featuresOf(v);
      if (!mine.length) continue;
      const stored = this.queried(() => storedStoryRowsOf(db, v.uri).get(v.uri), undefined);
      if (!stored || stored.length !== mine.length || stored.some((r, i) => !sameFeatures(r.article, mine[i]))) return false;
    }
    if (!this.storedWhole(db)) return false;
    const members = this.queried(() => storedStoryMembers(db.sql), []);
    const byStory = new Map<string, typeof members>();
    const keyOfNode = new Map<number, string>();
    for (const m of members) {
      keyOfNode.set(m.node, m.key);
      const list = byStory.get(m.story);
      if (list) list.push(m);
      else byStory.set(m.story, [m]);
    }
    const stories: Story[] = [];
    const storyOf = new Map<string, Story>();
    const duplicateOf = new Map<string, string>();
    for (const list of byStory.values()) {
      if (list.length !== list[0].size) return false;
      const story = storyOfMembers(list);
      stories.push(story);
      for (const m of list) {
        storyOf.set(m.key, story);
        const original = m.duplicateOf === null ? undefined : keyOfNode.get(m.duplicateOf);
        if (original) duplicateOf.set(m.key, original);
      }
    }
    stories.sort((x, y) => y.members.length - x.members.length || (x.id < y.id ? -1 : 1));
    this.storedAnswer = { key, views, result: { stories, storyOf, duplicateOf, links: new Map() }, articles: members.length };
    return true;
  }

  /** Loads the stored clustering into the index: features, pairs and ids of the stored files (none scored again). */
  private load(db: CorpusDatabase, memory: ReadonlyMap<string, FileView>): void {
    this.storedAnswer = null;
    this.loaded = true;
    // Whatever was fed before (views, while there was no database) is fed again below.
    this.fed.clear();
    this.nodeOf.clear();
    this.keyOf.clear();
    const rows = this.queried(() => storedStoryRows(db.sql), new Map<string, { node: number; article: StoryArticle }[]>());
    const ids = this.queried(() => storedStoryIds(db.sql), new Map<number, StoredStoryId>());
    const edges = this.queried(() => storedStoryEdges(db.sql), new Map<number, [number, StoredEdge][]>());
    const restored = new Map<string, StoryArticle[]>();
    const pending: [string, { node: number; article: StoryArticle }[]][] = [];
    let restoredCount = 0;
    let pendingCount = 0;
    for (const [uri, list] of rows) {
      if (memory.has(uri)) continue;
      for (const r of list) {
        this.nodeOf.set(r.article.key, r.node);
        this.keyOf.set(r.node, r.article.key);
      }
      this.fed.set(
        uri,
        list.map((r) => r.node),
      );
      if (list.every((r) => edges.has(r.node))) {
        restored.set(
          uri,
          list.map((r) => r.article),
        );
        restoredCount += list.length;
      } else {
        pending.push([uri, list]);
        pendingCount += list.length;
      }
    }
    this.syncedKey = '';
    if (pendingCount > REBATCH_SHARE * restoredCount) {
      // Mostly not clustered yet (a first index, or a pass killed before it was stored): one batch over all.
      for (const [uri, list] of rows) {
        if (!memory.has(uri))
          this.index.setArticles(
            uri,
            list.map((r) => r.article),
          );
      }
      this.rewriteAll = true;
      return;
    }
    const pairs: [string, string, StoredEdge][] = [];
    const relink: string[] = [];
    const inRestored = (key: string): boolean => restored.has(key.slice(0, key.lastIndexOf('#')));
    for (const [node, list] of edges) {
      const key = this.keyOf.get(node);
      if (key === undefined || !inRestored(key)) continue;
      for (const [other, edge] of list) {
        const otherKey = this.keyOf.get(other);
        if (otherKey !== undefined && inRestored(otherKey)) pairs.push([key, otherKey, edge]);
        // One story with an article now gone: its component is linked again.
        else if (otherKey === undefined && typeof edge !== 'number') relink.push(key);
      }
    }
    const stored = new Map<string, { story: string; size: number; duplicateOf: string | null }>();
    for (const [node, id] of ids) {
      const key = this.keyOf.get(node);
      if (key !== undefined) stored.set(key, { story: id.story, size: id.size, duplicateOf: id.duplicateOf === null ? null : (this.keyOf.get(id.duplicateOf) ?? null) });
    }
    this.index.restore(restored, pairs, stored, relink);
    for (const [uri, list] of pending)
      this.index.setArticles(
        uri,
        list.map((r) => r.article),
      );
  }

  /** Writes what the last batch or update changed (pairs of the articles scored, ids of the stories made again). */
  private store(db: CorpusDatabase, result: StoryClustering): void {
    this.finishStoring();
    for (const _ of this.storeSteps(db, result, Number.POSITIVE_INFINITY));
  }

  /** A write in slices under way (`settle`): any other write finishes it first, so writes land in order. */
  private storing: Generator<void, void> | null = null;

  private finishStoring(): void {
    const steps = this.storing;
    this.storing = null;
    if (steps) for (const _ of steps);
  }

  /**
   * `store` as steps of `chunk` articles, each its own transaction. A kill between two leaves some articles without
   * their pairs or ids: the next load scores those again (a batch, if they are many) and links their stories again.
   */
  private *storeSteps(db: CorpusDatabase, result: StoryClustering, chunk: number): Generator<void, void> {
    const changes = this.index.takeChanges();
    const all = changes.rebuilt || this.rewriteAll;
    if (!all && !changes.scored.size && !changes.linked.size) return;
    const scored = all ? [...this.nodeOf.keys()] : [...changes.scored];
    const linked = all ? [...this.nodeOf.keys()] : [...changes.linked];
    for (let at = 0; at < Math.max(scored.length, linked.length, 1); at += chunk) {
      const edges = scored.slice(at, at + chunk).flatMap((key) => {
        const node = this.nodeOf.get(key);
        if (node === undefined) return [];
        const pairs = this.index.scoredPairs(key).flatMap(([other, edge]): [number, StoredEdge][] => {
          const n = this.nodeOf.get(other);
          return n === undefined ? [] : [[n, edge]];
        });
        return [{ node, pairs }];
      });
      const ids: StoredStoryId[] = [];
      const unlinked: number[] = [];
      for (const key of linked.slice(at, at + chunk)) {
        const node = this.nodeOf.get(key);
        const story = result.storyOf.get(key);
        if (node === undefined) continue;
        if (!story || story.members.some((m) => !this.nodeOf.has(m))) unlinked.push(node);
        else {
          const original = result.duplicateOf.get(key);
          ids.push({ node, story: story.id, size: story.members.length, duplicateOf: original === undefined ? null : (this.nodeOf.get(original) ?? null) });
        }
      }
      try {
        db.transaction(() => writeStoryClustering(db.sql, { replaceAll: all && at === 0, edges, ids, unlinked }));
      } catch (e) {
        this.rewriteAll = true;
        this.log(`News Lens: storing the stories: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (at === 0) this.rewriteAll = all;
      yield;
    }
    this.rewriteAll = false;
  }

  private queried<T>(query: () => T, fallback: T): T {
    return queried(this.log, 'corpus database query (stories)', query, fallback);
  }
}

function sameFeatures(a: StoryArticle, b: StoryArticle): boolean {
  const entities = (x: StoryArticle): string => JSON.stringify([...x.entities]);
  return (
    a.key === b.key &&
    a.title === b.title &&
    a.source === b.source &&
    a.date === b.date &&
    a.fingerprint === b.fingerprint &&
    a.headline === b.headline &&
    a.words === b.words &&
    a.days.join() === b.days.join() &&
    a.signature.join() === b.signature.join() &&
    entities(a) === entities(b)
  );
}

function sameNodes(fed: FileView | readonly number[] | undefined, nodes: readonly number[]): boolean {
  if (!Array.isArray(fed)) return false;
  const list = fed as readonly number[];
  return list.length === nodes.length && list.every((n, i) => n === nodes[i]);
}

function storedStoryRowsOf(db: CorpusDatabase, uri: string): Map<string, StoredStoryArticle[]> {
  const path = uriToPath(uri);
  return path ? storedStoryRows(db.sql, path) : new Map<string, StoredStoryArticle[]>();
}
