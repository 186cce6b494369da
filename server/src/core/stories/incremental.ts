import {
  byDateThenKey,
  storyOfMembers,
  CANDIDATE_ENTITIES,
  COMMON_MIN_DF,
  COMMON_SHARE,
  dayNumber,
  evidence,
  LONG_POSTING,
  MAX_CANDIDATES,
  MAX_DAY_GAP,
  MAX_STORY_SPAN_DAYS,
  MIN_SHARED_ENTITIES,
  STORY_THRESHOLD,
  type PairEvidence,
  type Prepared,
  type Story,
  type StoryClustering,
} from './cluster';
import type { StoryArticle } from './features';
import { bandKeys } from './minhash';

/**
 * Stories kept up to date article by article (README "Stories", "Incremental"). The same evidence and
 * average linkage as `clusterStories`, but the pairs' evidence is kept: adding a file blocks and scores
 * only its own articles' candidate pairs (never all pairs), removing one drops its pairs, and only the
 * connected components (of "same story" links) those articles touch are linked again. IDF weights are
 * those of the corpus when a pair is scored: they drift a little as files come and go, which `rebuild`
 * (a batch over every article, scored with one IDF) puts right.
 */

interface Node {
  readonly slot: number;
  readonly article: StoryArticle;
  /** Resolved entity → 1 + ln(count) (IDF applied when compared). */
  readonly counts: ReadonlyMap<string, number>;
  readonly day: number | null;
  readonly days: ReadonlySet<number>;
  readonly textKeys: readonly string[];
}

/** A scored pair: its evidence when it is one story, else just its score (for average linkage). */
export type Edge = PairEvidence | number;

/** Articles scored per step of a sliced batch (`rebuildSteps`): a few milliseconds of work. */
const BATCH_STEP_ARTICLES = 64;

/** Day bucket of undated articles in the entity index. */
const UNDATED = Number.NEGATIVE_INFINITY;

/** Shared-evidence counts of one `scoreCandidates` call, by slot (`counts` is valid for `touched` slots only). */
interface SharedCounts {
  readonly touched: readonly number[];
  readonly counts: Int32Array;
  set(slot: number, value: number): void;
  add(slot: number, by: number): void;
}

export interface StoryUpdateStats {
  /** Pairs scored by the last update. */
  readonly scored: number;
  /** Articles in the components linked again by the last update. */
  readonly relinked: number;
}

