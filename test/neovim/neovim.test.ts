/**
 * News Lens in another editor: Neovim (headless) with test/neovim/init.lua runs `news-lens lsp`
 * (dist/cli.js) for a seed, and Neovim's own LSP client gets a hover card and the document
 * symbols. Skipped, with the reason, where no `nvim` is installed.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function repoRoot(): string {
  for (const candidate of [resolve(__dirname, '../../..'), process.cwd()]) {
    if (existsSync(join(candidate, 'test', 'neovim', 'init.lua'))) return candidate;
  }
  return process.cwd();
}

const root = repoRoot();
const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimMissing = nvimVersion.error ? `nvim is not installed (${nvimVersion.error.message}): apt-get install -y neovim` : false;
if (nvimMissing) console.log(`# skipping the Neovim test: ${nvimMissing}`);

interface MarkupContent {
  kind: string;
  value: string;
}
interface NvimSymbol {
  name: string;
  detail?: string;
  range?: { start: { line: number } };
  selectionRange?: { start: { line: number } };
  location?: { range: { start: { line: number } } };
  children?: NvimSymbol[];
}
interface NvimResult {
  filetype: string;
  attach_ms?: number;
  error?: string;
  /** On failure: the tail of Neovim's LSP log and the clients attached to the buffer. */
  lsp_log?: string | null;
  attached_clients?: string[];
  capabilities?: { hover: boolean; documentSymbol: boolean };
  hover?: { contents: MarkupContent | string | (MarkupContent | string)[] } | null;
  symbols?: NvimSymbol[] | null;
}

function hoverText(hover: NvimResult['hover']): string {
  if (!hover) return '';
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((p) => (typeof p === 'string' ? p : p.value)).join('\n');
}

/** Runs nvim headless on one file of a fresh copy of the seeds; resolves with what check.lua wrote. */
function runNeovim(seed: string, timeoutMs = 60_000): Promise<{ result: NvimResult; stderr: string; code: number | null }> {
  const workspace = mkdtempSync(join(tmpdir(), 'news-lens-nvim-'));
  cpSync(join(root, 'seeds'), join(workspace, 'seeds'), { recursive: true });
  for (const name of readdirSync(join(workspace, 'seeds'))) chmodSync(join(workspace, 'seeds', name), 0o644);
  const home = join(workspace, '.home');
  for (const dir of ['config', 'data', 'state', 'cache']) mkdirSync(join(home, dir), { recursive: true });
  const out = join(workspace, 'nvim-result.json');
  const serverCmd = `lua vim.g.news_lens_cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(join(root, 'dist', 'cli.js'))}, 'lsp' }`;
  // Info-level LSP log: the server's stderr and exit land there, for the failure message.
  const args = [
    '--headless',
    '-n',
    '-i',
    'NONE',
    '--cmd',
    serverCmd,
    '--cmd',
    "lua vim.lsp.set_log_level('info')",
    '-u',
    join(root, 'test', 'neovim', 'init.lua'),
    '-c',
    `luafile ${join(root, 'test', 'neovim', 'check.lua')}`,
    join('seeds', seed),
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn('nvim', args, {
      cwd: workspace,
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_DATA_HOME: join(home, 'data'),
        XDG_STATE_HOME: join(home, 'state'),
        XDG_CACHE_HOME: join(home, 'cache'),
        NEWSLENS_NVIM_OUT: out,
        NEWSLENS_NVIM_TIMEOUT_MS: String(timeoutMs - 15_000),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nvim did not finish within ${timeoutMs / 1000} s; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      try {
        if (!existsSync(out)) return reject(new Error(`nvim exited (${code}) without writing ${out}; stderr: ${stderr}`));
        resolvePromise({ result: JSON.parse(readFileSync(out, 'utf8')) as NvimResult, stderr, code });
      } finally {
        rmSync(workspace, { recursive: true, force: true });
      }
    });
  });
}

test('Neovim: hover and document symbols through Neovim’s LSP client', { skip: nvimMissing, timeout: 90_000 }, async () => {
  assert.ok(existsSync(join(root, 'dist', 'cli.js')), 'dist/cli.js is missing: run npm run build');
  const { result, stderr, code } = await runNeovim('004_f9b9bb9c8095ce65.txt');
  if (result.error !== undefined) {
    const command = `${process.execPath} ${join(root, 'dist', 'cli.js')} lsp`;
    assert.fail(
      [
        `Neovim could not ask the News Lens server (${command}): ${result.error}`,
        `clients attached to the buffer: ${result.attached_clients?.length ? result.attached_clients.join(', ') : 'none'}`,
        `Neovim's LSP log (tail):\n${result.lsp_log?.trim() || '(empty)'}`,
        `nvim stderr:\n${stderr.trim() || '(empty)'}`,
      ].join('\n'),
    );
  }
  assert.equal(code, 0);
  assert.equal(result.filetype, 'newsarticle', 'a .txt file in seeds/ gets the newsarticle filetype');
  assert.deepEqual(result.capabilities, { hover: true, documentSymbol: true });

  // Line 4 of 004: "…the country's second city, Aleppo, escapes…": a place.
  const card = hoverText(result.hover);
  assert.match(card, /Aleppo/, `hover card: ${card}`);
  assert.match(card, /\bplace\b/i, `the hover card does not say Aleppo is a place: ${card}`);

  // 004 is one article, headline on line 2.
  const symbols = result.symbols ?? [];
  assert.equal(symbols.length, 1, `expected one article symbol: ${JSON.stringify(symbols.map((s) => s.name))}`);
  assert.match(symbols[0].name, /Syria, al-Assad seeks to strengthen his support/);
  const start = symbols[0].selectionRange?.start.line ?? symbols[0].location?.range.start.line;
  assert.equal(start, 1);
});
