import * as vscode from 'vscode';
import type { SniffFolderResult } from '../../server/src/protocol';
import type { ServerApi } from './serverApi';

/** Remembered per workspace: the question is asked once, whatever the answer. */
const ASKED_KEY = 'newsLens.anyFolderAsked';

/** Adds a glob to `newsLens.files` of the workspace folder (or the workspace when it has one folder). */
async function addGlob(result: SniffFolderResult): Promise<void> {
  const folder = result.workspaceFolder ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(result.workspaceFolder)) : undefined;
  const config = vscode.workspace.getConfiguration('newsLens', folder?.uri);
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const target = multiRoot && folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  const current = config.get<string[]>('files', []);
  if (current.includes(result.glob)) return;
  await config.update('files', [...current, result.glob], target);
}

/**
 * Any folder (issue 13): when a workspace folder holds `.txt` files that `newsLens.files` leaves out and
 * that look like news (the server reads a few), ask once whether to treat them as articles; "Yes" writes
 * `newsLens.files` for the workspace. The Explorer's "Add Folder to News Lens" does it for one folder.
 */
export function registerAnyFolder(context: vscode.ExtensionContext, api: ServerApi, whenReady: () => Promise<unknown>): void {
  const command = (id: string, body: (uri?: vscode.Uri) => unknown): void => void context.subscriptions.push(vscode.commands.registerCommand(id, body));
  command('newsLens.addFolder', async (uri?: vscode.Uri) => {
    const target = uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!target) return undefined;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('News Lens: trust this workspace first; in Restricted Mode the workspace’s newsLens.files is ignored.');
      return undefined;
    }
    const result = await api.sniffFolder(target.toString());
    if (!result.workspaceFolder) {
      void vscode.window.showWarningMessage('News Lens: that folder is not inside a workspace folder.');
      return undefined;
    }
    await addGlob(result);
    void vscode.window.showInformationMessage(`News Lens: ${result.glob} added to newsLens.files (${result.txtFiles.toLocaleString()} .txt files).`);
    return result.glob;
  });

  const ask = async (): Promise<void> => {
    if (context.workspaceState.get<boolean>(ASKED_KEY) || !vscode.workspace.isTrusted) return;
    await whenReady();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const result = await api.sniffFolder(folder.uri.toString());
      if (!result.looksLikeNews || result.unmatched === 0) continue;
      await context.workspaceState.update(ASKED_KEY, true);
      const answer = await vscode.window.showInformationMessage(
        `“${folder.name}” holds ${result.txtFiles.toLocaleString()} .txt files that look like news (${result.newsLike} of ${result.sampled} read). Treat them as news articles?`,
        'Yes',
        'No',
      );
      if (answer === 'Yes') await addGlob(result);
      return;
    }
  };
  ask().catch(() => undefined);
}
