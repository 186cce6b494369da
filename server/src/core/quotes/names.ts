import { genderOfGivenName, isFunctionWordOnly } from '../entities/lexicon';
import { alternation, FEMALE_HONORIFICS, LEADING_ADJECTIVES, MALE_HONORIFICS, MONTHS, NAME_PARTICLES, OFFICE_TITLES, TITLE_SERVICES, WEEKDAYS } from '../lexicon';
import type { Span } from '../model';
import { classAt, classOf, isApostrophe, isUpperCased, LETTER, LOWER, MARK, NUMBER, widthAt } from '../chars';

/**
 * Capitalised-name runs for speaker finding when the entity recogniser gave no mention there:
 * `Mr. Kobakhidze`, `Maj. Gen. Pat Ryder`, `Ursula von der Leyen`, `Abu Mohammad al-Jolani`, `Antony J. Blinken`.
 * No NLP: a run of capitalised words, initials and name particles.
 */

export type Gender = 'male' | 'female' | null;

export interface NameRun {
  readonly span: Span;
  readonly text: string;
  /** The run looks like a person's name (a title or honorific, or a first-and-last-name shape). */
  readonly personLike: boolean;
  /** Holds a word of organizations or places (Ministry, Party, University, Observatory…). */
  readonly organizationLike: boolean;
  readonly gender: Gender;
}

/** Titles and ranks that introduce a person's name; they are not part of the name as a speaker. */
const TITLES: ReadonlySet<string> = new Set([...OFFICE_TITLES, ...TITLE_SERVICES]);
const KEPT_HONORIFICS = new Set(['Mr.', 'Mr', 'Ms.', 'Ms', 'Mrs.', 'Mrs', 'Miss', 'Dr.']);

/** Words that make a capitalised run an organization, place or thing rather than a person. */
const NON_PERSON_WORDS = new Set([
  'Ministry',
  'Department',
  'Party',
  'Committee',
  'Council',
  'Agency',
  'Times',
  'News',
  'Observatory',
  'University',
  'Institute',
  'Center',
  'Centre',
  'Forces',
  'Army',
  'Union',
  'Nations',
  'States',
  'Republic',
  'Court',
  'House',
  'Commission',
  'Parliament',
  'Group',
  'Bank',
  'Organization',
  'Organisation',
  'Association',
  'Foundation',
  'Fund',
  'Network',
  'Press',
  'Post',
  'Journal',
  'TV',
  'Radio',
  'Office',
  'Service',
  'Services',
  'Council',
  'Congress',
  'Senate',
  'Assembly',
  'Federation',
  'Front',
  'Movement',
  'Company',
  'Corporation',
  'Inc.',
  'Ltd',
  'Brigade',
  'Guard',
  'Police',
  'Church',
  'School',
  'College',
  'Hospital',
  'Airport',
  'Street',
  'Square',
  'Province',
  'Region',
  'City',
  'Island',
  'Islands',
  'Sea',
  'River',
  'Valley',
  'Heights',
  'Mountains',
  'Gulf',
  'Ocean',
  'Strait',
  'Corridor',
  'Coast',
  'Republicans',
  'Democrats',
  'Campaign',
  'Administration',
  'Government',
  'Ministry',
  'Board',
  'Authority',
  'Team',
  'Club',
  'League',
  'Alliance',
  'Coalition',
  'Watch',
  'International',
  'Review',
  'Channel',
  'Platform',
  'Social',
  'Media',
  'Daily',
  'Herald',
  'Tribune',
  'Telegraph',
  'Guardian',
  'Reuters',
  'Facebook',
  'Twitter',
  'Instagram',
  'Committee',
  'Conference',
  'Convention',
  'Summit',
  'War',
  'Revolution',
  'Day',
  'Election',
  'Department',
  'White',
  'Kremlin',
  'Pentagon',
  'Hezbollah',
  'Hamas',
  'Qaeda',
  'Taliban',
  'Democrats',
  'Republicans',
]);

