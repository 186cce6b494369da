/**
 * The sidebar trees built from the server's answers: the workspace-wide `newsLens/articles`,
 * `newsLens/entities`, `newsLens/entityMentions` and `newsLens/quotes` (their `provideX`, on the seeds
 * in memory) turned into rows by the client's pure tree model. Expectations were written by reading the seeds.
 */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { provideArticles, provideEntities, provideEntityMentions, provideQuotes } from '../../server/src/features/customRequests';
import { articleGroups, articlePicks, entityDescription, fileLabel, groupEntities, groupQuotes, mentionLabel, quoteLine, UNATTRIBUTED } from '../../client/src/views/treeModel';
import { seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;

before(async () => {
  seeds = await seedsWorkspace();
});

test('Go to Article…: every seed file is a group, titles and untitled previews', async () => {
  const answer = await provideArticles(seeds.workspace, {});
  const groups = articlePicks(answer.files);
  assert.deepEqual(
    groups.map((g) => g.file.slice(0, 4)),
    ['000_', '001_', '002_', '003_', '004_'],
  );
  const labels = groups.flatMap((g) => g.picks.map((p) => p.label));
  // 003 line 1, 004 line 2, 000 line 37.
  for (const title of ['Zelenskiy Arrives In Paris For Notre Dame Ceremony', 'Syria, al-Assad seeks to strengthen his support', 'What’s Behind the Protests in the Country of Georgia?']) {
    assert.ok(
      labels.some((l) => l.includes(title)),
      `"${title}" missing: ${labels.join(' | ')}`,
    );
  }
  const page = groups.find((g) => g.file.startsWith('000_'))!;
  assert.equal(page.picks.length, 4, '000: Syria, Georgia, Trump/Gaza and the untitled Belgium story');
  assert.match(page.picks[3].label, /^A new law gives some sex workers/);
  const syria = groups.find((g) => g.file.startsWith('004_'))!.picks[0];
  assert.match(syria.description, /^2024-12-02/, '004 is dated 2024-12-02 (" date 2024-12-02 Politics")');
  assert.match(syria.detail, /\d+ words/);
});

test('Entities view: Assad is a person named in every seed; the name filter keeps only matching entities', async () => {
  const { entities } = await provideEntities(seeds.workspace, {});
  const groups = groupEntities(entities, {});
  const people = groups.get('person')!;
  for (let i = 1; i < people.length; i++) assert.ok(people[i - 1].mentionCount >= people[i].mentionCount, 'most mentioned first');
  const assad = people.find((e) => /Assad/i.test(e.name));
  assert.ok(
    assad,
    `no Assad among the people: ${people
      .slice(0, 15)
      .map((p) => p.name)
      .join(', ')}`,
  );
  // 000 line 2, 001 line 283, 002 line 11 ("Bashar Al Assad"), 003 line 9, 004 line 5.
  assert.equal(assad.fileCount, 5, entityDescription(assad));
  assert.match(entityDescription(assad), /^\d+ mentions · 5 files$/);

  const filtered = groupEntities(entities, { query: 'aleppo' });
  assert.ok(filtered.get('place')!.some((e) => e.name === 'Aleppo'));
  for (const list of filtered.values())
    for (const e of list)
      assert.ok(
        [e.name, ...e.aliases].some((n) => /aleppo/i.test(n)),
        e.name,
      );
  assert.equal(groupEntities(entities, { kind: 'place' }).get('person')!.length, 0);

  // Expanding an entity: its mentions, each with the text of its line.
  const { mentions } = provideEntityMentions(seeds.workspace, { id: assad.id });
  assert.equal(mentions.length, assad.mentionCount);
  assert.equal(new Set(mentions.map((m) => fileLabel(m.uri))).size, 5);
  for (const m of mentions) assert.match(m.lineText, /Assad|president/i, mentionLabel(m.lineText));
});

test('Quotations view: Trump’s “Syria is a mess…” under his name; unattributed quotations last', async () => {
  const { quotes } = await provideQuotes(seeds.workspace, {});
  const groups = groupQuotes(quotes);
  assert.equal(
    groups.reduce((n, g) => n + g.quotes.length, 0),
    quotes.length,
    'every quotation in exactly one group',
  );
  // 003 line 15: “Syria is a mess, …,” he wrote — "he" is Donald Trump (line 13).
  const mess = quotes.find((q) => q.text.startsWith('Syria is a mess'));
  assert.ok(mess, 'the quotation of 003 line 15 is listed');
  const group = groups.find((g) => g.quotes.includes(mess));
  assert.match(group?.speaker ?? '', /Trump/, `“Syria is a mess…” is grouped under ${group?.speaker}`);
  assert.ok(
    group!.quotes.every((q) => q.speaker === group!.speaker || q.speakerId === group!.speakerId),
    'a group holds one speaker',
  );
  const unattributed = groups.findIndex((g) => g.speaker === UNATTRIBUTED && g.speakerId === null);
  if (unattributed >= 0) assert.equal(unattributed, groups.length - 1);
  for (const q of quotes) assert.ok(!quoteLine(q.text).includes('\n'), 'one line per quotation');
});

test('Articles view data path: the outline lists every file cheaply; one file’s full answer fills the groups of an expanded article', async () => {
  const outline = await provideArticles(seeds.workspace, { outline: true });
  const full = await provideArticles(seeds.workspace, {});
  assert.deepEqual(
    outline.files.map((f) => [f.uri, f.articles.map((a) => a.title)]),
    full.files.map((f) => [f.uri, f.articles.map((a) => a.title)]),
    'the outline lists the same files and articles',
  );
  assert.ok(JSON.stringify(outline).length < JSON.stringify(full).length, 'the outline is the smaller answer');
  const outlined = outline.files.find((f) => fileLabel(f.uri).startsWith('004_'))!.articles[0];
  // 004 names Assad, Aleppo, Hayat Tahrir al-Sham…: the counts that decide whether the article row expands are kept.
  assert.ok(outlined.counts.person > 0 && outlined.counts.place > 0 && outlined.counts.organization > 0, JSON.stringify(outlined.counts));
  const one = await provideArticles(seeds.workspace, { textDocument: { uri: outline.files.find((f) => fileLabel(f.uri).startsWith('004_'))!.uri } });
  const groups = articleGroups(one.files[0].articles[0]);
  assert.deepEqual(groups.map((g) => g.label).slice(0, 3), ['People', 'Places', 'Organizations']);
  assert.ok(one.files[0].articles[0].entities.some((e) => e.name === 'Aleppo' && e.kind === 'place'));
});
