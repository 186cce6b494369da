/**
 * Navigation: Next / Previous Article move the cursor between headlines, and "Go to Article…"
 * offers every article of the workspace. Headline lines were read off the seed text.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, allSeedUris, eventually, hasCommand, openSeed, seedName, whenExtensionReady } from './helpers';
import type { ArticlesResult } from '../../server/src/protocol';

/** What the extension's `activate` may return for tests and other extensions: its request channel. */
interface NewsLensApi {
  sendRequest?: (method: string, params?: unknown) => Promise<unknown>;
  client?: { sendRequest: (method: string, params?: unknown) => Promise<unknown> };
}

async function requestArticles(): Promise<ArticlesResult> {
  const api = vscode.extensions.getExtension<NewsLensApi>(EXTENSION_ID)?.exports;
  const send = api?.sendRequest ?? (api?.client ? api.client.sendRequest.bind(api.client) : undefined);
  if (send) return (await send('newsLens/articles', {})) as ArticlesResult;
  if (await hasCommand('newsLens.debug.articles')) {
    return await vscode.commands.executeCommand<ArticlesResult>('newsLens.debug.articles');
  }
  assert.fail('the extension gives tests no way to read the "Go to Article…" data: neither an exported sendRequest/client nor a newsLens.debug.articles command');
}

export function defineNavigationSuite(): void {
  suite('News Lens navigation', () => {
    suiteSetup(async function () {
      this.timeout(120_000);
      await whenExtensionReady();
    });

    test('Next Article and Previous Article move the cursor between headlines', async () => {
      const editor = await openSeed('000');
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      /** Runs a navigation command and waits (bounded) for the cursor to land on `line`. */
      const move = async (command: string, line: number, why: string): Promise<void> => {
        await vscode.commands.executeCommand(command);
        await eventually(() => assert.equal(editor.selection.active.line + 1, line + 1, `${command}: ${why}`), 5_000, 50);
      };
      // 000: Syria (line 1), Georgia (line 37; its section headings such as line 57 are not articles),
      // Trump/Gaza (line 81; line 82 repeats it), then the untitled Belgium article (line 100).
      await move('newsLens.nextArticle', 36, 'from line 1 to the Georgia headline, line 37');
      await move('newsLens.nextArticle', 80, 'to the Trump/Gaza headline, line 81');
      await move('newsLens.nextArticle', 99, 'to the untitled Belgium article, line 100');
      await move('newsLens.previousArticle', 80, 'back to the Trump/Gaza headline');
      // From inside an article body (line 41), Next goes to the following headline, skipping the sections.
      editor.selection = new vscode.Selection(40, 5, 40, 5);
      await move('newsLens.nextArticle', 80, 'from line 41, past the Georgia sections, to line 81');
      // The renderer reports the scrolled ranges to the extension host after the move.
      await eventually(
        () =>
          assert.ok(
            editor.visibleRanges.some((r) => r.contains(editor.selection.active)),
            `the new headline (line 81) is not scrolled into view: visible ${editor.visibleRanges.map((r) => `${r.start.line + 1}–${r.end.line + 1}`).join(', ')}`,
          ),
        5_000,
        50,
      );
    });

    test('"Go to Article…" is a command and its data lists the articles of every seed', async () => {
      assert.ok(await hasCommand('newsLens.goToArticle'), 'command newsLens.goToArticle is not registered');
      const result = await requestArticles();
      const byFile = new Map(result.files.map((f) => [seedName(vscode.Uri.parse(f.uri)), f.articles]));
      for (const seed of (await allSeedUris()).map(seedName)) {
        assert.ok(byFile.get(seed)?.length, `no articles listed for ${seed} (files listed: ${[...byFile.keys()].join(', ')})`);
      }
      const titles = result.files.flatMap((f) => f.articles.map((a) => a.title ?? ''));
      for (const expected of [
        'Ukraine Says It Killed General Who Led Russia’s Nuclear Defense Force', // 001 line 4
        'Cafes Can’t Play Music, but the Water Taps Work: Life Under Syria’s Rebels', // 001 line 75
        'What’s Behind the Protests in the Country of Georgia?', // 000 line 37
        'Syria, al-Assad seeks to strengthen his support', // 004 line 2
      ]) {
        assert.ok(
          titles.some((t) => t.includes(expected)),
          `"Go to Article…" lacks "${expected}"`,
        );
      }
      // 000 line 100 starts an article without a headline: "A new law gives some sex workers in Belgium…".
      const page = [...byFile.entries()].find(([name]) => name.startsWith('000_'))?.[1] ?? [];
      const untitled = page.find((a) => a.title === null);
      assert.ok(untitled, `the untitled article of 000 is not listed: ${page.map((a) => a.title).join(' | ')}`);
      assert.match(untitled.preview, /^A new law gives some sex workers/, 'an untitled article is listed by its first words');
    });

    test('"Go to Article…" opens the picked article in its file', async () => {
      const start = await openSeed('004');
      start.selection = new vscode.Selection(5, 0, 5, 0);
      // The command shows a quick pick and resolves once it is closed; accept the first item
      // (the first article of 000, "Russia and Iran Pledge Support…", line 1) as Enter would.
      // Enter before the items are loaded closes the pick with nothing chosen: then open it again.
      let closed = true;
      let picking: Thenable<unknown> = Promise.resolve();
      await eventually(
        async () => {
          if (closed) {
            closed = false;
            picking = vscode.commands.executeCommand('newsLens.goToArticle');
            void Promise.resolve(picking).finally(() => (closed = true));
            await new Promise((resolve) => setTimeout(resolve, 300));
          }
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          const editor = vscode.window.activeTextEditor;
          assert.ok(editor && seedName(editor.document.uri).startsWith('000_'), `the picked article's file is not open: ${editor ? seedName(editor.document.uri) : 'no editor'}`);
          assert.equal(editor.selection.active.line, 0, 'the cursor is not on the picked headline (line 1)');
        },
        15_000,
        200,
      );
      await picking;
    });
  });
}
