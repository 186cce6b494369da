import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './createServer';

// The transport (IPC from the VS Code client, --stdio for other editors) is chosen from argv.
const connection = createConnection(ProposedFeatures.all);
const log = (message: string): void => connection.console.log(message);

// A fault in the server must not take the editor's features down: log it and keep serving.
process.on('uncaughtException', (e) => log(`News Lens: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => log(`News Lens: unhandled ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

createServer(connection).listen();
