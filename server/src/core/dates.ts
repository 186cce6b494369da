import { MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS } from './lexicon';
import type { ArticleLayout, DateMention, Span } from './model';

/**
 * Rule-based date finder: absolute dates (`Oct. 7, 2023`, `2024-12-02`, `December 7`, `in 2011`) and relative
 * ones (`on Monday`, `last week`, `yesterday`, `this month`) resolved against the article's publication date.
 *
 * Why not compromise-dates: it runs at ~0.03 MB/s on news, resolves "on Tuesday" to the *next* Tuesday and
 * yields false dates (`8:41 min`, `On the second floor`). A handful of linear regexes over the body paragraphs
 * and the headline cover the forms news uses, at well over 1 MB/s.
 *
 * Values: a day `YYYY-MM-DD`, a month `YYYY-MM`, a year `YYYY`, or null. Week-long and vague spans
 * (`last week`, `this weekend`, `nearly three years ago`, `a day before`) are found but get null: a week is not
 * a day, and an approximate or event-anchored span cannot be resolved honestly.
 */

/** Month numbers by name and abbreviation, lower case ("sept" → 9). */
const MONTH_NUMBERS: Readonly<Record<string, number>> = Object.fromEntries([
  ...MONTHS.map((m, i): [string, number] => [m.toLowerCase(), i + 1]),
  ...MONTH_ABBREVIATIONS.map((a): [string, number] => [a.toLowerCase(), MONTHS.findIndex((m) => m.startsWith(a)) + 1]),
]);

/** Day numbers as Date.getUTCDay gives them (Sunday 0); the lexicon lists weekdays from Monday. */
const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = Object.fromEntries(WEEKDAYS.map((d, i) => [d.toLowerCase(), (i + 1) % 7]));

const SMALL_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

// Month names are matched capitalised (or all caps in headlines): "may", "march" in lower case are words.
const FULL_MONTH = `(?:${[...MONTHS, ...MONTHS.map((m) => m.toUpperCase())].join('|')})`;
// Abbreviations only count next to a day or a year; `Oct,` (a typo seen in the seeds) is accepted before a day.
const ABBR_MONTH = `(?:${[...MONTH_ABBREVIATIONS, ...MONTH_ABBREVIATIONS.map((m) => m.toUpperCase())].join('|')})`;
const ANY_MONTH = `(?:${FULL_MONTH}|${ABBR_MONTH}\\.?)`;
const WEEKDAY = `(?:${WEEKDAYS.join('|')})`;
const APOSTROPHE_S = "(?:[’']s)?";

interface DatePattern {
  readonly re: RegExp;
  readonly resolve: (m: RegExpExecArray, ctx: ResolveContext) => Resolved | null;
}

interface ResolveContext {
  /** Publication date, or null when the article gives none. */
  readonly published: Day | null;
  /** Text before the match in its paragraph (for tense cues). */
  readonly before: string;
}

interface Resolved {
  readonly iso: string | null;
  readonly relative: boolean;
  /** Trim the match: characters to drop from its start (a leading preposition the pattern needed). */
  readonly skip?: number;
}

interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isoDay = (d: Day): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
const isoMonth = (year: number, month: number): string => `${pad(year, 4)}-${pad(month)}`;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parseIsoDay(iso: string | null): Day | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return null;
  const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return validDay(day.year, day.month, day.day) ? day : null;
}

