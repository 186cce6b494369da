// Reading V8 CPU profiles for `npm run bench -- --profile`: where the time of a bundle goes, by source file and function.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Self time per source file, from a .cpuprofile of an esbuild bundle (its `// path` comments name the files). */
export function summariseProfile(profilePath: string, top = 15): string[] {
  interface Node {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }
  const p = JSON.parse(readFileSync(profilePath, 'utf8')) as { nodes: Node[]; startTime: number; endTime: number; samples: number[] };
  const interval = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length);
  const bundleFiles = new Map<string, { line: number; file: string }[]>();
  const fileOf = (url: string, line: number): string => {
    if (!url) return '(native / gc / idle)';
    if (!url.includes('/out/') && !url.includes('/dist/')) return url.replace(/^file:\/\//, '').replace(/^node:/, 'node:');
    let markers = bundleFiles.get(url);
    if (!markers) {
      markers = [];
      const lines = readFileSync(url.replace(/^file:\/\//, ''), 'utf8').split('\n');
      lines.forEach((l, i) => {
        const m = /^\/\/ ((?:node_modules|server|client|bench|test)\/\S+)$/.exec(l);
        if (m) markers!.push({ line: i, file: m[1] });
      });
      bundleFiles.set(url, markers);
    }
    let found = '(bundle prologue)';
    for (const mk of markers) {
      if (mk.line <= line) found = mk.file;
      else break;
    }
    return found;
  };
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const ms = (n.hitCount ?? 0) * interval;
    if (!ms) continue;
    total += ms;
    const file = fileOf(n.callFrame.url, n.callFrame.lineNumber);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    const fn = `${n.callFrame.functionName || '(anonymous)'}  [${file}]`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const fmt = (entries: Map<string, number>): string[] =>
    [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${k}`);
  return [`${basename(profilePath)}: ${total.toFixed(0)} ms sampled`, 'self time by source file:', ...fmt(byFile), 'self time by function:', ...fmt(byFunction)];
}

/** The newest .cpuprofile in a folder. */
export function latestProfile(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f));
  files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0] ?? null;
}
