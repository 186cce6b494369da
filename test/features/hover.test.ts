/** Hover cards (`provideHover`) on a place, a person, a date and a quotation, in memory. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { quotationKind } from '../../server/src/core/model';
import { provideHover } from '../../server/src/features/hover';
import { at, seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
let uri: string;
let text: string;
const card = async (position: { line: number; character: number }): Promise<string> => {
  const hover = await provideHover(seeds.workspace, { textDocument: { uri }, position });
  assert.ok(hover && typeof hover.contents === 'object' && 'kind' in hover.contents && hover.contents.kind === 'markdown');
  return hover.contents.value;
};

before(async () => {
  seeds = await seedsWorkspace();
  uri = seeds.uri(seedName('004'));
  text = seeds.text(seedName('004'));
});

test('hover on Aleppo in 004 names a place, where it is, and counts its mentions', async () => {
  const value = await card(at(text, 3, 'Aleppo'));
  assert.match(value, /\*\*Aleppo\*\* · place/);
  assert.match(value, /city in Syria/);
  // Aleppo is named on lines 4, 5 (twice), 7, 13, 14, … of 004: more than five times in the article.
  const count = Number(/(\d+) mentions in this article/.exec(value)?.[1]);
  assert.ok(count >= 5, value);
  assert.match(value, /in \d+ files of the workspace/);
});

test('hover on a person lists the articles naming him; on a date the resolved day', async () => {
  const person = await card(at(text, 4, 'Bashar al-Assad'));
  assert.match(person, /\*\*Bashar al\\-Assad\*\* · person/);
  assert.match(person, /\*\*Articles\*\*/);
  // 004 is dated 2024-12-02 (a Monday): "on Sunday" is December 1, 2024.
  assert.match(await card(at(text, 4, 'Sunday')), /Sunday, December 1, 2024 \(2024-12-01\)/);
});

test('hover on a quotation names its speaker; nothing under plain words', async () => {
  const view = await seeds.view(seedName('000'));
  // A full statement (partial quotations and scare quotes have cards of their own).
  const quote = view.quotes.find((q) => quotationKind(q) === 'statement' && q.speaker);
  assert.ok(quote, 'a statement with a speaker in 000');
  // Inside the quotation, on a character no name or date covers.
  let offset = quote.span.start;
  while (view.mentionAt(offset) || view.dateAt(offset)) offset++;
  const hover = await provideHover(seeds.workspace, { textDocument: { uri: view.uri }, position: view.lines.positionAt(offset) });
  assert.match(JSON.stringify(hover?.contents), /\*\*Quotation\*\*\\n\\nSpeaker: /);
  assert.equal(await provideHover(seeds.workspace, { textDocument: { uri }, position: at(text, 4, ' the ') }), null);
});
