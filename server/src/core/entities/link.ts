import type { DocumentEntity, EntityKind, EntityMention, LinkedMention } from '../model';
import { editDistance, nameKey, slug, surnameKey } from './names';
import { idOrder } from '../text';

export interface LinkResult {
  readonly entities: DocumentEntity[];
  /** Per article, its mentions with their entity ids, in document order. */
  readonly linked: readonly (readonly LinkedMention[])[];
}

interface Cluster {
  kind: EntityKind;
  /** name key → how often it was written that way. */
  readonly keys: Map<string, number>;
  /** surface name → count, for the canonical name. */
  readonly names: Map<string, number>;
  readonly kindVotes: Map<EntityKind, number>;
  /** Creation order: the earlier-named entity wins a tie. */
  readonly order: number;
  parent?: Cluster;
}

function root(c: Cluster): Cluster {
  while (c.parent) c = c.parent;
  return c;
}

function union(a: Cluster, b: Cluster): void {
  const ra = root(a);
  const rb = root(b);
  if (ra === rb) return;
  rb.parent = ra;
  for (const [k, n] of rb.keys) ra.keys.set(k, (ra.keys.get(k) ?? 0) + n);
  for (const [k, n] of rb.names) ra.names.set(k, (ra.names.get(k) ?? 0) + n);
  for (const [k, n] of rb.kindVotes) ra.kindVotes.set(k, (ra.kindVotes.get(k) ?? 0) + n);
}

function wordCount(key: string): number {
  return key.split(' ').length;
}

/** A name without its leading particles: "von der leyen" is a surname, not a full name. */
function withoutParticles(key: string): string {
  return key.replace(/^(?:(?:al|el)-|(?:von|van|der|den|de|da|du|la|le|bin|ibn|al|el) )+/, '');
}

/** What linking needs from one article's mentions, computed once per mentions array (articles are cached by text). */
interface ArticleLinkStats {
  /** Cluster key → the mentions' statistics, in the order the keys first occur in the article. */
  readonly clusters: ReadonlyMap<
    string,
    { readonly kind: EntityKind; readonly nameKey: string; readonly count: number; readonly names: ReadonlyMap<string, number>; readonly kindVotes: ReadonlyMap<EntityKind, number> }
  >;
  /** Per mention, its cluster key. */
  readonly keys: readonly string[];
}

const statsOfMentions = new WeakMap<readonly EntityMention[], ArticleLinkStats>();

function articleStats(mentions: readonly EntityMention[]): ArticleLinkStats {
  let stats = statsOfMentions.get(mentions);
  if (stats) return stats;
  const clusters = new Map<string, { kind: EntityKind; nameKey: string; count: number; names: Map<string, number>; kindVotes: Map<EntityKind, number> }>();
  const keys: string[] = [];
  for (const m of mentions) {
    const nk = nameKey(m.name);
    // People and non-people never share a cluster by name alone ("Georgia" the country, "Georgia" a first name).
    const key = `${m.kind === 'person' ? 'p' : 'x'}\u0000${nk}`;
    let c = clusters.get(key);
    if (!c) clusters.set(key, (c = { kind: m.kind, nameKey: nk, count: 0, names: new Map(), kindVotes: new Map() }));
    c.count++;
    c.names.set(m.name, (c.names.get(m.name) ?? 0) + 1);
    c.kindVotes.set(m.kind, (c.kindVotes.get(m.kind) ?? 0) + 1);
    keys.push(key);
  }
  stats = { clusters, keys };
  statsOfMentions.set(mentions, stats);
  return stats;
}

/** One article's mentions as recognised (offsets relative to `offset`), for `linkArticles`. */
export interface ArticleMentions {
  readonly mentions: readonly EntityMention[];
  /** Added to every span of the linked mentions (the article's start in the document). */
  readonly offset: number;
}

/**
 * One entity, many names, across the articles of a document: equal names join; a person's surname
 * alone ("Assad", "al-Assad", "Kirillov") joins the one full name that ends with it; full names with
 * the same surname and nearly the same first name join ("Bashar al-Assad", "Bachar al Assad").
 * Ids are `kind:slug-of-canonical-name`, so the same person gets the same id in every file.
 */
export function linkEntities(perArticle: readonly (readonly EntityMention[])[]): LinkResult {
  return linkArticles(perArticle.map((mentions) => ({ mentions, offset: 0 })));
}

