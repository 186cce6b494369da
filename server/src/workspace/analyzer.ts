import { AnalysisCancelled, ArticleCache, analyzeDocument, DocumentMemo } from '../core/analyze';
import { NO_CORRECTIONS, type CorrectionLayer } from '../core/corrections';
import type { ArticleAnalysis, DocumentModel, Span } from '../core/model';
import { FileView } from './fileView';
import { fileNameOf } from '../util/uri';
import { WARM_UP_SAMPLE } from './warmUpSample';

/** Gives the event loop a turn, so requests and newer edits are heard between slices of analysis. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface AnalysisRequest {
  readonly uri: string;
  readonly text: string;
  readonly version: number | null;
  /** Files above this many megabytes get the layout only. */
  readonly maxFileSizeMB: number;
  /** Checked between slices and between articles: a newer edit, a closed document, a cancelled index. */
  readonly isStale: () => boolean;
  /**
   * Whether new articles go into the shared article cache (the default: open documents, whose next
   * version reuses them). The workspace index only reads it (a file just closed is found there) and
   * keeps what it analyses for that file alone, so reading thousands of files does not fill the
   * shared cache, nor keep their texts alive through it.
   */
  readonly sharedCache?: boolean;
  /** The document's memo, for a document analysed version after version (an open one). */
  readonly memo?: DocumentMemo;
}

/**
 * Runs the core on text, one time slice at a time, with one article cache shared by every document
 * (open or on disk), so an edit re-analyses only the articles it touched and identical articles in
 * different files are analysed once. Also applies the correction layer (user annotations).
 */
export class Analyzer {
  readonly cache = new ArticleCache();
  private correctionLayer: CorrectionLayer = NO_CORRECTIONS;

  constructor(private readonly sliceMs = 40) {}

  get corrections(): CorrectionLayer {
    return this.correctionLayer;
  }

  set corrections(layer: CorrectionLayer) {
    this.correctionLayer = layer;
  }

  /**
   * Runs the core on made-up articles (`WARM_UP_SAMPLE`), as a document just opened is analysed (its
   * layout, the articles of the screen, then the whole text), so the lazy parts (lexicons, gazetteers,
   * the JIT's first tiers) are ready before the first real document: the server calls it before it
   * reads its first message. Throwaway caches: nothing of the sample stays.
   */
  warmUp(): void {
    try {
      for (let round = 0; round < WARM_UP_ROUNDS; round++) {
        const memo = new DocumentMemo();
        const cache = new ArticleCache();
        analyzeDocument(WARM_UP_SAMPLE, { maxFullAnalysisLength: -1, memo });
        analyzeDocument(WARM_UP_SAMPLE, { cache, memo, onlyArticlesOverlapping: { start: 0, end: 1 } });
        analyzeDocument(WARM_UP_SAMPLE, { cache, memo });
      }
    } catch {
      // A failure here shows up again, and is reported, on the first real document.
    }
  }

  /**
   * Runs the edit path (memo, incremental segmentation, relinking, moving the later articles) on a piece
   * of an opened document, with a throwaway memo, so the user's first edits do not pay for cold code
   * (50–120 ms each before). Reads the shared article cache and adds nothing to it. Given as steps, so
   * the caller runs one per turn of the event loop and a request arriving meanwhile waits for one step only.
   */
  warmEditPath(text: string): (() => void)[] {
    // A few articles' worth, cut at a blank line: enough to run every step, cheap to analyse.
    let end = Math.min(text.length, WARM_EDIT_SAMPLE_CHARS);
    if (end < text.length) {
      const blank = text.lastIndexOf('\n\n', end);
      if (blank > 0) end = blank;
    }
    const sample = text.slice(0, end);
    // An edit as typing makes them, early in the sample so the articles after it move: a character in, then out again.
    const at = sample.indexOf(' ', sample.length >> 3);
    if (at < 0) return [];
    const memo = new DocumentMemo();
    const cache = new ReadThroughCache(this.cache);
    const typed = `${sample.slice(0, at)}x${sample.slice(at)}`;
    return [sample, typed, sample].map((version) => () => {
      try {
        analyzeDocument(version, { cache, memo });
      } catch {
        // A failure here shows up again, and is reported, on the real edit.
      }
    });
  }

