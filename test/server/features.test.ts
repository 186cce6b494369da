/**
 * The language server over real LSP JSON-RPC: the bundled dist/server.js on --stdio, a workspace
 * folder holding a copy of the seeds, answers checked against what a reader finds in the seeds.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession, decodeSemanticTokens, fileUri, repoRoot } from '../robustness/lspHarness';
import { SEMANTIC_TOKEN_TYPES, type ArticleAtResult, type ArticlesResult, type EntitiesResult, type EntityMentionsResult, type IndexStatus, type QuotesResult } from '../../server/src/protocol';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface DocumentSymbol {
  name: string;
  detail?: string;
  range: Range;
  selectionRange: Range;
  kind: number;
  children?: DocumentSymbol[];
}

let workspace: string;
let session: LspSession;
const seedDir = (): string => join(workspace, 'seeds');
const seedPath = (prefix: string): string => join(seedDir(), readdirSync(seedDir()).find((n) => n.startsWith(prefix))!);
const seedUri = (prefix: string): string => fileUri(seedPath(prefix));

async function openSeed(prefix: string): Promise<{ uri: string; text: string }> {
  const uri = seedUri(prefix);
  const text = readFileSync(seedPath(prefix), 'utf8');
  await session.open(uri, text);
  return { uri, text };
}

/** The position of the first `needle` on a 0-based line. */
function at(text: string, line: number, needle: string, occurrence = 0): { line: number; character: number } {
  const lineText = text.split('\n')[line];
  let character = -1;
  for (let i = 0; i <= occurrence; i++) character = lineText.indexOf(needle, character + 1);
  assert.ok(character >= 0, `"${needle}" on line ${line + 1}`);
  return { line, character };
}

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'newslens-features-'));
  cpSync(join(repoRoot(), 'seeds'), seedDir(), { recursive: true });
  session = await LspSession.start({ workspaceFolder: workspace });
  await session.waitForNotification('newsLens/indexStatus', (p) => (p as IndexStatus).state === 'ready', 120_000);
});

after(async () => {
  await session?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

test('capabilities: outline, folding, symbols, semantic tokens with the News Lens legend, hover, references', () => {
  const caps = session.capabilities as Record<string, unknown> & { semanticTokensProvider?: { legend: { tokenTypes: string[] }; full: { delta: boolean }; range: boolean } };
  for (const c of ['documentSymbolProvider', 'foldingRangeProvider', 'workspaceSymbolProvider', 'hoverProvider', 'referencesProvider', 'definitionProvider', 'documentHighlightProvider', 'codeLensProvider']) {
    assert.ok(caps[c], `${c} advertised`);
  }
  assert.deepEqual(caps.semanticTokensProvider?.legend.tokenTypes, [...SEMANTIC_TOKEN_TYPES]);
  assert.equal(caps.semanticTokensProvider?.full.delta, true);
  assert.equal(caps.semanticTokensProvider?.range, true);
});

test('documentSymbol: the four articles of 000 with their sections, detail "date · source · words"', async () => {
  const { uri } = await openSeed('000');
  const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  // Read from the file: three headlined stories (Syria, Georgia, Trump/Gaza) and an untitled one on Belgium.
  assert.equal(symbols.length, 4);
  assert.match(symbols[0].name, /^Russia and Iran Pledge Support for Syria’s al-Assad/);
  assert.match(symbols[1].name, /^What’s Behind the Protests in the Country of Georgia\?/);
  assert.match(symbols[2].name, /^Trump Threatens ‘Hell to Pay’/);
  assert.match(symbols[1].detail ?? '', /\d+ words$/);
  const georgiaSections = (symbols[1].children ?? []).map((s) => s.name);
  assert.ok(georgiaSections.includes('What’s at stake?'), georgiaSections.join(' | '));
  // Articles show as documents (SymbolKind.File), sections as headings (SymbolKind.String, as Markdown's headers).
  assert.deepEqual([...new Set(symbols.map((s) => s.kind))], [1]);
  assert.deepEqual([...new Set(symbols.flatMap((s) => (s.children ?? []).map((c) => c.kind)))], [15]);
  for (const s of symbols) {
    assert.ok(s.selectionRange.start.line >= s.range.start.line && s.selectionRange.end.line <= s.range.end.line, 'selection inside range');
  }
  await session.close(uri);
});

test('foldingRange: articles, sections and boilerplate blocks of 000', async () => {
  const { uri } = await openSeed('000');
  const ranges = await session.request<{ startLine: number; endLine: number; kind?: string }[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(ranges.some((r) => r.startLine === 0 && r.endLine > 20), 'the first article folds from its headline');
  assert.ok(ranges.some((r) => r.kind === 'comment'), 'boilerplate folds as a comment');
  assert.ok(ranges.every((r) => r.endLine > r.startLine));
  await session.close(uri);
});

test('workspace/symbol: article titles of files that are not open, and entities', async () => {
  const zelenskiy = await session.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: 'Zelenskiy Arrives' });
  assert.ok(zelenskiy.some((s) => s.name.startsWith('Zelenskiy Arrives In Paris') && s.location.uri === seedUri('003')), JSON.stringify(zelenskiy.slice(0, 3)));
  const kirillov = await session.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: 'Kirillov' });
  assert.ok(kirillov.some((s) => s.name === 'Igor Kirillov' && s.location.uri === seedUri('001')));
});

