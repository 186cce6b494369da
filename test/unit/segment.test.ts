// The article model on the five seeds and on small synthetic pages.
// Seed expectations were written by reading the seed files (titles, datelines, sections, boilerplate),
// not from the segmenter's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { segmentArticles } from '../../server/src/core/segment';
import { readShouting } from '../../server/src/core/segment/shouting';
import type { ArticleLayout, BoilerplateKind, DocumentLayout, Span } from '../../server/src/core/model';

/** The repository root: the nearest folder above this (bundled) test that holds the News Lens package.json. */
function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'news-lens') return dir;
    } catch {
      // not here: go up
    }
  }
  return process.cwd();
}
const SEEDS = join(repoRoot(), 'seeds');
function seed(prefix: string): string {
  const names: Record<string, string> = {
    '000': '000_71cd5522f0fb0de9.txt',
    '001': '001_5e9364e78f587235.txt',
    '002': '002_5882bd5ff167f378.txt',
    '003': '003_5d235549dcba7daa.txt',
    '004': '004_f9b9bb9c8095ce65.txt',
  };
  return readFileSync(join(SEEDS, names[prefix]), 'utf8');
}

const slice = (text: string, span: Span): string => text.slice(span.start, span.end);

/** Every occurrence of `needle` in `text`, as spans. */
function occurrences(text: string, needle: string): Span[] {
  const found: Span[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push({ start: at, end: at + needle.length });
  return found;
}

function covers(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function boilerplateAt(layout: DocumentLayout, span: Span): BoilerplateKind | null {
  return layout.boilerplate.find((b) => covers(b.span, span))?.kind ?? null;
}

function inParagraph(article: ArticleLayout, span: Span): boolean {
  return article.paragraphs.some((p) => covers(p, span));
}

/** Structural invariants every layout keeps. */
function checkInvariants(text: string, layout: DocumentLayout): void {
  let previousEnd = 0;
  for (const [i, a] of layout.articles.entries()) {
    assert.ok(a.span.start >= previousEnd && a.span.start <= a.span.end && a.span.end <= text.length, `article ${i} span in order and in text`);
    previousEnd = a.span.end;
    for (const s of [a.headlineSpan, a.datelineSpan, ...a.paragraphs, ...a.sections.map((x) => x.span), ...a.sections.map((x) => x.headingSpan)]) {
      if (s) assert.ok(covers(a.span, s) && s.start < s.end, `article ${i}: span ${s.start}..${s.end} inside ${a.span.start}..${a.span.end}`);
    }
    for (let p = 1; p < a.paragraphs.length; p++) assert.ok(a.paragraphs[p - 1].end <= a.paragraphs[p].start, `article ${i}: paragraphs in order`);
    for (const b of a.boilerplate) assert.ok(covers(a.span, b.span), `article ${i}: its boilerplate lies inside it`);
    for (const b of layout.boilerplate) {
      for (const p of a.paragraphs) assert.ok(b.span.end <= p.start || b.span.start >= p.end, `article ${i}: a paragraph overlaps boilerplate ${slice(text, b.span).slice(0, 40)}`);
      if (covers(a.span, b.span)) assert.ok(a.boilerplate.includes(b), `article ${i}: boilerplate inside it is listed`);
    }
    if (a.title !== null) assert.equal(slice(text, a.headlineSpan!), a.title, `article ${i}: title is the headline text`);
  }
  for (let b = 1; b < layout.boilerplate.length; b++) assert.ok(layout.boilerplate[b - 1].span.start <= layout.boilerplate[b].span.start, 'boilerplate sorted');
  for (const b of layout.boilerplate) assert.ok(b.span.start >= 0 && b.span.end <= text.length && b.span.start < b.span.end, 'boilerplate span in text');
}

// ---------------------------------------------------------------- 000: NYT live page, no blank lines

test('seed 000: four articles, the last without a headline', () => {
  const text = seed('000');
  const layout = segmentArticles(text);
  checkInvariants(text, layout);
  assert.deepEqual(
    layout.articles.map((a) => a.title),
    [
      'Russia and Iran Pledge Support for Syria’s al-Assad Against Advancing Rebels',
      'What’s Behind the Protests in the Country of Georgia?',
      'Trump Threatens ‘Hell to Pay’ Unless Gaza Hostages Are Freed Before Inauguration',
      null,
    ],
  );
  // The page gives no datelines and names no publisher on a dateline or credit line.
  for (const a of layout.articles) {
    assert.equal(a.date, null);
    assert.equal(a.source, null);
  }
  const [russia, georgia, trump, belgium] = layout.articles;
  assert.deepEqual(
    russia.sections.map((s) => s.title),
    ['Understanding Syria’s Civil War'],
  );
  assert.deepEqual(
    georgia.sections.map((s) => s.title),
    ['What’s at stake?', 'What led to the protests?', 'Response from the West', 'What has Russia said?'],
  );
  assert.deepEqual(trump.sections, []);
  assert.deepEqual(trump.authors, ['Ephrat Livni']);
  // The Georgia article ends with its contributor line; the Russia one with "Reporting was contributed by…".
  assert.ok(slice(text, russia.paragraphs[russia.paragraphs.length - 1]).startsWith('Reporting was contributed by Farnaz Fassihi'));
  assert.ok(slice(text, georgia.paragraphs[georgia.paragraphs.length - 1]).startsWith('Ségolène Le Stradic contributed reporting'));
  // The Trump story's standfirst is its first paragraph; the Belgian story is glued on without a headline.
  assert.ok(slice(text, trump.paragraphs[0]).startsWith('President-elect Donald J. Trump said in a social media post'));
  assert.ok(slice(text, trump.paragraphs[trump.paragraphs.length - 1]).startsWith('His latest warning came after Hamas released'));
  assert.ok(slice(text, belgium.paragraphs[0]).startsWith('A new law gives some sex workers in Belgium'));
  assert.ok(slice(text, belgium.span).endsWith('as any other worker.”'));
  assert.equal(belgium.paragraphs.length, 19);
  // A section spans its heading and its paragraphs, up to the next heading.
  const stake = georgia.sections[0];
  assert.ok(slice(text, stake.span).startsWith('What’s at stake?\nGeorgia has long been torn'));
  assert.ok(slice(text, stake.span).endsWith('vowed to boycott the legislative body.'));
});

test('seed 000: repeated headline, recipe links and newsletter promos are boilerplate', () => {
  const text = seed('000');
  const layout = segmentArticles(text);
  const trump = layout.articles[2];
  const headline = 'Trump Threatens ‘Hell to Pay’ Unless Gaza Hostages Are Freed Before Inauguration';
  const [first, second] = occurrences(text, headline);
  assert.deepEqual(trump.headlineSpan, first);
  assert.equal(boilerplateAt(layout, second), 'repeated-headline');
  for (const recipe of ['Portobello Mushroom Milanese', 'Maitake au Poivre', 'Baked Polenta With Roasted Mushrooms']) {
    const span = occurrences(text, recipe)[0];
    assert.equal(boilerplateAt(layout, span), 'recipe', recipe);
    assert.ok(!inParagraph(trump, span), `${recipe} is not body text`);
    assert.ok(
      trump.boilerplate.some((b) => covers(b.span, span)),
      `${recipe} lies inside the Trump article`,
    );
  }
  for (const promo of ['Make sense of the news, every day, with David Leonhardt.', 'Catch up on the biggest news, and wind down to end your day.']) {
    assert.equal(boilerplateAt(layout, occurrences(text, promo)[0]), 'subscription', promo);
  }
  // The text right after the recipe links is still the Trump story, not a new article.
  const after = occurrences(text, 'It was not clear what tactic Mr. Trump might take')[0];
  assert.ok(inParagraph(trump, after));
});

// ---------------------------------------------------------------- 001: NYT pages with a paywall per article

test('seed 001: seven articles, three without headlines, dated by the page header', () => {
  const text = seed('001');
  const layout = segmentArticles(text);
  checkInvariants(text, layout);
  assert.deepEqual(
    layout.articles.map((a) => a.title),
    [
      'Ukraine Says It Killed General Who Led Russia’s Nuclear Defense Force',
      'Cafes Can’t Play Music, but the Water Taps Work: Life Under Syria’s Rebels',
      'France Rushes Aid to Mayotte, Island Territory ‘Devastated’ by Cyclone',
      'U.S. Cites ‘Indications’ North Korean Soldiers Died Fighting for Russia',
      null,
      null,
      null,
    ],
  );
  const [ukraine, cafes, mayotte, , syria, kim, hamas] = layout.articles;
  // Line 1 "The New York Times 2024-12-18 12:10:34" is the first article's dateline and the page's date.
  assert.equal(slice(text, ukraine.datelineSpan!), 'The New York Times 2024-12-18 12:10:34');
  assert.equal(ukraine.span.start, 0);
  for (const a of layout.articles) {
    assert.equal(a.date, '2024-12-18');
    assert.equal(a.time, '12:10');
    assert.equal(a.source, 'The New York Times');
    assert.deepEqual(a.sections, [], 'no section headings in these articles');
  }
  assert.ok(!ukraine.dateFromDocument);
  assert.ok(layout.articles.slice(1).every((a) => a.dateFromDocument === true && a.datelineSpan === null));

  assert.deepEqual(cafes.authors, ['Raja Abdulrahim']);
  assert.equal(cafes.location, 'Idlib City, Syria');
  assert.deepEqual(mayotte.authors, ['Lynsey Chutel', 'Nazaneen Ghaffar']);
  assert.ok(slice(text, ukraine.paragraphs[0]).startsWith('A general in charge of the Russian military’s nuclear'));
  assert.ok(slice(text, ukraine.paragraphs[ukraine.paragraphs.length - 1]).startsWith('Maria Varenikova contributed reporting'));
  assert.ok(slice(text, cafes.paragraphs[0]).startsWith('On the second floor of the Shababeek cafe'));
  assert.ok(slice(text, syria.paragraphs[0]).startsWith('The leader of the rebel coalition that took power in Syria'));
  assert.ok(slice(text, syria.paragraphs[syria.paragraphs.length - 1]).startsWith('Johnatan Reiss contributed reporting from Tel Aviv.'));
  assert.ok(slice(text, kim.paragraphs[0]).startsWith('Kim Jong-un, the leader of North Korea'));
  assert.ok(slice(text, hamas.paragraphs[0]).startsWith('Hamas said on Tuesday that “serious and positive talks”'));
  assert.ok(slice(text, hamas.span).endsWith('Secretary of State Antony J. Blinken said in early December.'));
});

test('seed 001: paywall notices, inbox offers, subscription offers and page chrome are boilerplate', () => {
  const text = seed('001');
  const layout = segmentArticles(text);
  const paywalls = occurrences(text, 'You have been granted access, use your keyboard to continue reading.');
  assert.equal(paywalls.length, 7);
  for (const p of paywalls) assert.equal(boilerplateAt(layout, p), 'paywall');
  const inbox = occurrences(text, 'Want to stay updated on what’s happening in');
  assert.equal(inbox.length, 5);
  for (const p of inbox) assert.equal(boilerplateAt(layout, p), 'subscription');
  for (const needle of ['Discover The Times with our best offer:', '$0.50/week for your first year.', 'Billed as $2 every 4 weeks', 'Last sale of the year']) {
    const spans = occurrences(text, needle);
    assert.equal(spans.length, 5, needle);
    for (const s of spans) assert.equal(boilerplateAt(layout, s), 'subscription', needle);
  }
  for (const needle of ['Listen to this article · 8:41 min Learn more', 'Learn more about our process.', 'The Times makes a careful decision any time it uses an anonymous source']) {
    assert.ok(boilerplateAt(layout, occurrences(text, needle)[0]) !== null, needle);
  }
  // None of it is body text.
  for (const a of layout.articles) {
    for (const p of a.paragraphs) {
      const body = slice(text, p);
      for (const marker of ['granted access', 'best offer', 'Learn more', 'latest coverage to your inbox', 'Billed as']) {
        assert.ok(!body.includes(marker), `paragraph holds "${marker}": ${body.slice(0, 60)}`);
      }
    }
  }
  // The paywall under a headline lies inside that article.
  assert.ok(layout.articles[1].boilerplate.some((b) => b.kind === 'paywall'));
});

// ---------------------------------------------------------------- 002: Hindustan Times page

test('seed 002: one article with byline, dateline, three sections and duplicated captions', () => {
  const text = seed('002');
  const layout = segmentArticles(text);
  checkInvariants(text, layout);
  assert.equal(layout.articles.length, 1);
  const [a] = layout.articles;
  assert.equal(a.title, "Syria President Assad huddles with Russia, Iran as rebels near; over 300 insurgents killed | What's happening");
  assert.equal(a.date, '2024-12-02');
  assert.equal(a.time, '14:20');
  assert.equal(slice(text, a.datelineSpan!), 'Dec 02, 2024 02:20 PM IST');
  assert.equal(a.source, null, 'the page names no publisher');
  assert.deepEqual(a.authors, ['Shivam Pratap Singh']);
  assert.deepEqual(
    a.sections.map((s) => s.title),
    ['Help from Iran', 'The problems for Bashar Al Assad', 'Kurds in Danger'],
  );
  assert.equal(a.paragraphs.length, 24);
  assert.ok(slice(text, a.paragraphs[0]).startsWith('Late last week, Hayat Tahrir al-Sham'));
  assert.ok(slice(text, a.span).endsWith('raising fears of possible "massacres" of Kurds.'));

  // Each photo caption is printed twice: the second copy is boilerplate, the first stays.
  for (const caption of ['Anti-government fighters reach the highway near the northern Syrian town of Azaz', 'Anti-government fighters tear up a poster for Syrian President Bachar al Assad']) {
    const [first, second] = occurrences(text, caption);
    assert.ok(inParagraph(a, first), 'first copy is a paragraph');
    assert.equal(boilerplateAt(layout, second), 'caption-duplicate');
  }
  assert.equal(layout.boilerplate.filter((b) => b.kind === 'caption-duplicate').length, 2);
  // Page chrome before and after the article.
  for (const close of occurrences(text, 'close_game')) assert.equal(boilerplateAt(layout, close), 'navigation');
  for (const chrome of [
    'Recommended Topics',
    'Share this article',
    'See More',
    'SHARE THIS ARTICLE ON',
    'Story Saved',
    'Live Score',
    'My Reads',
    'Sign out',
    'New Delhi 0C',
    'Saturday, January 18, 2025',
    'Start 14 Days Free Trial Subscribe Now',
    'Follow Us On',
  ]) {
    const span = occurrences(text, chrome)[0];
    assert.ok(boilerplateAt(layout, span) !== null, `${chrome} is boilerplate`);
    assert.ok(span.start >= a.span.end, `${chrome} lies after the article`);
  }
  assert.equal(boilerplateAt(layout, occurrences(text, 'Start 14 Days Free Trial')[0]), 'subscription');
});

// ---------------------------------------------------------------- 003: headline printed three times

test('seed 003: one article, its headline repeated twice more', () => {
  const text = seed('003');
  const layout = segmentArticles(text);
  checkInvariants(text, layout);
  assert.equal(layout.articles.length, 1);
  const [a] = layout.articles;
  const headline = 'Zelenskiy Arrives In Paris For Notre Dame Ceremony, Possible Trump Meeting';
  assert.equal(a.title, headline);
  assert.equal(a.date, null);
  assert.equal(a.source, null);
  assert.deepEqual(a.sections, []);
  const copies = occurrences(text, headline);
  assert.equal(copies.length, 3);
  assert.deepEqual(a.headlineSpan, copies[0]);
  for (const copy of copies.slice(1)) assert.equal(boilerplateAt(layout, copy), 'repeated-headline');
  assert.equal(a.paragraphs.length, 27);
  assert.ok(slice(text, a.paragraphs[0]).startsWith('Syrian rebels led by Islamist militants'));
  assert.equal(slice(text, a.paragraphs[a.paragraphs.length - 1]), 'With reporting by AFP and Reuters');
  // The comment form after the article.
  for (const chrome of ['Leave a Reply', 'Your email address will not be published.']) {
    const span = occurrences(text, chrome)[0];
    assert.ok(boilerplateAt(layout, span) !== null && span.start >= a.span.end, chrome);
  }
});

// ---------------------------------------------------------------- 004: " date 2024-12-02 Politics"

test('seed 004: one article dated by its " date … Politics" line, photo credit as boilerplate', () => {
  const text = seed('004');
  const layout = segmentArticles(text);
  checkInvariants(text, layout);
  assert.equal(layout.articles.length, 1);
  const [a] = layout.articles;
  assert.equal(a.title, 'Syria, al-Assad seeks to strengthen his support');
  assert.equal(a.date, '2024-12-02');
  assert.equal(a.time, null);
  assert.equal(a.source, null);
  assert.equal(slice(text, a.datelineSpan!), 'date 2024-12-02 Politics');
  assert.equal(a.paragraphs.length, 25);
  const credit = occurrences(text, 'Photo: AFP')[0];
  assert.equal(boilerplateAt(layout, credit), 'credit');
  assert.ok(
    a.boilerplate.some((b) => b.kind === 'credit'),
    'the credit lies inside the article',
  );
  assert.ok(slice(text, a.span).endsWith('approved a peace process in Syria.'));
});

// ---------------------------------------------------------------- synthetic pages

test('empty, whitespace-only and line-break-only texts have no articles', () => {
  for (const text of ['', '   ', '\n', '\r\n\r\n', '\r\r', ' \t\u00a0\u2003\n\n\t', '\uFEFF']) {
    assert.deepEqual(segmentArticles(text), { articles: [], boilerplate: [] }, JSON.stringify(text));
  }
});

test('a page without a headline is still an article', () => {
  const text = 'The rebels entered the city on Sunday, residents said.\nThe army withdrew to the south overnight.\n';
  const layout = segmentArticles(text);
  assert.equal(layout.articles.length, 1);
  assert.equal(layout.articles[0].title, null);
  assert.equal(layout.articles[0].paragraphs.length, 2);
  checkInvariants(text, layout);
});

const TWO_STORIES = [
  'Rebels Seize Aleppo in Surprise Offensive',
  'By Jane Doe and John Roe',
  'Dec 02, 2024 02:20 PM IST',
  '',
  'Rebels captured most of Aleppo on Saturday, a war monitor said.',
  'The army said it had redeployed its forces.',
  '',
  'What comes next',
  'Analysts expect the fighting to move south toward Hama.',
  '',
  'Storm Cuts Power to Thousands Along the Coast',
  'Updated 3:04 PM EST, Mon December 3, 2024',
  'A winter storm knocked out power to 40,000 homes on Monday.',
  'Crews expect to restore it by Wednesday.',
].join('\n');

test('two articles with their own datelines, bylines and a section', () => {
  const layout = segmentArticles(TWO_STORIES);
  checkInvariants(TWO_STORIES, layout);
  assert.deepEqual(
    layout.articles.map((a) => a.title),
    ['Rebels Seize Aleppo in Surprise Offensive', 'Storm Cuts Power to Thousands Along the Coast'],
  );
  const [first, second] = layout.articles;
  assert.deepEqual(first.authors, ['Jane Doe', 'John Roe']);
  assert.equal(first.date, '2024-12-02');
  assert.equal(first.time, '14:20');
  assert.deepEqual(
    first.sections.map((s) => s.title),
    ['What comes next'],
  );
  assert.equal(second.date, '2024-12-03');
  assert.equal(second.time, '15:04');
  assert.equal(second.paragraphs.length, 2);
});

test('CRLF, lone CR and a BOM give the same articles as LF', () => {
  const expected = segmentArticles(TWO_STORIES).articles.map((a) => [a.title, a.date, a.authors, a.paragraphs.length, a.sections.map((s) => s.title)]);
  for (const [name, text] of [
    ['CRLF', TWO_STORIES.replace(/\n/g, '\r\n')],
    ['CR', TWO_STORIES.replace(/\n/g, '\r')],
    ['BOM', '\uFEFF' + TWO_STORIES],
  ] as const) {
    const layout = segmentArticles(text);
    checkInvariants(text, layout);
    assert.deepEqual(
      layout.articles.map((a) => [a.title, a.date, a.authors, a.paragraphs.length, a.sections.map((s) => s.title)]),
      expected,
      name,
    );
    for (const a of layout.articles) for (const p of a.paragraphs) assert.ok(!/[\r\n]/.test(slice(text, p)), `${name}: a paragraph holds a line break`);
  }
  // The seeds too.
  for (const prefix of ['000', '001', '002']) {
    const lf = seed(prefix);
    const titles = segmentArticles(lf).articles.map((a) => a.title);
    assert.deepEqual(
      segmentArticles(lf.replace(/\n/g, '\r\n')).articles.map((a) => a.title),
      titles,
      `${prefix} CRLF`,
    );
    assert.deepEqual(
      segmentArticles('\uFEFF' + lf).articles.map((a) => a.title),
      titles,
      `${prefix} BOM`,
    );
  }
});

test('a 200,000-character single line is one paragraph, without error', () => {
  const text = 'word '.repeat(40_000);
  const layout = segmentArticles(text);
  assert.equal(layout.articles.length, 1);
  assert.equal(layout.articles[0].paragraphs.length, 1);
  checkInvariants(text, layout);
  const noSpaces = 'a'.repeat(200_000);
  assert.equal(segmentArticles(noSpaces).articles.length, 1);
});

test('a dateline after body text opens the next article; a dateline with nothing after is chrome', () => {
  const text = [
    'Ceasefire Talks Resume in Cairo',
    '2 December 2024',
    'Negotiators met again on Monday in the Egyptian capital.',
    'They were expected to meet again on Tuesday.',
    'December 3, 2024',
    'A second round of talks began in Doha, officials said.',
    'No agreement was announced.',
    '',
    'Saturday, January 18, 2025',
    'Subscribe now',
  ].join('\n');
  const layout = segmentArticles(text);
  checkInvariants(text, layout);
  assert.deepEqual(
    layout.articles.map((a) => [a.title, a.date]),
    [
      ['Ceasefire Talks Resume in Cairo', '2024-12-02'],
      [null, '2024-12-03'],
    ],
  );
  assert.equal(boilerplateAt(layout, occurrences(text, 'Saturday, January 18, 2025')[0]), 'navigation');
});

test('hard-wrapped paragraphs are joined; "Reporting from" gives the location; a wire dateline gives location and source', () => {
  const text = [
    'Drone Strike Hits Power Plant',
    'Reporting from Kyiv, Ukraine',
    '',
    'KYIV, Ukraine (AP) — A drone struck a power plant in the',
    'east of the country overnight, officials said on Tuesday.',
    '',
    'Repairs will take weeks, the operator said, and',
    'residents were told to save power.',
  ].join('\n');
  const layout = segmentArticles(text);
  checkInvariants(text, layout);
  assert.equal(layout.articles.length, 1);
  const [a] = layout.articles;
  assert.equal(a.location, 'Kyiv, Ukraine');
  assert.equal(a.source, 'Associated Press');
  assert.equal(a.paragraphs.length, 2);
  assert.ok(slice(text, a.paragraphs[0]).endsWith('officials said on Tuesday.'));

  const wire = segmentArticles('WASHINGTON (Reuters) - The Senate passed the bill on Friday.\nIt now goes to the House.');
  assert.equal(wire.articles[0].location, 'Washington');
  assert.equal(wire.articles[0].source, 'Reuters');
});

test('after an end marker a title-like line heads a new article; in the body a short one is a section', () => {
  const text = [
    'Flooding Forces Thousands From Homes',
    'Heavy rain flooded the valley on Sunday.',
    'Rescuers used boats to reach stranded families.',
    'Help from the army',
    'Soldiers built sandbag walls along the river.',
    'Anna Berg contributed reporting.',
    'Markets Rally as Inflation Cools',
    'Stocks rose on Wednesday after new figures showed prices rising more slowly.',
  ].join('\n');
  const layout = segmentArticles(text);
  checkInvariants(text, layout);
  assert.deepEqual(
    layout.articles.map((a) => a.title),
    ['Flooding Forces Thousands From Homes', 'Markets Rally as Inflation Cools'],
  );
  assert.deepEqual(
    layout.articles[0].sections.map((s) => s.title),
    ['Help from the army'],
  );
  assert.ok(slice(text, layout.articles[0].paragraphs.at(-1)!).startsWith('Anna Berg contributed reporting'));
});

test('a byline line that is really a sentence stays body text', () => {
  const text = 'Parliament Votes on Labor Law\nBy allowing legal sex work and giving workers protection, she wrote, the law changes much.\nThe vote is on Friday.';
  const layout = segmentArticles(text);
  assert.equal(layout.articles.length, 1);
  assert.deepEqual(layout.articles[0].authors, []);
  assert.equal(layout.articles[0].paragraphs.length, 2);
});

test('a copyright line names the publisher', () => {
  const text = 'Port Strike Ends After Two Weeks\nDock workers returned to work on Monday.\nThe union accepted a new contract.\n© 2024 Reuters';
  const layout = segmentArticles(text);
  assert.equal(layout.articles[0].source, 'Reuters');
  assert.equal(boilerplateAt(layout, occurrences(text, '© 2024 Reuters')[0]), 'credit');
});

test('odd characters never throw and spans stay inside the text', () => {
  const inputs = [
    '\u0000\u0001\u0002 binary \uFFFD\uFFFD\n\n\u202Eright-to-left\u202C',
    '“unclosed quote\n‘another\n' + '-\n'.repeat(50),
    '-\nItem One\n-\nItem Two\n-\n',
    '🇺🇦'.repeat(1000) + '\n' + 'By | Edited by'.repeat(3),
    'Title Only Line Without Body',
    '\r\n'.repeat(1000) + 'x',
    'Dec 02, 2024 02:20 PM IST',
    'Jane Doe\n',
  ];
  for (const text of inputs) {
    const layout = segmentArticles(text);
    checkInvariants(text, layout);
  }
});

test('a converted headline ending with a full stop heads the document when a longer paragraph or wire dateline follows', () => {
  const text = [
    'Washington Post backs Hillary Clinton for president.',
    '',
    'Washington (AFP) – The Washington Post on Thursday became the latest US newspaper to endorse Hillary Clinton for the White House.',
    '',
    'The paper cited her experience.',
  ].join('\n');
  const layout = segmentArticles(text);
  assert.equal(layout.articles.length, 1);
  assert.equal(layout.articles[0].title, 'Washington Post backs Hillary Clinton for president.');
  assert.equal(layout.articles[0].paragraphs.length, 2);
  // A lede sentence is not a headline, however short.
  const lede = 'Rebels entered Hama on Thursday, residents said.\nThe army had withdrawn from the city overnight after days of heavy fighting in the northern countryside, according to a war monitor.';
  assert.equal(segmentArticles(lede).articles[0].title, null);
});

test('a results or standings table after the body is body text of the article; a link list without figures stays chrome', () => {
  const text = [
    'Results of the northern league matches played on Saturday:',
    'Eastbridge 2 Millford Rovers 1',
    'Kingsport 0 Ashvale United 0',
    'Standings (played, won, drawn, lost, points):',
    'Eastbridge 4 3 1 0 10',
    'Ashvale United 4 2 2 0 8',
    'Next fixtures',
    'Kingsport v Eastbridge',
    'Millford Rovers 3 0 1 2 1',
    '',
    'More from Sport',
    'Rovers Sign Striker From Abroad',
    'Coach Says Title Race Is Open',
  ].join('\n');
  const layout = segmentArticles(text);
  checkInvariants(text, layout);
  assert.equal(layout.articles.length, 1);
  const paragraphs = layout.articles[0].paragraphs.map((p) => slice(text, p));
  for (const row of ['Eastbridge 2 Millford Rovers 1', 'Ashvale United 4 2 2 0 8', 'Kingsport v Eastbridge', 'Millford Rovers 3 0 1 2 1']) assert.ok(paragraphs.includes(row), row);
  for (const link of ['More from Sport', 'Rovers Sign Striker From Abroad']) {
    assert.ok(!paragraphs.includes(link), link);
    assert.ok(
      layout.boilerplate.some((b) => slice(text, b.span).includes(link)),
      link,
    );
  }
});

test('shouted lines are read in sentence case, same offsets: ordinary words lower, names Title, acronyms and codes kept', () => {
  const text = 'SOCCER - GREEK SOCIALISTS GIVE GREEN LIGHT TO PM.\nKeane joined from Nottingham Forest in 1993.\nCBI SAYS U.S. ORDERS FELL IN SRI LANKA\n';
  const read = readShouting(text, [
    { start: 0, end: text.indexOf('\n') },
    { start: text.indexOf('\n') + 1, end: text.length - 1 },
  ]);
  assert.equal(read.length, text.length);
  assert.equal(read.split('\n')[0], 'Soccer - Greek socialists give green light to PM.');
  assert.equal(read.split('\n')[1], 'Keane joined from Nottingham Forest in 1993.');
  assert.equal(read.split('\n')[2], 'CBI says U.S. orders fell in Sri Lanka');
  assert.equal(readShouting('Rebels Seize Aleppo', [{ start: 0, end: 19 }]), 'Rebels Seize Aleppo');
});