export class IncrementalStories {
  private readonly nodes: (Node | undefined)[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly byFile = new Map<string, number[]>();
  /** Resolved entity → day → slots naming it: candidates within MAX_DAY_GAP without walking a long list. */
  private readonly entityIndex = new Map<string, Map<number, Set<number>>>();
  private readonly df = new Map<string, number>();
  /** Band, headline and fingerprint keys → slots. */
  private readonly textIndex = new Map<string, Set<number>>();
  private readonly edges = new Map<number, Map<number, Edge>>();
  private readonly storyOf = new Map<string, Story>();
  private readonly duplicates = new Map<string, string>();
  private readonly stories = new Set<Story>();
  private cached: StoryClustering | null = null;
  /** IDF in force while scoring (a batch fixes it for all pairs); null: the current corpus's. */
  private fixedCount: number | null = null;
  private prepared = new Map<number, Prepared>();
  /** Indexed articles naming each entity (the entity index's list lengths, summed over days). */
  private readonly postingSize = new Map<string, number>();
  /** Scratch of `sharedCounts`. */
  private counts = new Int32Array(0);
  private stamps = new Int32Array(0);
  private stamp = 0;
  private lastStats: StoryUpdateStats = { scored: 0, relinked: 0 };
  /** What changed since `takeChanges` (for a store of the clustering): a batch, articles scored, articles linked again. */
  private changes = { rebuilt: false, scored: new Set<string>(), linked: new Set<string>() };

  constructor(private readonly resolve: (id: string) => string = (id) => id) {}

  get size(): number {
    return this.byKey.size;
  }

  get stats(): StoryUpdateStats {
    return this.lastStats;
  }

  /** Every article again, scored with one IDF: the batch result (`clusterStories`'s stories). */
  rebuild(files: ReadonlyMap<string, readonly StoryArticle[]>): void {
    for (const _ of this.rebuildSteps(files));
  }

  /**
   * `rebuild` as steps: a step scores `BATCH_STEP_ARTICLES` articles or links one component, so a server can answer
   * other requests between them (the batch takes tens of seconds at archive size). Nothing else may be asked of this
   * index until the steps are done (or abandoned with `return()`, which leaves it to be rebuilt).
   */
  *rebuildSteps(files: ReadonlyMap<string, readonly StoryArticle[]>): Generator<void, void> {
    for (const file of [...this.byFile.keys()]) this.dropFile(file);
    const fresh: Node[] = [];
    // Adding resolves every entity of every article (seconds at archive size): in steps too.
    let added = 0;
    for (const [file, articles] of files) {
      fresh.push(...this.addNodes(file, articles));
      added += articles.length;
      if (added >= 4 * BATCH_STEP_ARTICLES) {
        added = 0;
        yield;
      }
    }
    this.fixedCount = this.byKey.size;
    this.prepared = new Map();
    let scored = 0;
    try {
      // Each pair is found once, from its later member, among those indexed before it.
      for (let i = 0; i < fresh.length; i++) {
        scored += this.scoreCandidates(fresh[i]);
        this.index(fresh[i]);
        if (i % BATCH_STEP_ARTICLES === BATCH_STEP_ARTICLES - 1) yield;
      }
    } finally {
      this.fixedCount = null;
      this.prepared = new Map();
    }
    this.stories.clear();
    this.storyOf.clear();
    this.duplicates.clear();
    yield* this.relinkSteps(fresh.map((n) => n.slot));
    this.lastStats = { scored, relinked: fresh.length };
    this.changes = { rebuilt: true, scored: new Set(fresh.map((n) => n.article.key)), linked: new Set(this.storyOf.keys()) };
  }

  /**
   * Puts back a stored clustering without scoring: the articles, the pairs scored before (`pairs`, by
   * article keys; a pair naming an absent article is left out) and each article's story as stored. An
   * article without a stored story, a story found with fewer members than stored, and the articles of
   * `relink` (they were one story with an article now gone) are linked again from the pairs; the other
   * stories are taken as they are. Gives the batch's and the updates' result back, as they were stored.
   */
  restore(
    files: ReadonlyMap<string, readonly StoryArticle[]>,
    pairs: Iterable<readonly [string, string, Edge]>,
    stored: ReadonlyMap<string, { readonly story: string; readonly size: number; readonly duplicateOf: string | null }>,
    relink: Iterable<string> = [],
  ): void {
    for (const file of [...this.byFile.keys()]) this.dropFile(file);
    this.stories.clear();
    this.storyOf.clear();
    this.duplicates.clear();
    const fresh: Node[] = [];
    for (const [file, articles] of files) fresh.push(...this.addNodes(file, articles));
    for (const node of fresh) this.index(node);
    for (const [a, b, edge] of pairs) {
      const x = this.byKey.get(a);
      const y = this.byKey.get(b);
      if (x !== undefined && y !== undefined && x !== y) this.setEdge(x, y, edge);
    }
    const again = new Set<number>();
    for (const key of relink) {
      const slot = this.byKey.get(key);
      if (slot !== undefined) again.add(slot);
    }
    const groups = new Map<string, number[]>();
    for (const node of fresh) {
      const s = stored.get(node.article.key);
      if (!s) again.add(node.slot);
      else if (groups.has(s.story)) groups.get(s.story)!.push(node.slot);
      else groups.set(s.story, [node.slot]);
    }
    for (const slots of groups.values()) {
      const first = stored.get(this.nodes[slots[0]]!.article.key)!;
      if (slots.length !== first.size || slots.some((slot) => again.has(slot))) {
        for (const slot of slots) again.add(slot);
        continue;
      }
      this.addStory(slots.map((slot) => this.nodes[slot]!.article));
      for (const slot of slots) {
        const key = this.nodes[slot]!.article.key;
        const original = stored.get(key)!.duplicateOf;
        if (original !== null && this.byKey.has(original)) this.duplicates.set(key, original);
      }
    }
    // Only the stories linked again differ from the store.
    this.changes = { rebuilt: false, scored: new Set(), linked: new Set() };
    const relinked = this.relink([...again]);
    this.lastStats = { scored: 0, relinked };
  }

  /** The pairs `key` was scored with when it was added (those with the articles before it), by the other's key. */
  scoredPairs(key: string): [string, Edge][] {
    const slot = this.byKey.get(key);
    if (slot === undefined) return [];
    const found: [string, Edge][] = [];
    for (const [other, edge] of this.edges.get(slot) ?? []) if (other < slot) found.push([this.nodes[other]!.article.key, edge]);
    return found;
  }

  /** Whether the last changes were a batch, which articles were scored and which linked again since the last call. */
  takeChanges(): { rebuilt: boolean; scored: ReadonlySet<string>; linked: ReadonlySet<string> } {
    const changes = this.changes;
    this.changes = { rebuilt: false, scored: new Set(), linked: new Set() };
    return changes;
  }

  /** Replaces one file's articles (none: the file is gone), scoring and linking only what they touch. */
  update(file: string, articles: readonly StoryArticle[]): void {
    const touched = new Set<number>();
    const orphans: string[] = [];
    for (const slot of this.byFile.get(file) ?? []) {
      const node = this.nodes[slot]!;
      for (const [other, edge] of this.edges.get(slot) ?? []) if (typeof edge !== 'number') touched.add(other);
      for (const member of this.storyOf.get(node.article.key)?.members ?? []) {
        const s = this.byKey.get(member);
        if (s !== undefined && s !== slot) touched.add(s);
      }
      orphans.push(node.article.key);
    }
    this.dropFile(file);
    for (const key of orphans) this.forgetStory(key);
    const fresh = this.addNodes(file, articles);
    this.prepared = new Map();
    let scored = 0;
    for (const node of fresh) {
      scored += this.scoreCandidates(node);
      this.index(node);
      touched.add(node.slot);
      this.changes.scored.add(node.article.key);
    }
    this.prepared = new Map();
    const live = [...touched].filter((s) => this.nodes[s] !== undefined);
    const relinked = this.relink(live);
    this.lastStats = { scored, relinked };
  }

  get result(): StoryClustering {
    if (this.cached) return this.cached;
    const stories = [...this.stories].sort((x, y) => y.members.length - x.members.length || (x.id < y.id ? -1 : 1));
    const edges = this.edges;
    const nodes = this.nodes;
    let links: Map<string, PairEvidence> | null = null;
    this.cached = {
      stories,
      storyOf: this.storyOf,
      duplicateOf: this.duplicates,
      // Built on demand: explanations are rare, the pairs many.
      get links(): ReadonlyMap<string, PairEvidence> {
        if (links) return links;
        links = new Map();
        for (const [a, list] of edges) {
          for (const [b, edge] of list) {
            if (typeof edge === 'number' || a > b) continue;
            const [x, y] = byDateThenKey(nodes[a]!.article, nodes[b]!.article) <= 0 ? [a, b] : [b, a];
            links.set(`${nodes[x]!.article.key}\t${nodes[y]!.article.key}`, edge);
          }
        }
        return links;
      },
    };
    return this.cached;
  }

  private addNodes(file: string, articles: readonly StoryArticle[]): Node[] {
    const fresh: Node[] = [];
    const slots: number[] = [];
    for (const article of articles) {
      if (this.byKey.has(article.key)) continue;
      const counts = new Map<string, number>();
      for (const [id, count] of article.entities) {
        const r = this.resolve(id);
        counts.set(r, (counts.get(r) ?? 0) + count);
      }
      for (const [id, count] of counts) {
        counts.set(id, 1 + Math.log(count));
        this.df.set(id, (this.df.get(id) ?? 0) + 1);
      }
      const textKeys = bandKeys(article.signature).map((b) => `b:${b}`);
      if (article.headline) textKeys.push(`h:${article.headline}`);
      if (article.fingerprint) textKeys.push(`f:${article.fingerprint}`);
      const node: Node = {
        slot: this.nodes.length,
        article,
        counts,
        day: article.date ? dayNumber(article.date) : null,
        days: new Set(article.days.map(dayNumber)),
        textKeys,
      };
      this.nodes.push(node);
      this.byKey.set(article.key, node.slot);
      slots.push(node.slot);
      fresh.push(node);
    }
    if (slots.length) this.byFile.set(file, slots);
    this.cached = null;
    return fresh;
  }

  private index(node: Node): void {
    for (const id of node.counts.keys()) {
      let days = this.entityIndex.get(id);
      if (!days) this.entityIndex.set(id, (days = new Map<number, Set<number>>()));
      const day = node.day ?? UNDATED;
      let set = days.get(day);
      if (!set) days.set(day, (set = new Set()));
      if (!set.has(node.slot)) this.postingSize.set(id, (this.postingSize.get(id) ?? 0) + 1);
      set.add(node.slot);
    }
    for (const key of node.textKeys) {
      let set = this.textIndex.get(key);
      if (!set) this.textIndex.set(key, (set = new Set()));
      set.add(node.slot);
    }
  }

  private dropFile(file: string): void {
    const slots = this.byFile.get(file);
    if (!slots) return;
    this.byFile.delete(file);
    for (const slot of slots) {
      const node = this.nodes[slot]!;
      this.nodes[slot] = undefined;
      this.byKey.delete(node.article.key);
      for (const id of node.counts.keys()) {
        const left = (this.df.get(id) ?? 1) - 1;
        if (left > 0) this.df.set(id, left);
        else this.df.delete(id);
        const days = this.entityIndex.get(id);
        const set = days?.get(node.day ?? UNDATED);
        if (set?.delete(slot)) {
          const size = (this.postingSize.get(id) ?? 1) - 1;
          if (size > 0) this.postingSize.set(id, size);
          else this.postingSize.delete(id);
        }
        if (set && !set.size) days!.delete(node.day ?? UNDATED);
        if (days && !days.size) this.entityIndex.delete(id);
      }
      for (const key of node.textKeys) {
        const set = this.textIndex.get(key);
        set?.delete(slot);
        if (set && !set.size) this.textIndex.delete(key);
      }
      for (const other of this.edges.get(slot)?.keys() ?? []) this.edges.get(other)?.delete(slot);
      this.edges.delete(slot);
    }
    this.cached = null;
  }

  private forgetStory(key: string): void {
    const story = this.storyOf.get(key);
    if (story) this.stories.delete(story);
    this.storyOf.delete(key);
    this.duplicates.delete(key);
    this.cached = null;
  }

  /** The article's weights with the IDF of the corpus (or of the batch), computed once per update. */
  private prepare(node: Node): Prepared {
    let p = this.prepared.get(node.slot);
    if (p) return p;
    const n = this.fixedCount ?? this.byKey.size;
    const weights = new Map<string, number>();
    let sum = 0;
    for (const [id, w] of node.counts) {
      const weighted = w * Math.log((n + 1) / (this.df.get(id) ?? 1));
      weights.set(id, weighted);
      sum += weighted ** 2;
    }
    p = { article: node.article, weights, norm: Math.sqrt(sum), day: node.day, days: node.days };
    this.prepared.set(node.slot, p);
    return p;
  }

  /** Blocks `node` against the indexed articles (shared rare names within MAX_DAY_GAP, text keys) and scores the candidates. */
  private scoreCandidates(node: Node): number {
    const n = this.fixedCount ?? this.byKey.size;
    const maxDf = Math.max(COMMON_MIN_DF, Math.ceil(COMMON_SHARE * n));
    const mine = this.prepare(node);
    // Shared-evidence counts by slot in two reused arrays (a stamp marks this call's entries): a story of
    // thousands of near-copies visits thousands of slots per article, which a Map made the batch's main cost.
    const shared = this.sharedCounts(node.slot);
    const keys = [...mine.weights.keys()]
      .filter((id) => {
        const df = this.df.get(id) ?? 0;
        return df >= 2 && df <= maxDf;
      })
      .sort((a, b) => mine.weights.get(b)! - mine.weights.get(a)! || (a < b ? -1 : 1))
      .slice(0, CANDIDATE_ENTITIES);
    for (const id of keys) {
      const days = this.entityIndex.get(id);
      if (!days) continue;
      const visit = (set: ReadonlySet<number> | undefined, check: boolean): void => {
        for (const other of set ?? []) {
          const d = this.nodes[other]!.day;
          if (check && node.day !== null && d !== null && Math.abs(d - node.day) > MAX_DAY_GAP) continue;
          shared.add(other, 1);
        }
      };
      if ((this.postingSize.get(id) ?? 0) <= LONG_POSTING) for (const set of days.values()) visit(set, true);
      // A long list: only those published within MAX_DAY_GAP (undated articles find theirs through rarer names and the text).
      else if (node.day !== null) for (let d = node.day - MAX_DAY_GAP; d <= node.day + MAX_DAY_GAP; d++) visit(days.get(d), false);
    }
    for (const key of node.textKeys) {
      // Shared text (bands, fingerprints) finds repeats across any time; headlines only within MAX_DAY_GAP.
      const anyTime = !key.startsWith('h:');
      for (const other of this.textIndex.get(key) ?? []) {
        if (!anyTime && node.day !== null) {
          // Read only here: a band's list can hold thousands of near-copies, and each read is a cache miss.
          const d = this.nodes[other]!.day;
          if (d !== null && Math.abs(d - node.day) > MAX_DAY_GAP) continue;
        }
        shared.set(other, MIN_SHARED_ENTITIES);
      }
    }
    const candidates = this.strongest(node, shared);
    for (const other of candidates) {
      // Counts only: the index keeps a million pairs at archive size, and no answer lists their entities.
      const ev = evidence(mine, this.prepare(this.nodes[other]!), false);
      this.setEdge(node.slot, other, ev.sameStory ? ev : ev.score);
    }
    return candidates.length;
  }

  /** This call's shared-evidence counts, cleared by a new stamp rather than by walking them. */
  private sharedCounts(self: number): SharedCounts {
    const size = this.nodes.length;
    if (this.counts.length < size) {
      const grown = Math.max(size, 2 * this.counts.length);
      this.counts = new Int32Array(grown);
      this.stamps = new Int32Array(grown);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const counts = this.counts;
    const stamps = this.stamps;
    const touched: number[] = [];
    const set = (slot: number, value: number): void => {
      if (stamps[slot] !== stamp) {
        stamps[slot] = stamp;
        if (slot !== self) touched.push(slot);
      }
      counts[slot] = value;
    };
    return {
      touched,
      counts,
      set,
      add: (slot, by) => set(slot, stamps[slot] === stamp ? counts[slot] + by : by),
    };
  }

  /**
   * The candidates to score, in the order `MAX_CANDIDATES` keeps them: the most shared evidence, then the
   * nearest in time, then the latest indexed. Only the kept ones are ordered (a bounded insertion), not the
   * thousands a story of near-copies offers.
   */
  private strongest(node: Node, shared: SharedCounts): number[] {
    const apart = (other: number): number => {
      const d = this.nodes[other]!.day;
      return node.day === null || d === null ? Number.MAX_SAFE_INTEGER : Math.abs(d - node.day);
    };
    const kept: { slot: number; count: number; apart: number }[] = [];
    const before = (a: { slot: number; count: number; apart: number }, b: { slot: number; count: number; apart: number }): boolean =>
      a.count !== b.count ? a.count > b.count : a.apart !== b.apart ? a.apart < b.apart : a.slot > b.slot;
    let eligible = 0;
    for (const slot of shared.touched) if (shared.counts[slot] >= MIN_SHARED_ENTITIES) eligible++;
    for (const slot of shared.touched) {
      const count = shared.counts[slot];
      if (count < MIN_SHARED_ENTITIES) continue;
      // Below the bound every candidate is scored: their order does not matter.
      const entry = { slot, count, apart: eligible > MAX_CANDIDATES ? apart(slot) : 0 };
      if (eligible <= MAX_CANDIDATES) {
        kept.push(entry);
        continue;
      }
      if (kept.length === MAX_CANDIDATES && !before(entry, kept[kept.length - 1])) continue;
      let at = kept.length;
      while (at > 0 && before(entry, kept[at - 1])) at--;
      kept.splice(at, 0, entry);
      if (kept.length > MAX_CANDIDATES) kept.pop();
    }
    return kept.map((e) => e.slot);
  }

  private setEdge(a: number, b: number, edge: Edge): void {
    let x = this.edges.get(a);
    if (!x) this.edges.set(a, (x = new Map<number, Edge>()));
    x.set(b, edge);
    let y = this.edges.get(b);
    if (!y) this.edges.set(b, (y = new Map<number, Edge>()));
    y.set(a, edge);
  }

  /** Links again the components (over "same story" pairs) of `seeds`; gives how many articles they hold. */
  private relink(seeds: readonly number[]): number {
    const steps = this.relinkSteps(seeds);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** `relink`, one step per component. */
  private *relinkSteps(seeds: readonly number[]): Generator<void, number> {
    const done = new Set<number>();
    let count = 0;
    for (const seed of seeds) {
      if (done.has(seed) || !this.nodes[seed]) continue;
      const component = [seed];
      done.add(seed);
      for (let i = 0; i < component.length; i++) {
        for (const [other, edge] of this.edges.get(component[i]) ?? []) {
          if (typeof edge === 'number' || done.has(other)) continue;
          done.add(other);
          component.push(other);
        }
      }
      count += component.length;
      for (const slot of component) this.forgetStory(this.nodes[slot]!.article.key);
      this.link(component);
      yield;
    }
    return count;
  }

  /** Average linkage over one component, strongest links first (as `clusterStories`). */
  private link(component: readonly number[]): void {
    // The sort keys are copied out of the evidence: a component of thousands of near-copies sorts a million pairs.
    const scored: { i: number; j: number; ev: PairEvidence; duplicate: number; score: number }[] = [];
    for (const i of component) {
      for (const [j, edge] of this.edges.get(i) ?? []) {
        if (i < j && typeof edge !== 'number') scored.push({ i, j, ev: edge, duplicate: edge.duplicate === null ? 0 : 1, score: edge.score });
      }
    }
    scored.sort((x, y) => y.duplicate - x.duplicate || y.score - x.score || x.i - y.i || x.j - y.j);
    const parent = new Map<number, number>(component.map((s) => [s, s]));
    const span = new Map<number, { lo: number; hi: number } | null>(
      component.map((s) => {
        const day = this.nodes[s]!.day;
        return [s, day === null ? null : { lo: day, hi: day }];
      }),
    );
    const size = new Map<number, number>(component.map((s) => [s, 1]));
    // Sum of pair scores between two groups, kept per pair of groups as they merge: the mean over every
    // pair across them (pairs never scored count 0) without walking their members again.
    const inside = new Set(component);
    const cross = new Map<number, Map<number, number>>();
    for (const i of component) {
      const row = new Map<number, number>();
      for (const [j, edge] of this.edges.get(i) ?? []) if (inside.has(j)) row.set(j, typeof edge === 'number' ? edge : edge.score);
      cross.set(i, row);
    }
    const find = (i: number): number => {
      let p = parent.get(i)!;
      while (p !== i) {
        const g = parent.get(p)!;
        parent.set(i, g);
        i = p;
        p = g;
      }
      return i;
    };
    const averageScore = (ri: number, rj: number): number => (cross.get(ri)!.get(rj) ?? 0) / (size.get(ri)! * size.get(rj)!);
    /** Merges two groups; gives the root kept. The shorter row is walked into the longer (a story of
     * thousands of near-copies otherwise walks its long row again at every merge); the sums are the
     * same additions either way, so the groups do not depend on which root stays. */
    const merge = (ri: number, rj: number): number => {
      const [keep, gone] = cross.get(ri)!.size >= cross.get(rj)!.size ? [ri, rj] : [rj, ri];
      const into = cross.get(keep)!;
      for (const [k, v] of cross.get(gone)!) {
        if (k === keep) continue;
        into.set(k, (into.get(k) ?? 0) + v);
        const row = cross.get(k)!;
        row.set(keep, (row.get(keep) ?? 0) + v);
        row.delete(gone);
      }
      into.delete(gone);
      cross.delete(gone);
      parent.set(gone, keep);
      size.set(keep, size.get(ri)! + size.get(rj)!);
      return keep;
    };
    for (const { i, j, ev } of scored) {
      const ri = find(i);
      const rj = find(j);
      const ai = this.nodes[i]!.article;
      const aj = this.nodes[j]!.article;
      const [first, second] = byDateThenKey(ai, aj) <= 0 ? [ai, aj] : [aj, ai];
      if (ev.duplicate && !this.duplicates.has(second.key)) this.duplicates.set(second.key, first.key);
      if (ri === rj) continue;
      const si = span.get(ri) ?? null;
      const sj = span.get(rj) ?? null;
      const merged = si && sj ? { lo: Math.min(si.lo, sj.lo), hi: Math.max(si.hi, sj.hi) } : (si ?? sj);
      if (!ev.duplicate && merged && merged.hi - merged.lo > MAX_STORY_SPAN_DAYS) continue;
      if (!ev.duplicate && averageScore(ri, rj) < STORY_THRESHOLD) continue;
      span.set(merge(ri, rj), merged);
    }
    const groups = new Map<number, StoryArticle[]>();
    for (const slot of component) {
      const root = find(slot);
      const list = groups.get(root);
      if (list) list.push(this.nodes[slot]!.article);
      else groups.set(root, [this.nodes[slot]!.article]);
    }
    for (const members of groups.values()) this.addStory(members);
  }

  private addStory(members: StoryArticle[]): void {
    const story = storyOfMembers(members);
    this.stories.add(story);
    for (const m of members) {
      this.storyOf.set(m.key, story);
      this.changes.linked.add(m.key);
    }
    this.cached = null;
  }
}
