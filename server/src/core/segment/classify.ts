/**
 * Per-line facts for the segmenter: what each line looks like on its own (boilerplate, dateline,
 * byline, title-like, body), then three cheap passes that look at neighbours: separator lists
 * ("-" / item / "-" / item), repeated lines (a photo caption or headline printed twice), and
 * hard-wrapped paragraphs (a line that continues the previous one in lower case).
 */
import { DANGLING_WORDS, HEADLINE_MINOR_WORDS } from '../lexicon';
import type { BoilerplateKind } from '../model';
import { isSeparatorLine, matchBoilerplate } from './boilerplate';
import { parseByline, parseNameLine } from './bylines';
import { parseDateline, type Dateline } from './dateline';
import type { TextLine } from './lines';

export type LineRole =
  | 'blank'
  | 'boilerplate'
  | 'dateline'
  | 'byline'
  | 'location'
  | 'title' // short, no final sentence punctuation: a headline, a section heading, a name line or chrome
  | 'body'
  | 'continuation'; // continues the previous line's paragraph (hard-wrapped text)

export interface LineFacts {
  role: LineRole;
  /** For role 'boilerplate'. */
  boilerplate: BoilerplateKind | null;
  /** A paywall notice that heads each article. */
  startsArticle: boolean;
  /** Something that only follows an article (offer, comment form, contributor line). */
  endsArticle: boolean;
  /** A second copy of a nearby line. */
  duplicate: boolean;
  dateline: Dateline | null;
  authors: readonly string[] | null;
  source: string | null;
  location: string | null;
  /** A title-like line that is only personal names ("Ephrat Livni"). */
  nameLine: boolean;
  /** Most content words capitalised ("Russia and Iran Pledge Support…"). */
  titleCase: boolean;
  words: number;
  /** "X contributed reporting", "Reporting was contributed by …": the last line of an article. */
  contributor: boolean;
}

/** Title-like lines are at most this long. */
const MAX_TITLE_LENGTH = 200;
const MAX_TITLE_WORDS = 25;
/** Repeated lines shorter than this are not worth flagging (a lone "SHARE" twice is chrome anyway). */
const MIN_DUPLICATE_LENGTH = 20;
const MAX_DUPLICATE_LENGTH = 2_000;

const CONTRIBUTOR =
  /\bcontributed (?:reporting|research|to this (?:report|article|story))\b|^reporting was contributed by\b|^(?:with )?(?:additional )?reporting (?:by|from) \p{Lu}|^(?:compiled|written) with (?:reporting|input) from\b/iu;
const REPORTING_FROM = /^reporting from\s+(\p{Lu}.{1,80}?)[.\s]*$/iu;

/** Cheap gate before the contributor regex (it runs on every paragraph). */
function mayBeContributor(text: string): boolean {
  return text.includes('contribut') || text.includes('Contribut') || /^(?:with|additional|reporting|compiled|written)\b/i.test(text);
}

