/**
 * Names outside the body: bylines, credits and datelines stay metadata or boilerplate (dimmed), but their
 * names are recognized; results lines are body text; months and holidays are never places.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeDocument } from '../../server/src/core/analyze';
import { RULES } from '../../server/src/core/entities';

const ARTICLE = `Kenya Floods Leave Thousands Homeless

By Jane Wanjiru, Reuters

NAIROBI (Reuters) - Floods in western Kenya have left thousands homeless, the Kenya Red Cross said on Monday.

Photo: Peter Otieno/Reuters

Governor Anne Waiguru said the county would need help during Ramadan, as in March last year.
`;

const mentions = (text: string) => analyzeDocument(text).articles.flatMap((a) => a.mentions.map((m) => [m.text, m.kind, m.rule]));

test('a byline names its author and outlet, a credit its photographer and agency; the credit stays boilerplate', () => {
  const model = analyzeDocument(ARTICLE);
  const found = mentions(ARTICLE);
  assert.deepEqual(
    found.filter((m) => m[2] === RULES.creditLine),
    [
      ['Jane Wanjiru', 'person', RULES.creditLine],
      ['Reuters', 'organization', RULES.creditLine],
      ['Peter Otieno', 'person', RULES.creditLine],
      ['Reuters', 'organization', RULES.creditLine],
    ],
  );
  const credit = ARTICLE.indexOf('Photo:');
  assert.ok(model.articles[0].boilerplate.some((b) => b.kind === 'credit' && b.span.start === credit));
  assert.ok(!found.some((m) => m[0] === 'Ramadan' || m[0] === 'March'));
});

test('a dateline in capitals names its town and region; a results line is read as text', () => {
  const text = [
    'ATHLETICS - GRAND PRIX RESULTS .',
    'ZURICH , Switzerland 1996-08-23',
    'Leading results of the meeting on Friday :',
    "Women 's discus",
    '1. Jane Example ( Germany ) 66.60 metres',
    '2. Anna Sample ( Belarus ) 65.66',
    '',
  ].join('\n');
  const found = mentions(text);
  assert.deepEqual(
    found.filter((m) => m[2] === RULES.datelineTown),
    [
      ['ZURICH', 'place', RULES.datelineTown],
      ['Switzerland', 'place', RULES.datelineTown],
    ],
  );
  for (const name of ['Jane Example', 'Germany', 'Anna Sample', 'Belarus'])
    assert.ok(
      found.some((m) => m[0] === name),
      name,
    );
});

test('titles are not swallowed into names; a possessive later mention is the person; a demonym noun is not part of a name', () => {
  const text = [
    'LYON (Reuters) - Interpol Secretary General Jane Roe said on Tuesday that fraud was rising.',
    '',
    "Roe's warning came after the Secretary-General of the Kurdistan Democratic Party of Iran met officials. Scotsman Andy Reid agreed.",
    '',
  ].join('\n');
  const found = mentions(text);
  assert.deepEqual(
    found.map((m) => [m[0], m[1]]),
    [
      ['LYON', 'place'],
      ['Reuters', 'organization'],
      ['Interpol', 'organization'],
      ['Jane Roe', 'person'],
      ['Roe', 'person'],
      ['Kurdistan Democratic Party of Iran', 'organization'],
      ['Andy Reid', 'person'],
    ],
  );
});

test('the teams of a results and standings table are recognised (its rows are body text, not navigation)', () => {
  const text = [
    'Results of the northern league matches played on Saturday:',
    'Eastbridge 2 Millford Rovers 1',
    'Kingsport 0 Ashvale United 0',
    'Standings (played, won, drawn, lost, points):',
    'Eastbridge 4 3 1 0 10',
    'Ashvale United 4 2 2 0 8',
    'Millford Rovers 3 0 1 2 1',
    '',
  ].join('\n');
  const found = mentions(text).map((m) => m[0]);
  for (const team of ['Eastbridge', 'Millford Rovers', 'Kingsport', 'Ashvale United']) assert.ok(found.includes(team), team);
  assert.equal(found.filter((m) => m === 'Ashvale United').length, 2);
});
