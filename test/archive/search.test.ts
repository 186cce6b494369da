/**
 * The archive search's pages and limits (issue 13): one query per search, sorted and cut in SQL. Its
 * hits are checked against the stored models themselves (every article mentioning the entity, at its
 * first mention; every quotation of the speaker), pages joined back equal one long answer, and filters
 * combined give the hits that meet each of them.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CorpusDatabase } from '../../server/src/archive/database';
import { search } from '../../server/src/archive/queries';
import { archiveRecord } from '../../server/src/archive/record';
import { analyzeDocument, type DocumentModel } from '../../server/src/core';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { SearchHit, SearchParams } from '../../server/src/protocol';

const seeds = join(__dirname, '..', '..', '..', 'seeds');
let dir: string;
let db: CorpusDatabase;
const stored: { path: string; text: string; model: DocumentModel }[] = [];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'newslens-search-'));
  db = CorpusDatabase.open(join(dir, 'corpus.sqlite'));
  const names = readdirSync(seeds)
    .filter((n) => n.endsWith('.txt'))
    .sort();
  // Three copies of every seed, written in reverse path order (row ids do not follow the paths).
  for (let i = names.length * 3 - 1; i >= 0; i--) {
    const path = join(dir, `${String(i).padStart(2, '0')}-${names[i % names.length]}`);
    writeFileSync(path, `${readFileSync(join(seeds, names[i % names.length]), 'utf8')}\nCopy ${i}.\n`);
    const bytes = readFileSync(path);
    const text = bytes.toString('utf8');
    const model = analyzeDocument(text);
    db.put(archiveRecord(path, statSync(path), bytes, text, model, 5));
    stored.push({ path, text, model });
  }
  stored.sort((a, b) => (a.path < b.path ? -1 : 1));
});

after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every hit of a search, read page by page (`size` hits a page), and the pages' truncated flags. */
function paged(params: SearchParams, size: number): { hits: SearchHit[]; flags: boolean[] } {
  const hits: SearchHit[] = [];
  const flags: boolean[] = [];
  for (let offset = 0; offset < 10_000; offset += size) {
    const page = search(db, { ...params, limit: size, offset });
    assert.ok(page.hits.length <= size);
    hits.push(...page.hits);
    flags.push(page.truncated);
    if (!page.truncated) break;
  }
  return { hits, flags };
}

const key = (h: SearchHit): string => `${h.uri}#${h.article}@${h.range.start.line}:${h.range.start.character}`;

test("an entity's hits are its articles in path order, each at its first mention, as the models say", () => {
  const all = search(db, { entity: 'Assad', limit: 5000 });
  assert.equal(all.truncated, false);
  const ids = new Set(stored.flatMap((s) => s.model.entities.filter((e) => e.aliases.some((a) => a.toLowerCase() === 'assad') || e.id === 'Assad').map((e) => e.id)));
  assert.ok(ids.size > 0);
  const expected: string[] = [];
  for (const s of stored) {
    const lines = new LineIndex(s.text);
    for (const a of s.model.articles) {
      const first = a.mentions.filter((m) => ids.has(m.entityId)).sort((x, y) => x.span.start - y.span.start)[0];
      if (!first) continue;
      const at = lines.positionAt(first.span.start);
      expected.push(`${pathToFileURL(s.path).href}#${a.index}@${at.line}:${at.character}`);
    }
  }
  assert.ok(expected.length >= 6, `${expected.length} articles`);
  assert.deepEqual(all.hits.map(key), expected);
  assert.ok(all.hits.every((h) => h.kind === 'mention' && /assad/i.test(h.text ?? '')));
});

test("a speaker's hits are every quotation attributed to them, in path and text order", () => {
  const all = search(db, { speaker: 'Trump', limit: 5000 });
  const ids = new Set(stored.flatMap((s) => s.model.entities.filter((e) => e.aliases.some((a) => a.toLowerCase() === 'trump')).map((e) => e.id)));
  let expected = 0;
  for (const s of stored) for (const a of s.model.articles) expected += a.quotes.filter((q) => !q.scare && ((q.speakerId && ids.has(q.speakerId)) || q.speaker?.toLowerCase() === 'trump')).length;
  assert.ok(expected >= 3);
  assert.equal(all.hits.length, expected);
  assert.ok(all.hits.every((h) => h.kind === 'quotation'));
});

