import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { loadBundle } from '../../server/src/launch';

// The extension's launcher (dist/client.js) loads its bundle with `privateCache`: never Node's process-wide compile
// cache (the extension host is shared), the bundle's own V8 cache instead, and the bundle's exports come back.
test('loadBundle with privateCache returns the exports, writes its own code cache and loads again from it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'news-lens-launch-'));
  const previous = { TMPDIR: process.env.TMPDIR, disabled: process.env.NODE_DISABLE_COMPILE_CACHE };
  process.env.TMPDIR = dir;
  delete process.env.NODE_DISABLE_COMPILE_CACHE;
  try {
    const bundle = join(dir, 'bundle.js');
    writeFileSync(bundle, "exports.activate = (n) => n * 2; exports.where = __dirname; exports.path = require('node:path').sep;\n");
    const first = loadBundle(bundle, { privateCache: true, persistAfterMs: 0 }) as { activate(n: number): number; where: string; path: string };
    assert.equal(first.activate(21), 42);
    assert.equal(first.where, dir);
    assert.equal(first.path, sep, 'require works inside the bundle');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cacheDir = readdirSync(dir).find((n) => n.startsWith('news-lens-compile-cache-'));
    assert.ok(cacheDir, 'a private cache folder in the temporary directory');
    assert.equal(readdirSync(join(dir, cacheDir)).filter((n) => n.endsWith('.bin')).length, 1, 'one cache file for the bundle');
    const second = loadBundle(bundle, { privateCache: true }) as { activate(n: number): number };
    assert.notEqual(second, first, 'a new module instance');
    assert.equal(second.activate(5), 10);
  } finally {
    if (previous.TMPDIR === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous.TMPDIR;
    if (previous.disabled !== undefined) process.env.NODE_DISABLE_COMPILE_CACHE = previous.disabled;
    rmSync(dir, { recursive: true, force: true });
  }
});

// Every build or update of a bundle writes a new cache file; the old ones are removed once stale.
test('writing a new code cache removes cache files not written for two weeks, and leaves recent ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'news-lens-launch-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    const bundle = join(dir, 'bundle.js');
    writeFileSync(bundle, 'exports.n = 1;\n');
    loadBundle(bundle, { privateCache: true, persistAfterMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cacheDir = join(
      dir,
      readdirSync(dir).find((n) => n.startsWith('news-lens-compile-cache-'))!,
    );
    const old = Date.now() / 1000 - 15 * 24 * 3600;
    for (const name of ['stale.bin', 'recent.bin', 'dead-writer.123.tmp', 'notes.txt']) writeFileSync(join(cacheDir, name), 'x');
    for (const name of ['stale.bin', 'dead-writer.123.tmp', 'notes.txt']) utimesSync(join(cacheDir, name), old, old);
    writeFileSync(bundle, 'exports.n = 2;\n'); // a rebuilt bundle: a new cache file
    utimesSync(bundle, Date.now() / 1000 + 5, Date.now() / 1000 + 5);
    assert.equal((loadBundle(bundle, { privateCache: true, persistAfterMs: 0 }) as { n: number }).n, 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const left = readdirSync(cacheDir).sort();
    assert.deepEqual(
      left.filter((n) => !n.endsWith('.bin') || ['recent.bin'].includes(n)),
      ['notes.txt', 'recent.bin'],
      "the stale cache and the dead writer's file are gone; other files are not ours",
    );
    assert.equal(left.filter((n) => n.endsWith('.bin')).length, 3, "the two bundles' caches and the recent one");
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  }
});
