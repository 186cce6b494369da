// The line-level parsers of the segmenter: datelines, bylines, name lines, boilerplate shapes, topic seams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateline } from '../../server/src/core/segment/dateline';
import { parseByline, parseNameLine } from '../../server/src/core/segment/bylines';
import { matchBoilerplate, isSeparatorLine } from '../../server/src/core/segment/boilerplate';
import { findOutlet } from '../../server/src/core/segment/outlets';
import { findTopicShift, namesIn } from '../../server/src/core/segment/cohesion';
import { splitLines, splitLinesAfterEdit } from '../../server/src/core/segment/lines';
import { editedStretch } from '../../server/src/core/segment/memo';
import fc from 'fast-check';

test('dateline shapes give an ISO date, a 24-hour time and a known publisher', () => {
  const cases: [string, string, string | null, string | null][] = [
    ['The New York Times 2024-12-18 12:10:34', '2024-12-18', '12:10', 'The New York Times'],
    ['date 2024-12-02 Politics', '2024-12-02', null, null],
    ['Dec 02, 2024 02:20 PM IST', '2024-12-02', '14:20', null],
    ['December 2, 2024', '2024-12-02', null, null],
    ['Updated 3:04 PM EST, Mon December 2, 2024', '2024-12-02', '15:04', null],
    ['2 December 2024', '2024-12-02', null, null],
    ['Saturday, January 18, 2025', '2025-01-18', null, null],
    ['Published 17.12.2024, 09:30 CET', '2024-12-17', '09:30', null],
    ['Dec. 2, 2024, 12:05 a.m. ET', '2024-12-02', '00:05', null],
    ['Sept. 3, 2024', '2024-09-03', null, null],
    ['Reuters | 2024-12-02T14:20:00Z', '2024-12-02', '14:20', 'Reuters'],
    ['Tue 17 Dec 2024 12.10 GMT', '2024-12-17', '12:10', null],
    ['Posted on May 2, 2024 by Jane Doe', '2024-05-02', null, null],
  ];
  for (const [line, date, time, source] of cases) {
    const parsed = parseDateline(line);
    assert.ok(parsed, `${line} is a dateline`);
    assert.equal(parsed.date, date, line);
    assert.equal(parsed.time, time, line);
    assert.equal(parsed.source, source, line);
  }
  assert.equal(parseDateline('Updated 3:04 PM EST, Mon December 2, 2024')?.updated, true);
  assert.equal(parseDateline('December 2, 2024')?.updated, false);
  assert.equal(parseDateline('Posted on May 2, 2024 by Jane Doe')?.byText, 'Jane Doe');
});

test('sentences containing a date, impossible dates and ambiguous numbers are not datelines', () => {
  for (const line of [
    'On December 1, 2024, the rebels attacked the town.',
    'Anti-government fighters reach the highway near the northern Syrian town of Azaz on December 1, 2024.',
    'The talks ended on 2 December 2024 without a deal',
    '2024-02-30',
    'February 30, 2024',
    '12/02/2024',
    'New Delhi 0C',
    'Hama 2024',
    '',
    'x'.repeat(500) + ' 2024-12-02',
  ]) {
    assert.equal(parseDateline(line), null, line);
  }
});

test('bylines: names, "Edited by", outlets and roles', () => {
  assert.deepEqual(parseByline('By Jane Doe and John Roe'), { authors: ['Jane Doe', 'John Roe'], source: null });
  assert.deepEqual(parseByline('By | Edited by Shivam Pratap Singh'), { authors: ['Shivam Pratap Singh'], source: null });
  assert.deepEqual(parseByline('By Jane Doe, Reuters'), { authors: ['Jane Doe'], source: 'Reuters' });
  assert.deepEqual(parseByline('By Jane Doe, Staff Writer | The Washington Post'), { authors: ['Jane Doe'], source: 'The Washington Post' });
  assert.deepEqual(parseByline('By Anna Smith, Bob Jones & Carla Ruiz'), { authors: ['Anna Smith', 'Bob Jones', 'Carla Ruiz'], source: null });
  assert.deepEqual(parseByline('BY ABDUL RAHMAN AL-SAYED'), { authors: ['ABDUL RAHMAN AL-SAYED'], source: null });
  assert.equal(parseByline('By allowing legal sex work and giving workers protection, she wrote, “we hope to help.”'), null);
  assert.equal(parseByline('By Monday the rebels had reached Hama'), null);
  assert.equal(parseByline('Bystanders fled the scene'), null);
});

