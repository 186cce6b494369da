/**
 * The language server (dist/server.js over stdio) on a temporary copy of the seeds, indexed and
 * ready: for the tests that need a process (file watching, cancellation, the annotations file).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexStatus, NewsLensSettings } from '../../server/src/protocol';
import { LspSession, fileUri, repoRoot } from './lspHarness';

export interface SeedsSession {
  /** The workspace folder (a copy of `seeds/` inside it). */
  readonly folder: string;
  readonly session: LspSession;
  readonly seedDir: string;
  /** The path of the seed whose name starts with a prefix (`'004'`). */
  seedPath(prefix: string): string;
  seedUri(prefix: string): string;
  /** Stops the server and deletes the folder. */
  stop(): Promise<void>;
}

export async function startSeedsSession(name: string, options: { settings?: Partial<NewsLensSettings>; prepare?: (folder: string) => void } = {}): Promise<SeedsSession> {
  const folder = mkdtempSync(join(tmpdir(), `newslens-${name}-`));
  const seedDir = join(folder, 'seeds');
  cpSync(join(repoRoot(), 'seeds'), seedDir, { recursive: true });
  options.prepare?.(folder);
  const session = await LspSession.start({ workspaceFolder: folder, ...(options.settings ? { settings: options.settings } : {}) });
  await session.waitForNotification('newsLens/indexStatus', (p) => (p as IndexStatus).state === 'ready', 120_000);
  const seedPath = (prefix: string): string =>
    join(
      seedDir,
      readdirSync(seedDir).find((n) => n.startsWith(prefix))!,
    );
  return {
    folder,
    session,
    seedDir,
    seedPath,
    seedUri: (prefix) => fileUri(seedPath(prefix)),
    stop: async () => {
      await session.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
