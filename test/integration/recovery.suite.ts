/**
 * Faults in a real editor: the language server killed mid-session is restarted by the client, and
 * hovers, the server's answers and the Articles view come back without the user doing anything.
 * Runs last: it replaces the server the other suites used.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { eventually, hoverText, openSeed, positionOf, skipWithReason, whenExtensionReady } from './helpers';
import type { ArticlesResult } from '../../server/src/protocol';

interface TreeSnapshotNode {
  label: string;
  children?: TreeSnapshotNode[];
}

/** The News Lens server: a child of this extension host (the client forks it for the IPC transport). */
function serverPids(): number[] {
  try {
    const out = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'dist/server.js'], { encoding: 'utf8' });
    return out.split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

export function defineRecoverySuite(): void {
  suite('News Lens after a server crash', () => {
    suiteSetup(async function () {
      this.timeout(120_000);
      await whenExtensionReady();
    });

    test('a server killed mid-session is restarted by the client; hover, requests and the Articles view recover', async function () {
      this.timeout(150_000);
      if (process.platform === 'win32') skipWithReason(this, 'finds the server process with pgrep (Linux and macOS)');
      const document = (await openSeed('004')).document;
      const before = serverPids();
      assert.equal(before.length, 1, `expected one News Lens server process under the extension host ${process.pid}, found ${before.join(', ') || 'none'}`);
      process.kill(before[0], 'SIGKILL');

      const restarted = await eventually(
        () => {
          const now = serverPids();
          assert.ok(now.length === 1 && now[0] !== before[0], `no new server process yet (before ${before[0]}, now ${now.join(', ') || 'none'})`);
          return now[0];
        },
        60_000,
        250,
      );
      assert.notEqual(restarted, before[0]);

      // The new server answers features for the open document…
      const at = positionOf(document, 3, 'Aleppo', 2);
      await eventually(
        async () => {
          const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at));
          assert.match(text, /Aleppo[\s\S]*place|place[\s\S]*Aleppo/i, `hover after the restart: ${text || 'none'}`);
        },
        60_000,
        500,
      );
      // …and the custom requests behind the views, with the workspace index rebuilt.
      await vscode.commands.executeCommand('newsLens.whenReady');
      const answer = await vscode.commands.executeCommand<ArticlesResult>('newsLens.debug.articles');
      assert.ok((answer?.files.length ?? 0) >= 5, `newsLens/articles after the restart lists ${answer?.files.length ?? 0} files`);
      await eventually(
        async () => {
          const snapshot = (await vscode.commands.executeCommand<TreeSnapshotNode[]>('newsLens.debug.treeSnapshot', 'articles')) ?? [];
          const rows = JSON.stringify(snapshot);
          assert.ok(rows.includes('Syria, al-Assad seeks to strengthen his support'), `the Articles view after the restart: ${rows.slice(0, 300)}`);
        },
        30_000,
        500,
      );
      assert.deepEqual(serverPids(), [restarted], 'one server runs after the restart');
    });
  });
}
