import type { StoryArticle } from './features';
import { bandKeys, fnv1a, jaccard } from './minhash';

/**
 * Groups articles that tell the same story, from four kinds of evidence (README: "Stories"):
 * shared named entities weighted by rarity (IDF), publication dates close together, resolved dates in
 * common, and shingle similarity of the text. Exact and near-exact repeats are marked as duplicates.
 *
 * The thresholds are reasoned, not fitted (the seeds are a check): see the test file's synthetic
 * outlets and the README for the cases each number separates.
 */

/** Estimated shingle Jaccard at or above which two bodies are the same text (re-scrapes, light edits). */
export const NEAR_DUPLICATE_JACCARD = 0.8;
/** Publication days further apart than this are different stories, whatever they share (but repeats). */
export const MAX_DAY_GAP = 7;
/** A story's publication days span at most this many days (with average linkage, the guard against chaining). */
export const MAX_STORY_SPAN_DAYS = 7;
/** Score at which two articles are one story (entity cosine ∈ [0,1] plus the other evidence below). */
export const STORY_THRESHOLD = 0.3;
/** Different outlets rewriting one event still share phrases (names, titles, quotes): Jaccard counts triple. */
export const TEXT_WEIGHT = 3;
/** Bonus for publication the same or the next day; malus per further day apart. */
export const SAME_DAYS_BONUS = 0.05;
export const DAY_APART_MALUS = 0.04;
/**
 * Bonus per resolved day the two articles both mention, up to three days. Only days within
 * `MAX_DAY_GAP` before a publication day count: two reports of one event name its recent days, while
 * many unrelated articles recall the same anniversary ("the attacks of Oct. 7").
 */
export const SHARED_DAY_BONUS = 0.05;
/** Bonus for the same (non-generic) headline. */
export const SAME_HEADLINE_BONUS = 0.3;
/** At least this many shared entities, unless the text or the headline itself is shared. */
export const MIN_SHARED_ENTITIES = 2;
/** Entities in more than this share of articles (and more than `COMMON_MIN_DF`) find no candidates: too common to block on. */
export const COMMON_SHARE = 0.05;
export const COMMON_MIN_DF = 30;
/** Each article offers its heaviest (tf·idf) uncommon entities as candidate keys: those that carry the cosine. */
export const CANDIDATE_ENTITIES = 10;
/** Entity posting lists longer than this pair only members published close together. */
export const LONG_POSTING = 64;
/**
 * An article is scored against at most this many candidates (those sharing the most evidence, then the nearest in
 * time, then the latest indexed). Without a bound, an archive holding one story in thousands of near-copies (wire
 * copy in every outlet, a scraper's repeats) scores every pair of them: at 10,000 bench files, tens of millions of
 * pairs, which exhausted the server's heap. Below the bound the answer is unchanged.
 */
export const MAX_CANDIDATES = 64;

export interface PairEvidence {
  /** Cosine of the IDF-weighted entity vectors. */
  readonly entities: number;
  /** The entities both name (empty where the caller asked for the count only: the incremental index keeps millions of pairs). */
  readonly sharedEntities: readonly string[];
  readonly text: number;
  readonly dayGap: number | null;
  readonly sharedDays: number;
  readonly sameHeadline: boolean;
  readonly duplicate: 'exact' | 'near' | null;
  readonly score: number;
  readonly sameStory: boolean;
}

export interface Story {
  /** Stable id: `s` + hash of its first article's key (the first by date, then key). */
  readonly id: string;
  /** Article keys, earliest publication first (undated last), then by key. */
  readonly members: readonly string[];
  /** Distinct outlets: sources where given, otherwise files. */
  readonly outlets: readonly string[];
  /** First and last publication day of its members, or null when none is dated. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface StoryClustering {
  readonly stories: readonly Story[];
  /** Article key → its story. */
  readonly storyOf: ReadonlyMap<string, Story>;
  /** Article key → the earlier article it repeats (exact or near-exact). */
  readonly duplicateOf: ReadonlyMap<string, string>;
  /** Pairs that were compared, for explanations: `keyA\tkeyB` → evidence (only pairs scored as one story). */
  readonly links: ReadonlyMap<string, PairEvidence>;
}

