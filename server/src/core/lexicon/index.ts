/**
 * The word lists of every rule, each defined once as data (./data/*.json: a kind, a description and the
 * words), and the sets and regular expressions built from them. A rule that needs a list imports it
 * from here; a new word goes into its list's file, never into the rule. Two lists of the same kind
 * never hold the same word (test/unit/lexicon.test.ts), so a word has one place to be changed.
 */
import abbreviations from './data/abbreviations.json';
import placeCuesBefore from './data/place-cues-before.json';
import placeNouns from './data/place-nouns.json';
import organizationCuesBefore from './data/organization-cues-before.json';
import organizationKindNouns from './data/organization-kind-nouns.json';
import organizationNamedAfter from './data/organization-named-after.json';
import organizationAppositionNouns from './data/organization-apposition-nouns.json';
import organizationDescriptionHeads from './data/organization-description-heads.json';
import groupCuesAfter from './data/group-cues-after.json';
import teamRoles from './data/team-roles.json';
import abbreviationsOther from './data/abbreviations-other.json';
import compassWords from './data/compass-words.json';
import creditLabels from './data/credit-labels.json';
import demonymNouns from './data/demonym-nouns.json';
import languages from './data/languages.json';
import documentWords from './data/document-words.json';
import eventWords from './data/event-words.json';
import holidays from './data/holidays.json';
import honorificsFemale from './data/honorifics-female.json';
import honorificsMale from './data/honorifics-male.json';
import knownOrganizations from './data/known-organizations.json';
import knownOrganizationsSpelled from './data/known-organizations-spelled.json';
import leadingAdjectives from './data/leading-adjectives.json';
import monthAbbreviations from './data/month-abbreviations.json';
import months from './data/months.json';
import nameConnectors from './data/name-connectors.json';
import nameParticles from './data/name-particles.json';
import nameParticlesExtra from './data/name-particles-extra.json';
import namePrepositions from './data/name-prepositions.json';
import notAcronyms from './data/not-acronyms.json';
import organizationHeads from './data/organization-heads.json';
import corporateSuffixes from './data/corporate-suffixes.json';
import personRoles from './data/person-roles.json';
import kin from './data/kin.json';
import placeHeads from './data/place-heads.json';
import placePrefixes from './data/place-prefixes.json';
import royalTitlesFemale from './data/royal-titles-female.json';
import royalTitlesMale from './data/royal-titles-male.json';
import shortAcronyms from './data/short-acronyms.json';
import titleQualifiers from './data/title-qualifiers.json';
import titleServices from './data/title-services.json';
import titles from './data/titles.json';
import weekdayAbbreviations from './data/weekday-abbreviations.json';
import weekdays from './data/weekdays.json';
import notNameWords from './data/not-name-words.json';
import topicNeutralWords from './data/topic-neutral-words.json';
import headlineMinorWords from './data/headline-minor-words.json';
import danglingWords from './data/dangling-words.json';
import tokenAbbreviations from './data/token-abbreviations.json';
import speakerOrganizationNouns from './data/speaker-organization-nouns.json';
import speakerThingNouns from './data/speaker-thing-nouns.json';
import speakerLowercaseSources from './data/speaker-lowercase-sources.json';
import speakerVerbAdverbs from './data/speaker-verb-adverbs.json';
import subjectEndingVerbs from './data/subject-ending-verbs.json';
import commonNounEndings from './data/common-noun-endings.json';
import productMakers from './data/product-makers.json';
import makerCompanyWords from './data/maker-company-words.json';

export interface WordList {
  readonly name: string;
  /** Lists of one kind never share a word. */
  readonly kind: string;
  readonly description: string;
  readonly words: readonly string[];
}

interface ListFile {
  readonly kind: string;
  readonly description: string;
  readonly words: readonly string[];
}

