/**
 * Annotating a corpus in process (`createLabelFeatures`): the schema, a custom label on a selection,
 * attributes from the light bulb and its commands, the human layer in the hover, unlabelled candidates
 * and confirm, notes, review status and progress, and curating two annotators' disagreements. The
 * workspace is in memory; the annotations file is real, in a temporary folder. The LSP wiring is
 * tested once through a spawned server (test/annotations/labels.test.ts).
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AnnotationStore } from '../../server/src/annotations/store';
import { provideHover } from '../../server/src/features/hover';
import { createLabelFeatures, LABEL_COMMANDS, type LabelFeatures } from '../../server/src/features/labels';
import type { FileView } from '../../server/src/workspace/fileView';
import { Workspace } from '../../server/src/workspace/workspace';
import { positionOf, seedFiles, seedName } from '../support/memoryWorkspace';

let folder: string;
let store: AnnotationStore;
let labels: LabelFeatures;
let view: FileView;
let uri: string;
let text: string;
const workspace = new Workspace();
let refreshed = 0;

const rangeOf = (needle: string) => {
  const start = positionOf(text, needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
};
const hoverText = async (needle: string): Promise<string> => {
  const hover = await provideHover(workspace, { textDocument: { uri }, position: positionOf(text, needle) }, labels.humanLayer);
  return (hover?.contents as { value: string } | undefined)?.value ?? '';
};

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'newslens-labels-feature-'));
  mkdirSync(join(folder, '.newslens'));
  writeFileSync(
    join(folder, '.newslens', 'schema.json'),
    JSON.stringify({ version: 1, spanLabels: [{ name: 'Event', color: '#e15759', key: 'e', attributes: [{ name: 'Negated' }, { name: 'Certainty', values: ['low', 'high'] }] }] }),
  );
  workspace.settings.setPushed({ annotator: 'alice' });
  store = new AnnotationStore(folder);
  assert.equal(store.load(), null);
  labels = createLabelFeatures({ workspace, folder: () => folder, annotations: { store: () => store, writable: () => store }, refresh: () => refreshed++ });
  // The seeds opened from inside the workspace folder (annotations are kept per workspace-relative file); 004 is labelled.
  for (const [name, seed] of Object.entries(seedFiles())) workspace.update(pathToFileURL(join(folder, 'seeds', name)).href, 1, seed);
  text = seedFiles()[seedName('004')];
  uri = pathToFileURL(join(folder, 'seeds', seedName('004'))).href;
  view = (await workspace.viewOf(uri))!;
  assert.ok(view);
  for (const other of workspace.store.openUris()) await workspace.viewOf(other);
});

after(() => rmSync(folder, { recursive: true, force: true }));

test('schema, a custom label on a selection, its attribute from the light bulb, and hover text', async () => {
  const schema = await labels.provideSchema({});
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
  const span = await labels.provideLabel({ textDocument: { uri }, range: rangeOf('rebel offensive'), label: 'Event' });
  assert.deepEqual([span.label, span.annotator, span.color], ['Event', 'alice', '#e15759']);
  assert.ok(refreshed > 0, 'a write refreshes the views');
  await assert.rejects(Promise.resolve(labels.provideLabel({ textDocument: { uri }, range: rangeOf('attacked'), label: 'Weapon' })), /not a label of the schema/);
  const at = text.indexOf('offensive');
  const actions = labels.codeActions(view, at, at);
  const negate = actions.find((a) => a.title.startsWith('Set Negated on Event'));
  assert.ok(negate?.command, actions.map((a) => a.title).join(' | '));
  assert.equal(negate.command.command, LABEL_COMMANDS.setAttribute);
  assert.ok(actions.some((a) => a.title.startsWith('Certainty: low')));
  assert.ok(actions.some((a) => a.command?.command === LABEL_COMMANDS.unlabel && a.title === 'Remove label Event (alice)'));
  await labels.commands[negate.command.command](negate.command.arguments ?? []);
  const spans = await labels.provideLabels({ textDocument: { uri } });
  assert.deepEqual(
    spans.spans.map((s) => [s.label, s.attributes]),
    [['Event', { Negated: true }]],
  );
  assert.match(await hoverText('offensive'), /\*\*Event\*\* · alice · Negated/);
  // The commands check what other clients send.
  assert.throws(() => labels.commands[LABEL_COMMANDS.setAttribute](['id-only']), /expected a span id, an attribute and a value/);
});

test('a selection gets one action per custom label, which labels it; removing a label by its command', async () => {
  const start = text.indexOf('Aleppo');
  const actions = labels.codeActions(view, start, start + 'Aleppo'.length);
  const apply = actions.find((a) => a.title === 'Label “Aleppo” as Event (e)');
  assert.ok(apply?.command, actions.map((a) => a.title).join(' | '));
  assert.deepEqual(apply.command.arguments, [uri, start, start + 'Aleppo'.length, 'Event']);
  const added = (await labels.commands[apply.command.command](apply.command.arguments ?? [])) as { id: string };
  assert.ok((await labels.provideLabels({ textDocument: { uri } })).spans.some((s) => s.id === added.id));
  await labels.commands[LABEL_COMMANDS.unlabel]([added.id]);
  assert.ok(!(await labels.provideLabels({ textDocument: { uri } })).spans.some((s) => s.id === added.id));
});

test('next unlabelled candidate and confirm turn machine mentions into the annotator’s labels', async () => {
  const first = await labels.provideCandidate({ textDocument: { uri }, position: { line: 0, character: 0 }, direction: 'next' });
  assert.ok(first && first.remaining > 3);
  const confirmed = await labels.provideConfirm({ textDocument: { uri }, position: first.range.start });
  assert.equal(confirmed?.label, first.label);
  const second = await labels.provideCandidate({ textDocument: { uri }, position: confirmed.range.end, direction: 'next' });
  assert.equal(second?.remaining, first.remaining - 1);
  assert.ok(second.range.start.line > first.range.start.line || second.range.start.character > first.range.start.character);
  const back = await labels.provideCandidate({ textDocument: { uri }, position: second.range.start, direction: 'previous' });
  assert.notDeepEqual(back?.range, first.range, 'the confirmed mention is no longer a candidate');
});

test('notes: a thread with a reply, resolved, visible as hover text; review status and progress', async () => {
  const note = await labels.provideAddNote({ textDocument: { uri }, range: rangeOf('Khan Cheikhoun'), text: 'Check the spelling' });
  await labels.provideAddNote({ textDocument: { uri }, range: rangeOf('Khan Cheikhoun'), text: 'Agence France-Presse spells it so', replyTo: note.id });
  await assert.rejects(Promise.resolve(labels.provideAddNote({ textDocument: { uri }, range: rangeOf('Khan Cheikhoun'), text: '  ' })), /a note needs some text/);
  assert.deepEqual(await labels.provideResolveNote({ id: note.id, resolved: true }), { ok: true });
  const found = await labels.provideLabels({ textDocument: { uri } });
  assert.deepEqual(
    found.notes.map((n) => [n.text, n.resolved, n.replies.map((r) => r.text)]),
    [['Check the spelling', true, ['Agence France-Presse spells it so']]],
  );
  const hover = await hoverText('Cheikhoun');
  assert.match(hover, /alice: Check the spelling \*\(resolved\)\*/);
  assert.match(hover, /↳ alice: Agence France-Presse spells it so/);

  const before = await labels.provideReviewProgress({});
  assert.equal(before.files.length, 5, 'every open seed');
  assert.equal(before.total.done, 0);
  const inProgress = await labels.provideSetReview({ textDocument: { uri }, article: 0, status: 'in-progress' });
  assert.equal(inProgress.inProgress, 1);
  const done = await labels.provideSetReview({ textDocument: { uri }, article: 0, status: 'done' });
  assert.deepEqual([done.done, done.inProgress], [1, 0]);
  const after = await labels.provideReviewProgress({});
  assert.equal(after.total.summary, `1 / ${before.total.total} articles done`);
  const saved = JSON.parse(readFileSync(join(folder, '.newslens', 'annotations.json'), 'utf8')) as { version: number; corrections: { type: string; annotator: string }[] };
  assert.equal(saved.version, 2);
  assert.equal(saved.corrections.filter((c) => c.type === 'review').length, 1, 'one status per article and annotator');
  assert.ok(saved.corrections.every((c) => c.annotator === 'alice'));
});

