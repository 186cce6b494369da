import { createReadStream, existsSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeDocument, ArticleCache, type DocumentModel } from '../core';
import type { CorrectionLayer } from '../core/corrections';
import { toJsonFile } from '../core/export/json';
import type { SearchParams, SearchResult } from '../protocol';
import { BatchCollector } from '../util/collector';
import { jsonChunks } from '../util/jsonPieces';
import { decodeArticleFile } from '../workspace/workspaceIndex';
import { CorpusDatabase } from './database';
import { search } from './queries';
import { archiveRecord, sha1Of, validRecord, type ArchiveRecord } from './record';
import { ANALYZER_KEY } from './schema';

/** What the archive commands borrow from cli.ts (its usage errors, globs and corrections). */
export interface CliTools {
  fail(message: string): never;
  optionValue(args: string[], name: string): string | undefined;
  expand(patterns: readonly string[]): string[];
  corrections(args: string[]): CorrectionLayer | null;
  oneLine(e: unknown): string;
}

/** The size limit of full analysis, as the editor's default `newsLens.maxFileSizeMB`. */
const MAX_FILE_SIZE_MB = 5;
/** `index` commits every this many records or this often: fewer commits, and a kill loses at most one batch. */
const BATCH = 50;
const BATCH_MS = 1_000;

/** Paths from the arguments (globs expanded), then, for `-`, one per line of standard input. */
async function* inputPaths(patterns: readonly string[], tools: CliTools): AsyncGenerator<string> {
  for (const p of tools.expand(patterns.filter((p) => p !== '-'))) yield p;
  if (!patterns.includes('-')) return;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim()) yield line.trim();
  }
}

/** Writes a string, waiting while the pipe is full: memory stays flat however long the run. */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

/** Writes `value` as one line of JSON (`JSON.stringify(value)` and a newline), in chunks that stay in V8's young generation. */
async function writeJsonLine(value: unknown): Promise<void> {
  for (const chunk of jsonChunks(value, 4)) await write(chunk);
  await write('\n');
}

/** Reads and analyses one file into a record (with its corrected model), or reports it and gives undefined. */
async function analyseOne(file: string, tools: CliTools, corrections: CorrectionLayer | null): Promise<{ record: ArchiveRecord; corrected: DocumentModel } | undefined> {
  try {
    const absolute = path.resolve(file);
    const stat = await fs.stat(absolute);
    if (stat.isDirectory()) throw new Error('is a folder, not a file');
    const bytes = await fs.readFile(absolute);
    const text = decodeArticleFile(bytes);
    // A cache per file: a long run keeps nothing of the files before.
    const model = analyzeDocument(text, { cache: new ArticleCache(), maxFullAnalysisLength: MAX_FILE_SIZE_MB * 1024 * 1024 });
    const notice = model.layoutOnly ? `${file} is above ${MAX_FILE_SIZE_MB} MB: only the outline` : undefined;
    const corrected = corrections ? corrections.apply(pathToFileURL(absolute).href, text, model) : model;
    return { record: archiveRecord(absolute, stat, bytes, text, model, MAX_FILE_SIZE_MB, notice), corrected };
  } catch (e) {
    process.stderr.write(`news-lens: ${file}: ${tools.oneLine(e)}\n`);
    return undefined;
  }
}

/** `news-lens analyze --jsonl`: one JSON line per file (the `--json` file shape plus `archive`), streamed. */
export async function analyzeJsonl(args: string[], tools: CliTools): Promise<number> {
  const corrections = tools.corrections(args);
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--jsonl');
  if (unknown.length) tools.fail(`analyze: unknown option ${unknown[0]}`);
  const patterns = args.filter((a) => a !== '--jsonl');
  if (!patterns.length) tools.fail('analyze: no files given (paths, globs, or - to read paths from standard input)');
  let status = 0;
  const collector = new BatchCollector();
  for await (const file of inputPaths(patterns, tools)) {
    const done = await analyseOne(file, tools, corrections);
    if (!done) {
      status = 2;
      continue;
    }
    await writeJsonLine({ ...toJsonFile(file, done.record.text, done.corrected), archive: done.record });
    collector.done(done.record.text.length);
  }
  return status;
}

function openDatabase(args: string[], tools: CliTools, mustExist: boolean): CorpusDatabase {
  const file = tools.optionValue(args, '--db') ?? tools.fail('--db PATH is required');
  if (mustExist && !existsSync(file)) tools.fail(`--db ${file}: no such database (build one with news-lens index)`);
  try {
    return CorpusDatabase.open(path.resolve(file), (message) => process.stderr.write(`news-lens: ${message.replace(/^News Lens: /, '')}\n`));
  } catch (e) {
    tools.fail(`--db ${file}: ${tools.oneLine(e)}`);
  }
}

/**
 * `news-lens index --db PATH <files…>` analyses files into the database (unchanged ones are skipped);
 * `--from-jsonl <shards…>` merges the lines of `analyze --jsonl` shards instead (`-`: standard input).
 */
