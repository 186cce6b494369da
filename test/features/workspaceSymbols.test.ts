/** Ctrl+T (`provideWorkspaceSymbols`): article titles of every file, then entities, in memory. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver/node';
import { provideWorkspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
before(async () => {
  seeds = await seedsWorkspace('001', '003');
});

test('article titles and entities, each where it is first found', () => {
  const zelenskiy = provideWorkspaceSymbols(seeds.workspace, { query: 'Zelenskiy Arrives' });
  assert.ok(
    zelenskiy.some((s) => s.name.startsWith('Zelenskiy Arrives In Paris') && s.location.uri === seeds.uri(seedName('003'))),
    JSON.stringify(zelenskiy.slice(0, 3)),
  );
  const kirillov = provideWorkspaceSymbols(seeds.workspace, { query: 'Kirillov' });
  const person = kirillov.find((s) => s.name === 'Igor Kirillov');
  assert.ok(person && person.location.uri === seeds.uri(seedName('001')));
  assert.equal(person.kind, SymbolKind.Constructor);
});

test('the query matches loosely (characters in order, case and spaces ignored)', () => {
  const found = provideWorkspaceSymbols(seeds.workspace, { query: 'igkiri' });
  assert.ok(found.some((s) => s.name === 'Igor Kirillov'));
  assert.deepEqual(provideWorkspaceSymbols(seeds.workspace, { query: 'qqqzzzxxx' }), []);
});