test('curation between two annotators settles a disagreement into the curated annotator', async () => {
  // bob's work, written as another window would (through the file), then read again.
  const file = join(folder, '.newslens', 'annotations.json');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; corrections: object[] };
  const at = text.indexOf('shock rebel offensive');
  saved.corrections.push({
    id: 'bob-1',
    type: 'span',
    file: `seeds/${seedName('004')}`,
    annotator: 'bob',
    createdAt: '2024-12-02T10:00:00Z',
    label: 'Event',
    anchor: { exact: 'shock rebel offensive', prefix: '', suffix: '', start: at },
  });
  writeFileSync(file, JSON.stringify(saved));
  assert.equal(store.load(), null);
  const answer = await labels.provideDisagreements({});
  assert.deepEqual([answer.a, answer.b], ['alice', 'bob']);
  const d = answer.disagreements.find((x) => x.text === 'shock rebel offensive')!;
  assert.equal(d.kind, 'boundary');
  await labels.provideCurate({ a: 'alice', b: 'bob', id: d.id, decision: 'b' });
  const curated = await labels.provideLabels({ textDocument: { uri }, annotator: 'curated' });
  assert.ok(curated.spans.some((s) => s.label === 'Event' && s.range.start.character === positionOf(text, 'shock rebel offensive').character));
});
