/**
 * The sidebar: the News Lens views are contributed and open, and the data they show (the
 * `newsLens/articles` answer per file, or a tree snapshot when the extension offers one) lists the
 * seed articles with their entity groups. The e2e UI pass also reads the rendered tree rows.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, allSeedUris, hasCommand, seedName, whenExtensionReady } from './helpers';
import type { ArticlesResult } from '../../server/src/protocol';

interface ContributedView {
  id: string;
  name: string;
}

interface TreeSnapshotNode {
  label: string;
  description?: string;
  children?: TreeSnapshotNode[];
}

function contributedViews(): ContributedView[] {
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { views?: Record<string, ContributedView[]> } } | undefined;
  return Object.values(manifest?.contributes?.views ?? {}).flat();
}

function flatten(nodes: readonly TreeSnapshotNode[]): string[] {
  return nodes.flatMap((n) => [`${n.label}${n.description ? ` ${n.description}` : ''}`, ...flatten(n.children ?? [])]);
}

export function defineViewsSuite(): void {
  suite('News Lens sidebar', () => {
    suiteSetup(async function () {
      this.timeout(120_000);
      await whenExtensionReady();
    });

    test('the Articles, Entities and Quotations views are contributed and open', async () => {
      const views = contributedViews();
      for (const name of ['Articles', 'Entities', 'Quotations']) {
        const view = views.find((v) => v.name === name);
        assert.ok(view, `no view named ${name}; contributed: ${views.map((v) => `${v.id} (${v.name})`).join(', ')}`);
        // VS Code registers `<view id>.focus` for every contributed view: opening it must not fail.
        await vscode.commands.executeCommand(`${view.id}.focus`);
      }
    });

    test('the Articles view lists every seed file with its articles', async () => {
      assert.ok(await hasCommand('newsLens.debug.treeSnapshot'), 'the extension offers no newsLens.debug.treeSnapshot: the content of the Articles tree cannot be checked from a test');
      // file → article, as the tree shows them.
      const snapshot = (await vscode.commands.executeCommand<TreeSnapshotNode[]>('newsLens.debug.treeSnapshot', 'articles')) ?? [];
      const rows = flatten(snapshot);
      const seeds = (await allSeedUris()).map(seedName);
      for (const seed of seeds) {
        const file = snapshot.find((n) => n.label.includes(seed));
        assert.ok(file, `the Articles tree has no row for ${seed}; top rows: ${snapshot.map((n) => n.label).join(' | ')}`);
        assert.ok(file.children?.length, `the Articles tree lists no article under ${seed}`);
      }
      // Headlines read off the seeds: 004 line 2, 003 line 1, 000 line 37, 001 line 75.
      for (const expected of ['Syria, al-Assad seeks to strengthen his support', 'Zelenskiy Arrives In Paris', 'What’s Behind the Protests', 'Cafes Can’t Play Music']) {
        assert.ok(
          rows.some((r) => r.includes(expected)),
          `the Articles tree lacks "${expected}": ${rows.slice(0, 40).join(' | ')}`,
        );
      }
      const page = snapshot.find((n) => n.label.includes('000_'))!;
      assert.equal(page.children?.length, 4, `000 holds four articles in the tree: ${page.children?.map((c) => c.label).join(' | ')}`);
      // The People / Places / Organizations groups under an article are read on screen by the e2e UI pass.
    });

    test('the data behind the tree: counts and entities of the 004 article', async () => {
      const files = await vscode.workspace.findFiles('**/seeds/004_*.txt');
      const answer = await vscode.commands.executeCommand<ArticlesResult>('newsLens.debug.articles');
      const file = answer?.files.find((f) => seedName(vscode.Uri.parse(f.uri)) === seedName(files[0]));
      assert.ok(file, `newsLens.debug.articles lists no 004: ${answer?.files.map((f) => f.uri).join(', ')}`);
      const article = file.articles[0];
      assert.match(article.title ?? '', /Syria, al-Assad seeks to strengthen his support/);
      assert.equal(article.date, '2024-12-02');
      assert.ok(article.counts.person >= 5, `004 names at least Assad, Rami Abdel Rahman, Abbas Araghchi, Hakan Fidan, Erdogan: counts ${JSON.stringify(article.counts)}`);
      assert.ok(article.counts.place >= 5 && article.counts.organization >= 2, `counts ${JSON.stringify(article.counts)}`);
      assert.ok(
        article.entities.some((e) => e.kind === 'place' && e.name === 'Aleppo'),
        'Aleppo is not among the places of 004',
      );
    });
  });
}
