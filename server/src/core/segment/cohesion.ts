/**
 * Topic shifts inside a run of paragraphs with no marker at all: some scraped pages glue the next
 * story (without its headline) straight onto the last paragraph of the previous one. Cheap lexical
 * cohesion finds the seam: the capitalised names of the next few paragraphs share nothing with the
 * names of everything before them in the article. Linear: each paragraph's names are extracted once,
 * the window slides.
 */
import { alternation, NAME_ABBREVIATIONS, TOPIC_NEUTRAL_WORDS_LOWER } from '../lexicon';
import type { Span } from '../model';

/** Paragraphs needed on each side of a seam, and the window of paragraphs compared. */
const MIN_BEFORE = 5;
const MIN_AFTER = 6;
/** A name of the new story must occur in this many of its paragraphs. */
const MIN_NEW_NAME_PARAGRAPHS = 3;
const WINDOW = 5;
/** Distinct names each side needs before an empty overlap means anything. */
const MIN_NAMES_BEFORE = 6;
const MIN_NAMES_AFTER = 4;
/** Characters of a paragraph scanned for names (a 200,000-character line is not scanned whole). */
const MAX_SCAN = 3_000;

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATION = new RegExp(`^(?:\\p{Lu}|${alternation(NAME_ABBREVIATIONS)}|vs|U\\.S|U\\.N|U\\.K|E\\.U)$`, 'u');

const SPACE = 32;
const NBSP = 0xa0;
const FULL_STOP = 46;
const CLOSING_QUOTES = new Set([0x201d, 0x2019, 34]); // ” ’ "
/** Marks after which the next word opens a sentence or a quotation: “ " ‘ ( — : ! ? */
const OPENERS = new Set([0x201c, 34, 0x2018, 40, 0x2014, 58, 33, 63]);

/** True when the word starting at `index` opens a sentence (or the paragraph). */
function opensSentence(slice: string, index: number): boolean {
  let p = index - 1;
  while (p >= 0 && (slice.charCodeAt(p) === SPACE || slice.charCodeAt(p) === NBSP)) p--;
  if (p < 0) return true;
  const code = slice.charCodeAt(p);
  if (code !== FULL_STOP) {
    if (OPENERS.has(code) && code !== 34) return true;
    if (!CLOSING_QUOTES.has(code)) return code === 34; // a straight quote before a word opens a quotation
    // ”.  ’.  ".: a quotation that closed a sentence?
    while (p >= 0 && CLOSING_QUOTES.has(slice.charCodeAt(p))) p--;
    if (p < 0 || slice.charCodeAt(p) !== FULL_STOP) return false;
  }
  // "Mr. Kim", "Vladimir V. Putin": the full stop of an abbreviation or an initial.
  let w = p - 1;
  while (w >= 0 && slice.charCodeAt(w) !== SPACE && p - w < 8) w--;
  return !ABBREVIATION.test(slice.slice(w + 1, p));
}

/** Letters of a name token, approximately: ASCII letters, and any non-ASCII character outside punctuation blocks. */
function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return code > 0xbf && !(code >= 0x2000 && code <= 0x206f) && code !== 0x3000 && code !== 0xfeff;
}

function isUpperAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return code >= 65 && code <= 90;
  const ch = text[index];
  return ch !== ch.toLowerCase();
}

/**
 * Names in a paragraph: capitalised words not opening a sentence, lower-cased, possessives dropped.
 * With `openers`, capitalised sentence-openers are collected there instead of skipped (they are names
 * when the article also uses the word mid-sentence: "Sanders said…" after "Sen. Bernie Sanders").
 * A hand-written scanner (each character read once): this runs over every paragraph of the document.
 */
