import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync, lstatSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeDocument, ArticleCache, LineIndex, type DocumentModel } from './core';
import { parseBrat } from './core/export/brat';
import { exportDocument, exportExtras, EXPORT_FORMATS, type ExportFormat } from './core/export';
import { toJsonFile, type JsonFile } from './core/export/json';
import { EntityIndex } from './core/entityIndex';
import { StoryIndex } from './core/stories';
import { anchorAt, describeCorrection, resolveAnchor, type AddEntityCorrection } from './core/annotations';
import type { CorrectionLayer } from './core/corrections';
import { articleFileEncoding, decodeArticleFile, filesBelow } from './util/files';
import { uriToPath } from './util/uri';
import { AnnotationStore, correctionLayer } from './annotations/store';
import type { EntityKind } from './core';
import { randomUUID } from 'node:crypto';
import { globToRegExp } from './workspace/glob';
import { agreementCommand, curateCommand, importBratConf, importLayerCommand, statusCommand, type CliHelpers } from './cliAnnotate';
import { SchemaStore } from './annotations/schemaStore';
import { annotatorsOf, exportAnnotator, humanRecords, layerOf } from './annotations/work';
import { articleStatuses } from './core/annotate/records';
import { analyzeJsonl, indexCommand, queryCommand, type CliTools } from './archive/commands';

/**
 * `news-lens`: the analysis core on the command line, and the language server for other editors.
 * Its commands and the `--json` shape are a public interface (README: "Command line").
 */

const VERSION = '0.1.0';
const USAGE = `usage: news-lens analyze <files or globs…> [--json] [--explain] [--workspace DIR]
       news-lens analyze --jsonl <files, globs or - (paths on stdin)…> [--workspace DIR]
       news-lens index --db PATH <files, globs or -…> [--workspace DIR]
       news-lens index --db PATH --from-jsonl <shards or -…> [--workspace DIR]
       news-lens query --db PATH [--entity X] [--speaker X] [--from D] [--to D] [--outlet X] [--text Q] [--limit N] [--offset N] [--json]
       news-lens export --format json|brat|conll|webanno <files or globs…> --out DIR [--workspace DIR]
       news-lens import-brat <file.ann> --article <article file> [--annotator NAME] [--workspace DIR]
       news-lens import-brat <annotation.conf> [--workspace DIR]
       news-lens import --format json|brat|conll|webanno <file> --article <article file> --annotator NAME [--workspace DIR]
       news-lens agreement [--workspace DIR] [--a NAME --b NAME] [--json]
       news-lens curate [--workspace DIR] [--a NAME --b NAME] [--take a|b]
       news-lens status [--workspace DIR] [--annotator NAME] [--json] [files or globs…]
       news-lens lsp            (the language server on stdio, for Neovim, Helix, Emacs…)
       news-lens --help | --version`;

const HELP = `${USAGE}

  analyze      the annotated outline of each file (articles, dates, sources, sections, entity and
               quotation counts); --json prints one JSON document instead (schema in the README);
               --explain adds every entity mention with the rule that decided it (in JSON: "rule").
               --jsonl streams one JSON line per file instead (the --json file shape plus "archive",
               the record \`index --from-jsonl\` stores), with flat memory; - reads paths from stdin.
  index        builds or updates a corpus database (SQLite) from files (unchanged ones are skipped) or,
               with --from-jsonl, merges the shards of analyze --jsonl runs (README: "Batch runs").
  query        searches a corpus database: articles mentioning an entity (or its aliases), quotations
               by a speaker, publication or mentioned dates from/to (YYYY[-MM[-DD]]), an outlet, full
               text; every filter given must hold. --json prints the newsLens/search result.
  export       writes each file's annotations into DIR (created when absent): json (the --json schema),
               brat (.txt + .ann, plus annotation.conf), conll (IOB, PER/LOC/ORG) or webanno (W3C Web
               Annotation JSON-LD). Files of the same name already in DIR are replaced; nothing is ever
               written outside DIR (no .., no symbolic link out).
  import-brat  stores the Person/Location/Organization annotations of a brat .ann as "add entity"
               corrections of the article in DIR/.newslens/annotations.json; with --annotator, the whole
               .ann (custom types, attributes, relations, notes) as that annotator's labels. Given an
               annotation.conf, merges its types into DIR/.newslens/schema.json.
  import       one exported file (any format) back as one annotator's labels of the article.
  agreement    span F1 per label (exact and overlap), Cohen's kappa on token labels, and the
               disagreements between two annotators (default: the only two there are).
  curate       walks the disagreements (one answer a line on stdin: a, b, n, e LABEL, s, q) or takes
               one side with --take; writes the "curated" annotator, whose labels exports then use.
  status       review progress per file and for the workspace ("212 / 1,040 articles done").
  --annotator  export: whose labels to export (default: curated when there is any, else everyone's).
  --workspace  the folder holding .newslens/annotations.json (default: the current folder); analyze and
               export apply its corrections, as the editor does.

  Exit codes: 0 all went well; 2 a file could not be read, or a usage or input problem (one line on stderr).`;

