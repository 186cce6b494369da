/**
 * The Workspace with its corpus database (issue 13, bounded memory): files that are not open live in
 * the database only, and references, workspace symbols, the Entities and Quotations views and hover
 * counts are queries. Checked against the same workspace held in memory (no database): the answers
 * must be the same. Open documents' unsaved text wins over the rows of their file; corrections apply
 * to the rows; a reopen reads nothing but a stat per file.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusDatabase } from '../../server/src/archive/database';
import { analyzeDocument } from '../../server/src/core/analyze';
import type { CorrectionLayer } from '../../server/src/core/corrections';
import type { DocumentModel } from '../../server/src/core/model';
import { provideReferences } from '../../server/src/features/references';
import { SymbolKind } from 'vscode-languageserver/node';
import { provideWorkspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { provideEntities, provideEntityMentions, provideQuotes } from '../../server/src/features/customRequests';
import { pathToUri } from '../../server/src/util/uri';
import { Workspace } from '../../server/src/workspace/workspace';
import { repoRoot } from '../support/lspHarness';

let folder: string;
let dbFile: string;
let memory: Workspace;
let archived: Workspace;
let db: CorpusDatabase;
let analyses = 0;

/** A workspace on the database file, whose worker-thread stand-in counts the files it analyses. */
function archiveWorkspace(database: CorpusDatabase): Workspace {
  return new Workspace({
    archive: () => database,
    offThread: {
      parallel: 1,
      analyze: (text, maxLength) => {
        analyses++;
        return Promise.resolve(analyzeDocument(text, { maxFullAnalysisLength: maxLength }));
      },
    },
  });
}

/** Drops one entity everywhere (mentions and entity list alike), as a "not an entity" correction does. */
function dropping(id: string, key: string): CorrectionLayer {
  return {
    key: () => key,
    concerns: () => false,
    apply: (_uri, _text, model): DocumentModel => ({
      ...model,
      entities: model.entities.filter((e) => e.id !== id),
      articles: model.articles.map((a) => ({ ...a, mentions: a.mentions.filter((m) => m.entityId !== id) })),
    }),
  };
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'newslens-wsarchive-'));
  mkdirSync(join(folder, 'seeds'));
  const seeds = join(repoRoot(), 'seeds');
  const names = readdirSync(seeds).sort();
  // Eight files: every seed, and copies of some with a line of their own (the same entities in more files).
  for (let i = 0; i < 8; i++) writeFileSync(join(folder, 'seeds', `${i}-${names[i % names.length]}`), `${readFileSync(join(seeds, names[i % names.length]), 'utf8')}\nCopy ${i}.\n`);
  dbFile = join(folder, 'corpus.sqlite');
  memory = new Workspace();
  await memory.index.rebuild([folder]);
  db = CorpusDatabase.open(dbFile);
  archived = archiveWorkspace(db);
  await archived.index.rebuild([folder]);
});

