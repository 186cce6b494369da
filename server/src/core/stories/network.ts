/**
 * Who appears with whom: co-occurrence counts over units (articles or sentences), each a list of
 * entity ids. Pure; the server turns views into units.
 */

export interface CooccurrenceGraph {
  /** Entity id → mentions (over all units given). */
  readonly mentions: ReadonlyMap<string, number>;
  /** `a\tb` (a < b) → units naming both. */
  readonly pairs: ReadonlyMap<string, number>;
}

/**
 * Counts every mention and, per unit, each distinct pair of the ids it names once. With `keep`, only
 * pairs of ids that `keep` accepts are counted (the graph shows the most mentioned names only, and
 * counting every pair of a workspace's articles is quadratic in their names).
 */
export function cooccurrence(units: readonly (readonly string[])[], keep?: (mentions: ReadonlyMap<string, number>) => ReadonlySet<string>): CooccurrenceGraph {
  const mentions = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const unit of units) for (const id of unit) mentions.set(id, (mentions.get(id) ?? 0) + 1);
  const kept = keep?.(mentions);
  for (const unit of units) {
    const distinct = [...new Set(kept ? unit.filter((id) => kept.has(id)) : unit)].sort();
    for (let i = 0; i < distinct.length; i++) {
      for (let j = i + 1; j < distinct.length; j++) {
        const key = `${distinct[i]}\t${distinct[j]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  return { mentions, pairs };
}

/** Links each node keeps whatever the global cut. */
const LINKS_PER_NODE = 2;

/** The `size` most mentioned ids, for `cooccurrence`'s `keep` (a margin over the shown nodes, as some name nobody else). */
export function mostMentioned(size: number): (mentions: ReadonlyMap<string, number>) => ReadonlySet<string> {
  return (mentions) =>
    new Set(
      [...mentions.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, size)
        .map(([id]) => id),
    );
}

/** The `limit` most mentioned ids that co-occur with another, and the edges among them, strongest first (at most `maxEdges`). */
export function topGraph(graph: CooccurrenceGraph, limit: number, maxEdges = limit * 3): { nodes: string[]; edges: { source: string; target: string; weight: number }[] } {
  const linked = new Set<string>();
  for (const key of graph.pairs.keys()) for (const id of key.split('\t')) linked.add(id);
  const nodes = [...graph.mentions.entries()]
    .filter(([id]) => linked.has(id))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([id]) => id);
  const kept = new Set(nodes);
  const all = [...graph.pairs.entries()]
    .map(([key, weight]) => {
      const [source, target] = key.split('\t');
      return { source, target, weight };
    })
    .filter((e) => kept.has(e.source) && kept.has(e.target))
    .sort((a, b) => b.weight - a.weight || (a.source + a.target < b.source + b.target ? -1 : 1));
  // Every node keeps its strongest links (so none floats alone for want of a globally strong one), then the strongest others.
  const chosen = new Set<(typeof all)[number]>();
  const perNode = new Map<string, number>();
  for (const e of all) {
    if ((perNode.get(e.source) ?? 0) >= LINKS_PER_NODE && (perNode.get(e.target) ?? 0) >= LINKS_PER_NODE) continue;
    chosen.add(e);
    perNode.set(e.source, (perNode.get(e.source) ?? 0) + 1);
    perNode.set(e.target, (perNode.get(e.target) ?? 0) + 1);
  }
  for (const e of all) {
    if (chosen.size >= maxEdges) break;
    chosen.add(e);
  }
  return { nodes, edges: all.filter((e) => chosen.has(e)) };
}

/** Sentence ends inside a paragraph: a stop, then space and a capital or an opening quote. */
const SENTENCE_END = /[.!?]["”’)]?\s+(?=[\p{Lu}“"‘(])/gu;

/** Start offsets of the sentences of `text[from, to)`, the first being `from`. */
export function sentenceStarts(text: string, from: number, to: number): number[] {
  const starts = [from];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(SENTENCE_END)) starts.push(from + m.index + m[0].length);
  return starts;
}
