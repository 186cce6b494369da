/**
 * The language server's life around the features, over real LSP JSON-RPC (dist/server.js --stdio):
 * requests cancelled by the client, files above newsLens.maxFileSizeMB, files changed on disk,
 * links that lead out of the workspace folder, the capabilities it advertises and files created and
 * deleted on disk. (Each feature's answers are tested in memory, in test/features/.)
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { LspSession, fileUri } from '../support/lspHarness';
import { startSeedsSession, type SeedsSession } from '../support/seedsSession';
import type { ArticlesResult, EntitiesResult, EntityMentionsResult, IndexStatus, NewsLensSettings } from '../../server/src/protocol';
import { assertNewsLensCapabilities } from '../support/capabilities';

interface SymbolInformation {
  name: string;
  location: { uri: string };
}

let seeds: SeedsSession;
let workspace: string;
let outside: string;
let session: LspSession;
const seedDir = (): string => join(workspace, 'seeds');
const seedName = (prefix: string): string => readdirSync(seedDir()).find((n) => n.startsWith(prefix))!;
const seedText = (prefix: string): string => readFileSync(join(seedDir(), seedName(prefix)), 'utf8');

/** A limit (in MB) below seed 001 (about 48 kB) and above seed 004 (about 8 kB). */
const SMALL_LIMIT_MB = 0.03;

before(async () => {
  outside = mkdtempSync(join(tmpdir(), 'newslens-outside-'));
  seeds = await startSeedsSession('lifecycle', {
    settings: { maxFileSizeMB: SMALL_LIMIT_MB },
    prepare: (folder) => {
      // A file outside the workspace, reachable only through a symbolic link inside it.
      writeFileSync(join(outside, 'secret.txt'), 'Zanzibar Quartermaster Report\n\nThe quartermaster of Zanzibar said nothing at all.\n');
      symlinkSync(join(outside, 'secret.txt'), join(folder, 'seeds', 'link-out.txt'));
    },
  });
  workspace = seeds.folder;
  session = seeds.session;
});

after(async () => {
  await seeds?.stop();
  rmSync(outside, { recursive: true, force: true });
});

test('a file above newsLens.maxFileSizeMB: one warning, the outline only, a notice in newsLens/articles', async () => {
  const text = seedText('001');
  assert.ok(text.length > SMALL_LIMIT_MB * 1024 * 1024, 'seed 001 is above the limit of this session');
  const uri = fileUri(join(seedDir(), seedName('001')));
  const warningsFor = (): unknown[] => session.notifications.filter((n) => n.method === 'window/showMessage' && String((n.params as { message: string }).message).includes(seedName('001')));
  await session.open(uri, text);
  const symbols = await session.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(symbols.length >= 1, 'the outline is still given');
  await session.waitForNotification('window/showMessage', (p) => String((p as { message: string }).message).includes('maxFileSizeMB'), 10_000);
  const articles = await session.request<ArticlesResult>('newsLens/articles', { textDocument: { uri } });
  assert.match(articles.files[0].notice ?? '', /maxFileSizeMB/);
  const counted = articles.files[0].articles.reduce((n, a) => n + a.counts.person + a.counts.place + a.counts.organization + a.counts.quote, 0);
  assert.equal(counted, 0, 'no entity or quotation analysis above the limit');
  // An edit analyses the file again, without a second warning.
  await session.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
  await session.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(warningsFor().length, 1, 'the warning is shown once per file');
  await session.close(uri);
  // Below the limit: full analysis and no notice. Seed 004 names Aleppo in its text.
  const small = seedText('004');
  const smallUri = fileUri(join(seedDir(), seedName('004')));
  await session.open(smallUri, small);
  const smallArticles = await session.request<ArticlesResult>('newsLens/articles', { textDocument: { uri: smallUri } });
  assert.equal(smallArticles.files[0].notice, undefined);
  assert.ok(
    smallArticles.files[0].articles.some((a) => a.counts.place > 0),
    'places are found below the limit',
  );
  await session.close(smallUri);
});

