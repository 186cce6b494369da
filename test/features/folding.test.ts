/** Folding (`provideFoldingRanges`): articles, sections and boilerplate blocks, in memory. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { provideFoldingRanges } from '../../server/src/features/folding';
import { memoryWorkspace, seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
before(async () => {
  seeds = await seedsWorkspace('000');
});

test('articles, sections and boilerplate blocks of 000', async () => {
  const ranges = (await provideFoldingRanges(seeds.workspace, { textDocument: { uri: seeds.uri(seedName('000')) } }))!;
  assert.ok(
    ranges.some((r) => r.startLine === 0 && r.endLine > 20),
    'the first article folds from its headline',
  );
  assert.ok(
    ranges.some((r) => r.kind === 'comment'),
    'boilerplate folds as a comment',
  );
  assert.ok(ranges.every((r) => r.endLine > r.startLine));
});

test('a one-line file folds nothing', async () => {
  const one = await memoryWorkspace({ 'one.txt': 'Just one line about Paris.' });
  assert.deepEqual(await provideFoldingRanges(one.workspace, { textDocument: { uri: one.uri('one.txt') } }), []);
});
