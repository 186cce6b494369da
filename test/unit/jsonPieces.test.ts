/** `jsonPieces`: the pieces `analyze --jsonl` writes a line in, joined, are `JSON.stringify` of the same value. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveRecord } from '../../server/src/archive/record';
import { analyzeDocument } from '../../server/src/core';
import { toJsonFile } from '../../server/src/core/export/json';
import { jsonBytes, jsonPieces } from '../../server/src/util/jsonPieces';

const joined = (value: unknown, depth: number): string => [...jsonPieces(value, depth)].join('');

test('joined pieces equal JSON.stringify at every depth, with the values JSON leaves out or turns to null', () => {
  const tricky = {
    a: 1,
    skipped: undefined,
    f: () => 1,
    list: [1, undefined, () => 2, 'x', null, { deep: [true, { d: new Date(0) }] }, []],
    empty: {},
    when: new Date(86_400_000),
    nested: { s: 'quote " and \\ and \u2028', n: -0.5, inner: { z: [{}] } },
    '': 'empty key',
  };
  for (let depth = 0; depth <= 5; depth++) {
    assert.equal(joined(tricky, depth), JSON.stringify(tricky), `depth ${depth}`);
    assert.equal(joined([tricky, 1, [2, [3]]], depth), JSON.stringify([tricky, 1, [2, [3]]]), `array, depth ${depth}`);
  }
  for (const scalar of [null, 0, 'text', true]) assert.equal(joined(scalar, 3), JSON.stringify(scalar));
  // As bytes, from chunks of any length (UTF-8 of every piece: the characters outside ASCII included).
  for (const chunk of [1, 7, 32 * 1024]) assert.deepEqual(jsonBytes(tricky, 3, chunk), Buffer.from(JSON.stringify(tricky), 'utf8'), `chunks of ${chunk}`);
});

test("an analysed seed's jsonl line, in pieces no larger than one article or the text, is the line JSON.stringify writes", () => {
  const seeds = join(__dirname, '..', '..', '..', 'seeds');
  const name = readdirSync(seeds)
    .filter((n) => n.endsWith('.txt'))
    .sort()[1];
  const text = readFileSync(join(seeds, name), 'utf8');
  const model = analyzeDocument(text);
  const record = archiveRecord(name, { size: Buffer.byteLength(text), mtimeMs: 0 }, Buffer.from(text), text, model, 5);
  const line = { ...toJsonFile(name, text, model), archive: record };
  const pieces = [...jsonPieces(line, 4)];
  assert.equal(pieces.join(''), JSON.stringify(line));
  // The largest piece is a whole article (as the JSON file shape or as the stored model writes it) or the text.
  const articles = [...toJsonFile(name, text, model).articles, ...model.articles].map((a) => JSON.stringify(a).length);
  const largestPiece = Math.max(...pieces.map((p) => p.length));
  assert.ok(largestPiece <= Math.max(...articles, JSON.stringify(text).length), `largest piece ${largestPiece}`);
  assert.ok(largestPiece < JSON.stringify(line).length / 4, `largest piece ${largestPiece} of ${JSON.stringify(line).length}`);
});
