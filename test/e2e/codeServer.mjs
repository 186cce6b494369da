// Starting and stopping an isolated code-server: its own HOME, XDG folders, TMPDIR, user data and
// extensions folders inside the run folder, started detached so its whole process group
// (extension host, language server, file watcher) can be killed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEntry, nodeBin, node24Env } from './setup.mjs';

/** Folders of one run, all below `runDir`. */
export function runLayout(runDir) {
  const layout = {
    runDir,
    home: join(runDir, 'home'),
    tmp: join(runDir, 'tmp'),
    userData: join(runDir, 'user-data'),
    extensions: join(runDir, 'extensions'),
    logs: join(runDir, 'logs'),
    browserProfile: join(runDir, 'browser-profile'),
  };
  for (const dir of Object.values(layout)) mkdirSync(dir, { recursive: true });
  for (const xdg of ['config', 'data', 'cache', 'state', 'runtime']) mkdirSync(join(layout.home, `.xdg-${xdg}`), { recursive: true });
  return layout;
}

export function isolatedEnv(layout, extra = {}) {
  const env = node24Env({
    PATH: process.env.PATH,
    LANG: process.env.LANG ?? 'C.UTF-8',
    HOME: layout.home,
    XDG_CONFIG_HOME: join(layout.home, '.xdg-config'),
    XDG_DATA_HOME: join(layout.home, '.xdg-data'),
    XDG_CACHE_HOME: join(layout.home, '.xdg-cache'),
    XDG_STATE_HOME: join(layout.home, '.xdg-state'),
    XDG_RUNTIME_DIR: join(layout.home, '.xdg-runtime'),
    TMPDIR: layout.tmp,
    ...extra,
  });
  // node24Env disables the compile cache for building code-server's addons; at run time the editor, the extension's
  // launcher and its language server run as they do for a user, with it.
  delete env.NODE_DISABLE_COMPILE_CACHE;
  return env;
}

/** User settings for a quiet, deterministic workbench. */
export function writeUserSettings(layout) {
  const userDir = join(layout.userData, 'User');
  mkdirSync(userDir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'editor.minimap.enabled': false,
    'editor.wordWrap': 'on',
    'editor.hover.delay': 150,
    'editor.fontSize': 14,
    'window.commandCenter': false,
    'git.enabled': false,
    'files.watcherExclude': { '**/node_modules/**': true },
  };
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `code-server --install-extension` into the run's isolated folders. */
export function installExtension(layout, vsixPath) {
  const started = Date.now();
  const result = spawnSync(nodeBin, [codeServerEntry, '--user-data-dir', layout.userData, '--extensions-dir', layout.extensions, '--install-extension', vsixPath, '--force'], {
    env: isolatedEnv(layout),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`installing ${vsixPath} into code-server failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
  }
  return Date.now() - started;
}

/**
 * Starts code-server detached (its own process group) and resolves once it listens.
 * `stop()` kills the whole group: SIGTERM, then SIGKILL if anything is left after 5 s.
 */
export async function startCodeServer(layout, { port, extraEnv = {}, timeoutMs = 60_000 }) {
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    layout.userData,
    '--extensions-dir',
    layout.extensions,
    '--ignore-last-opened',
    // Without the smoke-test driver, the workbench ignores the extension-test payload of the URL.
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  const child = spawn(nodeBin, args, { env: isolatedEnv(layout, extraEnv), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logLines = [];
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const group = -child.pid;
    const alive = () => {
      try {
        process.kill(group, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(group, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 5_000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive()) {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };

  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen on port ${port} within ${timeoutMs / 1000} s:\n${logLines.slice(-30).join('\n')}`)), timeoutMs);
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        logLines.push(line);
        if (/HTTP server listening on/.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${signal ?? `exit ${code}`}):\n${logLines.slice(-30).join('\n')}`));
    });
  });
  try {
    await listening;
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, port, stop, logLines };
}
