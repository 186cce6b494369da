import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { segmentArticles } from './core';
import { agreement, type AgreementReport, type Decision, type Disagreement, type FileSpans } from './core/annotate/agreement';
import { articleStatuses, CURATED_ANNOTATOR, progressLine, progressOf, type ReviewProgress, ANNOTATOR_NAME } from './core/annotate/records';
import { schemaFromBratConf, labelNamed } from './core/annotate/schema';
import { EXPORT_FORMATS, importLayer, type ExportFormat } from './core/export';
import { AnnotationStore } from './annotations/store';
import { filesBelow } from './util/files';
import { SchemaStore } from './annotations/schemaStore';
import { annotatorsOf, humanRecords, labelled, layerOf, storeImported, writeCurated } from './annotations/work';
import { decodeArticleFile } from './workspace/workspaceIndex';

/**
 * The corpus-project commands of `news-lens` (README: "Annotating a corpus"): agreement, status,
 * curate, import (any export format, as one annotator's work) and import-brat of an annotation.conf.
 * cli.ts dispatches here and passes its helpers, so both share one error and option style.
 */

export interface CliHelpers {
  fail(message: string): never;
  optionValue(args: string[], name: string): string | undefined;
  expand(patterns: readonly string[]): string[];
  oneLine(e: unknown): string;
  usage: string;
}

function openWorkspace(h: CliHelpers, args: string[]): { store: AnnotationStore; schema: SchemaStore } {
  const dir = path.resolve(h.optionValue(args, '--workspace') ?? '.');
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isFolder) h.fail(`--workspace ${dir} is not a folder`);
  const store = new AnnotationStore(dir);
  const problem = store.load();
  if (problem) h.fail(problem);
  const schema = new SchemaStore(dir);
  const schemaProblem = schema.load();
  if (schemaProblem) process.stderr.write(`news-lens: ${schemaProblem}\n`);
  return { store, schema };
}

function readArticle(h: CliHelpers, file: string): string {
  try {
    return decodeArticleFile(readFileSync(file));
  } catch (e) {
    h.fail(`${file}: ${h.oneLine(e)}`);
  }
}

function annotatorName(h: CliHelpers, name: string): string {
  if (!ANNOTATOR_NAME.test(name)) h.fail(`"${name}" is not an annotator name (letters, digits, . _ -; at most 64)`);
  return name;
}

function noUnknown(h: CliHelpers, args: string[], command: string, allowed: readonly string[] = []): void {
  const unknown = args.filter((a) => a.startsWith('--') && !allowed.includes(a));
  if (unknown.length) h.fail(`${command}: unknown option ${unknown[0]}\n${h.usage}`);
}

/** The two annotators to compare: given, or the only two (besides `curated`) that labelled anything. */
function pair(h: CliHelpers, args: string[], store: AnnotationStore, command: string): [string, string] {
  const a = h.optionValue(args, '--a');
  const b = h.optionValue(args, '--b');
  if (a && b) return [annotatorName(h, a), annotatorName(h, b)];
  const names = annotatorsOf(humanRecords(store)).filter((n) => n !== CURATED_ANNOTATOR);
  if (names.length !== 2) h.fail(`${command}: give --a NAME --b NAME (annotators with labels here: ${names.join(', ') || 'none'})`);
  return [names[0], names[1]];
}

/** Each file holding human records, with its text (files that cannot be read are named and skipped). */
function filesWithWork(store: AnnotationStore): { file: string; text: string }[] {
  const files = [...new Set(humanRecords(store).map((r) => r.file))].sort();
  return files.flatMap((file) => {
    try {
      return [{ file, text: decodeArticleFile(readFileSync(path.join(store.folder, file))) }];
    } catch (e) {
      process.stderr.write(`news-lens: ${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}; skipped\n`);
      return [];
    }
  });
}

