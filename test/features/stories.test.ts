/** Stories, timeline and network (`provideStories`, `provideTimeline`, `provideNetwork`) and the story hover and lens, in memory on the seeds. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { provideCodeLenses } from '../../server/src/features/codeLens';
import { provideHover } from '../../server/src/features/hover';
import { answerStories, provideNetwork, provideStories, provideTimeline, storiesOf } from '../../server/src/features/stories';
import type { NetworkResult } from '../../server/src/protocol';
import { memoryWorkspace, seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
const seedUri = (prefix: string): string => seeds.uri(seedName(prefix));

before(async () => {
  seeds = await seedsWorkspace();
});

test('stories: the Assad story of 000, 002 and 004 with its label; every article is in exactly one story', () => {
  const all = provideStories(seeds.workspace, {});
  const keys = all.stories.flatMap((s) => s.articles.map((a) => `${a.uri}#${a.index}`));
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(keys.length, 14, 'the seeds hold 14 articles');
  const assad = all.stories.find((s) => s.articles.some((a) => a.uri === seedUri('002')))!;
  assert.deepEqual(assad.articles.map((a) => a.uri.slice(-24, -21)).sort(), ['000', '002', '004']);
  assert.match(assad.label, /^3 articles · 3 outlets · 2 Dec 2024$/);
  const several = provideStories(seeds.workspace, { minArticles: 2, textDocument: { uri: seedUri('004') } });
  assert.deepEqual(
    several.stories.map((s) => s.id),
    [assad.id],
  );
});

test('stories: maxArticles lists the earliest articles of each story and articleCount counts them all', () => {
  const all = provideStories(seeds.workspace, { minArticles: 2 });
  for (const story of all.stories) assert.equal(story.articleCount, story.articles.length);
  const picked = provideStories(seeds.workspace, { minArticles: 2, maxArticles: 1 });
  assert.deepEqual(
    picked.stories.map((s) => [s.id, s.label, s.articleCount, s.articles]),
    all.stories.map((s) => [s.id, s.label, s.articleCount, s.articles.slice(0, 1)]),
  );
  const bare = provideStories(seeds.workspace, { minArticles: 2, maxArticles: 0 });
  assert.ok(bare.stories.length > 0 && bare.stories.every((s) => s.articles.length === 0 && s.articleCount >= 2));
  // Not a count: every article, as without it.
  assert.deepEqual(provideStories(seeds.workspace, { minArticles: 2, maxArticles: 'x' as unknown as number }), all);
});

test('hover on a headline of a story says "also told by" with links; the lens names the outlets', async () => {
  const uri = seedUri('004');
  const hover = await provideHover(seeds.workspace, { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.ok(hover, 'a hover on the headline');
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /Also told by/);
  assert.ok(value.includes(seedUri('002')), 'links to 002');
  const lenses = (await provideCodeLenses(seeds.workspace, { textDocument: { uri } })) ?? [];
  const told = lenses.find((l) => l.command?.title.startsWith('also told by'));
  assert.ok(told, 'an "also told by" lens');
  assert.equal(told.command?.command, 'newsLens.openStoryArticle');
});

test('timeline: publication days and resolved days; one entity narrows it to its articles and paragraphs', () => {
  const all = provideTimeline(seeds.workspace, {});
  assert.ok(all.events.some((e) => e.kind === 'published' && e.date === '2024-12-02'));
  assert.ok(all.events.some((e) => e.kind === 'mentioned' && e.date === '2024-12-01'));
  assert.deepEqual(
    all.events.map((e) => e.date),
    [...all.events.map((e) => e.date)].sort(),
  );
  const araghchi = all.entities.find((e) => /Araghchi/.test(e.name));
  assert.ok(araghchi, 'Araghchi is named near a date');
  const one = provideTimeline(seeds.workspace, { entity: araghchi.id });
  assert.ok(one.events.length > 0 && one.events.length < all.events.length);
  assert.ok(one.events.every((e) => e.kind === 'published' || e.entities.includes(araghchi.id)));
});

test('timeline: over the limit, an even sample of the events, the same on every call, with the total; an outlet narrows it', () => {
  const all = provideTimeline(seeds.workspace, {});
  assert.equal(all.total, all.events.length, 'the seeds are under the default limit');
  const sample = provideTimeline(seeds.workspace, { limit: 12 });
  assert.equal(sample.events.length, 12);
  assert.equal(sample.total, all.total);
  const key = (e: (typeof all.events)[number]): string => JSON.stringify(e);
  const everyEvent = new Set(all.events.map(key));
  assert.ok(
    sample.events.every((e) => everyEvent.has(key(e))),
    'the sample is made of the events',
  );
  assert.deepEqual(
    sample.events.map((e) => e.date),
    [...sample.events.map((e) => e.date)].sort(),
  );
  assert.ok(new Set(sample.events.map((e) => e.uri)).size > 1, 'spread over files, not the first ones');
  assert.deepEqual(provideTimeline(seeds.workspace, { limit: 12 }), sample);
  const listed = new Set(sample.events.flatMap((e) => e.entities));
  assert.deepEqual(new Set(sample.entities.map((e) => e.id)), listed, 'the entities of the events shown');
  const outlet = all.events[0].outlet;
  const one = provideTimeline(seeds.workspace, { outlet });
  assert.ok(one.events.length > 0 && one.events.every((e) => e.outlet === outlet));
  assert.equal(one.total, all.events.filter((e) => e.outlet === outlet).length);
});

test('timeline: asked again unchanged, the same answer; after an edit that adds a date, the new date is there', async () => {
  const workspace = await seedsWorkspace();
  const all = provideTimeline(workspace.workspace, {});
  assert.deepEqual(provideTimeline(workspace.workspace, {}), all);
  const name = seedName('002');
  const text = workspace.text(name);
  const at = text.indexOf('\n\n', text.indexOf('Aleppo', 400));
  await workspace.open(name, `${text.slice(0, at)} The talks resume on March 3, 2031, in Geneva.${text.slice(at)}`);
  const edited = provideTimeline(workspace.workspace, {});
  assert.ok(edited.events.some((e) => e.date === '2031-03-03' && e.uri === workspace.uri(name)));
});

test('network: article and sentence co-occurrence; sentence edges are fewer; file and story scopes', () => {
  const articles = provideNetwork(seeds.workspace, { unit: 'article' });
  const sentences = provideNetwork(seeds.workspace, { unit: 'sentence', limit: 500 });
  const wide = provideNetwork(seeds.workspace, { unit: 'article', limit: 500 });
  assert.ok(articles.nodes.length > 10 && articles.nodes.length <= 60);
  const weight = (g: NetworkResult, a: string, b: string): number => g.edges.find((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a))?.weight ?? 0;
  const assad = wide.nodes.find((n) => n.name === 'Bashar al-Assad')!;
  const syria = wide.nodes.find((n) => n.name === 'Syria')!;
  assert.ok(weight(wide, assad.id, syria.id) >= 3, 'Assad and Syria share several articles');
  assert.ok(weight(sentences, assad.id, syria.id) <= sentences.nodes.find((n) => n.id === syria.id)!.mentions);
  assert.ok(
    wide.nodes.every((n, i) => i === 0 || wide.nodes[i - 1].mentions >= n.mentions),
    'most mentioned first',
  );
  const file = provideNetwork(seeds.workspace, { scope: 'file', textDocument: { uri: seedUri('004') } });
  assert.ok(file.nodes.some((n) => n.name === 'Aleppo') && !file.nodes.some((n) => n.name === 'Mayotte'));
  const story = provideStories(seeds.workspace, { minArticles: 2 }).stories.find((s) => s.articles.some((a) => a.uri.includes('/004_')))!;
  const storyNet = provideNetwork(seeds.workspace, { scope: 'story', story: story.id });
  assert.ok(storyNet.nodes.some((n) => n.name === 'Aleppo') && !storyNet.nodes.some((n) => n.name === 'Georgia'));
});

test('stories as the server answers them: the clustering batch runs in slices, other work goes on between them, same answer', async () => {
  // 80 short articles (the batch scores 64 a step): two outlets' copies of each seed plus small reports.
  const files: Record<string, string> = {};
  for (let i = 0; i < 80; i++) {
    const town = ['Ostrava', 'Opava', 'Karvina', 'Brno'][i % 4];
    files[`r${i}.txt`] =
      `Flood Report ${i}\n\nNovember ${1 + (i % 20)}, 2024\n\n${town.toUpperCase()} — Jana Novak ${i % 3 ? 'of the Czech Red Cross' : 'of Caritas'} said rescuers reached ${town} on day ${i}.\n`;
  }
  const many = await memoryWorkspace(files);
  const expected = provideStories((await memoryWorkspace(files)).workspace, { minArticles: 1 });
  let turns = 0;
  let answered = false;
  const ticking = (): void => {
    if (answered) return;
    turns++;
    setImmediate(ticking);
  };
  setImmediate(ticking);
  // Slices of 0 ms: one step a turn.
  const settled = storiesOf(many.workspace).settle(0);
  assert.equal(storiesOf(many.workspace).fresh, false, 'not done in one go');
  await settled;
  const answer = await answerStories(many.workspace, { minArticles: 1 });
  answered = true;
  assert.ok(turns >= 1, `the event loop turned ${turns} times during the batch`);
  assert.deepEqual(answer, expected);
});
