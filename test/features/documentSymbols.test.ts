/** Outline and breadcrumbs (`provideDocumentSymbols`) on the seeds, in memory. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver/node';
import { provideDocumentSymbols } from '../../server/src/features/documentSymbols';
import { seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
before(async () => {
  seeds = await seedsWorkspace('000');
});

test('the four articles of 000 with their sections, detail "date · source · words"', async () => {
  const symbols = (await provideDocumentSymbols(seeds.workspace, { textDocument: { uri: seeds.uri(seedName('000')) } }))!;
  // Read from the file: three headlined stories (Syria, Georgia, Trump/Gaza) and an untitled one on Belgium.
  assert.equal(symbols.length, 4);
  assert.match(symbols[0].name, /^Russia and Iran Pledge Support for Syria’s al-Assad/);
  assert.match(symbols[1].name, /^What’s Behind the Protests in the Country of Georgia\?/);
  assert.match(symbols[2].name, /^Trump Threatens ‘Hell to Pay’/);
  assert.match(symbols[1].detail ?? '', /\d+ words$/);
  const georgiaSections = (symbols[1].children ?? []).map((s) => s.name);
  assert.ok(georgiaSections.includes('What’s at stake?'), georgiaSections.join(' | '));
  // Articles show as documents, sections as headings (as Markdown's headers).
  assert.deepEqual([...new Set(symbols.map((s) => s.kind))], [SymbolKind.File]);
  assert.deepEqual([...new Set(symbols.flatMap((s) => (s.children ?? []).map((c) => c.kind)))], [SymbolKind.String]);
  for (const s of symbols) {
    assert.ok(s.selectionRange.start.line >= s.range.start.line && s.selectionRange.end.line <= s.range.end.line, 'selection inside range');
  }
});

test('a file the workspace does not know has no outline (null), not an empty one', async () => {
  assert.equal(await provideDocumentSymbols(seeds.workspace, { textDocument: { uri: 'file:///memory/unknown.txt' } }), null);
});