function lastLetterOrDigit(text: string): string {
  // Skip closing quotes and brackets: the punctuation before them decides.
  let i = text.length - 1;
  while (i >= 0 && /["”’'»)\]\s*]/.test(text[i])) i--;
  return i >= 0 ? text[i] : '';
}

/** The cheap part of the title test, before the line is split into words. */
function mayBeTitle(text: string): boolean {
  if (text.length < 2 || text.length > MAX_TITLE_LENGTH) return false;
  if (!/^["“‘'«(\[]?[\p{Lu}\p{N}]/u.test(text)) return false;
  const last = lastLetterOrDigit(text);
  return last !== '' && !'.,;:!-–—…'.includes(last);
}

/**
 * A line of a results table: a name with its country in brackets, then figures ("1. Ilke Wyludda ( Germany ) 66.60",
 * "Michael Chang ( U.S. ) beat Sergi Bruguera ( Spain ) 6-3 6-2"). Body text, never a heading: its names are names.
 */
const RESULT_LINE = /\(\s*\p{Lu}[\p{L}.'’ -]{1,30}\)[^\n]*?\d/u;

function isTitleLike(text: string, words: readonly string[]): boolean {
  if (words.length > MAX_TITLE_WORDS) return false;
  if (RESULT_LINE.test(text)) return false;
  const last = lastLetterOrDigit(text);
  // Two sentences ("What you should know. The Times…") make a paragraph.
  if (/\p{Ll}{2}[.!?]["”’]?\s+["“‘]?\p{Lu}/u.test(text)) return false;
  // A question ("What has Russia said?") is finished whatever its last word.
  if (last === '?') return true;
  const lastWord = words[words.length - 1].toLowerCase().replace(/[^\p{L}]/gu, '');
  return !DANGLING_WORDS.has(lastWord) || words.length === 1;
}

function isTitleCase(words: readonly string[]): boolean {
  let content = 0;
  let capitalised = 0;
  for (const raw of words) {
    const word = raw.replace(/^["“‘'«(\[]+/, '');
    if (!word) continue;
    if (HEADLINE_MINOR_WORDS.has(word.toLowerCase())) continue;
    content++;
    if (!/^\p{Ll}/u.test(word)) capitalised++;
  }
  return content >= 2 && capitalised / content >= 0.8;
}

function emptyFacts(role: LineRole): LineFacts {
  return {
    role,
    boilerplate: null,
    startsArticle: false,
    endsArticle: false,
    duplicate: false,
    dateline: null,
    authors: null,
    source: null,
    location: null,
    nameLine: false,
    titleCase: false,
    words: 0,
    contributor: false,
  };
}

function asBoilerplate(facts: LineFacts, kind: BoilerplateKind): void {
  facts.role = 'boilerplate';
  facts.boilerplate = kind;
}

/** What one line looks like on its own. */
function classifyLine(text: string): LineFacts {
  if (text.length === 0) return emptyFacts('blank');
  const facts = emptyFacts('body');
  if (isSeparatorLine(text)) {
    asBoilerplate(facts, 'other');
    return facts;
  }
  const rule = matchBoilerplate(text);
  if (rule) {
    asBoilerplate(facts, rule.kind);
    facts.startsArticle = rule.startsArticle;
    facts.endsArticle = rule.endsArticle;
    return facts;
  }
  if (text.length > MAX_TITLE_LENGTH * 2) return facts; // a long paragraph: nothing else to check
  const dateline = parseDateline(text);
  if (dateline) {
    facts.role = 'dateline';
    facts.dateline = dateline;
    facts.source = dateline.source;
    if (dateline.byText) facts.authors = parseByline(`By ${dateline.byText}`)?.authors ?? null;
    return facts;
  }
  const byline = parseByline(text);
  if (byline) {
    facts.role = 'byline';
    facts.authors = byline.authors;
    facts.source = byline.source;
    return facts;
  }
  const reporting = REPORTING_FROM.exec(text);
  if (reporting && text.length <= 100) {
    facts.role = 'location';
    facts.location = reporting[1].trim();
    return facts;
  }
  if (mayBeContributor(text) && CONTRIBUTOR.test(text)) {
    facts.contributor = true;
    facts.endsArticle = true;
    return facts;
  }
  if (!mayBeTitle(text)) return facts;
  const words = text.split(/\s+/);
  facts.words = words.length;
  if (isTitleLike(text, words)) {
    facts.role = 'title';
    facts.titleCase = isTitleCase(words);
    const names = parseNameLine(text);
    if (names) {
      facts.nameLine = true;
      facts.authors = names;
    }
  }
  return facts;
}

function lineText(text: string, line: TextLine): string {
  return text.slice(line.contentStart, line.contentEnd);
}

/**
 * Classifies every line, then applies the neighbourhood passes. `known(i)` may give the facts of a
 * line as classified on its own before (from an earlier version of the text: the line unchanged).
 * `onOwn` receives each line's own facts, before the passes change them (what `known` gives later).
 */
export function classifyLines(text: string, lines: readonly TextLine[], known?: (i: number) => Readonly<LineFacts> | undefined, onOwn?: (own: readonly Readonly<LineFacts>[]) => void): LineFacts[] {
  const own = lines.map((line, i) => known?.(i) ?? classifyLine(lineText(text, line)));
  onOwn?.(own);
  // The passes below change a few lines' facts: on a copy of those, so the own facts can be reused.
  const facts = own.slice() as LineFacts[];
  const writable = (i: number): LineFacts => (onOwn && facts[i] === own[i] ? (facts[i] = { ...own[i] }) : facts[i]);
  markSeparatorLists(text, lines, facts, writable);
  markDuplicates(text, lines, facts, writable);
  markTables(text, lines, facts, writable);
  markContinuations(text, lines, facts, writable);
  return facts;
}

/**
 * A figure of a results or standings table: a count, a score, a time, a rank or an ordinal ("3", "6-3", ".512", "2:03.4", "(58th)", "1/2").
 * A word of letters after digits is no figure ("10-year-old").
 */
const FIGURE = /^[(\[]?[\d.,:/-]*\d[\d.,:/-]*(?:st|nd|rd|th)?[)\],]*$/;
/** A table needs this many rows with figures… */
const MIN_TABLE_FIGURE_ROWS = 2;
/** …and that share of its rows at least (the rest: fixtures "CINCINNATI AT FLORIDA", lists of names, "England first innings"). */
const MIN_TABLE_FIGURE_SHARE = 0.4;

function hasFigure(line: string): boolean {
  if (!/\d/.test(line) || !/\p{L}{2}/u.test(line)) return false;
  for (const word of line.split(/\s+/)) if (FIGURE.test(word)) return true;
  return false;
}

/**
 * Results and standings tables ("Barnsley 3 Reading 0", "Norwich 2 1 0 1 3 3 3", "Saeed Anwar c Knight b Mullally 1"): in a run of
 * short lines (title-like, or body lines with figures such as "TEXAS 73 54 .575 -"), the stretch from the first row with figures to
 * the last, when enough of its rows have figures. Its title-like rows (headings and fixtures among them: "CENTRAL DIVISION",
 * "OAKLAND AT BOSTON") are body text, not headlines or page chrome, so their names are read as names.
 */
function markTables(text: string, lines: readonly TextLine[], facts: readonly LineFacts[], writable: Writable): void {
  let first = -1;
  let last = -1;
  let figures = 0;
  let rows = 0;
  let rowsToLast = 0;
  const close = (): void => {
    if (first >= 0 && figures >= MIN_TABLE_FIGURE_ROWS && figures >= MIN_TABLE_FIGURE_SHARE * rowsToLast) {
      for (let i = first; i <= last; i++) if (facts[i].role === 'title' && !facts[i].nameLine) writable(i).role = 'body';
    }
    first = last = -1;
    figures = rows = rowsToLast = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const fact = facts[i];
    if (fact.role === 'blank') continue;
    const title = fact.role === 'title' && !fact.nameLine;
    const length = lines[i].contentEnd - lines[i].contentStart;
    const figure = (title || (fact.role === 'body' && length <= MAX_TITLE_LENGTH)) && hasFigure(lineText(text, lines[i]));
    if (!title && !figure) {
      close();
      continue;
    }
    if (first >= 0) rows++;
    if (!figure) continue;
    if (first < 0) first = i;
    rows = Math.max(rows, 1);
    last = i;
    rowsToLast = rows;
    figures++;
  }
  close();
}

/** Gives line i's facts ready to be changed (a copy when they are shared with an earlier version). */
type Writable = (i: number) => LineFacts;

function isSeparator(text: string, line: TextLine, fact: LineFacts): boolean {
  return fact.role === 'boilerplate' && fact.boilerplate === 'other' && isSeparatorLine(lineText(text, line));
}

/**
 * "-" / item / "-" / item …: a link list (recipes, "more from" links, newsletter pitches) printed inline.
 * With two or more separators each followed by one item, the items are boilerplate: Title Case items
 * are links ('recipe'), sentence items are promotions ('subscription'). A lone separator (a scene
 * break) leaves the text after it alone.
 */
function markSeparatorLists(text: string, lines: readonly TextLine[], facts: readonly LineFacts[], writable: Writable): void {
  const content: number[] = [];
  for (let i = 0; i < lines.length; i++) if (facts[i].role !== 'blank') content.push(i);
  let k = 0;
  while (k < content.length) {
    if (!isSeparator(text, lines[content[k]], facts[content[k]])) {
      k++;
      continue;
    }
    // Collect separator/item pairs.
    const items: number[] = [];
    let j = k;
    while (j + 1 < content.length && isSeparator(text, lines[content[j]], facts[content[j]])) {
      const item = content[j + 1];
      if (isSeparator(text, lines[item], facts[item])) break;
      items.push(item);
      j += 2;
    }
    if (items.length >= 2) {
      const allTitles = items.every((i) => facts[i].role === 'title' || (facts[i].role === 'boilerplate' && facts[i].boilerplate === 'recipe'));
      const kind: BoilerplateKind = allTitles ? 'recipe' : 'subscription';
      for (let s = k; s < j; s++) {
        const i = content[s];
        const fact = facts[i];
        if (fact.role === 'boilerplate' && fact.boilerplate !== 'other') continue;
        asBoilerplate(writable(i), kind);
      }
    }
    k = Math.max(j, k + 1);
  }
}

/** A line equal to one of the three content lines before it is a second copy (caption or headline). */
function markDuplicates(text: string, lines: readonly TextLine[], facts: readonly LineFacts[], writable: Writable): void {
  const recent: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fact = facts[i];
    if (fact.role === 'blank') continue;
    const length = lines[i].contentEnd - lines[i].contentStart;
    const value = length >= MIN_DUPLICATE_LENGTH && length <= MAX_DUPLICATE_LENGTH ? lineText(text, lines[i]) : '';
    if (value && fact.role !== 'boilerplate' && recent.includes(value)) {
      // Kind decided by the segmenter: a repeated headline or a duplicated caption.
      const changed = writable(i);
      asBoilerplate(changed, 'caption-duplicate');
      changed.duplicate = true;
    }
    recent.push(value);
    if (recent.length > 3) recent.shift();
  }
}

/** Hard-wrapped text: a line that starts in lower case right below an unfinished line continues it. */
function markContinuations(text: string, lines: readonly TextLine[], facts: readonly LineFacts[], writable: Writable): void {
  for (let i = 1; i < lines.length; i++) {
    const fact = facts[i];
    const previous = facts[i - 1];
    if (fact.role !== 'body' && fact.role !== 'title') continue;
    if (previous.role !== 'body' && previous.role !== 'title' && previous.role !== 'continuation') continue;
    if (previous.contributor) continue;
    const line = lines[i];
    if (!/^\p{Ll}/u.test(text.slice(line.contentStart, line.contentStart + 2))) continue;
    const before = lines[i - 1];
    const last = lastLetterOrDigit(text.slice(Math.max(before.contentStart, before.contentEnd - 8), before.contentEnd));
    if ('.!?:'.includes(last)) continue;
    writable(i).role = 'continuation';
    if (previous.role === 'title') writable(i - 1).role = 'body';
  }
}