const DAY_MS = 86_400_000;
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** An article's entity weights (IDF applied) and days, ready to compare. */
export interface Prepared {
  readonly article: StoryArticle;
  /** Resolved entity → (1 + ln count), then (once IDF is known) times its IDF. */
  readonly weights: Map<string, number>;
  readonly norm: number;
  readonly day: number | null;
  /** Resolved days as day numbers. */
  readonly days: ReadonlySet<number>;
}

const NONE_LISTED: readonly string[] = Object.freeze([]);

/** Compares two prepared articles (their weights already carry IDF); `listShared` false leaves `sharedEntities` empty. */
export function evidence(a: Prepared, b: Prepared, listShared = true): PairEvidence {
  let dot = 0;
  let sharedCount = 0;
  const shared: string[] | null = listShared ? [] : null;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  for (const [id, w] of small.weights) {
    const v = large.weights.get(id);
    if (v === undefined) continue;
    dot += w * v;
    sharedCount++;
    shared?.push(id);
  }
  const entities = a.norm && b.norm ? dot / (a.norm * b.norm) : 0;
  const text = jaccard(a.article.signature, b.article.signature);
  const exact = a.article.fingerprint !== '' && a.article.fingerprint === b.article.fingerprint;
  const duplicate = exact ? 'exact' : text >= NEAR_DUPLICATE_JACCARD ? 'near' : null;
  const dayGap = a.day !== null && b.day !== null ? Math.abs(a.day - b.day) : null;
  let sharedDays = 0;
  const recent = (day: number, published: number | null): boolean => published !== null && published - day >= 0 && published - day <= MAX_DAY_GAP;
  for (const d of a.days) if (b.days.has(d) && (recent(d, a.day) || recent(d, b.day))) sharedDays++;
  const sameHeadline = a.article.headline !== '' && a.article.headline === b.article.headline;
  let score = entities + TEXT_WEIGHT * text + SHARED_DAY_BONUS * Math.min(3, sharedDays) + (sameHeadline ? SAME_HEADLINE_BONUS : 0);
  if (dayGap !== null) score += dayGap <= 1 ? SAME_DAYS_BONUS : -DAY_APART_MALUS * (dayGap - 1);
  const enoughShared = sharedCount >= MIN_SHARED_ENTITIES || sameHeadline || text >= 0.2;
  const sameStory = duplicate !== null || (score >= STORY_THRESHOLD && enoughShared && (dayGap === null || dayGap <= MAX_DAY_GAP));
  return { entities, sharedEntities: shared ?? NONE_LISTED, text, dayGap, sharedDays, sameHeadline, duplicate, score, sameStory };
}

/** Per-article weights and the corpus's document frequencies and IDF. */
function prepare(articles: readonly StoryArticle[], resolve: (id: string) => string): { prepared: Prepared[]; df: Map<string, number>; idf: (id: string) => number } {
  const n = articles.length;
  const df = new Map<string, number>();
  const prepared: Prepared[] = articles.map((article) => {
    const weights = new Map<string, number>();
    for (const [id, count] of article.entities) {
      const r = resolve(id);
      weights.set(r, (weights.get(r) ?? 0) + count);
    }
    for (const [id, count] of weights) {
      weights.set(id, 1 + Math.log(count));
      df.set(id, (df.get(id) ?? 0) + 1);
    }
    return { article, weights, norm: 0, day: article.date ? dayNumber(article.date) : null, days: new Set(article.days.map(dayNumber)) };
  });
  const idfOf = new Map<string, number>();
  for (const [id, d] of df) idfOf.set(id, Math.log((n + 1) / d));
  const idf = (id: string): number => idfOf.get(id) ?? 0;
  for (const p of prepared) {
    let sum = 0;
    for (const [id, w] of p.weights) {
      const weighted = w * idf(id);
      p.weights.set(id, weighted);
      sum += weighted ** 2;
    }
    (p as { norm: number }).norm = Math.sqrt(sum);
  }

  return { prepared, df, idf };
}

