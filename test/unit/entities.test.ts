import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument, placeInfo, type DocumentModel, type EntityKind } from '../../server/src/core';

/** One paragraph as a document: the recogniser sees it as the body of an untitled article. */
function analyze(text: string): DocumentModel {
  return analyzeDocument(text);
}

function mentionsOf(model: DocumentModel): { text: string; kind: EntityKind; id: string }[] {
  return model.articles.flatMap((a) => a.mentions.map((m) => ({ text: m.text, kind: m.kind, id: m.entityId })));
}

function seed(prefix: string): string {
  const dir = join(__dirname, '..', '..', '..', 'seeds');
  const name = readdirSync(dir).find((n) => n.startsWith(prefix));
  assert.ok(name, `seed ${prefix}`);
  return readFileSync(join(dir, name), 'utf8');
}

test('titles and ranks are evidence, not part of the name; the surname alone joins the full name', () => {
  const model = analyze(
    'Lt. Gen. Igor Kirillov, the head of Russia’s nuclear, biological and chemical protection troops, was killed on Tuesday. General Kirillov had been accused of using chemical weapons. Mr. Kirillov was 54.',
  );
  const people = mentionsOf(model).filter((m) => m.kind === 'person');
  assert.deepEqual(
    people.map((m) => m.text),
    ['Igor Kirillov', 'Kirillov', 'Kirillov'],
  );
  assert.ok(
    people.every((m) => m.id === 'person:igor-kirillov'),
    JSON.stringify(people),
  );
  assert.ok(
    mentionsOf(model).some((m) => m.text === 'Russia' && m.kind === 'place'),
    'possessive Russia’s is the place Russia',
  );
});

test('Arabic particles and spellings: one Assad, one id', () => {
  const model = analyze(
    'President Bashar al-Assad of Syria met the envoy. Mr. al-Assad said little. Supporters of Bashar Al Assad rallied, while Bachar al Assad stayed in Damascus. Assad has ruled since 2000.',
  );
  const people = mentionsOf(model).filter((m) => m.kind === 'person');
  assert.ok(people.length >= 4, JSON.stringify(people));
  assert.deepEqual([...new Set(people.map((m) => m.id))], ['person:bashar-al-assad']);
  assert.ok(mentionsOf(model).some((m) => m.text === 'Syria' && m.kind === 'place'));
});

test('nationality adjectives are not places; multi-word organizations stay whole', () => {
  const model = analyze(
    'The Syrian Observatory for Human Rights, a Britain-based war monitor, said Russian and Syrian jets struck Idlib. The Organization for the Prohibition of Chemical Weapons said it was investigating.',
  );
  const found = mentionsOf(model);
  assert.ok(!found.some((m) => m.text === 'Syrian' || m.text === 'Russian'), JSON.stringify(found));
  assert.ok(
    found.some((m) => m.text === 'Syrian Observatory for Human Rights' && m.kind === 'organization'),
    JSON.stringify(found),
  );
  assert.ok(found.some((m) => m.text === 'Organization for the Prohibition of Chemical Weapons' && m.kind === 'organization'));
  assert.ok(found.some((m) => m.text === 'Idlib' && m.kind === 'place'));
});

test('acronyms with and without dots, and an acronym joins the long form the text gives', () => {
  const model = analyze(
    'The rebels of Hayat Tahrir al-Sham (HTS) took Aleppo. HTS was once linked to Al Qaeda. The S.B.U. said it acted alone, and the E.U. and NATO condemned the attack. The European Union met on Monday.',
  );
  const found = mentionsOf(model);
  const hts = found.filter((m) => m.text === 'HTS' || m.text === 'Hayat Tahrir al-Sham');
  assert.equal(hts.length, 3, JSON.stringify(found));
  assert.equal(new Set(hts.map((m) => m.id)).size, 1, 'HTS joins Hayat Tahrir al-Sham');
  for (const acronym of ['S.B.U.', 'E.U.', 'NATO'])
    assert.ok(
      found.some((m) => m.text === acronym && m.kind === 'organization'),
      `${acronym}: ${JSON.stringify(found)}`,
    );
  const eu = found.filter((m) => m.text === 'E.U.' || m.text === 'European Union');
  assert.equal(new Set(eu.map((m) => m.id)).size, 1, 'E.U. joins European Union by its initials');
  assert.ok(!found.some((m) => /Monday/.test(m.text)), 'weekdays are dates, not names');
});

test('sentence-initial ordinary words and Title Case headlines do not make entities', () => {
  const model = analyze('Russia and Iran Pledge Support for Syria’s Assad\n\nBut the rebels advanced. Several officials said President Bashar al-Assad was in Moscow.');
  const found = mentionsOf(model).map((m) => m.text);
  assert.ok(!found.includes('But') && !found.includes('Several') && !found.includes('Pledge') && !found.includes('Support'), JSON.stringify(found));
  assert.ok(found.includes('Moscow') && found.includes('Bashar al-Assad'));
});

test('boilerplate is never annotated', () => {
  const text = seed('000');
  const model = analyze(text);
  for (const block of model.boilerplate) {
    for (const a of model.articles) {
      for (const m of a.mentions) assert.ok(m.span.end <= block.span.start || m.span.start >= block.span.end, `mention ${m.text} inside boilerplate`);
    }
  }
});

test('the seeds: Assad across spellings, Kirillov, the S.B.U. and Aleppo as a place', () => {
  const m000 = analyze(seed('000'));
  const m001 = analyze(seed('001'));
  const m002 = analyze(seed('002'));
  const m004 = analyze(seed('004'));
  const ids = (m: DocumentModel) => new Set(m.entities.map((e) => e.id));
  for (const m of [m000, m001, m004]) assert.ok(ids(m).has('person:bashar-al-assad'), 'Bashar al-Assad');
  assert.ok(ids(m002).has('person:bashar-al-assad'), '"Bashar Al Assad" has the same id');
  const kirillov = m001.entities.find((e) => e.id === 'person:igor-kirillov');
  assert.ok(kirillov && kirillov.mentions.length >= 8, 'General Kirillov mentions join Igor Kirillov');
  assert.ok(m001.entities.some((e) => e.kind === 'organization' && e.aliases.includes('S.B.U.')));
  const aleppo = m004.entities.find((e) => e.name === 'Aleppo');
  assert.equal(aleppo?.kind, 'place');
  assert.ok(!m000.entities.some((e) => e.name === 'Syrian' || e.name === 'Russian'));
});

test('place lookup: countries, cities with their country and coordinates, short forms', () => {
  assert.equal(placeInfo('U.S.')?.name, 'United States');
  const aleppo = placeInfo('Aleppo');
  assert.equal(aleppo?.kind, 'city');
  assert.equal(aleppo?.country, 'Syria');
  assert.ok(aleppo && aleppo.population! > 1_000_000 && Math.abs(aleppo.lat! - 36.2) < 0.5);
  assert.equal(placeInfo('Syria')?.capital, 'Damascus');
  assert.equal(placeInfo('Syrian'), null);
});
