import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/core/analyze';
import { EntityIndex } from '../../server/src/core/entityIndex';
import { clusterStories, explainPair, IncrementalStories, STORY_THRESHOLD, StoryIndex, storyLabel, type StoryArticle } from '../../server/src/core/stories';
import { MAX_CANDIDATES } from '../../server/src/core/stories/cluster';
import { shingleHashes, signature, words } from '../../server/src/core/stories/minhash';
import { cooccurrence, mostMentioned, sentenceStarts, topGraph } from '../../server/src/core/stories/network';

/** A deterministic PRNG, so the background corpus is the same on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function article(key: string, date: string | null, entities: Record<string, number>, text: string, extra: Partial<StoryArticle> = {}): StoryArticle {
  const tokens = words(text);
  return {
    key,
    file: key.split('#')[0],
    article: 0,
    title: null,
    source: key.split('#')[0],
    date,
    entities: new Map(Object.entries(entities)),
    days: [],
    signature: signature(shingleHashes(tokens)),
    fingerprint: tokens.length ? `${tokens.join(' ')}` : '',
    headline: '',
    words: tokens.length,
    ...extra,
  };
}

const VOCABULARY = 'the a minister said on talks government officials city people report week police year market council new plan'.split(' ');
function prose(random: () => number, n = 120): string {
  return Array.from({ length: n }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)] + Math.floor(random() * 40)).join(' ');
}

/**
 * A background of 60 unrelated articles over three months: each names a common country (half of them
 * "united-states"), two mid-frequency entities from a pool of 40, and three of its own. This is what
 * gives common names a low weight, as in a real archive.
 */
function background(): StoryArticle[] {
  const random = rng(7);
  const out: StoryArticle[] = [];
  for (let i = 0; i < 60; i++) {
    const day = `2024-${String(10 + Math.floor(i / 20)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const entities: Record<string, number> = { [random() < 0.5 ? 'place:united-states' : 'place:france']: 2 };
    for (let k = 0; k < 2; k++) entities[`organization:pool-${Math.floor(random() * 40)}`] = 1;
    for (let k = 0; k < 3; k++) entities[`person:own-${i}-${k}`] = 1 + Math.floor(random() * 3);
    out.push(article(`bg${i}#0`, day, entities, prose(random)));
  }
  return out;
}

test('stories: three outlets on one event (rare names shared, same days) are one story among unrelated articles', () => {
  const random = rng(11);
  const quake = { 'place:ostrava': 4, 'organization:czech-red-cross': 2, 'person:jana-novak': 2, 'place:czech-republic': 2, 'place:united-states': 1 };
  const a = article('outletA#0', '2024-11-03', { ...quake, 'person:reporter-a': 1 }, prose(random));
  const b = article('outletB#0', '2024-11-03', { 'place:ostrava': 3, 'person:jana-novak': 1, 'place:czech-republic': 1, 'place:poland': 1 }, prose(random));
  const c = article('outletC#0', '2024-11-04', { 'place:ostrava': 2, 'organization:czech-red-cross': 1, 'place:czech-republic': 3 }, prose(random));
  const corpus = [...background(), a, b, c];
  const clustering = clusterStories(corpus);
  const story = clustering.storyOf.get('outletA#0')!;
  assert.deepEqual([...story.members].sort(), ['outletA#0', 'outletB#0', 'outletC#0']);
  assert.equal(storyLabel(story), '3 articles · 3 outlets · 3–4 Nov 2024');
  // Every background article stays a story of one.
  for (const bg of corpus.slice(0, 60)) assert.equal(clustering.storyOf.get(bg.key)!.members.length, 1, bg.key);
});

test('stories: the same place three weeks apart is two stories; the same day with only common names is two stories', () => {
  const random = rng(12);
  const first = article('x#0', '2024-11-03', { 'place:ostrava': 4, 'place:czech-republic': 2, 'person:jana-novak': 1 }, prose(random));
  const later = article('y#0', '2024-11-24', { 'place:ostrava': 3, 'place:czech-republic': 2, 'person:jana-novak': 2 }, prose(random));
  const strike = article('z#0', '2024-11-03', { 'place:france': 3, 'place:united-states': 1, 'person:strike-leader': 2 }, prose(random));
  const vote = article('w#0', '2024-11-03', { 'place:france': 2, 'place:united-states': 2, 'organization:senate': 2 }, prose(random));
  const corpus = [...background(), first, later, strike, vote];
  const clustering = clusterStories(corpus);
  assert.notEqual(clustering.storyOf.get('x#0'), clustering.storyOf.get('y#0'), 'three weeks apart');
  assert.notEqual(clustering.storyOf.get('z#0'), clustering.storyOf.get('w#0'), 'France and the United States are common');
  const ev = explainPair(corpus, 'z#0', 'w#0')!;
  assert.ok(ev.score < STORY_THRESHOLD, `common names alone score ${ev.score.toFixed(2)}`);
});

