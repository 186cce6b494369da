/**
 * User corrections end to end through the language server (JSON-RPC), the annotations file on
 * disk, and the anchoring that lets corrections survive edits.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession, decodeSemanticTokens, fileUri, repoRoot } from '../support/lspHarness';
import { startSeedsSession, type SeedsSession } from '../support/seedsSession';
import { SEMANTIC_TOKEN_TYPES, type ArticlesResult, type EntitiesResult, type IndexStatus } from '../../server/src/protocol';
import { anchorAt, parseAnnotations, resolveAnchor } from '../../server/src/core/annotations';

interface CodeAction {
  title: string;
  command?: { command: string; arguments?: unknown[] };
}

let seeds: SeedsSession;
let workspace: string;
let session: LspSession;
const seedPath = (prefix: string): string => seeds.seedPath(prefix);
const annotationsFile = (): string => join(workspace, '.newslens', 'annotations.json');

function positionOf(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

async function tokenKindAt(uri: string, pos: { line: number; character: number }): Promise<string | undefined> {
  const tokens = decodeSemanticTokens((await session.semanticTokens(uri))!.data);
  const t = tokens.find((x) => x.line === pos.line && x.character <= pos.character && pos.character < x.character + x.length);
  return t && SEMANTIC_TOKEN_TYPES[t.type];
}

async function actionsAt(uri: string, start: { line: number; character: number }, end = start): Promise<CodeAction[]> {
  return session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start, end }, context: { diagnostics: [] } });
}

async function run(action: CodeAction | undefined, what: string): Promise<void> {
  assert.ok(action?.command, `no code action: ${what}`);
  await session.request('workspace/executeCommand', { command: action.command.command, arguments: action.command.arguments });
}

/** Waits (bounded) until a check passes: corrections re-apply asynchronously. */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await check();
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

before(async () => {
  seeds = await startSeedsSession('annotations');
  workspace = seeds.folder;
  session = seeds.session;
});

after(async () => {
  await seeds?.stop();
});

test('Mark as Organization re-kinds every mention in the workspace; Remove my correction restores it', async () => {
  const text = readFileSync(seedPath('004'), 'utf8');
  const uri = fileUri(seedPath('004'));
  await session.open(uri, text);
  const idlib = positionOf(text, 'Idlib');
  assert.equal(await tokenKindAt(uri, idlib), 'place');
  const actions = await actionsAt(uri, idlib);
  await run(
    actions.find((a) => a.title === 'Mark “Idlib” as Organization'),
    'Mark as Organization',
  );
  await eventually(async () => assert.equal(await tokenKindAt(uri, idlib), 'organization'));
  await eventually(async () => assert.equal(await tokenKindAt(uri, positionOf(text, 'Idlib', 1)), 'organization'));
  // Every file of the workspace: 000 (not open) names Idlib too.
  const orgs = await session.request<EntitiesResult>('newsLens/entities', { query: 'Idlib' });
  assert.ok(
    orgs.entities.some((e) => e.kind === 'organization' && e.fileCount >= 2),
    JSON.stringify(orgs.entities),
  );
  // The Articles view of a file that is not open shows the corrected kind too (its indexed view is corrected again).
  const idlibKindsIn000 = async (): Promise<string[]> => {
    const answer = await session.request<ArticlesResult>('newsLens/articles', { textDocument: { uri: fileUri(seedPath('000')) } });
    return [...new Set(answer.files[0].articles.flatMap((a) => a.entities.filter((e) => e.name === 'Idlib').map((e) => e.kind)))];
  };
  await eventually(async () => assert.deepEqual(await idlibKindsIn000(), ['organization']));
  const saved = JSON.parse(readFileSync(annotationsFile(), 'utf8')) as { version: number; corrections: { type: string; file: string; anchor: { exact: string } }[] };
  assert.equal(saved.version, 1);
  assert.deepEqual(
    saved.corrections.map((c) => [c.type, c.file, c.anchor.exact]),
    [['set-kind', 'seeds/004_f9b9bb9c8095ce65.txt', 'Idlib']],
  );
  const remove = (await actionsAt(uri, idlib)).find((a) => a.title.startsWith('Remove my correction'));
  await run(remove, 'Remove my correction');
  await eventually(async () => assert.equal(await tokenKindAt(uri, idlib), 'place'));
  assert.equal((JSON.parse(readFileSync(annotationsFile(), 'utf8')) as { corrections: unknown[] }).corrections.length, 0);
  await eventually(async () => assert.deepEqual(await idlibKindsIn000(), ['place']));
  await session.close(uri);
});

