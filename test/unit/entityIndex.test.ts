import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analyze';
import { EntityIndex } from '../../server/src/core/entityIndex';

const one = 'Harbour Board Meets\n\nMarch 3, 2021\n\nLISBON — Bashar al-Assad met Carlos Moedas in Lisbon on Tuesday, the mayor said.\n';
const two = 'Talks Resume\n\nMarch 4, 2021\n\nDAMASCUS — Assad said on Wednesday that the talks in Damascus would go on.\n';
const three = 'Ferry Terminal Opens\n\nMarch 5, 2021\n\nLISBON — The ferry terminal of Lisbon opened on Friday, Carlos Moedas said.\n';

test('EntityIndex: files are added, replaced and removed by difference; a surname joins the full name across files', () => {
  const index = new EntityIndex();
  index.update('file:///a.txt', analyzeDocument(one));
  index.update('file:///b.txt', analyzeDocument(two));
  const assad = index.resolve('person:assad');
  assert.equal(assad, 'person:bashar-al-assad');
  assert.deepEqual(index.filesOf(assad), ['file:///a.txt', 'file:///b.txt']);
  assert.deepEqual(
    index.mentions(assad).map((m) => m.uri),
    ['file:///a.txt', 'file:///b.txt'],
  );
  assert.equal(index.entity('person:assad')?.mentionCount, 2);

  // The same model again changes nothing; a new version of a file replaces its entities.
  const generation = index.generation;
  const modelA = analyzeDocument(one);
  index.update('file:///a.txt', modelA);
  assert.equal(index.update('file:///a.txt', modelA), false);
  assert.ok(index.generation > generation);
  index.update('file:///a.txt', analyzeDocument(three));
  assert.equal(index.resolve('person:assad'), 'person:assad', 'no full name left to join');
  assert.deepEqual(index.filesOf(assad), []);
  assert.deepEqual(index.filesOf('person:assad'), ['file:///b.txt']);
  assert.deepEqual(index.filesOf('person:carlos-moedas'), ['file:///a.txt']);

  assert.equal(index.remove('file:///a.txt'), true);
  assert.equal(index.remove('file:///a.txt'), false);
  assert.deepEqual(index.filesOf('person:carlos-moedas'), []);
  assert.equal(index.entity('person:carlos-moedas'), undefined);
  assert.deepEqual(index.uris(), ['file:///b.txt']);
  assert.ok(index.entities().every((e) => e.memberIds.length > 0 && index.filesOf(e.id).length === e.fileCount));
});
