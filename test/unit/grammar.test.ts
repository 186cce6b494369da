// The TextMate grammar (syntaxes/news-article.tmLanguage.json) against the `^^^` assertions in
// test/grammar/*.txt, run with vscode-tmgrammar-test (the vscode-textmate engine VS Code uses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'news-lens') return dir;
    } catch {
      // not here: go up
    }
  }
  return process.cwd();
}

const root = repoRoot();
const grammarPath = join(root, 'syntaxes', 'news-article.tmLanguage.json');
const tool = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

function runTool(pattern: string): { status: number | null; output: string } {
  // The grammar is given explicitly (-g), so the test does not depend on package.json contributions.
  const result = spawnSync(process.execPath, [tool, '-c', '-g', grammarPath, pattern], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

test('the grammar is valid JSON with the news-article scope', () => {
  const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as { scopeName: string; patterns: unknown[]; repository: Record<string, unknown> };
  assert.equal(grammar.scopeName, 'text.news-article');
  assert.ok(grammar.patterns.length > 0);
  for (const key of ['boilerplate', 'dateline', 'byline', 'quotes', 'date', 'time', 'headline']) assert.ok(key in grammar.repository, key);
});

test('grammar assertions in test/grammar/*.txt all hold', () => {
  const cases = readdirSync(join(root, 'test', 'grammar')).filter((n) => n.endsWith('.txt'));
  assert.ok(cases.length >= 3, 'grammar test cases exist');
  const { status, output } = runTool('test/grammar/*.txt');
  assert.equal(status, 0, output);
});

test('a wrong scope assertion makes the grammar test fail (the check has teeth)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'news-grammar-'));
  try {
    const file = join(dir, 'wrong.txt');
    writeFileSync(file, '## SYNTAX TEST "text.news-article" "must fail"\nPhoto: AFP\n##^^^^^^ string.quoted.double.news-article\n');
    const { status, output } = runTool(file);
    assert.notEqual(status, 0, output);
    assert.match(output, /string\.quoted\.double\.news-article/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