test('Not an entity, Same entity as…, Add entity and Set speaker…; undo takes back the last one', async () => {
  const text = readFileSync(seedPath('004'), 'utf8');
  const uri = fileUri(seedPath('004'));
  await session.open(uri, text);
  // Not an entity: "Umm Mohamed" stops being a person.
  const umm = positionOf(text, 'Umm Mohamed');
  await run(
    (await actionsAt(uri, umm)).find((a) => a.title.startsWith('Not an entity')),
    'Not an entity',
  );
  await eventually(async () => assert.equal(await tokenKindAt(uri, umm), undefined));
  // Same entity as…: "Aron Lund" joined to Aaron Stein (a deliberate, wrong merge a user could make).
  const lund = positionOf(text, 'Aron Lund');
  await run(
    (await actionsAt(uri, lund)).find((a) => a.title === 'Same entity as Aaron Stein'),
    'Same entity as Aaron Stein',
  );
  await eventually(async () => {
    const found = await session.request<EntitiesResult>('newsLens/entities', { textDocument: { uri }, query: 'Aaron Stein' });
    assert.ok(
      found.entities.some((e) => e.mentionCount === 2 && e.aliases.includes('Aron Lund')),
      JSON.stringify(found.entities),
    );
  });
  // Add entity: the selection "Century International" … already an organization; add "Khan Cheikhoun" as a place instead.
  const khan = positionOf(text, 'Khan Cheikhoun');
  const khanEnd = { line: khan.line, character: khan.character + 'Khan Cheikhoun'.length };
  const kindBefore = await tokenKindAt(uri, khan);
  await run(
    (await actionsAt(uri, khan, khanEnd)).find((a) => a.title === 'Add entity: “Khan Cheikhoun” as Place') ??
      (kindBefore === 'place'
        ? { title: 'already', command: { command: 'newsLens.annotate.addEntity', arguments: [uri, text.indexOf('Khan Cheikhoun'), text.indexOf('Khan Cheikhoun') + 14, 'place'] } }
        : undefined),
    'Add entity',
  );
  await eventually(async () => assert.equal(await tokenKindAt(uri, khan), 'place'));
  const corrections = (): { type: string }[] => (JSON.parse(readFileSync(annotationsFile(), 'utf8')) as { corrections: { type: string }[] }).corrections;
  assert.deepEqual(
    corrections().map((c) => c.type),
    ['not-entity', 'same-entity', 'add-entity'],
  );
  await session.request('workspace/executeCommand', { command: 'newsLens.annotate.undo', arguments: [] });
  assert.deepEqual(
    corrections().map((c) => c.type),
    ['not-entity', 'same-entity'],
  );
  await session.close(uri);

  // Set speaker on a quotation of 000.
  const text0 = readFileSync(seedPath('000'), 'utf8');
  const uri0 = fileUri(seedPath('000'));
  await session.open(uri0, text0);
  const quote = positionOf(text0, '“This is a 4-year-old child');
  const setSpeaker = (await actionsAt(uri0, { line: quote.line, character: quote.character + 3 })).find((a) => a.title.startsWith('Set speaker: '));
  await run(setSpeaker, 'Set speaker');
  const speakerName = setSpeaker!.title.slice('Set speaker: '.length);
  await eventually(async () => {
    const hover = await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uri0 }, position: { line: quote.line, character: quote.character + 3 } });
    assert.ok(hover.contents.value.includes(speakerName.replace(/[-.]/g, (c) => `\\${c}`)) || hover.contents.value.includes(speakerName), hover.contents.value);
  });
  await session.close(uri0);
});

