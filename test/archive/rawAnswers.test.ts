/**
 * Kept answers sent as kept (issue 15): read from the corpus database as bytes, written over stdio around those
 * bytes, parsed only where the value is needed; equal, through a real server, to the answer made afresh.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'vscode-languageserver/node';
import { CorpusDatabase } from '../../server/src/archive/database';
import { defaultDatabasePath } from '../../server/src/archive/location';
import { KeptAnswers } from '../../server/src/features/keptAnswers';
import type { StoriesResult, TimelineResult } from '../../server/src/protocol';
import { RawJson, rawJsonEncoder } from '../../server/src/util/rawJson';
import type { Workspace } from '../../server/src/workspace/workspace';
import { LspSession } from '../support/lspHarness';

const value = { stories: [{ id: 's1', label: 'Aleppo — “falls”', articles: [{ uri: 'file:///a%20b.txt', n: 3 }] }], total: 1 };

async function encoded(message: unknown): Promise<unknown> {
  const bytes = await rawJsonEncoder.encode(message as Message, { charset: 'utf-8' });
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

test('a response whose result is RawJson is written around its bytes; any other message as JSON.stringify writes it', async () => {
  const raw = new RawJson<typeof value>(Buffer.from(JSON.stringify(value), 'utf8'));
  assert.deepEqual(await encoded({ jsonrpc: '2.0', id: 7, result: raw }), { jsonrpc: '2.0', id: 7, result: value });
  assert.deepEqual(await encoded({ jsonrpc: '2.0', id: 'a"b', result: raw }), { jsonrpc: '2.0', id: 'a"b', result: value });
  const plain = { jsonrpc: '2.0', id: 8, result: value };
  assert.deepEqual(Buffer.from(await rawJsonEncoder.encode(plain as Message, { charset: 'utf-8' })), Buffer.from(JSON.stringify(plain), 'utf8'));
  // Anything else that serialises it (the IPC transport, tracing) gets the value.
  assert.equal(JSON.stringify({ result: raw }), JSON.stringify({ result: value }));
  assert.deepEqual(raw.value(), value);
});

test('a kept answer is read back as its bytes; a damaged row is made again, not sent, even with its ends intact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-raw-'));
  const db = CorpusDatabase.open(join(dir, 'corpus.sqlite'));
  try {
    const workspace = {} as Workspace;
    const log: string[] = [];
    const keeper = new KeptAnswers<typeof value>();
    keeper.keep(workspace, db, 'stories:[2]', value, (m) => log.push(m));
    // The one who kept it remembers the bytes kept, so its next answer is sent without serialising again.
    const remembered = keeper.readAnswer(workspace, db, 'stories:[2]', (m) => log.push(m));
    assert.ok(remembered instanceof RawJson, 'remembered as bytes');
    assert.deepEqual(remembered.value(), value);
    assert.deepEqual(
      keeper.read(workspace, db, 'stories:[2]', (m) => log.push(m)),
      value,
    );
    const kept = new KeptAnswers<typeof value>();
    const answer = kept.readAnswer({} as Workspace, db, 'stories:[2]', (m) => log.push(m));
    assert.ok(answer instanceof RawJson, 'read as bytes, not parsed');
    assert.deepEqual(answer.value(), value);
    assert.deepEqual(
      kept.read({} as Workspace, db, 'stories:[2]', (m) => log.push(m)),
      value,
    );
    // Damaged inside, both ends intact: not the bytes the digest beside them was made of.
    db.sql.run("UPDATE answers SET answer = replace(answer, '\"total\":1', '\"total\":1,') WHERE question LIKE '% stories:[2]'");
    assert.match(db.sql.get<{ answer: string }>("SELECT answer FROM answers WHERE question LIKE '% stories:[2]'")!.answer, /^\{.*,\}$/);
    assert.equal(
      new KeptAnswers<typeof value>().readAnswer({} as Workspace, db, 'stories:[2]', (m) => log.push(m)),
      undefined,
    );
    db.sql.run("UPDATE answers SET answer = '{\"stories\": [' WHERE question LIKE '% stories:[2]'");
    assert.equal(
      new KeptAnswers<typeof value>().readAnswer({} as Workspace, db, 'stories:[2]', (m) => log.push(m)),
      undefined,
    );
    db.sql.run("UPDATE answers SET answer = '{not json}' WHERE question LIKE '% stories:[2]'");
    assert.equal(
      new KeptAnswers<typeof value>().read({} as Workspace, db, 'stories:[2]', (m) => log.push(m)),
      undefined,
    );
    assert.match(log.join('\n'), /kept answer stories:\[2\]/, 'the unreadable answer is logged');
  } finally {
    db.close();
  }
});

test('over stdio, the stories and the timeline kept by one server are sent as kept by the next: the answers made afresh', async () => {
  process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'newslens-cache-'));
  const seeds = join(__dirname, '..', '..', '..', 'seeds');
  const folder = mkdtempSync(join(tmpdir(), 'newslens-raw-folder-'));
  for (const name of readdirSync(seeds).filter((n) => n.endsWith('.txt'))) writeFileSync(join(folder, name), readFileSync(join(seeds, name), 'utf8'));
  const settings = { files: ['**/*.txt'] };
  const ask = async (): Promise<{ stories: StoriesResult; timeline: TimelineResult }> => {
    const session = await LspSession.start({ workspaceFolder: folder, settings });
    try {
      await session.waitForNotification('newsLens/indexStatus', (p) => (p as { state: string }).state === 'ready', 300_000);
      return {
        stories: await session.request<StoriesResult>('newsLens/stories', { minArticles: 2 }),
        timeline: await session.request<TimelineResult>('newsLens/timeline', {}),
      };
    } finally {
      await session.stop();
    }
  };
  const made = await ask();
  assert.ok(made.stories.stories.length >= 1, 'the seeds tell at least one story twice');
  assert.ok(made.timeline.events.length >= 10, 'the seeds have dated events');
  // What the first server kept is the answer it made; marked, so the next answer shows where it came from.
  const db = CorpusDatabase.open(defaultDatabasePath([folder]));
  try {
    for (const [kind, answer] of [
      ['stories:[2]', made.stories],
      ['timeline:%', made.timeline],
    ] as const) {
      const row = db.sql.get<{ question: string; answer: string }>('SELECT question, answer FROM answers WHERE question LIKE ? AND question NOT LIKE ?', [`% ${kind}`, '%\tsha1']);
      assert.deepEqual(JSON.parse(row!.answer), answer, kind);
      // Marked as a writer of the cache would, so the digest kept beside the answer is made again too.
      db.keepAnswer(row!.question.slice(row!.question.indexOf(' ') + 1), JSON.stringify({ ...answer, kept: 1 }));
    }
  } finally {
    db.close();
  }
  const again = await ask();
  assert.deepEqual(again.stories, { ...made.stories, kept: 1 });
  assert.deepEqual(again.timeline, { ...made.timeline, kept: 1 });
});
