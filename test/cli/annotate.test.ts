/**
 * The corpus-project commands on the seeds: two annotators' brat files with a custom Event label
 * (test/fixtures/brat-annotators) imported with --annotator, their agreement, curation into one
 * gold set, that set exported in all four formats and imported back, and review progress.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgreementReport } from '../../server/src/core/annotate/agreement';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'brat-annotators');

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, input, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('two annotators’ brat files import with --annotator; agreement, curation, exports and status follow', () => {
  const ws = mkdtempSync(join(tmpdir(), 'newslens-corpus-'));
  try {
    cpSync(join(root, 'seeds'), join(ws, 'seeds'), { recursive: true });
    const article = join(ws, 'seeds', '004_f9b9bb9c8095ce65.txt');
    const conf = run(['import-brat', join(fixtures, 'annotation.conf'), '--workspace', ws]);
    assert.equal(conf.status, 0, conf.stderr);
    assert.match(conf.stdout, /imported 3 labels into .*schema\.json/);
    const schema = JSON.parse(readFileSync(join(ws, '.newslens', 'schema.json'), 'utf8')) as { spanLabels: { name: string }[] };
    assert.deepEqual(
      schema.spanLabels.map((l) => l.name),
      ['Event', 'Armed group'],
    );

    for (const who of ['alice', 'bob']) {
      const r = run(['import-brat', join(fixtures, `${who}-004.ann`), '--article', article, '--annotator', who, '--workspace', ws]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '', 'every label is in the schema');
    }
    const saved = JSON.parse(readFileSync(join(ws, '.newslens', 'annotations.json'), 'utf8')) as {
      corrections: { type: string; annotator: string; label?: string; attributes?: object; text?: string; createdAt: string }[];
    };
    const spans = (who: string) => saved.corrections.filter((c) => c.type === 'span' && c.annotator === who);
    assert.equal(spans('alice').length, 5);
    assert.equal(spans('bob').length, 6);
    assert.deepEqual(
      spans('alice')
        .filter((c) => c.label === 'Event')
        .map((c) => c.attributes ?? {}),
      [{ Certainty: 'high' }, {}, { Negated: true }],
    );
    assert.ok(saved.corrections.some((c) => c.type === 'note' && c.text === 'counts differ between sources'));
    assert.ok(saved.corrections.every((c) => c.annotator && c.createdAt));
    // Again: nothing twice.
    run(['import-brat', join(fixtures, 'alice-004.ann'), '--article', article, '--annotator', 'alice', '--workspace', ws]);
    assert.equal((JSON.parse(readFileSync(join(ws, '.newslens', 'annotations.json'), 'utf8')) as { corrections: unknown[] }).corrections.length, saved.corrections.length);

    const agreementRun = run(['agreement', '--workspace', ws, '--json']);
    assert.equal(agreementRun.status, 0, agreementRun.stderr);
    const report = JSON.parse(agreementRun.stdout) as AgreementReport;
    assert.equal(report.a, 'alice');
    const event = report.labels.find((l) => l.label === 'Event')!;
    // alice: rebel offensive, attacked, deadly strikes; bob: shock rebel offensive, attacked, deadly strikes, killing dozens of people.
    assert.deepEqual([event.a, event.b, event.exact.matched, event.overlap.matched], [3, 4, 2, 3]);
    assert.equal(event.exact.f1, 4 / 7);
    assert.equal(event.overlap.f1, 6 / 7);
    assert.equal(report.labels.find((l) => l.label === 'person')!.exact.f1, 1);
    assert.deepEqual(
      report.disagreements.map((d) => d.kind),
      ['boundary', 'label', 'only-b'],
    );
    assert.ok(report.kappa.kappa !== null && report.kappa.kappa > 0 && report.kappa.kappa < 1);
    assert.match(run(['agreement', '--workspace', ws]).stdout, /Event\s+3\s+4\s+57\.1%\s+85\.7%/);

    // Curation from standard input: take bob's boundary, alice's label, drop bob's extra event.
    const curated = run(['curate', '--workspace', ws], 'b\na\nn\n');
    assert.equal(curated.status, 0, curated.stderr);
    assert.match(curated.stdout, /curated 3 disagreements between alice and bob/);
    const gold = (
      JSON.parse(readFileSync(join(ws, '.newslens', 'annotations.json'), 'utf8')) as { corrections: { type: string; annotator: string; label: string; anchor: { exact: string } }[] }
    ).corrections
      .filter((c) => c.type === 'span' && c.annotator === 'curated')
      .map((c) => `${c.label}:${c.anchor.exact}`)
      .sort();
    assert.deepEqual(gold, ['Armed group:Hayat Tahrir al-Sham', 'Event:attacked', 'Event:deadly strikes', 'Event:shock rebel offensive', 'person:Rami Abdel Rahman']);

    // The curated set exports to all four formats and imports back: every curated span is found again.
    const stems = { json: 'json', brat: 'ann', conll: 'conll', webanno: 'jsonld' } as const;
    for (const format of ['json', 'brat', 'conll', 'webanno'] as const) {
      const out = join(ws, `out-${format}`);
      const exported = run(['export', '--format', format, article, '--out', out, '--workspace', ws]);
      assert.equal(exported.status, 0, exported.stderr);
      const back = run(['import', '--format', format, join(out, `004_f9b9bb9c8095ce65.${stems[format]}`), '--article', article, '--annotator', `back-${format}`, '--workspace', ws]);
      assert.equal(back.status, 0, back.stderr);
      const compared = JSON.parse(run(['agreement', '--workspace', ws, '--a', 'curated', '--b', `back-${format}`, '--json']).stdout) as AgreementReport;
      for (const l of compared.labels.filter((x) => x.a > 0)) assert.equal(l.exact.recall, 1, `${format}: ${l.label}`);
      if (format === 'json') assert.equal(compared.all.exact.f1, 1, 'JSON carries exactly the curated layer');
    }
    assert.match(readFileSync(join(ws, 'out-brat', 'annotation.conf'), 'utf8'), /^Event$/m);
    assert.match(readFileSync(join(ws, 'out-brat', '004_f9b9bb9c8095ce65.ann'), 'utf8'), /^T\d+\tArmed_group \d+ \d+\tHayat Tahrir al-Sham$/m);

    // Review progress: nothing done, then one article of 004 marked done by hand-written record.
    const before = JSON.parse(run(['status', '--workspace', ws, '--json', join(ws, 'seeds', '*.txt')]).stdout) as {
      total: { done: number; total: number };
      summary: string;
      files: { path: string }[];
    };
    assert.equal(before.total.done, 0);
    assert.equal(before.files.length, 5);
    const file = JSON.parse(readFileSync(join(ws, '.newslens', 'annotations.json'), 'utf8')) as { version: number; corrections: object[] };
    file.corrections.push({
      id: 'review-1',
      type: 'review',
      file: 'seeds/004_f9b9bb9c8095ce65.txt',
      anchor: { exact: 'Syria, al-Assad seeks to strengthen his support', prefix: '', suffix: '', start: 0 },
      createdAt: new Date().toISOString(),
      annotator: 'alice',
      status: 'done',
    });
    writeFileSync(join(ws, '.newslens', 'annotations.json'), JSON.stringify(file));
    const after = run(['status', '--workspace', ws, join(ws, 'seeds', '*.txt')]);
    assert.equal(after.status, 0, after.stderr);
    assert.match(after.stdout, /seeds\/004_f9b9bb9c8095ce65\.txt\s+1 \/ 1 article done/);
    assert.match(after.stdout, new RegExp(`workspace\\s+1 / ${before.total.total} articles done`));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a malformed schema stops import-brat of a configuration with one message, the file byte for byte', () => {
  const ws = mkdtempSync(join(tmpdir(), 'newslens-schema-cli-'));
  try {
    const bad = '{"version": 1, "spanLabels": [{"name": "Event"}]}';
    mkdirSync(join(ws, '.newslens'));
    writeFileSync(join(ws, '.newslens', 'schema.json'), bad);
    const r = run(['import-brat', join(fixtures, 'annotation.conf'), '--workspace', ws]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^news-lens: import-brat: \.newslens\/schema\.json is left untouched because span label 1 \(Event\) needs a "color".*nothing was written\n$/);
    assert.equal(readFileSync(join(ws, '.newslens', 'schema.json'), 'utf8'), bad);
    assert.equal(run(['agreement', '--workspace', ws]).status, 2, 'no annotators: a usage message');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
