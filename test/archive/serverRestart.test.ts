/**
 * The language server with its corpus database (issue 13): killed mid-index and started again, it
 * loses and corrupts nothing; a third start reads every file back; `newsLens/search` answers.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession } from '../support/lspHarness';
import { CorpusDatabase } from '../../server/src/archive/database';
import { defaultDatabasePath } from '../../server/src/archive/location';
import type { IndexStatus, SearchResult } from '../../server/src/protocol';

const root = join(__dirname, '..', '..', '..');
const seeds = join(root, 'seeds');

function logs(session: LspSession): string {
  return session.notifications
    .filter((n) => n.method === 'window/logMessage' || n.method === 'window/showMessage')
    .map((n) => (n.params as { message: string }).message)
    .join('\n');
}

async function ready(session: LspSession, files: number): Promise<IndexStatus> {
  return (await session.waitForNotification('newsLens/indexStatus', (p) => (p as IndexStatus).state === 'ready' && (p as IndexStatus).filesTotal >= files, 300_000)) as IndexStatus;
}

test('server killed mid-index, started again: nothing lost or corrupted, and the third start reads every file back', async () => {
  // The server's default place for the database (no databasePath over stdio): a cache folder of this test.
  process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'newslens-cache-'));
  const folder = mkdtempSync(join(tmpdir(), 'newslens-archive-folder-'));
  const names = readdirSync(seeds).sort();
  const count = 20;
  for (let i = 0; i < count; i++)
    writeFileSync(join(folder, `${String(i).padStart(2, '0')}-${names[i % names.length]}`), `${readFileSync(join(seeds, names[i % names.length]), 'utf8')}\nCopy ${i}.\n`);
  const settings = { files: ['**/*.txt'] };

  const first = await LspSession.start({ workspaceFolder: folder, settings });
  await first.waitForNotification('newsLens/indexStatus', (p) => (p as IndexStatus).filesIndexed >= 3, 300_000);
  first.process.kill('SIGKILL');
  await new Promise((r) => (first.exited ? r(null) : first.process.once('exit', r)));

  const second = await LspSession.start({ workspaceFolder: folder, settings });
  try {
    const status = await ready(second, count);
    assert.equal(status.filesIndexed, count);
    assert.doesNotMatch(logs(second), /could not be used|moved it to/, 'the killed server left a sound database');
  } finally {
    await second.stop();
  }
  const db = CorpusDatabase.open(defaultDatabasePath([folder]));
  try {
    assert.equal(db.count(), count);
    for (const p of db.paths()) {
      const articles = db.sql.get<{ n: number }>('SELECT count(*) AS n FROM articles a JOIN files f ON f.id = a.file_id WHERE f.path = ?', [p])?.n;
      assert.equal(articles, db.model(p)!.model.articles.length, p);
    }
  } finally {
    db.close();
  }

  const third = await LspSession.start({ workspaceFolder: folder, settings });
  try {
    await ready(third, count);
    assert.match(logs(third), new RegExp(`corpus database .*, ${count} files\\)`), 'the database held every file when the server started');
    const assad = await third.request<SearchResult>('newsLens/search', { entity: 'Assad' });
    assert.ok(assad.hits.length >= count / 2, `${assad.hits.length} hits`);
    const empty = await third.request<SearchResult>('newsLens/search', {});
    assert.match(empty.message ?? '', /at least one filter/);
  } finally {
    await third.stop();
  }
});