/**
 * `linkEntities` over articles whose mentions are relative to their article. The per-name statistics
 * of each article are computed once per mentions array and summed here in document order (the same
 * counts and first-occurrence orders as counting mention by mention), so after an edit only the
 * touched article is counted again; the joining below works on distinct names, not on mentions.
 */
export function linkArticles(articles: readonly ArticleMentions[], memo?: LinkMemo): LinkResult {
  const perArticleStats = articles.map((a) => articleStats(a.mentions));
  // The same names, as often and in the same order, as last time (an edit that changed no name): the same entities.
  const sameDecision = memo !== undefined && sameStatsSequence(memo.stats, perArticleStats);
  const decision = sameDecision ? memo.decision : decideEntities(perArticleStats);
  const before = memo ? memo.linked : [];
  // After a new decision (a name changed), an article whose names are decided as before keeps its links.
  const decidedAsBefore = (stats: ArticleLinkStats): boolean => sameDecision || (memo !== undefined && sameRefs(memo.decision, decision, stats));
  const kept: boolean[] = [];

  const byId = new Map<string, { id: string; kind: EntityKind; name: string; mentions: LinkedMention[] }>();
  const entityOf = (ref: EntityRef) => {
    let e = byId.get(ref.id);
    if (!e) byId.set(ref.id, (e = { id: ref.id, kind: ref.kind, name: ref.name, mentions: [] }));
    return e;
  };
  const linked = articles.map(({ mentions, offset }, article) => {
    const stats = perArticleStats[article];
    const keys = stats.keys;
    // The same mentions at the same place, linked the same way, as in the last version (an article before the edit): the same objects.
    const previous = before[article];
    const keep = previous !== undefined && previous.stats === stats && decidedAsBefore(stats);
    kept.push(keep);
    if (keep && previous.offset === offset) {
      previous.linked.forEach((lm, i) => entityOf(decision.get(keys[i])!).mentions.push(lm));
      return previous.linked;
    }
    if (keep) {
      // The same mentions, linked the same way, moved by an edit before them: only their offsets change.
      const d = offset - previous.offset;
      return previous.linked.map((lm, i) => {
        const span = { start: lm.span.start + d, end: lm.span.end + d };
        const moved: LinkedMention =
          lm.rule === undefined
            ? { span, text: lm.text, kind: lm.kind, name: lm.name, entityId: lm.entityId, article }
            : { span, text: lm.text, kind: lm.kind, name: lm.name, rule: lm.rule, entityId: lm.entityId, article };
        entityOf(decision.get(keys[i])!).mentions.push(moved);
        return moved;
      });
    }
    return mentions.map((m, i) => {
      const e = entityOf(decision.get(keys[i])!);
      // The fields of an EntityMention, in its order, then the link (an object literal: spreading is slow on big files).
      const span = offset === 0 ? m.span : { start: m.span.start + offset, end: m.span.end + offset };
      const lm: LinkedMention =
        m.rule === undefined ? { span, text: m.text, kind: e.kind, name: m.name, entityId: e.id, article } : { span, text: m.text, kind: e.kind, name: m.name, rule: m.rule, entityId: e.id, article };
      e.mentions.push(lm);
      return lm;
    });
  });
  if (memo) {
    memo.kept = kept;
    memo.stats = perArticleStats;
    memo.decision = decision;
    memo.linked = linked.map((list, article) => ({ stats: perArticleStats[article], offset: articles[article].offset, linked: list }));
  }
  const entities: DocumentEntity[] = [...byId.values()].map((e) => {
    const aliases = [e.name];
    const seen = new Set(aliases);
    for (const m of e.mentions) {
      const alias = withoutPossessive(m.text);
      if (!seen.has(alias)) {
        seen.add(alias);
        aliases.push(alias);
      }
    }
    return { id: e.id, kind: e.kind, name: e.name, aliases, mentions: e.mentions };
  });
  // The same decisions over the same names: as many mentions per entity as last time, so the same order.
  const rank = sameDecision ? memo.order : undefined;
  if (rank && rank.size === entities.length && entities.every((e) => rank.has(e.id))) {
    entities.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  } else {
    const byIdOrder = idOrder(entities.map((e) => e.id));
    entities.sort((a, b) => b.mentions.length - a.mentions.length || byIdOrder(a.id, b.id));
  }
  if (memo) memo.order = new Map(entities.map((e, i) => [e.id, i]));
  return { entities, linked };
}

