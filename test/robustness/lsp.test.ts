// Bad and odd input through the bundled language server over JSON-RPC (`dist/server.js --stdio`):
// every request answers, every range lies inside the document on UTF-16 boundaries, semantic tokens
// are sorted and never overlap, the server survives malformed requests, and a document edited
// incrementally ends up analysed exactly like the same final text opened fresh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/core/lineIndex';
import { SEMANTIC_TOKEN_TYPES, type ArticlesResult, type FileArticles, type IndexStatus } from '../../server/src/protocol';
import { LspSession, fileUri, type LspRange, type TextEdit } from '../support/lspHarness';
import { TextLines, checkSemanticTokens, collectRanges, splitsSurrogatePair } from './invariants';
import { bigText, decodeUtf8, oddInputs, prng, seedTexts } from './inputs';

const SAFETY_TIMEOUT_MS = 180_000;
let session: LspSession;
let folder: string;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'newslens-robust-'));
  session = await LspSession.start({ workspaceFolder: folder, settings: { files: ['**/*.txt'] } });
});

after(async () => {
  await session?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Runs a request; a ResponseError counts as a clean answer, a timeout or a dead server does not. */
async function answer<T>(method: string, params: unknown, timeoutMs = 60_000): Promise<{ result?: T; error?: ResponseError<unknown> }> {
  try {
    return { result: await session.request<T>(method, params, timeoutMs) };
  } catch (e) {
    if (e instanceof ResponseError) return { error: e };
    throw new Error(`${method}: ${(e as Error).message}; server ${session.alive ? 'alive' : `exited ${JSON.stringify(session.exited)}`}; stderr tail: ${session.stderr.slice(-2_000)}`);
  }
}

/** The request must succeed (no error response) and the server must still be alive. */
async function mustAnswer<T>(method: string, params: unknown, timeoutMs?: number): Promise<T> {
  const { result, error } = await answer<T>(method, params, timeoutMs);
  assert.equal(error, undefined, `${method} answered with an error: ${error?.message}`);
  assert.ok(session.alive, `server died during ${method}`);
  return result as T;
}

function capability(name: string): boolean {
  return Boolean(session.capabilities[name]);
}

/** Positions worth hovering: start, end, middle, past the end, next to any astral character. */
function probePositions(text: string): { line: number; character: number }[] {
  const index = new LineIndex(text);
  const offsets = [0, text.length, Math.floor(text.length / 2), Math.floor(text.length / 3)];
  const astral = /[\uD800-\uDBFF][\uDC00-\uDFFF]/.exec(text);
  if (astral) offsets.push(astral.index, astral.index + 2);
  const positions = offsets.map((o) => index.positionAt(o));
  positions.push({ line: index.lineCount - 1, character: 10_000 });
  return positions;
}

/** Checks every feature on one open document against the invariants. */
async function checkOpenDocument(uri: string, text: string, label: string): Promise<void> {
  const lines = new TextLines(text);
  assert.ok(capability('semanticTokensProvider'), 'the server advertises semantic tokens');
  const tokens = await mustAnswer<{ data: number[] } | null>('textDocument/semanticTokens/full', { textDocument: { uri } }, SAFETY_TIMEOUT_MS);
  assert.deepEqual(checkSemanticTokens(text, tokens?.data ?? [], SEMANTIC_TOKEN_TYPES.length, lines), [], `${label}: semantic tokens`);

  assert.ok(capability('documentSymbolProvider'), 'the server advertises document symbols');
  const symbols = await mustAnswer<unknown>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    collectRanges(symbols).flatMap((r) => lines.checkRange(r.range, `${label}: symbol ${r.path}`)),
    [],
  );

  if (capability('foldingRangeProvider')) {
    const folds = (await mustAnswer<{ startLine: number; endLine: number }[] | null>('textDocument/foldingRange', { textDocument: { uri } })) ?? [];
    for (const f of folds) assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines.index.lineCount, `${label}: folding ${JSON.stringify(f)}`);
  }
  assert.ok(capability('hoverProvider'), 'the server advertises hover');
  for (const position of probePositions(text)) {
    const hover = await mustAnswer<unknown>('textDocument/hover', { textDocument: { uri }, position });
    assert.deepEqual(
      collectRanges(hover).flatMap((r) => lines.checkRange(r.range, `${label}: hover at ${JSON.stringify(position)}`)),
      [],
    );
    if (capability('referencesProvider')) {
      await mustAnswer<unknown>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    }
  }
  const articles = await mustAnswer<ArticlesResult>('newsLens/articles', { textDocument: { uri } });
  const file = articles.files.find((f) => f.uri === uri);
  assert.ok(file, `${label}: newsLens/articles answers for the document`);
  assert.deepEqual(
    collectRanges(file).flatMap((r) => lines.checkRange(r.range, `${label}: articles ${r.path}`)),
    [],
  );
}