const FILES: Record<string, ListFile> = {
  'place-cues-before': placeCuesBefore,
  'place-nouns': placeNouns,
  'organization-cues-before': organizationCuesBefore,
  'organization-kind-nouns': organizationKindNouns,
  'organization-named-after': organizationNamedAfter,
  'organization-apposition-nouns': organizationAppositionNouns,
  'organization-description-heads': organizationDescriptionHeads,
  'group-cues-after': groupCuesAfter,
  'team-roles': teamRoles,
  abbreviations,
  'abbreviations-other': abbreviationsOther,
  'compass-words': compassWords,
  'credit-labels': creditLabels,
  'demonym-nouns': demonymNouns,
  languages,
  'document-words': documentWords,
  'event-words': eventWords,
  holidays,
  'honorifics-female': honorificsFemale,
  'honorifics-male': honorificsMale,
  'known-organizations': knownOrganizations,
  'known-organizations-spelled': knownOrganizationsSpelled,
  'leading-adjectives': leadingAdjectives,
  'month-abbreviations': monthAbbreviations,
  months,
  'name-connectors': nameConnectors,
  'name-particles': nameParticles,
  'name-particles-extra': nameParticlesExtra,
  'name-prepositions': namePrepositions,
  'not-acronyms': notAcronyms,
  'organization-heads': organizationHeads,
  'corporate-suffixes': corporateSuffixes,
  'person-roles': personRoles,
  kin,
  'place-heads': placeHeads,
  'place-prefixes': placePrefixes,
  'royal-titles-female': royalTitlesFemale,
  'royal-titles-male': royalTitlesMale,
  'short-acronyms': shortAcronyms,
  'title-qualifiers': titleQualifiers,
  'title-services': titleServices,
  titles,
  'weekday-abbreviations': weekdayAbbreviations,
  weekdays,
  'not-name-words': notNameWords,
  'topic-neutral-words': topicNeutralWords,
  'headline-minor-words': headlineMinorWords,
  'dangling-words': danglingWords,
  'token-abbreviations': tokenAbbreviations,
  'speaker-organization-nouns': speakerOrganizationNouns,
  'speaker-thing-nouns': speakerThingNouns,
  'speaker-lowercase-sources': speakerLowercaseSources,
  'speaker-verb-adverbs': speakerVerbAdverbs,
  'subject-ending-verbs': subjectEndingVerbs,
  'common-noun-endings': commonNounEndings,
  'product-makers': productMakers,
  'maker-company-words': makerCompanyWords,
};

/** Every list, by name (for the lexicon's own test and for tools). */
export const WORD_LISTS: readonly WordList[] = Object.entries(FILES).map(([name, f]) => ({ name, ...f }));

const set = (...lists: ListFile[]): ReadonlySet<string> => new Set(lists.flatMap((l) => l.words));
const lower = (...lists: ListFile[]): ReadonlySet<string> => new Set(lists.flatMap((l) => l.words.map((w) => w.toLowerCase())));

/** Regular-expression source matching any of `words` (escaped, longest first so "Mrs" wins over "Mr"). */
export function alternation(words: Iterable<string>): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

const ABBREVIATED = lower(abbreviations);
/** A list's words, plus the abbreviated ones with their full stop ("Gen" and "Gen."). */
const withStops = (...lists: ListFile[]): ReadonlySet<string> => new Set(lists.flatMap((l) => l.words.flatMap((w) => (ABBREVIATED.has(w.toLowerCase()) ? [w, `${w}.`] : [w]))));

