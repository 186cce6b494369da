import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './navigation';
import { MAX_RESTARTS, RestartPolicy } from './restartPolicy';

/** What the server learns at start-up: untrusted workspaces get no annotation writes. */
export interface NewsLensInitializationOptions {
  trusted: boolean;
  /** The corpus database: in this workspace's storage (absent without a workspace: the server's default). */
  databasePath?: string;
}

/**
 * The language client: dist/server.js over IPC (with an inspector port when debugging the
 * extension). A crashed server is restarted up to 4 times in 3 minutes (`RestartPolicy`).
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const restarts = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    errorHandler: {
      error: () => ({ action: restarts.onError() === 'continue' ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () =>
        restarts.onClosed() === 'restart'
          ? { action: CloseAction.Restart }
          : { action: CloseAction.DoNotRestart, message: `The News Lens server stopped ${MAX_RESTARTS + 1} times in 3 minutes and is not restarted again. Its output has the reason.` },
    },
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: 'newsLens' },
    outputChannel: output,
    // Hover links may run this one read-only command ("Show on Timeline"); no other command link is trusted.
    markdown: { isTrusted: { enabledCommands: ['newsLens.showTimeline'] } },
    // Evaluated at each (re)start, so a restart after the user trusts the workspace tells the server.
    initializationOptions: (): NewsLensInitializationOptions => ({
      trusted: vscode.workspace.isTrusted,
      ...(context.storageUri?.scheme === 'file' ? { databasePath: vscode.Uri.joinPath(context.storageUri, 'corpus.sqlite').fsPath } : {}),
    }),
  };
  return new LanguageClient('newsLens', 'News Lens', serverOptions, clientOptions);
}
