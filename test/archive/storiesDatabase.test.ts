/**
 * Stories and the network with the corpus database (issue 15): the clustering is stored (pairs and story
 * ids) and read back on a reopen without scoring; a file changed on disk is scored and linked on its own;
 * a pass killed mid-way (ids and pairs partly missing) is linked again. Every answer is checked against
 * the same folder held in memory (no database), which batches and updates the same way.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusDatabase } from '../../server/src/archive/database';
import { storedClusteringCounts } from '../../server/src/archive/storiesSchema';
import { analyzeDocument } from '../../server/src/core/analyze';
import { provideNetwork, provideStories, provideTimeline, storiesOf, useCorpusForStories } from '../../server/src/features/stories';
import type { NetworkParams, TimelineParams } from '../../server/src/protocol';
import { pathToUri } from '../../server/src/util/uri';
import { Workspace } from '../../server/src/workspace/workspace';
import { repoRoot } from '../support/lspHarness';

let folder: string;
let dbFile: string;
let memory: Workspace;
let db: CorpusDatabase;
let names: string[];

/** A workspace on the database whose stories and network read it. */
async function archiveWorkspace(options: { unloadAboveArticles?: number } = {}): Promise<Workspace> {
  const ws = new Workspace({
    archive: () => db,
    offThread: { parallel: 1, analyze: (text, maxLength) => Promise.resolve(analyzeDocument(text, { maxFullAnalysisLength: maxLength })) },
  });
  useCorpusForStories(ws, () => db, undefined, options);
  await ws.index.rebuild([folder]);
  return ws;
}

/** Opens a seed copy with `text` (unsaved) in `archived` and in the memory workspace; gives its URI. */
async function openInBoth(archived: Workspace, name: string, text: string): Promise<string> {
  const uri = pathToUri(join(folder, 'seeds', name));
  for (const ws of [archived, memory]) {
    ws.update(uri, 1, text);
    await ws.viewOf(uri);
  }
  return uri;
}

/** A file of the folder changed on disk (a line naming new people), seen by the memory workspace and by a reopened one: the kept `question` is gone. */
async function reopenAfterChanging(name: string, question: string): Promise<Workspace> {
  const version = db.contentVersion;
  const changed = join(folder, 'seeds', name);
  writeFileSync(changed, `${readFileSync(changed, 'utf8')}\nJana Novak met Petr Dvorak in Ostrava.\n`);
  const reopened = await archiveWorkspace();
  await memory.fileChanged(pathToUri(changed), false);
  assert.ok(db.contentVersion > version);
  assert.equal(db.keptAnswer(question), undefined);
  return reopened;
}

function whole(): boolean {
  const c = storedClusteringCounts(db.sql);
  return c.articles > 0 && c.ids === c.articles && c.edges === c.articles;
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'newslens-stories-db-'));
  mkdirSync(join(folder, 'seeds'));
  const seeds = join(repoRoot(), 'seeds');
  const seedNames = readdirSync(seeds).sort();
  // Every seed, and copies of some with a line of their own (repeats, and the same names in more files).
  for (let i = 0; i < 8; i++) writeFileSync(join(folder, 'seeds', `${i}-${seedNames[i % seedNames.length]}`), `${readFileSync(join(seeds, seedNames[i % seedNames.length]), 'utf8')}\nCopy ${i}.\n`);
  names = readdirSync(join(folder, 'seeds')).sort();
  dbFile = join(folder, 'corpus.sqlite');
  memory = new Workspace();
  await memory.index.rebuild([folder]);
  db = CorpusDatabase.open(dbFile);
});

