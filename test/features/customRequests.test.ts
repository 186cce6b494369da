/** The newsLens/* requests (`provideArticles`, `provideEntities` …) on the seeds, in memory. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { provideArticleAt, provideArticles, provideEntities, provideEntityMentions, provideQuotes } from '../../server/src/features/customRequests';
import { seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
before(async () => {
  seeds = await seedsWorkspace();
});

test('newsLens/articles: every file, or one; the outline leaves entities and quotations out', async () => {
  const all = await provideArticles(seeds.workspace, {});
  assert.equal(all.files.length, 5);
  assert.equal(
    all.files.reduce((n, f) => n + f.articles.length, 0),
    4 + 7 + 1 + 1 + 1,
  );
  const one = await provideArticles(seeds.workspace, { textDocument: { uri: seeds.uri(seedName('002')) } });
  assert.equal(one.files.length, 1);
  assert.equal(one.files[0].articles[0].date, '2024-12-02');
  assert.ok(one.files[0].boilerplate!.length > 0);
  const outline = await provideArticles(seeds.workspace, { outline: true });
  assert.ok(outline.files.every((f) => f.articles.every((a) => a.entities.length === 0 && a.quotes.length === 0)));
  assert.deepEqual(
    outline.files.map((f) => f.articles.map((a) => a.counts)),
    all.files.map((f) => f.articles.map((a) => a.counts)),
  );
});

test('newsLens/entities and entityMentions: Assad in several files, each mention with its line', async () => {
  const people = await provideEntities(seeds.workspace, { kind: 'person', limit: 5 });
  assert.equal(people.entities.length, 5);
  assert.ok(people.entities.every((e) => e.kind === 'person'));
  const assad = people.entities.find((e) => e.id === 'person:bashar-al-assad');
  assert.ok(assad && assad.fileCount >= 4, JSON.stringify(people.entities));
  const mentions = provideEntityMentions(seeds.workspace, { id: 'person:bashar-al-assad' });
  assert.ok(mentions.mentions.length >= assad.mentionCount - 1 && mentions.mentions.every((m) => m.lineText.length > 0));
  const inFile = await provideEntities(seeds.workspace, { textDocument: { uri: seeds.uri(seedName('004')) }, query: 'assad' });
  assert.ok(inFile.entities.length > 0 && inFile.entities.every((e) => e.fileCount === 1));
});

test('newsLens/quotes and articleAt', async () => {
  const quotes = await provideQuotes(seeds.workspace, { textDocument: { uri: seeds.uri(seedName('000')) } });
  assert.ok(quotes.quotes.some((q) => q.speaker !== null));
  const name = seedName('001');
  const where = await provideArticleAt(seeds.workspace, { textDocument: { uri: seeds.uri(name) }, position: { line: Math.floor(seeds.text(name).split('\n').length / 2), character: 0 } });
  assert.ok(where);
  assert.equal(where.total, 7);
  assert.ok(where.index > 0 && where.index < 7);
});

test('malformed or missing params answer empty, never throw', async () => {
  const bad = null as never;
  assert.deepEqual(provideEntityMentions(seeds.workspace, bad), { mentions: [] });
  assert.deepEqual(provideEntityMentions(seeds.workspace, { id: 42 } as never), { mentions: [] });
  assert.equal(await provideArticleAt(seeds.workspace, bad), null);
  assert.equal(await provideArticleAt(seeds.workspace, { textDocument: { uri: seeds.uri(seedName('001')) }, position: { line: 'x', character: 0 } } as never), null);
  assert.equal((await provideArticles(seeds.workspace, { textDocument: { uri: 'file:///memory/none.txt' } })).files.length, 0);
  assert.equal((await provideEntities(seeds.workspace, bad)).entities.length > 0, true);
});
