/** Lines of a text (LF, CRLF or lone CR), with their trimmed content bounds. Linear, allocation-light. */

export interface TextLine {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset just past the line's last character (the line break excluded). */
  readonly end: number;
  /** Offsets of the first and just-past-last non-whitespace characters; equal when the line is blank. */
  readonly contentStart: number;
  readonly contentEnd: number;
}

/** Whitespace, including the no-break space, the BOM and the zero-width/typographic spaces scrapes carry. */
export function isSpaceCode(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 11 ||
    code === 12 ||
    code === 0xa0 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0x1680 ||
    code === 0x180e
  );
}

export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  splitLinesFrom(text, 0, text.length + 1, lines);
  return lines;
}

/**
 * Appends to `lines` the lines of `text` from the line starting at `start` on, until one starts at or past
 * `until` (or the text ends); returns where the line after the last one appended starts (-1 at the end).
 */
function splitLinesFrom(text: string, start: number, until: number, lines: TextLine[]): number {
  const length = text.length;
  // Next LF and next CR, found natively and refreshed only once passed.
  let nextLf = text.indexOf('\n', start);
  let nextCr = text.indexOf('\r', start);
  for (;;) {
    if (nextLf >= 0 && nextLf < start) nextLf = text.indexOf('\n', start);
    if (nextCr >= 0 && nextCr < start) nextCr = text.indexOf('\r', start);
    let end = length;
    if (nextLf >= 0) end = nextLf;
    if (nextCr >= 0 && nextCr < end) end = nextCr;
    let contentStart = start;
    while (contentStart < end && isSpaceCode(text.charCodeAt(contentStart))) contentStart++;
    let contentEnd = end;
    while (contentEnd > contentStart && isSpaceCode(text.charCodeAt(contentEnd - 1))) contentEnd--;
    lines.push({ start, end, contentStart, contentEnd });
    if (end >= length) return -1;
    // CRLF is one break; a lone CR or LF is one break.
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    if (start >= until) return start;
  }
}

/**
 * `splitLines(text)` for a text that differs from `old` (split into `oldLines`) only in `[prefix, suffixStart)`
 * (old offsets after it moved by `delta`): the lines well before the edit are the old objects, those well after
 * it the old ones moved, and only the lines around the edit are split again (issue 14: an edit of a 1 MB text
 * re-split all its 20,000 lines).
 */
export function splitLinesAfterEdit(text: string, oldLines: readonly TextLine[], prefix: number, suffixStart: number, delta: number): TextLine[] {
  // Lines that end, with a break of up to two characters, before the edit are the same lines.
  let kept = 0;
  while (kept < oldLines.length && oldLines[kept].end + 2 <= prefix) kept++;
  if (kept === oldLines.length) return splitLines(text);
  const lines = oldLines.slice(0, kept);
  // Old lines whose start, and the break of up to two characters before it, lie after the edit: the same lines, moved.
  const oldSuffixStart = suffixStart - delta;
  let moved = oldLines.length;
  while (moved > kept && oldLines[moved - 1].start - 2 >= oldSuffixStart) moved--;
  // The first line not kept starts before the edit (its break lies there), where it started in the old text.
  const from = oldLines[kept].start;
  if (moved >= oldLines.length) {
    splitLinesFrom(text, from, text.length + 1, lines);
    return lines;
  }
  const resume = oldLines[moved].start + delta;
  const next = splitLinesFrom(text, from, resume, lines);
  // The split again must meet a moved line's start; anything else (not expected) is split to the end.
  if (next !== resume) {
    if (next >= 0) splitLinesFrom(text, next, text.length + 1, lines);
    return lines;
  }
  for (let i = moved; i < oldLines.length; i++) {
    const l = oldLines[i];
    lines.push(delta === 0 ? l : { start: l.start + delta, end: l.end + delta, contentStart: l.contentStart + delta, contentEnd: l.contentEnd + delta });
  }
  return lines;
}
