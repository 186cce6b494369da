/**
 * The `news-lens` command line on the seeds: the outline, the `--json` document, every export format
 * parsed back against the text, and brat import as corrections.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { JsonFile } from '../../server/src/core/export/json';
import { RULES } from '../../server/src/core/entities/rules';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const seeds = join(root, 'seeds');
const seed = (prefix: string): string =>
  join(
    seeds,
    readdirSync(seeds).find((n) => n.startsWith(prefix))!,
  );

function run(args: string[], cwd = root): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('analyze prints the annotated outline of each file: articles, dates, sources, sections, counts', () => {
  const r = run(['analyze', 'seeds/*.txt']);
  assert.equal(r.status, 0, r.stderr);
  // Read from the seeds: 000 holds four articles, the Georgia one with "What’s at stake?" as a section.
  assert.match(r.stdout, /000_71cd5522f0fb0de9\.txt — 4 articles/);
  assert.match(r.stdout, /2\. What’s Behind the Protests in the Country of Georgia\?/);
  assert.match(r.stdout, /§ What’s at stake\?/);
  assert.match(r.stdout, /001_5e9364e78f587235\.txt — 7 articles/);
  assert.match(r.stdout, /Syria, al-Assad seeks to strengthen his support {2}\[2024-12-02\]/);
  assert.match(r.stdout, /\d+ people · \d+ places · \d+ organizations · \d+ quotations/);
});

test('analyze --json: one document in the documented shape; ranges slice to the texts they name', () => {
  const r = run(['analyze', seed('004'), seed('002'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { files: JsonFile[] };
  assert.equal(json.files.length, 2);
  const file = json.files[0];
  const text = readFileSync(seed('004'), 'utf8');
  const lines = new LineIndex(text);
  const slice = (range: { start: { line: number; character: number }; end: { line: number; character: number } }): string => {
    const span = lines.spanOf(range);
    return text.slice(span.start, span.end);
  };
  const article = file.articles[0];
  assert.deepEqual(Object.keys(article), ['title', 'date', 'source', 'authors', 'range', 'sections', 'entities', 'quotes', 'dates', 'story']);
  assert.equal(article.title, 'Syria, al-Assad seeks to strengthen his support');
  assert.equal(article.date, '2024-12-02');
  const aleppo = article.entities.find((e) => e.name === 'Aleppo');
  assert.equal(aleppo?.type, 'place');
  assert.equal(aleppo?.id, 'place:aleppo');
  for (const e of article.entities) for (const m of e.mentions) assert.equal(slice(m.range), m.text);
  for (const d of article.dates) assert.equal(slice(d.range), d.text);
  const sunday = article.dates.find((d) => d.text.includes('Sunday'));
  assert.equal(sunday?.iso, '2024-12-01');
  const q = json.files[1].articles[0].quotes.find((x) => x.text.startsWith('These are fresh reinforcements'));
  assert.ok(q, 'the quotation of 002 is listed without its marks');
  const text2 = readFileSync(seed('002'), 'utf8');
  const span2 = new LineIndex(text2).spanOf(q.range);
  assert.ok(!q.text.startsWith('"') && text2.slice(span2.start, span2.end).startsWith('"'));
});

test('a missing file: one line on stderr, exit code 2, the other files still analysed', () => {
  const r = run(['analyze', seed('003'), 'no-such-file.txt', '--json']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /no-such-file\.txt: no such file/);
  assert.equal((JSON.parse(r.stdout) as { files: unknown[] }).files.length, 1);
});

/** Code-point offsets (brat, W3C) → UTF-16 offsets of `text`. */
function codePointToUtf16(text: string): number[] {
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    map.push(i);
    i += ch.length;
  }
  map.push(text.length);
  return map;
}

