/**
 * Dateline lines: a short line that is mostly a publication date (and maybe a time, a time zone,
 * a weekday, an outlet name, a section word, or a prefix such as "Updated"). Examples:
 *   The New York Times 2024-12-18 12:10:34
 *    date 2024-12-02 Politics
 *   Dec 02, 2024 02:20 PM IST
 *   Updated 3:04 PM EST, Mon December 2, 2024
 *   2 December 2024 · Saturday, January 18, 2025 · Published 17.12.2024, 09:30 CET
 * A body sentence that merely contains a date ("On December 1, 2024, the rebels…") is not a dateline:
 * once the date parts are removed, nothing but capitalised words and known prefixes may remain.
 * Every regex here is linear (no nested quantifiers) and runs on one short line.
 */
import { WEEKDAY_WORDS_LOWER } from '../lexicon';
import { findOutlet } from './outlets';

export interface Dateline {
  /** ISO `YYYY-MM-DD`. */
  readonly date: string;
  /** `HH:MM` on a 24-hour clock, or null when the line gives no time. */
  readonly time: string | null;
  /** Publisher named on the line (known outlets only), or null. */
  readonly source: string | null;
  /** "Updated …"/"Modified …": a later stamp, used only when no publication stamp is given. */
  readonly updated: boolean;
  /** Text after "by" on the line ("Posted on May 2, 2024 by Jane Doe"), for the byline parser. */
  readonly byText: string | null;
}

/** Longer lines are paragraphs, not datelines. */
export const MAX_DATELINE_LENGTH = 160;

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const ISO_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])/;
const MONTH_FIRST = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const DAY_FIRST = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(\\d{4})\\b`, 'i');
/** European numeric dates are day first: 17.12.2024; slashes are ambiguous (US vs. rest), only Y/M/D is taken. */
const DOTTED_DATE = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])/;
const YMD_SLASH = /(?<![\d/])(\d{4})\/(\d{1,2})\/(\d{1,2})(?![\d/])/;

const CLOCK = /(?<![\d:.])(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?\s?[Mm]\.?)?(?![\d:])/;
const HOUR_AMPM = /(?<![\d:.])(\d{1,2})\s*([AaPp])\.?\s?[Mm]\b\.?/;
const ZONE = /\b(?:IST|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|CT|AEST|AEDT|JST|KST|SGT|HKT|PKT|WIB|GST|AST)\b(?:\s*[+-]\d{1,2}(?::?\d{2})?)?/;

/** Words that may stand on a dateline besides the date itself. */
const DATELINE_WORDS = new Set([
  'updated',
  'update',
  'published',
  'publish',
  'posted',
  'last',
  'first',
  'date',
  'dated',
  'on',
  'at',
  'by',
  'modified',
  'edited',
  'uploaded',
  'created',
  'time',
  'and',
  'of',
  'am',
  'pm',
  'a',
  'p',
  'm',
  'hrs',
  'h',
  ...WEEKDAY_WORDS_LOWER,
  'today',
  'yesterday',
]);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1)) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function clock(hour: number, minute: number, meridiem: string | undefined): string | null {
  let h = hour;
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    const pm = meridiem.toLowerCase() === 'p';
    if (pm && h !== 12) h += 12;
    if (!pm && h === 12) h = 0;
  }
  if (h > 23 || minute > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

interface Found {
  readonly start: number;
  readonly end: number;
}

interface FoundDate extends Found {
  readonly iso: string;
  /** Time carried by an ISO timestamp. */
  readonly time: string | null;
}

/** The first date in a short string, in any of the dateline shapes. */
export function findDateInLine(line: string): FoundDate | null {
  let m = ISO_DATE.exec(line);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return { iso, start: m.index, end: m.index + m[0].length, time: m[4] ? clock(Number(m[4]), Number(m[5]), undefined) : null };
  }
  m = MONTH_FIRST.exec(line);
  if (m) {
    const iso = isoDate(Number(m[3]), MONTHS[m[1].toLowerCase()] ?? 0, Number(m[2]));
    if (iso) return { iso, start: m.index, end: m.index + m[0].length, time: null };
  }
  m = DAY_FIRST.exec(line);
  if (m) {
    const iso = isoDate(Number(m[3]), MONTHS[m[2].toLowerCase()] ?? 0, Number(m[1]));
    if (iso) return { iso, start: m.index, end: m.index + m[0].length, time: null };
  }
  m = DOTTED_DATE.exec(line);
  if (m) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso) return { iso, start: m.index, end: m.index + m[0].length, time: null };
  }
  m = YMD_SLASH.exec(line);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return { iso, start: m.index, end: m.index + m[0].length, time: null };
  }
  return null;
}

function blank(s: string, from: number, to: number): string {
  return s.slice(0, from) + ' '.repeat(to - from) + s.slice(to);
}

/** Parses `line` (trimmed) as a dateline, or returns null when it is anything else. */
export function parseDateline(line: string): Dateline | null {
  if (line.length === 0 || line.length > MAX_DATELINE_LENGTH) return null;
  const date = findDateInLine(line);
  if (!date) return null;
  let residue = blank(line, date.start, date.end);
  let time = date.time;
  const clockMatch = CLOCK.exec(residue);
  if (clockMatch) {
    time = time ?? clock(Number(clockMatch[1]), Number(clockMatch[2]), clockMatch[4]);
    residue = blank(residue, clockMatch.index, clockMatch.index + clockMatch[0].length);
  } else {
    const hourMatch = HOUR_AMPM.exec(residue);
    if (hourMatch) {
      time = time ?? clock(Number(hourMatch[1]), 0, hourMatch[2]);
      residue = blank(residue, hourMatch.index, hourMatch.index + hourMatch[0].length);
    }
  }
  const zone = ZONE.exec(residue);
  if (zone) residue = blank(residue, zone.index, zone.index + zone[0].length);
  const outlet = findOutlet(residue);
  if (outlet) residue = blank(residue, outlet.start, outlet.end);

  // What is left may only be dateline words and a few capitalised words (a section: "Politics", "World News").
  const words = residue.match(/[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/gu) ?? [];
  let free = 0;
  let afterBy = false;
  for (const raw of words) {
    const word = raw.replace(/[.]+$/, '');
    const lower = word.toLowerCase();
    if (DATELINE_WORDS.has(lower)) {
      if (lower === 'by') afterBy = true;
      continue;
    }
    if (/^\d+$/.test(word)) return null; // stray numbers: a table row or a sentence, not a dateline
    if (!/^\p{Lu}/u.test(word)) return null; // a lowercase word: this is a sentence
    if (!afterBy) free++;
  }
  if (free > 3) return null;
  const byMatch = /\bby\s+(.+)$/i.exec(line.slice(date.end));
  return {
    date: date.iso,
    time,
    source: outlet ? outlet.name : null,
    updated: /\b(?:updated|modified)\b/i.test(line),
    byText: byMatch ? byMatch[1] : null,
  };
}
