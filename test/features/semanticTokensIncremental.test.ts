/** Semantic tokens of an edited document (its analysis re-does only what the edit touched): after edits, those of a fresh analysis. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SemanticTokensProvider } from '../../server/src/features/semanticTokens';
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
