import type { Span } from '../model';

/**
 * Finds quoted stretches by pairing quotation marks, one paragraph at a time:
 * - curly “…” and straight "…" double quotes (a straight mark's role comes from the spaces around it);
 * - a quote left open at the end of a paragraph continues when the next paragraph opens with a mark
 *   (the news convention for quotes over several paragraphs); otherwise it ends with its paragraph, so an
 *   unbalanced mark never swallows the rest of the article;
 * - single quotes ‘…’ inside a double-quoted stretch are nested and stay part of it; outside double quotes
 *   (headlines, British style) curly ‘…’ pairs are stretches of their own; straight '…' only in headlines.
 */

export interface QuoteStretch {
  /** Offset of the opening mark, or the sentence start for a closing mark that was never opened. */
  readonly start: number;
  /** Offset just after the closing mark, or the (trimmed) end of the paragraph for a quote never closed. */
  readonly end: number;
  /** The quoted words, marks excluded: one piece per paragraph the quote runs over. */
  readonly pieces: readonly Span[];
  readonly closed: boolean;
  /** False for a stretch reconstructed from a lone closing mark. */
  readonly opened: boolean;
  readonly single: boolean;
  /** Index into the paragraph list given to `findStretches` of the first and last paragraph. */
  readonly firstBlock: number;
  readonly lastBlock: number;
}

/** A closing mark with no opening mark before it in its paragraph. */
export interface StrayCloser {
  readonly offset: number;
  readonly block: number;
}

type Role = 'open' | 'close' | 'either';

interface Mark {
  readonly offset: number;
  readonly role: Role;
}

