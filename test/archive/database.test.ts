/**
 * The corpus database (issue 13): what it stores and answers, what it does with a broken or foreign
 * file, a killed writer, and shards merged back into one database equal to a one-process build.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { CorpusDatabase } from '../../server/src/archive/database';
import { search } from '../../server/src/archive/queries';
import { archiveRecord } from '../../server/src/archive/record';
import { analyzeDocument } from '../../server/src/core';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const seeds = join(root, 'seeds');
const seedFiles = readdirSync(seeds)
  .filter((n) => n.endsWith('.txt'))
  .sort();

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', input, timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `count` article files made from the seeds, each a little different (a line of its own), in a new folder. */
function corpus(count: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-archive-'));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const seed = seedFiles[i % seedFiles.length];
    const file = join(dir, `${String(i).padStart(3, '0')}-${seed}`);
    writeFileSync(file, `${readFileSync(join(seeds, seed), 'utf8')}\n\nCopy ${i} of the archive.\n`);
    files.push(file);
  }
  return files;
}

/** Everything a database holds, without its row ids: two builds of the same files dump the same. */
function dump(file: string): string[] {
  const db = CorpusDatabase.open(file);
  try {
    const rows: string[] = [];
    for (const f of db.sql.all<{ path: string; size: number; mtime: number; hash: string; model: Uint8Array }>('SELECT path, size, mtime, hash, model FROM files')) {
      rows.push(JSON.stringify(['file', f.path, f.size, f.mtime, f.hash, inflateRawSync(f.model).toString('utf8')]));
    }
    const withPath = (table: string, columns: string): void => {
      for (const r of db.sql.all(`SELECT f.path, ${columns} FROM ${table} t JOIN files f ON f.id = t.file_id`)) rows.push(JSON.stringify([table, ...Object.values(r)]));
    };
    withPath('articles', 't.idx, t.title, t.date, t.source, t.authors, t.line, t.character, t.end_line, t.end_character');
    withPath('entities', 't.entity_id, t.kind, t.name, t.mention_count');
    withPath('aliases', 't.entity_id, t.alias');
    withPath('mentions', 't.article, t.entity_id, t.text, t.line, t.character, t.end_line, t.end_character');
    withPath('quotations', 't.article, t.text, t.speaker, t.speaker_id, t.line, t.character');
    withPath('dates', 't.article, t.iso, t.text, t.line, t.character');
    // The full-text index answers the same.
    for (const word of ['Assad', 'ceasefire', 'Damascus', 'Georgia']) rows.push(JSON.stringify(['text', word, search(db, { text: word, limit: 5000 }).hits.map((h) => [h.uri, h.article])]));
    return rows.sort();
  } finally {
    db.close();
  }
}

test('stores a file and answers entity (with aliases), speaker, date range, outlet and full-text searches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-db-'));
  const db = CorpusDatabase.open(join(dir, 'corpus.sqlite'));
  try {
    for (const name of seedFiles) {
      const file = join(seeds, name);
      const bytes = readFileSync(file);
      const text = bytes.toString('utf8');
      db.put(archiveRecord(file, statSync(file), bytes, text, analyzeDocument(text), 5));
    }
    assert.equal(db.count(), seedFiles.length);
    // "Assad" is an alias of the entity whose canonical name is longer: the same hits as by its id.
    const byAlias = search(db, { entity: 'assad' });
    assert.ok(byAlias.hits.length >= 3, JSON.stringify(byAlias));
    assert.ok(byAlias.hits.every((h) => h.kind === 'mention' && /assad/i.test(h.text ?? '')));
    const text = readFileSync(join(seeds, seedFiles[1]), 'utf8').split('\n');
    const inFile1 = byAlias.hits.find((h) => h.uri.endsWith(seedFiles[1]))!;
    assert.ok(text[inFile1.range.start.line].slice(inFile1.range.start.character).startsWith(inFile1.text!), 'the hit points at the mention');
    const quotes = search(db, { speaker: 'Trump' });
    assert.ok(quotes.hits.length >= 1 && quotes.hits.every((h) => h.kind === 'quotation' && h.speaker !== null));
    const december = search(db, { from: '2024-12-01', to: '2024-12-31' });
    const november = search(db, { from: '2023-01', to: '2023-02' });
    assert.ok(december.hits.length > november.hits.length);
    const times = search(db, { outlet: 'new york times' });
    assert.ok(times.hits.length >= 1 && times.hits.every((h) => h.source === 'The New York Times'));
    const both = search(db, { text: 'Damascus', entity: 'Assad' });
    assert.ok(both.hits.length >= 1 && both.hits.length <= byAlias.hits.length);
    assert.equal(search(db, { text: 'zzzqqqxxnotaword' }).hits.length, 0);
    // Operators and quotes in user text are words, not FTS syntax errors.
    assert.doesNotThrow(() => search(db, { text: '"NEAR( AND -OR' }));
    assert.match(search(db, {}).message ?? '', /at least one filter/);
    assert.match(search(db, { from: 'last week' }).message ?? '', /not a date/);
    // A changed file replaces its rows; a removed one leaves none.
    db.remove(join(seeds, seedFiles[0]));
    assert.equal(db.count(), seedFiles.length - 1);
    assert.equal(db.sql.get<{ n: number }>('SELECT count(*) AS n FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.id = m.file_id)')?.n, 0);
  } finally {
    db.close();
  }
});

