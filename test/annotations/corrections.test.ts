/**
 * The pure side of corrections: how each kind changes a model (without NLP, on a model built by hand so
 * the expectations do not depend on the recogniser), and the store's merge of two windows' writes.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { anchorAt, applyCorrections, parseAnnotations, resolveAnchor, type Correction, type FileCorrections } from '../../server/src/core/annotations';
import { AnnotationStore, correctionLayer } from '../../server/src/annotations/store';
import type { AnalyzedArticle, DocumentModel, EntityKind, LinkedMention, LinkedQuotation, Span } from '../../server/src/core/model';
import { toBrat } from '../../server/src/core/export/brat';
import { oneArticleLayout } from '../support/layout';

const TEXT = 'Idlib rebels met Ahmed al-Shara in Idlib. “We will stay,” Shara said. Jolani agreed with Hama Group.';

function spanOf(needle: string, occurrence = 0): Span {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = TEXT.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  return { start: at, end: at + needle.length };
}

function mention(needle: string, kind: EntityKind, entityId: string, occurrence = 0): LinkedMention {
  return { span: spanOf(needle, occurrence), text: needle, kind, name: needle, entityId, article: 0 };
}

function model(): DocumentModel {
  const mentions = [
    mention('Idlib', 'place', 'place:idlib'),
    mention('Ahmed al-Shara', 'person', 'person:ahmed-al-shara'),
    mention('Idlib', 'place', 'place:idlib', 1),
    mention('Shara', 'person', 'person:ahmed-al-shara', 1),
    mention('Jolani', 'person', 'person:jolani'),
  ];
  const quoteSpan = spanOf('“We will stay,”');
  const quotes: LinkedQuotation[] = [
    {
      span: quoteSpan,
      contentSpan: { start: quoteSpan.start + 1, end: quoteSpan.end - 2 },
      text: 'We will stay,',
      speaker: 'Shara',
      speakerSpan: spanOf('Shara', 1),
      speakerId: 'person:ahmed-al-shara',
      scare: false,
      article: 0,
    },
  ];
  const article: AnalyzedArticle = {
    ...oneArticleLayout(TEXT, [{ start: 0, end: TEXT.length }]),
    index: 0,
    mentions,
    dates: [],
    quotes,
  };
  const entity = (id: string, kind: EntityKind, name: string) => ({ id, kind, name, aliases: [name], mentions: mentions.filter((m) => m.entityId === id) });
  return {
    textLength: TEXT.length,
    boilerplate: [],
    articles: [article],
    entities: [entity('place:idlib', 'place', 'Idlib'), entity('person:ahmed-al-shara', 'person', 'Ahmed al-Shara'), entity('person:jolani', 'person', 'Jolani')],
    layoutOnly: false,
  };
}

const base = { file: 'a.txt', createdAt: '2026-01-01T00:00:00.000Z' };
const none: FileCorrections = { byEntity: new Map(), addTexts: [], speakers: [] };

test('set-kind re-kinds every mention of the entity (new id, same slug); others are untouched', () => {
  const c: Correction = { ...base, id: '1', type: 'set-kind', anchor: anchorAt(TEXT, spanOf('Idlib')), entityId: 'place:idlib', entityKind: 'organization' };
  const out = applyCorrections(TEXT, model(), { ...none, byEntity: new Map([['place:idlib', c]]) });
  const idlib = out.articles[0].mentions.filter((m) => m.text === 'Idlib');
  assert.equal(idlib.length, 2);
  for (const m of idlib) assert.deepEqual([m.kind, m.entityId], ['organization', 'organization:idlib']);
  assert.equal(out.entities.find((e) => e.id === 'organization:idlib')?.name, 'Idlib');
  assert.equal(
    out.entities.some((e) => e.id === 'place:idlib'),
    false,
  );
  assert.equal(out.articles[0].mentions.filter((m) => m.kind === 'person').length, 3);
});

test('not-entity drops every mention and the quotation keeps its speaker name without an id', () => {
  const c: Correction = { ...base, id: '2', type: 'not-entity', anchor: anchorAt(TEXT, spanOf('Shara', 1)), entityId: 'person:ahmed-al-shara' };
  const out = applyCorrections(TEXT, model(), { ...none, byEntity: new Map([['person:ahmed-al-shara', c]]) });
  assert.equal(
    out.articles[0].mentions.some((m) => m.entityId === 'person:ahmed-al-shara'),
    false,
  );
  assert.equal(
    out.entities.some((e) => e.id === 'person:ahmed-al-shara'),
    false,
  );
  assert.equal(out.articles[0].quotes[0].speaker, 'Shara');
  assert.equal(out.articles[0].quotes[0].speakerId, null);
});

test('same-entity merges the alias into the target: ids, aliases, and the quotations it spoke', () => {
  const c: Correction = { ...base, id: '3', type: 'same-entity', anchor: anchorAt(TEXT, spanOf('Ahmed al-Shara')), entityId: 'person:ahmed-al-shara', targetId: 'person:jolani', targetName: 'Jolani' };
  const out = applyCorrections(TEXT, model(), { ...none, byEntity: new Map([['person:ahmed-al-shara', c]]) });
  const jolani = out.entities.find((e) => e.id === 'person:jolani');
  assert.ok(jolani);
  assert.equal(jolani.mentions.length, 3);
  assert.equal(jolani.name, 'Jolani');
  assert.deepEqual([...jolani.aliases].sort(), ['Ahmed al-Shara', 'Jolani', 'Shara']);
  assert.equal(out.articles[0].quotes[0].speakerId, 'person:jolani');
  // The brat export still relates the quotation to a mention of its (merged) speaker.
  assert.match(toBrat(TEXT, out), /^R1\tSpeaker Arg1:T\d+ Arg2:T\d+$/m);
});

test('add-entity marks every whole-word occurrence and replaces overlapping machine mentions', () => {
  const c: Correction = { ...base, id: '4', type: 'add-entity', anchor: anchorAt(TEXT, spanOf('Hama Group')), entityKind: 'organization' };
  const out = applyCorrections(TEXT, model(), { ...none, addTexts: [c] });
  const added = out.articles[0].mentions.filter((m) => m.entityId === 'organization:hama-group');
  assert.deepEqual(
    added.map((m) => TEXT.slice(m.span.start, m.span.end)),
    ['Hama Group'],
  );
  const idlibRebels: Correction = { ...base, id: '5', type: 'add-entity', anchor: anchorAt(TEXT, { start: 0, end: 'Idlib rebels'.length }), entityKind: 'organization' };
  const both = applyCorrections(TEXT, model(), { ...none, addTexts: [idlibRebels] });
  const starts = both.articles[0].mentions.map((m) => m.span.start);
  assert.deepEqual(
    starts,
    [...starts].sort((a, b) => a - b),
    'mentions stay sorted',
  );
  assert.equal(both.articles[0].mentions[0].text, 'Idlib rebels');
  assert.equal(both.articles[0].mentions.filter((m) => m.text === 'Idlib').length, 1, 'the overlapped "Idlib" gave way; the other stays');
});

test('set-speaker changes only the quotation its anchor resolves to', () => {
  const c: Correction = { ...base, id: '6', type: 'set-speaker', anchor: anchorAt(TEXT, spanOf('“We will stay,”')), speaker: 'Jolani', speakerId: 'person:jolani' };
  const out = applyCorrections(TEXT, model(), { ...none, speakers: [{ span: spanOf('“We will stay,”'), correction: c }] });
  assert.equal(out.articles[0].quotes[0].speaker, 'Jolani');
  assert.equal(out.articles[0].quotes[0].speakerId, 'person:jolani');
});

test('two windows writing the same annotations file keep each other’s corrections; removals stick', () => {
  const folder = mkdtempSync(join(tmpdir(), 'newslens-store-'));
  try {
    writeFileSync(join(folder, 'a.txt'), TEXT);
    const one = new AnnotationStore(folder);
    const two = new AnnotationStore(folder);
    assert.equal(one.load(), null);
    assert.equal(two.load(), null);
    const make = (id: string): Correction => ({ ...base, id, type: 'not-entity', anchor: anchorAt(TEXT, spanOf('Jolani')), entityId: 'person:jolani' });
    one.add(make('from-one'));
    two.add(make('from-two')); // two never re-read by hand: the write merges what one saved
    one.add(make('from-one-again'));
    const ids = (): string[] => (JSON.parse(readFileSync(one.file, 'utf8')) as { corrections: { id: string }[] }).corrections.map((c) => c.id).sort();
    assert.deepEqual(ids(), ['from-one', 'from-one-again', 'from-two']);
    two.remove('from-one');
    assert.deepEqual(ids(), ['from-one-again', 'from-two']);
    assert.deepEqual(readdirSync(join(folder, '.newslens')), ['annotations.json'], 'no temporary file left behind');
    // The layer reports an anchor that is gone, per file, and keeps the correction.
    const reports: string[][] = [];
    const layer = correctionLayer(one, (_uri, unresolved) => reports.push(unresolved.map((c) => c.id)));
    one.load();
    layer.apply(pathToFileURL(join(folder, 'a.txt')).href, 'Nobody is named here any more.', model());
    assert.deepEqual(reports.at(-1)?.sort(), ['from-one-again', 'from-two']);
    assert.equal(one.all().length, 2);
    // The text is there but the entity id names nothing in the file any more: reported too.
    const renamed = model();
    const withoutJolani: DocumentModel = {
      ...renamed,
      articles: renamed.articles.map((a) => ({ ...a, mentions: a.mentions.map((m) => (m.entityId === 'person:jolani' ? { ...m, entityId: 'person:abu-mohammed-al-jolani' } : m)) })),
    };
    layer.apply(pathToFileURL(join(folder, 'a.txt')).href, TEXT, withoutJolani);
    assert.deepEqual(reports.at(-1)?.sort(), ['from-one-again', 'from-two']);
    layer.apply(pathToFileURL(join(folder, 'a.txt')).href, TEXT, model());
    assert.deepEqual(reports.at(-1), []);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a newer-version annotations file is refused with a reason and left byte for byte', () => {
  const folder = mkdtempSync(join(tmpdir(), 'newslens-store-'));
  try {
    mkdirSync(join(folder, '.newslens'));
    const newer = '{"version": 7, "corrections": [], "future": true}\n';
    writeFileSync(join(folder, '.newslens', 'annotations.json'), newer);
    const store = new AnnotationStore(folder);
    assert.match(store.load() ?? '', /newer News Lens \(version 7/);
    assert.throws(() => store.add({ ...base, id: 'x', type: 'not-entity', anchor: anchorAt(TEXT, spanOf('Jolani')), entityId: 'person:jolani' }), /left untouched/);
    assert.equal(readFileSync(join(folder, '.newslens', 'annotations.json'), 'utf8'), newer);
    assert.equal(existsSync(join(folder, '.newslens', 'annotations.json.tmp')), false);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a hand-written correction without context or position still applies; one lacking its kind’s fields is refused', () => {
  const minimal = '{"version": 1, "corrections": [{"id": "h", "type": "add-entity", "file": "a.txt", "entityKind": "organization", "anchor": {"exact": "Hama Group"}}]}';
  const parsed = parseAnnotations(minimal);
  assert.ok(parsed.ok);
  const [c] = parsed.file.corrections;
  assert.deepEqual(c.anchor, { exact: 'Hama Group', prefix: '', suffix: '', start: 0 });
  assert.deepEqual(resolveAnchor(TEXT, c.anchor), spanOf('Hama Group'));
  const noKind = parseAnnotations('{"version": 1, "corrections": [{"id": "k", "type": "set-kind", "file": "a.txt", "entityId": "place:idlib", "anchor": {"exact": "Idlib"}}]}');
  assert.equal(noKind.ok, false);
  assert.match(noKind.ok ? '' : noKind.reason, /correction 1 \(set-kind\) lacks a field/);
});

test('an added entity can itself be re-kinded or taken back by an entity-wide correction', () => {
  const add: Correction = { ...base, id: 'a', type: 'add-entity', anchor: anchorAt(TEXT, spanOf('Hama Group')), entityKind: 'organization' };
  const rekind: Correction = { ...base, id: 'b', type: 'set-kind', anchor: anchorAt(TEXT, spanOf('Hama Group')), entityId: 'organization:hama-group', entityKind: 'place' };
  const out = applyCorrections(TEXT, model(), { ...none, addTexts: [add], byEntity: new Map([['organization:hama-group', rekind]]) });
  const hama = out.articles[0].mentions.find((m) => m.text === 'Hama Group');
  assert.deepEqual([hama?.kind, hama?.entityId], ['place', 'place:hama-group']);
  assert.equal(out.entities.find((e) => e.id === 'place:hama-group')?.name, 'Hama Group');
  const takenBack: Correction = { ...base, id: 'c', type: 'not-entity', anchor: anchorAt(TEXT, spanOf('Hama Group')), entityId: 'organization:hama-group' };
  const gone = applyCorrections(TEXT, model(), { ...none, addTexts: [add], byEntity: new Map([['organization:hama-group', takenBack]]) });
  assert.equal(
    gone.articles[0].mentions.some((m) => m.text === 'Hama Group'),
    false,
  );
});