test('a request the client cancels while its analysis runs is answered with RequestCancelled; the server keeps serving', async () => {
  // A server of its own with the default size limit and no folder to index, so the text can be long
  // enough (about 400 kB of distinct paragraphs, no cache hits) that its analysis spans many slices:
  // the cancellation, sent right after the request, is always read before the analysis can end.
  const own = await LspSession.start({});
  try {
    const base = seedText('004')
      .split('\n')
      .filter((l) => l.trim().length > 40);
    const lines: string[] = [];
    let length = 0;
    fill: for (let copy = 0; ; copy++) {
      for (const l of base) {
        const line = `${l} Copy ${copy} of ${l.length}.`;
        if (length + line.length + 2 > 400_000) break fill;
        lines.push(line, '');
        length += line.length + 2;
      }
    }
    const uri = fileUri(join(workspace, 'scratch', 'cancel.txt'));
    await own.open(uri, lines.join('\n'));
    const source = new CancellationTokenSource();
    const pending = own.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    const tokens = await own.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(tokens.data.length > 0, 'the same request, not cancelled, is answered with tokens');
    assert.ok(own.alive);
  } finally {
    await own.stop();
  }
});

test('a file changed on disk is analysed again (workspace/didChangeWatchedFiles, type Changed)', async () => {
  const file = join(seedDir(), seedName('003'));
  const uri = fileUri(file);
  const before = await session.request<SymbolInformation[]>('workspace/symbol', { query: 'Quixotic Lighthouse Keepers' });
  assert.ok(!before.some((s) => s.location.uri === uri));
  writeFileSync(file, `Quixotic Lighthouse Keepers Strike Again\n\nBy Ann Example\n\nThe keepers of the lighthouse said on Monday that they would strike.\n\n${readFileSync(file, 'utf8')}`);
  await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  let found: SymbolInformation[] = [];
  for (let i = 0; i < 100 && !found.some((s) => s.location.uri === uri); i++) {
    await new Promise((r) => setTimeout(r, 100));
    found = await session.request<SymbolInformation[]>('workspace/symbol', { query: 'Quixotic Lighthouse Keepers' });
  }
  assert.ok(
    found.some((s) => s.location.uri === uri && s.name.includes('Quixotic Lighthouse Keepers')),
    'the new headline is a workspace symbol',
  );
});

test('a symbolic link leading out of the workspace folder is never read', async () => {
  const symbols = await session.request<SymbolInformation[]>('workspace/symbol', { query: 'Zanzibar' });
  assert.deepEqual(
    symbols.filter((s) => s.location.uri.includes('link-out')),
    [],
  );
  const status = await session.request<IndexStatus>('newsLens/status', null);
  assert.equal(status.filesTotal, readdirSync(seedDir()).filter((n) => n.endsWith('.txt') && n !== 'link-out.txt').length);
  // A change notification for the link is ignored as well.
  await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(seedDir(), 'link-out.txt')), type: 1 }] });
  const after = await session.request<SymbolInformation[]>('workspace/symbol', { query: 'Zanzibar' });
  assert.deepEqual(
    after.filter((s) => s.location.uri.includes('link-out')),
    [],
  );
  assert.ok(session.alive);
});

test('changing newsLens.files re-indexes the workspace with the new globs', async () => {
  const extra = join(workspace, 'clippings');
  mkdirSync(extra, { recursive: true });
  writeFileSync(join(extra, 'harbour.txt'), 'Harbour Pilots Vote To Accept New Contract\n\nBy Ann Example\n\nThe pilots of the harbour voted on Monday to accept the contract.\n');
  const query = 'Harbour Pilots Vote';
  assert.deepEqual(
    (await session.request<SymbolInformation[]>('workspace/symbol', { query })).filter((s) => s.location.uri.includes('clippings')),
    [],
  );
  // The harness answers workspace/configuration from this object.
  const settings = (session as unknown as { settings: NewsLensSettings }).settings;
  settings.files = ['**/seeds/*.txt', 'clippings/*.txt'];
  await session.notify('workspace/didChangeConfiguration', { settings: null });
  let found: SymbolInformation[] = [];
  for (let i = 0; i < 150 && !found.some((s) => s.location.uri.includes('clippings')); i++) {
    await new Promise((r) => setTimeout(r, 100));
    found = await session.request<SymbolInformation[]>('workspace/symbol', { query });
  }
  assert.ok(
    found.some((s) => s.location.uri.endsWith('clippings/harbour.txt')),
    'the file matching the new glob is indexed',
  );
  // The file answers as soon as it is indexed; the rebuild may still be finishing (a loaded machine shows it): wait for it.
  let status = await session.request<IndexStatus>('newsLens/status', null);
  for (let i = 0; i < 600 && status.state !== 'ready'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = await session.request<IndexStatus>('newsLens/status', null);
  }
  assert.equal(status.state, 'ready');
});

