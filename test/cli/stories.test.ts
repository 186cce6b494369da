/** `analyze --json` gives every article a `story` id; a repeated file's articles are `duplicateOf` the first. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonFile } from '../../server/src/core/export/json';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');

function analyzeJson(args: string[]): JsonFile[] {
  const r = spawnSync(process.execPath, [cli, 'analyze', '--json', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
}

test('analyze --json: every article has a story id; 000, 002 and 004 on Assad share one; a copied file is marked duplicate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-stories-'));
  try {
    const seeds = join(root, 'seeds');
    const name = (prefix: string): string => readdirSync(seeds).find((n) => n.startsWith(prefix))!;
    for (const p of ['000', '002', '004']) cpSync(join(seeds, name(p)), join(dir, name(p)));
    cpSync(join(seeds, name('004')), join(dir, 'zz-copy.txt'));
    const files = analyzeJson([join(dir, '*.txt')]);
    const articles = files.flatMap((f) => f.articles.map((a, i) => ({ path: f.path, i, ...a })));
    assert.ok(articles.every((a) => typeof a.story === 'string' && a.story.length > 1));
    const storyOf = (prefix: string, i = 0): string | undefined => articles.find((a) => a.path.includes(prefix) && a.i === i)?.story;
    assert.equal(storyOf('/000'), storyOf('/002'));
    assert.equal(storyOf('/002'), storyOf('/004'));
    assert.notEqual(storyOf('/000', 1), storyOf('/000'), 'Georgia is another story');
    const copy = articles.find((a) => a.path.endsWith('zz-copy.txt'))!;
    assert.equal(copy.story, storyOf('/004'));
    assert.equal(copy.duplicateOf, `${join(dir, name('004'))}#0`);
    assert.equal(articles.filter((a) => a.duplicateOf).length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
