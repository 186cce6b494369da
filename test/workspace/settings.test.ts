/** `newsLens.*` settings: normalised from whatever a client sends, cached per resource. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { normalizeSettings, SettingsCache } from '../../server/src/workspace/settings';

test('normalizeSettings keeps valid values, drops wrong types, unwraps { newsLens } and { settings }', () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings('nonsense'), DEFAULT_SETTINGS);
  const s = normalizeSettings({ newsLens: { files: ['**/*.txt'], highlight: { person: false, place: 'no' }, maxFileSizeMB: -1, dimBoilerplate: false } });
  assert.deepEqual(s.files, ['**/*.txt']);
  assert.equal(s.highlight.person, false);
  assert.equal(s.highlight.place, true, 'a wrong type keeps the default');
  assert.equal(s.maxFileSizeMB, DEFAULT_SETTINGS.maxFileSizeMB, 'a negative size keeps the default');
  assert.equal(s.dimBoilerplate, false);
  assert.deepEqual(normalizeSettings({ settings: { maxFileSizeMB: 2 } }).maxFileSizeMB, 2);
  assert.deepEqual(normalizeSettings({ files: ['a', 3] }).files, DEFAULT_SETTINGS.files, 'a list with a non-string is refused');
});

test('SettingsCache: pushed settings, then the fetcher; one request per resource until cleared; a failing client falls back', async () => {
  const cache = new SettingsCache();
  assert.deepEqual(await cache.get(), DEFAULT_SETTINGS);
  cache.setPushed({ maxFileSizeMB: 1 });
  assert.equal((await cache.get('file:///a')).maxFileSizeMB, 1);
  const asked: (string | undefined)[] = [];
  let fail = false;
  cache.useFetcher((scope) => {
    asked.push(scope);
    return fail ? Promise.reject(new Error('client gone')) : Promise.resolve({ maxFileSizeMB: 3 });
  });
  assert.equal((await cache.get('file:///a')).maxFileSizeMB, 3);
  assert.equal((await cache.get('file:///a')).maxFileSizeMB, 3);
  assert.deepEqual(asked, ['file:///a']);
  cache.clear();
  fail = true;
  assert.equal((await cache.get('file:///a')).maxFileSizeMB, 1, 'the pushed settings when the client fails');
  fail = false;
  assert.equal((await cache.get('file:///a')).maxFileSizeMB, 3, 'asked again after a failure');
});
