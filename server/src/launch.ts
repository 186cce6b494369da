import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * Loads a bundle (dist/cliMain.js, dist/serverMain.js, dist/clientMain.js) with V8's code cache, so a start does not
 * compile the same ~1 MB of JavaScript again. On Node ≥ 22.1 this is Node's own compile cache
 * (`module.enableCompileCache()`); on older Node, the same through `vm.Script`'s cached data, kept in
 * a private folder of the temporary directory. Any failure falls back to a plain `require`.
 */
export function loadBundle(file: string, options: { persistAfterMs?: number; privateCache?: boolean } = {}): unknown {
  // `privateCache`: never Node's compile cache, which is process-wide (in VS Code's extension host it would
  // cache every other extension's modules too); always this bundle's own.
  const enable = options.privateCache ? undefined : (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (typeof enable === 'function' || process.env.NODE_DISABLE_COMPILE_CACHE) {
    try {
      enable?.();
    } catch {
      // No cache: the bundle still loads.
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle's path is known at run time only
    return require(file);
  }
  const cacheFile = cacheFileFor(file);
  let source: string;
  try {
    // A shebang line is not JavaScript inside the module wrapper.
    source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above: loads the bundle without the cache
    return require(file);
  }
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // First start: compiled now, cached below.
  }
  const script = new vm.Script(nodeModule.Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // After the bundle has run, so the functions the start compiled are in the cache too.
    let written = false;
    const persist = (): void => {
      if (written) return;
      written = true;
      writeCache(cacheFile, script.createCachedData());
    };
    process.once('exit', persist);
    if (options.persistAfterMs !== undefined) setTimeout(persist, options.persistAfterMs).unref();
  }
  const mod = new nodeModule.Module(file, module);
  mod.filename = file;
  mod.paths = (nodeModule.Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, nodeModule.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}

/**
 * The cache file of a bundle: named by its path, size, time and the Node build, in a folder only this
 * user can write (a cache planted by someone else would run as our code), or null when there is none.
 */
function cacheFileFor(file: string): string | null {
  try {
    const stat = statSync(file);
    const dir = path.join(tmpdir(), `news-lens-compile-cache-${process.getuid?.() ?? 'user'}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const owner = statSync(dir);
    if (process.getuid && (owner.uid !== process.getuid() || (owner.mode & 0o022) !== 0)) return null;
    const identity = `${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`;
    const key = createHash('sha256').update(identity).digest('hex').slice(0, 32);
    return path.join(dir, `${key}.bin`);
  } catch {
    return null;
  }
}

function writeCache(cacheFile: string, data: Buffer): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, cacheFile);
  } catch {
    // A cache that cannot be written only costs the next start its compile time.
  }
  pruneCaches(path.dirname(cacheFile), cacheFile);
}

/** A cache file not written again for this long belongs to a bundle that was replaced (an update, a rebuild). */
const STALE_CACHE_MS = 14 * 24 * 3600 * 1000;

/**
 * Removes the folder's cache files that were not written for two weeks (and temporary files left by a writer that
 * died), when a new cache is written: every build or update of a bundle makes a new one (~3 MB), and nothing else
 * ever removed the old. A cache still in use that is removed is only written again by its next start.
 */
function pruneCaches(dir: string, keep: string): void {
  try {
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (file === keep || !/\.(?:bin|tmp)$/.test(name)) continue;
      const age = now - statSync(file).mtimeMs;
      if (age > STALE_CACHE_MS || (name.endsWith('.tmp') && age > 3600 * 1000)) unlinkSync(file);
    }
  } catch {
    // Pruning is housekeeping: a failure leaves the old files, nothing else.
  }
}
