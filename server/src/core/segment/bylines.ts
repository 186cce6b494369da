/**
 * Bylines and author lines, parsed without NLP:
 *   "By Jane Doe and John Roe"            → ["Jane Doe", "John Roe"]
 *   "By | Edited by Shivam Pratap Singh"  → ["Shivam Pratap Singh"]
 *   "By Jane Doe, Reuters"                → ["Jane Doe"], source Reuters
 *   "Lynsey Chutel and Nazaneen Ghaffar"  → a bare name line (an author line only where the layout says so)
 * A line is a byline only when every piece is a name, an outlet, a role or a date: "By allowing legal sex
 * work…" is a sentence, not a byline.
 */
import { BYLINE_NAME_PARTICLES, NOT_NAME_WORDS_LOWER } from '../lexicon';
import { outletNamed } from './outlets';
import { findDateInLine } from './dateline';

export interface Byline {
  readonly authors: readonly string[];
  readonly source: string | null;
}

/** Lowercase particles that may sit inside a personal name. */
const NAME_PARTICLES = BYLINE_NAME_PARTICLES;

/** Job titles that follow a name in bylines ("Jane Doe, Staff Writer"): dropped, not authors. */
const ROLE =
  /^(?:(?:senior|chief|special|staff|foreign|political|diplomatic|defen[cs]e|security|international|white house|washington|middle east|europe|asia|africa|bureau)\s+)*(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|chief|analyst|producer|desk|team|staff|photographer)s?$|^(?:special|reporting) (?:to|for) |^(?:news|web|digital) desk$|^ht news desk$/i;

function isNameToken(token: string): boolean {
  if (NAME_PARTICLES.has(token.toLowerCase()) && !/^\p{Lu}{2,}$/u.test(token)) return true;
  // "al-Assad", "bin-Salman": particle joined by a hyphen.
  if (/^(?:al|el|ad|ash|as|at|az|bin|ibn|abu)-\p{Lu}/u.test(token)) return true;
  if (!/^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(token)) return false;
  if (/[’']s$/u.test(token)) return false; // possessive: "Syria’s"
  return !NOT_NAME_WORDS_LOWER.has(token.toLowerCase().replace(/\.$/, ''));
}

/** One personal name: 2 to 5 tokens, capitalised (particles allowed inside), first and last capitalised. */
export function isPersonalName(candidate: string): boolean {
  const tokens = candidate.trim().split(/\s+/);
  if (tokens.length < 2 || tokens.length > 5) return false;
  if (!tokens.every(isNameToken)) return false;
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return /^\p{Lu}/u.test(first) && /^\p{Lu}|^(?:al|el)-/u.test(last);
}

/** Splits "A, B and C" / "A & B" into names. */
function splitNames(text: string): string[] {
  return text
    .split(/\s*,\s*|\s+(?:and|&)\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * A line that is nothing but one to five personal names joined by commas or "and"
 * ("Ephrat Livni", "Lynsey Chutel and Nazaneen Ghaffar"). Returns the names, or null.
 */
export function parseNameLine(line: string): string[] | null {
  if (line.length < 5 || line.length > 120) return null;
  if (/[.:;!?“”"()|\d]$/.test(line) || /\d/.test(line)) return null;
  const names = splitNames(line);
  if (names.length === 0 || names.length > 5) return null;
  return names.every(isPersonalName) ? names : null;
}

const BYLINE_START = /^(?:by|written by|words by|reported by|reporting by|edited by|story by|text by)\b\s*[:|]?\s*/i;
const SEGMENT_PREFIX = /^(?:by|written by|words by|reported by|reporting by|edited by|story by|text by|updated|published|posted)\b\s*[:]?\s*/i;

/** Parses a "By …" line, or returns null when the line is not a byline. */
export function parseByline(line: string): Byline | null {
  if (line.length > 200 || !BYLINE_START.test(line)) return null;
  const authors: string[] = [];
  let source: string | null = null;
  // Pieces are separated by bars, bullets, dashes or semicolons; names within a piece by commas / "and".
  const pieces = line.split(/\s*(?:\||•|·|;|\s[-–—]\s)\s*/);
  for (const rawPiece of pieces) {
    let piece = rawPiece.trim();
    while (SEGMENT_PREFIX.test(piece)) piece = piece.replace(SEGMENT_PREFIX, '').trim();
    if (!piece) continue;
    if (findDateInLine(piece)) continue; // "Updated: Dec 2, 2024": the dateline parser takes it
    for (const part of splitNames(piece)) {
      const cleaned = part.replace(/[.,]+$/, '').trim();
      if (!cleaned) continue;
      const outlet = outletNamed(cleaned);
      if (outlet) {
        source = source ?? outlet;
        continue;
      }
      if (ROLE.test(cleaned)) continue;
      if (!isPersonalName(cleaned)) return null;
      if (!authors.includes(cleaned)) authors.push(cleaned);
    }
  }
  if (authors.length === 0 && source === null) {
    // "By |" with nothing usable is still a byline shape, but an empty one.
    return /^by\s*[|:]?\s*$/i.test(line) ? { authors: [], source: null } : null;
  }
  return { authors, source };
}
