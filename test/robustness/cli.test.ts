// The CLI (`dist/cli.js`) on bad input: each bad file gives one clear line on stderr (never a stack
// trace), the other files are still analysed, and the exit code is 2 when a file could not be read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { TextLines, collectRanges } from './invariants';
import { decodeUtf8, oddInputs, seedTexts } from './inputs';
import { repoRoot } from '../support/lspHarness';

let dir: string;
const cli = join(repoRoot(), 'dist', 'cli.js');
const readable: Record<string, Uint8Array> = {};

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr is made of short single-line messages, with no stack trace and no raw exception dump. */
function assertCleanStderr(stderr: string): string[] {
  const lines = stderr.split('\n').filter((l) => l.trim());
  for (const line of lines) {
    assert.ok(!/^\s+at /.test(line), `stack trace on stderr: ${line}`);
    assert.ok(line.length < 400, `overlong stderr line: ${line.slice(0, 200)}…`);
  }
  return lines;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'newslens-cli-'));
  const odd = new Map(oddInputs().map((i) => [i.name, i]));
  const bytesOf = (name: string): Uint8Array => {
    const input = odd.get(name);
    assert.ok(input, `odd input "${name}" exists`);
    return input.bytes ?? Buffer.from(input.text, 'utf8');
  };
  readable['good.txt'] = Buffer.from(seedTexts()[2].text, 'utf8');
  readable['empty.txt'] = new Uint8Array();
  readable['blank.txt'] = bytesOf('whitespace only');
  readable['bom.txt'] = bytesOf('UTF-8 BOM');
  readable['crlf.txt'] = bytesOf('CRLF line endings');
  readable['invalid-utf8.txt'] = bytesOf('invalid UTF-8 (decoded with replacement characters)');
  readable['binary.txt'] = bytesOf('binary file opened as text (random bytes, NUL)');
  readable['scripts.txt'] = bytesOf('other scripts, RTL marks, emoji, combining characters');
  for (const [name, bytes] of Object.entries(readable)) writeFileSync(join(dir, name), bytes);
  mkdirSync(join(dir, 'a-folder.txt'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('cli: analyze --json with missing and unreadable files among good and odd ones', { timeout: 180_000 }, () => {
  const r = run(['analyze', ...Object.keys(readable), 'missing.txt', 'a-folder.txt', '--json']);
  assert.equal(r.status, 2, `exit code 2 when a file cannot be read (stderr: ${r.stderr})`);
  const lines = assertCleanStderr(r.stderr);
  assert.ok(
    lines.some((l) => l.includes('missing.txt')),
    'the missing file is named on stderr',
  );
  assert.ok(
    lines.some((l) => l.includes('a-folder.txt')),
    'the folder given as a file is named on stderr',
  );
  const json = JSON.parse(r.stdout) as { files: { path: string; articles: { title: string | null }[] }[] };
  const byName = new Map(json.files.map((f) => [basename(f.path), f]));
  assert.ok((byName.get('good.txt')?.articles.length ?? 0) > 0, 'the good file is still analysed');
  for (const name of ['bom.txt', 'crlf.txt', 'invalid-utf8.txt', 'binary.txt', 'scripts.txt']) assert.ok(byName.has(name), `${name} is analysed too`);
  assert.ok(!byName.has('missing.txt'), 'no entry for the missing file');
  // Every range of every file lies inside that file's text as an editor decodes it.
  for (const [name, entry] of byName) {
    const bytes = readable[name];
    if (!bytes) continue;
    const lines = new TextLines(decodeUtf8(bytes).replace(/^\uFEFF/, ''));
    assert.deepEqual(
      collectRanges(entry).flatMap((x) => lines.checkRange(x.range, `${name} ${x.path}`)),
      [],
    );
  }
});

test('cli: analyze (outline) still prints the good file when another is missing', { timeout: 120_000 }, () => {
  const r = run(['analyze', 'good.txt', 'missing.txt']);
  assert.equal(r.status, 2);
  assertCleanStderr(r.stderr);
  assert.ok(r.stdout.includes('good.txt'), 'the outline of the good file is printed');
  assert.ok(!r.stdout.includes('missing.txt') || r.stderr.includes('missing.txt'));
});

test('cli: nothing readable → exit 2 and one line per file', { timeout: 60_000 }, () => {
  const r = run(['analyze', 'missing-1.txt', 'missing-2.txt', '--json']);
  assert.equal(r.status, 2);
  const lines = assertCleanStderr(r.stderr);
  assert.ok(lines.some((l) => l.includes('missing-1.txt')) && lines.some((l) => l.includes('missing-2.txt')));
});

test('cli: empty, blank and binary files alone are analysed without an error', { timeout: 60_000 }, () => {
  const r = run(['analyze', 'empty.txt', 'blank.txt', 'binary.txt', '--json']);
  assertCleanStderr(r.stderr);
  assert.equal(r.status, 0, `readable files are not errors (stderr: ${r.stderr})`);
  const json = JSON.parse(r.stdout) as { files: { path: string; articles: unknown[] }[] };
  assert.equal(json.files.length, 3);
  assert.equal(json.files.find((f) => basename(f.path) === 'empty.txt')?.articles.length, 0);
});

test('cli: unknown command, no arguments and a bad option give a usage line and a non-zero exit', { timeout: 60_000 }, () => {
  for (const args of [['no-such-command'], [], ['analyze'], ['export', '--format', 'no-such-format', 'good.txt', '--out', 'out']]) {
    const r = run(args);
    assert.notEqual(r.status, 0, `${JSON.stringify(args)} exits non-zero`);
    assert.notEqual(r.status, null, `${JSON.stringify(args)} terminates`);
    const lines = assertCleanStderr(r.stderr);
    assert.ok(lines.length > 0, `${JSON.stringify(args)} says what is wrong on stderr`);
  }
});

test('cli: export to an --out that is a file is refused with one line', { timeout: 60_000 }, () => {
  const r = run(['export', '--format', 'json', 'good.txt', '--out', 'empty.txt']);
  assert.notEqual(r.status, 0);
  assert.notEqual(r.status, null);
  assert.ok(assertCleanStderr(r.stderr).length > 0);
});