test('stories: exact and near-exact repeats are duplicates of the earlier article, even scraped weeks later', () => {
  const random = rng(13);
  const text = prose(random, 300);
  const original = article('orig#0', '2024-11-03', { 'place:ostrava': 1 }, text);
  const rescrape = article('copy#0', '2024-12-20', { 'place:ostrava': 1 }, text);
  const edited = article('edit#0', '2024-11-04', {}, text.replace(/^(\S+ ){3}/, 'Updated: ').concat(' correction appended'));
  const other = article('other#0', '2024-11-03', { 'place:ostrava': 1 }, prose(random, 300));
  const clustering = clusterStories([...background(), original, rescrape, edited, other]);
  assert.equal(clustering.duplicateOf.get('copy#0'), 'orig#0');
  assert.equal(clustering.duplicateOf.get('edit#0'), 'orig#0');
  assert.equal(clustering.duplicateOf.has('orig#0'), false);
  assert.equal(clustering.duplicateOf.has('other#0'), false);
  assert.equal(clustering.storyOf.get('copy#0'), clustering.storyOf.get('orig#0'));
  assert.notEqual(clustering.storyOf.get('other#0'), clustering.storyOf.get('orig#0'));
});

test('stories: average linkage: a bridge article close to two stories does not chain them into one', () => {
  const random = rng(14);
  const ostrava = { 'place:ostrava': 3, 'person:jana-novak': 2, 'organization:czech-red-cross': 1 };
  const brno = { 'place:brno': 3, 'person:petr-dvorak': 2, 'organization:brno-council': 1 };
  const corpus = [
    ...background(),
    article('o1#0', '2024-11-03', ostrava, prose(random)),
    article('o2#0', '2024-11-03', ostrava, prose(random)),
    article('b1#0', '2024-11-03', brno, prose(random)),
    article('b2#0', '2024-11-03', brno, prose(random)),
    // A round-up naming both: its links to each side pass alone, but not on average over a whole story.
    article('roundup#0', '2024-11-03', { 'place:ostrava': 1, 'person:jana-novak': 1, 'place:brno': 1, 'person:petr-dvorak': 1 }, prose(random)),
  ];
  const clustering = clusterStories(corpus);
  assert.equal(clustering.storyOf.get('o1#0'), clustering.storyOf.get('o2#0'));
  assert.equal(clustering.storyOf.get('b1#0'), clustering.storyOf.get('b2#0'));
  assert.notEqual(clustering.storyOf.get('o1#0'), clustering.storyOf.get('b1#0'));
});

test('stories: the index is incremental: a file added joins its story, removed leaves it, changed moves it', () => {
  const make = (title: string, date: string, body: string): string => `${title}\n\n${date}\n\n${body}\n`;
  const a = make('Flood Hits Ostrava', 'November 3, 2024', 'OSTRAVA — Floods hit Ostrava on Sunday, Jana Novak of the Czech Red Cross said. Rescuers from Opava and Karvina helped.');
  const b = make('Ostrava Under Water', 'November 3, 2024', 'The Czech Red Cross said Jana Novak led the rescue in Ostrava, where teams from Opava and Karvina arrived on Sunday.');
  const c = make('Budget Passes in Lisbon', 'November 3, 2024', 'LISBON — Carlos Moedas said the Lisbon council passed the budget.');
  const entities = new EntityIndex();
  const index = new StoryIndex((id) => entities.resolve(id));
  const put = (file: string, text: string): void => {
    const model = analyzeDocument(text);
    entities.update(file, model);
    index.setFile(file, text, model);
  };
  put('a', a);
  put('c', c);
  assert.equal(index.storyOf('a', 0)!.members.length, 1);
  put('b', b);
  assert.deepEqual(index.storyOf('a', 0)!.members, ['a#0', 'b#0']);
  assert.equal(index.storyOf('c', 0)!.members.length, 1);
  put('b', c.replace('Budget', 'Vote'));
  assert.equal(index.storyOf('a', 0)!.members.length, 1, 'b changed to another story');
  // After a change, the last clustering stays at hand (for answers that may lag one change) until asked again.
  const before = index.result;
  index.removeFile('b');
  assert.equal(index.fresh, false);
  assert.equal(index.lastResult, before);
  assert.equal(index.storyOf('b', 0), undefined);
  assert.equal(index.fresh, true);
  assert.notEqual(index.lastResult, before);
  assert.equal(index.articles().length, 2);
});

/** Story membership as sorted lists of keys, for comparing two clusterings. */
function groups(stories: readonly { members: readonly string[] }[]): string[] {
  return stories.map((s) => [...s.members].sort().join(' ')).sort();
}

