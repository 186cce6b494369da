/** The any-folder question (`provideSniffFolder`): counts, unmatched files, the glob and the workspace folder, in process over a temporary folder. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { provideSniffFolder } from '../../server/src/features/sniffFolder';
import { Workspace } from '../../server/src/workspace/workspace';
import { repoRoot } from '../support/lspHarness';

const workspace = new Workspace();
let root: string;

before(() => {
  // A workspace folder with the seeds twice: under seeds/ (matched by the default newsLens.files) and under scraped/2024/ (not).
  root = mkdtempSync(join(tmpdir(), 'newslens-sniff-feature-'));
  const seeds = join(repoRoot(), 'seeds');
  for (const dir of [join(root, 'seeds'), join(root, 'scraped', '2024')]) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(seeds).filter((n) => n.endsWith('.txt'))) writeFileSync(join(dir, name), readFileSync(join(seeds, name)));
  }
  writeFileSync(join(root, 'scraped', 'notes.txt'), 'TODO\n- buy milk\n- call Anna\n');
});

test('a folder of unmatched news: every .txt counted as unmatched, the glob that adds it, its workspace folder', async () => {
  const answer = await provideSniffFolder(workspace, [root], { uri: pathToFileURL(join(root, 'scraped')).href });
  assert.equal(answer.txtFiles, 6);
  assert.equal(answer.unmatched, 6);
  assert.ok(answer.looksLikeNews && answer.newsLike >= 1 && answer.newsLike <= answer.sampled, JSON.stringify(answer));
  assert.equal(answer.glob, 'scraped/**/*.txt');
  assert.equal(answer.workspaceFolder, pathToFileURL(root).href);
});

test('files newsLens.files already matches are not unmatched; the workspace folder itself gets **/*.txt', async () => {
  const seeds = await provideSniffFolder(workspace, [root], { uri: pathToFileURL(join(root, 'seeds')).href });
  assert.equal(seeds.txtFiles, 5);
  assert.equal(seeds.unmatched, 0);
  const whole = await provideSniffFolder(workspace, [root], { uri: pathToFileURL(root).href });
  assert.equal(whole.txtFiles, 11);
  assert.equal(whole.unmatched, 6);
  assert.equal(whole.glob, '**/*.txt');
});

test('a folder outside every workspace folder: all unmatched, no workspace folder; a URI that is no file path is refused', async () => {
  const outside = await provideSniffFolder(workspace, [join(root, 'seeds')], { uri: pathToFileURL(join(root, 'scraped')).href });
  assert.equal(outside.workspaceFolder, null);
  assert.equal(outside.unmatched, outside.txtFiles);
  assert.equal(outside.glob, '**/*.txt');
  await assert.rejects(provideSniffFolder(workspace, [root], { uri: 'untitled:Untitled-1' }), /needs the file: URI of a folder/);
  await assert.rejects(provideSniffFolder(workspace, [root], null), /needs the file: URI of a folder/);
});