test('semantic tokens of 004 decode to person, place, organization, date and quote at the expected places', async () => {
  const { uri, text } = await openSeed('004');
  const tokens = decodeSemanticTokens((await session.semanticTokens(uri))!.data);
  const typeAt = (pos: { line: number; character: number }): string | undefined => {
    const t = tokens.find((x) => x.line === pos.line && x.character <= pos.character && pos.character < x.character + x.length);
    return t === undefined ? undefined : SEMANTIC_TOKEN_TYPES[t.type];
  };
  assert.equal(typeAt(at(text, 3, 'Aleppo')), 'place');
  assert.equal(typeAt(at(text, 4, 'Bashar al-Assad')), 'person');
  assert.equal(typeAt(at(text, 6, 'Hayat Tahrir al-Sham')), 'organization');
  assert.equal(typeAt(at(text, 6, 'Rami Abdel Rahman')), 'person');
  assert.equal(typeAt(at(text, 4, 'Sunday')), 'date');
  const kinds = new Set(tokens.map((t) => SEMANTIC_TOKEN_TYPES[t.type]));
  for (const kind of SEMANTIC_TOKEN_TYPES) assert.ok(kinds.has(kind) || kind === 'quote', `a ${kind} token`);
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1];
    const b = tokens[i];
    assert.ok(b.line > a.line || b.character >= a.character + a.length, 'tokens sorted and never overlapping');
  }
  await session.close(uri);
});

test('semantic tokens: quotes in 000, delta after a one-character edit', async () => {
  const { uri, text } = await openSeed('000');
  const first = (await session.semanticTokens(uri))!;
  assert.ok(decodeSemanticTokens(first.data).some((t) => SEMANTIC_TOKEN_TYPES[t.type] === 'quote'), 'quotations are highlighted');
  const line = text.split('\n').length - 1;
  await session.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }]);
  const delta = await session.request<{ resultId: string; edits?: { start: number; deleteCount: number; data?: number[] }[]; data?: number[] }>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId });
  assert.ok(delta.edits, 'an edit list, not a full answer');
  assert.ok(delta.edits.length <= 1);
  await session.close(uri);
});

test('semantic tokens: nothing highlighted in the page furniture after the article in 002', async () => {
  const { uri, text } = await openSeed('002');
  const lines = text.split('\n');
  // By reading 002: from "Recommended Topics" to "Follow Us On" the page's furniture, with place names
  // (US, UK, Pakistan, New Delhi) and a date (Saturday, January 18, 2025) that are not the article's.
  const from = lines.findIndex((l) => l.trim() === 'Recommended Topics');
  const to = lines.findIndex((l) => l.trim() === 'Follow Us On');
  assert.ok(from > 0 && to > from);
  const tokens = decodeSemanticTokens((await session.semanticTokens(uri))!.data);
  assert.ok(tokens.some((t) => t.line < from), 'the article itself is highlighted');
  assert.deepEqual(tokens.filter((t) => t.line >= from && t.line <= to).map((t) => lines[t.line].slice(t.character, t.character + t.length)), []);
  await session.close(uri);
});

test('hover on Aleppo in 004 names a place, where it is, and counts its mentions', async () => {
  const { uri, text } = await openSeed('004');
  const hover = await session.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position: at(text, 3, 'Aleppo') });
  const card = hover.contents.value;
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(card, /\*\*Aleppo\*\* · place/);
  assert.match(card, /city in Syria/);
  // Aleppo is named on lines 4, 5 (twice), 7, 13, 14, … of 004: more than five times in the article.
  const count = Number(/(\d+) mentions in this article/.exec(card)?.[1]);
  assert.ok(count >= 5, card);
  assert.match(card, /in \d+ files of the workspace/);
  await session.close(uri);
});

test('hover on a person lists other names and quotations; on a date the resolved day', async () => {
  const { uri, text } = await openSeed('004');
  const person = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at(text, 4, 'Bashar al-Assad', 0) });
  assert.match(person.contents.value, /\*\*Bashar al\\-Assad\*\* · person/);
  assert.match(person.contents.value, /\*\*Articles\*\*/);
  const date = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at(text, 4, 'Sunday') });
  // 004 is dated 2024-12-02 (a Monday): "on Sunday" is December 1, 2024.
  assert.match(date.contents.value, /Sunday, December 1, 2024 \(2024-12-01\)/);
  await session.close(uri);
});

