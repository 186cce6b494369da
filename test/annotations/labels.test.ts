/**
 * Annotating a corpus through the language server: the schema, labelling a selection with a custom
 * label, attributes from the light bulb, unlabelled candidates and confirm, notes in hovers (what other
 * editors see), review status and progress, and curating two annotators' disagreements.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession, fileUri, repoRoot } from '../support/lspHarness';
import type { CandidateResult, DisagreementsResult, IndexStatus, LabelledSpanInfo, LabelsResult, LspPosition, ReviewProgressInfo, ReviewProgressResult, SchemaResult } from '../../server/src/protocol';

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

test('next unlabelled candidate and confirm turn machine mentions into the annotator’s labels', async () => {
  const first = await session.request<CandidateResult>('newsLens/candidate', { textDocument: { uri }, position: { line: 0, character: 0 }, direction: 'next' });
  assert.ok(first && first.remaining > 3);
  const confirmed = await session.request<LabelledSpanInfo>('newsLens/confirm', { textDocument: { uri }, position: first.range.start });
  assert.equal(confirmed.label, first.label);
  const second = await session.request<CandidateResult>('newsLens/candidate', { textDocument: { uri }, position: confirmed.range.end, direction: 'next' });
  assert.equal(second.remaining, first.remaining - 1);
  assert.ok(second.range.start.line > first.range.start.line || second.range.start.character > first.range.start.character);
  const back = await session.request<CandidateResult>('newsLens/candidate', { textDocument: { uri }, position: second.range.start, direction: 'previous' });
  assert.notDeepEqual(back.range, first.range, 'the confirmed mention is no longer a candidate');
});

test('notes: a thread with a reply, resolved, visible as hover text; review status and progress', async () => {
  const note = await session.request<{ id: string }>('newsLens/addNote', { textDocument: { uri }, range: rangeOf('Khan Cheikhoun'), text: 'Check the spelling' });
  await session.request('newsLens/addNote', { textDocument: { uri }, range: rangeOf('Khan Cheikhoun'), text: 'Agence France-Presse spells it so', replyTo: note.id });
  await session.request('newsLens/resolveNote', { id: note.id, resolved: true });
  const labels = await session.request<LabelsResult>('newsLens/labels', { textDocument: { uri } });
  assert.deepEqual(
    labels.notes.map((n) => [n.text, n.resolved, n.replies.map((r) => r.text)]),
    [['Check the spelling', true, ['Agence France-Presse spells it so']]],
  );
  const hover = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionOf('Cheikhoun') });
  assert.match(hover.contents.value, /alice: Check the spelling \*\(resolved\)\*/);
  assert.match(hover.contents.value, /↳ alice: Agence France-Presse spells it so/);

  const before = await session.request<ReviewProgressResult>('newsLens/reviewProgress', {});
  assert.equal(before.total.done, 0);
  const inProgress = await session.request<ReviewProgressInfo>('newsLens/setReview', { textDocument: { uri }, article: 0, status: 'in-progress' });
  assert.equal(inProgress.inProgress, 1);
  const done = await session.request<ReviewProgressInfo>('newsLens/setReview', { textDocument: { uri }, article: 0, status: 'done' });
  assert.deepEqual([done.done, done.inProgress], [1, 0]);
  const after = await session.request<ReviewProgressResult>('newsLens/reviewProgress', {});
  assert.equal(after.total.summary, `1 / ${before.total.total} articles done`);
  const saved = JSON.parse(readFileSync(join(workspace, '.newslens', 'annotations.json'), 'utf8')) as { version: number; corrections: { type: string; annotator: string }[] };
  assert.equal(saved.version, 2);
  assert.equal(saved.corrections.filter((c) => c.type === 'review').length, 1, 'one status per article and annotator');
  assert.ok(saved.corrections.every((c) => c.annotator === 'alice'));
});

test('curation between two annotators settles a disagreement into the curated annotator', async () => {
  // bob's work, written as another window would (through the file).
  const file = join(workspace, '.newslens', 'annotations.json');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; corrections: object[] };
  const at = text.indexOf('shock rebel offensive');
  saved.corrections.push({
    id: 'bob-1',
    type: 'span',
    file: 'seeds/004_f9b9bb9c8095ce65.txt',
    annotator: 'bob',
    createdAt: '2024-12-02T10:00:00Z',
    label: 'Event',
    anchor: { exact: 'shock rebel offensive', prefix: '', suffix: '', start: at },
  });
  writeFileSync(file, JSON.stringify(saved));
  await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 2 }] });
  const answer = await session.request<DisagreementsResult>('newsLens/disagreements', {});
  assert.deepEqual([answer.a, answer.b], ['alice', 'bob']);
  const d = answer.disagreements.find((x) => x.text === 'shock rebel offensive')!;
  assert.equal(d.kind, 'boundary');
  await session.request('newsLens/curate', { a: 'alice', b: 'bob', id: d.id, decision: 'b' });
  const curated = await session.request<LabelsResult>('newsLens/labels', { textDocument: { uri }, annotator: 'curated' });
  assert.ok(curated.spans.some((s) => s.label === 'Event' && s.range.start.character === positionOf('shock rebel offensive').character));
});