export function namesIn(text: string, span: Span, openers?: Set<string>): Set<string> {
  const names = new Set<string>();
  const slice = text.slice(span.start, Math.min(span.end, span.start + MAX_SCAN));
  const length = slice.length;
  let i = 0;
  while (i < length) {
    if (!isWordCode(slice.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    const first = slice.charCodeAt(i);
    if (first >= 97 && first <= 122 && slice.charCodeAt(i + 2) !== 45 && slice.charCodeAt(i + 3) !== 45) {
      // A lowercase word (most words): jump to the next space natively instead of scanning it.
      const space = slice.indexOf(' ', i);
      if (space < 0) break;
      i = space + 1;
      continue;
    }
    // The word runs over letters and inner . ' ’ - (Mr., U.S., al-Shara, Hamas’s).
    while (i < length) {
      const code = slice.charCodeAt(i);
      if (isWordCode(code) || code === FULL_STOP || code === 39 || code === 0x2019 || code === 45) i++;
      else break;
    }
    if (!isUpperAt(slice, start) && !(slice.charCodeAt(start + 2) === 45 || slice.charCodeAt(start + 3) === 45)) continue;
    const opener = opensSentence(slice, start);
    if (opener && !openers) continue;
    let raw = slice.slice(start, i);
    if (raw.endsWith('’s') || raw.endsWith("'s")) raw = raw.slice(0, -2);
    for (const piece of raw.includes('-') ? raw.split('-') : [raw]) {
      let end = piece.length;
      while (end > 0 && (piece.charCodeAt(end - 1) === FULL_STOP || CLOSING_QUOTES.has(piece.charCodeAt(end - 1)) || piece.charCodeAt(end - 1) === 39)) end--;
      if (end < 2 || !isUpperAt(piece, 0)) continue; // "led" in "Hamas-led", "al" in "al-Shara"
      const lower = (end === piece.length ? piece : piece.slice(0, end)).toLowerCase();
      if (TOPIC_NEUTRAL_WORDS_LOWER.has(lower)) continue;
      if (opener) openers?.add(lower);
      else names.add(lower);
    }
  }
  return names;
}

/** "Syrians", "Syrian" → "syria"; "Israeli" → "israel": a country and its people are one topic word. */
function stem(name: string): string {
  if (name.endsWith('ns') && name.length - 2 >= 4) return name.slice(0, -2);
  if (/[nsi]$/.test(name) && name.length - 1 >= 4) return name.slice(0, -1);
  return name;
}
/** The story so far is identified by its most repeated names. */
const TOP_NAMES = 3;
/** Seams tested per article at most: keeps adversarial input linear. */
const MAX_CANDIDATES = 20;

/** Per paragraph, its names (stemmed); sentence-openers count when the article uses them mid-sentence too. */
function paragraphNames(text: string, paragraphs: readonly Span[]): Set<string>[] {
  const openers = paragraphs.map(() => new Set<string>());
  const names = paragraphs.map((p, i) => namesIn(text, p, openers[i]));
  const vocabulary = new Set<string>();
  for (const set of names) for (const name of set) vocabulary.add(name);
  return names.map((set, i) => {
    const stems = new Set<string>();
    for (const name of set) stems.add(stem(name));
    for (const name of openers[i]) if (vocabulary.has(name)) stems.add(stem(name));
    return stems;
  });
}

/**
 * The index of the first paragraph where a new, unrelated story starts, or -1.
 * A seam needs three things: the next few paragraphs share no name with anything before them; the
 * story so far is never named again (its most repeated names do not occur from the seam on), which
 * keeps a digression (a witness, a quoted activist) inside its article; and the new story has a name
 * of its own in at least three paragraphs, which keeps a background passage inside its article.
 * `blocked` holds paragraph indices that may not open a story (the first paragraph under a section
 * heading: the heading itself says the text continues).
 */
export function findTopicShift(text: string, paragraphs: readonly Span[], blocked: ReadonlySet<number>): number {
  const n = paragraphs.length;
  if (n < MIN_BEFORE + MIN_AFTER) return -1;
  const names = paragraphNames(text, paragraphs);
  const lastSeen = new Map<string, number>();
  const paragraphCount = new Map<string, number>();
  names.forEach((set, i) => {
    for (const name of set) {
      lastSeen.set(name, i);
      paragraphCount.set(name, (paragraphCount.get(name) ?? 0) + 1);
    }
  });
  const before = new Map<string, number>();
  const addBefore = (i: number): void => {
    for (const name of names[i]) before.set(name, (before.get(name) ?? 0) + 1);
  };
  for (let i = 0; i < MIN_BEFORE; i++) addBefore(i);
  const window = new Map<string, number>();
  const add = (i: number, delta: number): void => {
    for (const name of names[i]) {
      const count = (window.get(name) ?? 0) + delta;
      if (count <= 0) window.delete(name);
      else window.set(name, count);
    }
  };
  for (let i = MIN_BEFORE; i < Math.min(n, MIN_BEFORE + WINDOW); i++) add(i, 1);
  let candidates = 0;
  for (let j = MIN_BEFORE; j <= n - MIN_AFTER && candidates < MAX_CANDIDATES; j++) {
    if (!blocked.has(j) && before.size >= MIN_NAMES_BEFORE && window.size >= MIN_NAMES_AFTER) {
      let shared = false;
      for (const name of window.keys()) {
        if (before.has(name)) {
          shared = true;
          break;
        }
      }
      if (!shared) {
        candidates++;
        const top = [...before.entries()]
          .filter(([, count]) => count >= 2)
          .sort((a, b) => b[1] - a[1])
          .slice(0, TOP_NAMES);
        const storyEnds = top.length > 0 && top.every(([name]) => (lastSeen.get(name) ?? -1) < j);
        // The new story has a recurring name of its own (not just a background paragraph or two).
        let newStory = false;
        if (storyEnds) {
          for (const [name, count] of paragraphCount) {
            if (count >= MIN_NEW_NAME_PARAGRAPHS && !before.has(name)) {
              newStory = true;
              break;
            }
          }
        }
        if (storyEnds && newStory) return j;
      }
    }
    // Slide: paragraph j joins "before", the window moves one paragraph on.
    addBefore(j);
    add(j, -1);
    if (j + WINDOW < n) add(j + WINDOW, 1);
  }
  return -1;
}
