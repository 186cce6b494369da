/** Archive search (`provideSearch`) over a corpus database of the seeds, in process; and the answer without a database. */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusDatabase } from '../../server/src/archive/database';
import { archiveRecord } from '../../server/src/archive/record';
import { analyzeDocument } from '../../server/src/core';
import { provideSearch } from '../../server/src/features/search';
import { repoRoot } from '../support/lspHarness';
import { seedFiles } from '../support/memoryWorkspace';

let db: CorpusDatabase;

before(() => {
  db = CorpusDatabase.open(join(mkdtempSync(join(tmpdir(), 'newslens-search-feature-')), 'corpus.sqlite'));
  for (const name of Object.keys(seedFiles())) {
    const file = join(repoRoot(), 'seeds', name);
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    db.put(archiveRecord(file, statSync(file), bytes, text, analyzeDocument(text), 5));
  }
});

after(() => db?.close());

test('no corpus database: no hits and the reason', () => {
  const answer = provideSearch(undefined, { text: 'Assad' });
  assert.deepEqual(answer.hits, []);
  assert.equal(answer.truncated, false);
  assert.match(answer.message ?? '', /No corpus database is open/);
});

test('an entity by alias, narrowed by full text; no parameters at all ask for a filter', () => {
  const byAlias = provideSearch(db, { entity: 'assad' });
  assert.ok(byAlias.hits.length >= 3 && byAlias.hits.every((h) => h.kind === 'mention' && /assad/i.test(h.text ?? '')), JSON.stringify(byAlias));
  const both = provideSearch(db, { text: 'Damascus', entity: 'Assad' });
  assert.ok(both.hits.length >= 1 && both.hits.length <= byAlias.hits.length);
  assert.match(provideSearch(db, null).message ?? '', /at least one filter/);
});