let documentCounter = 0;
function freshUri(stem: string): string {
  return fileUri(join(folder, 'open', `${stem.replace(/[^a-z0-9]+/gi, '-')}-${documentCounter++}.txt`));
}

for (const input of oddInputs()) {
  test(`lsp: ${input.name}`, { timeout: SAFETY_TIMEOUT_MS }, async () => {
    const uri = freshUri(input.name);
    await session.open(uri, input.text);
    await checkOpenDocument(uri, input.text, input.name);
    await session.close(uri);
  });
}

test('lsp: a 20 MB file gets a clear notice and the outline only, without hanging', { timeout: SAFETY_TIMEOUT_MS }, async () => {
  const text = bigText(20);
  const uri = freshUri('twenty-mb');
  await session.open(uri, text);
  const tokens = await mustAnswer<{ data: number[] } | null>('textDocument/semanticTokens/full', { textDocument: { uri } }, SAFETY_TIMEOUT_MS);
  assert.deepEqual(checkSemanticTokens(text, tokens?.data ?? [], SEMANTIC_TOKEN_TYPES.length), []);
  const symbols = await mustAnswer<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } }, SAFETY_TIMEOUT_MS);
  assert.ok(Array.isArray(symbols) && symbols.length > 0, 'the outline (articles) is still given');
  const articles = await mustAnswer<ArticlesResult>('newsLens/articles', { textDocument: { uri } }, SAFETY_TIMEOUT_MS);
  const file = articles.files.find((f) => f.uri === uri);
  assert.ok(file?.notice, 'a file above newsLens.maxFileSizeMB carries a notice');
  assert.ok(!/[\r\n]/.test(file.notice) && file.notice.length < 300, `the notice is one short line: ${file.notice}`);
  const counts = file.articles.reduce((n, a) => n + a.counts.person + a.counts.place + a.counts.organization + a.counts.quote, 0);
  assert.equal(counts, 0, 'no entity analysis above the size limit');
  await session.close(uri);
});