function addDays(d: Day, n: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function weekdayOf(d: Day): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

function shiftMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function monthNumber(word: string): number | undefined {
  return MONTH_NUMBERS[word.replace(/[.,]$/, '').toLowerCase()];
}

/** A sentence that speaks of the future makes a bare weekday the next one, not the last one. */
const FUTURE_CUE = /\b(?:will|’ll|'ll|is (?:due|set|scheduled|expected|to)|are (?:due|set|scheduled|expected|to)|plans? to|planning to|upcoming|next)\b[^.!?]*$/;

function resolveWeekday(published: Day, weekday: number, mode: 'last' | 'next' | 'nearest-past' | 'nearest-future'): Day {
  const today = weekdayOf(published);
  switch (mode) {
    case 'last': // strictly before
      return addDays(published, -(((today - weekday + 6) % 7) + 1));
    case 'next': // strictly after
      return addDays(published, ((weekday - today + 6) % 7) + 1);
    case 'nearest-future': // on or after
      return addDays(published, (weekday - today + 7) % 7);
    case 'nearest-past': // on or before: past-tense news
      return addDays(published, -((today - weekday + 7) % 7));
  }
}

const YEAR_SUFFIX = '(?:,?\\s+(last|this|next)\\s+year)?';

/** Counted nouns after a four-digit number: "2000 people" is not a year. */
const COUNTED_NOUN =
  /^\s+(?:people|persons|men|women|children|troops|soldiers|fighters|civilians|residents|times|dollars|euros|pounds|km|kilometers|kilometres|miles|meters|metres|feet|tons|tonnes|votes|seats|members|cases|deaths|units|rounds|homes|houses|families|students|workers|employees|jobs|words|pages|hours|minutes|calories)\b/i;
const APPROXIMATE_BEFORE = /(?:\b(?:about|around|nearly|almost|roughly|approximately|some|than|over|under|up to|No\.|number|page|pages|Resolution|resolution|Route|route|Flight|flight)\s*|[$£€#]\s*)$/;

function relativeYear(suffix: string, published: Day | null): number | null {
  if (!published) return null;
  return published.year + (suffix === 'last' ? -1 : suffix === 'next' ? 1 : 0);
}

/** A day of a named month: in the year written, else (relative) in the suffix's year or the publication's. */
function dayOfMonth(month: number | undefined, day: number, written: string | undefined, suffix: string | undefined, published: Day | null): Resolved | null {
  if (!month) return null;
  if (written) {
    const year = Number(written);
    return validDay(year, month, day) ? { iso: isoDay({ year, month, day }), relative: false } : null;
  }
  if (!published) return { iso: null, relative: false };
  const year = suffix ? (relativeYear(suffix, published) ?? published.year) : nearestYear(month, day, published);
  return validDay(year, month, day) ? { iso: isoDay({ year, month, day }), relative: true } : null;
}

/**
 * The year of a year-less day ("Jan. 20") nearest the publication day: news reports the recent past and
 * the coming weeks, so in a December article "Jan. 20" is next January and in a January one "Dec. 28" is
 * last December. Within half a year of the publication this is the publication's own year.
 */
function nearestYear(month: number, day: number, published: Day): number {
  const at = (year: number): number => Date.UTC(year, month - 1, Math.min(day, daysInMonth(year, month)));
  const now = Date.UTC(published.year, published.month - 1, published.day);
  let best = published.year;
  for (const year of [published.year - 1, published.year + 1]) if (Math.abs(at(year) - now) < Math.abs(at(best) - now)) best = year;
  return best;
}

const PATTERNS: readonly DatePattern[] = [
  // 2024-12-02
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    resolve: (m) => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return validDay(y, mo, d) ? { iso: isoDay({ year: y, month: mo, day: d }), relative: false } : null;
    },
  },
  // [Monday,] December 1, 2024 · Oct. 7, 2023 · Dec 02, 2024 · Oct, 7, 2023 · December 7 · Oct. 7 last year
  {
    re: new RegExp(`(?:\\b${WEEKDAY},?\\s+)?\\b(${FULL_MONTH}|${ABBR_MONTH}[.,]?)\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!:|\\.\\d|,\\d)(?:,?\\s+(\\d{4})\\b)?${YEAR_SUFFIX}`, 'g'),
    resolve: (m, { published }) => dayOfMonth(monthNumber(m[1]), Number(m[2]), m[3], m[4], published),
  },
  // 7 December 2024 · 7th of December
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${FULL_MONTH}|${ABBR_MONTH}\\.?)(?![\\w])(?:,?\\s+(\\d{4})\\b)?${YEAR_SUFFIX}`, 'g'),
    resolve: (m, { published }) => dayOfMonth(monthNumber(m[2]), Number(m[1]), m[3], m[4], published),
  },
  // November 2023 · [early|mid-|late] December 2024
  {
    re: new RegExp(`\\b(?:(?:early|mid|late)[\\s-]+)?(${ANY_MONTH}),?\\s+(\\d{4})\\b`, 'g'),
    resolve: (m) => {
      const month = monthNumber(m[1]);
      const year = Number(m[2]);
      return month && year >= 1000 ? { iso: isoMonth(year, month), relative: false } : null;
    },
  },
  // in June · since late November · in early December · mid-October · July last year · last May
  {
    re: new RegExp(
      `\\b(?:(in|since|until|till|by|from|through|during|before|after|of|In|Since|Until|By|From|Through|During|Before|After)\\s+)?((?:early|mid|late|last|next|this|earlier|later|Early|Mid|Late|Last|Next|This|Earlier|Later)(?:[\\s-]+(?:early|mid|late))?[\\s-]+)?(${FULL_MONTH})\\b(?![’']s\\b)${YEAR_SUFFIX}`,
      'g',
    ),
    resolve: (m, { published }) => {
      const month = monthNumber(m[3]);
      if (!month) return null;
      const qualifier = (m[2] ?? '').trim().toLowerCase();
      // A capitalised month with no preposition, qualifier or year is too often a name ("May", "June"): skip it.
      if (!m[1] && !qualifier && !m[4]) return null;
      const skip = m[2] ? m[0].indexOf(m[2]) : m[0].indexOf(m[3], m[1] ? m[1].length : 0);
      if (!published) return { iso: null, relative: false, skip };
      let year = m[4] ? (relativeYear(m[4], published) ?? published.year) : published.year;
      if (!m[4] && qualifier.startsWith('last')) year = month >= published.month ? published.year - 1 : published.year;
      if (!m[4] && qualifier.startsWith('next')) year = month <= published.month ? published.year + 1 : published.year;
      return { iso: isoMonth(year, month), relative: true, skip };
    },
  },
  // [last|next|this|early|late] Monday['s] [morning|afternoon|evening|night]
  {
    re: new RegExp(`\\b(?:(last|next|this|early|late|on)\\s+)?(${WEEKDAY})${APOSTROPHE_S}(?![\\w-])(?:\\s+(morning|afternoon|evening|night))?`, 'g'),
    resolve: (m, { published, before }) => {
      // "Black Friday", "Super Tuesday": names, not dates.
      if (/\b(?:Black|Super|Good|Cyber|Easter|Ash|Holy|Maundy|Bloody|Fat|Giving)\s*$/.test(before)) return null;
      const keyword = m[1]?.toLowerCase();
      const skip = keyword === 'on' ? m[0].indexOf(m[2]) : 0;
      if (!published) return { iso: null, relative: false, skip };
      const weekday = WEEKDAY_NUMBERS[m[2].toLowerCase()];
      let mode: 'last' | 'next' | 'nearest-past' | 'nearest-future' = 'nearest-past';
      if (keyword === 'last') mode = 'last';
      else if (keyword === 'next') mode = 'next';
      else if (FUTURE_CUE.test(before)) mode = 'nearest-future';
      return { iso: isoDay(resolveWeekday(published, weekday, mode)), relative: true, skip };
    },
  },
  // today · yesterday · tomorrow · tonight · this morning
  {
    re: /\b(?:(today|yesterday|tomorrow|tonight|Today|Yesterday|Tomorrow|Tonight)|(this|last|yesterday|Yesterday|tomorrow|Tomorrow) (morning|afternoon|evening|night))\b/g,
    resolve: (m, { published, before }) => {
      // "USA Today", "Aleppo Today TV": a capitalised Today after a capitalised word is a name.
      if (/^Today/.test(m[0]) && /[A-Z][\w.]*\s+$/.test(before) && !/[.!?:“"]\s*$/.test(before)) return null;
      if (!published) return { iso: null, relative: false };
      const word = (m[1] ?? m[2]).toLowerCase();
      const offset = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : word === 'last' ? -1 : 0;
      return { iso: isoDay(addDays(published, offset)), relative: true };
    },
  },
  // this month · last year · next week · earlier this month · this weekend · this spring · the past week
  {
    re: /\b(?:(?:earlier|later)\s+)?(this|last|next|past|coming|This|Last|Next)\s+(week|month|year|weekend|spring|summer|fall|autumn|winter)\b(?![’']s)/g,
    resolve: (m, { published, before }) => {
      const which = m[1].toLowerCase();
      const unit = m[2];
      // "the last year" is a duration, not a date; "the past week" too.
      if (which === 'past' || which === 'coming' || (which === 'last' && /\b(?:the|this|its|his|her|their|a)\s+$/i.test(before))) return null;
      if (!published) return { iso: null, relative: false };
      const by = which === 'last' ? -1 : which === 'next' ? 1 : 0;
      if (unit === 'month') {
        const { year, month } = shiftMonth(published.year, published.month, by);
        return { iso: isoMonth(year, month), relative: true };
      }
      if (unit === 'year') return { iso: pad(published.year + by, 4), relative: true };
      // Weeks, weekends and seasons are spans without a day/month/year value: found, but null.
      return { iso: null, relative: false };
    },
  },
  // three years ago · two days ago · nearly a decade ago (null: approximate)
  {
    re: /\b(?:(nearly|almost|about|around|roughly|some|more than|less than|over|just over|under|at least)\s+)?(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(day|week|month|year|decade)s?\s+(ago|earlier|before|later)\b/gi,
    resolve: (m, { published }) => {
      if (m[4].toLowerCase() !== 'ago' || m[1] || !published) return { iso: null, relative: false };
      const n = SMALL_NUMBERS[m[2].toLowerCase()] ?? Number(m[2]);
      const unit = m[3].toLowerCase();
      if (unit === 'day') return { iso: isoDay(addDays(published, -n)), relative: true };
      if (unit === 'month') {
        const { year, month } = shiftMonth(published.year, published.month, -n);
        return { iso: isoMonth(year, month), relative: true };
      }
      if (unit === 'year') return { iso: pad(published.year - n, 4), relative: true };
      return { iso: null, relative: false };
    },
  },
  // a day before · the day after · the next day · the following week (anchored to an event, not the article: null)
  {
    re: /\b(?:(?:a|the|one)\s+(?:day|week)\s+(?:before|after|earlier|later)|the\s+(?:next|following|previous)\s+(?:day|week|month|year))\b/gi,
    resolve: () => ({ iso: null, relative: false }),
  },
  // in 2011 · 2022 · the 2015 resolution (a year between 1800 and 2099, not a count, not part of a number)
  {
    re: /(?<![\d.,:/\-–])\b(1[89]\d\d|20\d\d)\b(?![.,]\d|[-–/:]\d|%|s\b|[’']s\b)/g,
    resolve: (m, { before }) => {
      if (APPROXIMATE_BEFORE.test(before)) return null;
      return { iso: m[1], relative: false };
    },
  },
];

interface Candidate extends DateMention {
  readonly priority: number;
}

function scanSpan(text: string, span: Span, published: Day | null, out: Candidate[]): void {
  const segment = text.slice(span.start, span.end);
  PATTERNS.forEach((pattern, priority) => {
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(segment); m; m = pattern.re.exec(segment)) {
      if (m[0].length === 0) {
        pattern.re.lastIndex++;
        continue;
      }
      const before = segment.slice(Math.max(0, m.index - 80), m.index);
      // A year-like number directly followed by a counted noun is a count.
      if (priority === PATTERNS.length - 1 && COUNTED_NOUN.test(segment.slice(m.index + m[0].length, m.index + m[0].length + 20))) continue;
      const resolved = pattern.resolve(m, { published, before });
      if (!resolved) continue;
      const skip = resolved.skip ?? 0;
      let start = span.start + m.index + skip;
      let end = span.start + m.index + m[0].length;
      // Spans never carry trailing punctuation or spaces.
      while (end > start && /[\s,.]/.test(text[end - 1]) && !/\.$/.test(abbreviationTail(text, start, end))) end--;
      while (start < end && /\s/.test(text[start])) start++;
      if (end <= start) continue;
      out.push({ span: { start, end }, text: text.slice(start, end), iso: resolved.iso, relative: resolved.relative, priority });
    }
  });
}

/** Keeps the dot of an abbreviated month at the end of a match ("Dec." alone never ends a match, but "Jan." might). */
function abbreviationTail(text: string, start: number, end: number): string {
  const m = /\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.$/.exec(text.slice(start, end));
  return m ? m[0] : '';
}

/**
 * Finds the dates of one article. Offsets are relative to `articleText`; only the headline and the body
 * paragraphs are read (never boilerplate or the dateline).
 */
export function findDates(articleText: string, layout: ArticleLayout): DateMention[] {
  const published = parseIsoDay(layout.date);
  const candidates: Candidate[] = [];
  const spans = layout.headlineSpan ? [layout.headlineSpan, ...layout.paragraphs] : layout.paragraphs;
  for (const span of spans) {
    const clipped = { start: Math.max(0, span.start), end: Math.min(articleText.length, span.end) };
    if (clipped.end > clipped.start) scanSpan(articleText, clipped, published, candidates);
  }
  // Overlaps: the earliest start wins, then the longest, then the more specific pattern.
  candidates.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end || a.priority - b.priority);
  const kept: DateMention[] = [];
  let lastEnd = -1;
  for (const c of candidates) {
    if (c.span.start < lastEnd) continue;
    kept.push({ span: c.span, text: c.text, iso: c.iso, relative: c.relative });
    lastEnd = c.span.end;
  }
  return kept;
}
