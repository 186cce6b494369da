/**
 * Story features in the corpus database (issue 15): stored with a file's rows, given back equal to
 * those computed from the text, replaced and removed with the file.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusDatabase } from '../../server/src/archive/database';
import { archiveRecord } from '../../server/src/archive/record';
import { storedStoryArticles } from '../../server/src/archive/storiesSchema';
import { analyzeDocument } from '../../server/src/core';
import { clusterStories, storyArticle } from '../../server/src/core/stories';
import { pathToUri } from '../../server/src/util/uri';

const seeds = join(__dirname, '..', '..', '..', 'seeds');
const seedFiles = readdirSync(seeds)
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((n) => join(seeds, n));

test('story features round-trip through the corpus database and follow the file', () => {
  const db = CorpusDatabase.open(join(mkdtempSync(join(tmpdir(), 'newslens-stories-')), 'corpus.sqlite'));
  try {
    const computed = [];
    for (const file of seedFiles) {
      const bytes = readFileSync(file);
      const text = bytes.toString('utf8');
      const model = analyzeDocument(text);
      db.put(archiveRecord(file, statSync(file), bytes, text, model, 5));
      computed.push(...model.articles.map((a) => storyArticle(pathToUri(file), text, a)));
    }
    const stored = [...storedStoryArticles(db.sql).values()].flat();
    assert.equal(stored.length, computed.length);
    assert.deepEqual(stored, computed, 'every feature, the signature too, as computed from the text');
    // The same stories from the stored features as from the texts.
    const ids = (c: ReturnType<typeof clusterStories>): string[] => c.stories.map((s) => s.members.join(' ')).sort();
    assert.deepEqual(ids(clusterStories(stored)), ids(clusterStories(computed)));

    // One file: its rows only; a removed file takes its rows with it; a layout-only file has none.
    const one = storedStoryArticles(db.sql, seedFiles[2]);
    assert.deepEqual([...one.keys()], [pathToUri(seedFiles[2])]);
    db.remove(seedFiles[2]);
    assert.equal(storedStoryArticles(db.sql).has(pathToUri(seedFiles[2])), false);
    const text = readFileSync(seedFiles[0], 'utf8');
    db.put(archiveRecord(seedFiles[0], statSync(seedFiles[0]), Buffer.from(text), text, analyzeDocument(text, { maxFullAnalysisLength: 10 }), 5));
    assert.equal(storedStoryArticles(db.sql, seedFiles[0]).size, 0);
  } finally {
    db.close();
  }
});
