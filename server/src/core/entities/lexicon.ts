import nlp from 'compromise';
import { detachedCopy } from '../text';

/**
 * Word facts from compromise's own lexicon (first names, surnames, honorifics, demonyms, places,
 * organizations, and which capitalised words are ordinary English words). Reading the lexicon costs
 * a map lookup; running compromise's tagger over whole documents costs ~0.1 MB/s (COMPROMISE-NOTES),
 * so the recogniser asks the lexicon per word and keeps the tagger out of the hot path.
 */

export type WordClass = 'firstName' | 'lastName' | 'place' | 'organization' | 'demonym' | 'honorific' | 'time' | 'common' | 'unknown';

let lexicon: Record<string, string | string[]> | undefined;

function lookup(word: string): readonly string[] {
  lexicon ??= (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const tags = lexicon[word.toLowerCase()];
  if (tags === undefined) return [];
  return Array.isArray(tags) ? tags : [tags];
}

const cache = new Map<string, WordClass>();

/** What compromise's lexicon says a word is (case-insensitive). */
export function classifyWord(word: string): WordClass {
  const cached = cache.get(word);
  if (cached) return cached;
  const tags = lookup(word);
  let result: WordClass = 'unknown';
  if (tags.some((t) => t === 'WeekDay' || t === 'Month' || t === 'Date' || t === 'Holiday')) result = 'time';
  else if (tags.some((t) => t === 'MaleName' || t === 'FemaleName' || t === 'FirstName')) result = 'firstName';
  else if (tags.includes('LastName')) result = 'lastName';
  else if (tags.includes('Honorific')) result = 'honorific';
  else if (tags.includes('Demonym')) result = 'demonym';
  else if (tags.some((t) => t === 'City' || t === 'Country' || t === 'Region' || t === 'Place')) result = 'place';
  else if (tags.some((t) => t === 'Organization' || t === 'SportsTeam')) result = 'organization';
  else if (tags.length) result = 'common';
  // A copy of the word as the key: the word itself may be a slice that keeps its whole document alive.
  if (cache.size < 50_000) cache.set(detachedCopy(word), result);
  return result;
}
