/** The index's worker threads (issue 13): the same model as the server's own thread, in parallel. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisPool } from '../../server/src/archive/workerPool';
import { analyzeDocument, ArticleCache } from '../../server/src/core';

const root = join(__dirname, '..', '..', '..');
const seeds = join(root, 'seeds');

test('every seed analysed on the worker threads gives the model the main thread gives; the size limit is honoured', async () => {
  const pool = AnalysisPool.create(join(root, 'dist', 'analysisWorker.js'), 2);
  assert.ok(pool, 'dist/analysisWorker.js is built');
  try {
    const texts = readdirSync(seeds).map((n) => readFileSync(join(seeds, n), 'utf8'));
    const models = await Promise.all(texts.map((t) => pool.analyze(t, 5 * 1024 * 1024)));
    texts.forEach((t, i) => assert.deepEqual(models[i], analyzeDocument(t, { cache: new ArticleCache() })));
    const small = await pool.analyze(texts[1], 1024);
    assert.equal(small.layoutOnly, true);
  } finally {
    pool.close();
  }
  await assert.rejects(pool.analyze('x', 10), /closed/);
});
