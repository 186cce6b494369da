/**
 * A user correction through a code action changes the highlighting of every matching mention,
 * and removing it restores the machine's reading. The code actions come from
 * `vscode.executeCodeActionProvider` and are applied the way the light bulb applies them: their
 * edit, then their command (the `newsLens.annotate.*` commands). Fails while the feature is absent.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, openSeed, positionOf, rangeOf, semanticTokens, tokensAt, whenExtensionReady, describeTokens } from './helpers';

async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<(vscode.CodeAction | vscode.Command)[]> {
  return (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

/** A provider may return bare Commands (`command` is the id) or CodeActions (`command` is a Command). */
function commandOf(action: vscode.CodeAction | vscode.Command): vscode.Command | undefined {
  if (typeof action.command === 'string') return action as vscode.Command;
  return (action as vscode.CodeAction).command;
}

function describeActions(actions: readonly (vscode.CodeAction | vscode.Command)[]): string {
  return actions.map((a) => `"${a.title}"${commandOf(a) ? ` (${commandOf(a)!.command})` : ''}`).join(', ') || 'none';
}

async function apply(action: vscode.CodeAction | vscode.Command): Promise<void> {
  if ('edit' in action && action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${action.title}" was not applied`);
  const command = commandOf(action);
  if (command) await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
}

export function defineAnnotationsSuite(): void {
  suite('News Lens annotations', () => {
    suiteSetup(async function () {
      this.timeout(120_000);
      await whenExtensionReady();
    });

    test('"Mark as Organization" on a place re-highlights it, "Remove my correction" restores it', async function () {
      this.timeout(90_000);
      const document = (await openSeed('004')).document;
      // Line 13: "…nine civilians in the rebel stronghold of Idlib." Idlib is a place (also on lines 14 and 16).
      const idlib = rangeOf(document, 12, 'Idlib');
      const actions = await codeActionsAt(document.uri, idlib);
      // A correction to "organization": by title ("Mark as Organization", "News Lens: this is an organization"…).
      const mark = actions.find((a) => /organi[sz]ation/i.test(a.title) && !/remove|undo|clear/i.test(a.title));
      assert.ok(mark, `annotations: no code action on "Idlib" (a place) corrects it to an organization; offered: ${describeActions(actions)}`);

      const kindsAt = async (line: number): Promise<string[]> => tokensAt(await semanticTokens(document.uri), positionOf(document, line, 'Idlib', 2)).map((t) => t.type);
      assert.ok((await kindsAt(12)).includes('place'), 'Idlib starts as a place');
      await apply(mark);
      await eventually(async () => {
        for (const line of [12, 13, 15]) {
          const kinds = await kindsAt(line);
          assert.ok(
            kinds.includes('organization'),
            `after the correction, Idlib on line ${line + 1} is ${kinds.join(',') || 'untokenized'}; ${describeTokens(await semanticTokens(document.uri), document, line)}`,
          );
        }
      }, 15_000);

      const afterwards = await codeActionsAt(document.uri, idlib);
      const remove = afterwards.find((a) => /remove|undo|clear|revert/i.test(a.title) && /correction|annotation|mark/i.test(a.title));
      assert.ok(remove, `no code action removes the correction on a corrected mention; offered: ${describeActions(afterwards)}`);
      await apply(remove);
      await eventually(async () => assert.ok((await kindsAt(12)).includes('place'), 'Idlib is a place again after removing the correction'), 15_000);
    });
  });
}