test('a corrupt or foreign database file is moved aside with one message and rebuilt, never a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-db-'));
  const file = join(dir, 'corpus.sqlite');
  writeFileSync(file, 'this is not a database at all, but it is long enough to have a header '.repeat(100));
  const messages: string[] = [];
  const db = CorpusDatabase.open(file, (m) => messages.push(m));
  assert.equal(db.count(), 0);
  db.close();
  assert.equal(messages.length, 1);
  assert.match(messages[0], /moved it to .*broken/);
  assert.equal(readdirSync(dir).filter((n) => n.includes('.broken-')).length, 1, 'the bad file is kept aside, not deleted');

  // Another program's SQLite database at that path: not ours, so not touched but moved aside.
  const foreign = join(dir, 'foreign.sqlite');
  const other = CorpusDatabase.open(foreign);
  other.sql.exec('PRAGMA application_id = 42; CREATE TABLE theirs (x);');
  other.close();
  const again: string[] = [];
  CorpusDatabase.open(foreign, (m) => again.push(m)).close();
  assert.equal(again.length, 1);
  assert.match(again[0], /not a News Lens database/);
});

test('a database of another analyzer build is emptied (its models are not this build’s)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-db-'));
  const file = join(dir, 'corpus.sqlite');
  const db = CorpusDatabase.open(file);
  const seed = join(seeds, seedFiles[4]);
  const bytes = readFileSync(seed);
  db.put(archiveRecord(seed, statSync(seed), bytes, bytes.toString('utf8'), analyzeDocument(bytes.toString('utf8')), 5));
  db.sql.run("UPDATE meta SET value = 'older-build' WHERE key = 'key'");
  db.close();
  const messages: string[] = [];
  const reopened = CorpusDatabase.open(file, (m) => messages.push(m));
  assert.equal(reopened.count(), 0);
  assert.equal(search(reopened, { entity: 'Assad' }).hits.length, 0, 'no rows of the old build stay behind');
  reopened.close();
  assert.match(messages.join('\n'), /analysis changed/);
});

test('kept answers are read at their content version and by the build that kept them only; one per question', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-db-'));
  const db = CorpusDatabase.open(join(dir, 'corpus.sqlite'));
  db.keepAnswer('stories:[2]', '{"stories":[]}');
  assert.equal(db.keptAnswer('stories:[2]'), '{"stories":[]}');
  assert.equal(db.keptAnswer('stories:[1]'), undefined);
  // Another build's answer to the same question (its server may shape answers differently) is not read.
  db.sql.run("UPDATE answers SET question = 'another-build ' || substr(question, instr(question, ' ') + 1)");
  assert.equal(db.keptAnswer('stories:[2]'), undefined);
  db.keepAnswer('stories:[2]', '{"stories":[1]}');
  assert.equal(db.sql.get<{ n: number }>('SELECT count(*) AS n FROM answers')?.n, 2, 'the other build’s answer and its digest are replaced');
  assert.equal(db.keptAnswer('stories:[2]'), '{"stories":[1]}');
  const seed = join(seeds, seedFiles[4]);
  const bytes = readFileSync(seed);
  db.put(archiveRecord(seed, statSync(seed), bytes, bytes.toString('utf8'), analyzeDocument(bytes.toString('utf8')), 5));
  assert.equal(db.keptAnswer('stories:[2]'), undefined, 'a file stored since: another content version');
  db.close();
});

