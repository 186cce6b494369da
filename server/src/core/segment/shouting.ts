/**
 * All-caps lines (wire headlines "SOCCER - KEANE SIGNS FOR MANCHESTER UNITED.", shouted banners and names) read case-insensitively:
 * a copy of the text, of the same length and offsets, in which each shouted line is written in sentence case. A word the
 * lexicon knows as an ordinary word is lower-cased (unless it heads names: "UNITED", "CITY"), a short unknown word (PSV, CBI) or a known acronym (UN, TV) stays, any
 * other word is Title-cased ("KEANE" → "Keane", "SRI LANKA" → "Sri Lanka"). Words with digits, dots or signs ("U.S.", "S&P")
 * stay. The recogniser reads the copy; mentions keep the original's text.
 */
import { classifyWord, isFunctionWordOnly } from '../entities/lexicon';
import { KNOWN_ORGANIZATIONS, NOT_ACRONYMS, ORGANIZATION_HEADS, PLACE_HEADS, SHORT_ACRONYMS } from '../lexicon';

/** A line is shouted with at least this many capitals… */
const MIN_SHOUTED_CAPITALS = 6;
/** …and this many words in capitals (a two-word line, "NEW YORK 1996-12-06", is a dateline or a name: read as it is)… */
const MIN_SHOUTED_WORDS = 3;
/** …and at most this share of its letters in lower case ("CBI MONTHLY TRENDS ENQUIRY (a)"). */
const MAX_LOWER_SHARE = 0.1;
/** Unknown all-caps words up to this length are read as acronyms. */
const MAX_ACRONYM_LENGTH = 3;

const UPPER_LETTER = /^\p{Lu}$/u;
const LOWER_LETTER = /^\p{Ll}$/u;

/**
 * Capital and lower-case letters (code points) of a line. Every line of every article comes here: a loop over
 * its characters, the regular expressions only for letters outside ASCII, instead of two arrays of matches.
 */
function letterCases(line: string): { capitals: number; lower: number } {
  let capitals = 0;
  let lower = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) capitals++;
      else if (c >= 97 && c <= 122) lower++;
      continue;
    }
    const point = line.codePointAt(i)!;
    const ch = String.fromCodePoint(point);
    if (point > 0xffff) i++;
    if (UPPER_LETTER.test(ch)) capitals++;
    else if (LOWER_LETTER.test(ch)) lower++;
  }
  return { capitals, lower };
}

function isShouted(line: string): boolean {
  const { capitals, lower } = letterCases(line);
  if (capitals < MIN_SHOUTED_CAPITALS) return false;
  return lower <= MAX_LOWER_SHARE * (capitals + lower) && (line.match(/\p{Lu}{2,}/gu)?.length ?? 0) >= MIN_SHOUTED_WORDS;
}

/** One all-caps word as sentence case would write it; the same length, or the word unchanged. */
function caseWord(word: string, afterApostrophe: boolean): string {
  if (afterApostrophe) return word.toLowerCase();
  if (NOT_ACRONYMS.has(word) || SHORT_ACRONYMS.has(word) || KNOWN_ORGANIZATIONS.has(word)) return word;
  const lower = word.toLowerCase();
  if (lower.length !== word.length) return word;
  const title = word[0] + lower.slice(1);
  // "UNITED", "CITY", "BANK": ordinary words, but the heads of names ("Manchester United").
  if (ORGANIZATION_HEADS.has(title) || PLACE_HEADS.has(title)) return title;
  const wordClass = classifyWord(lower);
  if (wordClass === 'common' || wordClass === 'time' || isFunctionWordOnly(lower)) return lower;
  if (wordClass === 'unknown' && word.length <= MAX_ACRONYM_LENGTH) return word;
  return title;
}

function sentenceCase(line: string): string {
  let first = true;
  const cased = line.replace(/\S+/g, (chunk) => {
    // "U.S.", "S&P", "H1", "AA+": codes and abbreviations keep their capitals.
    if (/[\d&+]|\p{L}\.\p{L}/u.test(chunk)) {
      if (/\p{L}/u.test(chunk)) first = false;
      return chunk;
    }
    return chunk.replace(/\p{L}+/gu, (word, at: number) => {
      const apostrophe = at > 0 && /['’]/.test(chunk[at - 1]);
      let out = caseWord(word, apostrophe);
      if (first && out.length === word.length) out = out[0].toUpperCase() + out.slice(1);
      first = false;
      return out;
    });
  });
  return cased.length === line.length ? cased : line;
}

/** The text with every shouted line in `spans` (paragraphs, the headline) written in sentence case; the text itself when none is. */
export function readShouting(text: string, spans: readonly { start: number; end: number }[]): string {
  // Pieces joined once at the end: a file with many shouted lines (results in capitals) is not copied once per line.
  const pieces: string[] = [];
  let copied = 0;
  // In text order (the headline may be listed first), so pieces are cut left to right; a line cased once stays.
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    for (let start = span.start; start < span.end;) {
      let end = text.indexOf('\n', start);
      if (end < 0 || end > span.end) end = span.end;
      const line = text.slice(start, end);
      if (isShouted(line)) {
        const cased = sentenceCase(line);
        if (cased !== line && start >= copied) {
          pieces.push(text.slice(copied, start), cased);
          copied = end;
        }
      }
      start = end + 1;
    }
  }
  if (!pieces.length) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}
