// `npm test` after the build: the type check, the lint and the test files run at the same time, as
// separate processes (they share nothing but the built out/ folder, which the build wrote before).
// The tests stream to the terminal; the type check's and the lint's output follow once each ends.
// The exit code is non-zero when any of the three fails.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

// node --test runs availableParallelism() - 1 files at once by default: one on a 2-core machine, where
// most spawned-server tests wait on a child process rather than compute. One file per core instead.
const concurrency = Math.max(2, availableParallelism());
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command; its output is kept (`quiet`) or goes straight to the terminal. */
function run(name, command, args, quiet) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: process.platform === 'win32' });
    const chunks = [];
    if (quiet) {
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
    }
    child.on('error', (e) => resolve({ name, code: 1, output: `${name}: ${e.message}\n`, seconds: (Date.now() - started) / 1000 }));
    child.on('close', (code) => resolve({ name, code: code ?? 1, output: Buffer.concat(chunks).toString('utf8'), seconds: (Date.now() - started) / 1000 }));
  });
}

const checks = [run('typecheck', npm, ['run', '--silent', 'typecheck'], true), run('lint', npm, ['run', '--silent', 'lint'], true)];
const tests = await run('tests', process.execPath, ['--test', `--test-concurrency=${concurrency}`, 'out/tests/'], false);
const results = [tests, ...(await Promise.all(checks))];
for (const r of results.slice(1)) {
  if (r.output.trim()) process.stdout.write(`\n---- npm run ${r.name} ----\n${r.output}`);
}
process.stdout.write(`\n${results.map((r) => `${r.name} ${r.code === 0 ? 'passed' : 'FAILED'} (${r.seconds.toFixed(1)} s)`).join(' · ')}\n`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
