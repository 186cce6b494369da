/** Correction code actions (`provideCodeActions`) on the seeds, in memory (the commands that write are tested through the server). */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ANNOTATION_COMMANDS, provideCodeActions } from '../../server/src/features/annotations';
import { positionOf, seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
let uri: string;
let text: string;
const actionsAt = async (start: { line: number; character: number }, end = start, trusted = true) =>
  (await provideCodeActions(seeds.workspace, { textDocument: { uri }, range: { start, end }, context: { diagnostics: [] } }, { store: undefined, trusted }))!;

before(async () => {
  seeds = await seedsWorkspace('000', '004');
  uri = seeds.uri(seedName('004'));
  text = seeds.text(seedName('004'));
});

test('on a mention: re-kind, not an entity, same entity as another of its kind', async () => {
  const actions = await actionsAt(positionOf(text, 'Aleppo'));
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes('Mark “Aleppo” as Person') && titles.includes('Mark “Aleppo” as Organization'), titles.join(' | '));
  assert.ok(!titles.includes('Mark “Aleppo” as Place'));
  assert.ok(titles.includes('Not an entity: “Aleppo”'));
  assert.ok(titles.some((t) => t.startsWith('Same entity as ')));
  const setKind = actions.find((a) => a.title === 'Mark “Aleppo” as Organization')!;
  assert.equal(setKind.command?.command, ANNOTATION_COMMANDS.setKind);
  assert.deepEqual(setKind.command?.arguments, [uri, text.indexOf('Aleppo'), 'organization']);
});

test('a selection that is not a mention can be added as an entity', async () => {
  const from = positionOf(text, 'Aleppo');
  const actions = await actionsAt(from, { line: from.line, character: from.character + 'Aleppo'.length + 4 });
  assert.ok(
    actions.some((a) => a.command?.command === ANNOTATION_COMMANDS.addEntity),
    actions.map((a) => a.title).join(' | '),
  );
});

test('in a quotation: set its speaker to a person of the article', async () => {
  const view = await seeds.view(seedName('000'));
  const quote = view.quotes.find((q) => !q.scare)!;
  const params = { textDocument: { uri: view.uri }, range: { start: view.lines.positionAt(quote.span.start), end: view.lines.positionAt(quote.span.start) }, context: { diagnostics: [] } };
  const actions = (await provideCodeActions(seeds.workspace, params, { store: undefined, trusted: true }))!;
  assert.ok(
    actions.some((a) => a.command?.command === ANNOTATION_COMMANDS.setSpeaker),
    actions.map((a) => a.title).join(' | '),
  );
});

test('untrusted: every action is disabled with the reason', async () => {
  const actions = await actionsAt(positionOf(text, 'Aleppo'), undefined, false);
  assert.ok(actions.length > 0);
  assert.ok(actions.every((a) => a.disabled?.reason === 'Corrections are saved only in trusted workspaces.'));
});
