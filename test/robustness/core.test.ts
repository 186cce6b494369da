// Bad and odd input through the analysis core: nothing throws, every span stays inside the text and
// on UTF-16 boundaries, and the per-article cache never changes a result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnalysisCancelled, analyzeDocument, ArticleCache, DocumentMemo } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/lineIndex';
import { checkModel, splitsSurrogatePair } from './invariants';
import { bigText, oddInputs, prng, seedTexts } from './inputs';

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
const seedFragment = fc.tuple(fc.integer({ min: 0, max: seedParagraphs.length - 1 }), fc.nat(), fc.nat()).map(([i, a, b]) => {
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

/** Applies one random edit (offsets on code-point boundaries). */
function applyEdit(text: string, at: number, deleteCount: number, insert: string): string {
  let start = at % (text.length + 1);
  if (splitsSurrogatePair(text, start)) start--;
  let end = Math.min(text.length, start + deleteCount);
  if (splitsSurrogatePair(text, end)) end++;
  return text.slice(0, start) + insert + text.slice(end);
}

test('core (property): after edits, the document memo gives the same model as analysing from scratch, at every version', { timeout: 300_000 }, () => {
  fc.assert(
    fc.property(articleishText, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.oneof(oddPiece, lineBreak)), { minLength: 1, maxLength: 6 }), (text, edits) => {
      const options = { cache: new ArticleCache(), memo: new DocumentMemo() };
      analyzeDocument(text, options);
      let edited = text;
      for (const [at, deleteCount, insert] of edits) {
        edited = applyEdit(edited, at, deleteCount, insert);
        assert.deepEqual(analyzeDocument(edited, options), analyzeDocument(edited));
      }
    }),
    { numRuns: 40, seed: 7 },
  );
});

// Whole seeds: real article boundaries, datelines, bylines and topic seams for the memo to keep or redo.
const structuralPieces = [
  '\n',
  '\n\n',
  '\r\n',
  'x',
  ' ',
  '',
  'Vladimir Putin said ',
  'Mr. Assad ',
  'By Jane Doe\n',
  'Subscribe to continue reading\n',
  'December 7, 2024\n',
  '“',
  'Share this article\n',
  'Russia and Iran Pledge Support for Syria\n\n',
];

test('core: edits all over each seed, analysed with the document memo, equal a fresh analysis at every version', { timeout: 300_000 }, () => {
  const random = prng(2026);
  for (const seed of seeds) {
    const options = { cache: new ArticleCache(), memo: new DocumentMemo() };
    let text = seed.text;
    analyzeDocument(text, options);
    for (let i = 0; i < 16; i++) {
      const piece = structuralPieces[Math.floor(random() * structuralPieces.length)];
      // Some edits replace as many characters as they insert (a typo fixed): every offset stays where it was.
      const kind = random();
      const deleteCount = kind < 0.3 ? Math.floor(random() * 300) : kind < 0.6 ? Math.max(1, piece.length) : 0;
      text = applyEdit(text, Math.floor(random() * text.length), deleteCount, piece);
      const incremental = analyzeDocument(text, options);
      assert.deepEqual(incremental, analyzeDocument(text), `${seed.name}, edit ${i + 1}`);
    }
  }
});

test('core: a line replaced by another of the same length is classified again (the memo reuses no line the edit touched)', () => {
  for (const seed of seeds) {
    const lines = seed.text.split('\n');
    // Every 7th long line turns into a paywall notice padded to its length, a headline into a sentence.
    const options = { cache: new ArticleCache(), memo: new DocumentMemo() };
    analyzeDocument(seed.text, options);
    let text = seed.text;
    let offset = 0;
    for (const [n, line] of lines.entries()) {
      const replacement =
        n % 7 === 3 && line.length > 40 ? 'Subscribe to continue reading'.padEnd(line.length, ' ') : line.length > 20 && !/[.!?"”]$/.test(line) ? line.toLowerCase().replace(/.$/, '.') : null;
      if (replacement !== null && replacement !== line) {
        text = text.slice(0, offset) + replacement + text.slice(offset + line.length);
        assert.deepEqual(analyzeDocument(text, options), analyzeDocument(text), `${seed.name}, line ${n + 1}`);
      }
      offset += line.length + 1;
      if (n > 60) break;
    }
  }
});

test('core: respelling a name (same name key, other accents) is linked again with the document memo', () => {
  const accented: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };
  for (const seed of seeds) {
    const options = { cache: new ArticleCache(), memo: new DocumentMemo() };
    const before = analyzeDocument(seed.text, options);
    const person = before.entities.find((e) => e.kind === 'person' && /[aeiou]/.test(e.name));
    if (!person) continue;
    const respelt = person.name.replace(/[aeiou]/, (v) => accented[v]);
    // Every mention written exactly as the canonical name takes the accent: the names change, the clusters do not.
    const text = seed.text.split(person.name).join(respelt);
    const after = analyzeDocument(text, options);
    assert.deepEqual(after, analyzeDocument(text), seed.name);
    assert.ok(
      after.entities.some((e) => e.name === respelt),
      `${seed.name}: the entity is now called ${respelt}`,
    );
  }
});

test('core: an analysis cancelled halfway leaves the document memo consistent for the next version', () => {
  const seed = seeds.reduce((a, b) => (a.text.length >= b.text.length ? a : b));
  const options = { cache: new ArticleCache(), memo: new DocumentMemo() };
  analyzeDocument(seed.text, options);
  const edited = applyEdit(seed.text, Math.floor(seed.text.length / 2), 0, 'Mr. Assad said\n\n');
  let checks = 0;
  assert.throws(() => analyzeDocument(edited, { ...options, isCancelled: () => ++checks > 2 }), AnalysisCancelled);
  const again = applyEdit(edited, Math.floor(edited.length / 3), 5, '');
  assert.deepEqual(analyzeDocument(again, options), analyzeDocument(again));
});
