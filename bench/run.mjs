// `npm run bench`: bundles the benchmark (TypeScript under bench/) with esbuild and runs it.
// The server under test is the bundled dist/server.js, so `npm run build` runs first (see package.json).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compactModel } from '../server/scripts/compactModel.mjs';

await esbuild.build({
  entryPoints: { bench: 'bench/bench.ts', coreWorker: 'bench/coreWorker.ts', compromiseWorker: 'bench/compromiseWorker.ts' },
  outdir: 'out/bench',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Not minified: the profile summary attributes time to source files by esbuild's `// path` comments.
  minify: false,
  sourcemap: false,
  logLevel: 'warning',
  // Regular expressions with \p{…} stay literals, as in esbuild.mjs.
  supported: { 'regexp-unicode-property-escapes': true },
  // The entity tagger's model is embedded in its compact form, as in esbuild.mjs: the start-up measured is the shipped one.
  loader: { '.bin': 'binary' },
  plugins: [
    {
      name: 'compact-tagger-model',
      setup(build) {
        build.onLoad({ filter: /ner\.model\.bin$/ }, (args) => ({ contents: compactModel(readFileSync(args.path)), loader: 'binary' }));
      },
    },
  ],
});
const result = spawnSync(process.execPath, ['out/bench/bench.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
