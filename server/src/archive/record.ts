import { createHash } from 'node:crypto';
import type { DocumentModel } from '../core/model';
import { ANALYZER_KEY } from './schema';

/**
 * One analysed file as the corpus database stores it, and as `news-lens analyze --jsonl` writes it
 * (its `archive` field), so shards analysed anywhere merge into one database (`news-lens index --from-jsonl`).
 */
export interface ArchiveRecord {
  /** Absolute path of the file. */
  readonly path: string;
  readonly size: number;
  /** Modification time in milliseconds since the epoch. */
  readonly mtimeMs: number;
  /** SHA-1 of the file's bytes: a touched but unchanged file is not analysed again. */
  readonly sha1: string;
  /** `newsLens.maxFileSizeMB` the file was analysed under (the layout-only limit). */
  readonly maxSizeMB: number;
  /** The build of the analysis that made `model` (a database of another build is rebuilt). */
  readonly analyzer: string;
  /** The file's text, as the editor shows it: the database indexes it for full-text search (it does not keep it). */
  readonly text: string;
  /** The machine's model, before the user's corrections. */
  readonly model: DocumentModel;
  /** The one-line notice of a file too large for full analysis. */
  readonly notice?: string;
}

export function sha1Of(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function archiveRecord(path: string, stat: { size: number; mtimeMs: number }, bytes: Uint8Array, text: string, model: DocumentModel, maxSizeMB: number, notice?: string): ArchiveRecord {
  return { path, size: stat.size, mtimeMs: stat.mtimeMs, sha1: sha1Of(bytes), maxSizeMB, analyzer: ANALYZER_KEY, text, model, ...(notice ? { notice } : {}) };
}

/** Checks a record read from a shard: a bad line is reported, never stored. */
export function validRecord(value: unknown): value is ArchiveRecord {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  const model = r.model as Record<string, unknown> | undefined;
  return (
    typeof r.path === 'string' &&
    typeof r.size === 'number' &&
    typeof r.mtimeMs === 'number' &&
    typeof r.sha1 === 'string' &&
    typeof r.maxSizeMB === 'number' &&
    typeof r.analyzer === 'string' &&
    typeof r.text === 'string' &&
    !!model &&
    typeof model === 'object' &&
    Array.isArray(model.articles) &&
    Array.isArray(model.entities) &&
    model.textLength === r.text.length
  );
}
