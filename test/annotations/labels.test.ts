/**
 * Annotating a corpus through the language server: the wiring of the labels feature (typed requests,
 * the light bulb's commands through workspace/executeCommand, the human layer in the hover, the
 * annotator from the settings). Every provider is tested in process in test/features/labels.test.ts.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession, fileUri, repoRoot } from '../support/lspHarness';
import type { IndexStatus, LabelledSpanInfo, LabelsResult, LspPosition, SchemaResult } from '../../server/src/protocol';

let workspace: string;
let session: LspSession;
let uri: string;
let text: string;

function positionOf(needle: string, occurrence = 0): LspPosition {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  const lines = text.slice(0, at).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
const rangeOf = (needle: string) => {
  const start = positionOf(needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
};

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'newslens-labels-'));
  cpSync(join(repoRoot(), 'seeds'), join(workspace, 'seeds'), { recursive: true });
  mkdirSync(join(workspace, '.newslens'));
  writeFileSync(
    join(workspace, '.newslens', 'schema.json'),
    JSON.stringify({ version: 1, spanLabels: [{ name: 'Event', color: '#e15759', key: 'e', attributes: [{ name: 'Negated' }, { name: 'Certainty', values: ['low', 'high'] }] }] }),
  );
  session = await LspSession.start({ workspaceFolder: workspace, settings: { annotator: 'alice' } });
  await session.waitForNotification('newsLens/indexStatus', (p) => (p as IndexStatus).state === 'ready', 120_000);
  const file = join(
    workspace,
    'seeds',
    readdirSync(join(workspace, 'seeds')).find((n) => n.startsWith('004'))!,
  );
  uri = fileUri(file);
  text = readFileSync(file, 'utf8');
  await session.open(uri, text);
});

after(async () => {
  await session?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

test('schema, a custom label on a selection, its attribute from the light bulb, and hover text', async () => {
  const schema = await session.request<SchemaResult>('newsLens/schema', {});
  assert.deepEqual(
    schema.spanLabels.map((l) => [l.name, l.key]),
    [
      ['person', 'p'],
      ['place', 'l'],
      ['organization', 'o'],
      ['Event', 'e'],
    ],
  );
  assert.equal(schema.annotator, 'alice');
  const span = await session.request<LabelledSpanInfo>('newsLens/label', { textDocument: { uri }, range: rangeOf('rebel offensive'), label: 'Event' });
  assert.deepEqual([span.label, span.annotator, span.color], ['Event', 'alice', '#e15759']);
  await assert.rejects(session.request('newsLens/label', { textDocument: { uri }, range: rangeOf('attacked'), label: 'Weapon' }), /not a label of the schema/);
  const actions = await session.request<{ title: string; command: { command: string; arguments: unknown[] } }[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: positionOf('offensive'), end: positionOf('offensive') },
    context: { diagnostics: [] },
  });
  const negate = actions.find((a) => a.title.startsWith('Set Negated on Event'));
  assert.ok(negate, actions.map((a) => a.title).join(' | '));
  assert.ok(actions.some((a) => a.title.startsWith('Certainty: low')));
  await session.request('workspace/executeCommand', { command: negate.command.command, arguments: negate.command.arguments });
  const labels = await session.request<LabelsResult>('newsLens/labels', { textDocument: { uri } });
  assert.deepEqual(
    labels.spans.map((s) => [s.label, s.attributes]),
    [['Event', { Negated: true }]],
  );
  const hover = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionOf('offensive') });
  assert.match(hover.contents.value, /\*\*Event\*\* · alice · Negated/);
});
