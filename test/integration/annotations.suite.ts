/**
 * A user correction through a code action changes the highlighting of every matching mention,
 * and removing it restores the machine's reading. Skipped, with the reason, while the
 * annotations feature is absent (no "Mark as …" code action is offered on a mention).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, openSeed, positionOf, rangeOf, semanticTokens, skipWithReason, tokensAt, whenExtensionReady, describeTokens } from './helpers';

async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<(vscode.CodeAction | vscode.Command)[]> {
  return (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

async function apply(action: vscode.CodeAction | vscode.Command): Promise<void> {
  if ('edit' in action && action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${action.title}" was not applied`);
  const command = 'command' in action && typeof action.command === 'object' ? action.command : 'command' in action && typeof action.command === 'string' ? (action as vscode.Command) : undefined;
  if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
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
      const mark = actions.find((a) => /Mark as Organi[sz]ation/i.test(a.title));
      if (!actions.some((a) => /^Mark as /i.test(a.title))) {
        skipWithReason(this, `annotations feature absent: no "Mark as …" code action on a mention (offered: ${actions.map((a) => a.title).join(', ') || 'none'})`);
      }
      assert.ok(mark, `no "Mark as Organization" among ${actions.map((a) => a.title).join(', ')}`);

      const kindsAt = async (line: number): Promise<string[]> => tokensAt(await semanticTokens(document.uri), positionOf(document, line, 'Idlib', 2)).map((t) => t.type);
      assert.ok((await kindsAt(12)).includes('place'), 'Idlib starts as a place');
      await apply(mark);
      await eventually(async () => {
        for (const line of [12, 13, 15]) {
          const kinds = await kindsAt(line);
          assert.ok(kinds.includes('organization'), `after the correction, Idlib on line ${line + 1} is ${kinds.join(',') || 'untokenized'}; ${describeTokens(await semanticTokens(document.uri), document, line)}`);
        }
      }, 15_000);

      const remove = (await codeActionsAt(document.uri, idlib)).find((a) => /Remove my correction/i.test(a.title));
      assert.ok(remove, 'no "Remove my correction" code action on a corrected mention');
      await apply(remove);
      await eventually(async () => assert.ok((await kindsAt(12)).includes('place'), 'Idlib is a place again after removing the correction'), 15_000);
    });
  });
}
