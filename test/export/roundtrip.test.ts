/**
 * Export → import → the same annotations, in all four formats: a curated layer with a custom label
 * (with a boolean and an enumerated attribute), a built-in label, a relation and a note, over a machine
 * mention it does not overlap (exports write it too) on a text with an emoji (code points ≠ UTF-16).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { AnalyzedArticle, DocumentModel } from '../../server/src/core/model';
import { anchorAt } from '../../server/src/core/annotations';
import { effectiveLayer, exchangeKey } from '../../server/src/core/annotate/exchange';
import { resolveHumanLayer, type HumanAnnotation } from '../../server/src/core/annotate/records';
import { parseSchema } from '../../server/src/core/annotate/schema';
import { exportDocument, importLayer, EXPORT_FORMATS } from '../../server/src/core/export';
import { oneArticleLayout } from '../support/layout';

const TEXT = 'Rebels 🎉 attacked Aleppo on Sunday, said Rami Abdel Rahman. Russia denied it.';
const find = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length });
const article: AnalyzedArticle = {
  ...oneArticleLayout(TEXT, [{ start: 0, end: TEXT.length }]),
  index: 0,
  mentions: [
    // Overlapped by a human span (not written), and one the human left alone (written as the machine's).
    { span: find('Aleppo'), text: 'Aleppo', kind: 'place', name: 'Aleppo', entityId: 'place:aleppo', article: 0 },
    { span: find('Russia'), text: 'Russia', kind: 'place', name: 'Russia', entityId: 'place:russia', article: 0 },
  ],
  dates: [],
  quotes: [],
};
const MODEL: DocumentModel = { textLength: TEXT.length, boilerplate: [], articles: [article], entities: [], layoutOnly: false };
const schema = parseSchema(
  JSON.stringify({
    version: 1,
    spanLabels: [
      { name: 'Armed group', color: '#e15759', key: 'g' },
      { name: 'Event', color: '#76b7b2', key: 'e', attributes: [{ name: 'Negated' }, { name: 'Certainty', values: ['low', 'high'] }] },
    ],
    relationLabels: [{ name: 'Attacker' }],
  }),
);
assert.ok(schema.ok);

const base = { file: 'a.txt', createdAt: '2024-12-02T10:00:00Z', annotator: 'curated' };
const records: HumanAnnotation[] = [
  { ...base, id: 's1', type: 'span', anchor: anchorAt(TEXT, find('Rebels')), label: 'Armed group' },
  { ...base, id: 's2', type: 'span', anchor: anchorAt(TEXT, find('attacked')), label: 'Event', attributes: { Negated: true, Certainty: 'high' } },
  { ...base, id: 's3', type: 'span', anchor: anchorAt(TEXT, find('Aleppo on Sunday')), label: 'place' },
  { ...base, id: 's4', type: 'span', anchor: anchorAt(TEXT, find('Rami Abdel Rahman')), label: 'person' },
  { ...base, id: 'r1', type: 'relation', anchor: anchorAt(TEXT, find('attacked')), label: 'Attacker', from: 's2', to: 's1' },
  { ...base, id: 'n1', type: 'note', anchor: anchorAt(TEXT, find('attacked')), text: 'Only one source says so.', annotator: 'alice' },
  { ...base, id: 'n2', type: 'note', anchor: anchorAt(TEXT, find('attacked')), text: 'Agreed: keep it.', replyTo: 'n1', annotator: 'bob' },
];
const human = resolveHumanLayer(TEXT, records, 'curated');

test('the curated layer exports to all four formats and imports back equal', () => {
  assert.equal(human.spans.length, 4);
  assert.equal(human.relations.length, 1);
  assert.equal(human.notes[0].replies.length, 1);
  const expected = effectiveLayer(MODEL, human);
  // Human spans win where they overlap the machine; Russia stays the machine's.
  assert.deepEqual(
    expected.spans.map((s) => [TEXT.slice(s.start, s.end), s.label, s.annotator]),
    [
      ['Rebels', 'Armed group', 'curated'],
      ['attacked', 'Event', 'curated'],
      ['Aleppo on Sunday', 'place', 'curated'],
      ['Rami Abdel Rahman', 'person', 'curated'],
      ['Russia', 'place', null],
    ],
  );
  for (const format of EXPORT_FORMATS) {
    const files = exportDocument(format, 'a', 'a.txt', 'file:///a.txt', TEXT, MODEL, { layer: human, reviews: ['done'] });
    const main = files.find((f) => !f.name.endsWith('.txt'))!;
    const back = importLayer(format, main.content, TEXT, schema.schema);
    if (format === 'json') {
      // JSON carries the human layer itself (the machine's entities are in `entities`, as before).
      assert.deepEqual(exchangeKey(back), exchangeKey(effectiveLayer({ ...MODEL, articles: [{ ...article, mentions: [] }] }, human)), format);
      assert.deepEqual(
        back.spans.map((s) => s.annotator),
        ['curated', 'curated', 'curated', 'curated'],
      );
    } else if (format === 'conll') {
      // IOB holds labels and boundaries only.
      assert.deepEqual(exchangeKey(back, { attributes: false, relations: false, notes: false }), exchangeKey(expected, { attributes: false, relations: false, notes: false }), format);
    } else {
      assert.deepEqual(exchangeKey(back), exchangeKey(expected), format);
      assert.deepEqual(
        back.spans.map((s) => s.annotator),
        expected.spans.map((s) => s.annotator),
        `${format}: the annotator (brat Annotator attribute, Web Annotation creator)`,
      );
    }
  }
});

test('brat and Web Annotation spell the layer as their tools expect', () => {
  const ann = exportDocument('brat', 'a', 'a.txt', 'file:///a.txt', TEXT, MODEL, { layer: human, reviews: [] })[1].content;
  assert.match(ann, /^T1\tArmed_group 0 6\tRebels$/m);
  // The emoji is one code point: "attacked" starts at code point 9 (UTF-16 offset 10).
  assert.match(ann, /^T2\tEvent 9 17\tattacked$/m);
  assert.match(ann, /^A\d+\tNegated T2$/m);
  assert.match(ann, /^A\d+\tCertainty T2 high$/m);
  assert.match(ann, /^A\d+\tAnnotator T2 curated$/m);
  assert.match(ann, /^R\d+\tAttacker Arg1:T2 Arg2:T1$/m);
  assert.match(ann, /^#\d+\tAnnotatorNotes T2\tOnly one source says so\.$/m);
  assert.match(ann, /^#\d+\tAnnotatorNotes T5\tplace:russia$/m);
  const doc = JSON.parse(exportDocument('webanno', 'a', 'a.txt', 'file:///a.txt', TEXT, MODEL, { layer: human, reviews: [] })[0].content) as {
    first: { items: { motivation: string; creator?: { nickname: string }; body: { purpose: string; value: string }[] }[] };
  };
  const event = doc.first.items.find((i) => i.body.some((b) => b.value === 'Event'))!;
  assert.equal(event.creator?.nickname, 'curated');
  assert.deepEqual(
    event.body.filter((b) => b.purpose === 'classifying').map((b) => b.value),
    ['Negated', 'Certainty=high'],
  );
  const notes = doc.first.items.filter((i) => i.motivation === 'commenting');
  assert.deepEqual(
    notes.map((n) => [n.creator?.nickname, n.body[0].value]),
    [
      ['alice', 'Only one source says so.'],
      ['bob', 'Agreed: keep it.'],
    ],
  );
  const conll = exportDocument('conll', 'a', 'a.txt', 'file:///a.txt', TEXT, MODEL, { layer: human, reviews: [] })[0].content;
  assert.match(conll, /^Rebels\tB-Armed_group$/m);
  assert.match(conll, /^Sunday\tI-LOC$/m);
});