/** The background articles, and three outlets on one event (files o0, o1, o2), each article its own file. */
function threeOutlets(seed: number): Map<string, StoryArticle[]> {
  const random = rng(seed);
  const files = new Map<string, StoryArticle[]>();
  for (const a of background()) files.set(a.file, [a]);
  const shared = { 'place:ostrava': 3, 'organization:czech-red-cross': 2, 'person:jana-novak': 2, 'place:opava': 1 };
  for (const [i, day] of ['2024-11-03', '2024-11-03', '2024-11-04'].entries()) files.set(`o${i}`, [article(`o${i}#0`, day, { ...shared, [`person:own-o${i}`]: 1 }, prose(random))]);
  return files;
}

test("stories: incremental updates score only the changed file's pairs and give the batch's stories", () => {
  const files = threeOutlets(11);
  const batch = new IncrementalStories();
  batch.rebuild(files);
  const all = batch.stats.scored;
  assert.deepEqual(groups(batch.result.stories), groups(clusterStories([...files.values()].flat()).stories), 'a batch is clusterStories');

  const live = new IncrementalStories();
  const last = files.get('o2')!;
  live.rebuild(new Map([...files].filter(([file]) => file !== 'o2')));
  assert.equal(live.result.storyOf.get('o0#0')!.members.length, 2);
  live.update('o2', last);
  assert.ok(live.stats.scored > 0 && live.stats.scored <= files.size - 1, `only o2's pairs are scored (${live.stats.scored} of ${all})`);
  assert.equal(live.stats.relinked, 3, 'only the story o2 joins is linked again');
  assert.deepEqual(live.result.storyOf.get('o2#0')!.members, ['o0#0', 'o1#0', 'o2#0']);
  assert.deepEqual(groups(live.result.stories), groups(batch.result.stories));
  // Removed, the story shrinks back; the other stories are left as they were.
  const others = live.result.stories.filter((s) => !s.members.some((k) => k.startsWith('o')));
  live.update('o0', []);
  assert.deepEqual(live.result.storyOf.get('o2#0')!.members, ['o1#0', 'o2#0']);
  assert.equal(live.result.storyOf.get('o0#0'), undefined);
  for (const s of others) assert.equal(live.result.storyOf.get(s.members[0]), s, 'an untouched story is the same object');
  assert.equal(
    live.result.stories.reduce((n, s) => n + s.members.length, 0),
    files.size - 1,
  );
});

test('stories: empty and undated articles, and a corpus of one, give stories of one and no duplicates', () => {
  const empty = article('e1#0', null, {}, '');
  const empty2 = article('e2#0', null, {}, '');
  const clustering = clusterStories([empty, empty2]);
  assert.equal(clustering.stories.length, 2);
  assert.equal(clustering.duplicateOf.size, 0);
  assert.equal(clusterStories([empty]).stories[0].members[0], 'e1#0');
  assert.equal(clusterStories([]).stories.length, 0);
});

test('stories on the seeds (a check, not a target): the Assad story of 000, 002 and 004 is one; Georgia, Mayotte and the general stand alone', () => {
  const dir = join(__dirname, '..', '..', '..', 'seeds');
  const entities = new EntityIndex();
  const index = new StoryIndex((id) => entities.resolve(id));
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const model = analyzeDocument(text);
    entities.update(name.slice(0, 3), model);
    index.setFile(name.slice(0, 3), text, model);
  }
  const story = (key: string): readonly string[] => index.result.storyOf.get(key)!.members;
  assert.deepEqual([...story('000#0')].sort(), ['000#0', '002#0', '004#0']);
  assert.deepEqual(story('000#1'), ['000#1'], 'the Georgia protests');
  assert.deepEqual(story('001#0'), ['001#0'], 'the killed Russian general');
  assert.deepEqual(story('001#2'), ['001#2'], 'the Mayotte cyclone');
  assert.deepEqual(story('003#0'), ['003#0'], 'Homs on December 7 is a later event');
  assert.equal(index.result.duplicateOf.size, 0);
  // The same stories when 002 arrives last, linked incrementally into the stories of the other four.
  const live = new IncrementalStories((id) => entities.resolve(id));
  const byFile = new Map<string, StoryArticle[]>();
  for (const a of index.articles()) byFile.set(a.file, [...(byFile.get(a.file) ?? []), a]);
  live.rebuild(new Map([...byFile].filter(([file]) => file !== '002')));
  live.update('002', byFile.get('002')!);
  assert.deepEqual(groups(live.result.stories), groups(index.result.stories));
});

