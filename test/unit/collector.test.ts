/** The batch commands' and index workers' full collection between files (`BatchCollector`). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BatchCollector, fullCollection } from '../../server/src/util/collector';

test('a full collection runs once every so many characters of work, not before', () => {
  let runs = 0;
  const collector = new BatchCollector(100, () => () => runs++);
  collector.done(60);
  assert.equal(runs, 0);
  collector.done(60);
  assert.equal(runs, 1, 'after 120 characters');
  collector.done(99);
  assert.equal(runs, 1);
  collector.done(1);
  assert.equal(runs, 2);
  new BatchCollector(100, () => null).done(1_000); // no collector at hand: nothing happens
});

test('on Node the full collection is at hand and frees what nothing holds', () => {
  const gc = fullCollection();
  assert.equal(typeof gc, 'function');
  const before = (() => {
    let garbage: number[][] | null = Array.from({ length: 200 }, () => new Array<number>(10_000).fill(1));
    const held = process.memoryUsage().heapUsed;
    garbage = null;
    return held + (garbage === null ? 0 : 1);
  })();
  gc!();
  assert.ok(process.memoryUsage().heapUsed < before - 8 * 1024 * 1024, 'the ~16 MB of arrays are gone');
});