after(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

test('network over the workspace from the database: the same nodes and edges as from memory', async () => {
  const archived = await archiveWorkspace();
  const questions: NetworkParams[] = [{}, { unit: 'sentence' }, { unit: 'article', limit: 500 }, { unit: 'sentence', limit: 500 }, { kinds: ['person'], limit: 8 }];
  for (const q of questions) {
    const expected = provideNetwork(memory, q);
    assert.ok(expected.edges.length > 0);
    assert.deepEqual(provideNetwork(archived, q), expected, JSON.stringify(q));
  }
  // An open document's unsaved text counts instead of its stored rows.
  const uri = await openInBoth(archived, names[0], 'Nothing Here\n\nJana Novak met Petr Dvorak and Jana Novak again in Ostrava and Petr Dvorak left.\n');
  assert.deepEqual(provideNetwork(archived, { limit: 500 }), provideNetwork(memory, { limit: 500 }));
  await memory.close(uri);
});

test('timeline over the workspace from the database: the same events, totals and samples as from memory', async () => {
  const archived = await archiveWorkspace();
  const all = provideTimeline(memory, {});
  assert.ok(all.events.length > 50);
  const person = all.entities.find((e) => e.kind === 'person' && all.events.filter((x) => x.entities.includes(e.id)).length > 3)!;
  const outlet = all.events.find((e) => e.kind === 'published')!.outlet;
  const fileOutlet = all.events.find((e) => e.outlet.endsWith('.txt'))?.outlet;
  const questions: TimelineParams[] = [{}, { limit: 25 }, { entity: person.id }, { entity: person.id, limit: 5 }, { outlet }, { outlet, limit: 3 }];
  if (fileOutlet) questions.push({ outlet: fileOutlet });
  for (const q of questions) {
    const expected = provideTimeline(memory, q);
    assert.ok(expected.events.length > 0, JSON.stringify(q));
    assert.deepEqual(provideTimeline(archived, q), expected, JSON.stringify(q));
  }
  // An open document's unsaved text counts instead of its stored rows.
  const uri = await openInBoth(archived, names[1], 'Talks Resume\n\nGENEVA, March 2, 2031 (Reuters) - Jana Novak said on Tuesday that talks resume on March 9, 2031.\n');
  const edited = provideTimeline(archived, {});
  assert.ok(edited.events.some((e) => e.uri === uri && e.date === '2031-03-09'));
  assert.deepEqual(edited, provideTimeline(memory, {}));
  assert.deepEqual(provideTimeline(archived, { limit: 25 }), provideTimeline(memory, { limit: 25 }));
  await memory.close(uri);
});

test('stories: the first question batches and stores the clustering; a reopen reads it without scoring', async () => {
  const archived = await archiveWorkspace();
  const expected = provideStories(memory, {});
  assert.ok(expected.stories.some((s) => s.articles.length > 1 && s.articles.some((a) => a.duplicateOf)));
  assert.deepEqual(provideStories(archived, {}), expected);
  assert.ok(whole(), 'every stored article has its pairs and its story');

  const reopened = await archiveWorkspace();
  assert.deepEqual(provideStories(reopened, { minArticles: 2 }), provideStories(memory, { minArticles: 2 }));
  assert.deepEqual(provideStories(reopened, {}), expected);
  assert.equal(storiesOf(reopened).index.articleCount, 0, 'answered from the stored ids: nothing loaded, nothing scored');

  // A document open unchanged (as an editor has it) does not stop that; an edit does.
  const withOpen = await archiveWorkspace();
  const uri = pathToUri(join(folder, 'seeds', names[1]));
  withOpen.update(uri, 1, readFileSync(join(folder, 'seeds', names[1]), 'utf8'));
  await withOpen.viewOf(uri);
  assert.deepEqual(provideStories(withOpen, {}), expected);
  assert.equal(storiesOf(withOpen).index.articleCount, 0);
  withOpen.update(uri, 2, 'Nothing Here\n\nThe weather stayed mild on Monday.\n');
  await withOpen.viewOf(uri);
  memory.update(uri, 2, 'Nothing Here\n\nThe weather stayed mild on Monday.\n');
  await memory.viewOf(uri);
  assert.deepEqual(provideStories(withOpen, {}), provideStories(memory, {}));
  assert.ok(storiesOf(withOpen).index.articleCount > 0);
  await memory.close(uri);
  provideStories(memory, {});
});

test('stories settled in slices (as the server answers): the batch, then its write a few articles a transaction; a reopen reads it', async () => {
  for (const table of ['story_edges', 'story_ids', 'answers']) db.sql.run(`DELETE FROM ${table}`);
  const archived = await archiveWorkspace();
  const transaction = db.transaction.bind(db);
  let transactions = 0;
  db.transaction = <T>(fn: () => T): T => {
    transactions++;
    return transaction(fn);
  };
  try {
    await storiesOf(archived).settle(0, 3);
  } finally {
    db.transaction = transaction;
  }
  assert.ok(transactions > 2, `${transactions} transactions`);
  assert.ok(whole(), 'every stored article has its pairs and its story');
  assert.deepEqual(provideStories(archived, {}), provideStories(memory, {}));
  const reopened = await archiveWorkspace();
  assert.deepEqual(provideStories(reopened, {}), provideStories(memory, {}));
  assert.equal(storiesOf(reopened).index.articleCount, 0, 'answered from the stored ids');
});

test('stories: a large clustering, once stored whole, is let go from memory; questions read the stored ids, a change loads it again', async () => {
  for (const table of ['story_edges', 'story_ids', 'answers']) db.sql.run(`DELETE FROM ${table}`);
  // Every size counts as large here (the server lets go above 2,000 articles).
  const archived = await archiveWorkspace({ unloadAboveArticles: 1 });
  const stories = storiesOf(archived);
  assert.deepEqual(provideStories(archived, {}), provideStories(memory, {}));
  assert.ok(whole(), 'stored whole before it is let go');
  assert.equal(stories.index.articleCount, 0, 'nothing left in memory');
  assert.deepEqual(provideStories(archived, { minArticles: 2 }), provideStories(memory, { minArticles: 2 }));
  assert.equal(stories.index.articleCount, 0, 'answered from the stored ids');
  // Settled in slices (the server's way): let go too.
  for (const table of ['story_edges', 'story_ids', 'answers']) db.sql.run(`DELETE FROM ${table}`);
  const settled = await archiveWorkspace({ unloadAboveArticles: 1 });
  await storiesOf(settled).settle(0, 3);
  assert.ok(whole());
  assert.equal(storiesOf(settled).index.articleCount, 0);
  assert.deepEqual(provideStories(settled, {}), provideStories(memory, {}));
  // A change: loaded again, followed as in memory; a document open with unsaved text keeps the index.
  const uri = await openInBoth(archived, names[3], 'Nothing Here\n\nThe weather stayed mild on Monday.\n');
  assert.deepEqual(provideStories(archived, {}), provideStories(memory, {}));
  assert.ok(stories.index.articleCount > 0, 'loaded for the unsaved text');
  for (const ws of [archived, memory]) await ws.close(uri);
  assert.deepEqual(provideStories(archived, {}), provideStories(memory, {}));
});

test('stories: a file changed and one removed on disk are followed like the same changes in memory, and stored', async () => {
  const reopened = await archiveWorkspace();
  provideStories(reopened, {});
  const changed = join(folder, 'seeds', names[2]);
  writeFileSync(changed, `${readFileSync(join(folder, 'seeds', names[4]), 'utf8')}\nChanged.\n`);
  const removed = join(folder, 'seeds', names[7]);
  rmSync(removed);
  for (const ws of [reopened, memory]) {
    await ws.fileChanged(pathToUri(changed), false);
    await ws.fileChanged(pathToUri(removed), true);
  }
  const expected = provideStories(memory, {});
  assert.deepEqual(provideStories(reopened, {}), expected);
  assert.ok(storiesOf(reopened).index.articleCount > 0, 'loaded for the change');
  assert.ok(whole());
  // The update was stored: the next reopen reads the same stories.
  const again = await archiveWorkspace();
  assert.deepEqual(provideStories(again, {}), expected);
  assert.equal(storiesOf(again).index.articleCount, 0);
});

test('stories: a pass killed mid-way (ids and pairs partly missing) is redone on the next load', async () => {
  const expected = provideStories(memory, {});
  db.sql.run('DELETE FROM story_ids WHERE node IN (SELECT node FROM story_ids ORDER BY node LIMIT 3)');
  db.sql.run('DELETE FROM story_edges WHERE node = (SELECT max(node) FROM story_edges)');
  // A killed pass kept no answer either (answers are kept after the clustering they come from).
  db.sql.run('DELETE FROM answers');
  assert.equal(whole(), false);
  const reopened = await archiveWorkspace();
  assert.deepEqual(provideStories(reopened, {}), expected);
  assert.ok(whole(), 'stored whole again');
});

test('stories: a document open unchanged during a batch is stored as its file, so a reopen with it open reads the stored stories', async () => {
  const expected = provideStories(memory, {});
  db.sql.run('DELETE FROM story_ids');
  db.sql.run('DELETE FROM story_edges');
  db.sql.run('DELETE FROM answers');
  const uri = pathToUri(join(folder, 'seeds', names[0]));
  const text = readFileSync(join(folder, 'seeds', names[0]), 'utf8');
  const batched = await archiveWorkspace();
  batched.update(uri, 1, text);
  await batched.viewOf(uri);
  assert.deepEqual(provideStories(batched, {}), expected);
  assert.ok(whole(), "the open document's stories are stored too");
  db.sql.run('DELETE FROM answers');
  const reopened = await archiveWorkspace();
  reopened.update(uri, 1, text);
  await reopened.viewOf(uri);
  assert.deepEqual(provideStories(reopened, {}), expected);
  assert.equal(storiesOf(reopened).index.articleCount, 0, 'answered from the stored ids');
});

test('stories: the workspace answer is kept in the database, read back on a reopen (with a document open unchanged) until a file changes', async () => {
  const question = `stories:${JSON.stringify([2])}`;
  const archived = await archiveWorkspace();
  const expected = provideStories(memory, { minArticles: 2 });
  assert.deepEqual(provideStories(archived, { minArticles: 2 }), expected);
  assert.ok(db.keptAnswer(question), 'kept at this content version');
  // The picker's question (one article a story) is kept apart from the whole answer.
  const picker = provideStories(archived, { minArticles: 2, maxArticles: 1 });
  assert.deepEqual(picker, provideStories(memory, { minArticles: 2, maxArticles: 1 }));
  assert.deepEqual(JSON.parse(db.keptAnswer(`stories:${JSON.stringify([2, 1])}`)!), picker);
  assert.deepEqual(JSON.parse(db.keptAnswer(question)!), expected);
  // Kept answers are what a reopen reads: a wrong one stored there is what it answers (then fixed by a change).
  db.keepAnswer(question, JSON.stringify({ stories: [] }));
  const reopened = await archiveWorkspace();
  const uri = pathToUri(join(folder, 'seeds', names[1]));
  reopened.update(uri, 1, readFileSync(join(folder, 'seeds', names[1]), 'utf8'));
  await reopened.viewOf(uri);
  assert.deepEqual(provideStories(reopened, { minArticles: 2 }), { stories: [] });
  assert.equal(storiesOf(reopened).index.articleCount, 0, 'the clustering is not loaded for it');
  // Unsaved text in an open document: the answer is the workspace's, not the kept one.
  reopened.update(uri, 2, `${readFileSync(join(folder, 'seeds', names[1]), 'utf8')}\nJana Novak met Petr Dvorak in Ostrava.\n`);
  await reopened.viewOf(uri);
  memory.update(uri, 2, `${readFileSync(join(folder, 'seeds', names[1]), 'utf8')}\nJana Novak met Petr Dvorak in Ostrava.\n`);
  await memory.viewOf(uri);
  assert.deepEqual(provideStories(reopened, { minArticles: 2 }), provideStories(memory, { minArticles: 2 }));
  await memory.close(uri);
  const again = await reopenAfterChanging(names[4], question);
  assert.deepEqual(provideStories(again, { minArticles: 2 }), provideStories(memory, { minArticles: 2 }));
});

test('timeline: the workspace answer is kept in the database and read back on a reopen until a file changes', async () => {
  const question = `timeline:${JSON.stringify([null, null, 25])}`;
  const archived = await archiveWorkspace();
  assert.deepEqual(provideTimeline(archived, { limit: 25 }), provideTimeline(memory, { limit: 25 }));
  assert.ok(db.keptAnswer(question), 'kept at this content version');
  db.keepAnswer(question, JSON.stringify({ events: [], total: 0, entities: [] }));
  assert.deepEqual(provideTimeline(await archiveWorkspace(), { limit: 25 }), { events: [], total: 0, entities: [] });
  const again = await reopenAfterChanging(names[2], question);
  assert.deepEqual(provideTimeline(again, { limit: 25 }), provideTimeline(memory, { limit: 25 }));
});

test('network: the workspace answer is kept in the database and read back on a reopen until a file changes', async () => {
  const question = `network:${JSON.stringify(['article', ['organization', 'person', 'place'], 60])}`;
  const archived = await archiveWorkspace();
  const expected = provideNetwork(memory, {});
  assert.deepEqual(provideNetwork(archived, {}), expected);
  assert.ok(db.keptAnswer(question), 'kept at this content version');
  // Kept answers are what a reopen reads: a wrong one stored there is what it answers (then fixed by a change).
  db.keepAnswer(question, JSON.stringify({ nodes: [], edges: [] }));
  assert.deepEqual(provideNetwork(await archiveWorkspace(), {}), { nodes: [], edges: [] });
  const reopened = await reopenAfterChanging(names[3], question);
  assert.deepEqual(provideNetwork(reopened, {}), provideNetwork(memory, {}));
});