/** Capitalised words that begin sentences or headlines without being names. */
const FUNCTION_WORDS = new Set([
  'The',
  'A',
  'An',
  'But',
  'And',
  'Or',
  'In',
  'On',
  'At',
  'For',
  'With',
  'By',
  'From',
  'As',
  'It',
  'He',
  'She',
  'They',
  'We',
  'I',
  'You',
  'This',
  'That',
  'These',
  'Those',
  'His',
  'Her',
  'Their',
  'Our',
  'Its',
  'My',
  'Your',
  'When',
  'While',
  'After',
  'Before',
  'Since',
  'Although',
  'Though',
  'If',
  'Meanwhile',
  'However',
  'Still',
  'Yet',
  'Also',
  'Now',
  'Then',
  'So',
  'Some',
  'Many',
  'Most',
  'All',
  'Several',
  'Other',
  'Another',
  'Both',
  'Such',
  'What',
  'Who',
  'Why',
  'How',
  'Where',
  'There',
  'Here',
  'Just',
  'Only',
  'Even',
  'Not',
  'No',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Asked',
  'According',
  'Like',
  'Unlike',
  'Despite',
  'During',
  'Under',
  'Over',
  'About',
  'Among',
  'Against',
  'Instead',
  'Once',
  'Later',
  'Earlier',
  'Today',
  'Yesterday',
  'Tomorrow',
  'Last',
  'Next',
  'Late',
  'Early',
  'Every',
  'Each',
  'Few',
  'More',
  'Much',
  'Very',
  'Because',
  'Until',
  'Whether',
  'Which',
  'Whose',
  ...WEEKDAYS,
  ...MONTHS,
  'Mr',
  'Ms',
  'Mrs',
  'Do',
  'Does',
  'Did',
  'Is',
  'Are',
  'Was',
  'Were',
  'Be',
  'Have',
  'Has',
  'Had',
  'Will',
  'Would',
  'Can',
  'Could',
  'Should',
  'Let',
  'Please',
  'Yes',
  'Thank',
  'Thanks',
  'Oh',
  'Well',
  'Everyone',
  'Everything',
  'Nothing',
  'Anyone',
  'Someone',
  'People',
  'Officials',
  'Read',
  'See',
  'Watch',
  'Share',
  'Follow',
  'Click',
  'Sign',
  'Subscribe',
  'Photo',
  'Video',
  'Credit',
  'Reporting',
  'Editing',
  'Writing',
]);

const PARTICLES = new RegExp(`^(?:${alternation(NAME_PARTICLES)})$`);
const PARTICLE_PREFIX = /^(?:al|el|ad|as|ash|at|az|an|ar|adh|ul)-\p{Lu}/u;
const CAPITALISED = /^(?:\p{Lu}[\p{L}\p{M}’'\-.]*|\p{Lu}\.)$/u;

function isNameToken(token: string): boolean {
  // Neither pattern matches a token opening with a digit or a lower-case ASCII letter other than a, e, u: no regex call for those.
  const c = token.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x62 && c <= 0x7a && c !== 0x65 && c !== 0x75)) return false;
  return CAPITALISED.test(token) || PARTICLE_PREFIX.test(token);
}

/** `/[’']s?$/`: ends with an apostrophe, or an apostrophe and "s". */
function endsWithApostrophe(token: string): boolean {
  const n = token.length;
  return isApostrophe(token.charCodeAt(n - 1)) || (token.charCodeAt(n - 1) === 0x73 && isApostrophe(token.charCodeAt(n - 2)));
}

/** Strips a possessive (`Russia’s` → `Russia`), keeping the offset arithmetic simple: returns the kept length. */
function withoutPossessive(token: string): string {
  // token.replace(/[’']s$/, '').replace(/[’']$/, ''), without the two regex calls per token.
  let n = token.length;
  if (n >= 2 && token.charCodeAt(n - 1) === 0x73 && isApostrophe(token.charCodeAt(n - 2))) n -= 2;
  if (n >= 1 && isApostrophe(token.charCodeAt(n - 1))) n--;
  return n === token.length ? token : token.slice(0, n);
}

