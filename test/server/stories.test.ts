/** newsLens/stories, newsLens/timeline, newsLens/network and the story hover and lens, over real LSP on the seeds. */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileUri, type LspSession } from '../support/lspHarness';
import { startSeedsSession, type SeedsSession } from '../support/seedsSession';
import type { NetworkResult, StoriesResult, TimelineResult } from '../../server/src/protocol';

let seeds: SeedsSession;
let session: LspSession;
const seedPath = (prefix: string): string => seeds.seedPath(prefix);

before(async () => {
  seeds = await startSeedsSession('stories');
  session = seeds.session;
});

after(async () => {
  await seeds?.stop();
});

test('newsLens/stories: the Assad story of 000, 002 and 004 with its label; every article is in exactly one story', async () => {
  const all = await session.request<StoriesResult>('newsLens/stories', {});
  const keys = all.stories.flatMap((s) => s.articles.map((a) => `${a.uri}#${a.index}`));
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(keys.length, 14, 'the seeds hold 14 articles');
  const assad = all.stories.find((s) => s.articles.some((a) => a.uri === fileUri(seedPath('002'))))!;
  assert.deepEqual(assad.articles.map((a) => a.uri.slice(-24, -21)).sort(), ['000', '002', '004']);
  assert.match(assad.label, /^3 articles · 3 outlets · 2 Dec 2024$/);
  const several = await session.request<StoriesResult>('newsLens/stories', { minArticles: 2, textDocument: { uri: fileUri(seedPath('004')) } });
  assert.deepEqual(
    several.stories.map((s) => s.id),
    [assad.id],
  );
});

test('hover on a headline of a story says "also told by" with links; the lens names the outlets', async () => {
  const uri = fileUri(seedPath('004'));
  const text = readFileSync(seedPath('004'), 'utf8');
  await session.open(uri, text);
  const hover = await session.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.ok(hover, 'a hover on the headline');
  assert.match(hover.contents.value, /Also told by/);
  assert.ok(hover.contents.value.includes(fileUri(seedPath('002'))), 'links to 002');
  const lenses = await session.request<{ command: { title: string; command: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
  const told = lenses.find((l) => l.command.title.startsWith('also told by'));
  assert.ok(told, 'an "also told by" lens');
  assert.equal(told.command.command, 'newsLens.openStoryArticle');
});

test('newsLens/timeline: publication days and resolved days; one entity narrows it to its articles and paragraphs', async () => {
  const all = await session.request<TimelineResult>('newsLens/timeline', {});
  assert.ok(all.events.some((e) => e.kind === 'published' && e.date === '2024-12-02'));
  assert.ok(all.events.some((e) => e.kind === 'mentioned' && e.date === '2024-12-01'));
  assert.deepEqual(
    all.events.map((e) => e.date),
    [...all.events.map((e) => e.date)].sort(),
  );
  const araghchi = all.entities.find((e) => /Araghchi/.test(e.name));
  assert.ok(araghchi, 'Araghchi is named near a date');
  const one = await session.request<TimelineResult>('newsLens/timeline', { entity: araghchi.id });
  assert.ok(one.events.length > 0 && one.events.length < all.events.length);
  assert.ok(one.events.every((e) => e.kind === 'published' || e.entities.includes(araghchi.id)));
  // Asked again unchanged: the same answer; after an edit that adds a date, the new date is there.
  assert.deepEqual(await session.request<TimelineResult>('newsLens/timeline', {}), all);
  const uri = fileUri(seedPath('002'));
  const text = readFileSync(seedPath('002'), 'utf8');
  const at = text.indexOf('\n\n', text.indexOf('Aleppo', 400));
  await session.open(uri, text);
  await session.change(uri, 2, [{ text: `${text.slice(0, at)} The talks resume on March 3, 2031, in Geneva.${text.slice(at)}` }]);
  await session.semanticTokens(uri);
  const edited = await session.request<TimelineResult>('newsLens/timeline', {});
  assert.ok(edited.events.some((e) => e.date === '2031-03-03' && e.uri === uri));
  await session.close(uri);
});

test('newsLens/network: article and sentence co-occurrence; sentence edges are fewer; file and story scopes', async () => {
  const articles = await session.request<NetworkResult>('newsLens/network', { unit: 'article' });
  const sentences = await session.request<NetworkResult>('newsLens/network', { unit: 'sentence', limit: 500 });
  const wide = await session.request<NetworkResult>('newsLens/network', { unit: 'article', limit: 500 });
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
  const file = await session.request<NetworkResult>('newsLens/network', { scope: 'file', textDocument: { uri: fileUri(seedPath('004')) } });
  assert.ok(file.nodes.some((n) => n.name === 'Aleppo') && !file.nodes.some((n) => n.name === 'Mayotte'));
  const story = (await session.request<StoriesResult>('newsLens/stories', { minArticles: 2 })).stories.find((s) => s.articles.some((a) => a.uri.includes('/004_')))!;
  const storyNet = await session.request<NetworkResult>('newsLens/network', { scope: 'story', story: story.id });
  assert.ok(storyNet.nodes.some((n) => n.name === 'Aleppo') && !storyNet.nodes.some((n) => n.name === 'Georgia'));
});