test('a rebuild reads again a file changed on disk since it was indexed (no watcher event) and keeps the unchanged ones', async () => {
  const before = await session.request<ArticlesResult>('newsLens/articles', { outline: true });
  const harbour = join(workspace, 'clippings', 'harbour.txt');
  // No didChangeWatchedFiles: only the rebuild can notice it (size and modification time differ).
  writeFileSync(harbour, 'Harbour Pilots Reject The Port Authority Offer\n\nBy Ann Example\n\nThe pilots of the harbour voted on Tuesday to reject the offer.\n');
  const settings = (session as unknown as { settings: NewsLensSettings }).settings;
  settings.files = ['**/seeds/*.txt', 'clippings/*.txt', 'archive/*.txt'];
  await session.notify('workspace/didChangeConfiguration', { settings: null });
  const query = 'Harbour Pilots Reject';
  let found: SymbolInformation[] = [];
  for (let i = 0; i < 150 && !found.some((s) => s.location.uri.endsWith('clippings/harbour.txt')); i++) {
    await new Promise((r) => setTimeout(r, 100));
    found = await session.request<SymbolInformation[]>('workspace/symbol', { query });
  }
  assert.ok(
    found.some((s) => s.location.uri.endsWith('clippings/harbour.txt')),
    'the changed file was read again',
  );
  await session.waitForNotification('newsLens/indexStatus', (p) => (p as IndexStatus).state === 'ready', 60_000);
  const after = await session.request<ArticlesResult>('newsLens/articles', { outline: true });
  const titles = (r: ArticlesResult, uriEnd: string): (string | null)[] => r.files.find((f) => f.uri.endsWith(uriEnd))?.articles.map((a) => a.title) ?? [];
  assert.deepEqual(titles(after, 'clippings/harbour.txt'), ['Harbour Pilots Reject The Port Authority Offer']);
  const seeds = (r: ArticlesResult): string => JSON.stringify(r.files.filter((f) => f.uri.includes('/seeds/')));
  assert.equal(seeds(after), seeds(before), 'the unchanged files answer as before');
});

test('entityMentions still answers when a file of the index changed on disk and was not indexed again yet (its line texts are empty)', async () => {
  const seed = join(seedDir(), seedName('004'));
  const entities = await session.request<EntitiesResult>('newsLens/entities', { query: 'Idlib' });
  const idlib = entities.entities.find((e) => e.name === 'Idlib');
  assert.ok(idlib, JSON.stringify(entities.entities));
  const lineTexts = async (): Promise<string[]> =>
    (await session.request<EntityMentionsResult>('newsLens/entityMentions', { id: idlib.id })).mentions.filter((m) => m.uri === fileUri(seed)).map((m) => m.lineText);
  const before = await lineTexts();
  assert.ok(before.length > 0 && before.every((t) => t.includes('Idlib')), JSON.stringify(before));
  // Another length on disk and no didChangeWatchedFiles: the indexed offsets no longer fit that text.
  writeFileSync(seed, `${readFileSync(seed, 'utf8')}\nA line added on disk.\n`);
  assert.deepEqual(
    await lineTexts(),
    before.map(() => ''),
  );
  assert.ok(session.alive);
});

test('capabilities over stdio: outline, folding, symbols, semantic tokens with the News Lens legend, hover, references, commands', () => {
  assertNewsLensCapabilities(session.capabilities);
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
