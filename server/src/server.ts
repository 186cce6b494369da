import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createServer } from './createServer';
import { rawJsonEncoder } from './util/rawJson';

// The transport (IPC from the VS Code client, --stdio for other editors) is chosen from argv. Over stdio the
// writer is built here, with the encoder that writes kept answers' JSON as it is (util/rawJson.ts).
const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: rawJsonEncoder }))
  : createConnection(ProposedFeatures.all);
const log = (message: string): void => connection.console.log(message);
if (stdio) {
  // As the library does for its own stdio transport: the end of the input ends the server (exit code 0 after a
  // shutdown request), and console output goes to the log, since stdout carries the protocol.
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(shutdown ? 0 : 1));
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

// A fault in the server must not take the editor's features down: log it and keep serving.
process.on('uncaughtException', (e) => log(`News Lens: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => log(`News Lens: unhandled ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

createServer(connection).listen();
