/**
 * An untrusted workspace (the client says `initializationOptions.trusted: false`): correction code actions
 * are shown disabled with the reason, the commands refuse, and nothing is written to the workspace.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const root = join(__dirname, '..', '..', '..');
let workspace: string;
let child: ChildProcess;
let connection: MessageConnection;

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'newslens-untrusted-'));
  cpSync(join(root, 'seeds'), join(workspace, 'seeds'), { recursive: true });
  child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onRequest(() => null); // configuration, progress, showMessageRequest: defaults
  connection.listen();
  const folder = pathToFileURL(workspace).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'w' }], initializationOptions: { trusted: false }, capabilities: {} });
  await connection.sendNotification('initialized', {});
});

after(() => {
  connection?.dispose();
  child?.kill();
  rmSync(workspace, { recursive: true, force: true });
});

test('untrusted: correction actions are disabled with the reason; commands refuse; nothing is written', async () => {
  const path = join(
    workspace,
    'seeds',
    readdirSync(join(workspace, 'seeds')).find((n) => n.startsWith('004'))!,
  );
  const text = readFileSync(path, 'utf8');
  const uri = pathToFileURL(path).href;
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news-article', version: 1, text } });
  const at = text.indexOf('Aleppo');
  const before = text.slice(0, at).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  type Action = { title: string; disabled?: { reason: string }; command?: { command: string; arguments?: unknown[] } };
  let actions: Action[] = [];
  for (let i = 0; i < 100 && !actions.length; i++) {
    actions = (await connection.sendRequest<Action[] | null>('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } })) ?? [];
    if (!actions.length) await new Promise((r) => setTimeout(r, 200));
  }
  const mark = actions.find((a) => a.title.startsWith('Mark “Aleppo” as'));
  assert.ok(mark, actions.map((a) => a.title).join(' | '));
  assert.ok(
    actions.every((a) => a.disabled?.reason.includes('trusted')),
    JSON.stringify(actions.map((a) => a.disabled)),
  );
  await assert.rejects(connection.sendRequest('workspace/executeCommand', { command: mark.command!.command, arguments: mark.command!.arguments }), /only in trusted workspaces/);
  await assert.rejects(connection.sendRequest('workspace/executeCommand', { command: 'newsLens.export', arguments: ['json'] }), /only in trusted workspaces/);
  assert.equal(existsSync(join(workspace, '.newslens')), false, 'nothing written in the workspace');
});
