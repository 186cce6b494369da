import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analyze';
import { toJsonFile } from '../../server/src/core/export/json';
import { readCheckSet, scoreCheckSet } from '../eval/support/quotesCheck';

/**
 * The check set beyond PolNeAR (test/fixtures/quotes-check: Reuters stories of 1996, speakers written by reading
 * them), scored on the JSON the CLI prints. The floors are the figures reached when the set was written: a change
 * that resolves fewer speakers to the right person, or finds fewer quotations, fails here.
 */
test('check set beyond PolNeAR (Reuters 1996): quotations found and speakers resolved to the right person', () => {
  const { documents, texts } = readCheckSet();
  const s = scoreCheckSet(documents, (file) => toJsonFile(file, texts.get(file)!, analyzeDocument(texts.get(file)!)));
  const misses = s.misses.join('\n');
  assert.ok(s.found >= s.expected, `found ${s.found}/${s.expected}\n${misses}`);
  assert.ok(s.resolvedRight >= RESOLVED_FLOOR, `resolved ${s.resolvedRight}/${s.resolvable}, floor ${RESOLVED_FLOOR}\n${misses}`);
  assert.ok(s.namedRight >= NAMED_FLOOR, `named ${s.namedRight}/${s.named}, floor ${NAMED_FLOOR}\n${misses}`);
});

/** Speakers resolved right and named right when the set was written (of 41 and 28). */
const RESOLVED_FLOOR = 36;
const NAMED_FLOOR = 24;
