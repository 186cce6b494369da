/**
 * The Workspace and its WorkspaceIndex, in process on a temporary folder: files read from disk and
 * followed through changes, open documents first, the entity index written by the Workspace alone,
 * corrections re-applied to open and indexed files by one call.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorrectionLayer } from '../../server/src/core/corrections';
import type { IndexStatus } from '../../server/src/protocol';
import { pathToUri } from '../../server/src/util/uri';
import { Workspace } from '../../server/src/workspace/workspace';

const KYIV = 'Mayor Speaks\n\nKyiv Mayor Vitali Klitschko said on Monday that the city would hold.\n';
const PARIS = 'Paris Visit\n\nEmmanuel Macron met Vitali Klitschko in Paris on Tuesday.\n';

let folder: string;
let workspace: Workspace;
const statuses: IndexStatus[] = [];
const file = (name: string): string => join(folder, 'seeds', name);
const mentionsOf = (id: string): string[] => [...new Set(workspace.entities.mentions(id).map((m) => m.uri))].sort();

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'newslens-workspace-'));
  mkdirSync(join(folder, 'seeds'));
  mkdirSync(join(folder, 'node_modules'));
  writeFileSync(file('kyiv.txt'), KYIV);
  writeFileSync(file('paris.txt'), PARIS);
  writeFileSync(file('notes.md'), KYIV);
  writeFileSync(join(folder, 'node_modules', 'x.txt'), KYIV);
  workspace = new Workspace({ onStatus: (s) => statuses.push(s) });
  await workspace.index.rebuild([folder]);
});

after(() => rmSync(folder, { recursive: true, force: true }));

test('the index reads the files matching newsLens.files, and only those', () => {
  assert.deepEqual(workspace.index.uris().sort(), [pathToUri(file('kyiv.txt')), pathToUri(file('paris.txt'))]);
  assert.equal(workspace.status.state, 'ready');
  assert.equal(workspace.status.filesTotal, 2);
  assert.ok(statuses.some((s) => s.state === 'indexing') && statuses.at(-1)?.state === 'ready');
  assert.deepEqual(mentionsOf('person:vitali-klitschko'), [pathToUri(file('kyiv.txt')), pathToUri(file('paris.txt'))]);
  assert.equal(workspace.allViews().length, 2);
});

test('an open document is what the workspace holds of its file, until it is closed', async () => {
  const uri = pathToUri(file('kyiv.txt'));
  workspace.update(uri, 1, 'Mayor Speaks\n\nKharkiv Mayor Ihor Terekhov said on Monday that the city would hold.\n');
  const open = await workspace.viewOf(uri);
  assert.equal(open?.version, 1);
  assert.equal(workspace.currentViewOf(uri), open);
  assert.deepEqual(mentionsOf('person:vitali-klitschko'), [pathToUri(file('paris.txt'))], 'the edited text, not the file on disk');
  // A change on disk of an open file does not replace the editor's text.
  await workspace.fileChanged(uri, false);
  assert.deepEqual(mentionsOf('person:vitali-klitschko'), [pathToUri(file('paris.txt'))]);
  await workspace.close(uri);
  assert.equal(workspace.isOpen(uri), false);
  assert.deepEqual(mentionsOf('person:vitali-klitschko'), [pathToUri(file('kyiv.txt')), pathToUri(file('paris.txt'))], 'the file on disk again');
});

test('files created, changed and deleted on disk', async () => {
  const uri = pathToUri(file('new.txt'));
  writeFileSync(file('new.txt'), 'Visit\n\nOlaf Scholz met Vitali Klitschko.\n');
  await workspace.fileChanged(uri, false);
  assert.ok(mentionsOf('person:vitali-klitschko').includes(uri));
  writeFileSync(file('new.txt'), 'Visit\n\nOlaf Scholz stayed home.\n');
  await workspace.fileChanged(uri, false);
  assert.ok(!mentionsOf('person:vitali-klitschko').includes(uri));
  unlinkSync(file('new.txt'));
  await workspace.fileChanged(uri, true);
  assert.equal(workspace.index.view(uri), undefined);
  assert.equal(workspace.currentViewOf(uri), undefined);
});

test('setCorrections re-applies a layer to open and indexed files alike; removing it restores them', async () => {
  const open = pathToUri(file('paris.txt'));
  workspace.update(open, 1, PARIS);
  await workspace.viewOf(open);
  const rekind: CorrectionLayer = {
    apply: (_uri, _text, model) => ({ ...model, entities: model.entities.map((e) => (e.id === 'person:vitali-klitschko' ? { ...e, id: 'organization:vitali-klitschko', kind: 'organization' } : e)) }),
  };
  const before = workspace.allViews().map((v) => v.model.entities.some((e) => e.kind === 'organization' && e.name === 'Vitali Klitschko'));
  assert.deepEqual(before, [false, false]);
  workspace.setCorrections(rekind);
  const afterKinds = workspace.allViews().map((v) => v.model.entities.some((e) => e.kind === 'organization' && e.name === 'Vitali Klitschko'));
  assert.deepEqual(afterKinds, [true, true], 'both the indexed kyiv.txt and the open paris.txt');
  assert.deepEqual(mentionsOf('person:vitali-klitschko'), [], 'the entity index follows');
  workspace.setCorrections({ apply: (_uri, _text, model) => model });
  assert.equal(mentionsOf('person:vitali-klitschko').length, 2);
  await workspace.close(open);
});

test('a rebuild without the folder forgets its files and their entities', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'newslens-empty-'));
  try {
    await workspace.index.rebuild([empty]);
    assert.deepEqual(workspace.index.uris(), []);
    assert.deepEqual(mentionsOf('person:vitali-klitschko'), []);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