/** `w.toLowerCase()` with its first code point upper-cased when that is a lower-case letter: "the" → "The". */
function sentenceCased(w: string): string {
  const lower = w.toLowerCase();
  const c = lower.charCodeAt(0);
  if (c >= 0x61 && c <= 0x7a) return String.fromCharCode(c - 32) + lower.slice(1);
  if (c < 128 || c !== c) return lower;
  const cp = lower.codePointAt(0) as number;
  if (!(classOf(cp) & LOWER)) return lower;
  const first = String.fromCodePoint(cp);
  return first.toUpperCase() + lower.slice(first.length);
}

/** Gender of a given name from compromise's lexicon (MaleName / FemaleName, read at build time): "Elizabeth Warren" → female. */
export function genderOfFirstName(token: string): Gender {
  return genderOfGivenName(token);
}

/** Whether compromise's lexicon knows a word only as an adverb, a preposition, a conjunction or a determiner. */
export function isOrdinaryWord(token: string): boolean {
  return isFunctionWordOnly(token);
}

export function genderOfHonorific(token: string): Gender {
  if (MALE_HONORIFICS.has(token)) return 'male';
  if (FEMALE_HONORIFICS.has(token)) return 'female';
  return null;
}

/** A particle, "of" or "for": joins a name run when a capitalised word follows. */
function isJoiningWord(lower: string): boolean {
  return PARTICLES.test(lower) || lower === 'of' || lower === 'for';
}

/**
 * Name runs inside `[from, to)`: maximal sequences of capitalised tokens (with particles and initials between),
 * cut at punctuation. Leading titles are dropped from the name but make it person-like.
 */
/** A character a name token may hold after its first: `[\p{L}\p{M}\p{N}’'\-.]`. */
function inToken(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 0x2019 || c === 0x27 || c === 0x2d || c === 0x2e || (classAt(text, at) & (LETTER | MARK | NUMBER)) !== 0;
}

export function findNameRuns(text: string, from: number, to: number): NameRun[] {
  const runs: NameRun[] = [];
  let current: { start: number; end: number; tokens: string[] } | null = null;
  const flush = (): void => {
    if (current) {
      const run = buildRun(text, current.tokens, current.start);
      if (run) runs.push(run);
    }
    current = null;
  };
  // The matches of /[\p{L}\p{N}][\p{L}\p{M}\p{N}’'\-.]*/gu from `from` that start before `to`, scanned by code
  // point (the regex was most of this function's time; test/unit/scanners.test.ts). As the regex does, a
  // start inside a surrogate pair steps back to the pair.
  const limit = Math.min(to, text.length);
  for (let at = from > 0 && widthAt(text, from - 1) === 2 ? from - 1 : from; at < limit;) {
    if (!(classAt(text, at) & (LETTER | NUMBER))) {
      at += widthAt(text, at);
      continue;
    }
    const start = at;
    at += widthAt(text, at);
    while (inToken(text, at)) at += widthAt(text, at);
    let token = text.slice(start, at);
    // A trailing full stop belongs to the token only for initials and abbreviations (V., Mr., Jr.).
    if (token.endsWith('.') && !/^(?:\p{Lu}\.|Mr\.|Ms\.|Mrs\.|Dr\.|Jr\.|Sr\.|St\.|Gen\.|Maj\.|Lt\.|Col\.|Capt\.|Sgt\.|Adm\.|Gov\.|Sen\.|Rep\.|Rev\.|Prof\.|(?:\p{Lu}\.)+)$/u.test(token)) {
      token = token.replace(/\.+$/, '');
    }
    const end = Math.min(start + token.length, to);
    // The gap since the run's last token is one space.
    const joinable = current !== null && start - current.end === 1 && text.charCodeAt(current.end) === 0x20;
    if (isNameToken(token)) {
      if (!joinable) flush();
      if (!current) current = { start, end, tokens: [token] };
      else {
        current.tokens.push(token);
        current.end = end;
      }
      // A possessive ends the run: "Russia’s president" is not a name.
      if (endsWithApostrophe(token)) flush();
    } else if (joinable && current && isJoiningWord(token.toLowerCase()) && /^\s\S/.test(text.slice(end, end + 2))) {
      // Particles stay only when a capitalised word follows: "von der Leyen", "Secretary of State",
      // "Organization for the Prohibition of Chemical Weapons".
      const after = text.slice(end + 1, Math.min(to, end + 40));
      if (/^(?:(?:al|el|bin|ibn|abu|von|van|der|den|de|da|del|di|du|la|le|of|for|the)\s+)*[\p{Lu}]/u.test(after)) {
        current.tokens.push(token);
        current.end = end;
      } else flush();
    } else {
      flush();
    }
  }
  flush();
  return runs;
}

