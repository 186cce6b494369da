import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { HOLIDAYS, lexiconProblems, PERSON_TITLES, WORD_LISTS, type WordList } from '../../server/src/core/lexicon';

test('lexicon: no list repeats a word, and no two lists of one kind share one', () => {
  assert.deepEqual(lexiconProblems(WORD_LISTS), []);
  assert.ok(WORD_LISTS.length >= 20);
  for (const list of WORD_LISTS) assert.ok(list.words.length > 0 && list.description.length > 0, list.name);
});

test('lexicon: the check finds duplicates within a list and across lists of the same kind (case-insensitive)', () => {
  const lists: WordList[] = [
    { name: 'a', kind: 'title', description: '', words: ['Mr', 'Sir', 'mr'] },
    { name: 'b', kind: 'title', description: '', words: ['SIR'] },
    { name: 'c', kind: 'role', description: '', words: ['sir', ' padded'] },
  ];
  const problems = lexiconProblems(lists);
  assert.deepEqual(problems, ['a: "mr" twice', '"SIR" in both a and b (kind title)', 'c: empty or padded entry " padded"']);
});

test('lexicon: built sets take abbreviated titles with and without their full stop', () => {
  assert.ok(PERSON_TITLES.has('Gen.') && PERSON_TITLES.has('Gen') && PERSON_TITLES.has('Mrs.') && PERSON_TITLES.has('President'));
  assert.ok(!PERSON_TITLES.has('President.'));
  assert.ok(HOLIDAYS.has('Ramadan') && HOLIDAYS.has('Labor Day'));
});
