import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/lineIndex';

test('LineIndex maps offsets and positions across LF, CRLF and lone CR', () => {
  const text = 'ab\r\ncd\nef\rgh';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(text.indexOf('c')), { line: 1, character: 0 });
  assert.deepEqual(index.positionAt(text.indexOf('g')), { line: 3, character: 0 });
  assert.equal(index.offsetAt({ line: 2, character: 1 }), text.indexOf('f'));
  assert.equal(index.lineEndOffset(0), 2);
  // Positions past a line's end clamp to it, never into the line break.
  assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
  assert.deepEqual(index.positionAt(10_000), { line: 3, character: 2 });
});
