// Bad and odd input through the analysis core: nothing throws, every span stays inside the text and
// on UTF-16 boundaries, and the per-article cache never changes a result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument, ArticleCache } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/lineIndex';
import { checkModel, splitsSurrogatePair } from './invariants';
import { bigText, oddInputs, seedTexts } from './inputs';

for (const input of oddInputs()) {
  test(`core: ${input.name}`, { timeout: 120_000 }, () => {
    const model = analyzeDocument(input.text);
    assert.deepEqual(checkModel(input.text, model), [], 'model invariants');
    if (!input.text.trim()) {
      assert.equal(model.articles.length, 0, 'a blank document has no articles');
      assert.equal(model.entities.length, 0);
    }
    // Cached and uncached analysis agree, and a warm cache answers the second run.
    const cache = new ArticleCache();
    analyzeDocument(input.text, { cache });
    const again = analyzeDocument(input.text, { cache });
    assert.deepEqual(again, model, 'a warm cache gives the same model');
  });
}

test('core: a 20 MB file is segmented only (layout), and completes', { timeout: 180_000 }, () => {
  const text = bigText(20);
  assert.ok(text.length > 20 * 1024 * 1024);
  const model = analyzeDocument(text);
  assert.equal(model.layoutOnly, true, 'above the size limit only the layout is computed');
  assert.ok(model.articles.length > 0, 'the layout still finds the articles');
  for (const a of model.articles) {
    assert.equal(a.mentions.length + a.dates.length + a.quotes.length, 0, 'no NLP results in layout-only mode');
  }
  assert.deepEqual(checkModel(text, model), []);
});

test('core: LineIndex round-trips every offset of odd inputs (except inside a CRLF pair)', () => {
  for (const input of oddInputs()) {
    const text = input.text.slice(0, 50_000);
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset += offset < 2_000 ? 1 : 97) {
      const insideCrlf = text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10;
      const position = index.positionAt(offset);
      assert.ok(position.character <= index.lineEndOffset(position.line) - index.lineStartOffset(position.line) || insideCrlf, `${input.name}: offset ${offset} maps past its line end`);
      if (!insideCrlf) assert.equal(index.offsetAt(position), offset, `${input.name}: offset ${offset} → ${JSON.stringify(position)} → back`);
    }
  }
});

// ---------- property-based ----------

const seeds = seedTexts();
const seedParagraphs = seeds.flatMap((s) => s.text.split(/\r?\n/).filter((l) => l.trim().length > 0));

/** A slice of a seed paragraph, cut on code-point boundaries. */
const seedFragment = fc
  .tuple(fc.integer({ min: 0, max: seedParagraphs.length - 1 }), fc.nat(), fc.nat())
  .map(([i, a, b]) => {
    const p = seedParagraphs[i];
    let start = Math.min(a, b) % (p.length + 1);
    let end = Math.max(a, b) % (p.length + 1);
    if (end < start) [start, end] = [end, start];
    if (b % 3 === 0) return p; // a whole paragraph most of the time: sentences are what the NLP meets
    if (splitsSurrogatePair(p, start)) start--;
    if (splitsSurrogatePair(p, end)) end++;
    return p.slice(start, end);
  });

const oddPiece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('“', '”', '"', '«', '»', '„', "'", '’', '\u200F', '\u202E', '\uFEFF', '\u0000', '\uFFFD', '🇺🇦', '👩🏽‍💻', 'e\u0301', '\t', ' '),
  fc.constantFrom('Mr. Putin', 'President Bashar al-Assad', 'U.S.', 'on Tuesday', 'December 7, 2024', '2024-12-18', 'said Abbas Araghchi.'),
);
const lineBreak = fc.constantFrom('\n', '\n\n', '\r\n', '\r\n\r\n', '\r', '\n\n\n');

/** Article-ish text: seed fragments and odd pieces joined by assorted line breaks and spaces. */
const articleishText = fc
  .array(fc.tuple(fc.oneof({ weight: 3, arbitrary: seedFragment }, { weight: 2, arbitrary: oddPiece }), fc.oneof(lineBreak, fc.constant(' '), fc.constant(''))), {
    maxLength: 24,
  })
  .map((parts) => parts.map(([piece, sep]) => piece + sep).join(''));

test('core (property): random article-ish text keeps every invariant', { timeout: 300_000 }, () => {
  fc.assert(
    fc.property(articleishText, (text) => {
      const model = analyzeDocument(text);
      const problems = checkModel(text, model);
      assert.deepEqual(problems, []);
    }),
    { numRuns: 60, seed: 20261122 },
  );
});

test('core (property): after an edit, a warm cache gives the same model as analysing from scratch', { timeout: 300_000 }, () => {
  fc.assert(
    fc.property(articleishText, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), oddPiece), { minLength: 1, maxLength: 4 }), (text, edits) => {
      const cache = new ArticleCache();
      analyzeDocument(text, { cache });
      let edited = text;
      for (const [at, deleteCount, insert] of edits) {
        let start = at % (edited.length + 1);
        if (splitsSurrogatePair(edited, start)) start--;
        let end = Math.min(edited.length, start + deleteCount);
        if (splitsSurrogatePair(edited, end)) end++;
        edited = edited.slice(0, start) + insert + edited.slice(end);
        analyzeDocument(edited, { cache });
      }
      const incremental = analyzeDocument(edited, { cache });
      const fresh = analyzeDocument(edited);
      assert.deepEqual(checkModel(edited, incremental), []);
      assert.deepEqual(incremental, fresh);
    }),
    { numRuns: 25, seed: 42 },
  );
});
