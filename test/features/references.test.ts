/** References, definition and document highlights (`provideReferences` …), across files, in memory. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { provideDefinition, provideDocumentHighlights, provideReferences } from '../../server/src/features/references';
import { at, memoryWorkspace, seedFiles, seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
before(async () => {
  seeds = await seedsWorkspace();
});

test('references of Assad span several files; definition is the first mention in path order', async () => {
  const uri = seeds.uri(seedName('004'));
  const position = at(seeds.text(seedName('004')), 4, 'Assad');
  const refs = (await provideReferences(seeds.workspace, { textDocument: { uri }, position, context: { includeDeclaration: true } }))!;
  const files = new Set(refs.map((r) => r.uri));
  assert.ok(files.size >= 4, `references in ${files.size} files`);
  assert.ok(files.has(seeds.uri(seedName('001'))) && files.has(seeds.uri(seedName('003'))));
  const def = (await provideDefinition(seeds.workspace, { textDocument: { uri }, position }))!;
  // The first seed (in path order) that names Assad, at its first line naming him.
  const [firstFile, firstText] = Object.entries(seedFiles()).find(([, t]) => t.includes('Assad'))!;
  assert.equal(def.uri, seeds.uri(firstFile));
  assert.equal(
    def.range.start.line,
    firstText.split('\n').findIndex((l) => l.includes('Assad')),
  );
  const highlights = (await provideDocumentHighlights(seeds.workspace, { textDocument: { uri }, position }))!;
  assert.ok(highlights.length >= 2);
});

test('a closed file leaves the references (the index holds what is on disk; here nothing)', async () => {
  const text = 'Kyiv Mayor Vitali Klitschko Speaks\n\nKyiv Mayor Vitali Klitschko said on Monday that the city would hold.\n';
  const two = await memoryWorkspace({ 'a.txt': text, 'b.txt': text });
  const params = { textDocument: { uri: two.uri('a.txt') }, position: at(text, 2, 'Klitschko'), context: { includeDeclaration: true } };
  assert.deepEqual(new Set((await provideReferences(two.workspace, params))!.map((r) => r.uri)), new Set([two.uri('a.txt'), two.uri('b.txt')]));
  await two.workspace.close(two.uri('b.txt'));
  assert.deepEqual(new Set((await provideReferences(two.workspace, params))!.map((r) => r.uri)), new Set([two.uri('a.txt')]));
  assert.deepEqual(await provideReferences(two.workspace, { ...params, position: at(text, 2, 'said') }), []);
});
