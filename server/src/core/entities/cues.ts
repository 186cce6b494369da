/** The cue patterns of the entity rules; their word lists come from the lexicon. */
import {
  alternation,
  CORPORATE_SUFFIXES,
  FEMALE_HONORIFICS,
  GROUP_CUE_WORDS,
  KIN,
  MALE_HONORIFICS,
  ORGANIZATION_APPOSITION_NOUNS,
  ORGANIZATION_CUE_NOUNS,
  ORGANIZATION_KIND_NOUNS,
  ORGANIZATION_NAMED_AFTER,
  ORGANIZATION_DESCRIPTION_HEADS,
  PERSON_ROLES,
  PERSON_TITLES,
  PLACE_CUES_WORDS,
  PLACE_NOUNS,
  TEAM_ROLES,
  TITLE_QUALIFIERS,
} from '../lexicon';

/** Whether the word at `i` works as a title here: a qualifying word only before another title. */
export function isTitleAt(words: readonly string[], i: number): boolean {
  if (!PERSON_TITLES.has(words[i])) return false;
  if (!TITLE_QUALIFIERS.has(words[i])) return true;
  // "Secretary of State Antony J. Blinken"
  if (words[i] === 'State' && words[i - 1] === 'of') return true;
  return i + 1 < words.length && PERSON_TITLES.has(words[i + 1]);
}

/** Lower-case words right before a name that make it a person ("said spokesman Dmitry Peskov"). */
export const PERSON_CUES_BEFORE = new RegExp(`(?:${alternation([...PERSON_ROLES, ...KIN])})\\s+$`);
/** Words before an unknown name that make it a place ("in Azaz", "the town of Jaramana"). */
export const PLACE_CUES_BEFORE = new RegExp(
  String.raw`(?:\b(?:${alternation(PLACE_CUES_WORDS)})\s+|\b(?:${alternation(PLACE_NOUNS)})\s+of\s+)` + String.raw`(?:(?:north|south|east|west|central)(?:ern|-?(?:east|west)(?:ern)?)?\s+)?$`,
  'u',
);
/** The same, for a single word, also as the second of a pair ("in southern Suweida and Deraa"). */
export const PLACE_CUES_BEFORE_PAIR = new RegExp(PLACE_CUES_BEFORE.source.replace(/\$$/, String.raw`(?:\p{Lu}[\p{L}-]+,?\s+(?:and|or)\s+)?$`), 'u');
/** Words before an unknown name that make it an organization ("news agency SANA", "the channel Al-Arabiya"). */
export const ORGANIZATION_CUES_BEFORE = new RegExp(
  String.raw`\b(?:${alternation(ORGANIZATION_CUE_NOUNS)}|(?:shares|stake|holding)\s+(?:in|of)|(?:bid|offer)\s+for|` + String.raw`(?:takeover|acquisition)\s+of|merger\s+(?:with|of))\s+$`,
);
/**
 * A noun right before a name that says what kind of body it is ("state news agency Petra", "Conglomerate Bollore",
 * "shares in Mentmore Abbey"); group 1 a determiner right before the noun ("the company Musk bought" is a relative clause),
 * group 2 the noun, in lower case ("House Minority Leader" is a name).
 */
