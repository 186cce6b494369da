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
  const length = text.length;
  // Next LF and next CR, found natively and refreshed only once passed.
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  let start = 0;
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
    if (end >= length) break;
    // CRLF is one break; a lone CR or LF is one break.
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return lines;
}
