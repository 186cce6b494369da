import { readdirSync } from 'node:fs';
import * as path from 'node:path';

/** The encoding an editor reads a file in: UTF-16 when a UTF-16 byte-order mark opens it (as VS Code detects), else UTF-8. */
export function articleFileEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * What an editor shows of a file: UTF-16 after a UTF-16 byte-order mark (text saved by Windows tools), else UTF-8
 * with replacement characters; the byte-order mark dropped. Offsets into this text are the editor's.
 */
export function decodeArticleFile(bytes: Uint8Array): string {
  return new TextDecoder(articleFileEncoding(bytes), { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
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
