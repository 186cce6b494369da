import type { Span } from './model';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * Converts UTF-16 offsets to zero-based line/character positions and back.
 * Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP.
 * Keeps only where each line starts and where its content ends (typed arrays), never the text:
 * an index can outlive the text it was built from (files of the workspace index drop theirs).
 */
export class LineIndex {
  private readonly lineStarts: Uint32Array;
  /** Offset of the end of each line's content, before its line break. */
  private readonly lineEnds: Uint32Array;
  private readonly textLength: number;

  constructor(text: string) {
    const starts = [0];
    const ends: number[] = [];
    // Most texts break lines with \n only: the native search then finds each break (an edit of a 1 MB file
    // builds a new index for its new version).
    const lfOnly = text.indexOf('\r') < 0;
    if (lfOnly) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        ends.push(i);
        starts.push(i + 1);
      }
    }
    for (let i = 0; !lfOnly && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        ends.push(i);
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        ends.push(i);
        starts.push(i + 1);
      }
    }
    ends.push(text.length);
    this.lineStarts = Uint32Array.from(starts);
    this.lineEnds = Uint32Array.from(ends);
    this.textLength = text.length;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.textLength));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.textLength;
    const lineStart = this.lineStarts[position.line];
    const lineEnd = this.lineEndOffset(position.line);
    return Math.max(lineStart, Math.min(lineStart + position.character, lineEnd));
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEndOffset(line: number): number {
    return this.lineEnds[Math.max(0, Math.min(line, this.lineEnds.length - 1))];
  }

  lineStartOffset(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  spanOf(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }
}
