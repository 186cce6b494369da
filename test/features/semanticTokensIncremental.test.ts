/** Semantic tokens of an edited document (its analysis re-does only what the edit touched): after edits, those of a fresh analysis. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analyze';
import { SemanticTokensProvider } from '../../server/src/features/semanticTokens';
import type { FileView } from '../../server/src/workspace/fileView';
import { seededRandom } from '../../server/src/util/random';
import { memoryWorkspace, seedFiles, seedName } from '../support/memoryWorkspace';

const NAME = 'edited.txt';
/**
 * What an edit inserts and how many characters it replaces: a letter, line breaks (a new paragraph, maybe a
 * new article), a name, a quotation mark, a deletion, a character turned into a line break or a space.
 */
const EDITS: readonly (readonly [string, number])[] = [
  ['x', 0],
  ['\n', 0],
  ['\n\n\n', 0],
  [' Mr. John Smith said ', 0],
  ['"', 0],
  ['', 3],
  ['\n', 1],
  [' ', 1],
];

test('tokens after edits inside, at the boundary of and between articles equal a fresh analysis', async () => {
  const seeds = seedFiles();
  let text = `${seeds[seedName('003')]}\n\n${seeds[seedName('004')]}`;
  const random = seededRandom(14);
  const edited = await memoryWorkspace({ [NAME]: text });
  const provider = new SemanticTokensProvider(edited.workspace);
  const uri = edited.uri(NAME);
  let last = await provider.full({ textDocument: { uri } });
  for (let i = 0; i < 2 * EDITS.length; i++) {
    const view = await edited.view(NAME);
    const articles = view.model.articles;
    assert.ok(articles.length > 1, 'several articles');
    const k = Math.floor(random() * articles.length);
    const span = articles[k].span;
    // Inside an article, at its start or end, or in the text between it and the next one.
    const where = Math.floor(i / 2) % 3;
    const nextStart = k + 1 < articles.length ? articles[k + 1].span.start : text.length;
    const at =
      where === 0 ? span.start + Math.floor(random() * (span.end - span.start)) : where === 1 ? (random() < 0.5 ? span.start : span.end) : span.end + Math.floor(random() * (nextStart - span.end + 1));
    const [insert, removed] = EDITS[i % EDITS.length];
    text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + removed));
    await edited.open(NAME, text);
    const delta = await provider.delta({ textDocument: { uri }, previousResultId: last.resultId! });
    const data = [...last.data];
    if ('edits' in delta) for (const e of delta.edits) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    else data.splice(0, data.length, ...delta.data);
    assert.deepEqual(data, (await provider.full({ textDocument: { uri } })).data, `edit ${i}: the delta gives the whole file's tokens`);
    const fresh = await memoryWorkspace({ [NAME]: text });
    const freshTokens = await new SemanticTokensProvider(fresh.workspace).full({ textDocument: { uri } });
    assert.deepEqual(data, freshTokens.data, `edit ${i}: ${JSON.stringify(insert)} at ${at}: the tokens of a fresh analysis`);
    last = { resultId: delta.resultId, data };
  }
});

/**
 * The paths an edit takes through the document memo: a letter typed (the articles after it only move), a
 * typo fixed in place (nothing moves), an article split by a new headline and merged again, a name used
 * in other articles changed and changed back (every article linked again), a new alias, a stretch across
 * an article boundary deleted. After each, the model is a fresh analysis's, and the tokens — as a delta,
 * as a whole, and as one range over the whole file (computed without the per-article cache) — agree.
 */
test('edits that move, split, merge and rename articles give the model and tokens of a fresh analysis', async () => {
  const seeds = seedFiles();
  let text = [seedName('000'), seedName('002'), seedName('004')].map((n) => seeds[n].trim()).join('\n\n\n');
  const edited = await memoryWorkspace({ [NAME]: text });
  const provider = new SemanticTokensProvider(edited.workspace);
  const uri = edited.uri(NAME);
  const first = await edited.view(NAME);
  assert.ok(first.model.articles.length > 2, 'several articles');
  const person = first.model.entities.find((e) => e.kind === 'person' && new Set(e.mentions.map((m) => m.article)).size > 1);
  assert.ok(person, 'a person named in several articles');
  const surname = person.mentions.map((m) => m.text).find((t) => !t.includes(' ')) ?? person.name.split(' ').pop()!;
  const bodyOf = (k: number, view: FileView): number => {
    const p = view.model.articles[k].paragraphs;
    return p[Math.floor(p.length / 2)].start + 1;
  };
  type Edit = (view: FileView) => [number, number, string];
  const edits: [string, Edit][] = [
    ['a letter typed', (v) => [bodyOf(0, v), 0, 'x']],
    ['the letter typed again in a later article', (v) => [bodyOf(2, v), 0, 'x']],
    ['a typo fixed in place', (v) => [bodyOf(1, v), 1, 'q']],
    ['a new headline splits an article', (v) => [v.model.articles[1].paragraphs[2].start, 0, 'Russia and Iran Pledge Support for Syria\n\nBy Jane Doe\n\n']],
    [
      'the new headline removed: merged again',
      () => [text.indexOf('Russia and Iran Pledge Support for Syria\n\nBy Jane Doe'), 'Russia and Iran Pledge Support for Syria\n\nBy Jane Doe\n\n'.length, ''],
    ],
    ['a name used in other articles changed', (v) => [text.indexOf(surname, v.model.articles[0].span.start), surname.length, 'Zelenskyyx']],
    ['the name changed back', () => [text.indexOf('Zelenskyyx'), 'Zelenskyyx'.length, surname]],
    ['a new alias of a person', (v) => [bodyOf(1, v), 0, ` Mr. ${surname}’s `]],
    ['a stretch across an article boundary deleted', (v) => [v.model.articles[1].span.end - 40, 120, '']],
    ['two articles glued by deleting the blank lines between them', (v) => [v.model.articles[0].span.end, v.model.articles[1].span.start - v.model.articles[0].span.end, ' ']],
  ];
  let last = await provider.full({ textDocument: { uri } });
  for (const [name, edit] of edits) {
    const [at, removed, insert] = edit(await edited.view(NAME));
    assert.ok(at >= 0, `${name}: found where to edit`);
    text = text.slice(0, at) + insert + text.slice(at + removed);
    const view = await edited.open(NAME, text);
    assert.deepEqual(view.model, analyzeDocument(text), `${name}: the model of a fresh analysis`);
    const delta = await provider.delta({ textDocument: { uri }, previousResultId: last.resultId! });
    const data = [...last.data];
    if ('edits' in delta) for (const e of delta.edits) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    else data.splice(0, data.length, ...delta.data);
    const whole = await provider.range({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: view.lines.lineCount, character: 0 } } });
    assert.deepEqual(data, whole.data, `${name}: the delta gives the tokens computed over the whole file at once`);
    const fresh = await memoryWorkspace({ [NAME]: text });
    assert.deepEqual(data, (await new SemanticTokensProvider(fresh.workspace).full({ textDocument: { uri } })).data, `${name}: the tokens of a fresh analysis`);
    last = { resultId: delta.resultId, data };
  }
});