// ---- people ----
/** Honorifics and royal titles of men and of women: what a speaker's pronoun is checked against. */
export const MALE_HONORIFICS = withStops(honorificsMale, royalTitlesMale);
export const FEMALE_HONORIFICS = withStops(honorificsFemale, royalTitlesFemale);
/** Honorifics kept with a name ("Mr.", "Sir"). */
export const COURTESY_HONORIFICS = withStops(honorificsMale, honorificsFemale);
/** Offices, ranks, royal titles and the words that qualify them: not part of a speaker's name. */
export const OFFICE_TITLES = withStops(titles, titleQualifiers, royalTitlesMale, royalTitlesFemale);
/** Honorifics, offices, ranks and the words that qualify them: evidence of a person, never part of the name. */
export const PERSON_TITLES: ReadonlySet<string> = new Set([...COURTESY_HONORIFICS, ...OFFICE_TITLES]);
/** Title words that qualify another ("Foreign Minister"): alone they are ordinary words. */
export const TITLE_QUALIFIERS = set(titleQualifiers);
/** Services written before a title ("Air Force Gen."). */
export const TITLE_SERVICES = set(titleServices);
/** Lower-case roles and kin before a name ("spokesman Dmitry Peskov", "his son Hunter"). */
export const PERSON_ROLES = set(personRoles);
export const KIN = set(kin);
/** Particles inside names in running text. */
export const NAME_PARTICLES = set(nameParticles);
/** Particles and joiners of names on author lines. */
export const BYLINE_NAME_PARTICLES = set(nameParticles, nameParticlesExtra);
export const NAME_CONNECTORS = set(nameConnectors);
export const NAME_PREPOSITIONS = set(namePrepositions);
export const LEADING_ADJECTIVES = set(leadingAdjectives);
/** People named by their nationality ("Scotsman Andy Reid"): not entities, not part of the name. */
export const DEMONYM_NOUNS = set(demonymNouns);
/** Languages that are no nationality ("in Swahili"): alone, no name. */
export const LANGUAGES = set(languages);

// ---- abbreviations ----
/** Capitalised abbreviations that keep their full stop in or before a name: "Gen.", "Mt.", "Jr.". */
export const NAME_ABBREVIATIONS: readonly string[] = abbreviations.words.map((w) => w[0].toUpperCase() + w.slice(1));
/** Every abbreviation whose full stop does not end a sentence, lower case, months included. */
export const ALL_ABBREVIATIONS = lower(abbreviations, abbreviationsOther, monthAbbreviations);

// ---- time ----
export const MONTHS: readonly string[] = months.words;
export const MONTH_ABBREVIATIONS: readonly string[] = monthAbbreviations.words;
export const WEEKDAYS: readonly string[] = weekdays.words;
/** Weekday names and their dateline abbreviations, lower case. */
export const WEEKDAY_WORDS_LOWER = lower(weekdays, weekdayAbbreviations);
/** Month and weekday names, lower case (topic-neutral words, never names). */
export const CALENDAR_WORDS_LOWER = lower(months, monthAbbreviations, weekdays);
/** Holidays: single words and phrases, as written. */
export const HOLIDAYS = set(holidays);

// ---- organizations and places ----
/** Legal forms that end a company's name ("Inc.", "GmbH"): organization heads too. */
export const CORPORATE_SUFFIXES = set(corporateSuffixes);
export const ORGANIZATION_HEADS = set(organizationHeads, corporateSuffixes);
export const KNOWN_ORGANIZATIONS = set(knownOrganizations);
export const PRODUCT_MAKERS = set(productMakers);
export const MAKER_COMPANY_WORDS = set(makerCompanyWords);
/** Organizations whose written name no run of capitalised words holds ("Moody's", "Standard & Poor's"): found in the text as written. */
export const KNOWN_ORGANIZATIONS_SPELLED: readonly string[] = knownOrganizationsSpelled.words;
export const PLACE_HEADS = set(placeHeads);
export const PLACE_PREFIXES = set(placePrefixes);
export const COMPASS_WORDS = set(compassWords);
export const NOT_ACRONYMS = set(notAcronyms);
export const SHORT_ACRONYMS = set(shortAcronyms);
/** Events, laws and things named in capitals: not people. */
export const THING_WORDS = set(eventWords, documentWords);
/** A capitalised abstract common noun ("Communication", "Development"): at least three letters before its ending. */
export const COMMON_NOUN_ENDING = new RegExp(`^\\p{L}{3,}(?:${alternation(commonNounEndings.words)})$`, 'u');
/** Things an organization issues or holds ("Security Council Resolution"). */
export const DOCUMENT_WORDS = set(documentWords);