after(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The most mentioned entities, the ones the checks look at. */
function topIds(n: number): string[] {
  return memory.entities
    .entities()
    .slice(0, n)
    .map((e) => e.id);
}

test('closed files live in the database only: nothing of them in memory', () => {
  assert.equal(archived.status.state, 'ready');
  assert.equal(archived.index.uris().length, 8);
  assert.ok(archived.index.uris().every((u) => archived.index.isStored(u)));
  assert.equal(archived.memory.fileCount, 0, 'no entity-index entries for files that are not open');
  assert.equal(analyses, 8);
});

test('entities, mentions, quotations and articles from the database equal those from memory', async () => {
  const strip = (list: readonly { id: string; name: string; kind: string; mentionCount: number; fileCount: number; aliases: readonly string[] }[]) =>
    list.map((e) => ({ id: e.id, name: e.name, kind: e.kind, mentionCount: e.mentionCount, fileCount: e.fileCount, aliases: [...e.aliases].sort() }));
  assert.ok(memory.entities.entities().length > 20);
  assert.deepEqual(strip(archived.entities.entities()), strip(memory.entities.entities()));
  for (const id of topIds(12)) {
    assert.deepEqual(archived.entities.mentions(id), memory.entities.mentions(id), id);
    assert.deepEqual(archived.entities.quotesBy(id), memory.entities.quotesBy(id), id);
    const all = memory.entities.articlesMentioningPage(id, Number.MAX_SAFE_INTEGER).articles;
    assert.deepEqual(archived.entities.articlesMentioningPage(id, Number.MAX_SAFE_INTEGER).articles, all, id);
    // A hover's page: the count and the first articles, read without every stored article's row.
    assert.deepEqual(archived.entities.articlesMentioningPage(id, 2), { total: all.length, articles: all.slice(0, 2) }, id);
    assert.deepEqual(memory.entities.articlesMentioningPage(id, 2), { total: all.length, articles: all.slice(0, 2) }, id);
    assert.equal(archived.entities.resolve(id), memory.entities.resolve(id));
    // Each mention's line, read from the file on disk for a stored file (no view read back), as in memory.
    assert.deepEqual(provideEntityMentions(archived, { id }), provideEntityMentions(memory, { id }), id);
  }
  assert.deepEqual(archived.articleNames(), memory.articleNames());
  assert.deepEqual(await provideQuotes(archived, null), await provideQuotes(memory, null));
  assert.deepEqual(await provideEntities(archived, { limit: 50 }), await provideEntities(memory, { limit: 50 }));
  // An entity's symbol points at one of its mentions (the first stored one, which depends on the order the
  // files were indexed, not their paths): the same symbols, each at a mention of its entity.
  const symbols = provideWorkspaceSymbols(archived, { query: '' }).slice(0, 60);
  const expectedSymbols = provideWorkspaceSymbols(memory, { query: '' }).slice(0, 60);
  const placeless = (list: typeof symbols) => list.map((s) => (s.kind === SymbolKind.File ? s : { ...s, location: null }));
  assert.deepEqual(placeless(symbols), placeless(expectedSymbols));
  for (const s of symbols) {
    if (s.kind === SymbolKind.File) continue;
    const at = archived.entities
      .entities()
      .filter((e) => e.name === s.name)
      .flatMap((e) => archived.entities.mentions(e.id));
    assert.ok(
      at.some((m) => m.uri === s.location.uri && JSON.stringify(m.range) === JSON.stringify(s.location.range)),
      `${s.name} points at one of its mentions`,
    );
  }
  // A stored file's view is read back on request, and references from it reach every file.
  const [id] = topIds(1);
  const first = memory.entities.mentions(id)[0];
  assert.ok(archived.index.view(first.uri), 'read back');
  const refs = await provideReferences(archived, { textDocument: { uri: first.uri }, position: first.range.start, context: { includeDeclaration: true } });
  assert.deepEqual(refs, await provideReferences(memory, { textDocument: { uri: first.uri }, position: first.range.start, context: { includeDeclaration: true } }));
  assert.ok((refs?.length ?? 0) > 1);
});

test("an open document's unsaved text answers for its file, not the database's rows", async () => {
  const [id] = topIds(1);
  const uri = memory.entities.mentions(id)[0].uri;
  archived.update(uri, 1, 'Nothing Here\n\nThe weather stayed mild on Monday.\n');
  await archived.viewOf(uri);
  assert.ok(!archived.entities.mentions(id).some((m) => m.uri === uri));
  assert.ok(archived.entities.mentions(id).length > 0, 'the other files still answer');
  assert.equal(archived.memory.fileCount, 1);
  await archived.close(uri);
  assert.equal(archived.memory.fileCount, 0);
  assert.deepEqual(archived.entities.mentions(id), memory.entities.mentions(id), 'the file on disk again');
});

test('corrections apply to the stored rows, and a reopen keeps them without analysing or re-correcting', async () => {
  const [id] = topIds(1);
  archived.setCorrections(dropping(id, 'drop-1'));
  assert.deepEqual(archived.entities.mentions(id), []);
  assert.equal(archived.entities.entity(id), undefined);
  db.close();
  analyses = 0;
  db = CorpusDatabase.open(dbFile);
  const reopened = archiveWorkspace(db);
  reopened.analyzer.corrections = dropping(id, 'drop-1');
  await reopened.index.rebuild([folder]);
  assert.equal(reopened.status.state, 'ready');
  assert.equal(reopened.status.filesIndexed, 8);
  assert.equal(analyses, 0, 'every file unchanged: nothing analysed');
  assert.deepEqual(reopened.entities.mentions(id), [], 'the corrected rows');
  // Without the correction (another key), the rows are made again from the stored models: no NLP either.
  reopened.setCorrections({ key: () => '', concerns: () => false, apply: (_u, _t, m) => m });
  assert.deepEqual(reopened.entities.mentions(id), memory.entities.mentions(id));
  assert.equal(analyses, 0);
  archived = reopened;
});

test('a file changed while closed is analysed again on reopen; a deleted one leaves the database', async () => {
  const names = readdirSync(join(folder, 'seeds')).sort();
  writeFileSync(join(folder, 'seeds', names[0]), 'Changed\n\nVitali Klitschko spoke in Kyiv on Monday.\n');
  rmSync(join(folder, 'seeds', names[1]));
  analyses = 0;
  await archived.index.rebuild([folder]);
  assert.equal(analyses, 1);
  assert.equal(archived.index.uris().length, 7);
  assert.equal(db.count(), 7);
  assert.deepEqual(
    archived.entities.mentions('person:vitali-klitschko').map((m) => m.uri),
    [pathToUri(join(folder, 'seeds', names[0]))],
  );
  // The kept per-entity totals follow files replaced and removed: the same counts as the folder read afresh.
  const fresh = new Workspace();
  await fresh.index.rebuild([folder]);
  const counts = (w: Workspace) => w.entities.entities().map((e) => [e.id, e.mentionCount, e.fileCount, [...e.aliases].sort()]);
  assert.deepEqual(counts(archived), counts(fresh));
});
