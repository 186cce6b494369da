/** Open documents: one view per version, newer edits win, closing drops the document, re-correction. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/workspace/analyzer';
import { DocumentStore } from '../../server/src/workspace/documentStore';
import type { FileView } from '../../server/src/workspace/fileView';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';

const URI = 'file:///memory/a.txt';
const TEXT = 'Mayor Speaks\n\nKyiv Mayor Vitali Klitschko said on Monday that the city would hold.\n';

function store(options: { maxFileSizeMB?: number } = {}) {
  const analysed: FileView[] = [];
  const notices: string[] = [];
  const s = new DocumentStore({
    analyzer: new Analyzer(),
    settingsFor: () => Promise.resolve({ ...DEFAULT_SETTINGS, maxFileSizeMB: options.maxFileSizeMB ?? 5 }),
    onAnalysed: (view) => analysed.push(view),
    onNotice: (_uri, notice) => notices.push(notice),
    log: () => undefined,
  });
  return { s, analysed, notices };
}

test('a view per version; the view asked for is the newest edit’s, older analyses give way', async () => {
  const { s, analysed } = store();
  s.update(URI, 1, TEXT);
  s.update(URI, 2, TEXT.replace('Monday', 'Tuesday'));
  s.update(URI, 3, TEXT.replace('Kyiv', 'Kharkiv'));
  const view = await s.view(URI);
  assert.equal(view?.version, 3);
  assert.ok(view.text.includes('Kharkiv'));
  assert.equal(s.currentView(URI), view);
  assert.ok(analysed.every((v) => v.version !== 2) || analysed.at(-1) === view, 'the last analysed view is the newest');
  await s.idle();
  assert.deepEqual(s.openUris(), [URI]);
});

test('the same text again keeps the view (a version bump without an edit re-analyses nothing)', async () => {
  const { s, analysed } = store();
  s.update(URI, 1, TEXT);
  const first = await s.view(URI);
  s.update(URI, 2, TEXT);
  assert.equal(await s.view(URI), first);
  assert.equal(analysed.length, 1);
});

test('closing drops the document; views of unknown documents are undefined', async () => {
  const { s } = store();
  s.update(URI, 1, TEXT);
  s.close(URI);
  assert.equal(s.isOpen(URI), false);
  assert.equal(await s.view(URI), undefined);
  assert.equal(s.currentView(URI), undefined);
  assert.doesNotThrow(() => s.close('file:///memory/never.txt'));
});

test('a document above the size limit: one notice, however often it is edited', async () => {
  const { s, notices } = store({ maxFileSizeMB: 0.00001 });
  s.update(URI, 1, TEXT);
  await s.view(URI);
  s.update(URI, 2, `${TEXT}x`);
  await s.view(URI);
  assert.equal(notices.length, 1);
});

test('recorrect gives every open document a new view of the same version (no NLP)', async () => {
  const { s, analysed } = store();
  s.update(URI, 1, TEXT);
  const before = await s.view(URI);
  s.recorrect();
  const after = await s.view(URI);
  assert.notEqual(after, before);
  assert.equal(after?.rawModel, before?.rawModel);
  assert.equal(analysed.at(-1), after);
  s.recorrect('file:///memory/other.txt');
  assert.equal(await s.view(URI), after, 'another file’s recorrection leaves this one');
});
