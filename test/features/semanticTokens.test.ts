/** Semantic tokens (`SemanticTokensProvider`): full, delta and range, in memory. */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SEMANTIC_TOKEN_TYPES } from '../../server/src/protocol';
import { SemanticTokensProvider } from '../../server/src/features/semanticTokens';
import { decodeSemanticTokens } from '../support/lspHarness';
import { at, seedName, seedsWorkspace, type MemoryWorkspace } from '../support/memoryWorkspace';

let seeds: MemoryWorkspace;
let tokens: SemanticTokensProvider;
before(async () => {
  seeds = await seedsWorkspace('000', '002', '004');
  tokens = new SemanticTokensProvider(seeds.workspace);
});

test('tokens of 004 decode to person, place, organization, date and quote at the expected places', async () => {
  const uri = seeds.uri(seedName('004'));
  const text = seeds.text(seedName('004'));
  const decoded = decodeSemanticTokens((await tokens.full({ textDocument: { uri } })).data);
  const typeAt = (pos: { line: number; character: number }): string | undefined => {
    const t = decoded.find((x) => x.line === pos.line && x.character <= pos.character && pos.character < x.character + x.length);
    return t === undefined ? undefined : SEMANTIC_TOKEN_TYPES[t.type];
  };
  assert.equal(typeAt(at(text, 3, 'Aleppo')), 'place');
  assert.equal(typeAt(at(text, 4, 'Bashar al-Assad')), 'person');
  assert.equal(typeAt(at(text, 6, 'Hayat Tahrir al-Sham')), 'organization');
  assert.equal(typeAt(at(text, 6, 'Rami Abdel Rahman')), 'person');
  assert.equal(typeAt(at(text, 4, 'Sunday')), 'date');
  const kinds = new Set(decoded.map((t) => SEMANTIC_TOKEN_TYPES[t.type]));
  for (const kind of SEMANTIC_TOKEN_TYPES) assert.ok(kinds.has(kind) || kind === 'quote', `a ${kind} token`);
  for (let i = 1; i < decoded.length; i++) {
    const a = decoded[i - 1];
    const b = decoded[i];
    assert.ok(b.line > a.line || b.character >= a.character + a.length, 'tokens sorted and never overlapping');
  }
  // A range answers the tokens of its lines only.
  const ranged = decodeSemanticTokens((await tokens.range({ textDocument: { uri }, range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } } })).data);
  assert.deepEqual(
    ranged,
    decoded.filter((t) => t.line === 4),
  );
});

test('quotes in 000; a delta after a one-character edit rebuilds the new tokens', async () => {
  const name = seedName('000');
  const uri = seeds.uri(name);
  const first = await tokens.full({ textDocument: { uri } });
  assert.ok(
    decodeSemanticTokens(first.data).some((t) => SEMANTIC_TOKEN_TYPES[t.type] === 'quote'),
    'quotations are highlighted',
  );
  await seeds.open(name, `${seeds.text(name)}x`);
  const delta = await tokens.delta({ textDocument: { uri }, previousResultId: first.resultId! });
  assert.ok('edits' in delta, 'an edit list, not a full answer');
  assert.ok(delta.edits.length <= 1);
  const rebuilt = [...first.data];
  for (const e of delta.edits) rebuilt.splice(e.start, e.deleteCount, ...(e.data ?? []));
  assert.deepEqual(rebuilt, (await tokens.full({ textDocument: { uri } })).data);
});

test('nothing highlighted in the page furniture after the article in 002', async () => {
  const text = seeds.text(seedName('002'));
  const lines = text.split('\n');
  // By reading 002: from "Recommended Topics" to "Follow Us On" the page's furniture, with place names
  // (US, UK, Pakistan, New Delhi) and a date (Saturday, January 18, 2025) that are not the article's.
  const from = lines.findIndex((l) => l.trim() === 'Recommended Topics');
  const to = lines.findIndex((l) => l.trim() === 'Follow Us On');
  assert.ok(from > 0 && to > from);
  const decoded = decodeSemanticTokens((await tokens.full({ textDocument: { uri: seeds.uri(seedName('002')) } })).data);
  assert.ok(
    decoded.some((t) => t.line < from),
    'the article itself is highlighted',
  );
  assert.deepEqual(
    decoded.filter((t) => t.line >= from && t.line <= to).map((t) => lines[t.line].slice(t.character, t.character + t.length)),
    [],
  );
});

test('a kind turned off in the settings is not highlighted', async () => {
  seeds.workspace.settings.setPushed({ highlight: { person: false } });
  try {
    const decoded = decodeSemanticTokens((await tokens.full({ textDocument: { uri: seeds.uri(seedName('004')) } })).data);
    assert.ok(decoded.length > 0);
    assert.ok(decoded.every((t) => SEMANTIC_TOKEN_TYPES[t.type] !== 'person'));
  } finally {
    seeds.workspace.settings.setPushed({});
  }
});
