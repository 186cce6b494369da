#!/usr/bin/env node
// Activation figures as VS Code shows them (Developer: Show Running Extensions), several per run: one isolated
// code-server, a window on a copy of the seeds, then Reload Window N times. The first figure is a cold start
// (a new install: no code cache yet); the reloads come after the launcher's cache is written (10 s after activation).
//
//   NEWSLENS_E2E_CACHE=/work/e2e-cache node test/e2e/activation.mjs PATH.vsix [reloads=2] [label]
//
// Compare two builds by interleaving runs of their .vsix files in the same minutes (the machine's load moves the figures).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cacheDir, chromiumPath, repoRoot, setup } from './setup.mjs';
import { freePort, installExtension, runLayout, startCodeServer, writeUserSettings } from './codeServer.mjs';
import { runCommand } from './ui.mjs';

const [vsix, reloadsArg = '2', label = 'activation'] = process.argv.slice(2);
if (!vsix) {
  console.error('usage: node test/e2e/activation.mjs PATH.vsix [reloads] [label]');
  process.exit(2);
}
await setup();
const runDir = join(cacheDir, 'runs', String(process.pid));
const layout = runLayout(runDir);
writeUserSettings(layout);
installExtension(layout, vsix);
const server = await startCodeServer(layout, { port: await freePort() });
const context = await chromium.launchPersistentContext(layout.browserProfile, {
  executablePath: chromiumPath,
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  env: { ...process.env, HOME: layout.home, TMPDIR: layout.tmp },
});
const workspace = join(runDir, 'workspace');
mkdirSync(workspace, { recursive: true });
cpSync(join(repoRoot, 'seeds'), join(workspace, 'seeds'), { recursive: true });
spawnSync('chmod', ['-R', 'u+w', workspace]);
const figures = [];
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`);
  for (let i = 0; i <= Number(reloadsArg); i++) {
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await runCommand(page, 'Developer: Show Running Extensions');
    const row = page
      .locator('.monaco-list-row', { hasText: 'News Lens' })
      .filter({ hasText: /\d+\s*ms/ })
      .first();
    await row.waitFor({ timeout: 60_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    figures.push(Number(/(\d+)\s*ms/.exec(text)[1]));
    console.log(`${label} window ${i}: ${text.slice(0, 120)}`);
    if (i < Number(reloadsArg)) {
      // Past the launcher's cache write; a fixed wait, as the cache file is not visible to the page.
      await page.waitForTimeout(12_000);
      await runCommand(page, 'Developer: Reload Window');
      await page.waitForTimeout(3_000);
    }
  }
} finally {
  await context.close().catch(() => {});
  await server.stop();
  rmSync(runDir, { recursive: true, force: true });
}
console.log(`${label}: ${figures.join(', ')} ms (the first cold)`);