  /** Analyses text into a view, or undefined when the request went stale first. */
  async analyze(request: AnalysisRequest): Promise<FileView | undefined> {
    const maxLength = Math.floor(request.maxFileSizeMB * 1024 * 1024);
    const cache = request.sharedCache === false ? new ReadThroughCache(this.cache) : this.cache;
    const raw = await this.analyzeInSlices(request.text, maxLength, request.isStale, cache, request.memo);
    if (!raw) return undefined;
    const notice = raw.layoutOnly ? layoutOnlyNotice(request.uri, request.text.length, request.maxFileSizeMB) : undefined;
    return this.view(request.uri, request.text, raw, request.version, notice);
  }

  /**
   * The layout of a text (articles, sections, boilerplate) without its NLP, for the outline and
   * folding of a document just opened. Synchronous: segmentation is a few milliseconds. With the
   * document's memo, the analyses after it find the lines classified (the same text: nothing to redo).
   */
  layoutView(uri: string, text: string, version: number | null, memo?: DocumentMemo): FileView {
    return this.view(uri, text, analyzeDocument(text, { maxFullAnalysisLength: -1, ...(memo ? { memo } : {}) }), version);
  }

  /**
   * A view in which only the articles overlapping `span` are analysed (through the shared article
   * cache, so the full analysis reuses them): what an editor shows first of a document just opened.
   */
  partialView(uri: string, text: string, version: number | null, span: Span, memo?: DocumentMemo): FileView {
    return this.view(uri, text, analyzeDocument(text, { cache: this.cache, onlyArticlesOverlapping: span, ...(memo ? { memo } : {}) }), version);
  }

  /** A view of an already analysed model with the current corrections applied (cheap: no NLP). */
  view(uri: string, text: string, raw: DocumentModel, version: number | null, notice?: string): FileView {
    return new FileView(uri, text, this.correctedModel(uri, text, raw), raw, version, notice);
  }

  /** The machine's model with the current corrections applied (`raw` itself when none applies). */
  correctedModel(uri: string, text: string, raw: DocumentModel): DocumentModel {
    try {
      return this.correctionLayer.apply(uri, text, raw);
    } catch {
      // A broken correction layer must not hide the machine's analysis.
      return raw;
    }
  }

  /**
   * `analyzeDocument` is synchronous; to keep the server responsive it is stopped (through its
   * `isCancelled` hook) once a slice has used its time, and run again after a turn of the event loop.
   * The article cache makes the rerun resume where the last slice stopped; every slice gets at least
   * one new article done, so it always ends.
   */
  private async analyzeInSlices(text: string, maxFullAnalysisLength: number, isStale: () => boolean, cache: ArticleCache, memo?: DocumentMemo): Promise<DocumentModel | undefined> {
    let furthest = -1;
    for (;;) {
      if (isStale()) return undefined;
      const sliceStart = Date.now();
      let layoutMs = -1;
      let article = 0;
      try {
        return analyzeDocument(text, {
          cache,
          memo,
          maxFullAnalysisLength,
          isCancelled: () => {
            const index = article++;
            const now = Date.now();
            // The time to the first check is segmentation, repeated by every slice: let each slice run
            // several times longer than that, so re-segmentation never dominates.
            if (layoutMs < 0) layoutMs = now - sliceStart;
            if (index <= furthest) return false;
            if (now - sliceStart > Math.max(this.sliceMs, 3 * layoutMs)) {
              furthest = index;
              return true;
            }
            return false;
          },
        });
      } catch (e) {
        if (!(e instanceof AnalysisCancelled)) throw e;
      }
      await yieldToEventLoop();
    }
  }
}

/** A cache of one analysis that also finds what the shared cache holds, and adds nothing to it. */
class ReadThroughCache extends ArticleCache {
  constructor(private readonly shared: ArticleCache) {
    super();
  }

  override get(key: string): ArticleAnalysis | undefined {
    return super.get(key) ?? this.shared.get(key);
  }
}

/** How much of an opened document the edit-path warm-up analyses. */
const WARM_EDIT_SAMPLE_CHARS = 10_000;

/**
 * How many times the warm-up analyses its sample: a second round finds the functions of the first one
 * compiled and runs more of them in the JIT's faster tiers (measured in the README, issue 14).
 */
const WARM_UP_ROUNDS = 2;

/** The one message of a file above `newsLens.maxFileSizeMB` (analysed here or on a worker thread). */
export function layoutOnlyNotice(uri: string, textLength: number, maxFileSizeMB: number): string {
  return `News Lens: ${fileNameOf(uri)} is ${(textLength / (1024 * 1024)).toFixed(1)} MB, above newsLens.maxFileSizeMB (${maxFileSizeMB}): only the outline is shown.`;
}
