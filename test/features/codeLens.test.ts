/** Code lenses over headlines (`provideCodeLenses`), in memory. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { provideCodeLenses } from '../../server/src/features/codeLens';
import { seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
before(async () => {
  seeds = await seedsWorkspace('000');
});

test('code lenses count people, places, organizations and quotations over each headline', async () => {
  const uri = seeds.uri(seedName('000'));
  const all = (await provideCodeLenses(seeds.workspace, { textDocument: { uri } }))!;
  // The counts lens of each article (the story lenses, "also told by …", are tested in stories.test.ts).
  const lenses = all.filter((l) => l.command?.command === 'newsLens.revealArticle');
  assert.equal(lenses.length, 4);
  assert.match(lenses[0].command!.title, /^\d+ (people|person) · \d+ places? · \d+ organizations? · \d+ quotations?$/);
  assert.equal(lenses[0].command!.command, 'newsLens.revealArticle');
  assert.deepEqual(lenses[1].command!.arguments, [uri, 1]);
});
