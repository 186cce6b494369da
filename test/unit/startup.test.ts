import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/core/analyze';
import { classifyWord } from '../../server/src/core/entities/lexicon';
import { isCapital, isDemonym, placeInfo } from '../../server/src/core/entities/gazetteer';
import { formatCount, idOrder } from '../../server/src/core/text';
import { deserialize, pairedWeights } from '../../server/src/core/entities/tagger/model';
import { loadModel } from '../../server/src/core/entities/tagger/compact';
import { taggerModel } from '../../server/src/core/entities/tagger/tag';
import embeddedModel from '../../server/src/core/entities/tagger/ner.model.bin';

// Bundled to out/tests/unit: the repository is three folders up.
const seedsDir = join(__dirname, '..', '..', '..', 'seeds');

test('onlyArticlesOverlapping: the articles in the span get the analysis a whole run gives, the others none', () => {
  const name = readdirSync(seedsDir).find((n) => n.startsWith('000'))!;
  const text = readFileSync(join(seedsDir, name), 'utf8');
  const whole = analyzeDocument(text);
  assert.ok(whole.articles.length >= 3);
  const second = whole.articles[1];
  const part = analyzeDocument(text, { onlyArticlesOverlapping: { start: second.span.start + 10, end: second.span.start + 20 } });
  assert.deepEqual(
    part.articles.map((a) => a.span),
    whole.articles.map((a) => a.span),
  );
  part.articles.forEach((a, i) => {
    if (i === 1) {
      assert.ok(a.mentions.length > 0);
      assert.deepEqual(
        a.mentions.map((m) => [m.span, m.kind]),
        second.mentions.map((m) => [m.span, m.kind]),
      );
      assert.deepEqual(
        a.quotes.map((q) => q.span),
        second.quotes.map((q) => q.span),
      );
      assert.deepEqual(a.dates, second.dates);
    } else {
      assert.equal(a.mentions.length + a.quotes.length + a.dates.length, 0, `article ${i} is not analysed`);
    }
  });
});

test('build-time lexicon and gazetteer answer as compromise and the lists do', () => {
  assert.equal(classifyWord('Monday'), 'time');
  assert.equal(classifyWord('maria'), 'firstName');
  assert.equal(classifyWord('Syrian'), 'demonym');
  assert.equal(classifyWord('the'), 'common');
  assert.equal(classifyWord('Xqzvy'), 'unknown');
  assert.equal(classifyWord(''), 'unknown');
  assert.equal(classifyWord('Constructor'), 'unknown');
  assert.equal(placeInfo('Lisbon')?.kind, 'city');
  assert.equal(placeInfo('Lisbon')?.country, 'Portugal');
  assert.equal(placeInfo('U.S.')?.name, 'United States');
  assert.equal(placeInfo('Gaza Strip')?.kind, 'region');
  assert.equal(placeInfo('Nowhereville'), null);
  assert.ok(isDemonym('Syrian') && !isDemonym('Syria'));
  assert.ok(isCapital('Moscow') && !isCapital('Lyon'));
});

test('formatCount writes numbers as en-US does; idOrder sorts ids as localeCompare does', () => {
  for (const n of [0, 7, 999, 1000, 12345, 1234567, 22315474, -4321]) assert.equal(formatCount(n), n.toLocaleString('en-US'));
  const plain = ['person:al-assad', 'person:alan', 'person:a1', 'organization:u-n', 'person:zz', 'person:2pac', 'place:-x', 'place:x-1', 'person:al'];
  const other = [...plain, 'place:ürümqi', 'person:Émile'];
  for (const ids of [plain, other]) {
    assert.deepEqual(
      [...ids].sort(idOrder(ids)),
      [...ids].sort((a, b) => a.localeCompare(b)),
    );
  }
});

test('LineIndex: a text with \\n breaks only (the native search) gives the lines a split gives', async () => {
  const { LineIndex } = await import('../../server/src/core/lineIndex');
  for (const text of ['', '\n', 'a', 'a\n', '\nb', 'one\ntwo\n\nfour', 'x\n'.repeat(1000) + 'end']) {
    const index = new LineIndex(text);
    const lines = text.split('\n');
    assert.equal(index.lineCount, lines.length);
    let start = 0;
    lines.forEach((line, i) => {
      assert.equal(index.lineStartOffset(i), start);
      assert.equal(index.lineEndOffset(i), start + line.length);
      assert.deepEqual(index.positionAt(start + line.length), { line: i, character: line.length });
      start += line.length + 1;
    });
  }
});

test('the tagger model the bundles embed (compact: non-zero weights only) decodes to the committed model', () => {
  const committed = deserialize(readFileSync(join(seedsDir, '..', 'server', 'src', 'core', 'entities', 'tagger', 'ner.model.bin')));
  assert.equal(Buffer.from(embeddedModel.subarray(0, 4)).toString('ascii'), 'NLTS', 'esbuild.mjs embeds the compact form');
  assert.ok(embeddedModel.length < 1_000_000);
  const loaded = taggerModel();
  assert.deepEqual(loaded.header, committed.header);
  assert.equal(loaded.mask, committed.mask);
  assert.equal(loaded.passes.length, committed.passes.length);
  loaded.passes.forEach((pass, i) =>
    assert.ok(Buffer.from(pass.buffer, pass.byteOffset, pass.byteLength).equals(Buffer.from(committed.passes[i].buffer, committed.passes[i].byteOffset, committed.passes[i].byteLength)), `pass ${i}`),
  );
  assert.deepEqual(loaded.clusters, committed.clusters, 'the word clusters travel with the compact form');
  // The paired table viterbi reads, made by the compact loader, is the one made from the committed passes.
  const paired = pairedWeights(committed.passes[0], committed.passes[1]);
  assert.ok(
    loaded.paired && Buffer.from(loaded.paired.buffer, loaded.paired.byteOffset, loaded.paired.byteLength).equals(Buffer.from(paired.buffer, paired.byteOffset, paired.byteLength)),
    'paired table',
  );
  // Both forms go through the same loader: the committed bytes too (a bundle made without the compact step).
  assert.deepEqual(loadModel(readFileSync(join(seedsDir, '..', 'server', 'src', 'core', 'entities', 'tagger', 'ner.model.bin'))).header, committed.header);
  assert.throws(() => loadModel(embeddedModel.subarray(0, embeddedModel.length - 3)), /damaged|out of range|offset/i);
});