test('name lines are lists of personal names, not headings or chrome', () => {
  assert.deepEqual(parseNameLine('Ephrat Livni'), ['Ephrat Livni']);
  assert.deepEqual(parseNameLine('Lynsey Chutel and Nazaneen Ghaffar'), ['Lynsey Chutel', 'Nazaneen Ghaffar']);
  assert.deepEqual(parseNameLine('Raja Abdulrahim'), ['Raja Abdulrahim']);
  assert.deepEqual(parseNameLine('Abu Mohammad al-Golani'), ['Abu Mohammad al-Golani']);
  for (const line of [
    'Help from Iran',
    'Kurds in Danger',
    'Recommended Topics',
    'Understanding Syria’s Civil War',
    'Live Score',
    'Saved Articles',
    'New Delhi 0C',
    'Response from the West',
    'Middle East Crisis',
    'What’s at stake?',
  ]) {
    assert.equal(parseNameLine(line), null, line);
  }
});

test('boilerplate shapes and their kinds', () => {
  const cases: [string, string][] = [
    ['You have been granted access, use your keyboard to continue reading.', 'paywall'],
    ['Subscribe to continue reading', 'paywall'],
    ['This article is only available to subscribers.', 'paywall'],
    ['Want to stay updated on what’s happening in Russia and Ukraine? , and we’ll send our latest coverage to your inbox.', 'subscription'],
    ['Discover The Times with our best offer:', 'subscription'],
    ['$0.50/week for your first year.', 'subscription'],
    ['Start 14 Days Free Trial Subscribe Now', 'subscription'],
    ['Sign up for our Morning Briefing newsletter', 'subscription'],
    ['Share this article', 'share'],
    ['SHARE THIS ARTICLE ON', 'share'],
    ['Follow Us On', 'share'],
    ['Leave a Reply', 'share'],
    ['Your email address will not be published. Required fields are marked *', 'share'],
    ['close_game', 'navigation'],
    ['Recommended Topics', 'navigation'],
    ['Listen to this article · 8:41 min Learn more', 'navigation'],
    ['Advertisement', 'navigation'],
    ['Skip to content', 'navigation'],
    ['New Delhi 0C', 'navigation'],
    ['Photo: AFP', 'credit'],
    ['Photograph: Rami al-Sayed/AFP via Getty Images', 'credit'],
    ['© 2024 The Associated Press', 'credit'],
    ['Get the recipe', 'recipe'],
  ];
  for (const [line, kind] of cases) assert.equal(matchBoilerplate(line)?.kind, kind, line);
  assert.equal(matchBoilerplate('You have been granted access, use your keyboard to continue reading.')?.startsArticle, true);
  assert.equal(matchBoilerplate('Leave a Reply')?.endsArticle, true);
  for (const line of [
    'Iran is trying anyway though with militias backed by the Islamic republic entering Syria overnight from Iraq.',
    'Help from Iran',
    'The photo showed a burned car.',
    'Share prices fell sharply on Monday after the announcement.',
    'Follow the money, investigators said, and the trail leads to Dubai.',
    'x'.repeat(400) + ' subscribe now',
  ]) {
    assert.equal(matchBoilerplate(line), null, line);
  }
  assert.ok(isSeparatorLine('-') && isSeparatorLine('* * *') && isSeparatorLine('———'));
  assert.ok(!isSeparatorLine('...') && !isSeparatorLine('- Item') && !isSeparatorLine(''));
});

test('outlets are found on word boundaries, longest spelling first', () => {
  assert.equal(findOutlet('The New York Times 2024-12-18')?.name, 'The New York Times');
  assert.equal(findOutlet('KYIV (AP) —')?.name, 'Associated Press');
  assert.equal(findOutlet('CAPITAL letters'), null, '"AP" inside a word is no outlet');
  assert.equal(findOutlet('Nothing here'), null);
});