test('references of Assad span several files, opened or not; definition is the first mention', async () => {
  const { uri, text } = await openSeed('004');
  const refs = await session.request<{ uri: string; range: Range }[]>('textDocument/references', { textDocument: { uri }, position: at(text, 4, 'Assad'), context: { includeDeclaration: true } });
  const files = new Set(refs.map((r) => r.uri));
  assert.ok(files.size >= 4, `references in ${files.size} files`);
  assert.ok(files.has(seedUri('001')) && files.has(seedUri('003')));
  const def = await session.request<{ uri: string; range: Range }>('textDocument/definition', { textDocument: { uri }, position: at(text, 4, 'Assad') });
  // The first seed (in path order) that names Assad, at its first line naming him: 000's headline.
  const firstFile = readdirSync(seedDir()).sort().find((n) => readFileSync(join(seedDir(), n), 'utf8').includes('Assad'))!;
  const firstLine = readFileSync(join(seedDir(), firstFile), 'utf8').split('\n').findIndex((l) => l.includes('Assad'));
  assert.equal(def.uri, fileUri(join(seedDir(), firstFile)));
  assert.equal(def.range.start.line, firstLine);
  const highlights = await session.request<unknown[]>('textDocument/documentHighlight', { textDocument: { uri }, position: at(text, 4, 'Assad') });
  assert.ok(highlights.length >= 2);
  await session.close(uri);
});

test('code lenses count people, places, organizations and quotations over each headline', async () => {
  const { uri } = await openSeed('000');
  const all = await session.request<{ range: Range; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri } });
  // The counts lens of each article (the story lenses, "also told by …", are tested in stories.test.ts).
  const lenses = all.filter((l) => l.command.command === 'newsLens.revealArticle');
  assert.equal(lenses.length, 4);
  assert.match(lenses[0].command.title, /^\d+ (people|person) · \d+ places? · \d+ organizations? · \d+ quotations?$/);
  assert.equal(lenses[0].command.command, 'newsLens.revealArticle');
  assert.deepEqual(lenses[1].command.arguments, [uri, 1]);
  await session.close(uri);
});

test('newsLens/articles, entities, entityMentions, quotes, articleAt and status', async () => {
  const all = await session.request<ArticlesResult>('newsLens/articles', {});
  assert.equal(all.files.length, 5);
  assert.equal(all.files.reduce((n, f) => n + f.articles.length, 0), 4 + 7 + 1 + 1 + 1);
  const one = await session.request<ArticlesResult>('newsLens/articles', { textDocument: { uri: seedUri('002') } });
  assert.equal(one.files[0].articles[0].date, '2024-12-02');
  assert.ok(one.files[0].boilerplate!.length > 0);
  const people = await session.request<EntitiesResult>('newsLens/entities', { kind: 'person', limit: 5 });
  assert.equal(people.entities.length, 5);
  assert.ok(people.entities.every((e) => e.kind === 'person'));
  const assad = people.entities.find((e) => e.id === 'person:bashar-al-assad');
  assert.ok(assad && assad.fileCount >= 4, JSON.stringify(people.entities));
  const mentions = await session.request<EntityMentionsResult>('newsLens/entityMentions', { id: 'person:bashar-al-assad' });
  assert.ok(mentions.mentions.length >= assad!.mentionCount - 1 && mentions.mentions.every((m) => m.lineText.length > 0));
  const quotes = await session.request<QuotesResult>('newsLens/quotes', { textDocument: { uri: seedUri('000') } });
  assert.ok(quotes.quotes.some((q) => q.speaker !== null));
  const { uri, text } = await openSeed('001');
  const where = await session.request<ArticleAtResult>('newsLens/articleAt', { textDocument: { uri }, position: { line: Math.floor(text.split('\n').length / 2), character: 0 } });
  assert.equal(where.total, 7);
  assert.ok(where.index > 0 && where.index < 7);
  const status = await session.request<IndexStatus>('newsLens/status', null);
  assert.equal(status.state, 'ready');
  assert.equal(status.filesTotal, 5);
  await session.close(uri);
});

test('the index follows files created and deleted on disk', async () => {
  const extra = join(seedDir(), 'extra.txt');
  writeFileSync(extra, 'Kyiv Mayor Vitali Klitschko Speaks\n\nKyiv Mayor Vitali Klitschko said on Monday that the city would hold.\n');
  const indexed = async (): Promise<boolean> => (await session.request<ArticlesResult>('newsLens/articles', {})).files.some((f) => f.uri === fileUri(extra));
  /** Polls (bounded) until the index shows the change: the server handles watcher events asynchronously. */
  const until = async (want: boolean): Promise<boolean> => {
    for (let i = 0; i < 100; i++) {
      if ((await indexed()) === want) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  };
  await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(extra), type: 1 }] });
  assert.ok(await until(true), 'created file indexed');
  const people = await session.request<EntitiesResult>('newsLens/entities', { query: 'Klitschko' });
  assert.ok(people.entities.some((e) => e.name === 'Vitali Klitschko' && e.kind === 'person'));
  unlinkSync(extra);
  await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(extra), type: 3 }] });
  assert.ok(await until(false), 'deleted file dropped');
  assert.equal((await session.request<EntitiesResult>('newsLens/entities', { query: 'Klitschko' })).entities.length, 0);
});
