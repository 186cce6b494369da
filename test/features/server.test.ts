/**
 * `createServer` on an in-memory connection (no process): the capabilities it declares, a document
 * opened by the editor, a custom request and a command answered through the registrations.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createProtocolConnection, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { createServer } from '../../server/src/createServer';
import { ArticlesRequest, StatusRequest, type RequestDescriptor } from '../../server/src/protocol';
import { memoryUri, seedFiles, seedName } from '../support/memoryWorkspace';
import { assertNewsLensCapabilities } from '../support/capabilities';

let client: ProtocolConnection;
let capabilities: Record<string, unknown>;

before(async () => {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), { warmUp: false });
  server.listen();
  client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.listen();
  const result = await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
  capabilities = (result as { capabilities: Record<string, unknown> }).capabilities;
  await client.sendNotification('initialized', {});
});

after(() => client?.dispose());

/** A typed request, as the client's ServerApi sends it. */
function send<P, R>(type: RequestDescriptor<P, R>, params: P): Promise<R> {
  return client.sendRequest<R>(type.method, params);
}

test('capabilities: outline, folding, symbols, semantic tokens with the News Lens legend, hover, references, commands', () => {
  assertNewsLensCapabilities(capabilities);
});

test('a document opened by the editor is answered through the typed requests', async () => {
  const name = seedName('004');
  const uri = memoryUri(name);
  await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news-article', version: 1, text: seedFiles()[name] } });
  const articles = await send(ArticlesRequest, { textDocument: { uri } });
  assert.equal(articles.files[0].uri, uri);
  assert.equal(articles.files[0].articles[0].date, '2024-12-02');
  const status = await send(StatusRequest, null);
  assert.equal(typeof status.generation, 'number');
  // A command without a workspace folder is refused with a message, not a crash.
  await assert.rejects(client.sendRequest('workspace/executeCommand', { command: 'newsLens.annotate.undo', arguments: [] }), /workspace folder/);
});