test('lines: LF, CRLF and lone CR are each one break; content bounds skip spaces, BOM and NBSP', () => {
  const text = '\uFEFF a \r\n\u00a0b\u00a0\rc\n\n';
  const lines = splitLines(text);
  assert.deepEqual(
    lines.map((l) => text.slice(l.contentStart, l.contentEnd)),
    ['a', 'b', 'c', '', ''],
  );
  assert.deepEqual(
    lines.map((l) => [l.start, l.end]),
    [
      [0, 4],
      [6, 9],
      [10, 11],
      [12, 12],
      [13, 13],
    ],
  );
});

test('names for topic seams: capitalised words not opening a sentence, possessives and particles handled', () => {
  const text = 'The talks began. Officials from Russia’s foreign ministry met Mr. al-Shara and Hamas-led groups in Doha.';
  const names = namesIn(text, { start: 0, end: text.length });
  assert.deepEqual([...names].sort(), ['doha', 'hamas', 'russia', 'shara'].sort());
  assert.ok(!names.has('the') && !names.has('officials'), 'sentence openers are not names');
});

test('a topic seam is found only where the story so far is never named again and a new story takes over', () => {
  const first = [
    'Officials said Trump would meet Netanyahu in Washington on Monday.',
    'Aides to Trump said the talks with Netanyahu would cover Gaza and Hamas.',
    'Critics in Israel said Netanyahu had stalled talks with Hamas over Gaza.',
    'A spokesman for Trump said the White House wanted a deal before January.',
    'Qatar and Egypt have mediated between Israel and Hamas for months, said Trump.',
  ];
  const second = [
    'A new law in Belgium gives sex workers contracts, said Erin Kilbride of Human Rights Watch.',
    'The law took effect on Sunday, according to officials in Brussels.',
    'Groups such as Isala opposed the law, while UTSOPI supported it, Ms. Kilbride said.',
    'Daan Bauwens of UTSOPI said workers in Antwerp and Ghent would benefit.',
    'Ms. Kilbride said the model could spread across Europe.',
    'UTSOPI estimated that thousands of workers could sign contracts.',
  ];
  const spansOf = (text: string) => splitLines(text).map((l) => ({ start: l.contentStart, end: l.contentEnd }));
  const text = [...first, ...second].join('\n');
  assert.equal(findTopicShift(text, spansOf(text), new Set()), 5);
  assert.equal(findTopicShift(text, spansOf(text), new Set([5])), -1, 'not right under a section heading');
  // The first story's name comes back at the end: one story with a digression.
  const digression = [...first, ...second.slice(0, 5), 'Mr. Trump has not commented on the law.'].join('\n');
  assert.equal(findTopicShift(digression, spansOf(digression), new Set()), -1);
  // Background paragraphs with no recurring name of their own stay in the article.
  const background = [
    ...first,
    'Embryonic stem cells can turn into any tissue of the body.',
    'Therapeutic cloning is another method of deriving them, scientists in Wisconsin said.',
    'Federal law prohibits taxpayer funding of some of that research.',
    'The Bush administration limited funding, and Barack Obama expanded it.',
    'Researchers at Stanford have tested the method in mice.',
    'Patients with Parkinson disease could benefit, doctors say.',
  ].join('\n');
  assert.equal(findTopicShift(background, spansOf(background), new Set()), -1);
});

test('lines after an edit: the old lines kept or moved, the edited ones split again, equal a split from scratch (CR, LF, CRLF around the edit)', () => {
  const piece = fc.constantFrom('\n', '\r', '\r\n', '\n\n', ' ', '\u00a0', 'ab', 'x', 'Headline\r\n', '');
  const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
  fc.assert(
    fc.property(text, fc.nat(), fc.nat({ max: 6 }), fc.array(piece, { maxLength: 4 }), (old, at, deleteCount, inserted) => {
      const start = at % (old.length + 1);
      const edited = old.slice(0, start) + inserted.join('') + old.slice(Math.min(old.length, start + deleteCount));
      const { prefix, suffixStart, delta } = editedStretch(old, edited);
      assert.deepEqual(splitLinesAfterEdit(edited, splitLines(old), prefix, suffixStart, delta), splitLines(edited));
    }),
    { numRuns: 3000, seed: 14 },
  );
});
