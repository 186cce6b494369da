import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sniffFolder } from '../archive/sniff';
import { onTypedRequest, type ServerContext } from '../context';
import { SniffFolderRequest, type SniffFolderParams, type SniffFolderResult } from '../protocol';
import { globToRegExp, matchesAny } from '../workspace/glob';
import type { Workspace } from '../workspace/workspace';
import { uriToPath } from '../util/uri';

/** The any-folder question's facts for one folder: how many .txt files, how many `newsLens.files` misses, whether they read as news. */
export async function provideSniffFolder(workspace: Workspace, folders: readonly string[], params: SniffFolderParams | null): Promise<SniffFolderResult> {
  const folder = uriToPath(params?.uri ?? '');
  if (!folder) throw new Error('newsLens/sniffFolder needs the file: URI of a folder');
  const resolved = path.resolve(folder);
  const root = folders.map((f) => path.resolve(f)).find((f) => resolved === f || resolved.startsWith(f + path.sep)) ?? null;
  const sniff = await sniffFolder(resolved);
  const globs = (await workspace.settings.get()).files.map(globToRegExp);
  const fromRoot = root ? path.relative(root, resolved).split(path.sep).join('/') : '';
  const unmatched = root ? sniff.relativePaths.filter((p) => !matchesAny(fromRoot ? `${fromRoot}/${p}` : p, globs)).length : sniff.txtFiles;
  return {
    txtFiles: sniff.txtFiles,
    unmatched,
    sampled: sniff.sampled,
    newsLike: sniff.newsLike,
    looksLikeNews: sniff.looksLikeNews,
    glob: fromRoot ? `${fromRoot}/**/*.txt` : '**/*.txt',
    workspaceFolder: root ? pathToFileURL(root).href : null,
  };
}

/** `newsLens/sniffFolder`: the any-folder question's facts (issue 13); the client asks the user. */
export function registerSniffFolder(context: ServerContext): void {
  onTypedRequest(context, SniffFolderRequest, (params) => provideSniffFolder(context.workspace, context.folders, params));
}