test('a selection over part of a mention offers Add entity beside the mention’s own corrections', async () => {
  const text = readFileSync(seedPath('004'), 'utf8');
  const uri = fileUri(seedPath('004'));
  await session.open(uri, text);
  // Line 7 of 004: "…said Rami Abdel Rahman, head of the Syrian Observatory for Human Rights…".
  const rami = positionOf(text, 'Rami Abdel Rahman');
  const titles = (await actionsAt(uri, rami, { line: rami.line, character: rami.character + 'Rami Abdel'.length })).map((a) => a.title);
  assert.ok(titles.includes('Add entity: “Rami Abdel” as Person'), titles.join(' | '));
  assert.ok(
    titles.some((t) => /^Mark “Rami Abdel Rahman” as (Place|Organization)$/.test(t)),
    titles.join(' | '),
  );
  // A selection that is exactly the mention offers no Add entity (it is one already).
  const exact = (await actionsAt(uri, rami, { line: rami.line, character: rami.character + 'Rami Abdel Rahman'.length })).map((a) => a.title);
  assert.ok(!exact.some((t) => t.startsWith('Add entity')), exact.join(' | '));
  await session.close(uri);
});

test('a correction survives an edit that moves its text; one whose text is gone is reported, not dropped', async () => {
  const path = seedPath('003');
  const text = readFileSync(path, 'utf8');
  const uri = fileUri(path);
  await session.open(uri, text);
  const quote = positionOf(text, '“The seeds of the regime’s defeat');
  const actions = await actionsAt(uri, { line: quote.line, character: quote.character + 2 });
  await run(
    actions.find((a) => a.title === 'Set speaker: unattributed'),
    'Set speaker: unattributed',
  );
  const hoverAt = async (t: string): Promise<string> => {
    const p = positionOf(t, '“The seeds of the regime’s defeat');
    return (await session.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: p.line, character: p.character + 2 } })).contents.value;
  };
  await eventually(async () => assert.match(await hoverAt(text), /unattributed/));
  // Insert two paragraphs at the top: the quotation moves down, the correction follows it.
  const moved = `An added paragraph.\n\nAnother one.\n\n${text}`;
  await session.change(uri, 2, [{ text: moved }]);
  await eventually(async () => assert.match(await hoverAt(moved), /unattributed/));
  // Delete the quotation: the correction stays in the file and a warning appears in Problems.
  const gone = moved.replace('“The seeds of the regime’s defeat have always been within it,”', '');
  await session.change(uri, 3, [{ text: gone }]);
  const diagnostics = (await session.waitForNotification(
    'textDocument/publishDiagnostics',
    (p) => (p as { uri: string; diagnostics: unknown[] }).uri === uri && (p as { diagnostics: unknown[] }).diagnostics.length > 0,
    10_000,
  )) as { diagnostics: { message: string; range: { start: { line: number } } }[] };
  assert.match(diagnostics.diagnostics[0].message, /no longer matches the text/);
  // Shown near where the quotation was (its old offset), not at the top of the file.
  assert.equal(diagnostics.diagnostics[0].range.start.line, gone.slice(0, text.indexOf('“The seeds of the regime’s defeat')).split('\n').length - 1);
  assert.ok(diagnostics.diagnostics[0].range.start.line > 0);
  const saved = JSON.parse(readFileSync(annotationsFile(), 'utf8')) as { corrections: { type: string }[] };
  assert.ok(
    saved.corrections.some((c) => c.type === 'set-speaker'),
    'kept in the file',
  );
  await session.close(uri);
});

