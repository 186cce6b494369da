/**
 * The sidebar's content for the seeds: the server's `newsLens/articles` answer (computed here by
 * the same adapter the server uses, on the real seeds) turned into tree rows, plus the manifest's
 * promises (commands, settings, token legend) checked against the code.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeDocument } from '../../server/src/core';
import { fileArticles } from '../../server/src/features/articleInfo';
import { FileView } from '../../server/src/workspace/fileView';
import { DEFAULT_SETTINGS, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type FileArticles, type QuoteInfo } from '../../server/src/protocol';
import {
  articleDescription,
  articleGroups,
  articleLabel,
  fileDescription,
  groupEntities,
  groupQuotes,
  neighbourArticle,
  SCARE_QUOTES,
  shortSource,
  statusText,
  UNATTRIBUTED,
} from '../../client/src/views/treeModel';

const root = join(__dirname, '..', '..', '..');

function seedFile(prefix: string): FileArticles {
  const name = readdirSync(join(root, 'seeds')).find((n) => n.startsWith(prefix))!;
  const text = readFileSync(join(root, 'seeds', name), 'utf8');
  const model = analyzeDocument(text);
  return fileArticles(new FileView(pathToFileURL(join(root, 'seeds', name)).href, text, model, model, 1));
}

test('Articles view: 001 lists its seven articles, untitled ones by their first words, with date · source', () => {
  const file = seedFile('001');
  assert.equal(fileDescription(file), '7 articles');
  const labels = file.articles.map((a) => articleLabel(a));
  assert.ok(labels[0].startsWith('Ukraine Says It Killed General'), labels[0]);
  assert.ok(labels.some((l) => l.startsWith('Cafes Can’t Play Music')));
  const untitled = file.articles.filter((a) => a.title === null);
  assert.equal(untitled.length, 3);
  for (const a of untitled) {
    const label = articleLabel(a);
    assert.ok(label.length > 10 && a.preview.startsWith(label.replace(/…$/, '')), `untitled: first words, got ${label}`);
    assert.ok(label.length <= 90, 'a long preview is shortened');
  }
  assert.equal(articleDescription(file.articles[0]), '2024-12-18 · The New York Times');
});

test('Articles view: an article has People / Places / Organizations / Quotations groups with counts', () => {
  const file = seedFile('000');
  const groups = articleGroups(file.articles[0]);
  assert.deepEqual(
    groups.map((g) => g.label),
    ['People', 'Places', 'Organizations', 'Quotations'],
  );
  const people = file.articles[0].entities.filter((e) => e.kind === 'person');
  assert.equal(groups[0].count, people.length);
  assert.ok(people.some((p) => p.name === 'Bashar al-Assad'));
  assert.equal(people[0].name, 'Bashar al-Assad', 'most mentioned first');
});

test('Entities view: grouped by kind, most mentioned first, filter by name and kind', () => {
  const entities = ['000', '001', '004']
    .flatMap((p) => seedFile(p).articles.flatMap((a) => a.entities))
    .map((e) => ({ id: e.id, name: e.name, kind: e.kind, aliases: [e.name], mentionCount: e.count, fileCount: 1 }));
  const groups = groupEntities(entities, {});
  const places = groups.get('place')!;
  for (let i = 1; i < places.length; i++) assert.ok(places[i - 1].mentionCount >= places[i].mentionCount);
  const filtered = groupEntities(entities, { query: 'assad' });
  assert.ok(filtered.get('person')!.every((e) => /assad/i.test(e.name)) && filtered.get('person')!.length > 0);
  assert.equal(filtered.get('place')!.length, 0);
  assert.equal(groupEntities(entities, { kind: 'organization' }).get('person')!.length, 0);
});

test('Quotations view: by speaker, unattributed last', () => {
  const quotes: QuoteInfo[] = seedFile('000').articles.flatMap((a) => a.quotes);
  const groups = groupQuotes(quotes);
  assert.ok(groups.length > 1);
  const unattributed = groups.findIndex((g) => g.speaker === UNATTRIBUTED);
  if (unattributed >= 0) assert.equal(unattributed, groups.length - 1);
  assert.equal(
    groups.reduce((n, g) => n + g.quotes.length, 0),
    quotes.length,
  );
});

test('Quotations view: one group per resolved speaker ("he" and "Mr. Kobakhidze"), scare quotes in their own group last', () => {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  const q = (text: string, speaker: string | null, speakerId: string | null, kind: QuoteInfo['kind']): QuoteInfo => ({ uri: 'file:///a.txt', range: at, text, speaker, speakerId, article: 0, kind });
  const groups = groupQuotes([
    q('We will not yield.', 'Irakli Kobakhidze', 'person:irakli-kobakhidze', 'statement'),
    q('foreign influence', null, null, 'scare'),
    q('a provocation', 'Irakli Kobakhidze', 'person:irakli-kobakhidze', 'partial'),
    q('No comment.', null, null, 'statement'),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.speaker, g.quotes.length]),
    [
      ['Irakli Kobakhidze', 2],
      [UNATTRIBUTED, 1],
      [SCARE_QUOTES, 1],
    ],
  );
});

test('status bar text and Next / Previous Article targets', () => {
  assert.equal(statusText({ index: 2, total: 7, date: '2024-12-02', source: 'The New York Times' }), 'Article 3/7 · 2024-12-02 · NYT');
  assert.equal(shortSource('AFP'), 'AFP');
  const file = seedFile('000');
  const starts = file.articles.map((a) => a.selectionRange.start.line);
  assert.equal(neighbourArticle(file.articles, 0, 1)?.index, 1);
  assert.equal(neighbourArticle(file.articles, starts[1] + 3, 1)?.index, 2, 'from inside a body, Next skips to the next headline');
  assert.equal(neighbourArticle(file.articles, starts[2], -1)?.index, 1);
  assert.equal(neighbourArticle(file.articles, starts[3], 1), undefined);
});

interface Manifest {
  contributes: {
    commands: { command: string; category?: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
    semanticTokenTypes: { id: string }[];
    semanticTokenModifiers: { id: string }[];
    views: Record<string, { id: string; name: string }[]>;
    languages: { id: string; extensions: string[]; filenamePatterns: string[] }[];
  };
  icon: string;
  publisher: string;
  repository: unknown;
  license: string;
  capabilities: { untrustedWorkspaces: { supported: unknown }; virtualWorkspaces: { supported: unknown } };
}

test('manifest: every command is in the "News Lens" category and registered by the client', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const sourceOf = (dir: string): string =>
    readdirSync(join(root, dir), { recursive: true })
      .filter((n) => String(n).endsWith('.ts'))
      .map((n) => readFileSync(join(root, dir, String(n)), 'utf8'))
      .join('\n');
  const client = sourceOf('client/src');
  // Commands the server executes (workspace/executeCommand) are registered by vscode-languageclient.
  const server = sourceOf('server/src');
  assert.ok(manifest.contributes.commands.length >= 10);
  for (const c of manifest.contributes.commands) {
    assert.equal(c.category, 'News Lens', c.command);
    assert.ok(client.includes(`command('${c.command}'`) || server.includes(`'${c.command}'`), `${c.command} is registered`);
  }
  // The ready signal and the test hooks the integration suite calls.
  for (const id of [
    'newsLens.whenReady',
    'newsLens.debug.articles',
    'newsLens.debug.treeSnapshot',
    'newsLens.revealArticle',
    'newsLens.nextArticle',
    'newsLens.previousArticle',
    'newsLens.goToArticle',
  ]) {
    assert.ok(client.includes(`command('${id}'`), `${id} is registered by the client`);
  }
});

test('manifest: settings match the server defaults; token legend matches the protocol; publishable metadata', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const props = manifest.contributes.configuration.properties;
  assert.deepEqual(props['newsLens.files'].default, DEFAULT_SETTINGS.files);
  for (const [kind, on] of Object.entries(DEFAULT_SETTINGS.highlight)) assert.equal(props[`newsLens.highlight.${kind}`].default, on);
  assert.equal(props['newsLens.dimBoilerplate'].default, DEFAULT_SETTINGS.dimBoilerplate);
  assert.equal(props['newsLens.revealArticleOnCursorMove'].default, DEFAULT_SETTINGS.revealArticleOnCursorMove);
  assert.equal(props['newsLens.maxFileSizeMB'].default, DEFAULT_SETTINGS.maxFileSizeMB);
  assert.deepEqual(
    manifest.contributes.semanticTokenTypes.map((t) => t.id),
    [...SEMANTIC_TOKEN_TYPES],
  );
  assert.deepEqual(
    manifest.contributes.semanticTokenModifiers.map((t) => t.id),
    [...SEMANTIC_TOKEN_MODIFIERS],
  );
  assert.deepEqual(
    manifest.contributes.views.newsLens.map((v) => v.name),
    ['Articles', 'Entities', 'Quotations', 'Search'],
  );
  const language = manifest.contributes.languages.find((l) => l.id === 'news-article');
  assert.deepEqual(language?.extensions, ['.article', '.news']);
  assert.deepEqual(language?.filenamePatterns, ['**/seeds/*.txt']);
  assert.ok(manifest.icon && manifest.publisher && manifest.repository && manifest.license === 'MIT');
  assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
});