export const ORGANIZATION_KIND_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}-])(?:([Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+)?((?:${alternation(ORGANIZATION_KIND_NOUNS)})\s+|[Ss]hares\s+in\s+|[Ss]take\s+in\s+)$`,
  'u',
);
/**
 * What may follow a name after a kind noun for it to be named, not the subject of a relative clause ("the lobbying firms
 * Manafort and Gates worked with"): punctuation, a capital, a number, or a word that goes on a named subject.
 */
export const AFTER_NAMED_ORGANIZATION = new RegExp(String.raw`^(?:[’']s\b|\s*[,.;:()"“”]|\s*$|\s+(?:\p{Lu}|\d|(?:${alternation(ORGANIZATION_NAMED_AFTER)})\b))`, 'u');
/**
 * Words after a name that make it an armed group or a service ("Fatemiyoun groups", "Truth Social platform"); not "supporters" or
 * "forces", which follow people too.
 */
export const GROUP_CUES_AFTER = new RegExp(String.raw`^(?:[’']s)?\s+(?:${alternation(GROUP_CUE_WORDS)})\b|^\s+groups\b`);
/** Sports roles after a city's name make it the city's club. */
export const TEAM_ROLES_AFTER = new RegExp(String.raw`^(?:[’']s?)?\s+(?:${alternation(TEAM_ROLES)})\b`);
/** Words after an unknown name that make it a company ("Newmont said it", "Barrick shares", "a Norilsk spokesman"). */
export const COMPANY_CUES_AFTER = new RegExp(
  String.raw`^(?:[’']s)?\s+(?:said\s+(?:on\s+\p{Lu}\p{Ll}+\s+)?(?:it|its)\b|shares?\b|stock\b|shareholders?\b|chairman\b|chief\s+executive\b|board\b|subsidiary\b|spokes(?:man|woman)\b|(?:${alternation(CORPORATE_SUFFIXES)})(?![\p{L}.]))`,
  'u',
);
/** Words after an unknown name that make it an organization ("Isala, a Belgian organization"). */
export const ORGANIZATION_CUES_AFTER = new RegExp(String.raw`^,\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,4}(?:${alternation(ORGANIZATION_APPOSITION_NOUNS)})\b`, 'u');

/**
 * "Isala, a Belgian organization that …", "UTSOPI, a Belgian sex work union": a name, then an apposition whose
 * head says what kind of body it is (only modifiers before the head: "a leader of the party" describes a person).
 * Matched from the cheap ", a " outwards: one regex over the whole text with the name first is ten times slower.
 */
export const APPOSITION_START = /, an? /g;
export const ORGANIZATION_HEAD_AFTER = new RegExp(
  String.raw`^(?:(?!(?:of|for|at|in|from|with|to|who|that|and|or)\b)[\p{L}-]+\s+){0,3}` + String.raw`(?:${alternation(ORGANIZATION_DESCRIPTION_HEADS).replace(/ /g, String.raw`\s+`)})\b`,
  'u',
);
export const MEDIUM_AFTER_NAME = / (?=(?:radio|television|TV|newspaper|news agency|broadcaster)\b)/g;
export const NAME_BEFORE = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}’'-]*(?: \p{Lu}[\p{L}’'-]*){0,3})(?:[’']s)?$/u;
/** A title, rank or role just before a name ("Mr.", "the opposition leader"): it is a person whatever follows. */
export const PERSON_TITLE_BEFORE = new RegExp(
  `\\b(?:${alternation([...MALE_HONORIFICS, ...FEMALE_HONORIFICS, ...PERSON_TITLES, ...PERSON_ROLES].filter((w) => !w.endsWith('.') && !TITLE_QUALIFIERS.has(w)))})\\.?\\s+$`,
  'i',
);
/** Words after a name that make it a person ("Kobakhidze said", "Assad, who"). */
export const PERSON_CUES_AFTER = /^(?:,\s+who\b|\s+(?:said|says|told|added|wrote|argued|insisted|stated|announced|warned|noted|claimed|explained|asked|replied|declared|tweeted|posted|urged|vowed)\b)/;

/** A team's name in a result line, optionally with its country in brackets: "Sodigraf ( Zaire )". */
export const SIDE = String.raw`\p{Lu}[\p{L}\p{M}.'’ -]*?(?:\s+\(\s*\p{Lu}[\p{L}\p{M} .'’-]*\))?`;
export const HOME_SIDE = new RegExp(String.raw`^\s+\d{1,3}\s+${SIDE}\s+\d{1,3}\b`, 'u');
export const AWAY_SIDE = new RegExp(String.raw`^(?:.*:)?\s*${SIDE}\s+\d{1,3}\s+$`, 'u');
export const SHORT_ACRONYMS_BLOCKED = new Set(['IS']);
