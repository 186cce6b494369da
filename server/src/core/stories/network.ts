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
  for (const unit of units) for (const id of unit) mentions.set(id, (mentions.get(id) ?? 0) + 1);
  const kept = keep?.(mentions);
  const ids = [...(kept ?? mentions.keys())].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  // Pairs counted by index in one table when the kept names are few (the usual case), else in a map.
  const k = ids.length;
  const table = k <= 512 ? new Uint32Array(k * k) : null;
  const sparse = new Map<number, number>();
  const seen = new Int32Array(k).fill(-1);
  const present: number[] = [];
  units.forEach((unit, u) => {
    present.length = 0;
    for (const id of unit) {
      const i = index.get(id);
      if (i === undefined || seen[i] === u) continue;
      seen[i] = u;
      present.push(i);
    }
    present.sort((a, b) => a - b);
    for (let x = 0; x < present.length; x++) {
      for (let y = x + 1; y < present.length; y++) {
        const cell = present[x] * k + present[y];
        if (table) table[cell]++;
        else sparse.set(cell, (sparse.get(cell) ?? 0) + 1);
      }
    }
  });
  const pairs = new Map<string, number>();
  const add = (cell: number, count: number): void => void pairs.set(`${ids[Math.floor(cell / k)]}\t${ids[cell % k]}`, count);
  if (table) table.forEach((count, cell) => count && add(cell, count));
  else for (const [cell, count] of [...sparse].sort((a, b) => a[0] - b[0])) add(cell, count);
  return { mentions, pairs };
}

/** Links each node keeps whatever the global cut. */
const LINKS_PER_NODE = 2;

/** The `size` most mentioned ids, for `cooccurrence`'s `keep` (a margin over the shown nodes, as some name nobody else). */
export function mostMentioned(size: number): (mentions: ReadonlyMap<string, number>) => ReadonlySet<string> {
  return (mentions) => new Set(topByCount(mentions, size));
}

/** The `size` ids of most mentions (ties by id): only those at or above the size-th count are sorted, not the long tail. */
function topByCount(mentions: ReadonlyMap<string, number>, size: number): string[] {
  const counts = [...mentions.values()];
  let floor = -Infinity;
  if (counts.length > size * 4) {
    // The size-th largest count, from a histogram of the counts (most names are mentioned a few times).
    const histogram = new Map<number, number>();
    for (const c of counts) histogram.set(c, (histogram.get(c) ?? 0) + 1);
    let seen = 0;
    for (const c of [...histogram.keys()].sort((a, b) => b - a)) {
      seen += histogram.get(c)!;
      floor = c;
      if (seen >= size) break;
    }
  }
  return [...mentions.entries()]
    .filter(([, c]) => c >= floor)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, size)
    .map(([id]) => id);
}

/** The `limit` most mentioned ids that co-occur with another, and the edges among them, strongest first (at most `maxEdges`). */
export function topGraph(graph: CooccurrenceGraph, limit: number, maxEdges = limit * 3): { nodes: string[]; edges: { source: string; target: string; weight: number }[] } {
  const linked = new Set<string>();
  for (const key of graph.pairs.keys()) for (const id of key.split('\t')) linked.add(id);
  const mentionsOf = (id: string): number => graph.mentions.get(id) ?? 0;
  const nodes = [...linked].sort((a, b) => mentionsOf(b) - mentionsOf(a) || (a < b ? -1 : 1)).slice(0, limit);
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
