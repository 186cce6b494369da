#!/usr/bin/env node
// `npm run test:e2e`: the integration suite inside a real VS Code (code-server from npm, driven
// headless by playwright-core in Debian's chromium), then a UI pass that uses the editor as a
// person would and saves screenshots to test/e2e/screenshots/.
//
//   1. setup: Node 24 + code-server cached in test/e2e/cache/ (see setup.mjs)
//   2. build, package the extension (.vsix), install it into an isolated code-server
//   3. integration pass: open a copy of seeds/ with the extension-test payload; the suite's exit
//      code comes back through window.codeAutomationExit; its report through a JSON file
//   4. UI pass: hovers, sidebar, Outline, Next Article, Go to Article…, screenshots
//   5. always: close the browser, kill code-server's process group
//
// Options: --skip-ui, --skip-tests, --no-build (use the current dist/ and out/),
//          --vsix=PATH (install this package instead of packaging the working tree).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { cacheDir, chromiumPath, repoRoot, setup } from './setup.mjs';
import { freePort, installExtension, runLayout, startCodeServer, writeUserSettings } from './codeServer.mjs';
import { runUiPass } from './ui.mjs';

const argv = new Set(process.argv.slice(2));
const givenVsix = process.argv.find((a) => a.startsWith('--vsix='))?.slice('--vsix='.length);
const INTEGRATION_TIMEOUT_MS = 6 * 60_000;
const EXTENSION_ID = 'news-lens.news-lens';

const timings = {};
function log(message) {
  console.log(`[e2e] ${message}`);
}
async function timed(name, work) {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[name] = Date.now() - started;
    log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error?.code === 'EPERM';
  }
}

function packageExtension(vsixPath) {
  const ignore = join(repoRoot, '.vscodeignore');
  if (!existsSync(ignore) || !/^test\/?\*\*|^test\//m.test(readFileSync(ignore, 'utf8'))) {
    throw new Error('.vscodeignore must exclude test/ (test/e2e/cache holds ~800 MB of code-server and Node)');
  }
  rmSync(vsixPath, { force: true });
  run(join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsixPath]);
  const size = statSync(vsixPath).size;
  log(`packaged ${vsixPath} (${(size / 1024).toFixed(0)} kB)`);
  return size;
}

/** The installed extension's folder, used as extensionDevelopmentPath so the tests run the packaged code. */
function installedExtensionDir(extensionsDir) {
  const name = readdirSync(extensionsDir).find((n) => n.startsWith(`${EXTENSION_ID}-`));
  if (!name) throw new Error(`${EXTENSION_ID} is not in ${extensionsDir} after --install-extension`);
  return join(extensionsDir, name);
}

function copySeeds(target) {
  mkdirSync(target, { recursive: true });
  cpSync(join(repoRoot, 'seeds'), join(target, 'seeds'), { recursive: true });
  // The seeds are read-only in the repository; the copies must be writable (annotations, edits).
  spawnSync('chmod', ['-R', 'u+w', target]);
  return target;
}

function launchBrowser(layout) {
  return chromium.launchPersistentContext(layout.browserProfile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-breakpad',
      '--disable-crash-reporter',
    ],
    env: { ...process.env, HOME: layout.home, TMPDIR: layout.tmp },
  });
}

async function integrationPass(context, server, devPath, workspace) {
  const testsPath = join(repoRoot, 'out', 'integration', 'index.js');
  if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: the build did not bundle test/integration/index.ts`);
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const page = await context.newPage();
  let settle;
  const exitCode = new Promise((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The host forwards console calls with their format string and arguments (mocha logs "%s) %s:").
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) console.log(`  [vscode ${type}] ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle(code));
  page.on('pageerror', (error) => console.log(`  [page error] ${error.message}`));
  log(`opening the workbench with the extension tests: ${url.slice(0, 120)}…`);
  await page.goto(url);
  const code = await Promise.race([
    exitCode,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`the integration suite did not finish within ${INTEGRATION_TIMEOUT_MS / 60_000} min`)), INTEGRATION_TIMEOUT_MS)),
  ]);
  await page.close().catch(() => {});
  return code;
}