export function byDateThenKey(a: Pick<StoryArticle, 'date' | 'key'>, b: Pick<StoryArticle, 'date' | 'key'>): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Clusters `articles` into stories. `resolve` maps a file's entity id to the workspace's (aliases and
 * surnames merged across files); identity by default.
 */
export function clusterStories(articles: readonly StoryArticle[], resolve: (id: string) => string = (id) => id): StoryClustering {
  const n = articles.length;
  const { prepared, df } = prepare(articles, resolve);

  // Candidates: pairs sharing two of their heaviest (tf·idf) uncommon entities, or an LSH band, a headline or a fingerprint.
  const postings = new Map<string, number[]>();
  const add = (key: string, i: number): void => {
    const list = postings.get(key);
    if (list) list.push(i);
    else postings.set(key, [i]);
  };
  const maxDf = Math.max(COMMON_MIN_DF, Math.ceil(COMMON_SHARE * n));
  prepared.forEach((p, i) => {
    const keys = [...p.weights.keys()]
      .filter((id) => (df.get(id) ?? 0) >= 2 && (df.get(id) ?? 0) <= maxDf)
      .sort((a, b) => p.weights.get(b)! - p.weights.get(a)! || (a < b ? -1 : 1))
      .slice(0, CANDIDATE_ENTITIES);
    for (const id of keys) add(`e:${id}`, i);
    for (const band of bandKeys(p.article.signature)) add(`b:${band}`, i);
    if (p.article.headline) add(`h:${p.article.headline}`, i);
    if (p.article.fingerprint) add(`f:${p.article.fingerprint}`, i);
  });
  /** Pair → shared entity keys; a textual key counts as enough at once. */
  const shared = new Map<number, number>();
  const count = (a: number, b: number, textual: boolean): void => {
    const pair = a < b ? a * n + b : b * n + a;
    shared.set(pair, textual ? MIN_SHARED_ENTITIES : (shared.get(pair) ?? 0) + 1);
  };
  for (const [key, list] of postings) {
    if (list.length < 2) continue;
    const textual = !key.startsWith('e:');
    // Shared text (bands, fingerprints) finds repeats across any time; names and headlines only within MAX_DAY_GAP.
    const anyTime = key.startsWith('b:') || key.startsWith('f:');
    if (!textual && list.length > LONG_POSTING) {
      // A long list: only members published within MAX_DAY_GAP of each other (sliding window by day);
      // its undated members find their candidates through rarer names and the text.
      const dated = list.filter((i) => prepared[i].day !== null).sort((a, b) => prepared[a].day! - prepared[b].day!);
      for (let x = 0, lo = 0; x < dated.length; x++) {
        while (prepared[dated[x]].day! - prepared[dated[lo]].day! > MAX_DAY_GAP) lo++;
        for (let y = lo; y < x; y++) count(dated[y], dated[x], false);
      }
      continue;
    }
    for (let x = 0; x < list.length; x++) {
      const dx = prepared[list[x]].day;
      for (let y = x + 1; y < list.length; y++) {
        const dy = prepared[list[y]].day;
        // Too far apart in time to be one story; repeats are found through their textual keys.
        if (!anyTime && dx !== null && dy !== null && Math.abs(dx - dy) > MAX_DAY_GAP) continue;
        count(list[x], list[y], textual);
      }
    }
  }
  const pairs: number[] = [];
  for (const [pair, count] of shared) if (count >= MIN_SHARED_ENTITIES) pairs.push(pair);

  const scored: { i: number; j: number; ev: PairEvidence }[] = [];
  const compared = new Map<number, number>();
  for (const pair of pairs) {
    const i = Math.floor(pair / n);
    const j = pair % n;
    const ev = evidence(prepared[i], prepared[j]);
    if (ev.sameStory) scored.push({ i, j, ev });
    else compared.set(pair, ev.score);
  }
  // Strongest evidence first, so a story forms around its best links before the span guard refuses weaker ones.
  scored.sort((x, y) => Number(y.ev.duplicate !== null) - Number(x.ev.duplicate !== null) || y.ev.score - x.ev.score || x.i - y.i || x.j - y.j);

  const parent = prepared.map((_, i) => i);
  const span = prepared.map((p) => (p.day === null ? null : { lo: p.day, hi: p.day }));
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const links = new Map<string, PairEvidence>();
  const duplicateOf = new Map<string, string>();
  const membersOf = prepared.map((_, i) => [i]);
  // Scores of the compared pairs; a pair never compared (no rare name, text or headline in common) counts as 0.
  const pairScore = new Map<number, number>();
  for (const [pair, score] of compared) pairScore.set(pair, score);
  for (const { i, j, ev } of scored) pairScore.set(i * n + j, ev.score);
  const scoreOf = (x: number, y: number): number => pairScore.get(x < y ? x * n + y : y * n + x) ?? 0;
  /** Average linkage: the mean score over every pair across the two groups, so one strong link cannot chain two stories. */
  const averageScore = (ri: number, rj: number): number => {
    let sum = 0;
    for (const x of membersOf[ri]) for (const y of membersOf[rj]) sum += scoreOf(x, y);
    return sum / (membersOf[ri].length * membersOf[rj].length);
  };
  for (const { i, j, ev } of scored) {
    const ri = find(i);
    const rj = find(j);
    const [a, b] = byDateThenKey(articles[i], articles[j]) <= 0 ? [i, j] : [j, i];
    if (ev.duplicate && !duplicateOf.has(articles[b].key)) duplicateOf.set(articles[b].key, articles[a].key);
    links.set(`${articles[a].key}\t${articles[b].key}`, ev);
    if (ri === rj) continue;
    const si = span[ri];
    const sj = span[rj];
    const merged = si && sj ? { lo: Math.min(si.lo, sj.lo), hi: Math.max(si.hi, sj.hi) } : (si ?? sj);
    if (!ev.duplicate && merged && merged.hi - merged.lo > MAX_STORY_SPAN_DAYS) continue;
    if (!ev.duplicate && averageScore(ri, rj) < STORY_THRESHOLD) continue;
    parent[rj] = ri;
    span[ri] = merged;
    membersOf[ri] = membersOf[ri].concat(membersOf[rj]);
    membersOf[rj] = [];
  }

  const groups = new Map<number, StoryArticle[]>();
  prepared.forEach((p, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(p.article);
    else groups.set(root, [p.article]);
  });
  const stories: Story[] = [];
  const storyOf = new Map<string, Story>();
  for (const members of groups.values()) {
    const story = storyOfMembers(members);
    stories.push(story);
    for (const m of members) storyOf.set(m.key, story);
  }
  stories.sort((x, y) => y.members.length - x.members.length || (x.id < y.id ? -1 : 1));
  return { stories, storyOf, duplicateOf, links };
}

/** One story of its members (sorted here by date, then key): its id is its first member's, so it stays while that member does. */
export function storyOfMembers(members: Pick<StoryArticle, 'key' | 'date' | 'source' | 'file'>[]): Story {
  members.sort(byDateThenKey);
  const dated = members
    .map((m) => m.date)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    id: `s${fnv1a(members[0].key).toString(36)}`,
    members: members.map((m) => m.key),
    outlets: [...new Set(members.map((m) => m.source?.trim() || m.file))],
    from: dated[0] ?? null,
    to: dated[dated.length - 1] ?? null,
  };
}

/** Evidence for one pair of `articles` (same weights as clustering over them), compared or not: for explanations and tests. */
export function explainPair(articles: readonly StoryArticle[], a: string, b: string, resolve: (id: string) => string = (id) => id): PairEvidence | undefined {
  const { prepared } = prepare(articles, resolve);
  const pa = prepared.find((p) => p.article.key === a);
  const pb = prepared.find((p) => p.article.key === b);
  return pa && pb ? evidence(pa, pb) : undefined;
}