test('pages joined back equal one long answer; truncated says whether another page follows', () => {
  const kinds: SearchParams[] = [
    { entity: 'Assad' },
    { speaker: 'Trump' },
    { from: '2024-12-01', to: '2024-12-31' },
    { outlet: 'times' },
    { text: 'said' },
    { text: 'Damascus', entity: 'Assad' },
    { speaker: 'Trump', text: 'said' },
  ];
  for (const params of kinds) {
    const all = search(db, { ...params, limit: 5000 });
    assert.ok(all.hits.length >= 4, `${JSON.stringify(params)}: ${all.hits.length} hits`);
    const { hits, flags } = paged(params, 3);
    assert.deepEqual(hits, all.hits, JSON.stringify(params));
    assert.deepEqual(flags, [...flags.slice(0, -1).map(() => true), false], JSON.stringify(params));
    assert.equal(search(db, { ...params, limit: all.hits.length - 1 }).truncated, true);
    assert.equal(search(db, { ...params, limit: all.hits.length }).truncated, false);
    assert.deepEqual(search(db, { ...params, offset: all.hits.length }).hits, []);
  }
});

test('an entity with a text, a speaker, a date range: walking the articles in path order gives the same hits as reading the index, page by page', () => {
  const walk = { walkFromRows: 0 };
  for (const params of [
    { entity: 'Assad', text: 'Damascus' },
    { entity: 'Assad', text: 'said', outlet: 'times' },
    { entity: 'Assad', text: 'said', from: '2024-12-01', to: '2024-12-31' },
    { entity: 'Trump', text: 'said' },
    { speaker: 'Trump' },
    { speaker: 'Trump', text: 'said' },
    { speaker: 'Trump', entity: 'Assad' },
    { speaker: 'Trump', outlet: 'times', from: '2024-12-01', to: '2024-12-31' },
    { from: '2024-12-01', to: '2024-12-31' },
    { from: '2024-12', outlet: 'times' },
    { to: '2024-12-07' },
  ] as SearchParams[]) {
    const grouped = search(db, { ...params, limit: 5000 });
    assert.ok(grouped.hits.length >= 2, `${JSON.stringify(params)}: ${grouped.hits.length} hits`);
    assert.deepEqual(search(db, { ...params, limit: 5000 }, walk), grouped, JSON.stringify(params));
    for (const offset of [0, 1, 3]) assert.deepEqual(search(db, { ...params, limit: 2, offset }, walk), search(db, { ...params, limit: 2, offset }), `${JSON.stringify(params)} from ${offset}`);
  }
});

test('filters combined give the hits that meet each of them', () => {
  const assad = search(db, { entity: 'Assad', limit: 5000 }).hits;
  const damascus = new Set(search(db, { text: 'Damascus', limit: 5000 }).hits.map((h) => `${h.uri}#${h.article}`));
  const both = search(db, { entity: 'Assad', text: 'Damascus', limit: 5000 }).hits;
  assert.deepEqual(both.map(key), assad.filter((h) => damascus.has(`${h.uri}#${h.article}`)).map(key));
  const december = new Set(search(db, { from: '2024-12-01', to: '2024-12-31', limit: 5000 }).hits.map((h) => `${h.uri}#${h.article}`));
  const dated = search(db, { entity: 'Assad', from: '2024-12-01', to: '2024-12-31', limit: 5000 }).hits;
  assert.deepEqual(dated.map(key), assad.filter((h) => december.has(`${h.uri}#${h.article}`)).map(key));
  // A bad page is no error: a negative or fractional offset counts from the first hit.
  assert.deepEqual(search(db, { entity: 'Assad', offset: -5 }).hits, search(db, { entity: 'Assad' }).hits);
});

// Entity ids of a name are remembered between searches until the content changes: a file stored or removed since
// changes the answer at once.
test('a name searched again after a file naming it anew is stored, and after it is removed, gets the current hits', () => {
  const name = 'Zebulon Quaritch';
  assert.deepEqual(search(db, { entity: name }).hits, []);
  const path = join(dir, 'zz-quaritch.txt');
  const text = `Quaritch visits Damascus\n\nDamascus, December 2, 2024\n\n${name}, a trader, arrived in Damascus on Monday. "It is calm," ${name} said.\n`;
  writeFileSync(path, text);
  db.put(archiveRecord(path, statSync(path), Buffer.from(text), text, analyzeDocument(text), 5));
  const hits = search(db, { entity: name }).hits;
  assert.equal(hits.length, 1, 'the new file is found at once');
  assert.equal(hits[0].uri, pathToFileURL(path).href);
  db.remove(path);
  assert.deepEqual(search(db, { entity: name }).hits, [], 'and not after it is removed');
});
