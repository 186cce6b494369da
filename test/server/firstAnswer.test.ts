/**
 * The first answers for a document just opened in a fresh server: the outline and folding come from
 * its layout without waiting for the NLP, and a range of semantic tokens from the articles in that
 * range only. Each must be what the server answers once the whole document is analysed.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspSession, decodeSemanticTokens, fileUri, repoRoot } from '../support/lspHarness';

const seedsDir = join(repoRoot(), 'seeds');

type Tokens = { data: number[] } | null;

for (const prefix of ['000', '001']) {
  test(`first answers after didOpen equal the later ones (seed ${prefix}): outline, folding, range tokens`, async () => {
    const path = join(
      seedsDir,
      readdirSync(seedsDir).find((n) => n.startsWith(prefix))!,
    );
    const uri = fileUri(path);
    const text = readFileSync(path, 'utf8');
    const session = await LspSession.start({});
    try {
      const screen = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
      await session.open(uri, text);
      // Sent together, as an editor does on opening a file.
      const [range, symbols, folding] = await Promise.all([
        session.request<Tokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range: screen }),
        session.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } }),
        session.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri } }),
      ]);
      const full = await session.semanticTokens(uri);
      const later = {
        range: await session.request<Tokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range: screen }),
        symbols: await session.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } }),
        folding: await session.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri } }),
      };
      assert.ok(symbols.length > 0);
      assert.deepEqual(symbols, later.symbols);
      assert.deepEqual(folding, later.folding);
      const first = decodeSemanticTokens(range?.data ?? []);
      assert.ok(first.length > 0, 'the screen has tokens');
      assert.ok(first.every((t) => t.line < 40));
      // The range's tokens, read from the whole file's tokens.
      const fromFull = decodeSemanticTokens(full?.data ?? []).filter((t) => t.line < 40);
      assert.deepEqual(decodeSemanticTokens(later.range?.data ?? []), fromFull);
      assert.deepEqual(first, fromFull);
    } finally {
      await session.stop();
    }
  });
}