/** "Putin’s" → "Putin" (what the name is called without the possessive). */
function withoutPossessive(text: string): string {
  const n = text.length;
  if (n < 2 || text.charCodeAt(n - 1) !== 115 /* s */) return text;
  const apostrophe = text.charCodeAt(n - 2);
  return apostrophe === 0x2019 || apostrophe === 39 ? text.slice(0, -2) : text;
}

/** Which entity each cluster key's mentions belong to. */
interface EntityRef {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
}

/**
 * The linking decisions of a document's last version (one memo per document): when an edit leaves
 * every article's names and their counts as they were, the entities are the same, and only the
 * mentions of the articles that changed or moved (those from the edit on) are linked again.
 */
export class LinkMemo {
  stats: readonly ArticleLinkStats[] = [];
  decision: ReadonlyMap<string, EntityRef> = new Map();
  /** The entities' order in the last result (by mention count, then id), by id. */
  order: ReadonlyMap<string, number> = new Map();
  /** Per article of the last call: whether its mentions kept the entity ids and kinds of the call before it. */
  kept: readonly boolean[] = [];
  /** Per article of the last version: its statistics (so its mentions), its offset and its linked mentions. */
  linked: readonly { readonly stats: ArticleLinkStats; readonly offset: number; readonly linked: readonly LinkedMention[] }[] = [];
}

function sameCounts<K>(a: ReadonlyMap<K, number>, b: ReadonlyMap<K, number>): boolean {
  if (a.size !== b.size) return false;
  const bi = b.entries();
  for (const [k, n] of a) {
    const [kb, nb] = bi.next().value as [K, number];
    if (k !== kb || n !== nb) return false;
  }
  return true;
}

/** Same cluster keys, kinds, counts and names, in the same order (map order decides ties in linking). */
function sameStats(a: ArticleLinkStats, b: ArticleLinkStats): boolean {
  if (a === b) return true;
  if (a.clusters.size !== b.clusters.size) return false;
  const bi = b.clusters.entries();
  for (const [key, s] of a.clusters) {
    const [kb, sb] = bi.next().value as [string, typeof s];
    if (key !== kb || s.kind !== sb.kind || s.count !== sb.count || !sameCounts(s.names, sb.names) || !sameCounts(s.kindVotes, sb.kindVotes)) return false;
  }
  // The order of first mentions decides which of two roots with one id names the entity.
  return a.keys.length === b.keys.length && a.keys.every((k, i) => k === b.keys[i]);
}

/** Whether every name of an article is decided (entity id and kind) the same way by two decisions. */
function sameRefs(a: ReadonlyMap<string, EntityRef>, b: ReadonlyMap<string, EntityRef>, stats: ArticleLinkStats): boolean {
  for (const key of stats.clusters.keys()) {
    const x = a.get(key);
    const y = b.get(key);
    if (!x || !y || x.id !== y.id || x.kind !== y.kind) return false;
  }
  return true;
}

function sameStatsSequence(a: readonly ArticleLinkStats[], b: readonly ArticleLinkStats[]): boolean {
  return a.length === b.length && a.every((s, i) => sameStats(s, b[i]));
}

