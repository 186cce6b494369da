/** The Analyzer: time-sliced analysis, staleness, the size limit and the correction layer. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analyze';
import type { CorrectionLayer } from '../../server/src/core/corrections';
import { Analyzer } from '../../server/src/workspace/analyzer';
import { seedFiles, seedName } from '../support/memoryWorkspace';

const request = (text: string, extra: Partial<Parameters<Analyzer['analyze']>[0]> = {}) => ({ uri: 'file:///memory/a.txt', text, version: 1, maxFileSizeMB: 5, isStale: () => false, ...extra });

test('slices of 1 ms end in the same model as one analysis in one go', async () => {
  const text = seedFiles()[seedName('001')];
  const view = await new Analyzer(1).analyze(request(text));
  assert.ok(view);
  assert.deepEqual(JSON.parse(JSON.stringify(view.model)), JSON.parse(JSON.stringify(analyzeDocument(text))));
});

test('a stale request answers undefined; a file above the limit gets the layout and a notice', async () => {
  const text = seedFiles()[seedName('004')];
  assert.equal(await new Analyzer().analyze(request(text, { isStale: () => true })), undefined);
  const big = await new Analyzer().analyze(request(text, { maxFileSizeMB: 0.001 }));
  assert.ok(big?.model.layoutOnly);
  assert.match(big.notice ?? '', /a\.txt is 0\.0 MB, above newsLens\.maxFileSizeMB \(0\.001\)/);
});

test('the correction layer applies to views; a layer that throws leaves the machine model', async () => {
  const analyzer = new Analyzer();
  const text = seedFiles()[seedName('004')];
  const raw = (await analyzer.analyze(request(text)))!.rawModel;
  const dropAll: CorrectionLayer = { apply: (_uri, _text, model) => ({ ...model, entities: [] }) };
  analyzer.corrections = dropAll;
  assert.equal(analyzer.view('file:///memory/a.txt', text, raw, 1).model.entities.length, 0);
  analyzer.corrections = {
    apply: () => {
      throw new Error('broken');
    },
  };
  assert.equal(analyzer.correctedModel('file:///memory/a.txt', text, raw), raw);
  assert.doesNotThrow(() => analyzer.warmUp());
});
