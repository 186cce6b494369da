/** Workspace-relative globs (`newsLens.files`) as regular expressions. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { globToRegExp, matchesAny } from '../../server/src/workspace/glob';

const matches = (glob: string, path: string): boolean => globToRegExp(glob).test(path);

test('** matches any number of folders, * and ? stay inside one', () => {
  assert.ok(matches('**/seeds/*.txt', 'seeds/a.txt'));
  assert.ok(matches('**/seeds/*.txt', 'x/y/seeds/a.txt'));
  assert.ok(!matches('**/seeds/*.txt', 'seeds/sub/a.txt'));
  assert.ok(matches('articles/**', 'articles/2024/12/a.txt'));
  assert.ok(matches('a?.txt', 'ab.txt') && !matches('a?.txt', 'a/.txt'));
  assert.ok(matches('./seeds/*.txt', 'seeds/a.txt'), 'a leading ./ is ignored');
});

test('braces, classes and literal punctuation', () => {
  assert.ok(matches('*.{news,article}', 'a.news') && matches('*.{news,article}', 'b.article') && !matches('*.{news,article}', 'c.txt'));
  assert.ok(matches('[ab].txt', 'a.txt') && !matches('[ab].txt', 'c.txt'));
  assert.ok(matches('[!ab].txt', 'c.txt') && !matches('[!ab].txt', 'a.txt'));
  assert.ok(matches('a+b (1).txt', 'a+b (1).txt') && !matches('a.txt', 'abtxt'), 'regex characters are literal');
  assert.ok(matches('{a,b', 'a') && matches('[', '['), 'unclosed braces and brackets do not throw');
  assert.ok(matches('seeds\\*.txt', 'seeds/a.txt'), 'backslashes are folder separators');
});

test('matchesAny: any of the globs', () => {
  const globs = ['**/seeds/*.txt', '**/*.news'].map(globToRegExp);
  assert.ok(matchesAny('a/b.news', globs) && matchesAny('seeds/x.txt', globs) && !matchesAny('x.txt', globs));
  assert.ok(!matchesAny('x.txt', []));
});