test('network: co-occurrence counts units naming both; every shown node keeps its strongest links under the edge cut', () => {
  const units = [['a', 'b', 'c'], ['a', 'b'], ['a', 'b', 'a'], ['c', 'd'], ['e', 'f'], ['a']];
  const graph = cooccurrence(units);
  assert.equal(graph.mentions.get('a'), 5);
  assert.equal(graph.pairs.get('a\tb'), 3);
  assert.equal(graph.pairs.get('c\td'), 1);
  const top = topGraph(graph, 4, 1);
  assert.deepEqual(top.nodes, ['a', 'b', 'c', 'd']);
  for (const id of top.nodes)
    assert.ok(
      top.edges.some((e) => e.source === id || e.target === id),
      `${id} keeps a link`,
    );
  assert.ok(top.edges.every((e) => top.nodes.includes(e.source) && top.nodes.includes(e.target)));
  // Counting only the most mentioned names gives the same weights among them.
  assert.equal(cooccurrence(units, mostMentioned(2)).pairs.get('a\tb'), 3);
  assert.equal(cooccurrence(units, mostMentioned(2)).pairs.has('c\td'), false);
  assert.deepEqual(sentenceStarts('He said. Then “She left.” Done.', 0, 31), [0, 9, 26]);
});

test('stories: one event in 150 near-copies scores at most MAX_CANDIDATES pairs per article, and stays one story', () => {
  const random = rng(23);
  const files = new Map<string, StoryArticle[]>();
  for (const a of background()) files.set(a.file, [a]);
  const body = prose(random, 200);
  const shared = { 'place:ostrava': 3, 'organization:czech-red-cross': 2, 'person:jana-novak': 2 };
  const copies = 150;
  // Each copy changes a few words of the same body (a scraper's repeats, wire copy in many outlets).
  for (let i = 0; i < copies; i++) {
    const text = body.replace(/\S+$/, `edition${i}`).replace(/^\S+/, `from${i}`);
    files.set(`c${i}`, [article(`c${i}#0`, '2024-11-03', { ...shared, [`person:own-c${i}`]: 1 }, text)]);
  }
  const batch = new IncrementalStories();
  batch.rebuild(files);
  // Unbounded, the copies alone are 150 · 149 / 2 = 11,175 pairs.
  assert.ok(batch.stats.scored <= MAX_CANDIDATES * files.size, `${batch.stats.scored} pairs scored`);
  assert.ok(batch.stats.scored < (copies * (copies - 1)) / 2, `${batch.stats.scored} pairs scored`);
  const story = batch.result.storyOf.get('c0#0');
  assert.ok(story);
  assert.equal(story.members.filter((k) => k.startsWith('c')).length, copies, 'the copies are one story');
});

test('stories: a batch run in steps gives the one-go batch; files set meanwhile are updated after it, an invalidation batches again', () => {
  const files = threeOutlets(31);
  const fill = (index: StoryIndex, skip: string | null): void => {
    for (const [file, list] of files) if (file !== skip) index.setArticles(file, list);
  };
  const oneGo = new StoryIndex();
  fill(oneGo, null);
  const expected = groups(oneGo.result.stories);

  const stepped = new StoryIndex();
  fill(stepped, null);
  assert.ok(stepped.startBatch());
  let steps = 0;
  while (stepped.step()) steps++;
  assert.ok(steps > 1, `${steps} steps`);
  assert.ok(stepped.fresh, 'nothing left for the answer');
  assert.deepEqual(groups(stepped.result.stories), expected);
  assert.equal(stepped.startBatch(), false, 'built: no batch to start');

  // A file set while the steps run is not in the batch: the answer after it updates it.
  const meanwhile = new StoryIndex();
  fill(meanwhile, 'o2');
  meanwhile.startBatch();
  meanwhile.step();
  meanwhile.setArticles('o2', files.get('o2')!);
  assert.equal(meanwhile.lastResult, null, 'no half-built clustering is shown');
  while (meanwhile.step());
  assert.equal(meanwhile.fresh, false);
  assert.deepEqual(meanwhile.result.storyOf.get('o2#0')!.members, ['o0#0', 'o1#0', 'o2#0']);
  assert.deepEqual(groups(meanwhile.result.stories), expected);

  // Asked for the answer in the middle: the rest of the batch runs at once.
  const asked = new StoryIndex();
  fill(asked, null);
  asked.startBatch();
  asked.step();
  assert.deepEqual(groups(asked.result.stories), expected);
  assert.equal(asked.step(), false);

  // Invalidated in the middle (entity resolution changed): the finished batch is not taken as current.
  const invalid = new StoryIndex();
  fill(invalid, null);
  invalid.startBatch();
  invalid.step();
  invalid.invalidate();
  while (invalid.step());
  assert.equal(invalid.fresh, false);
  assert.ok(invalid.startBatch(), 'batched again');
  assert.deepEqual(groups(invalid.result.stories), expected);
});
