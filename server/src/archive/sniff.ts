import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { segmentArticles } from '../core/segment';
import { decodeArticleFile } from '../util/files';

/**
 * Whether plain-text files look like news, for the "treat these as articles?" question (issue 13):
 * a few files are read (their start only) and segmented (no NLP). Named signals, each cheap.
 */
export interface SniffSignals {
  /** A dated dateline ("December 2, 2024", "2024-12-18 12:10") found by the segmenter. */
  readonly dateline: boolean;
  /** A byline ("By Jane Example"). */
  readonly byline: boolean;
  /** A known outlet named as the source. */
  readonly outlet: boolean;
  /** At least QUOTES_PER_10K quotation marks per 10,000 characters: reported speech. */
  readonly quotes: boolean;
  /** Paragraphs of prose (long lines of words), not code, logs or lists. */
  readonly prose: boolean;
}

/** Bytes read from each sampled file: the head holds the headline, dateline and byline. */
const SNIFF_BYTES = 32 * 1024;
const QUOTES_PER_10K = 4;
/** Mean length of non-empty lines above which a text reads as paragraphs. */
const PROSE_LINE_CHARS = 60;
/** Files sampled per folder, and the walk's bounds (a huge tree is not listed whole for a question). */
const SAMPLE = 8;
const MAX_LISTED = 20_000;
const SKIPPED = new Set(['.git', 'node_modules', '.newslens', '.hg', '.svn', '.vscode']);

export function sniffText(text: string): SniffSignals {
  const layout = segmentArticles(text);
  const marks = (text.match(/[“”«»„"]/g) ?? []).length;
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const meanLine = lines.length ? lines.reduce((n, l) => n + l.length, 0) / lines.length : 0;
  const wordy = lines.filter((l) => /^[\p{Lu}\p{N}"“'‘(]/u.test(l.trim()) && /[.!?"”’]\s*$/u.test(l)).length >= Math.min(3, lines.length);
  return {
    dateline: layout.articles.some((a) => a.date !== null),
    byline: layout.articles.some((a) => a.authors.length > 0),
    outlet: layout.articles.some((a) => a.source !== null),
    quotes: text.length > 0 && (marks * 10_000) / text.length >= QUOTES_PER_10K,
    prose: meanLine >= PROSE_LINE_CHARS && wordy,
  };
}

/** A file reads as news: prose, and a dateline, byline or outlet, or reported speech. */
export function looksLikeNews(s: SniffSignals): boolean {
  return s.prose && (s.dateline || s.byline || s.outlet || s.quotes);
}

export interface FolderSniff {
  /** `.txt` files found below the folder (counted up to the walk's bound). */
  readonly txtFiles: number;
  readonly sampled: number;
  readonly newsLike: number;
  /** Whether most sampled files look like news. */
  readonly looksLikeNews: boolean;
  /** The `.txt` files found, relative to the folder, `/`-separated (for the caller's glob check). */
  readonly relativePaths: readonly string[];
}

/** Lists the `.txt` files below a folder (no symbolic links, no version-control or dependency folders) and sniffs a spread of them. */
export async function sniffFolder(folder: string): Promise<FolderSniff> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    if (found.length >= MAX_LISTED) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isSymbolicLink()) continue;
      if (e.isDirectory() && !SKIPPED.has(e.name)) await walk(full);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.txt')) found.push(full);
      if (found.length >= MAX_LISTED) return;
    }
  };
  await walk(folder);
  // A spread through the list, not its first files: one subfolder of notes must not decide for all.
  const step = Math.max(1, Math.floor(found.length / SAMPLE));
  const sample = found.filter((_, i) => i % step === 0).slice(0, SAMPLE);
  let newsLike = 0;
  for (const file of sample) {
    try {
      const handle = await fs.open(file, 'r');
      try {
        const buffer = Buffer.alloc(SNIFF_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
        if (looksLikeNews(sniffText(decodeArticleFile(buffer.subarray(0, bytesRead))))) newsLike++;
      } finally {
        await handle.close();
      }
    } catch {
      // unreadable: not counted as news
    }
  }
  return {
    txtFiles: found.length,
    sampled: sample.length,
    newsLike,
    looksLikeNews: sample.length > 0 && newsLike * 2 > sample.length,
    relativePaths: found.map((f) => path.relative(folder, f).split(path.sep).join('/')),
  };
}