const DOUBLE_MARKS = /["“”„«»]/g;
const SINGLE_MARKS = /[‘’]/g;
const SINGLE_MARKS_STRAIGHT = /[‘’']/g;
const OPEN_CONTEXT = /[\s([{—–\-/:;…]/;
const CLOSE_CONTEXT = /[\s)\]}.,;:!?—–\-…]/;

function doubleMarkRole(text: string, i: number, from: number, to: number): Role | null {
  const c = text[i];
  if (c !== '"' && c !== '“' && c !== '”' && c !== '„' && c !== '«' && c !== '»') return null;
  const prev = i > from ? text[i - 1] : '';
  const next = i + 1 < to ? text[i + 1] : '';
  const spaceBefore = prev === '' || OPEN_CONTEXT.test(prev);
  const spaceAfter = next === '' || CLOSE_CONTEXT.test(next);
  if (c === '“' || c === '„' || c === '«') {
    // A typographic opening mark used as a closer ("…here,“ said Jim Clyburn") sits after a word, before a space.
    return !spaceBefore && spaceAfter && /[\p{L}\p{N}.,!?…]/u.test(prev) ? 'close' : 'open';
  }
  if (c === '”' || c === '»') return spaceBefore && !spaceAfter && /[\p{L}\p{N}]/u.test(next) && prev !== '' && /\s/.test(prev) ? 'open' : 'close';
  if (spaceBefore && !spaceAfter) return 'open';
  if (!spaceBefore && spaceAfter) return 'close';
  return 'either';
}

function singleMarkRole(text: string, i: number, from: number, to: number, allowStraight: boolean): Role | null {
  const c = text[i];
  if (c !== '‘' && c !== '’' && !(allowStraight && c === "'")) return null;
  const prev = i > from ? text[i - 1] : '';
  const next = i + 1 < to ? text[i + 1] : '';
  const spaceBefore = prev === '' || /[\s([{—–“"]/.test(prev);
  const spaceAfter = next === '' || /[\s)\]}.,;:!?—–”"]/.test(next);
  // A mark between letters is an apostrophe (it’s, Russia’s); one after a space before a letter opens.
  if (c === '‘') return spaceBefore ? 'open' : null;
  if (spaceBefore && !spaceAfter && /[\p{L}\p{N}]/u.test(next)) return c === "'" ? 'open' : null;
  if (!spaceBefore && spaceAfter) return 'close';
  return null;
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

const hasWord = (text: string, span: Span): boolean => /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end));

interface OpenQuote {
  start: number;
  /** Straight or typographic: a pair of the other kind inside is nested, not a new quote. */
  kind: 'straight' | 'curly';
  pieceStart: number;
  pieces: Span[];
  firstBlock: number;
}

/**
 * Quoted stretches of `blocks` (paragraphs in reading order; `continuable[k]` false for blocks such as the
 * headline that a quote may not run into or out of). Results are sorted by start.
 */
export function findStretches(text: string, blocks: readonly Span[], continuable: readonly boolean[]): { stretches: QuoteStretch[]; strays: StrayCloser[] } {
  const stretches: QuoteStretch[] = [];
  const strays: StrayCloser[] = [];
  let carried: OpenQuote | null = null;

  const finishUnclosed = (open: OpenQuote, lastBlock: number, end: number): void => {
    const piece = trimSpan(text, open.pieceStart, end);
    const pieces = piece.end > piece.start ? [...open.pieces, piece] : open.pieces;
    if (!pieces.some((p) => hasWord(text, p))) return;
    stretches.push({
      start: open.start,
      end: pieces[pieces.length - 1].end,
      pieces,
      closed: false,
      opened: true,
      single: false,
      firstBlock: open.firstBlock,
      lastBlock,
    });
  };

  for (let b = 0; b < blocks.length; b++) {
    const { start: from, end: to } = blocks[b];
    const marks: Mark[] = [];
    // Jump from mark to mark: a loop over every character is slow while the code is still cold.
    DOUBLE_MARKS.lastIndex = from;
    for (let m = DOUBLE_MARKS.exec(text); m !== null && m.index < to; m = DOUBLE_MARKS.exec(text)) {
      const role = doubleMarkRole(text, m.index, from, to);
      if (role) marks.push({ offset: m.index, role });
    }

    let open: OpenQuote | null = null;
    let firstMark = 0;
    if (carried) {
      const lead = trimSpan(text, from, to).start;
      const first = marks[0];
      // A transcript's next speaker ("PENCE: …") opens a new quote even after an unclosed one.
      const newSpeaker = first ? /^[A-Z][A-Z.’' -]{1,38}:\s/.test(text.slice(first.offset + 1, first.offset + 42)) : false;
      if (continuable[b] && first && first.offset === lead && first.role !== 'close' && !newSpeaker) {
        // The paragraph opens with a mark: the quote of the previous paragraph goes on.
        open = carried;
        open.pieceStart = first.offset + 1;
        firstMark = 1;
      } else {
        const previous = blocks[b - 1];
        finishUnclosed(carried, b - 1, previous.end);
      }
      carried = null;
    }

    const doubleSpans: Span[] = [];
    let nested: 'straight' | 'curly' | null = null;
    for (let k = firstMark; k < marks.length; k++) {
      const mark = marks[k];
      const kind = text[mark.offset] === '"' ? 'straight' : 'curly';
      if (open && open.kind !== kind) {
        // "PENCE: … an episode of “Shark Tank.” But …": the other kind of mark nests inside the open quote.
        const closesMain = !nested && /^(?:$|[\s,.;:!?)\]—–])/.test(text.slice(mark.offset + 1, mark.offset + 2));
        const nestedRole = mark.role === 'either' ? (nested ? 'close' : closesMain ? 'close' : 'open') : mark.role;
        if (nestedRole === 'open' && !nested) {
          nested = kind;
          continue;
        }
        if (nestedRole === 'close' && nested === kind) {
          nested = null;
          continue;
        }
        if (nestedRole === 'open') continue;
        // A closing mark of the other kind with nothing nested: mismatched marks ("…”) close the quote.
      }
      const role = mark.role === 'either' ? (open ? 'close' : 'open') : mark.role;
      if (role === 'open') {
        if (open) {
          // A second opening mark while one is open: the first was never closed; it ends here.
          finishUnclosed(open, b, mark.offset);
          doubleSpans.push({ start: open.start, end: mark.offset });
        }
        open = { start: mark.offset, kind, pieceStart: mark.offset + 1, pieces: [], firstBlock: b };
        nested = null;
      } else if (open) {
        const piece = trimSpan(text, open.pieceStart, mark.offset);
        const pieces = piece.end > piece.start ? [...open.pieces, piece] : open.pieces;
        if (pieces.some((p) => hasWord(text, p))) {
          stretches.push({
            start: open.start,
            end: mark.offset + 1,
            pieces,
            closed: true,
            opened: true,
            single: false,
            firstBlock: open.firstBlock,
            lastBlock: b,
          });
        }
        doubleSpans.push({ start: Math.max(open.start, from), end: mark.offset + 1 });
        open = null;
        nested = null;
      } else {
        strays.push({ offset: mark.offset, block: b });
      }
    }
    if (open) {
      const next = blocks[b + 1];
      if (next && continuable[b] && continuable[b + 1]) {
        const piece = trimSpan(text, open.pieceStart, to);
        if (piece.end > piece.start) open.pieces.push(piece);
        // The piece is taken: if the quote does not go on, nothing more of this paragraph is added.
        open.pieceStart = to;
        carried = open;
      } else {
        finishUnclosed(open, b, to);
      }
      doubleSpans.push({ start: Math.max(open.start, from), end: to });
    }

    findSingleStretches(text, b, from, to, !continuable[b], doubleSpans, stretches);
  }
  if (carried) finishUnclosed(carried, blocks.length - 1, blocks[blocks.length - 1].end);

  stretches.sort((a, b) => a.start - b.start);
  return { stretches, strays };
}

/** Single-quoted stretches that lie outside every double-quoted one (nested ones belong to their quote). */
function findSingleStretches(text: string, block: number, from: number, to: number, allowStraight: boolean, doubleSpans: readonly Span[], out: QuoteStretch[]): void {
  let openAt = -1;
  let d = 0;
  // Jump from mark to mark (a loop over every character is slow while the code is still cold). A
  // double-quoted stretch passed over, or holding the mark, ends the single quote opened before it.
  let passed = from;
  const marks = allowStraight ? SINGLE_MARKS_STRAIGHT : SINGLE_MARKS;
  marks.lastIndex = from;
  for (let m = marks.exec(text); m !== null && m.index < to; m = marks.exec(text)) {
    const i = m.index;
    while (d < doubleSpans.length && doubleSpans[d].end <= i) {
      if (doubleSpans[d].end > Math.max(doubleSpans[d].start, passed)) openAt = -1;
      d++;
    }
    passed = i + 1;
    if (d < doubleSpans.length && doubleSpans[d].start <= i) {
      openAt = -1;
      passed = marks.lastIndex = doubleSpans[d].end;
      continue;
    }
    const role = singleMarkRole(text, i, from, to, allowStraight);
    if (!role) continue;
    if (role === 'open') openAt = i;
    else if (role === 'close' && openAt >= 0) {
      const piece = trimSpan(text, openAt + 1, i);
      // At most a sentence or two: a long stretch between single marks is more likely apostrophes gone wrong.
      if (hasWord(text, piece) && piece.end - piece.start <= 400) {
        out.push({ start: openAt, end: i + 1, pieces: [piece], closed: true, opened: true, single: true, firstBlock: block, lastBlock: block });
      }
      openAt = -1;
    }
  }
}
