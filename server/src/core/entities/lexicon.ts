import { FEMALE_NAMES, FUNCTION_ONLY_WORDS, LEXICON_BUCKETS, LEXICON_CLASSES, MALE_NAMES } from './lexicon.generated';

/**
 * Word facts from compromise's own lexicon (first names, surnames, honorifics, demonyms, places,
 * organizations, and which capitalised words are ordinary English words). Reading the lexicon costs
 * a map lookup; running compromise's tagger over whole documents costs ~0.1 MB/s (COMPROMISE-NOTES),
 * so the recogniser asks the lexicon per word and keeps the tagger out of the hot path.
 *
 * The classes are computed at build time (server/scripts/buildLexicon.mjs): unpacking compromise's
 * lexicon took ~200 ms of every start, and compromise itself is no longer bundled.
 */

export type WordClass = 'firstName' | 'lastName' | 'place' | 'organization' | 'demonym' | 'honorific' | 'time' | 'common' | 'unknown';

/** Per first character, the word → class table of that bucket, built on first use (a few hundred words each). */
const buckets = new Map<string, Map<string, WordClass>>();

const NO_WORDS: ReadonlyMap<string, WordClass> = new Map();

function bucket(first: string): ReadonlyMap<string, WordClass> {
  let table = buckets.get(first);
  if (table) return table;
  if (!Object.hasOwn(LEXICON_BUCKETS, first)) return NO_WORDS;
  table = new Map();
  for (const line of LEXICON_BUCKETS[first].split('\n')) table.set(line.slice(1), LEXICON_CLASSES[line.charCodeAt(0) - 48]);
  buckets.set(first, table);
  return table;
}

/** What compromise's lexicon says a word is (case-insensitive). */
export function classifyWord(word: string): WordClass {
  const lower = word.toLowerCase();
  return bucket(lower.charAt(0)).get(lower) ?? 'unknown';
}

let genders: Map<string, 'male' | 'female'> | undefined;
let functionOnly: Set<string> | undefined;

/** The gender compromise's lexicon gives a given name (case-insensitive), or null when it gives none or both. */
export function genderOfGivenName(word: string): 'male' | 'female' | null {
  if (!genders) {
    genders = new Map();
    for (const w of MALE_NAMES.split('\n')) genders.set(w, 'male');
    for (const w of FEMALE_NAMES.split('\n')) genders.set(w, 'female');
  }
  return genders.get(word.toLowerCase()) ?? null;
}

/** Whether compromise's lexicon knows a word only as an adverb, a preposition, a conjunction or a determiner. */
export function isFunctionWordOnly(word: string): boolean {
  functionOnly ??= new Set(FUNCTION_ONLY_WORDS.split('\n'));
  return functionOnly.has(word.toLowerCase());
}
