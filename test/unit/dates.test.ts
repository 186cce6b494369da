import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDates } from '../../server/src/core/dates';
import type { ArticleLayout, DateMention } from '../../server/src/core/model';
import { linesLayout } from '../support/layout';

function layoutOf(text: string, date: string | null, options: { headline?: boolean; skipLines?: readonly number[] } = {}): ArticleLayout {
  return linesLayout(text, { ...options, date });
}

function dates(text: string, date: string | null = null): DateMention[] {
  const found = findDates(text, layoutOf(text, date));
  for (const d of found) assert.equal(text.slice(d.span.start, d.span.end), d.text, 'a date’s text is the text at its span');
  return found;
}

function only(text: string, date: string | null = null): DateMention {
  const found = dates(text, date);
  assert.equal(found.length, 1, `one date in ${JSON.stringify(text)}, got ${JSON.stringify(found.map((d) => d.text))}`);
  return found[0];
}

test('absolute dates from the seeds: Oct. 7, 2023 · December 1, 2024 · Dec 02, 2024 · 2024-12-02', () => {
  assert.deepEqual(
    dates('The Middle East convulsed following the Oct. 7, 2023 massacre of Israelis by Hamas.').map((d) => [d.text, d.iso, d.relative]),
    [['Oct. 7, 2023', '2023-10-07', false]],
  );
  assert.deepEqual(only('Anti-government fighters reach the highway near the northern Syrian town of Azaz on December 1, 2024.', '2024-12-02').iso, '2024-12-01');
  assert.deepEqual(only('Dec 02, 2024 02:20 PM IST').text, 'Dec 02, 2024');
  assert.equal(only(' date 2024-12-02 Politics').iso, '2024-12-02');
  // The typo of 000 ("Oct, 7, 2023") still reads as a date.
  assert.equal(only('About 250 hostages were captured in the Hamas-led attack on Israel on Oct, 7, 2023, and about 100 remain.').iso, '2023-10-07');
});

test('a weekday before a full date is one mention', () => {
  const d = only('New Delhi 0C Saturday, January 18, 2025 Start 14 Days Free Trial');
  assert.equal(d.text, 'Saturday, January 18, 2025');
  assert.equal(d.iso, '2025-01-18');
});

test('year-less dates take the article year, and are null without one', () => {
  const text = 'Syrian rebels were reported to be entering the central city of Homs on December 7 and closing in on Damascus.';
  assert.deepEqual([only(text, '2024-12-08').iso, only(text, '2024-12-08').relative], ['2024-12-07', true]);
  assert.deepEqual([only(text).iso, only(text).relative], [null, false]);
  assert.equal(only('Mr. Kim met with Russia’s new defense minister, Andrei R. Belousov, in Pyongyang on Nov. 29, vowing support.', '2024-12-18').iso, '2024-11-29');
});

test('a year-less day is the occurrence nearest the publication day, across a new year either way', () => {
  assert.equal(only('Trump will be sworn in on Jan. 20, officials said.', '2024-12-20').iso, '2025-01-20');
  assert.equal(only('The talks had stalled on Dec. 28, officials said.', '2025-01-03').iso, '2024-12-28');
  // Within half a year either way the publication's own year stays.
  assert.equal(only('The ceasefire agreed on March 3 held.', '2024-08-20').iso, '2024-03-03');
  assert.equal(only('Elections are due on October 1.', '2024-05-01').iso, '2024-10-01');
  // A written year or a year suffix wins over nearness.
  assert.equal(only('The law passed on Jan. 20, 2024.', '2024-12-20').iso, '2024-01-20');
  assert.equal(only('a truce that began on Jan. 20 this year.', '2024-12-20').iso, '2024-01-20');
});

test('years: in 2011, 2022, the 2015 resolution; not counts or resolution numbers', () => {
  assert.equal(only('as they have done since the Syrian civil war first threatened his autocratic rule in 2011.').iso, '2011');
  assert.equal(only('Belgium decriminalized sex work in 2022, a first for Europe.').iso, '2022');
  assert.deepEqual(
    dates('the stalled 2015 United Nations Security Council resolution 2254, which lays out a road map').map((d) => d.text),
    ['2015'],
  );
  assert.deepEqual(dates('Homs is 140 kilometers from the capital, a city of 775,000 people; more than 2000 people fled.'), []);
});

