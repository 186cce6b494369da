/**
 * The first index's write path (issue 13): files go to the corpus database in batches, one transaction
 * each, and the server's own thread analyses when no worker is free. The answers must be those of the
 * same folder held in memory; a cancelled run keeps every file it analysed, and the next run does the rest.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusDatabase } from '../../server/src/archive/database';
import { analyzeDocument } from '../../server/src/core/analyze';
import { provideEntities, provideQuotes } from '../../server/src/features/customRequests';
import { Workspace } from '../../server/src/workspace/workspace';
import { repoRoot } from '../support/lspHarness';

/** More files than one write batch (32), so a run commits several. */
const FILES = 36;
let folder: string;
let memory: Workspace;

/**
 * A workspace on `db` with one stand-in worker that counts its files; with `half`, it is free every
 * other time it is asked, and the other files go to the server's thread.
 */
function workspaceOn(db: CorpusDatabase, counts: { worker: number; asked: number }, half: boolean, onProgress?: (done: number) => void): Workspace {
  return new Workspace({
    archive: () => db,
    ...(onProgress ? { onProgress } : {}),
    offThread: {
      parallel: 1,
      ...(half ? { free: () => counts.asked++ % 2 } : {}),
      analyze: (text, maxLength) => {
        counts.worker++;
        return Promise.resolve(analyzeDocument(text, { maxFullAnalysisLength: maxLength }));
      },
    },
  });
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'newslens-batches-'));
  mkdirSync(join(folder, 'seeds'));
  const seeds = join(repoRoot(), 'seeds');
  const names = readdirSync(seeds).sort();
  for (let i = 0; i < FILES; i++) {
    const name = `${String(i).padStart(2, '0')}-${names[i % names.length]}`;
    writeFileSync(join(folder, 'seeds', name), `${readFileSync(join(seeds, names[i % names.length]), 'utf8')}\nCopy ${i}.\n`);
  }
  memory = new Workspace();
  await memory.index.rebuild([folder]);
});

after(() => rmSync(folder, { recursive: true, force: true }));

test("a first index in batches, part on the server's thread, answers as the same folder in memory", async () => {
  const db = CorpusDatabase.open(join(folder, 'all.sqlite'));
  try {
    const counts = { worker: 0, asked: 0 };
    const archived = workspaceOn(db, counts, true);
    await archived.index.rebuild([folder]);
    assert.equal(archived.status.state, 'ready');
    assert.equal(db.count(), FILES, 'every file written');
    assert.ok(archived.index.uris().every((u) => archived.index.isStored(u)));
    assert.ok(counts.worker > 0 && counts.worker < FILES, `${counts.worker} of ${FILES} on the worker: both threads analysed`);
    assert.deepEqual(await provideEntities(archived, { limit: 80 }), await provideEntities(memory, { limit: 80 }));
    assert.deepEqual(await provideQuotes(archived, null), await provideQuotes(memory, null));
    for (const e of memory.entities.entities().slice(0, 10)) assert.deepEqual(archived.entities.mentions(e.id), memory.entities.mentions(e.id), e.id);
  } finally {
    db.close();
  }
});

test('a cancelled first index keeps the files it analysed; the next run analyses only the rest', async () => {
  const file = join(folder, 'cancelled.sqlite');
  let db = CorpusDatabase.open(file);
  const counts = { worker: 0, asked: 0 };
  let done = 0;
  const first = workspaceOn(db, counts, false, (n) => (done = n));
  // Cancelled after a few files (the one in hand is dropped): fewer than one batch, written at the run's end.
  await first.index.rebuild([folder], () => counts.worker >= 5);
  const kept = db.count();
  assert.ok(kept >= 4 && kept < FILES, `${kept} files kept (progress said ${done})`);
  db.close();
  db = CorpusDatabase.open(file);
  try {
    const again = { worker: 0, asked: 0 };
    const second = workspaceOn(db, again, false);
    await second.index.rebuild([folder]);
    assert.equal(db.count(), FILES);
    assert.equal(again.worker, FILES - kept, 'the kept files are not analysed again');
    assert.deepEqual(await provideEntities(second, { limit: 80 }), await provideEntities(memory, { limit: 80 }));
  } finally {
    db.close();
  }
});