test('index killed mid-run: the database opens clean, holds only whole files, and a rerun completes it', async () => {
  const files = corpus(40);
  const dir = mkdtempSync(join(tmpdir(), 'newslens-kill-'));
  const file = join(dir, 'corpus.sqlite');
  const child = spawn(process.execPath, [cli, 'index', '--db', file, ...files], { stdio: ['ignore', 'ignore', 'pipe'] });
  // Killed right after its first commit ("N files stored…"), mid-way through the next batch.
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      if (/files stored…/.test(chunk.toString())) resolve();
    });
    child.once('exit', () => resolve());
  });
  child.kill('SIGKILL');
  if (child.exitCode === null) await new Promise((r) => child.once('exit', r));

  const messages: string[] = [];
  const db = CorpusDatabase.open(file, (m) => messages.push(m));
  const stored = db.count();
  // Every stored file is whole: its model reads back, and it has its articles and full-text rows.
  for (const p of db.paths()) {
    const model = db.model(p)!.model;
    const articles = db.sql.get<{ n: number }>('SELECT count(*) AS n FROM articles a JOIN files f ON f.id = a.file_id WHERE f.path = ?', [p])?.n;
    assert.equal(articles, model.articles.length, p);
  }
  db.close();
  assert.deepEqual(messages, [], 'no message: the database was not damaged');
  assert.ok(stored < files.length, `killed before the end (${stored} of ${files.length} stored)`);

  const rerun = run(['index', '--db', file, ...files]);
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.match(rerun.stderr, new RegExp(`${files.length - stored} files stored, ${stored} unchanged`));
  const clean = join(dir, 'clean.sqlite');
  assert.equal(run(['index', '--db', clean, ...files]).status, 0);
  assert.deepEqual(dump(file), dump(clean));
});

test('4 shards through GNU parallel (analyze --jsonl, index --from-jsonl) merge into the one-process database', (t) => {
  if (spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status !== 0) {
    t.skip('GNU parallel is not installed');
    return;
  }
  const files = corpus(12);
  const dir = mkdtempSync(join(tmpdir(), 'newslens-shards-'));
  const shards = join(dir, 'shards');
  mkdirSync(shards);
  // Paths on stdin, cut into 4 pieces of 3; each piece one analyze --jsonl process, 2 at a time (2 cores).
  const split = spawnSync(
    'parallel',
    ['--pipe', '-N', '3', '--jobs', '2', `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} analyze --jsonl - > ${JSON.stringify(shards)}/shard-{#}.jsonl`],
    {
      input: files.join('\n') + '\n',
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  assert.equal(split.status, 0, split.stderr);
  const made = readdirSync(shards).sort();
  assert.equal(made.length, 4);
  const lines = made.flatMap((s) => readFileSync(join(shards, s), 'utf8').split('\n').filter(Boolean));
  assert.equal(lines.length, files.length, 'one JSON line per file');
  const first = JSON.parse(lines[0]) as { path: string; articles: unknown[]; archive: { path: string } };
  assert.ok(Array.isArray(first.articles) && first.archive.path === first.path, 'the --json file shape plus its archive record');

  const merged = join(dir, 'merged.sqlite');
  const m = run(['index', '--db', merged, '--from-jsonl', ...made.map((s) => join(shards, s))]);
  assert.equal(m.status, 0, m.stderr);
  const single = join(dir, 'single.sqlite');
  assert.equal(run(['index', '--db', single, ...files]).status, 0);
  assert.deepEqual(dump(merged), dump(single));

  // A damaged shard line is reported and skipped, the rest still stored.
  writeFileSync(join(dir, 'bad.jsonl'), `{"path": "x"}\nnot json\n${lines[0]}\n`);
  const bad = run(['index', '--db', join(dir, 'bad.sqlite'), '--from-jsonl', join(dir, 'bad.jsonl')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /bad\.jsonl:1: not a line of news-lens analyze --jsonl/);
  assert.match(bad.stderr, /1 file stored/);
});

test('query prints hits as path:line:column and --json as the newsLens/search result; bad input is one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-query-'));
  const file = join(dir, 'corpus.sqlite');
  assert.equal(run(['index', '--db', file, join(seeds, '*.txt')]).status, 0);
  const plain = run(['query', '--db', file, '--entity', 'Assad']);
  assert.equal(plain.status, 0, plain.stderr);
  assert.match(plain.stdout, /seeds\/\d{3}_[0-9a-f]+\.txt:\d+:\d+ {2}.*— mention: .*Assad/);
  const json = JSON.parse(run(['query', '--db', file, '--speaker', 'Trump', '--json']).stdout) as { hits: { kind: string }[] };
  assert.ok(json.hits.length >= 1 && json.hits.every((h) => h.kind === 'quotation'));
  const missing = run(['query', '--db', join(dir, 'nope.sqlite'), '--entity', 'x']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such database/);
  assert.match(run(['query', '--db', file]).stderr, /at least one filter/);
});