/** A usage or input problem: one line on stderr, exit code 2. */
class CliError extends Error {}

function fail(message: string): never {
  throw new CliError(message);
}

function oneLine(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a folder, not a file';
    return e.message.split('\n')[0];
  }
  return String(e).split('\n')[0];
}

/** Expands globs (`seeds/*.txt`, `articles/**\/*.txt`) against the file system; plain paths pass through. */
function expand(patterns: readonly string[]): string[] {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!/[*?{[]/.test(pattern)) {
      files.push(pattern);
      continue;
    }
    const normalized = pattern.split(path.sep).join('/');
    const segments = normalized.split('/');
    const staticPart: string[] = [];
    for (const s of segments) {
      if (/[*?{[]/.test(s)) break;
      staticPart.push(s);
    }
    const base = staticPart.join('/') || '.';
    const re = globToRegExp(segments.slice(staticPart.length).join('/'));
    const matched = filesBelow(base, new Set(['node_modules', '.git']))
      .filter((rel) => re.test(rel))
      .map((rel) => (staticPart.length ? `${base}/${rel}` : rel));
    if (!matched.length) process.stderr.write(`news-lens: ${pattern}: no file matches\n`);
    files.push(...matched.sort());
  }
  return files;
}

interface Analysed {
  readonly path: string;
  readonly text: string;
  readonly model: DocumentModel;
}

/**
 * The corrections of `--workspace` (default: the current folder) as the editor applies them; null when
 * the folder keeps none. A file that cannot be used is a one-line error: exports must not silently
 * leave the user's corrections out.
 */
function workspaceCorrections(args: string[]): CorrectionLayer | null {
  const given = optionValue(args, '--workspace');
  const store = new AnnotationStore(path.resolve(given ?? '.'));
  if (given !== undefined) {
    let isFolder = false;
    try {
      isFolder = statSync(store.folder).isDirectory();
    } catch {
      // reported below
    }
    if (!isFolder) fail(`--workspace ${given} is not a folder`);
  }
  if (!existsSync(store.file)) return null;
  const problem = store.load();
  if (problem) fail(problem);
  if (!store.all().length) return null;
  return correctionLayer(store, (uri, unresolved) => {
    for (const c of unresolved)
      process.stderr.write(
        `news-lens: ${uriToPath(uri) ?? uri}: a correction (${describeCorrection(c)}) no longer matches the text (or its entity is no longer found there); it is kept in ${store.file}\n`,
      );
  });
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Reads and analyses each file; a file that cannot be read is named on stderr and skipped. */
function analyseFiles(files: readonly string[], onError: () => void, corrections: CorrectionLayer | null = null): Analysed[] {
  const cache = new ArticleCache();
  const results: Analysed[] = [];
  for (const file of files) {
    let text: string;
    try {
      if (statSync(file).isDirectory()) {
        process.stderr.write(`news-lens: ${file}: is a folder, not a file\n`);
        onError();
        continue;
      }
      // As an editor shows it (and as the workspace index reads it).
      const bytes = readFileSync(file);
      text = decodeArticleFile(bytes);
      // Odd input is still analysed; a one-line note says what the output is worth.
      const utf8 = articleFileEncoding(bytes) === 'utf-8';
      if (text.includes('\0')) process.stderr.write(`news-lens: ${file}: looks like a binary file (NUL bytes); analysed as text\n`);
      else if (utf8 && !isValidUtf8(bytes)) process.stderr.write(`news-lens: ${file}: not valid UTF-8; undecodable bytes read as \uFFFD\n`);
      else if (!text.trim()) process.stderr.write(`news-lens: ${file}: empty, no articles\n`);
    } catch (e) {
      process.stderr.write(`news-lens: ${file}: ${oneLine(e)}\n`);
      onError();
      continue;
    }
    const model = analyzeDocument(text, { cache });
    results.push({ path: file, text, model: corrections ? corrections.apply(pathToFileURL(path.resolve(file)).href, text, model) : model });
  }
  return results;
}

function outline(a: Analysed, explain = false): string {
  let index: LineIndex | undefined;
  const lines = [`${a.path} — ${a.model.articles.length} article${a.model.articles.length === 1 ? '' : 's'}${a.model.layoutOnly ? ' (outline only: the file is too large for full analysis)' : ''}`];
  for (const article of a.model.articles) {
    const preview = a.text.slice(article.paragraphs[0]?.start ?? article.span.start, (article.paragraphs[0]?.start ?? article.span.start) + 60).replace(/\s+/g, ' ');
    const title = article.title ?? `(untitled) ${preview}…`;
    const meta = [article.date && (article.time ? `${article.date} ${article.time}` : article.date), article.source, article.authors.length ? `by ${article.authors.join(', ')}` : null]
      .filter(Boolean)
      .join(' · ');
    lines.push(`  ${article.index + 1}. ${title}${meta ? `  [${meta}]` : ''}`);
    const ids = { person: new Set<string>(), place: new Set<string>(), organization: new Set<string>() };
    for (const m of article.mentions) ids[m.kind].add(m.entityId);
    const statements = article.quotes.filter((q) => !q.scare);
    if (!a.model.layoutOnly) {
      lines.push(`     ${ids.person.size} people · ${ids.place.size} places · ${ids.organization.size} organizations · ${statements.length} quotations · ${article.dates.length} dates`);
      const names = (kind: 'person' | 'place' | 'organization'): string =>
        [...ids[kind]]
          .slice(0, 6)
          .map((id) => a.model.entities.find((e) => e.id === id)?.name ?? id)
          .join(', ');
      if (ids.person.size) lines.push(`     people: ${names('person')}${ids.person.size > 6 ? ', …' : ''}`);
      if (ids.place.size) lines.push(`     places: ${names('place')}${ids.place.size > 6 ? ', …' : ''}`);
    }
    for (const s of article.sections) lines.push(`     § ${s.title}`);
    if (explain) {
      // One line a mention: where it is, its kind, its text and the rule that decided it.
      for (const m of article.mentions) {
        const at = (index ??= new LineIndex(a.text)).rangeOf(m.span).start;
        lines.push(`     ${at.line + 1}:${at.character + 1}  ${m.kind.padEnd(12)} ${JSON.stringify(m.text)}  ← ${m.rule ?? 'correction'}`);
      }
    }
  }
  return lines.join('\n');
}

function analyzeCommand(argv: string[]): number {
  const args = [...argv];
  const corrections = workspaceCorrections(args);
  const json = args.includes('--json');
  const explain = args.includes('--explain');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json' && a !== '--explain');
  if (unknown.length) fail(`analyze: unknown option ${unknown[0]}\n${USAGE}`);
  const patterns = args.filter((a) => !a.startsWith('--'));
  if (!patterns.length) fail(`analyze: no files given\n${USAGE}`);
  let status = 0;
  const results = analyseFiles(expand(patterns), () => (status = 2), corrections);
  if (json) {
    const files: JsonFile[] = results.map((r) => toJsonFile(r.path, r.text, r.model, undefined, { explain }));
    addStories(results, files);
    process.stdout.write(`${JSON.stringify({ files }, null, 2)}\n`);
  } else {
    process.stdout.write(results.map((r) => outline(r, explain)).join('\n\n') + (results.length ? '\n' : ''));
  }
  return status;
}

/** Each article's `story` id (and `duplicateOf`) from story clustering over all the given files. */
function addStories(results: readonly Analysed[], files: JsonFile[]): void {
  const entities = new EntityIndex();
  for (const r of results) entities.update(r.path, r.model);
  const stories = new StoryIndex((id) => entities.resolve(id));
  for (const r of results) stories.setFile(r.path, r.text, r.model);
  const { storyOf, duplicateOf } = stories.result;
  results.forEach((r, i) => {
    files[i].articles.forEach((a, j) => {
      const story = storyOf.get(`${r.path}#${j}`);
      if (story) a.story = story.id;
      const original = duplicateOf.get(`${r.path}#${j}`);
      if (original) a.duplicateOf = original;
    });
  });
}

function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value\n${USAGE}`);
  args.splice(i, 2);
  return value;
}

/** Writes a file inside `outDir` only: atomically (temporary file, then rename), never through `..` or a link out. */
function writeInside(outDir: string, name: string, content: string): string {
  const target = path.resolve(outDir, name);
  if (path.dirname(target) !== outDir) fail(`export: refusing to write ${name} outside ${outDir}`);
  try {
    if (lstatSync(target).isSymbolicLink()) fail(`export: refusing to write through the symbolic link ${target}`);
  } catch (e) {
    if (e instanceof CliError) throw e;
  }
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, target);
  return target;
}

function exportCommand(argv: string[]): number {
  const args = [...argv];
  const format = optionValue(args, '--format') ?? fail(`export: --format is required\n${USAGE}`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) fail(`export: unknown format "${format}" (json, brat, conll or webanno)`);
  const out = optionValue(args, '--out') ?? fail(`export: --out DIR is required\n${USAGE}`);
  const requested = optionValue(args, '--annotator');
  const workspaceDir = path.resolve(args.includes('--workspace') ? (args[args.indexOf('--workspace') + 1] ?? '.') : '.');
  const corrections = workspaceCorrections(args);
  // The human labels exports carry (read like the corrections: a broken file already failed above).
  const store = new AnnotationStore(workspaceDir);
  if (existsSync(store.file) && store.load()) fail(store.broken ?? 'annotations unreadable');
  const schema = new SchemaStore(workspaceDir);
  const schemaProblem = schema.load();
  if (schemaProblem) process.stderr.write(`news-lens: ${schemaProblem}\n`);
  const annotator = exportAnnotator(store, requested);
  const hasHuman = humanRecords(store).length > 0;
  const unknown = args.filter((a) => a.startsWith('--'));
  if (unknown.length) fail(`export: unknown option ${unknown[0]}\n${USAGE}`);
  if (!args.length) fail(`export: no files given\n${USAGE}`);
  let outDir = path.resolve(out);
  try {
    if (!statSync(outDir).isDirectory()) fail(`export: --out ${out} is a file, not a folder`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    mkdirSync(outDir, { recursive: true });
  }
  outDir = realpathSync(outDir);
  let status = 0;
  const results = analyseFiles(expand(args), () => (status = 2), corrections);
  const used = new Set<string>();
  for (const r of results) {
    let stem = path.basename(r.path).replace(/\.[^.]*$/, '') || 'document';
    for (let n = 2; used.has(stem); n++) stem = `${path.basename(r.path).replace(/\.[^.]*$/, '')}-${n}`;
    used.add(stem);
    const rel = store.relativePath(pathToFileURL(path.resolve(r.path)).href);
    const layer = hasHuman && rel !== null ? layerOf(store, rel, r.text, annotator) : undefined;
    const human = layer ? { layer, reviews: articleStatuses(r.model.articles, layer.reviews) } : undefined;
    const files = exportDocument(format as ExportFormat, stem, r.path, pathToFileURL(path.resolve(r.path)).href, r.text, r.model, human);
    for (const f of files) process.stdout.write(`${writeInside(outDir, f.name, f.content)}\n`);
  }
  const annotators = annotatorsOf(humanRecords(store)).filter((n) => !annotator || n === annotator);
  if (results.length) for (const f of exportExtras(format as ExportFormat, schema.schema, annotators)) process.stdout.write(`${writeInside(outDir, f.name, f.content)}\n`);
  return status;
}

const BRAT_KINDS: Record<string, EntityKind> = { Person: 'person', PER: 'person', Location: 'place', LOC: 'place', GPE: 'place', Organization: 'organization', ORG: 'organization' };

/**
 * Reads a brat `.ann` (offsets into the article's text, as `news-lens export --format brat` writes it,
 * or as brat / INCEpTION save it) and stores its Person / Location / Organization annotations as
 * "add entity" corrections of the article in the workspace's `.newslens/annotations.json`.
 */
function importBratCommand(argv: string[]): number {
  const args = [...argv];
  if (args.some((a) => /\.conf$/i.test(a)))
    return importBratConf(
      helpers,
      args.find((a) => /\.conf$/i.test(a))!,
      args.filter((a) => !/\.conf$/i.test(a)),
    );
  if (args.includes('--annotator')) return importLayerCommand(helpers, args, 'brat');
  const article = optionValue(args, '--article') ?? fail(`import-brat: --article <the article file the .ann belongs to> is required\n${USAGE}`);
  const workspace = path.resolve(optionValue(args, '--workspace') ?? '.');
  const unknown = args.filter((a) => a.startsWith('--'));
  if (unknown.length) fail(`import-brat: unknown option ${unknown[0]}\n${USAGE}`);
  if (args.length !== 1) fail(`import-brat: give exactly one .ann file\n${USAGE}`);
  let ann: string;
  let text: string;
  try {
    ann = readFileSync(args[0], 'utf8');
  } catch (e) {
    fail(`import-brat: ${args[0]}: ${oneLine(e)}`);
  }
  try {
    text = decodeArticleFile(readFileSync(article));
  } catch (e) {
    fail(`import-brat: ${article}: ${oneLine(e)}`);
  }
  const store = new AnnotationStore(workspace);
  const problem = store.load();
  if (problem) fail(`import-brat: ${problem}`);
  const file = store.relativePath(pathToFileURL(path.resolve(article)).href);
  if (file === null) fail(`import-brat: ${article} is not inside the workspace ${workspace}`);
  let imported = 0;
  let skipped = 0;
  for (const entity of parseBrat(ann, text)) {
    const kind = BRAT_KINDS[entity.type];
    if (!kind) continue;
    // The offsets are the brat text's; where the article changed since, find the annotated words by their text.
    let span: { start: number; end: number } | null = { start: entity.start, end: entity.end };
    if (text.slice(span.start, span.end) !== entity.text) span = resolveAnchor(text, { exact: entity.text, prefix: '', suffix: '', start: entity.start });
    if (!span) {
      process.stderr.write(`news-lens: import-brat: ${entity.id} "${entity.text}" is not in ${article}; skipped\n`);
      skipped++;
      continue;
    }
    const anchor = anchorAt(text, span);
    const exists = store.all().some((c) => c.type === 'add-entity' && c.file === file && c.anchor.exact === anchor.exact && c.entityKind === kind);
    if (exists) continue;
    const correction: AddEntityCorrection = { id: randomUUID(), type: 'add-entity', file, anchor, entityKind: kind, createdAt: new Date().toISOString() };
    try {
      store.add(correction);
    } catch (e) {
      fail(`import-brat: ${oneLine(e).replace(/^News Lens: /, '')}`);
    }
    imported++;
  }
  process.stdout.write(`imported ${imported} annotation${imported === 1 ? '' : 's'} into ${store.file}${skipped ? ` (${skipped} skipped)` : ''}\n`);
  return skipped && !imported ? 2 : 0;
}

function lspCommand(): void {
  // The server bundle sits beside this one (dist/server.js) and reads its transport from argv.
  process.argv = [process.argv[0], path.join(__dirname, 'server.js'), '--stdio'];
  const load = module.require.bind(module) as (id: string) => unknown;
  load(path.join(__dirname, 'server.js'));
}

const helpers: CliHelpers = { fail, optionValue, expand, oneLine, usage: USAGE };
const ARCHIVE_TOOLS: CliTools = { fail, optionValue, expand, corrections: workspaceCorrections, oneLine };

function main(argv: string[]): number | Promise<number> | 'serving' {
  const [command, ...args] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (command === undefined) fail(`no command given\n${USAGE}`);
  if (command === 'analyze' && args.includes('--jsonl')) return analyzeJsonl(args, ARCHIVE_TOOLS);
  if (command === 'analyze') return analyzeCommand(args);
  if (command === 'index') return indexCommand(args, ARCHIVE_TOOLS);
  if (command === 'query') return queryCommand(args, ARCHIVE_TOOLS);
  if (command === 'export') return exportCommand(args);
  if (command === 'import-brat') return importBratCommand(args);
  if (command === 'import') return importLayerCommand(helpers, args);
  if (command === 'agreement') return agreementCommand(helpers, args);
  if (command === 'curate') return curateCommand(helpers, args);
  if (command === 'status') return statusCommand(helpers, args);
  if (command === 'lsp') {
    lspCommand();
    return 'serving';
  }
  fail(`unknown command "${command}"\n${USAGE}`);
}

// `news-lens analyze … | head`: a closed pipe ends the output quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

function reportFailure(e: unknown): void {
  if (e instanceof CliError) process.stderr.write(`news-lens: ${e.message}\n`);
  else process.stderr.write(`news-lens: internal error: ${oneLine(e)}\n`);
  process.exitCode = 2;
}

try {
  const status = main(process.argv.slice(2));
  if (status instanceof Promise) status.then((code) => (process.exitCode = code), reportFailure);
  else if (status !== 'serving') process.exitCode = status;
} catch (e) {
  reportFailure(e);
}
