/**
 * `npm run test:vscode`: the integration suite in desktop VS Code through @vscode/test-electron,
 * on the minimum version the manifest accepts (`engines.vscode`) and on the current stable.
 * It downloads VS Code into `.vscode-test/`, so it needs internet (a desktop or CI with network);
 * on a machine without, `npm run test:e2e` runs the same suite in code-server.
 *
 *   npm run test:vscode                     # minimum and stable
 *   npm run test:vscode -- --version=1.95.0 # one given version ("stable", "insiders" too)
 */
import { runTests } from '@vscode/test-electron';
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');

/** `^1.91.0` / `>=1.91.0` / `1.91.0` → `1.91.0`: the oldest VS Code the manifest claims to support. */
export function minimumVersion(range: string): string {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(range);
  if (!match) throw new Error(`cannot read a minimum version from engines.vscode "${range}"`);
  return `${match[1]}.${match[2]}.${match[3]}`;
}

function versionsToTest(): string[] {
  const asked = process.argv.find((a) => a.startsWith('--version='))?.slice('--version='.length);
  if (asked) return [asked];
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { engines?: { vscode?: string } };
  const range = manifest.engines?.vscode;
  if (!range) throw new Error('package.json has no engines.vscode');
  return [...new Set([minimumVersion(range), 'stable'])];
}

/** A writable copy of the seeds in a fresh folder: the suite opens `<folder>/seeds/*.txt` and may write annotations. */
function workspaceCopy(): string {
  const folder = mkdtempSync(join(tmpdir(), 'news-lens-vscode-'));
  cpSync(join(repoRoot, 'seeds'), join(folder, 'seeds'), { recursive: true });
  // The repository's seeds are read-only; the copies may be edited by the suite.
  for (const name of readdirSync(join(folder, 'seeds'))) chmodSync(join(folder, 'seeds', name), 0o644);
  return folder;
}

async function main(): Promise<void> {
  const extensionTestsPath = join(repoRoot, 'out', 'integration', 'index.js');
  let failed = false;
  for (const version of versionsToTest()) {
    const workspace = workspaceCopy();
    console.log(`\n[test:vscode] VS Code ${version}, workspace ${workspace}`);
    try {
      const code = await runTests({
        version,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath,
        extensionTestsEnv: { NEWSLENS_INTEGRATION_REPORT: join(workspace, 'integration-report.json') },
        // Other installed extensions stay out; workspace trust would hold the extension back.
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      });
      if (code !== 0) failed = true;
    } catch (error) {
      failed = true;
      console.error(`[test:vscode] VS Code ${version}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }
  process.exit(failed ? 1 : 0);
}

if (require.main === module) void main();