// ---- cue words around unknown names ----
/** Labels that open a credit line ("Photo:", "Image credit |"). */
export const CREDIT_LABELS: readonly string[] = creditLabels.words;
export const PLACE_CUES_WORDS: readonly string[] = placeCuesBefore.words;
export const PLACE_NOUNS: readonly string[] = placeNouns.words;
export const ORGANIZATION_CUE_NOUNS: readonly string[] = [...organizationCuesBefore.words, ...organizationKindNouns.words];
/** Nouns before a name that make it an organization even when it looks like a person's ("news agency Petra"). */
export const ORGANIZATION_KIND_NOUNS: readonly string[] = organizationKindNouns.words;
/** Words that follow a named organization after its kind noun ("the company Vodafone said"), not a relative clause's subject. */
export const ORGANIZATION_NAMED_AFTER: readonly string[] = organizationNamedAfter.words;
export const ORGANIZATION_APPOSITION_NOUNS: readonly string[] = organizationAppositionNouns.words;
export const ORGANIZATION_DESCRIPTION_HEADS: readonly string[] = organizationDescriptionHeads.words;
export const GROUP_CUE_WORDS: readonly string[] = groupCuesAfter.words;
export const TEAM_ROLES: readonly string[] = teamRoles.words;

/**
 * What is wrong with a set of lists: a word twice in one list, a word in two lists of the same kind
 * (compared without case), an empty or padded entry. Empty for the lexicon as shipped.
 */
export function lexiconProblems(lists: readonly WordList[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const list of lists) {
    const seen = new Set<string>();
    for (const word of list.words) {
      if (!word || word.trim() !== word) problems.push(`${list.name}: empty or padded entry "${word}"`);
      const key = word.toLowerCase();
      if (seen.has(key)) problems.push(`${list.name}: "${word}" twice`);
      seen.add(key);
      const kindKey = `${list.kind}\u0000${key}`;
      const other = owner.get(kindKey);
      if (other !== undefined && other !== list.name) problems.push(`"${word}" in both ${other} and ${list.name} (kind ${list.kind})`);
      else owner.set(kindKey, list.name);
    }
  }
  return problems;
}

/**
 * Segmentation's lists (lower case): chrome words never in a name and topic-neutral words (both with the calendar's words),
 * Title Case minor words, dangling words.
 */
export const NOT_NAME_WORDS_LOWER: ReadonlySet<string> = new Set([...notNameWords.words, ...CALENDAR_WORDS_LOWER]);
export const TOPIC_NEUTRAL_WORDS_LOWER: ReadonlySet<string> = new Set([...topicNeutralWords.words, ...CALENDAR_WORDS_LOWER]);
export const HEADLINE_MINOR_WORDS = set(headlineMinorWords);
export const DANGLING_WORDS = set(danglingWords);
/** Abbreviations the tagger's tokens keep with their full stop ("Corp.", "Gen."), as it was trained. */
export const TOKEN_ABBREVIATIONS: readonly string[] = tokenAbbreviations.words;

// ---- quotation speakers ----
/** Heads of definite descriptions that stand for an organization ("the company") or for no one ("the statement"). */
export const SPEAKER_ORGANIZATION_NOUNS = set(speakerOrganizationNouns);
export const SPEAKER_THING_NOUNS = set(speakerThingNouns);
/** Lowercase words that name a kind of source before a speech verb ("officials said"). */
export const SPEAKER_LOWERCASE_SOURCES = set(speakerLowercaseSources);
/** Adverbs and auxiliaries between a speaker and the speech verb. */
export const SPEAKER_VERB_ADVERBS = set(speakerVerbAdverbs);
/** Verbs that end a determiner phrase's subject ("The email goes on …"). */
export const SUBJECT_ENDING_VERBS = set(subjectEndingVerbs);