/** A run's name from its tokens (exported for the scanner's test, which rebuilds findNameRuns over the regex). */
export function buildRun(text: string, tokens: string[], start: number): NameRun | null {
  // Re-derive token offsets from the run text (single spaces between tokens).
  const offsets: number[] = [];
  let at = start;
  for (const t of tokens) {
    offsets.push(at);
    at += t.length + 1;
  }
  let first = 0;
  let last = tokens.length - 1;
  let gender: Gender = null;
  let titled = false;
  const organizationLike = tokens.some((t) => NON_PERSON_WORDS.has(withoutPossessive(t)));
  // Leading sentence words, titles ("Foreign Minister"), nationalities ("Syrian President") are not a person's
  // name; an organization keeps them ("Russian Foreign Ministry").
  while (first < last || (first === last && FUNCTION_WORDS.has(tokens[first]))) {
    const t = tokens[first];
    if (TITLES.has(t) && !organizationLike) titled = true;
    else if (!FUNCTION_WORDS.has(t) && !/^(?:of|the)$/.test(t) && (organizationLike || !NATIONALITIES.test(t))) break;
    first++;
  }
  if (first < last && KEPT_HONORIFICS.has(tokens[first])) {
    gender = genderOfHonorific(tokens[first]);
    titled = true;
  }
  if (!organizationLike) {
    // "Russia Foreign Minister Sergei Lavrov", "Air Force Maj. Gen. Pat Ryder": the name follows the last title.
    for (let t = last - 1; t >= first; t--) {
      if (TITLES.has(tokens[t]) && tokens[t] !== 'State' && !KEPT_HONORIFICS.has(tokens[t])) {
        first = t + 1;
        titled = true;
        break;
      }
    }
    // "President Vladimir V. Putin of Russia": a person's name ends before "of".
    const of = tokens.findIndex((t, i) => i > first && i <= last && (t === 'of' || t === 'for'));
    if (of > first) last = of - 1;
    if (first < last && KEPT_HONORIFICS.has(tokens[first])) {
      gender = genderOfHonorific(tokens[first]);
      titled = true;
    }
  }
  while (last >= first && (/^(?:of|the)$/.test(tokens[last]) || PARTICLES.test(tokens[last]))) last--;
  if (first > last) return null;
  const kept = tokens.slice(first, last + 1);
  if (kept.length === 1 && (FUNCTION_WORDS.has(kept[0]) || KEPT_HONORIFICS.has(kept[0]))) return null;
  const spanStart = offsets[first];
  const lastToken = withoutPossessive(tokens[last]);
  const spanEnd = offsets[last] + lastToken.length;
  const nameTokens = kept.filter((t) => !KEPT_HONORIFICS.has(t) && !PARTICLES.test(t.toLowerCase()));
  const nonPerson = organizationLike || kept.every((t) => /^(?:\p{Lu}\.?)+$/u.test(t) && t.length <= 6 && t === t.toUpperCase() && !/^\p{Lu}\.$/u.test(t));
  // Headline-style runs ("Life Under Syria’s") hold function words: not names.
  const shouting = kept.length >= 2 && kept.every((t) => t.length > 1 && isUpperCased(t) && /\p{Lu}{2}/u.test(t));
  const personLike = !nonPerson && !shouting && !kept.some((t) => FUNCTION_WORDS.has(sentenceCased(t))) && (titled || (nameTokens.length >= 2 && nameTokens.length <= 4));
  return { span: { start: spanStart, end: spanEnd }, text: text.slice(spanStart, spanEnd), personLike, organizationLike: organizationLike && kept.length > 0, gender };
}

