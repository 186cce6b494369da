#!/usr/bin/env node
// The README's main job: open seeds/ in VS Code (or code-server) with the extension loaded;
// without an editor on PATH, print the annotated outline of the seed files instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const seeds = join(root, 'seeds');

function onPath(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

const editor = process.env.NEWS_LENS_NO_EDITOR ? null : (onPath('code') ?? onPath('code-server'));
if (editor) {
  console.log(`Opening ${seeds} in ${editor} with News Lens loaded…`);
  const args = editor.endsWith('code-server')
    ? [seeds] // code-server has no extension development mode: install the .vsix (npm run package) first.
    : ['--extensionDevelopmentPath', root, seeds];
  if (editor.endsWith('code-server')) {
    const vsix = join(root, 'news-lens.vsix');
    if (existsSync(vsix)) spawnSync(editor, ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
  }
  const result = spawnSync(editor, args, { stdio: 'inherit' });
  process.exit(result.status ?? 0);
}
console.log('No `code` or `code-server` on PATH: printing the annotated outline of the seed files.\n');
const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'analyze', join(seeds, '*.txt')], { stdio: 'inherit' });
process.exit(result.status ?? 0);
