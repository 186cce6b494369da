// `node bench/views.mjs [files] [analysed]`: stories, timeline and network timings at archive size (bench/views.ts).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

await esbuild.build({
  entryPoints: { views: 'bench/views.ts' },
  outdir: 'out/bench',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  loader: { '.bin': 'binary' },
});
const result = spawnSync(process.execPath, ['out/bench/views.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
