import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/lineIndex';
import { FileView } from '../../server/src/workspace/fileView';
import { InternPool } from '../../server/src/workspace/compactModel';

// Bundled to out/tests/unit: the repository is three folders up.
const seedsDir = join(__dirname, '..', '..', '..', 'seeds');
const seeds = readdirSync(seedsDir)
  .filter((n) => n.endsWith('.txt'))
  .sort();

/** A detached view as the workspace index keeps it: no text, a compact copy of the models. */
function detachedPair(name: string, pool = new InternPool()): { text: string; full: FileView; detached: FileView; reads: () => number } {
  const text = readFileSync(join(seedsDir, name), 'utf8');
  const model = analyzeDocument(text);
  const full = new FileView(`file:///seeds/${name}`, text, model, model, null);
  let reads = 0;
  const detached = full.detach(() => {
    reads++;
    return text;
  }, pool);
  return { text, full, detached, reads: () => reads };
}

test('a detached view answers like the full view: same model (keys in the same order), ranges, names, word counts', () => {
  const pool = new InternPool();
  for (const name of seeds.slice(0, 6)) {
    const { full, detached, reads } = detachedPair(name, pool);
    assert.equal(detached.detached, true);
    assert.equal(full.detached, false);
    assert.equal(JSON.stringify(detached.model), JSON.stringify(full.model), name);
    assert.equal(detached.rawModel, detached.model, 'raw and corrected models stay one object when they were one');
    for (const article of full.model.articles) {
      const copy = detached.model.articles[article.index];
      assert.equal(detached.articleName(copy), full.articleName(article));
      assert.equal(detached.preview(copy), full.preview(article));
      assert.equal(detached.wordCount(copy), full.wordCount(article));
      assert.deepEqual(detached.lines.rangeOf(detached.articleSelection(copy)), full.lines.rangeOf(full.articleSelection(article)));
    }
    for (const [i, m] of full.mentions.entries()) assert.deepEqual(detached.lines.rangeOf(detached.mentions[i].span), full.lines.rangeOf(m.span));
    // Each entity's mentions are the very objects of its articles (identity is what first mentions compare).
    for (const entity of detached.model.entities) for (const m of entity.mentions) assert.ok(detached.model.articles[m.article].mentions.includes(m));
    assert.equal(reads(), 0, 'nothing above needs the text');
  }
});

test('a detached view reads its text again on demand, each time, and reports a reader that fails', () => {
  const { text, detached, reads } = detachedPair(seeds[0]);
  assert.equal(detached.text, text);
  assert.equal(detached.text, text);
  assert.equal(reads(), 2);
  const failing = new FileView(
    'file:///x.txt',
    'A Title\n\nBody text of the article.\n',
    analyzeDocument('A Title\n\nBody text of the article.\n'),
    analyzeDocument('A Title\n\nBody text of the article.\n'),
    null,
  ).detach(() => {
    throw new Error('x.txt changed on disk since it was indexed');
  });
  assert.throws(() => failing.text, /changed on disk/);
});

test('strings of detached models are shared through the pool across files; one-name alias lists too', () => {
  const pool = new InternPool();
  const a = detachedPair(seeds[0], pool).detached.model;
  const b = detachedPair(seeds[0], pool).detached.model;
  assert.notEqual(a, b);
  for (const [i, e] of a.entities.entries()) {
    assert.equal(b.entities[i].id, e.id);
    if (e.aliases.length === 1) assert.equal(b.entities[i].aliases, e.aliases, `${e.id}: one shared alias list`);
  }
});

test('LineIndex keeps no text: line ends are right for LF, CRLF and lone CR after the text is gone', () => {
  const index = new LineIndex('one\r\ntwo\nthree\rfour');
  assert.deepEqual(
    [0, 1, 2, 3].map((line) => index.lineEndOffset(line)),
    [3, 8, 14, 19],
  );
  assert.equal(index.lineEndOffset(99), 19, 'a line past the end clamps to the last');
  assert.deepEqual(index.rangeOf({ start: 5, end: 19 }), { start: { line: 1, character: 0 }, end: { line: 3, character: 4 } });
});