function printReport(reportPath) {
  if (!existsSync(reportPath)) {
    log(`no integration report at ${reportPath} (the suite did not get to run: see the log above)`);
    return null;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const counts = { passed: 0, failed: 0, pending: 0, notRun: 0 };
  console.log('\nIntegration suite (inside code-server):');
  for (const test of report.tests) {
    counts[test.state]++;
    const mark = { passed: '✔', failed: '✘', notRun: '✘ (not run)', pending: '-' }[test.state] ?? '?';
    console.log(`  ${mark} ${test.title}${test.durationMs !== undefined ? ` (${test.durationMs} ms)` : ''}${test.reason ? ` — skipped: ${test.reason}` : ''}`);
    if (test.error)
      console.log(
        test.error
          .split('\n')
          .slice(0, test.state === 'notRun' ? 1 : 8)
          .map((l) => `      ${l}`)
          .join('\n'),
      );
  }
  console.log(`  ${counts.passed} passed, ${counts.failed} failed, ${counts.notRun} not run, ${counts.pending} skipped`);
  const m = report.metrics ?? {};
  console.log(
    `  VS Code ${report.vscodeVersion ?? '?'}; activation ${m.activationMs !== undefined ? `${m.activationMs} ms` : `not measured (${m.activationNote ?? 'no figure'})`}; open seed → newsLens.whenReady ${m.readyMs !== undefined ? `${m.readyMs} ms` : '—'}\n`,
  );
  // Kept beside the cache for the benchmark (bench reads the activation figure from here).
  writeFileSync(join(cacheDir, 'last-integration-report.json'), JSON.stringify(report, null, 2));
  return counts;
}

async function main() {
  const started = Date.now();
  await timed('setup (Node 24, code-server, chromium)', () => setup());
  if (!argv.has('--no-build')) await timed('build', () => run('npm', ['run', 'build']));

  // One folder per run (several e2e runs may share the cache at once); folders of finished runs go.
  const runsDir = join(cacheDir, 'runs');
  mkdirSync(runsDir, { recursive: true });
  for (const name of readdirSync(runsDir)) {
    if (!/^\d+$/.test(name) || !processAlive(Number(name))) rmSync(join(runsDir, name), { recursive: true, force: true });
  }
  const runDir = join(runsDir, String(process.pid));
  rmSync(runDir, { recursive: true, force: true });
  const layout = runLayout(runDir);
  log(`run folder ${runDir}`);
  writeUserSettings(layout);
  const vsixPath = givenVsix ?? join(runDir, 'news-lens.vsix');
  if (!givenVsix) await timed('package .vsix', () => packageExtension(vsixPath));
  await timed('install .vsix into code-server', () => installExtension(layout, vsixPath));
  const devPath = installedExtensionDir(layout.extensions);

  const reportPath = join(runDir, 'integration-report.json');
  const port = await freePort();
  let server;
  let context;
  let failed = false;
  const cleanup = async () => {
    await context?.close().catch(() => {});
    await server?.stop();
  };
  const onSignal = (signal) => {
    log(`${signal}: stopping code-server`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await timed('start code-server', () => startCodeServer(layout, { port, extraEnv: { NEWSLENS_INTEGRATION_REPORT: reportPath } }));
    context = await timed('launch chromium', () => launchBrowser(layout));

    if (!argv.has('--skip-tests')) {
      const code = await timed('integration pass', () => integrationPass(context, server, devPath, copySeeds(join(runDir, 'workspace-tests'))));
      const counts = printReport(reportPath);
      if (code !== 0 || !counts || counts.failed > 0 || counts.notRun > 0) {
        failed = true;
        log(`integration suite FAILED (exit code ${code})`);
      } else {
        log('integration suite passed');
      }
    }
    if (!argv.has('--skip-ui')) {
      const keepMetrics = (metrics) => {
        if (metrics && Object.keys(metrics).length) writeFileSync(join(cacheDir, 'last-ui-metrics.json'), JSON.stringify({ ...metrics, finishedAt: new Date().toISOString() }, null, 2));
      };
      try {
        const { metrics } = await timed('UI pass', () =>
          runUiPass(context, server, copySeeds(join(runDir, 'workspace-ui')), join(repoRoot, 'test', 'e2e', 'screenshots'), join(runDir, 'screenshots'), join(runDir, 'failure-screenshots')),
        );
        keepMetrics(metrics);
        log('UI pass passed');
      } catch (error) {
        failed = true;
        keepMetrics(error?.metrics);
        log(`UI pass FAILED: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } catch (error) {
    failed = true;
    log(`FAILED: ${error instanceof Error ? error.stack : String(error)}`);
    if (server) console.log(`last code-server output:\n${server.logLines.slice(-20).join('\n')}`);
  } finally {
    await timed('stop code-server', cleanup);
  }
  log(`total ${((Date.now() - started) / 1000).toFixed(1)} s; timings (ms): ${JSON.stringify(timings)}`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`[e2e] ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
