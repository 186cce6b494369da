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

test('a range asked for right after opening is answered, and its reply written, before the first analysis starts', async () => {
  const order: string[] = [];
  class Recording extends Analyzer {
    override partialView(...args: Parameters<Analyzer['partialView']>): FileView {
      order.push('partial view');
      return super.partialView(...args);
    }
    override analyze(...args: Parameters<Analyzer['analyze']>): ReturnType<Analyzer['analyze']> {
      order.push('analysis');
      return super.analyze(...args);
    }
  }
  // One settings answer for both, slower than the first analysis's grace period (as a client's reply can be).
  const settings = new Promise<typeof DEFAULT_SETTINGS>((resolve) => setTimeout(() => resolve(DEFAULT_SETTINGS), 30));
  const s = new DocumentStore({ analyzer: new Recording(), settingsFor: () => settings, onAnalysed: () => undefined, onNotice: () => undefined, log: () => undefined });
  s.update(URI, 1, TEXT);
  const part = await s.rangeView(URI, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  assert.ok(part?.mentions.length, 'the range is analysed');
  // What the connection does with an answer: it writes it on a later turn of the event loop.
  setImmediate(() => order.push('reply written'));
  await s.view(URI);
  assert.deepEqual(order, ['partial view', 'reply written', 'analysis']);
});

test('the same text sent again while it is analysed (didOpen, then its content as a change) analyses it once', async () => {
  let analyses = 0;
  let layouts = 0;
  class Counting extends Analyzer {
    override analyze(...args: Parameters<Analyzer['analyze']>): ReturnType<Analyzer['analyze']> {
      analyses++;
      return super.analyze(...args);
    }
    override layoutView(...args: Parameters<Analyzer['layoutView']>): FileView {
      layouts++;
      return super.layoutView(...args);
    }
  }
  const s = new DocumentStore({ analyzer: new Counting(), settingsFor: () => Promise.resolve(DEFAULT_SETTINGS), onAnalysed: () => undefined, onNotice: () => undefined, log: () => undefined });
  s.update(URI, 1, TEXT);
  s.update(URI, 2, TEXT);
  const view = await s.view(URI);
  assert.equal(analyses, 1);
  assert.equal(layouts, 1, 'the analysis under way is not started again');
  assert.equal(view?.version, 2, 'the view carries the newest version');
});