test('lsp: unknown documents and malformed requests answer cleanly and leave the server serving', { timeout: 60_000 }, async () => {
  const unknown = fileUri(join(folder, 'never-opened', 'nothing.txt'));
  for (const [method, params] of [
    ['textDocument/semanticTokens/full', { textDocument: { uri: unknown } }],
    ['textDocument/documentSymbol', { textDocument: { uri: unknown } }],
    ['textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }],
    ['newsLens/articles', { textDocument: { uri: unknown } }],
    ['newsLens/articleAt', { textDocument: { uri: unknown }, position: { line: 3, character: 1 } }],
    ['newsLens/entityMentions', { id: 'person:no-such-entity' }],
    ['textDocument/hover', { textDocument: { uri: 'not a uri at all' }, position: { line: -1, character: -5 } }],
    ['textDocument/hover', null],
  ] as const) {
    await answer(method, params); // a result or a ResponseError, never a hang or a crash
    assert.ok(session.alive, `server survived ${method} ${JSON.stringify(params)}`);
  }
  // Positions beyond the text and edits with out-of-range positions on an open document.
  const text = seedTexts()[4].text;
  const uri = freshUri('malformed');
  await session.open(uri, text);
  await answer('textDocument/hover', { textDocument: { uri }, position: { line: 99_999, character: 99_999 } });
  await session.change(uri, 2, [{ range: { start: { line: 5_000, character: 0 }, end: { line: 9_000, character: 3 } }, text: 'appended past the end' }]);
  await session.change(uri, 3, [{ range: { start: { line: 2, character: 50 }, end: { line: 1, character: 0 } }, text: '' }]);
  await session.notify('textDocument/didChange', { textDocument: { uri: unknown, version: 7 }, contentChanges: [{ text: 'x' }] });
  await session.notify('textDocument/didClose', { textDocument: { uri: unknown } });
  await session.notify('newsLens/noSuchNotification', { anything: true });
  const tokens = await mustAnswer<{ data: number[] } | null>('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.ok(tokens === null || Array.isArray(tokens.data));
  await session.close(uri);
  await mustAnswer('newsLens/status', null);
});

test('lsp: a workspace folder of bad files on disk is indexed without a crash', { timeout: SAFETY_TIMEOUT_MS }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-badfolder-'));
  try {
    const onDisk: { name: string; text: string }[] = [];
    for (const [i, input] of oddInputs().entries()) {
      const name = `bad-${String(i).padStart(2, '0')}.txt`;
      writeFileSync(join(dir, name), input.bytes ?? Buffer.from(input.text, 'utf8'));
      // What an editor shows: UTF-8 decoded with replacement characters, the BOM dropped.
      onDisk.push({ name, text: decodeUtf8(input.bytes ?? Buffer.from(input.text, 'utf8')).replace(/^\uFEFF/, '') });
    }
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'big.txt'), bigText(20));
    writeFileSync(join(dir, 'sub', 'seed.txt'), seedTexts()[0].text);
    const indexer = await LspSession.start({ workspaceFolder: dir, settings: { files: ['**/*.txt'] } });
    try {
      await indexer.waitForNotification('newsLens/indexStatus', (p) => (p as IndexStatus).state === 'ready', SAFETY_TIMEOUT_MS);
      assert.ok(indexer.alive, 'the indexer survived the bad files');
      const all = await indexer.request<ArticlesResult>('newsLens/articles', {}, 60_000);
      const byUri = new Map<string, FileArticles>(all.files.map((f) => [f.uri, f]));
      assert.ok(byUri.has(fileUri(join(dir, 'sub', 'seed.txt'))), 'the good file next to the bad ones is indexed');
      for (const { name, text } of onDisk) {
        const file = byUri.get(fileUri(join(dir, name)));
        if (!file) continue; // a file with no article (empty, blank) may be left out
        const lines = new TextLines(text);
        assert.deepEqual(
          collectRanges(file).flatMap((r) => lines.checkRange(r.range, `${name}: ${r.path}`)),
          [],
        );
      }
    } finally {
      await indexer.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------- property: incremental edits equal a fresh analysis ----------

const seedLines = seedTexts().flatMap((s) => s.text.split('\n'));
const insertPiece = fc.oneof(
  fc.constantFrom('', ' ', '\n', '\r\n', '\n\n', '“', '”', '"', 'President Vladimir Putin said', ' on Tuesday', 'Mr. Zelensky', '🇺🇦', 'e\u0301', '\u200F'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.integer({ min: 0, max: seedLines.length - 1 }).map((i) => seedLines[i] + '\n'),
);

/** Applies LSP incremental changes to a string the way a text document does. */
function applyChange(text: string, range: LspRange, insert: string): string {
  const index = new LineIndex(text);
  const start = index.offsetAt(range.start);
  const end = index.offsetAt(range.end);
  return text.slice(0, start) + insert + text.slice(Math.max(start, end));
}

/** A valid edit: offsets on code-point boundaries, never inside a CRLF pair. */
function editAt(text: string, a: number, length: number, insert: string): TextEdit {
  const clean = (o: number): number => {
    let x = Math.max(0, Math.min(text.length, o));
    if (splitsSurrogatePair(text, x) || (text.charCodeAt(x - 1) === 13 && text.charCodeAt(x) === 10)) x--;
    return x;
  };
  const start = clean(a % (text.length + 1));
  const end = Math.max(start, clean(start + length));
  const index = new LineIndex(text);
  return { range: { start: index.positionAt(start), end: index.positionAt(end) }, text: insert };
}

function stripUris(result: ArticlesResult): unknown {
  return JSON.parse(JSON.stringify(result.files.map((f) => f.articles)).replace(/"uri":"[^"]*"/g, '"uri":""'));
}

test('lsp (property): random incremental edits end in the same analysis as the final text opened fresh', { timeout: SAFETY_TIMEOUT_MS }, async () => {
  const random = prng(99);
  const seeds = seedTexts();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: seeds.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 300 }), insertPiece, fc.boolean()), { minLength: 1, maxLength: 8 }),
      async (seedIndex, edits) => {
        // A cut of a seed keeps each run quick while keeping real article structure.
        const base = seeds[seedIndex].text.slice(0, 6_000);
        const uri = freshUri('edited');
        let text = base;
        let version = 1;
        await session.open(uri, text, version);
        for (const [at, length, insert, askBetween] of edits) {
          const edit = editAt(text, at, length, insert);
          text = applyChange(text, edit.range, edit.text);
          await session.change(uri, ++version, [edit]);
          // Sometimes ask in between, so stale analyses and cancellation are exercised too.
          if (askBetween) void session.semanticTokens(uri).catch(() => undefined);
        }
        // Half of the time also replace a random stretch in one multi-change notification.
        if (random() < 0.5) {
          const first = editAt(text, Math.floor(random() * text.length), 5, 'X');
          const afterFirst = applyChange(text, first.range, first.text);
          const second = editAt(afterFirst, Math.floor(random() * afterFirst.length), 0, '\n');
          text = applyChange(afterFirst, second.range, second.text);
          await session.change(uri, ++version, [first, second]);
        }
        const edited = await mustAnswer<{ data: number[] } | null>('textDocument/semanticTokens/full', { textDocument: { uri } });
        const editedArticles = await mustAnswer<ArticlesResult>('newsLens/articles', { textDocument: { uri } });
        const freshUriValue = freshUri('fresh');
        await session.open(freshUriValue, text);
        const fresh = await mustAnswer<{ data: number[] } | null>('textDocument/semanticTokens/full', { textDocument: { uri: freshUriValue } });
        const freshArticles = await mustAnswer<ArticlesResult>('newsLens/articles', { textDocument: { uri: freshUriValue } });
        await session.close(uri);
        await session.close(freshUriValue);
        assert.deepEqual(checkSemanticTokens(text, edited?.data ?? [], SEMANTIC_TOKEN_TYPES.length), []);
        assert.deepEqual(edited?.data ?? [], fresh?.data ?? [], 'semantic tokens after edits equal those of a fresh open');
        assert.deepEqual(stripUris(editedArticles), stripUris(freshArticles), 'newsLens/articles after edits equals a fresh open');
      },
    ),
    { numRuns: 12, seed: 7 },
  );
});

