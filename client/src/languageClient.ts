import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './navigation';

/** What the server learns at start-up: untrusted workspaces get no annotation writes. */
export interface NewsLensInitializationOptions {
  trusted: boolean;
  /** The corpus database: in this workspace's storage (absent without a workspace: the server's default). */
  databasePath?: string;
}

/**
 * The language client: dist/server.js over IPC (with an inspector port when debugging the
 * extension). vscode-languageclient restarts a crashed server (up to 4 times in 3 minutes).
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
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
