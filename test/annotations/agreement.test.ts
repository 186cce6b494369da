/**
 * Agreement and curation on a text small enough to compute by hand (the computation is written out
 * below), the label schema (validation, brat annotation.conf both ways), and the annotations file:
 * version 1 migrated with its old bytes kept, human records validated, a malformed file left as it is.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agreement, curateFile, type LabelledSpan } from '../../server/src/core/annotate/agreement';
import { parseSchema, schemaFromBratConf, schemaToBratConf, DEFAULT_SCHEMA, serializeSchema } from '../../server/src/core/annotate/schema';
import { articleStatuses, progressLine, progressOf, resolveHumanLayer } from '../../server/src/core/annotate/records';
import { anchorAt } from '../../server/src/core/annotations';
import { BRAT_ANNOTATION_CONF } from '../../server/src/core/export/brat';
import { AnnotationStore, ANNOTATIONS_V1_BACKUP } from '../../server/src/annotations/store';
import { SchemaStore } from '../../server/src/annotations/schemaStore';
import { humanRecords, spanRecord, writeCurated } from '../../server/src/annotations/work';

const TEXT = 'Rebels attacked Aleppo on Sunday. Russia bombed Idlib.';
const at = (needle: string, label: string): LabelledSpan => {
  const start = TEXT.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length, label };
};
const A = [at('attacked', 'Event'), at('Aleppo', 'place'), at('bombed', 'Event'), at('Idlib', 'place')];
const B = [at('Rebels', 'person'), at('attacked', 'Event'), at('Aleppo on Sunday', 'place'), at('Russia bombed', 'Event'), at('Idlib', 'organization')];

test('agreement: per-label span F1 (exact and overlap) and token kappa match the hand computation', () => {
  const report = agreement('alice', 'bob', [
    { file: 'a.txt', text: TEXT, a: A, b: B },
    // Only alice labelled this one: not compared (bob never opened it), but named.
    { file: 'b.txt', text: TEXT, a: [at('Russia', 'place')], b: [] },
  ]);
  assert.equal(report.files, 1);
  assert.deepEqual(report.onlyA, ['b.txt']);
  const label = (name: string) => report.labels.find((l) => l.label === name)!;
  // Event: A {attacked, bombed}, B {attacked, Russia bombed}. Exact: attacked → F1 = 2·1/(2+2) = 0.5.
  // Overlap: attacked, and bombed ~ "Russia bombed" → F1 = 2·2/4 = 1.
  assert.equal(label('Event').exact.f1, 0.5);
  assert.equal(label('Event').overlap.f1, 1);
  // place: A {Aleppo, Idlib}, B {Aleppo on Sunday}. Exact 0 → 0; overlap 1 → 2·1/(2+1) = 2/3.
  assert.equal(label('place').exact.f1, 0);
  assert.equal(label('place').overlap.f1, 2 / 3);
  assert.equal(label('place').overlap.recall, 1 / 2);
  assert.equal(label('place').overlap.precision, 1);
  // organization and person: only B has them → 0.
  assert.equal(label('organization').exact.f1, 0);
  assert.equal(label('person').overlap.f1, 0);
  // All labels: A 4, B 5; exact 1 → 2/9; overlap 3 → 6/9.
  assert.equal(report.all.exact.f1, 2 / 9);
  assert.equal(report.all.overlap.f1, 6 / 9);
  // Tokens: Rebels attacked Aleppo on Sunday . Russia bombed Idlib .   (10)
  //   A:    O      Event    place  O  O      O O      Event  place O
  //   B:    person Event    place  place place O Event Event  organization O
  // Observed: attacked, Aleppo, first ".", bombed, last "." → 5/10 = 0.5.
  // Chance: A has O 6, Event 2, place 2; B has O 2, Event 3, place 3, person 1, organization 1:
  //   0.6·0.2 + 0.2·0.3 + 0.2·0.3 = 0.24.  Kappa = (0.5 − 0.24)/(1 − 0.24) = 0.26/0.76.
  assert.equal(report.kappa.tokens, 10);
  assert.equal(report.kappa.observed, 0.5);
  assert.ok(Math.abs(report.kappa.expected - 0.24) < 1e-12);
  assert.ok(Math.abs(report.kappa.kappa! - 0.26 / 0.76) < 1e-12);
  // Disagreements in text order: Rebels (only B), Aleppo (boundary), bombed (boundary), Idlib (label); attacked agrees.
  assert.deepEqual(
    report.disagreements.map((d) => [d.text, d.kind]),
    [
      ['Rebels', 'only-b'],
      ['Aleppo on Sunday', 'boundary'],
      ['Russia bombed', 'boundary'],
      ['Idlib', 'label'],
    ],
  );
});

test('curation: agreed spans kept, each disagreement taken from A, from B, dropped, edited or left pending', () => {
  const { spans, pending } = curateFile('a.txt', TEXT, A, B, (d) => {
    if (d.text === 'Rebels') return { take: 'none' };
    if (d.text === 'Aleppo on Sunday') return { take: 'b' };
    if (d.text === 'Russia bombed') return { take: 'a' };
    return undefined; // Idlib: later
  });
  assert.deepEqual(
    spans.map((s) => [TEXT.slice(s.start, s.end), s.label]),
    [
      ['attacked', 'Event'],
      ['Aleppo on Sunday', 'place'],
      ['bombed', 'Event'],
    ],
  );
  assert.deepEqual(
    pending.map((d) => d.text),
    ['Idlib'],
  );
  const edited = curateFile('a.txt', TEXT, A, B, (d) => (d.text === 'Idlib' ? { spans: [at('Idlib', 'Armed group')] } : { take: 'a' }));
  assert.deepEqual(
    edited.spans.map((s) => s.label),
    ['Event', 'place', 'Event', 'Armed group'],
  );
  assert.equal(edited.pending.length, 0);
});

test('schema: validated with one clear reason; brat annotation.conf read into it and written from it', () => {
  assert.equal(schemaToBratConf(DEFAULT_SCHEMA), BRAT_ANNOTATION_CONF, 'the built-in schema writes the configuration exports always wrote');
  const good = parseSchema(
    JSON.stringify({
      version: 1,
      spanLabels: [{ name: 'Event', color: '#e15759', key: 'e', attributes: [{ name: 'Negated' }, { name: 'Certainty', values: ['low', 'high'] }] }],
      relationLabels: [{ name: 'Attacker', from: ['Event'], to: ['organization'] }],
    }),
  );
  assert.ok(good.ok);
  assert.deepEqual(
    good.schema.spanLabels.map((l) => l.name),
    ['person', 'place', 'organization', 'Event'],
  );
  const reasons = [
    '{"version": 1, "spanLabels": [',
    '{"spanLabels": []}',
    '{"version": 1, "spanLabels": [{"name": "Event"}]}',
    '{"version": 1, "spanLabels": [{"name": "Event", "color": "#ffffff", "key": "p"}]}',
    '{"version": 1, "spanLabels": [{"name": "Person", "color": "#ffffff"}]}',
    '{"version": 1, "spanLabels": [{"name": "Event", "color": "#ffffff", "key": "ee"}]}',
    '{"version": 1, "relationLabels": [{"name": "Attacker", "from": ["Nope"]}]}',
    '{"version": 9}',
  ].map((raw) => parseSchema(raw));
  for (const r of reasons) assert.ok(!r.ok && r.reason.length > 10 && !r.reason.includes('\n'), JSON.stringify(r));
  const conf = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'brat-annotators', 'annotation.conf'), 'utf8');
  const imported = schemaFromBratConf(conf);
  assert.ok(imported.ok, imported.ok ? '' : imported.reason);
  const event = imported.schema.spanLabels.find((l) => l.name === 'Event')!;
  assert.deepEqual(event.attributes, [{ name: 'Negated' }, { name: 'Certainty', values: ['low', 'high'] }]);
  assert.ok(imported.schema.spanLabels.some((l) => l.name === 'Armed group'));
  assert.deepEqual(imported.schema.relationLabels, [{ name: 'Attacker', from: ['Event'], to: ['Armed group', 'organization'] }]);
  // Written back as a configuration, read again: the same schema.
  const again = schemaFromBratConf(schemaToBratConf(imported.schema));
  assert.ok(again.ok);
  assert.equal(serializeSchema(again.schema), serializeSchema(imported.schema));
});

test('annotations file: a version 1 file is migrated with its bytes kept; human records carry annotator and time', () => {
  const folder = mkdtempSync(join(tmpdir(), 'newslens-annotate-'));
  try {
    mkdirSync(join(folder, '.newslens'));
    writeFileSync(join(folder, 'a.txt'), TEXT);
    const v1 = `{"version": 1, "corrections": [{"id": "x1", "type": "add-entity", "file": "a.txt", "entityKind": "place", "anchor": {"exact": "Aleppo"}, "createdAt": "2024-01-01T00:00:00Z"}]}`;
    writeFileSync(join(folder, '.newslens', 'annotations.json'), v1);
    const store = new AnnotationStore(folder);
    assert.equal(store.load(), null);
    store.add(spanRecord('a.txt', TEXT, { start: 7, end: 15 }, 'Event', 'alice'));
    assert.equal(readFileSync(join(folder, ANNOTATIONS_V1_BACKUP), 'utf8'), v1, 'the old file is kept byte for byte');
    const saved = JSON.parse(readFileSync(store.file, 'utf8')) as { version: number; corrections: { id: string; annotator: string; createdAt: string }[] };
    assert.equal(saved.version, 2);
    assert.deepEqual(
      saved.corrections.map((c) => [c.id === 'x1' ? 'x1' : 'new', c.annotator]),
      [
        ['x1', 'default'],
        ['new', 'alice'],
      ],
    );
    assert.ok(saved.corrections.every((c) => c.createdAt));
    // Review status and progress.
    store.add({ id: 'r1', type: 'review', file: 'a.txt', anchor: anchorAt(TEXT, { start: 0, end: 6 }), createdAt: '2024-01-02T00:00:00Z', annotator: 'alice', status: 'done' });
    const layer = resolveHumanLayer(TEXT, humanRecords(store, 'a.txt'), 'alice');
    const statuses = articleStatuses([{ span: { start: 0, end: 33 } }, { span: { start: 34, end: TEXT.length } }], layer.reviews);
    assert.deepEqual(statuses, ['done', 'unreviewed']);
    assert.equal(progressLine(progressOf(statuses)), '1 / 2 articles done');
    assert.equal(progressLine({ done: 212, inProgress: 0, total: 1040 }), '212 / 1,040 articles done');

    // Curation through the store: alice and bob → curated, in one write.
    for (const s of A) store.add(spanRecord('a.txt', TEXT, s, s.label, 'ann'));
    for (const s of B) store.add(spanRecord('a.txt', TEXT, s, s.label, 'bob'));
    const result = writeCurated(store, 'a.txt', TEXT, 'ann', 'bob', (d) => ({ take: d.kind === 'only-b' ? 'none' : 'a' }));
    assert.equal(result.written, 4);
    assert.deepEqual(
      resolveHumanLayer(TEXT, humanRecords(store, 'a.txt'), 'curated').spans.map((s) => s.label),
      ['Event', 'place', 'Event', 'place'],
    );

    // A malformed file is left byte for byte; writes are refused with one reason.
    const broken = '{"version": 2, "corrections": [{"id": "s", "type": "span", "file": "a.txt", "anchor": {"exact": "x"}}]}';
    writeFileSync(store.file, broken);
    const problem = store.load();
    assert.match(problem ?? '', /entry 1 \(span\) needs an "annotator" name/);
    assert.throws(() => store.add(spanRecord('a.txt', TEXT, { start: 0, end: 6 }, 'person', 'alice')), /left untouched/);
    assert.equal(readFileSync(store.file, 'utf8'), broken);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('schema store: a malformed schema.json is left byte for byte and blocks writes with one message', () => {
  const folder = mkdtempSync(join(tmpdir(), 'newslens-schema-'));
  try {
    const schema = new SchemaStore(folder);
    assert.equal(schema.load(), null, 'absent: the built-in labels');
    assert.equal(schema.schema.spanLabels.length, 3);
    mkdirSync(join(folder, '.newslens'));
    const bad = '{"version": 1, "spanLabels": [{"name": "Event", "color": "red"}]}';
    writeFileSync(schema.file, bad);
    assert.match(schema.load() ?? '', /schema\.json is left untouched because span label 1 \(Event\) needs a "color"/);
    assert.throws(() => schema.save(DEFAULT_SCHEMA), /left untouched/);
    assert.equal(readFileSync(schema.file, 'utf8'), bad);
    assert.ok(!existsSync(join(folder, '.newslens', 'annotations.json')));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('two windows labelling at once lose nothing: each write merges the other’s records by id', () => {
  const folder = mkdtempSync(join(tmpdir(), 'newslens-two-windows-'));
  try {
    writeFileSync(join(folder, 'a.txt'), TEXT);
    const one = new AnnotationStore(folder);
    const two = new AnnotationStore(folder);
    one.load();
    two.load();
    // Interleaved: each window writes from its own (stale) memory.
    for (let i = 0; i < 10; i++) {
      one.add(spanRecord('a.txt', TEXT, A[i % A.length], A[i % A.length].label, 'alice'));
      two.add(spanRecord('a.txt', TEXT, B[i % B.length], B[i % B.length].label, 'bob'));
    }
    two.update([], [{ id: 'n1', type: 'note', file: 'a.txt', anchor: anchorAt(TEXT, { start: 0, end: 6 }), createdAt: '2024-01-01T00:00:00Z', annotator: 'bob', text: 'who?' }]);
    const check = new AnnotationStore(folder);
    check.load();
    const records = humanRecords(check);
    assert.equal(records.filter((r) => r.annotator === 'alice').length, 10);
    assert.equal(records.filter((r) => r.annotator === 'bob').length, 11);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
