import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analyze';
import { toJsonFile } from '../../server/src/core/export/json';

/** Quotations of a text through the whole pipeline (segmentation, recognition, linking), as the CLI gives them. */
const quotes = (text: string) => analyzeDocument(text).articles.flatMap((a) => a.quotes);
const first = (text: string) => quotes(text)[0];

test('kinds: a whole attributed sentence is a statement, a fragment in a paraphrase partial, a lone phrase scare', () => {
  const found = quotes('Li told reporters in Nairobi that the deal was “a disaster” for farmers. “We will fight it in court,” she said.\n\nThe so-called “peace dividend” never came.');
  assert.deepEqual(
    found.map((q) => [q.text, q.kind]),
    [
      ['a disaster', 'partial'],
      ['We will fight it in court,', 'statement'],
      ['peace dividend', 'scare'],
    ],
  );
  assert.equal(found[0].speaker, 'Li', 'a partial quote takes its paraphrase’s speaker, not the place nearby');
});

test('the JSON lists every kind with the added field kind; scare quotes keep scare: true', () => {
  const text = 'Li said the deal was “a disaster” for farmers.\n\nThe so-called “peace dividend” never came.';
  const json = toJsonFile('a.txt', text, analyzeDocument(text));
  assert.deepEqual(
    json.articles.flatMap((a) => a.quotes).map((q) => [q.text, q.kind, q.scare ?? false]),
    [
      ['a disaster', 'partial', false],
      ['peace dividend', 'scare', true],
    ],
  );
});

test('inverted cues with long descriptors and verbs of the lexicon: said retired school bus driver Ann Roe, scoffed, deadpanned', () => {
  assert.equal(first('“We were left with nothing,” said retired school bus driver Ann Roe on Monday.').speaker, 'Ann Roe');
  assert.equal(first('“Not a chance,” deadpanned Kim Sato.').speaker, 'Kim Sato');
  assert.equal(first('“This is absurd,” scoffed Dan Doe.').speaker, 'Dan Doe');
});

test('an appositive names the speaker: says Doe’s neighbour, Sam Poe · said the mayor, Tom Berg', () => {
  assert.equal(first('The council voted on Tuesday. “It is a shame,” says Doe’s neighbour, Sam Poe.').speaker, 'Sam Poe');
  assert.equal(first('Rather, the plan is “a half measure,” said the mayor, Tom Berg.').speaker, 'Tom Berg');
});

test('a party and state suffix is not the speaker: Gov. Kathy Hochul, D-N.Y.', () => {
  assert.equal(first('“We will rebuild,” Gov. Kathy Hochul, D-N.Y., said on Friday.').speaker, 'Kathy Hochul');
});

test('split quotations: the second half keeps the speaker of “A,” he said. “B.”', () => {
  const found = quotes('Mayor Li Wei spoke on Monday. “The bridge is safe,” he said. “We checked it twice.”');
  assert.deepEqual(
    found.map((q) => q.speakerId),
    ['person:li-wei', 'person:li-wei'],
  );
});

test('descriptions resolve to the entity within the article: the veteran goalkeeper → the person named before', () => {
  const q = first('Maria Lopez joined the club in 2019. “I love it here,” the veteran goalkeeper said.');
  assert.equal(q.speaker, 'the veteran goalkeeper');
  assert.equal(q.speakerId, 'person:maria-lopez');
});

test('an intermediary is kept apart: according to Al Jazeera → via, the speaker the original source', () => {
  const q = first('“We have been attacked,” Ahmed Saleh said, according to Al Jazeera.');
  assert.equal(q.speaker, 'Ahmed Saleh');
  assert.equal(q.via, 'Al Jazeera');
});

test('a line the segmenter takes for a section heading still gives its quotations (a line ending in a quoted question)', () => {
  const text = [
    'Trump Talks Nuclear Weapons With Fox News Host',
    '',
    'Donald Trump said on Sunday that Japan might be better off with nuclear weapons of its own, in an interview with Chris Wallace.',
    '',
    'Wallace then asked, “With nukes?”',
    '',
    '“Including with nukes, yes,” Trump said, before turning to the economy and the polls in the swing states.',
  ].join('\n');
  const analysis = analyzeDocument(text);
  const heading = analysis.articles.flatMap((a) => a.sections).find((s) => s.title.startsWith('Wallace'));
  assert.ok(heading, 'the question line is a section heading (else this test checks nothing)');
  assert.deepEqual(
    quotes(text).map((q) => [q.text, q.speaker]),
    [
      ['With nukes?', 'Wallace'],
      ['Including with nukes, yes,', 'Trump'],
    ],
  );
});