test('a malformed annotations file is left byte for byte, with a clear message, and nothing is written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-malformed-'));
  cpSync(join(repoRoot(), 'seeds'), join(dir, 'seeds'), { recursive: true });
  mkdirSync(join(dir, '.newslens'));
  const garbage = '{ "version": 1, "corrections": [ { "id": "x" ';
  writeFileSync(join(dir, '.newslens', 'annotations.json'), garbage);
  const other = await LspSession.start({ workspaceFolder: dir });
  try {
    await other.waitForNotification('newsLens/indexStatus', (p) => (p as IndexStatus).state === 'ready', 120_000);
    const path = join(
      dir,
      'seeds',
      readdirSync(join(dir, 'seeds')).find((n) => n.startsWith('004'))!,
    );
    const text = readFileSync(path, 'utf8');
    await other.open(fileUri(path), text);
    const at = positionOf(text, 'Idlib');
    const actions = await other.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: fileUri(path) }, range: { start: at, end: at }, context: { diagnostics: [] } });
    const mark = actions.find((a) => a.title.includes('as Organization'))!;
    await assert.rejects(other.request('workspace/executeCommand', { command: mark.command!.command, arguments: mark.command!.arguments }), /left untouched because it is not valid JSON/);
    assert.equal(readFileSync(join(dir, '.newslens', 'annotations.json'), 'utf8'), garbage);
    assert.ok(other.alive);
  } finally {
    await other.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('anchors: the best-matching occurrence by context, null when the text is gone; schema checks', () => {
  const text = 'Idlib was hit. Later, in Idlib, people fled. Idlib again.';
  const second = { start: text.indexOf('Idlib', 1), end: text.indexOf('Idlib', 1) + 5 };
  const anchor = anchorAt(text, second);
  assert.deepEqual(resolveAnchor(text, anchor), second);
  const edited = `A new first sentence. ${text.replace('Idlib was hit.', 'Idlib was hit hard.')}`;
  const found = resolveAnchor(edited, anchor)!;
  assert.equal(edited.slice(found.start - 10, found.end), 'Later, in Idlib');
  assert.equal(resolveAnchor(text.replace(/Idlib/g, 'Hama'), anchor), null);
  assert.equal(parseAnnotations('{"version": 3, "corrections": []}').ok, false);
  assert.equal(parseAnnotations('[]').ok, false);
  assert.equal(parseAnnotations('{"version": 1, "corrections": []}').ok, true);
  assert.ok(!existsSync(join(tmpdir(), 'never-written', '.newslens')));
});

test('the newsLens.export command writes a file’s or the workspace’s annotations into .newslens/export', async () => {
  const uri = fileUri(seedPath('003'));
  const one = await session.request<string[]>('workspace/executeCommand', { command: 'newsLens.export', arguments: ['conll', uri] });
  assert.deepEqual(
    one.map((p) => p.slice(p.lastIndexOf('/') + 1)),
    ['003_5d235549dcba7daa.conll'],
  );
  assert.ok(one.every((p) => p.startsWith(join(workspace, '.newslens', 'export', 'conll'))));
  const named = await session.request<string[]>('workspace/executeCommand', { command: 'newsLens.export', arguments: [{ format: 'webanno', uri }] });
  assert.deepEqual(
    named.map((p) => p.slice(p.lastIndexOf('/') + 1)),
    ['003_5d235549dcba7daa.jsonld'],
  );
  const all = await session.request<string[]>('workspace/executeCommand', { command: 'newsLens.export', arguments: ['brat'] });
  assert.equal(all.filter((p) => p.endsWith('.ann')).length, 5);
  assert.ok(all.some((p) => p.endsWith('annotation.conf')));
  await assert.rejects(session.request('workspace/executeCommand', { command: 'newsLens.export', arguments: ['pdf'] }), /json, brat, conll or webanno/);
  // From the command palette (no arguments) the server asks for a format; dismissed, nothing is written.
  rmSync(join(workspace, '.newslens', 'export'), { recursive: true, force: true });
  assert.equal(await session.request('workspace/executeCommand', { command: 'newsLens.export', arguments: [] }), null);
  assert.equal(existsSync(join(workspace, '.newslens', 'export')), false);
});