const NATIONALITIES =
  /^(?:Democratic|Republican|Independent|Libertarian|Conservative|Liberal|Labour|Retired|Former|Syrian|Russian|Iranian|Iraqi|Israeli|Turkish|American|British|French|German|Ukrainian|Chinese|Japanese|Korean|Lebanese|Egyptian|Saudi|Qatari|Jordanian|Palestinian|Afghan|Pakistani|Indian|Kurdish|Georgian|Belgian|Dutch|Italian|Spanish|Polish|Swedish|Norwegian|Danish|Finnish|Greek|Canadian|Mexican|Brazilian|Australian|European|African|Arab|Western|Eastern|Northern|Southern|Iranian-backed|Turkish-backed|Russian-backed|U\.S\.|US|UK|U\.K\.|U\.N\.|EU|E\.U\.|Kremlin|Pentagon|White|Georgian|Yemeni|Libyan|Sudanese|Emirati|Bahraini|Omani|Kuwaiti|Algerian|Moroccan|Tunisian|Nigerian|Kenyan|Ethiopian|Somali|Vietnamese|Thai|Filipino|Indonesian|Malaysian|Belarusian|Moldovan|Armenian|Azerbaijani|Kazakh|Uzbek|Serbian|Croatian|Bosnian|Hungarian|Romanian|Bulgarian|Czech|Slovak|Austrian|Swiss|Irish|Scottish|Welsh|Portuguese|Cuban|Venezuelan|Colombian|Argentine|Chilean|Peruvian)$/;

/** A capitalised adjective that qualifies what follows ("Republican", "Syrian", "Former"), never a name of its own. */
export function isQualifyingAdjective(word: string): boolean {
  return NATIONALITIES.test(word) || LEADING_ADJECTIVES.has(word);
}

/** Last token of a name, possessive stripped: what later surname-only mentions repeat. */
export function surnameOf(name: string): string {
  const tokens = name.split(/\s+/).filter((t) => !KEPT_HONORIFICS.has(t) && !/^\p{Lu}\.$/u.test(t));
  return withoutPossessive(tokens[tokens.length - 1] ?? '');
}

export function honorificGender(name: string): Gender {
  const first = name.split(/\s+/)[0] ?? '';
  return genderOfHonorific(first);
}

/** A phrase opened by a determiner or a count ("a senior Cruz adviser", "one Trump campaign source"). */
const DETERMINED_PHRASE = /^(?:the|a|an|one|another|two|three|several|some|many|a\s+few|other)\s/i;

/**
 * Rule name-as-modifier: in the phrase `text[start, end)` opened by a determiner, the name ending at `nameEnd` is
 * followed by a lowercase noun that it qualifies ("a senior Cruz adviser", "the Clinton campaign"): the head, not the
 * name, is who the phrase stands for.
 */
export function nameModifiesHead(text: string, start: number, end: number, nameEnd: number): boolean {
  const after = text.slice(nameEnd, end);
  return DETERMINED_PHRASE.test(text.slice(start, end)) && /^\s+\p{Ll}/u.test(after) && !/^\s+(?:of|and|or|himself|herself|themselves)\b/.test(after);
}