test('export brat: T lines slice the .txt to exactly the annotated text; relations point at T lines', () => {
  const out = mkdtempSync(join(tmpdir(), 'newslens-brat-'));
  try {
    const r = run(['export', '--format', 'brat', seed('000'), seed('001'), '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    for (const stem of ['000_71cd5522f0fb0de9', '001_5e9364e78f587235']) {
      const text = readFileSync(join(out, `${stem}.txt`), 'utf8');
      assert.equal(text, readFileSync(seed(stem.slice(0, 3)), 'utf8'), 'the .txt is the article text');
      const ann = readFileSync(join(out, `${stem}.ann`), 'utf8');
      const map = codePointToUtf16(text);
      const ids = new Set<string>();
      let checked = 0;
      for (const line of ann.trim().split('\n')) {
        const t = /^(T\d+)\t(\w+) ([\d ;]+)\t(.*)$/.exec(line);
        if (t) {
          ids.add(t[1]);
          const fragments = t[3].split(';').map((f) => f.split(' ').map(Number));
          const pieces = fragments.map(([s, e]) => text.slice(map[s], map[e]));
          assert.equal(pieces.join(' '), t[4], line);
          checked++;
          continue;
        }
        const rel = /^R\d+\tSpeaker Arg1:(T\d+) Arg2:(T\d+)$/.exec(line);
        if (rel) {
          assert.ok(ids.has(rel[1]) && ids.has(rel[2]), line);
          continue;
        }
        assert.match(line, /^(#\d+\tAnnotatorNotes T\d+\t.+|A\d+\tScare T\d+|A\d+\tQuoteKind T\d+ (?:statement|partial|scare))$/, line);
      }
      assert.ok(checked > 50, `${stem}: ${checked} text-bound annotations`);
      assert.match(ann, /\tPerson \d+ \d+\tIgor Kirillov|\tPerson \d+ \d+\tBashar al-Assad/);
    }
    assert.match(readFileSync(join(out, 'annotation.conf'), 'utf8'), /\[entities\]\nPerson\nLocation\nOrganization/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('export conll: tokens rejoin to the article text; tags are IOB over PER/LOC/ORG', () => {
  const out = mkdtempSync(join(tmpdir(), 'newslens-conll-'));
  try {
    const r = run(['export', '--format', 'conll', seed('004'), '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const conll = readFileSync(join(out, '004_f9b9bb9c8095ce65.conll'), 'utf8');
    const rows = conll.split('\n').filter((l) => l && !l.startsWith('-DOCSTART-'));
    const tokens = rows.map((l) => l.split('\t'));
    for (const [, tag] of tokens) assert.match(tag, /^(O|[BI]-(PER|LOC|ORG))$/);
    const text = readFileSync(seed('004'), 'utf8');
    // Headline and paragraphs without their spaces: the tokens, concatenated, give them back in order.
    const body = text
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() && l !== 'Photo: AFP')
      .join('')
      .replace(/\s+/g, '');
    assert.equal(tokens.map(([t]) => t).join(''), body);
    const aleppo = tokens.filter(([t, tag]) => t === 'Aleppo' && tag === 'B-LOC');
    assert.ok(aleppo.length >= 5);
    const idx = tokens.findIndex(([t], i) => t === 'Bashar' && tokens[i + 1]?.[0] === 'al-Assad');
    assert.deepEqual([tokens[idx][1], tokens[idx + 1][1]], ['B-PER', 'I-PER']);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('export json and webanno: the JSON is the CLI schema; Web Annotation selectors match the text', () => {
  const out = mkdtempSync(join(tmpdir(), 'newslens-wa-'));
  try {
    const asJson = run(['export', '--format', 'json', seed('003'), '--out', out]);
    assert.equal(asJson.status, 0, asJson.stderr);
    const json = JSON.parse(readFileSync(join(out, '003_5d235549dcba7daa.json'), 'utf8')) as { files: JsonFile[] };
    assert.equal(json.files[0].articles[0].title, 'Zelenskiy Arrives In Paris For Notre Dame Ceremony, Possible Trump Meeting');
    const asWebAnnotation = run(['export', '--format', 'webanno', seed('003'), '--out', out]);
    assert.equal(asWebAnnotation.status, 0, asWebAnnotation.stderr);
    const wa = JSON.parse(readFileSync(join(out, '003_5d235549dcba7daa.jsonld'), 'utf8')) as {
      '@context': string;
      first: {
        items: {
          type: string;
          target: { selector: ({ type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string } | { type: 'TextPositionSelector'; start: number; end: number })[] };
        }[];
      };
    };
    assert.equal(wa['@context'], 'http://www.w3.org/ns/anno.jsonld');
    const text = readFileSync(seed('003'), 'utf8');
    const map = codePointToUtf16(text);
    assert.ok(wa.first.items.length > 30);
    for (const item of wa.first.items) {
      assert.equal(item.type, 'Annotation');
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector') as { exact: string; prefix: string };
      const position = item.target.selector.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number };
      assert.equal(text.slice(map[position.start], map[position.end]), quote.exact);
      assert.ok(text.slice(0, map[position.start]).endsWith(quote.prefix));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('export refuses a file as --out and unknown formats; import-brat stores brat entities as corrections', () => {
  assert.notEqual(run(['export', '--format', 'xml', seed('003'), '--out', tmpdir()]).status, 0);
  const workspace = mkdtempSync(join(tmpdir(), 'newslens-import-'));
  try {
    cpSync(seeds, join(workspace, 'seeds'), { recursive: true });
    const article = join(workspace, 'seeds', '004_f9b9bb9c8095ce65.txt');
    const text = readFileSync(article, 'utf8');
    const at = text.indexOf('Khan Cheikhoun');
    const cp = [...text.slice(0, at)].length;
    const ann = join(workspace, 'extra.ann');
    writeFileSync(ann, `T1\tLocation ${cp} ${cp + 14}\tKhan Cheikhoun\nT2\tPerson 0 4\tnope\n`);
    const r = run(['import-brat', ann, '--article', article, '--workspace', workspace]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /imported 1 annotation/);
    assert.match(r.stderr, /T2 "nope" is not in/);
    const saved = JSON.parse(readFileSync(join(workspace, '.newslens', 'annotations.json'), 'utf8')) as {
      version: number;
      corrections: { type: string; file: string; entityKind: string; anchor: { exact: string } }[];
    };
    assert.deepEqual(
      saved.corrections.map((c) => [c.type, c.file, c.entityKind, c.anchor.exact]),
      [['add-entity', 'seeds/004_f9b9bb9c8095ce65.txt', 'place', 'Khan Cheikhoun']],
    );
    // Importing again adds nothing twice.
    run(['import-brat', ann, '--article', article, '--workspace', workspace]);
    assert.equal((JSON.parse(readFileSync(join(workspace, '.newslens', 'annotations.json'), 'utf8')) as { corrections: unknown[] }).corrections.length, 1);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('analyze and export apply the workspace’s corrections; a malformed annotations file stops the export untouched', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'newslens-corrected-'));
  try {
    cpSync(seeds, join(workspace, 'seeds'), { recursive: true });
    const article = join(workspace, 'seeds', '004_f9b9bb9c8095ce65.txt');
    const text = readFileSync(article, 'utf8');
    // Line 13 of 004 reads "…in the rebel stronghold of Idlib."; brat calls it an Organization here on purpose.
    const at = text.indexOf('Idlib');
    const cp = [...text.slice(0, at)].length;
    writeFileSync(join(workspace, 'idlib.ann'), `T1\tOrganization ${cp} ${cp + 5}\tIdlib\n`);
    assert.equal(run(['import-brat', join(workspace, 'idlib.ann'), '--article', article, '--workspace', workspace]).status, 0);

    // From inside the workspace (its folder is the default) and with --workspace from elsewhere.
    const inside = run(['analyze', '--json', 'seeds/004_f9b9bb9c8095ce65.txt'], workspace);
    assert.equal(inside.status, 0, inside.stderr);
    const entities = (JSON.parse(inside.stdout) as { files: JsonFile[] }).files[0].articles.flatMap((a) => a.entities);
    const idlib = entities.filter((e) => e.name === 'Idlib');
    assert.ok(idlib.length > 0 && idlib.every((e) => e.type === 'organization'), JSON.stringify(idlib));
    const occurrences = text.split(/\bIdlib\b/).length - 1;
    assert.equal(idlib.flatMap((e) => e.mentions).length, occurrences, 'every whole-word "Idlib" of the article text is the added entity');

    const out = join(workspace, 'out');
    const exported = run(['export', '--format', 'conll', article, '--out', out, '--workspace', workspace]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(readFileSync(join(out, '004_f9b9bb9c8095ce65.conll'), 'utf8'), /^Idlib\tB-ORG$/m);
    assert.doesNotMatch(readFileSync(join(out, '004_f9b9bb9c8095ce65.conll'), 'utf8'), /^Idlib\tB-LOC$/m);

    const broken = '{"version": 1, "corrections": [ {"id": ';
    writeFileSync(join(workspace, '.newslens', 'annotations.json'), broken);
    const refused = run(['export', '--format', 'json', article, '--out', join(workspace, 'out2'), '--workspace', workspace]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /^news-lens: .*annotations\.json is left untouched because it is not valid JSON.*\n$/);
    assert.equal(readFileSync(join(workspace, '.newslens', 'annotations.json'), 'utf8'), broken);
    assert.equal(existsSync(join(workspace, 'out2')), false, 'nothing written');
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('export never writes through a symbolic link out of --out, nor into a folder given by ..', () => {
  const box = mkdtempSync(join(tmpdir(), 'newslens-symlink-'));
  try {
    const out = join(box, 'out');
    const outside = join(box, 'outside.conll');
    mkdirSync(out);
    writeFileSync(outside, 'precious\n');
    const stem = readdirSync(seeds)
      .find((n) => n.startsWith('003'))!
      .replace(/\.txt$/, '');
    symlinkSync(outside, join(out, `${stem}.conll`));
    const r = run(['export', '--format', 'conll', seed('003'), '--out', out]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /refusing to write through the symbolic link/);
    assert.equal(readFileSync(outside, 'utf8'), 'precious\n');
    // "--out a/../b" is resolved first, so the files land in b and nowhere else.
    const viaDots = run(['export', '--format', 'conll', seed('003'), '--out', join(box, 'x', '..', 'y')]);
    assert.equal(viaDots.status, 0, viaDots.stderr);
    assert.deepEqual(readdirSync(join(box, 'y')), [`${stem}.conll`]);
    assert.equal(existsSync(join(box, 'x')), false);
  } finally {
    rmSync(box, { recursive: true, force: true });
  }
});

test('news-lens lsp answers initialize on stdio with the annotation and export commands', async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [cli, 'lsp'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const answer = await new Promise<string>((resolve, reject) => {
      let got = '';
      const timer = setTimeout(() => reject(new Error(`no answer to initialize; got ${got.slice(0, 200)}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        got += d.toString('utf8');
        const header = /Content-Length: (\d+)\r\n\r\n/.exec(got);
        if (header && Buffer.byteLength(got.slice(header.index + header[0].length)) >= Number(header[1])) {
          clearTimeout(timer);
          resolve(got.slice(header.index + header[0].length));
        }
      });
    });
    const result = JSON.parse(answer) as { id: number; result: { capabilities: { executeCommandProvider: { commands: string[] } } } };
    assert.equal(result.id, 1);
    const commands = result.result.capabilities.executeCommandProvider.commands;
    for (const c of [
      'newsLens.annotate.setKind',
      'newsLens.annotate.notEntity',
      'newsLens.annotate.sameEntity',
      'newsLens.annotate.addEntity',
      'newsLens.annotate.setSpeaker',
      'newsLens.annotate.remove',
      'newsLens.annotate.undo',
      'newsLens.export',
    ]) {
      assert.ok(commands.includes(c), `${c} in ${commands.join(', ')}`);
    }
  } finally {
    child.kill();
  }
});

test('two import-brat processes writing one annotations file at once lose nothing (lock + merge by id)', async () => {
  const { spawn } = await import('node:child_process');
  const workspace = mkdtempSync(join(tmpdir(), 'newslens-concurrent-'));
  try {
    const words = Array.from({ length: 60 }, (_, i) => `Place${i}`);
    const text = `${words.join(' and ')}.\n`;
    writeFileSync(join(workspace, 'article.txt'), text);
    const at = (w: string): number => text.search(new RegExp(`\\b${w}\\b`));
    const annOf = (part: string[]): string => part.map((w, i) => `T${i + 1}\tLocation ${at(w)} ${at(w) + w.length}\t${w}`).join('\n') + '\n';
    writeFileSync(join(workspace, 'a.ann'), annOf(words.slice(0, 30)));
    writeFileSync(join(workspace, 'b.ann'), annOf(words.slice(30)));
    const importing = (ann: string): Promise<number | null> =>
      new Promise((resolve) => spawn(process.execPath, [cli, 'import-brat', ann, '--article', 'article.txt'], { cwd: workspace, stdio: 'ignore' }).on('exit', resolve));
    assert.deepEqual(await Promise.all([importing('a.ann'), importing('b.ann')]), [0, 0]);
    const saved = JSON.parse(readFileSync(join(workspace, '.newslens', 'annotations.json'), 'utf8')) as { corrections: { anchor: { exact: string } }[] };
    assert.deepEqual(saved.corrections.map((c) => c.anchor.exact).sort(), [...words].sort());
    assert.deepEqual(readdirSync(join(workspace, '.newslens')), ['annotations.json'], 'no lock or temporary file left');
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('odd files are analysed with a one-line note each and exit code 0: binary, invalid UTF-8, empty', () => {
  const box = mkdtempSync(join(tmpdir(), 'newslens-odd-'));
  try {
    writeFileSync(join(box, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x41]));
    writeFileSync(join(box, 'latin1.txt'), Buffer.from('Caf\xe9 in M\xfcnchen.\n', 'latin1'));
    writeFileSync(join(box, 'empty.txt'), '');
    writeFileSync(join(box, 'fine.txt'), '\ufeffCafé in München.\n');
    const r = run(['analyze', '--json', 'binary.txt', 'latin1.txt', 'empty.txt', 'fine.txt'], box);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.deepEqual(lines, [
      'news-lens: binary.txt: looks like a binary file (NUL bytes); analysed as text',
      'news-lens: latin1.txt: not valid UTF-8; undecodable bytes read as \uFFFD',
      'news-lens: empty.txt: empty, no articles',
    ]);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    assert.deepEqual(
      files.map((f) => f.path),
      ['binary.txt', 'latin1.txt', 'empty.txt', 'fine.txt'],
    );
  } finally {
    rmSync(box, { recursive: true, force: true });
  }
});

test('a file saved as UTF-16 with a byte-order mark (little- or big-endian) is read as an editor reads it, not as binary', () => {
  const box = mkdtempSync(join(tmpdir(), 'newslens-utf16-'));
  try {
    const text = 'Officials said on Monday that Maria Lopez met executives of Acme Corp. in Lisbon. “We are ready,” she said.\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    writeFileSync(join(box, 'utf8.txt'), text);
    writeFileSync(join(box, 'le.txt'), le);
    writeFileSync(join(box, 'be.txt'), be);
    const r = run(['analyze', '--json', 'utf8.txt', 'le.txt', 'be.txt'], box);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.trim(), '', 'no note: a UTF-16 file is not binary');
    const [utf8, ...utf16] = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    assert.ok(JSON.stringify(utf8.articles).includes('Maria Lopez'));
    // The same analysis; only the story fields differ (the three files are one story, each a repeat of another).
    const analysis = (f: JsonFile): unknown => f.articles.map((a) => ({ ...a, story: undefined, duplicateOf: undefined }));
    for (const f of utf16) assert.deepEqual(analysis(f), analysis(utf8), f.path);
  } finally {
    rmSync(box, { recursive: true, force: true });
  }
});

test('a .newslens folder that is a symbolic link out of the workspace is never written through', () => {
  const box = mkdtempSync(join(tmpdir(), 'newslens-linkout-'));
  try {
    const workspace = join(box, 'workspace');
    const elsewhere = join(box, 'elsewhere');
    mkdirSync(workspace);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(workspace, '.newslens'));
    writeFileSync(join(workspace, 'article.txt'), 'Protesters gathered in Tbilisi on Monday.\n');
    writeFileSync(join(workspace, 'a.ann'), 'T1\tLocation 23 30\tTbilisi\n');
    const r = run(['import-brat', 'a.ann', '--article', 'article.txt'], workspace);
    assert.equal(r.status, 2, r.stdout);
    assert.match(r.stderr, /^news-lens: import-brat: refusing to write into \.newslens: it leads out of the workspace/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.deepEqual(readdirSync(elsewhere), []);
    // Nor read through: corrections kept outside the workspace are not applied.
    writeFileSync(join(elsewhere, 'annotations.json'), '{"version": 1, "corrections": []}');
    const analysed = run(['analyze', 'article.txt'], workspace);
    assert.equal(analysed.status, 2);
    assert.match(analysed.stderr, /annotations\.json leads out of the workspace/);
  } finally {
    rmSync(box, { recursive: true, force: true });
  }
});

test('analyze --explain names the rule of every entity mention; without it the JSON shape is unchanged', () => {
  const rules = new Set(Object.values(RULES) as string[]);
  const json = JSON.parse(run(['analyze', seed('004'), '--json', '--explain']).stdout) as { files: JsonFile[] };
  const mentions = json.files[0].articles.flatMap((a) => a.entities.flatMap((e) => e.mentions));
  assert.ok(mentions.length > 10);
  for (const m of mentions) assert.ok(m.rule !== undefined && rules.has(m.rule), `${m.text}: ${m.rule}`);
  const plain = JSON.parse(run(['analyze', seed('004'), '--json']).stdout) as { files: JsonFile[] };
  assert.ok(plain.files[0].articles.every((a) => a.entities.every((e) => e.mentions.every((m) => !('rule' in m)))));
  const text = run(['analyze', seed('004'), '--explain']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^ {5}\d+:\d+ {2}(?:person|place|organization) +"[^"]+" {2}← [a-z-]+$/m);
});
