import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Where the corpus database of a workspace lives when nobody says (the editor passes its workspace
 * storage as `initializationOptions.databasePath`; the CLI takes `--db`): the user's cache folder,
 * `$XDG_CACHE_HOME` or `~/.cache`, then `news-lens/<hash of the workspace folders>.sqlite`.
 */
export function defaultDatabasePath(folders: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  const key = createHash('sha1')
    .update(
      [...folders]
        .map((f) => path.resolve(f))
        .sort()
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
  return path.join(cache, 'news-lens', `${key}.sqlite`);
}