/** Sums the articles' statistics into clusters, joins them, and names each cluster's entity. */
function decideEntities(perArticleStats: readonly ArticleLinkStats[]): Map<string, EntityRef> {
  const byKey = new Map<string, Cluster>();
  for (const stats of perArticleStats) {
    for (const [key, s] of stats.clusters) {
      let c = byKey.get(key);
      if (!c) {
        c = { kind: s.kind, keys: new Map(), names: new Map(), kindVotes: new Map(), order: byKey.size };
        byKey.set(key, c);
      }
      // No cluster has a parent yet: each is its own root.
      c.keys.set(s.nameKey, (c.keys.get(s.nameKey) ?? 0) + s.count);
      for (const [name, n] of s.names) c.names.set(name, (c.names.get(name) ?? 0) + n);
      for (const [kind, n] of s.kindVotes) c.kindVotes.set(kind, (c.kindVotes.get(kind) ?? 0) + n);
    }
  }

  // People: full names by surname; then surname-only mentions.
  const people = [...byKey.entries()].filter(([k]) => k.startsWith('p\u0000')).map(([k, c]) => ({ key: k.slice(2), c }));
  const full = people.filter((p) => wordCount(withoutParticles(p.key)) > 1);
  const bySurname = new Map<string, { key: string; c: Cluster }[]>();
  for (const p of full) {
    const s = surnameKey(p.key);
    bySurname.set(s, [...(bySurname.get(s) ?? []), p]);
  }
  for (const group of bySurname.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i].key.split(' ')[0];
        const b = group[j].key.split(' ')[0];
        // "vladimir v putin" and "vladimir putin"; "bashar al-assad" and "bachar al-assad".
        if (a === b || editDistance(a, b, 2) <= 1 || group[i].key.startsWith(group[j].key) || group[j].key.startsWith(group[i].key)) union(group[i].c, group[j].c);
      }
    }
  }
  const byFirstWord = new Map<string, Cluster[]>();
  for (const p of full) {
    const first = p.key.split(' ')[0];
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), p.c]);
  }
  const weight = (c: Cluster): number => [...root(c).keys.values()].reduce((a, b) => a + b, 0);
  for (const p of people) {
    if (wordCount(withoutParticles(p.key)) > 1) continue;
    const candidates = bySurname.get(surnameKey(p.key)) ?? [];
    let roots = [...new Set(candidates.map((x) => root(x.c)))];
    // Names written family name first ("Kim" for "Kim Jong-un") join the one full name they begin.
    if (!roots.length) roots = [...new Set((byFirstWord.get(p.key) ?? []).map(root))].filter((r) => r !== root(p.c));
    if (roots.length > 1) {
      // Two people share the surname ("Hafez al-Assad", "Bashar al-Assad"): the surname alone means the one the text names most.
      roots.sort((a, b) => weight(b) - weight(a) || a.order - b.order);
    }
    if (roots.length) union(roots[0], p.c);
  }

  // An acronym joins the one name whose initials it spells ("EU" → "European Union", "U.N." → "United Nations").
  const others = [...byKey.entries()].filter(([k]) => k.startsWith('x\u0000'));
  const byInitials = new Map<string, Cluster[]>();
  for (const [k, c] of others) {
    const words = k
      .slice(2)
      .split(' ')
      .filter((w) => !/^(?:of|for|the|and|on|in|al-.*)$/.test(w));
    if (words.length < 2) continue;
    const initials = words.map((w) => w[0]).join('');
    byInitials.set(initials, [...(byInitials.get(initials) ?? []), c]);
  }
  for (const [k, c] of others) {
    const key = k.slice(2);
    if (key.includes(' ')) continue;
    const surface = [...root(c).names.keys()][0] ?? '';
    if (!/^(?:\p{Lu}\.?){2,8}$/u.test(surface)) continue;
    const targets = [...new Set((byInitials.get(key) ?? []).map(root))];
    if (targets.length === 1) union(targets[0], c);
  }

  // Build entities with canonical names and stable ids.
  const entityOfRoot = new Map<Cluster, EntityRef>();
  const byId = new Map<string, EntityRef>();
  const entityFor = (c: Cluster) => {
    const r = root(c);
    let e = entityOfRoot.get(r);
    if (e) return e;
    const kind = [...r.kindVotes.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const names = [...r.names.entries()].sort((a, b) => {
      // The canonical name is the fullest form written; among equals, the most frequent.
      const wa = wordCount(nameKey(a[0]));
      const wb = wordCount(nameKey(b[0]));
      // The spelling the text uses most wins: "Bashar al-Assad" + "Bashar Al Assad" outvote "Bachar al Assad".
      const ka = r.keys.get(nameKey(a[0])) ?? 0;
      const kb = r.keys.get(nameKey(b[0])) ?? 0;
      return wb - wa || kb - ka || b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]);
    });
    const name = names[0][0];
    const id = `${kind}:${slug(name)}`;
    e = byId.get(id);
    if (!e) {
      e = { id, kind, name };
      byId.set(id, e);
    }
    entityOfRoot.set(r, e);
    return e;
  };
  // Entities are named in the order of their first mentions (of two roots with one id, the first names it).
  const decision = new Map<string, EntityRef>();
  for (const stats of perArticleStats) {
    for (const key of stats.keys) {
      if (decision.has(key)) continue;
      const e = entityFor(byKey.get(key)!);
      decision.set(key, { id: e.id, kind: e.kind, name: e.name });
    }
  }
  return decision;
}