export async function indexCommand(argv: string[], tools: CliTools): Promise<number> {
  const args = [...argv];
  const fromJsonl = args.includes('--from-jsonl');
  if (fromJsonl) args.splice(args.indexOf('--from-jsonl'), 1);
  const corrections = tools.corrections(args);
  const db = openDatabase(args, tools, false);
  const unknown = args.filter((a) => a.startsWith('--'));
  if (unknown.length) tools.fail(`index: unknown option ${unknown[0]}`);
  if (!args.length) tools.fail('index: no files given');
  let status = 0;
  let stored = 0;
  const collector = new BatchCollector();
  let skipped = 0;
  let pending: (() => void)[] = [];
  let committed = Date.now();
  const flush = (final = false): void => {
    if (pending.length) db.transaction(() => pending.forEach((write) => write()));
    pending = [];
    committed = Date.now();
    // Progress on stderr after each commit: what a killed run has kept.
    if (!final) process.stderr.write(`news-lens: ${stored} files stored…\n`);
  };
  const store = (record: ArchiveRecord, corrected: DocumentModel): void => {
    pending.push(() => db.put(record, corrected));
    stored++;
    if (pending.length >= BATCH || Date.now() - committed >= BATCH_MS) flush();
  };
  try {
    if (fromJsonl) {
      for (const shard of args) {
        const input = shard === '-' ? process.stdin : createReadStream(shard);
        input.on('error', (e: Error) => {
          process.stderr.write(`news-lens: ${shard}: ${tools.oneLine(e)}\n`);
          status = 2;
        });
        let lineNo = 0;
        for await (const line of createInterface({ input, crlfDelay: Infinity })) {
          lineNo++;
          if (!line.trim()) continue;
          let value: unknown;
          try {
            value = (JSON.parse(line) as { archive?: unknown }).archive;
          } catch {
            value = undefined;
          }
          if (!validRecord(value)) {
            process.stderr.write(`news-lens: ${shard}:${lineNo}: not a line of news-lens analyze --jsonl; skipped\n`);
            status = 2;
            continue;
          }
          if (value.analyzer !== ANALYZER_KEY)
            tools.fail(`${shard}:${lineNo}: made by another build of the analysis (${value.analyzer}, this is ${ANALYZER_KEY}); analyse it again with this news-lens`);
          store(value, corrections ? corrections.apply(pathToFileURL(value.path).href, value.text, value.model) : value.model);
          collector.done(value.text.length);
        }
      }
    } else {
      for await (const file of inputPaths(args, tools)) {
        const existing = db.lookup(path.resolve(file));
        if (existing) {
          try {
            const stat = statSync(file);
            if (existing.size === stat.size && (existing.mtime === stat.mtimeMs || existing.hash === sha1Of(await fs.readFile(file)))) {
              skipped++;
              continue;
            }
          } catch {
            // analysed (and reported) below
          }
        }
        const done = await analyseOne(file, tools, corrections);
        if (done) store(done.record, done.corrected);
        else status = 2;
        collector.done(done?.record.text.length ?? 0);
      }
    }
    flush(true);
  } finally {
    db.close();
  }
  process.stderr.write(`news-lens: ${stored} file${stored === 1 ? '' : 's'} stored${skipped ? `, ${skipped} unchanged` : ''} in ${db.file}\n`);
  return status;
}

/** `news-lens query --db PATH [filters] [--json]`: the archive search on the command line. */
export function queryCommand(argv: string[], tools: CliTools): number {
  const args = [...argv];
  const json = args.includes('--json');
  if (json) args.splice(args.indexOf('--json'), 1);
  const params: SearchParams = {};
  for (const key of ['entity', 'speaker', 'from', 'to', 'outlet', 'text'] as const) {
    const value = tools.optionValue(args, `--${key}`);
    if (value !== undefined) params[key] = value;
  }
  for (const key of ['limit', 'offset'] as const) {
    const value = tools.optionValue(args, `--${key}`);
    if (value === undefined) continue;
    if (!/^\d+$/.test(value)) tools.fail(`--${key} ${value}: not a number`);
    params[key] = Number(value);
  }
  const db = openDatabase(args, tools, true);
  if (args.length) tools.fail(`query: unexpected ${args[0]}`);
  let result: SearchResult;
  try {
    result = search(db, params);
  } finally {
    db.close();
  }
  if (result.message && !result.hits.length) tools.fail(`query: ${result.message}`);
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  for (const h of result.hits) {
    const where = `${fileURLToPath(h.uri)}:${h.range.start.line + 1}:${h.range.start.character + 1}`;
    const meta = [h.date, h.source].filter(Boolean).join(' · ');
    const what = h.kind === 'quotation' ? `${h.speaker ?? 'unknown'}: “${h.text}”` : h.text ? `${h.kind}: ${h.text}` : '';
    process.stdout.write(`${where}  ${h.title ?? '(untitled)'}${meta ? `  [${meta}]` : ''}${what ? `  — ${what}` : ''}\n`);
  }
  if (result.truncated) {
    const next = (params.offset ?? 0) + result.hits.length;
    process.stderr.write(`news-lens: more hits after these ${result.hits.length}; give --limit N for more, or --offset ${next} for the next page\n`);
  }
  return 0;
}