function agreementOf(store: AnnotationStore, a: string, b: string): AgreementReport {
  const files: FileSpans[] = filesWithWork(store).map(({ file, text }) => ({
    file,
    text,
    a: labelled(layerOf(store, file, text, a)),
    b: labelled(layerOf(store, file, text, b)),
  }));
  return agreement(a, b, files);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function describe(d: Disagreement): string {
  const side = (list: Disagreement['a']) => (list.length ? list.map((s) => `${s.label} “${d.text.slice(s.start - d.start, s.end - d.start)}”`).join(', ') : '(nothing)');
  return `${d.file} @${d.start}-${d.end} [${d.kind}]  A: ${side(d.a)}  B: ${side(d.b)}`;
}

export function agreementCommand(h: CliHelpers, argv: string[]): number {
  const args = [...argv];
  const { store } = openWorkspace(h, args);
  const [a, b] = pair(h, args, store, 'agreement');
  const json = args.includes('--json');
  noUnknown(h, args, 'agreement', ['--json']);
  const report = agreementOf(store, a, b);
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lines = [`agreement between ${a} (A) and ${b} (B) over ${report.files} file${report.files === 1 ? '' : 's'} both labelled`];
  if (report.onlyA.length || report.onlyB.length) lines.push(`  not compared: ${report.onlyA.length} file(s) only ${a} labelled, ${report.onlyB.length} only ${b}`);
  lines.push('', `  ${'label'.padEnd(20)} ${'A'.padStart(5)} ${'B'.padStart(5)}  exact F1  overlap F1`);
  for (const l of [...report.labels, { label: '(all)', ...report.all }]) {
    lines.push(`  ${l.label.padEnd(20)} ${String(l.a).padStart(5)} ${String(l.b).padStart(5)}  ${pct(l.exact.f1).padStart(8)}  ${pct(l.overlap.f1).padStart(10)}`);
  }
  const k = report.kappa;
  lines.push('', `  Cohen's kappa on ${k.tokens} token labels: ${k.kappa === null ? 'undefined (one label only)' : k.kappa.toFixed(3)} (observed ${pct(k.observed)}, chance ${pct(k.expected)})`);
  lines.push('', `  ${report.disagreements.length} disagreement${report.disagreements.length === 1 ? '' : 's'}:`);
  for (const d of report.disagreements) lines.push(`    ${describe(d)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The article files of a workspace when none are given: every .txt under it, .newslens and node_modules aside. */
function articleFiles(folder: string): string[] {
  return filesBelow(folder, new Set(['node_modules', '.git', '.newslens']))
    .filter((rel) => rel.endsWith('.txt'))
    .map((rel) => path.join(folder, rel))
    .sort();
}

export function statusCommand(h: CliHelpers, argv: string[]): number {
  const args = [...argv];
  const { store } = openWorkspace(h, args);
  const annotator = h.optionValue(args, '--annotator');
  const json = args.includes('--json');
  noUnknown(h, args, 'status', ['--json']);
  const patterns = args.filter((x) => !x.startsWith('--'));
  const files = patterns.length ? h.expand(patterns) : articleFiles(store.folder);
  let status = 0;
  const rows: { path: string; articles: { index: number; title: string | null; status: string }[]; progress: ReviewProgress }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = decodeArticleFile(readFileSync(file));
    } catch (e) {
      process.stderr.write(`news-lens: ${file}: ${h.oneLine(e)}\n`);
      status = 2;
      continue;
    }
    const rel = store.relativePath(pathToFileURL(path.resolve(file)).href);
    const layout = segmentArticles(text);
    const statuses = articleStatuses(layout.articles, rel === null ? [] : layerOf(store, rel, text, annotator).reviews);
    rows.push({
      path: rel ?? file,
      articles: layout.articles.map((a, i) => ({ index: i, title: a.title, status: statuses[i] })),
      progress: progressOf(statuses),
    });
  }
  const total = progressOf(rows.flatMap((r) => r.articles.map((a) => a.status as 'done')));
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...(annotator ? { annotator } : {}), files: rows, total, summary: progressLine(total) }, null, 2)}\n`);
    return status;
  }
  const width = Math.min(60, Math.max(4, ...rows.map((r) => r.path.length)));
  const lines = rows.map((r) => `${r.path.padEnd(width)}  ${progressLine(r.progress)}`);
  lines.push(`${'workspace'.padEnd(width)}  ${progressLine(total)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return status;
}

/**
 * Walks the disagreements between A and B: each is printed and settled from one line of standard input
 * (`a`, `b`, `n` none, `s` skip, `e LABEL` the whole stretch with that label, `q` stop), or all at once
 * with `--take a|b`. The result is written as the `curated` annotator's spans, which exports use.
 */
export async function curateCommand(h: CliHelpers, argv: string[]): Promise<number> {
  const args = [...argv];
  const { store, schema } = openWorkspace(h, args);
  const [a, b] = pair(h, args, store, 'curate');
  const take = h.optionValue(args, '--take');
  if (take !== undefined && take !== 'a' && take !== 'b') h.fail('curate: --take is a or b');
  noUnknown(h, args, 'curate');
  const files = filesWithWork(store);
  const input = take ? undefined : createInterface({ input: process.stdin, terminal: false });
  const pendingLines: string[] = [];
  let closed = false;
  const waiters: ((line: string | undefined) => void)[] = [];
  input?.on('line', (line) => (waiters.length ? waiters.shift()!(line) : pendingLines.push(line)));
  input?.on('close', () => {
    closed = true;
    for (const w of waiters.splice(0)) w(undefined);
  });
  const nextLine = (): Promise<string | undefined> => (pendingLines.length ? Promise.resolve(pendingLines.shift()) : closed ? Promise.resolve(undefined) : new Promise((r) => waiters.push(r)));
  let decided = 0;
  let left = 0;
  let stop = false;
  for (const { file, text } of files) {
    const report = agreement(a, b, [{ file, text, a: labelled(layerOf(store, file, text, a)), b: labelled(layerOf(store, file, text, b)) }]);
    if (!report.files) continue;
    const decisions = new Map<string, Decision>();
    for (const d of report.disagreements) {
      if (take) {
        decisions.set(d.id, { take });
        continue;
      }
      if (stop) break;
      process.stdout.write(`${describe(d)}\n  take [a]/[b], [n]one, [e] LABEL, [s]kip, [q]uit? `);
      const answer = (await nextLine())?.trim();
      process.stdout.write('\n');
      if (answer === undefined || answer === 'q') {
        stop = true;
        break;
      }
      if (answer === 'a' || answer === 'b') decisions.set(d.id, { take: answer });
      else if (answer === 'n') decisions.set(d.id, { take: 'none' });
      else if (answer.startsWith('e ')) {
        const label = answer.slice(2).trim();
        if (!labelNamed(schema.schema, label)) process.stdout.write(`  "${label}" is not a label of the schema; skipped\n`);
        else decisions.set(d.id, { spans: [{ start: d.start, end: d.end, label }] });
      }
    }
    const { written, pending } = writeCurated(store, file, text, a, b, (d) => decisions.get(d.id));
    decided += decisions.size;
    left += pending.length;
    process.stdout.write(`${file}: ${written} curated span${written === 1 ? '' : 's'}${pending.length ? `, ${pending.length} disagreement(s) left` : ''}\n`);
    if (stop) break;
  }
  input?.close();
  process.stdout.write(
    `curated ${decided} disagreement${decided === 1 ? '' : 's'} between ${a} and ${b}${left ? `; ${left} left for later` : ''}; written as "${CURATED_ANNOTATOR}" in ${store.file}\n`,
  );
  return 0;
}

/** `import-brat annotation.conf`: the configuration's types, attributes and relations merged into the schema. */
export function importBratConf(h: CliHelpers, confFile: string, argv: string[]): number {
  const args = [...argv];
  const dir = path.resolve(h.optionValue(args, '--workspace') ?? '.');
  noUnknown(h, args, 'import-brat');
  let conf: string;
  try {
    conf = readFileSync(confFile, 'utf8');
  } catch (e) {
    h.fail(`import-brat: ${confFile}: ${h.oneLine(e)}`);
  }
  const schema = new SchemaStore(dir);
  const problem = schema.load();
  if (problem) h.fail(`import-brat: ${problem}; nothing was written`);
  const merged = schemaFromBratConf(conf, schema.schema);
  if (!merged.ok) h.fail(`import-brat: ${confFile} cannot become a schema: ${merged.reason}; nothing was written`);
  const before = schema.schema.spanLabels.length + schema.schema.relationLabels.length;
  try {
    schema.save(merged.schema);
  } catch (e) {
    h.fail(`import-brat: ${h.oneLine(e).replace(/^News Lens: /, '')}`);
  }
  const added = merged.schema.spanLabels.length + merged.schema.relationLabels.length - before;
  process.stdout.write(`imported ${added} label${added === 1 ? '' : 's'} into ${schema.file}\n`);
  return 0;
}

/** `import-brat <file.ann> --annotator NAME` and `import --format F <file>`: one annotator's work on one article. */
export function importLayerCommand(h: CliHelpers, argv: string[], format?: ExportFormat): number {
  const args = [...argv];
  const given = format ?? h.optionValue(args, '--format');
  if (!given || !(EXPORT_FORMATS as readonly string[]).includes(given)) h.fail(`import: --format json|brat|conll|webanno is required\n${h.usage}`);
  const article = h.optionValue(args, '--article') ?? h.fail(`import: --article <the article file> is required\n${h.usage}`);
  const annotator = annotatorName(h, h.optionValue(args, '--annotator') ?? h.fail(`import: --annotator NAME is required\n${h.usage}`));
  const { store, schema } = openWorkspace(h, args);
  noUnknown(h, args, 'import');
  if (args.length !== 1) h.fail(`import: give exactly one file to import\n${h.usage}`);
  if (!existsSync(args[0])) h.fail(`import: ${args[0]}: no such file`);
  const content = readArticle(h, args[0]);
  const text = readArticle(h, article);
  const file = store.relativePath(pathToFileURL(path.resolve(article)).href);
  if (file === null) h.fail(`import: ${article} is not inside the workspace ${store.folder}`);
  const layer = importLayer(given as ExportFormat, content, text, schema.schema);
  const unknown = [...new Set(layer.spans.map((s) => s.label).filter((l) => !labelNamed(schema.schema, l)))];
  if (unknown.length)
    process.stderr.write(
      `news-lens: import: label${unknown.length === 1 ? '' : 's'} not in the schema (kept as written; add them to .newslens/schema.json or import annotation.conf): ${unknown.join(', ')}\n`,
    );
  let counts: ReturnType<typeof storeImported>;
  try {
    counts = storeImported(store, file, text, layer, annotator);
  } catch (e) {
    h.fail(`import: ${h.oneLine(e).replace(/^News Lens: /, '')}`);
  }
  process.stdout.write(
    `imported ${counts.spans} span${counts.spans === 1 ? '' : 's'}, ${counts.relations} relation${counts.relations === 1 ? '' : 's'} and ${counts.notes} note${counts.notes === 1 ? '' : 's'} as ${annotator} into ${store.file}\n`,
  );
  return 0;
}