test('lsp (property): semantic token deltas rebuild exactly the full tokens', { timeout: SAFETY_TIMEOUT_MS }, async (t) => {
  const provider = session.capabilities.semanticTokensProvider as { full?: boolean | { delta?: boolean } } | undefined;
  if (!(typeof provider?.full === 'object' && provider.full.delta)) {
    t.skip('the server does not offer semanticTokens/full/delta');
    return;
  }
  const seeds = seedTexts();
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), insertPiece), { minLength: 1, maxLength: 6 }), async (edits) => {
      let text = seeds[1].text.slice(0, 12_000);
      const uri = freshUri('delta');
      let version = 1;
      await session.open(uri, text, version);
      let full = await mustAnswer<{ resultId?: string; data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
      let data = [...full.data];
      for (const [at, length, insert] of edits) {
        const edit = editAt(text, at, length, insert);
        text = applyChange(text, edit.range, edit.text);
        await session.change(uri, ++version, [edit]);
        const delta = await mustAnswer<{ resultId?: string; data?: number[]; edits?: { start: number; deleteCount: number; data?: number[] }[] }>('textDocument/semanticTokens/full/delta', {
          textDocument: { uri },
          previousResultId: full.resultId ?? '',
        });
        if (delta.data) data = [...delta.data];
        else {
          // Edits apply to the previous array; apply from the back so offsets stay valid.
          for (const e of [...(delta.edits ?? [])].sort((a, b) => b.start - a.start)) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
        }
        full = { resultId: delta.resultId, data };
      }
      const truth = await mustAnswer<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
      await session.close(uri);
      assert.deepEqual(data, truth.data, 'tokens rebuilt from deltas equal the full tokens');
      assert.deepEqual(checkSemanticTokens(text, data, SEMANTIC_TOKEN_TYPES.length), []);
    }),
    { numRuns: 8, seed: 3 },
  );
});
