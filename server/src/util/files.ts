import { readdirSync } from 'node:fs';
import * as path from 'node:path';

/** What an editor shows of a file: UTF-8 with replacement characters, the byte-order mark dropped. */
export function decodeArticleFile(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * Every file below a folder, as `/`-separated paths relative to it, in walk order; folders named in
 * `skip` are not entered. An unreadable folder is passed over (the CLI reports what it cannot match).
 */
export function filesBelow(folder: string, skip: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (skip.has(e.name)) continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), childRel);
      else found.push(childRel);
    }
  };
  walk(folder, '');
  return found;
}
