import data from './speechVerbs.json';

/**
 * Speech and reporting verbs as regular-expression alternations, from the kept lexicon speechVerbs.json (bases by
 * hand, inflections from compromise's conjugation: server/scripts/buildSpeechVerbs.mjs). Quotation cues read them.
 */

interface SpeechVerb {
  readonly base: string;
  readonly group: 'speech' | 'framing';
  readonly inverts?: boolean;
  readonly bare?: boolean;
  readonly past: string;
  readonly present: string;
  readonly gerund: string;
}

const VERBS = data.entries as readonly SpeechVerb[];

/**
 * Longest first, so "pointed out" wins over a shorter form; words joined by a space match any spacing. Forms of
 * one length in code-unit order: `localeCompare` here loaded ICU's collator at every start (~10 ms), and two
 * forms of the same length never match the same text, so their order does not change what matches.
 */
function alternation(forms: readonly string[]): string {
  return [...new Set(forms)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

const finite = (v: SpeechVerb): string[] => [v.past, v.present, ...(v.bare ? [v.base] : [])];

/** Finite forms of verbs of saying: said, says, told, scoffed, chimed in, "say" for the few whose base is a cue alone. */
export const SPEECH_VERB_FORMS = alternation(VERBS.filter((v) => v.group === 'speech').flatMap(finite));
/** Finite forms of verbs that frame words: called, described, dismissed, put it. */
export const FRAMING_VERB_FORMS = alternation(VERBS.filter((v) => v.group === 'framing').flatMap(finite));
/** Participles of both groups: saying, adding, calling, describing. */
export const SPEECH_PARTICIPLES = alternation(VERBS.map((v) => v.gerund));
/** Finite forms that may come before their subject: "…,” said Ann Roe · “…,” scoffed Doe. */
export const INVERTING_VERB_FORMS = alternation(VERBS.filter((v) => v.inverts).flatMap((v) => [v.past, v.present]));