test('weekdays resolve to the last such day on or before publication (past-tense news)', () => {
  // 2024-12-02 is a Monday; 2024-12-18 a Wednesday.
  assert.equal(only('Russia and Iran pledged unconditional support to his government on Monday, sending warplanes.', '2024-12-02').iso, '2024-12-02');
  assert.equal(only('Iran’s foreign minister, Abbas Araghchi, visited Damascus on Sunday to convey support.', '2024-12-02').iso, '2024-12-01');
  const tuesdayMorning = only('an explosive device planted in a scooter was detonated on Tuesday morning near the entryway', '2024-12-18');
  assert.deepEqual([tuesdayMorning.text, tuesdayMorning.iso, tuesdayMorning.relative], ['Tuesday morning', '2024-12-17', true]);
  assert.equal(only('On Friday, after weekly prayers, couples descended on a central roundabout.', '2024-12-18').iso, '2024-12-13');
  assert.equal(only('The protests, which began last Thursday in Tbilisi, have spread.', '2024-12-02').iso, '2024-11-28');
  assert.equal(only('he said in Monday’s news conference with Mr. Araghchi', '2024-12-02').text, 'Monday’s');
});

test('a weekday in a sentence about the future is the next one', () => {
  assert.equal(only('The two leaders will meet again on Thursday in Ankara.', '2024-12-02').iso, '2024-12-05');
});

test('relative words: yesterday, this month, last month, last year, a year ago', () => {
  assert.equal(only('where he was due to meet Turkish Foreign Minister Hakan Fidan yesterday before holding talks', '2024-12-02').iso, '2024-12-01');
  assert.equal(only('The leader of the rebel coalition that took power in Syria this month said that all groups would be dissolved.', '2024-12-18').iso, '2024-12');
  assert.equal(only('Just last month, the S.B.U. took credit for a car bombing.', '2024-12-18').iso, '2024-11');
  assert.equal(only('according to a poll released last year by the National Democratic Institute', '2024-12-02').iso, '2023');
  assert.equal(only('down from $1.6 billion during the same period a year ago.', '2024-12-18').iso, '2023');
  assert.equal(only('a truce in the war that began with Hamas’s attacks on Oct. 7 last year.', '2024-12-18').iso, '2023-10-07');
  assert.equal(only('to a massive weapons parade in Pyongyang in July last year.', '2024-12-18').iso, '2023-07');
  assert.deepEqual(
    dates('first warned about the movement of North Korean troops to Russia in mid-October. In early November, General Ryder said', '2024-12-18').map((d) => [d.text, d.iso]),
    [
      ['mid-October', '2024-10'],
      ['early November', '2024-11'],
    ],
  );
  assert.equal(only('which passed in May and took effect soon after', '2024-12-02').iso, '2024-05');
});

test('spans that cannot be resolved honestly are found with a null value', () => {
  const lastWeek = only('Late last week, Hayat Tahrir al-Sham staged a surprise offensive on Aleppo.', '2024-12-02');
  assert.deepEqual([lastWeek.text, lastWeek.iso, lastWeek.relative], ['last week', null, false]);
  assert.equal(only('since Russia’s full-scale invasion of Ukraine nearly three years ago.', '2024-12-18').iso, null);
  assert.equal(only('A day before the general’s killing, Ukraine had accused him of criminal activity.', '2024-12-18').iso, null);
  assert.equal(only('The U.S. State Department said this spring that Russia had used chloropicrin.', '2024-12-18').iso, null);
});

test('relative dates without an article date are null, not resolved against the clock', () => {
  for (const text of ['on Monday', 'yesterday', 'this month', 'last year']) {
    const d = only(`It happened ${text}.`);
    assert.deepEqual([d.iso, d.relative], [null, false], text);
  }
});

test('no false dates: times, ordinals, the modal "may", May as a name, names with Today', () => {
  assert.deepEqual(dates('Listen to this article · 8:41 min Learn more', '2024-12-18'), []);
  assert.deepEqual(dates('On the second floor of the Shababeek cafe, the side reserved for men was empty.', '2024-12-18'), []);
  assert.deepEqual(dates('Aid agencies fear that number also may increase as the scale of the disaster becomes clearer.', '2024-12-18'), []);
  assert.deepEqual(dates('One fear in Seoul is that in the future Mr. Kim may be able to bargain for Russian help.', '2024-12-18'), []);
  assert.deepEqual(dates('Prime Minister Theresa May said the vote would go ahead.', '2024-12-18'), []);
  assert.deepEqual(dates('Salwa Jabaan, 51, a journalist with the Aleppo Today TV channel, said so.', '2024-12-18'), []);
  assert.deepEqual(dates('Shoppers lined up for Black Friday deals.', '2024-12-18'), []);
});

test('only the headline and body paragraphs are read, never boilerplate', () => {
  const text = 'Headline on Monday\nSaturday, January 18, 2025\nThe strikes began on Sunday.';
  const layout = layoutOf(text, '2024-12-02', { headline: true, skipLines: [1] });
  const found = findDates(text, layout).map((d) => d.text);
  assert.deepEqual(found, ['Monday', 'Sunday']);
});

test('odd input does not throw', () => {
  assert.deepEqual(findDates('', layoutOf('', null)), []);
  const text = 'on Monday';
  assert.doesNotThrow(() => findDates(text, { ...layoutOf(text, 'not a date'), paragraphs: [{ start: -5, end: 999 }] }));
});
