import type { Span } from '../model';
import { classifyLines, type LineFacts } from './classify';
import { findTopicShift } from './cohesion';
import { splitLines, splitLinesAfterEdit, type TextLine } from './lines';

/** Characters compared at once when looking for the edited stretch between two versions. */
const COMPARE_BLOCK = 4096;

/**
 * How a new version of a text differs from the old one: `[prefix, suffixStart)` of the new text replaced the old one's `[prefix,
 * suffixStart - delta)`.
 */
export interface EditedStretch {
  /** Length of the common beginning. */
  readonly prefix: number;
  /** Where the common ending starts in the new text. */
  readonly suffixStart: number;
  /** New length minus old length: what an offset after the edit moved by. */
  readonly delta: number;
}

export function editedStretch(old: string, text: string): EditedStretch {
  const max = Math.min(old.length, text.length);
  let prefix = 0;
  let suffix = 0;
  // Block by block first (a native string comparison), then character by character.
  while (prefix + COMPARE_BLOCK <= max && old.slice(prefix, prefix + COMPARE_BLOCK) === text.slice(prefix, prefix + COMPARE_BLOCK)) prefix += COMPARE_BLOCK;
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  while (suffix + COMPARE_BLOCK <= max - prefix && old.slice(old.length - suffix - COMPARE_BLOCK, old.length - suffix) === text.slice(text.length - suffix - COMPARE_BLOCK, text.length - suffix))
    suffix += COMPARE_BLOCK;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { prefix, suffixStart: text.length - suffix, delta: text.length - old.length };
}

/**
 * Where a stretch of the new text was in the old one when the edit left it as it was (it lies wholly
 * before or wholly after the edited stretch), else -1.
 */
export function offsetBeforeEdit(stretch: EditedStretch, span: Span): number {
  return span.end <= stretch.prefix ? span.start : span.start >= stretch.suffixStart ? span.start - stretch.delta : -1;
}

export type TopicShiftFinder = (paragraphs: readonly Span[], blocked: ReadonlySet<number>) => number;

/** One seam search: its paragraphs' starts and lengths (in the text searched), its blocked paragraphs (as `blockedKey`), its answer. */
interface SeamSearch {
  readonly starts: Int32Array;
  readonly lengths: Int32Array;
  readonly blocked: string;
  readonly seam: number;
}

function blockedKey(blocked: ReadonlySet<number>): string {
  return blocked.size ? [...blocked].sort((a, b) => a - b).join(',') : '';
}

/** Whether `paragraphs` are those of an earlier search, each left where it was by the edit (numbers compared: no key strings per edit). */
function sameParagraphsBeforeEdit(stretch: EditedStretch, paragraphs: readonly Span[], old: SeamSearch): boolean {
  if (paragraphs.length !== old.starts.length) return false;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const at = offsetBeforeEdit(stretch, p);
    if (at < 0 || at !== old.starts[i] || p.end - p.start !== old.lengths[i]) return false;
  }
  return true;
}

/**
 * What the last segmentation of one document computed, kept by its caller from one version of the
 * text to the next: the next version reuses the facts of every line the edit left as it was and the
 * topic seams of every article whose paragraphs it left as they were, so an edit re-classifies a few
 * lines, not the whole text. The walk over the lines still runs in full (it is cheap), so the layout
 * is the one a segmentation from scratch gives.
 */
export class SegmentationMemo {
  private text: string | null = null;
  private lines: readonly TextLine[] = [];
  private ownFacts: readonly Readonly<LineFacts>[] = [];
  /** Seam searches of the last text, by the start of their first paragraph (a draft cut at a seam is searched again from the same one). */
  private seams = new Map<number, SeamSearch[]>();

  /** Lines, classified, and the seam finder for `text`, reusing what `text` shares with the last text. */
  prepare(text: string): { lines: TextLine[]; facts: LineFacts[]; topicShift: TopicShiftFinder } {
    const old = this.text;
    const stretch = old === null ? { prefix: 0, suffixStart: text.length, delta: 0 } : editedStretch(old, text);
    const { prefix, suffixStart, delta } = stretch;
    const oldLines = this.lines;
    const lines = old === null ? splitLines(text) : splitLinesAfterEdit(text, oldLines, prefix, suffixStart, delta);
    const oldFacts = this.ownFacts;
    const lineShift = oldLines.length - lines.length;
    /** Where an unchanged stretch of the new text was in the old one, or -1 when the edit touches it. */
    const oldOffset = (start: number, end: number): number => (end < prefix ? start : start > suffixStart ? start - delta : -1);
    const known = (i: number): Readonly<LineFacts> | undefined => {
      if (old === null) return undefined;
      const line = lines[i];
      // A line is unchanged when it and the break after it lie before the edit, or it and the break
      // before it lie after the edit (its bounds are then those of the old line, shifted).
      const at = oldOffset(line.start, line.end);
      if (at < 0) return undefined;
      const j = line.end < prefix ? i : i + lineShift;
      const before = oldLines[j];
      return before && before.start === at && before.end - before.start === line.end - line.start ? oldFacts[j] : undefined;
    };
    let ownFacts: readonly Readonly<LineFacts>[] = [];
    const facts = classifyLines(text, lines, known, (own) => {
      ownFacts = own;
    });
    // Only a complete classification is kept: facts, lines and text always belong together.
    this.text = text;
    this.lines = lines;
    this.ownFacts = ownFacts;
    const oldSeams = this.seams;
    const seams = new Map<number, SeamSearch[]>();
    this.seams = seams;
    const topicShift: TopicShiftFinder = (paragraphs, blocked) => {
      if (!paragraphs.length) return findTopicShift(text, paragraphs, blocked);
      const key = blockedKey(blocked);
      // The seam search reads only the paragraphs' own text: the same paragraphs, where the edit left them, give the same seam.
      const earlier = old === null ? undefined : oldSeams.get(offsetBeforeEdit(stretch, paragraphs[0]));
      const same = earlier?.find((e) => e.blocked === key && sameParagraphsBeforeEdit(stretch, paragraphs, e));
      const seam = same ? same.seam : findTopicShift(text, paragraphs, blocked);
      // Copies: the search is compared with the next version's paragraphs after this layout is handed out.
      const starts = new Int32Array(paragraphs.length);
      const lengths = new Int32Array(paragraphs.length);
      for (let i = 0; i < paragraphs.length; i++) {
        starts[i] = paragraphs[i].start;
        lengths[i] = paragraphs[i].end - paragraphs[i].start;
      }
      const search: SeamSearch = { starts, lengths, blocked: key, seam };
      const list = seams.get(paragraphs[0].start);
      if (list) list.push(search);
      else seams.set(paragraphs[0].start, [search]);
      return seam;
    };
    return { lines, facts, topicShift };
  }
}