test('a lone surname the recogniser left untagged resolves to the article’s person of that surname (speaker-surname)', () => {
  const found = quotes('Dallas Mavericks owner Mark Cuban spoke on Sunday.\n\n“It is too early to tell,” Cuban said. “We will see.”');
  assert.deepEqual(
    found.map((q) => [q.speaker, q.speakerId]),
    [
      ['Cuban', 'person:mark-cuban'],
      ['Cuban', 'person:mark-cuban'],
    ],
  );
});

test('a party or nationality adjective opening the subject qualifies the name after it (qualified-subject)', () => {
  const q = first('Republican presidential front-runner Donald Trump is insisting that he has “expanded the party” in the primaries.');
  assert.equal(q.speaker, 'Donald Trump');
});

test('a place closing an appositive is where the speaker is from, not the speaker (place-in-appositive)', () => {
  const q = first('Dean Roe, a 55-year-old salesman from Sumter, South Carolina, said the plan was “a slap in the face” to workers.');
  assert.equal(q.speaker, 'Dean Roe');
});

test('he after a sentence whose subject is a man and whose later words name another: the subject (pronoun-to-subject)', () => {
  const found = quotes('Senator Tom Levin dismissed concerns about his vote even though Mark Sanders won the state. “It was a narrow victory,” he said.');
  assert.equal(found[0].speakerId, 'person:tom-levin');
});

test('description-nearby: a description paragraphs after the last person named is someone new, not that person', () => {
  const filler = 'The market reopened on Monday after the storm. Traders counted the damage to their stalls and the roads around them. ';
  const q = first(`Maria Lopez opened the first stall in 2019.\n\n${filler.repeat(6)}\n\n“Nobody expected this,” the harbour master said.`);
  assert.equal(q.speaker, 'the harbour master');
  assert.equal(q.speakerId, null);
});

test('it-after-organization-noun: "It added:" after "The company said" continues the company', () => {
  const found = quotes('The company said in a statement that it “regrets the delay and the trouble it caused to families.” It added: “We will do better next time.”');
  assert.deepEqual(
    found.map((q) => q.speaker),
    ['The company', 'The company'],
  );
});

test('gender-from-pronoun: a person "she" was resolved to is not the next "he"', () => {
  const found = quotes(
    'Ngozi Adeyemi, who runs a bakery on the main square, met Tom Doe, the fire chief, outside the town hall. “We lost everything in the basement,” she said.\n\n“We will pump out every house by Friday,” he told her.',
  );
  assert.deepEqual(
    found.map((q) => q.speakerId),
    ['person:ngozi-adeyemi', 'person:tom-doe'],
  );
});

test('it-to-organization-noun: "The ministry said … “…,” it said" is the ministry', () => {
  const found = quotes('The river fell below the flood line on Sunday.\n\nThe ministry said its teams were working around the clock. “No one will be left behind,” it said.');
  assert.equal(found[0].speaker, 'The ministry');
});

test('title-case-line: a Title Case headline gives no antecedent by its shape ("Mayor Defends Budget Cuts")', () => {
  const found = quotes('Mayor Defends Budget Cuts\n\nThe city council approved the cuts on Monday after a long debate at City Hall.\n\n“We had no other option,” she said.');
  assert.equal(found[0].speaker, null);
});

test('description-title: "the prime minister" resolves to the person the title names, not another one near the same words', () => {
  const found = quotes(
    'Minister Resigns\n\nMatt Hancock said in a letter to Prime Minister Boris Johnson that he had let people down. “I want to apologise,” he wrote.\n\nJohnson thanked him for his service. “You should leave office very proud,” the prime minister said in reply.',
  );
  assert.deepEqual(
    found.map((q) => q.speakerId),
    ['person:matt-hancock', 'person:boris-johnson'],
  );
});
