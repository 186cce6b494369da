/** The any-folder question's sniffing (issue 13): news reads as news, other .txt files do not. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { looksLikeNews, sniffFolder, sniffText } from '../../server/src/archive/sniff';

const root = join(__dirname, '..', '..', '..');
const seeds = join(root, 'seeds');

const NOT_NEWS = [
  'numpy==1.26.4\npandas==2.2.2\nrequests>=2.31\n',
  Array.from({ length: 40 }, (_, i) => `2024-12-0${(i % 9) + 1} 12:00:${String(i).padStart(2, '0')} INFO worker ${i} started, queue=${i * 3}`).join('\n'),
  readFileSync(join(root, 'LICENSE'), 'utf8'),
  'TODO\n- buy milk\n- call Anna\n- fix the bike\n',
];

test('every seed reads as news; requirement lists, logs, a licence and a to-do list do not', () => {
  for (const name of readdirSync(seeds)) {
    const signals = sniffText(readFileSync(join(seeds, name), 'utf8').slice(0, 32 * 1024));
    assert.ok(looksLikeNews(signals), `${name}: ${JSON.stringify(signals)}`);
  }
  for (const text of NOT_NEWS) assert.equal(looksLikeNews(sniffText(text)), false, text.slice(0, 40));
});

test('a folder not named seeds, with articles in subfolders, looks like news; a folder of notes does not', async () => {
  const news = mkdtempSync(join(tmpdir(), 'newslens-sniff-'));
  mkdirSync(join(news, 'scraped', '2024'), { recursive: true });
  for (const name of readdirSync(seeds)) writeFileSync(join(news, 'scraped', '2024', name), readFileSync(join(seeds, name)));
  writeFileSync(join(news, 'notes.txt'), NOT_NEWS[3]);
  const yes = await sniffFolder(news);
  assert.equal(yes.txtFiles, 6);
  assert.ok(yes.looksLikeNews, JSON.stringify(yes));

  const notes = mkdtempSync(join(tmpdir(), 'newslens-sniff-'));
  NOT_NEWS.forEach((text, i) => writeFileSync(join(notes, `n${i}.txt`), text));
  const no = await sniffFolder(notes);
  assert.equal(no.looksLikeNews, false, JSON.stringify(no));
  assert.equal((await sniffFolder(join(notes, 'missing'))).txtFiles, 0);
});
