import type { EntityKind, Span } from '../model';
import {
  APPOSITION_START,
  AWAY_SIDE,
  AFTER_NAMED_ORGANIZATION,
  COMPANY_CUES_AFTER,
  GROUP_CUES_AFTER,
  HOME_SIDE,
  isTitleAt,
  MEDIUM_AFTER_NAME,
  NAME_BEFORE,
  ORGANIZATION_CUES_AFTER,
  ORGANIZATION_CUES_BEFORE,
  ORGANIZATION_KIND_BEFORE,
  ORGANIZATION_HEAD_AFTER,
  PERSON_CUES_AFTER,
  PERSON_TITLE_BEFORE,
  PLACE_CUES_BEFORE,
  PLACE_CUES_BEFORE_PAIR,
  SHORT_ACRONYMS_BLOCKED,
  TEAM_ROLES_AFTER,
} from './cues';
import {
  CALENDAR_WORDS_LOWER,
  COMMON_NOUN_ENDING,
  COMPASS_WORDS,
  CORPORATE_SUFFIXES,
  DEMONYM_NOUNS,
  HOLIDAYS,
  DOCUMENT_WORDS,
  KNOWN_ORGANIZATIONS,
  LANGUAGES,
  LEADING_ADJECTIVES,
  NAME_CONNECTORS,
  NAME_PARTICLES,
  NAME_PREPOSITIONS,
  NOT_ACRONYMS,
  ORGANIZATION_HEADS,
  PERSON_TITLES,
  PLACE_HEADS,
  PLACE_PREFIXES,
  SHORT_ACRONYMS,
  THING_WORDS,
  TOPIC_NEUTRAL_WORDS_LOWER,
} from '../lexicon';
import { type Candidate, type Found, isAcronym, joinTokens, spanOf, titleCase, type Token, tokenize } from './tokens';
import { isCapital, isDemonym, placeInfo } from './gazetteer';
import { classifyWord } from './lexicon';
import { acronymKey } from './names';
import { wholeWordOccurrences } from '../text';
import { RULES, type EntityRule } from './rules';
import { classAt, isUpperCased, LETTER, LOWER, MARK, NUMBER, previousStart, widthAt } from '../chars';

/** Pending single words the body alone cannot type (resolved against the article's people and names). */
export interface Pending {
  readonly token: Token;
  readonly before: string;
  readonly after: string;
}

/**
 * "Detective Richard Black of the Chesapeake Police Department", "Professor Tom Lodge of the University of …": a title,
 * a name of one to three words, then "of" and an organization. The person and the organization are two names (the
 * title rule below reads the person and splits at "of"), not one organization.
 */
function titledPersonOf(words: readonly string[]): boolean {
  if (!isTitleAt(words, 0)) return false;
  let name = 1;
  while (name < words.length && isTitleAt(words, name)) name++;
  const of = words.indexOf('of', name);
  if (of - name < 1 || of - name > 3) return false;
  const person = words.slice(name, of);
  return !person.some((w) => ORGANIZATION_HEADS.has(w) || PERSON_TITLES.has(w)) && words.slice(of + 1).some((w) => ORGANIZATION_HEADS.has(w));
}

/** The name after a word in a pair or list ("X and Vodafone", "X, Vodafone"), and the name before it ("Vodafone and X", "Vodafone, X"). */
const COORDINATED_AFTER = /^(?:,\s+|\s+(?:and|or)\s+)(\p{Lu}[\p{L}&.'’-]*(?:\s\p{Lu}[\p{L}&.'’-]*){0,2})(?![\p{L}])/u;
const COORDINATED_BEFORE = /(?<![\p{L}])(\p{Lu}[\p{L}&.'’-]*(?:\s\p{Lu}[\p{L}&.'’-]*){0,2})(?:,\s+|\s+(?:and|or)\s+)$/u;

export class ArticleRecognizer {
  readonly found: Found[] = [];
  readonly pending: Pending[] = [];
  /** Names seen as teams in result lines: elsewhere in the article the same name is the team, not its city. */
  readonly teams = new Set<string>();

  constructor(private readonly text: string) {}

  classifyRun(run: Candidate): void {
    const tokens = [...run.tokens];
    // Connectors at the edges are never part of a name.
    while (tokens.length && !tokens[tokens.length - 1].nameLike) tokens.pop();
    if (!tokens.length) return;
    if (this.endsWithDate(tokens)) tokens.pop();
    // Sports results and tables ("Preston 2 York 3", "Norwich 20 9 5 6 27", "Airdrieonians v Clydebank"): teams, even when named
    // after a city.
    if (!run.titled && this.isTeamInResultLine(tokens)) {
      const team = joinTokens(this.text, tokens);
      // National sides are written as their country ("Japan 2 Syria 1"): the country is the name.
      const country = placeInfo(team) ?? placeInfo(titleCase(team));
      if (country?.kind === 'country') return this.add(tokens, 'place', country.name, RULES.resultLineTeam);
      if (team !== team.toUpperCase()) this.teams.add(team);
      return this.add(tokens, 'organization', team, RULES.resultLineTeam);
    }
    // Capitals in shouted lines and datelines still name places: "NEW YORK", "LONDON" (checked before "NEW" is taken for an ordinary word).
    const shoutedWords = tokens.map((t) => t.word);
    if (shoutedWords.every((w) => isUpperCased(w) && /\p{Lu}{2}/u.test(w)) && shoutedWords.join('').length >= 4) {
      // "RUGBY UNION": a one-word town that is also an ordinary word is the word.
      const shouted = tokens.length === 1 && classifyWord(shoutedWords[0]) === 'common' ? null : placeInfo(titleCase(joinTokens(this.text, tokens)));
      if (shouted) return this.add(tokens, 'place', shouted.name, RULES.shoutedPlace);
      // A dateline: "VAIL, Colorado 1996-12-06", "AL-AIN, United Arab Emirates" — a town before its state or country.
      const end = tokens[tokens.length - 1].end;
      const lineStart = this.text.lastIndexOf('\n', tokens[0].start - 1) + 1;
      const region = /^\s*,\s*(\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,3})/u.exec(this.text.slice(end, end + 40));
      if (region && /^\s*$/.test(this.text.slice(lineStart, tokens[0].start)) && placeInfo(region[1])) return this.add(tokens, 'place', titleCase(joinTokens(this.text, tokens)), RULES.shoutedPlace);
    }
    // Checked before sentence-initial ordinary words are dropped: "BIG LOSS:" is a banner, not "BIG" + an acronym "LOSS".
    if (this.isShoutedBanner(tokens)) return this.shoutedPlaces(tokens);
    // Sentence-initial ordinary words ("But", "Asked", "Several") and dates are not names.
    // A capitalised preposition inside the run ("Reporters Without Borders", "Mothers Against Drunk Driving") makes it one name,
    // first word included.
    const prepositionAt = tokens.findIndex((t, i) => i > 0 && i < tokens.length - 1 && NAME_PREPOSITIONS.has(t.word));
    if (prepositionAt > 0 && !run.titled && tokens.length <= 6) return this.add(tokens, 'organization', joinTokens(this.text, tokens), RULES.namePreposition);
    // "Advanced Medical Inc. said", "Brush Wellman Inc": before a legal form, a sentence's first word is the company's.
    const company = tokens.length > 1 && CORPORATE_SUFFIXES.has(tokens[tokens.length - 1].word);
    while (tokens.length && !tokens[0].possessive && this.isOrdinaryWord(tokens[0]) && !(company && tokens.length > 2 && this.opensCompanyName(tokens[0])) && !this.opensKnownOrganization(tokens))
      tokens.shift();
    // "Members of the Democratic Party", "Leaders of the Group of Seven": a sentence's first word, a plural of an ordinary noun, before
    // "of the" is the people of the body, not its name.
    if (tokens.length > 3 && tokens[0].sentenceStart && tokens[1].word === 'of' && tokens[2].word === 'the' && this.isCommonPlural(tokens[0].word)) tokens.splice(0, 3);
    // "The New York Times", "Islamist Hayat Tahrir al-Sham", "Turkish-backed rebels": leading words that are not the name.
    while (
      tokens.length > 1 &&
      (tokens[0].word === 'The' || LEADING_ADJECTIVES.has(tokens[0].word) || /-(?:based|backed|led|aligned|occupied|controlled|born|run|funded|held|allied|affiliated|linked)$/.test(tokens[0].word))
    )
      tokens.shift();
    if (tokens.length === 1 && /-(?:based|backed|led|aligned|occupied|controlled|born|run|funded|held|allied|affiliated|linked)$/.test(tokens[0].word)) return;
    while (tokens.length && !tokens[0].nameLike) tokens.shift();
    if (!tokens.length) return;
    const words = tokens.map((t) => t.word);
    if (this.isShoutedBanner(tokens)) return this.shoutedPlaces(tokens);
    if (tokens.length === 1 && (ORGANIZATION_HEADS.has(words[0]) || PLACE_HEADS.has(words[0]) || THING_WORDS.has(words[0]))) return;
    if (words.some((w) => THING_WORDS.has(w)) && !words.some((w) => ORGANIZATION_HEADS.has(w))) return;
    // "UN Security Council Resolution": the organization is named, the resolution is a thing.
    if (tokens.length > 1 && DOCUMENT_WORDS.has(words[words.length - 1]) && words.some((w) => ORGANIZATION_HEADS.has(w))) {
      return this.classifyRun({ tokens: tokens.slice(0, -1), titled: run.titled });
    }
    // "Katiab Hezbollah", "RIA Novosti": a known organization or a leading acronym makes the run an organization.
    // "Secretary-General of the Kurdistan Democratic Party": a leading title and its "of the" are not part of the body's name
    // ("Secretary of State Antony J. Blinken" keeps its title rule).
    const titleOf = words.findIndex((w) => w === 'of' || w === 'for');
    if (titleOf > 0 && words[titleOf + 1] === 'the' && words.slice(0, titleOf).every((_, i) => isTitleAt(words, i) || PERSON_TITLES.has(words[i]))) {
      let rest = titleOf + 1;
      while (rest < tokens.length && !tokens[rest].nameLike) rest++;
      return this.classifyRun({ tokens: tokens.slice(rest), titled: false });
    }
    // "Interpol Secretary General Jane Roe": a title inside the run leaves it to the title rule below.
    const titledInside = words.some((_, i) => i > 0 && isTitleAt(words, i));
    if (tokens.length > 1 && !run.titled && !titledInside && (words.some((w) => KNOWN_ORGANIZATIONS.has(w)) || (isAcronym(words[0]) && acronymKey(words[0]).length >= 3 && !placeInfo(words[0])))) {
      // "Galatasaray of Turkey", "IFK Gothenburg of Sweden": a club or company and, after "of", the place it is from: two names.
      const of = words.indexOf('of');
      const from = of > 0 && !words.slice(0, of).some((w) => ORGANIZATION_HEADS.has(w)) ? placeInfo(joinTokens(this.text, tokens.slice(of + 1))) : null;
      if (from && (words.slice(0, of).some((w) => KNOWN_ORGANIZATIONS.has(w)) || isAcronym(words[0]))) {
        this.add(tokens.slice(0, of), 'organization', joinTokens(this.text, tokens.slice(0, of)), RULES.knownOrganization);
        return this.add(tokens.slice(of + 1), 'place', from.name, RULES.gazetteerPlace);
      }
      return this.add(tokens, 'organization', joinTokens(this.text, tokens), RULES.knownOrganization);
    }
    const whole = joinTokens(this.text, tokens);
    if (HOLIDAYS.has(whole)) return;

    if (KNOWN_ORGANIZATIONS.has(whole)) return this.add(tokens, 'organization', whole, RULES.knownOrganization);
    // "Wells Fargo", "Dow Jones", "Boston Red Sox": compromise's lexicon knows the whole run as an organization.
    if (tokens.length > 1 && !run.titled && classifyWord(whole) === 'organization') return this.add(tokens, 'organization', whole, RULES.wordClass);
    const place = placeInfo(whole);
    if (this.namedAsOrganization(tokens, words, run.titled, place)) return this.add(tokens, 'organization', whole, RULES.organizationKind);
    if (place && tokens.length > 1) return this.add(tokens, 'place', place.name, RULES.gazetteerPlace);

    // Organizations keep their demonyms and titles: "Syrian Observatory for Human Rights", "Russian Foreign Ministry".
    const orgWord = words.findIndex((w) => ORGANIZATION_HEADS.has(w));
    const hasTitle = words.some((_, i) => isTitleAt(words, i));
    if (orgWord >= 0 && !(hasTitle && this.personAfterTitle(tokens)) && !titledPersonOf(words)) {
      // "U.S. Central Command", "Russia’s Defense Ministry": a leading possessive place stands apart.
      const possessiveAt = tokens.findIndex((t) => t.possessive);
      if (possessiveAt >= 0 && possessiveAt < tokens.length - 1) {
        this.classifyRun({ tokens: tokens.slice(0, possessiveAt + 1), titled: false });
        return this.classifyRun({ tokens: tokens.slice(possessiveAt + 1), titled: false });
      }
      return this.add(tokens, 'organization', whole, RULES.organizationHead);
    }
    if (PLACE_HEADS.has(words[words.length - 1]) && tokens.length > 1) return this.add(tokens, 'place', whole, RULES.placeHead);
    // "West Indies", "Southern Lebanon", "Central Asia": a compass word before a name that is not a title or an organization makes a place.
    if (COMPASS_WORDS.has(words[0]) && tokens.length > 1 && tokens.length <= 3 && !run.titled && !words.some((_, i) => isTitleAt(words, i))) {
      // "North Korean(s)" is a nationality, not a place.
      if (isDemonym(whole) || isDemonym(words[words.length - 1]) || isDemonym(whole.replace(/s$/, ''))) return;
      // "Northern Mozambique" is Mozambique, described: the mention is the country.
      const country = placeInfo(joinTokens(this.text, tokens.slice(1)));
      if (country?.kind === 'country' && /ern$|^Central$/.test(words[0])) return this.add(tokens.slice(1), 'place', country.name, RULES.compassRegion);
      return this.add(tokens, 'place', whole, RULES.compassRegion);
    }
    // "San Diego Padres", "New York Commodities": a known place with more words after it is not a place by its prefix.
    const placeLed = tokens.length > 2 && tokens.slice(2).some((_, k) => placeInfo(joinTokens(this.text, tokens.slice(0, k + 2))) !== null);
    if (PLACE_PREFIXES.has(words[0]) && tokens.length > 1 && tokens.length <= 4 && !run.titled && !placeLed) return this.add(tokens, 'place', whole, RULES.placeHead);

    // Titles: "Syrian President Bashar al-Assad", "Russia Foreign Minister Sergei Lavrov", "Maj. Gen. Pat Ryder".
    let lastTitle = -1;
    for (let t = 0; t < tokens.length - 1; t++) if (isTitleAt(words, t)) lastTitle = t;
    if (lastTitle >= 0) {
      const firstTitle = words.findIndex((_, i) => isTitleAt(words, i));
      // "Syrian President X": the demonym goes; "African National Congress Deputy President X": a body's name before the title keeps it.
      const body = tokens.slice(0, firstTitle).some((t) => ORGANIZATION_HEADS.has(t.word));
      const before = tokens.slice(0, firstTitle).filter((t) => body || !isDemonym(t.word));
      if (before.length) this.classifyRun({ tokens: before, titled: false });
      // "UN High Commissioner for Refugees", "Professor of Psychology", "Under-Secretary of State for Foreign … Affairs": a title
      // with its "of"/"for" is an office, not a person; what follows the preposition is a name only when it is a place or a body
      // ("President of Russia", "President of the European Commission"), not a field ("Psychology", "Human Rights").
      const next = tokens[lastTitle + 1];
      if (!next.nameLike && (next.word === 'of' || next.word === 'for')) {
        let rest = lastTitle + 2;
        while (rest < tokens.length && !tokens[rest].nameLike) rest++;
        const body = tokens.slice(rest);
        const bodyWords = body.map((t) => t.word);
        const named =
          body.length > 0 &&
          (placeInfo(joinTokens(this.text, body)) !== null ||
            bodyWords.some((w) => ORGANIZATION_HEADS.has(w) || KNOWN_ORGANIZATIONS.has(w) || isAcronym(w)) ||
            KNOWN_ORGANIZATIONS.has(joinTokens(this.text, body)));
        return named ? this.classifyRun({ tokens: body, titled: false }) : undefined;
      }
      return this.addPerson(tokens.slice(lastTitle + 1), true, RULES.titledPerson);
    }
    if (PERSON_TITLES.has(words[0]) && tokens.length === 1) return;

    // Demonyms are not places: "Syrian", "Russians"; a demonym before a name is dropped. "Sri Lankan(s)", "Puerto Rican": one of
    // several words is no person either.
    if (tokens.length > 1 && tokens.length <= 3 && !tokens[tokens.length - 1].possessive && (isDemonym(whole) || isDemonym(whole.replace(/s$/, '')))) return;
    while (tokens.length && (isDemonym(tokens[0].word) || DEMONYM_NOUNS.has(tokens[0].word)) && !tokens[0].possessive) tokens.shift();
    while (tokens.length && !tokens[0].nameLike) tokens.shift();
    if (!tokens.length) return;
    if (tokens.length === 1) return this.classifyWord(tokens[0], run.titled);

    const rest = joinTokens(this.text, tokens);
    const restPlace = placeInfo(rest);
    if (restPlace) return this.add(tokens, 'place', restPlace.name, RULES.gazetteerPlace);
    if (KNOWN_ORGANIZATIONS.has(rest)) return this.add(tokens, 'organization', rest, RULES.knownOrganization);
    // Several places in a row, as in a headline or list: "Syria Iran", "Kyiv Ukraine".
    if (tokens.every((t) => placeInfo(t.word) && !this.isCommon(t.word))) {
      for (const t of tokens) this.classifyWord(t, false);
      return;
    }
    // An unknown name where places go ("near Al Bukamal crossing", "the town of Tal Abyad") is a place.
    const before = this.text.slice(Math.max(0, tokens[0].start - 40), tokens[0].start);
    if (
      !run.titled &&
      classifyWord(tokens[0].word) !== 'firstName' &&
      tokens.length <= 3 &&
      PLACE_CUES_BEFORE.test(before) &&
      !PERSON_CUES_AFTER.test(this.text.slice(tokens[tokens.length - 1].end, tokens[tokens.length - 1].end + 40))
    ) {
      return this.add(tokens, 'place', joinTokens(this.text, tokens), RULES.placeCue);
    }
    const nameLikePerson = classifyWord(tokens[0].word) === 'firstName' || tokens.some((t) => /^(?:al|el|bin|ibn|Abu|Umm)$|^(?:al|el)-/u.test(t.word));
    if (
      !run.titled &&
      !nameLikePerson &&
      tokens.length <= 4 &&
      (ORGANIZATION_CUES_AFTER.test(this.text.slice(tokens[tokens.length - 1].end, tokens[tokens.length - 1].end + 80)) || ORGANIZATION_CUES_BEFORE.test(before))
    ) {
      return this.add(tokens, 'organization', joinTokens(this.text, tokens), RULES.organizationCue);
    }
    // "Hashd al Shaabi fighters", "the Truth Social platform": a group's or a service's name, even with a particle in it.
    const following = this.text.slice(tokens[tokens.length - 1].end, tokens[tokens.length - 1].end + 40);
    // Not "Anti-government fighters": a hyphenated adjective describes the fighters.
    if (!run.titled && classifyWord(tokens[0].word) !== 'firstName' && tokens.length <= 4 && !tokens.some((t) => /-\p{Ll}+$/u.test(t.word)) && GROUP_CUES_AFTER.test(following)) {
      return this.add(tokens, 'organization', joinTokens(this.text, tokens), RULES.organizationCue);
    }
    this.addPerson(tokens, run.titled);
  }

  /** A run of capitalised words with no other evidence: a person when it looks like a name. */
  private addPerson(tokens: Token[], titled: boolean, rule: EntityRule = RULES.personName): void {
    // "President Vladimir V. Putin of Russia": the name ends before "of".
    const of = tokens.findIndex((t, i) => i > 0 && (t.word === 'of' || t.word === 'for' || t.word === 'and'));
    if (of > 0) {
      const tail = tokens.slice(of + 1);
      tokens = tokens.slice(0, of);
      if (tail.length) this.classifyRun({ tokens: tail, titled: false });
    }
    while (tokens.length && !tokens[tokens.length - 1].nameLike) tokens.pop();
    if (!tokens.length) return;
    if (tokens.length === 1) return this.classifyWord(tokens[0], titled);
    const words = tokens.map((t) => t.word);
    if (tokens.length > 5) return;
    const after = this.text.slice(tokens[tokens.length - 1].end, tokens[tokens.length - 1].end + 40);
    const firstClass = classifyWord(words[0]);
    const personEvidence =
      titled ||
      firstClass === 'firstName' ||
      classifyWord(words[words.length - 1]) === 'lastName' ||
      words.some((w) => /^(?:al|el|Al|El|bin|ibn|Abu|Umm)$|^(?:al|el)-/u.test(w)) ||
      PERSON_CUES_AFTER.test(after) ||
      /^\p{Lu}\.$/u.test(words[1] ?? '');
    // Ordinary capitalised words ("Human Rights", "Civil War") without a name in them are not a person.
    // An abstract noun by its ending counts too ("Communication Technology", "Sustainable Development Goals").
    const ordinary = words.filter(
      (w) => !NAME_PARTICLES.has(w) && !NAME_CONNECTORS.has(w) && (this.isCommon(w) || COMMON_NOUN_ENDING.test(w)) && classifyWord(w) !== 'firstName' && classifyWord(w) !== 'lastName',
    ).length;
    if (!personEvidence && words.some((w) => isAcronym(w) && !/^\p{Lu}\.$/u.test(w))) return this.add(tokens, 'organization', joinTokens(this.text, tokens), RULES.acronym);
    if (!personEvidence && ordinary > 0) return;
    if (ordinary > 1) return;
    this.add(tokens, 'person', joinTokens(this.text, tokens), rule);
  }

  private classifyWord(token: Token, titled: boolean): void {
    const word = token.word;
    if (NOT_ACRONYMS.has(word) || word.length < 2) return;
    if ((isDemonym(word) || DEMONYM_NOUNS.has(word) || LANGUAGES.has(word)) && !token.possessive) return;
    // "in March", "during Ramadan": a month, weekday or holiday is a date, even where the gazetteer has a town of that name.
    if (CALENDAR_WORDS_LOWER.has(word.toLowerCase()) || HOLIDAYS.has(word)) return;
    // "the Iraq-Syria border", "Israel-Gaza war": two countries, two mentions.
    if (/^\p{Lu}\p{L}+(?:-\p{Lu}\p{L}+)+$/u.test(word)) {
      const parts = word.split('-');
      if (parts.every((part) => placeInfo(part)?.kind === 'country' || placeInfo(part)?.kind === 'region')) {
        let start = token.start;
        for (const part of parts) {
          this.add([{ ...token, start, end: start + part.length, word: part, possessive: false }], 'place', placeInfo(part)?.name ?? part, RULES.gazetteerPlace);
          start += part.length + 1;
        }
        return;
      }
    }
    if (KNOWN_ORGANIZATIONS.has(word)) return this.add([token], 'organization', word, RULES.knownOrganization);
    if (isAcronym(word)) {
      const place = placeInfo(word) ?? (word.length >= 4 && !word.includes('.') ? placeInfo(titleCase(word)) : null);
      if (place) return this.add([token], 'place', place.name, RULES.gazetteerPlace);
      // "LOSS", "NOW": shouted words; "CN", "DC": two letters are too often codes.
      if (!word.includes('.') && this.isCommon(word)) return;
      if (acronymKey(word).length === 2 && (!SHORT_ACRONYMS.has(acronymKey(word)) || SHORT_ACRONYMS_BLOCKED.has(word))) return;
      // The name as written ("S.B.U."): linking compares names without their dots, so "SBU" is the same key.
      return this.add([token], 'organization', word, RULES.acronym);
    }
    let wordClass = classifyWord(word);
    if (wordClass === 'unknown' && this.isCommon(word)) wordClass = 'common';
    if (titled && wordClass !== 'common' && wordClass !== 'time') return this.add([token], 'person', word, RULES.titledPerson);
    const place = placeInfo(word);
    // "Leeds striker Lee Bowyer", "Barcelona coach": a club named after its city (national sides stay countries).
    if (place?.kind === 'city' && !token.possessive && TEAM_ROLES_AFTER.test(this.text.slice(token.end, token.end + 30))) {
      this.teams.add(word);
      return this.add([token], 'organization', word, RULES.teamRole);
    }
    // "Clinton said", "Lara told reporters": a town that speaks is a person, unless it is a capital speaking for its government.
    if (place?.kind === 'city' && wordClass !== 'place' && !isCapital(word) && PERSON_CUES_AFTER.test(this.text.slice(token.end, token.end + 40))) {
      return this.add([token], 'person', word, RULES.speakingCity);
    }
    if (place && (wordClass !== 'common' || place.kind === 'country')) return this.add([token], 'place', place.name, RULES.gazetteerPlace);
    if (wordClass === 'organization') return this.add([token], 'organization', word, RULES.wordClass);
    if (wordClass === 'place') return this.add([token], 'place', word, RULES.wordClass);
    if (wordClass === 'common' || wordClass === 'time' || wordClass === 'demonym' || wordClass === 'honorific') return;
    this.pending.push({
      token,
      before: this.text.slice(Math.max(0, token.start - 40), token.start),
      after: this.text.slice(token.end, token.end + 80),
    });
  }

  /** Resolves pending single words once the article's people are known: surnames, repeated names, speech verbs. */
  resolvePending(): void {
    const bySurname = new Map<string, string>();
    const byName = new Map<string, Found>();
    for (const f of this.found) {
      byName.set(f.name, f);
      if (f.kind === 'person') {
        const parts = f.name.split(' ');
        const last = parts[parts.length - 1].replace(/^(?:al|el)-/i, '');
        if (parts.length > 1) bySurname.set(last, f.name);
      }
    }
    for (const { token, before, after } of this.pending) {
      const bare = token.word.replace(/^(?:al|el)-/i, '');
      const known = byName.get(token.word);
      if (known) this.add([token], known.kind, known.name, RULES.articleName);
      else if (bySurname.has(bare)) this.add([token], 'person', token.word, RULES.articleName);
      else if (!/-\p{Ll}+$/u.test(token.word) && (COMPANY_CUES_AFTER.test(after) || GROUP_CUES_AFTER.test(after))) this.add([token], 'organization', token.word, RULES.organizationCue);
      else if (PERSON_CUES_AFTER.test(after) || classifyWord(token.word) === 'lastName' || classifyWord(token.word) === 'firstName') this.add([token], 'person', token.word, RULES.personName);
      else if (ORGANIZATION_CUES_AFTER.test(after) || ORGANIZATION_CUES_BEFORE.test(before)) this.add([token], 'organization', token.word, RULES.organizationCue);
      else if (!token.sentenceStart && !/-\p{Ll}+$/u.test(token.word) && !COMMON_NOUN_ENDING.test(token.word) && PLACE_CUES_BEFORE_PAIR.test(before))
        this.add([token], 'place', token.word, RULES.placeCue);
      else if (this.coordinatedOrganization(before, after, byName)) this.add([token], 'organization', token.word, RULES.coordinatedName);
    }
  }

  /**
   * "Carrefour and Vodafone reported", "shares of Ericsson, Nokia and Siemens": an unknown word in a pair or list with an organization
   * the rules named is one too (a person or a place beside it says nothing: "Smith and Apple" is rare, "Smith and Jones" is not).
   */
  private coordinatedOrganization(before: string, after: string, byName: ReadonlyMap<string, Found>): boolean {
    const next = COORDINATED_AFTER.exec(after);
    const previous = COORDINATED_BEFORE.exec(before);
    return [next?.[1], previous?.[1]].some((name) => name !== undefined && byName.get(name)?.kind === 'organization');
  }

  /**
   * A city name that is also the surname of a person the article names in full ("Brian Lara" …
   * "Lara scored"; "Michael Vaughan" … "Vaughan") is that person: a reporter would write the town's
   * name with a country or a cue, the person's surname alone is the normal second mention.
   */
  surnamesOverCities(): void {
    const surnames = new Map<string, string>();
    for (const f of this.found) {
      if (f.kind !== 'person') continue;
      const parts = f.name.split(' ');
      if (parts.length > 1) surnames.set(parts[parts.length - 1], f.name);
    }
    for (const f of this.found) {
      if (f.kind !== 'place' || !surnames.has(f.name) || placeInfo(f.name)?.kind !== 'city') continue;
      const written = this.text.slice(f.span.start, f.span.end).replace(/[’']s$/, '');
      if (written === f.name) {
        f.kind = 'person';
        f.rule = RULES.surnameOverCity;
      }
    }
  }

  /**
   * The text says what a name is: "Isala, a Belgian organization that supports …". The name takes that
   * kind wherever the article reads it as a person by default, and its described mention is added when
   * nothing else found it (one sense per article). Names with a title or a known first name stay people.
   */
  namesTheTextDescribes(inBoilerplate: (span: Span) => boolean): void {
    const described = new Set<string>();
    for (const comma of this.text.matchAll(APPOSITION_START)) {
      const afterStart = comma.index + comma[0].length;
      if (!ORGANIZATION_HEAD_AFTER.test(this.text.slice(afterStart, afterStart + 80))) continue;
      const windowStart = Math.max(0, comma.index - 60);
      const m = NAME_BEFORE.exec(this.text.slice(windowStart, comma.index));
      if (!m) continue;
      const name = m[1];
      const start = windowStart + m.index;
      if (name.split(' ').some((w) => classifyWord(w) === 'firstName' || PERSON_TITLES.has(w))) continue;
      if (PERSON_TITLE_BEFORE.test(this.text.slice(Math.max(0, start - 30), start))) continue;
      if (!inBoilerplate({ start, end: start + name.length })) described.add(name);
    }
    // "the France Inter radio interview": a name read as a person that modifies a medium is its outlet (retyped, never added).
    for (const medium of this.text.matchAll(MEDIUM_AFTER_NAME)) {
      const windowStart = Math.max(0, medium.index - 60);
      const m = NAME_BEFORE.exec(this.text.slice(windowStart, medium.index));
      if (!m || !/\bthe $/i.test(this.text.slice(Math.max(0, windowStart + m.index - 4), windowStart + m.index))) continue;
      const start = windowStart + m.index;
      if (this.found.some((f) => f.kind === 'person' && f.span.start === start && f.span.end === start + m[1].length)) described.add(m[1]);
    }
    for (const name of described) {
      // Every whole-word occurrence: a person read by default becomes the organization, a miss is added.
      for (const start of wholeWordOccurrences(this.text, name)) {
        const span = { start, end: start + name.length };
        if (inBoilerplate(span)) continue;
        const overlapping = this.found.filter((f) => f.span.start < span.end && span.start < f.span.end);
        if (!overlapping.length) this.found.push({ span, kind: 'organization', name, rule: RULES.describedName });
        for (const f of overlapping) {
          if (f.kind === 'person' && f.span.start === span.start && f.span.end >= span.end) {
            f.kind = 'organization';
            f.rule = RULES.describedName;
          }
        }
      }
    }
  }

  /** Headlines capitalise every word: keep only names the body or the gazetteer knows. */
  headline(span: Span): void {
    const tokens = tokenize(this.text, span.start, span.end);
    const known = new Map<string, Found>();
    for (const f of this.found) {
      known.set(this.text.slice(f.span.start, f.span.end), f);
      known.set(f.name, f);
      if (f.kind === 'person') {
        const parts = f.name.split(' ');
        if (parts.length > 1) known.set(parts[parts.length - 1], f);
      }
    }
    for (let i = 0; i < tokens.length;) {
      let matched = 0;
      for (let n = Math.min(5, tokens.length - i); n >= 1 && !matched; n--) {
        const slice = tokens.slice(i, i + n);
        if (!slice.every((t) => t.nameLike)) continue;
        if (slice.slice(0, -1).some((t) => t.possessive)) continue;
        const name = joinTokens(this.text, slice);
        const f = known.get(name);
        const place = placeInfo(name);
        if (f) {
          this.add(slice, f.kind, f.kind === 'person' ? name : f.name, RULES.headlineKnown);
          matched = n;
        } else if (place && (n > 1 || classifyWord(name) !== 'common' || place.kind === 'country')) {
          this.add(slice, 'place', place.name, RULES.headlineKnown);
          matched = n;
        } else if (n === 1 && (KNOWN_ORGANIZATIONS.has(name) || (isAcronym(name) && !NOT_ACRONYMS.has(name)))) {
          this.classifyWord(slice[0], false);
          matched = 1;
        }
      }
      i += matched || 1;
    }
    this.pending.length = 0;
  }

  /**
   * Shouted headlines and banners ("ALL HELL TO PAY", "BIG LOSS:") are not names, but the countries and
   * multi-word places in them are ("LATE GOALS GIVE JAPAN WIN OVER SYRIA", "AUSTRALIA V WEST INDIES").
   */
  private isShoutedBanner(tokens: readonly Token[]): boolean {
    if (tokens.length < 2) return false;
    const words = tokens.map((t) => t.word);
    return words.filter((w) => w.length > 1 && isUpperCased(w) && /\p{Lu}{2}/u.test(w)).length >= 2 && !placeInfo(joinTokens(this.text, tokens)) && words.some((w) => this.isCommon(w));
  }

  /** The places inside a shouted line: countries, and places of two or three words. */
  private shoutedPlaces(tokens: readonly Token[]): void {
    for (let i = 0; i < tokens.length;) {
      let matched = 0;
      for (let n = Math.min(3, tokens.length - i); n >= 1 && !matched; n--) {
        const slice = tokens.slice(i, i + n);
        if (slice.slice(0, -1).some((t) => t.possessive) || !slice.every((t) => t.nameLike)) continue;
        const place = placeInfo(titleCase(joinTokens(this.text, slice)));
        if (place && (n > 1 ? !slice.some((t) => this.isCommon(t.word)) || place.kind !== 'city' : place.kind === 'country')) {
          this.add(slice, 'place', place.name, RULES.shoutedPlace);
          matched = n;
        }
      }
      i += matched || 1;
    }
  }

  /** Whether a run names a team in a sports result, fixture or league-table line (wire services print these in bulk). */
  private isTeamInResultLine(tokens: readonly Token[]): boolean {
    const start = tokens[0].start;
    const end = tokens[tokens.length - 1].end;
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = this.text.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = this.text.length;
    const before = this.text.slice(lineStart, start);
    const after = this.text.slice(end, lineEnd);
    // Result and table lines are short; prose lines are not (and the patterns below need not scan them).
    if (lineEnd - lineStart > 160 || /[()]/.test(before)) return false;
    // A person's name in a results list ("Brett Liddle 75 65 70 69"): a known first name says person.
    if (tokens.length > 1 && classifyWord(tokens[0].word) === 'firstName') return false;
    const atLineStart = /^\s*(?:\d{1,3}\.?\s+)?$/.test(before);
    // "Maccabi Tel Aviv ( Israel ) 9 5 4 14": a country in brackets may follow a team's name.
    const figures = after.replace(/^\s+\(\s*\p{Lu}[\p{L}\p{M} .'’-]*\)/u, '');
    // League table: the name, then four or more figures.
    if (atLineStart && /^\s+\d+(?:\s+-?\d+){3,}\s*$/.test(figures)) return true;
    // Result, home side: "Preston 2 York 3", "Arab Contractors ( Egypt ) 4 Sodigraf ( Zaire ) 0".
    if ((atLineStart || /:\s*$/.test(before)) && HOME_SIDE.test(figures)) return true;
    // Result, away side.
    if (/^\s+\d{1,3}\b/.test(figures) && AWAY_SIDE.test(before)) return true;
    // Fixtures: "Airdrieonians v Clydebank", "ANAHEIM AT BUFFALO" (a line of its own).
    if (!/\s(?:v|vs\.?|AT)\s+$/.test(before) && !/^\s+(?:v|vs\.?|AT)\s/.test(after)) return false;
    return /^(?:[^:]*:\s*)?[^\s(][^()]*\s(?:v|vs\.?|AT)\s+[^()]+$/.test(this.text.slice(lineStart, lineEnd).trim());
  }

  /**
   * "state news agency Petra", "Supermarkets group Carrefour", "shares in Mentmore Abbey": a noun before the name says it is a body.
   * Not a country ("the party Ukraine"), a run with a title, or the subject of a relative clause ("the company Musk bought").
   */
  private namedAsOrganization(tokens: readonly Token[], words: readonly string[], titled: boolean, place: ReturnType<typeof placeInfo>): boolean {
    if (titled || tokens.length > 4 || place?.kind === 'country' || words.some((_, i) => isTitleAt(words, i))) return false;
    // "group C" of a tournament; "the website Example.com": a letter or a domain is not a body's name.
    const end = tokens[tokens.length - 1].end;
    if ((tokens.length === 1 && words[0].length < 2) || /^\.\p{L}/u.test(this.text.slice(end, end + 2))) return false;
    const before = this.text.slice(Math.max(0, tokens[0].start - 40), tokens[0].start);
    const cue = ORGANIZATION_KIND_BEFORE.exec(before);
    if (!cue) return false;
    // "publisher Ron Unz": a first name and more after the noun is a person with an occupation.
    if (tokens.length > 1 && classifyWord(words[0]) === 'firstName') return false;
    // "shares in London": a place after "shares in" is the market.
    if (place && /\b(?:shares|stake)\s+in\s+$/i.test(cue[2])) return false;
    return AFTER_NAMED_ORGANIZATION.test(this.text.slice(end, end + 30));
  }

  /** "Members", "Leaders": a plural the lexicon knows as no name (singular or plural), and no organization's head or name. */
  /**
   * "Kestrel Middle School Monday", "Lake Victoria Tuesday", "Nairobi, Kenya October 12": news writes the date right after a body or
   * a place, so a weekday or month ending a run whose rest is a place, a known organization, opens with a place prefix or ends in a
   * head is the date, not the name ("Theresa May", "Black Friday" keep theirs).
   */
  private endsWithDate(tokens: readonly Token[]): boolean {
    if (tokens.length < 2 || !CALENDAR_WORDS_LOWER.has(tokens[tokens.length - 1].word.toLowerCase()) || HOLIDAYS.has(joinTokens(this.text, tokens))) return false;
    const rest = tokens.slice(0, -1);
    const last = rest[rest.length - 1].word;
    const name = joinTokens(this.text, rest);
    return ORGANIZATION_HEADS.has(last) || PLACE_HEADS.has(last) || PLACE_PREFIXES.has(rest[0].word) || KNOWN_ORGANIZATIONS.has(name) || placeInfo(name) !== null;
  }

  private isCommonPlural(word: string): boolean {
    if (!/^\p{Lu}\p{Ll}+s$/u.test(word) || ORGANIZATION_HEADS.has(word) || KNOWN_ORGANIZATIONS.has(word) || placeInfo(word)) return false;
    const plural = classifyWord(word);
    const singular = classifyWord(word.slice(0, -1));
    return (plural === 'common' || plural === 'unknown') && (singular === 'common' || singular === 'unknown');
  }

  /** "Human Rights Watch said": the run opens with a known organization of several words, its first word an ordinary one. */
  private opensKnownOrganization(tokens: readonly Token[]): boolean {
    for (let n = Math.min(4, tokens.length); n >= 2; n--) if (KNOWN_ORGANIZATIONS.has(joinTokens(this.text, tokens.slice(0, n)))) return true;
    return false;
  }

  /** A sentence-initial word that can open a company's name: not a function word, a title or a time ("But", "President", "Monday"). */
  private opensCompanyName(token: Token): boolean {
    return !TOPIC_NEUTRAL_WORDS_LOWER.has(token.word.toLowerCase()) && !PERSON_TITLES.has(token.word) && classifyWord(token.word) !== 'time';
  }

  private isOrdinaryWord(token: Token): boolean {
    // "West Indies were all out": a compass word opening a name stays for the compass rule.
    if (COMPASS_WORDS.has(token.word)) return false;
    const cls = classifyWord(token.word);
    if (cls === 'time') return true;
    if (!token.sentenceStart || PERSON_TITLES.has(token.word)) return false;
    if (cls !== 'common' && !(cls === 'unknown' && this.lowercaseWords().has(token.word.toLowerCase()))) return false;
    return !placeInfo(token.word) && !KNOWN_ORGANIZATIONS.has(token.word);
  }

  /** An ordinary word: compromise's lexicon knows it as one, or the article also writes it in lower case. */
  private isCommon(word: string): boolean {
    return classifyWord(word) === 'common' || this.lowercaseWords().has(word.toLowerCase());
  }

  private lowercase?: Set<string>;

  private lowercaseWords(): Set<string> {
    if (!this.lowercase) {
      this.lowercase = lowercaseWordsOf(this.text);
    }
    return this.lowercase;
  }

  private personAfterTitle(tokens: readonly Token[]): boolean {
    // "Foreign Minister Sergei Lavrov" has an organization-like word? No; but "Army Gen. X" does: a name after the last title.
    let lastTitle = -1;
    const words = tokens.map((t) => t.word);
    tokens.forEach((_, i) => {
      if (isTitleAt(words, i)) lastTitle = i;
    });
    const after = tokens.slice(lastTitle + 1);
    return after.length > 0 && !after.some((t) => ORGANIZATION_HEADS.has(t.word));
  }

  add(tokens: readonly Token[], kind: EntityKind, name: string, rule: EntityRule): void {
    if (!tokens.length || !name) return;
    const { start, end } = spanOf(tokens);
    // "Handgun Control Inc., Sarah Brady": the tokeniser leaves a final full stop to the sentence; a legal form keeps its own.
    // Not at a sentence's end ("… Group Inc. Joseph Kuhn will"): there the stop is the sentence's.
    const stop = kind === 'organization' && this.text[end] === '.' && CORPORATE_SUFFIXES.has(`${tokens[tokens.length - 1].word}.`) && /^\s*[\p{Ll},;:)]/u.test(this.text.slice(end + 1, end + 4));
    this.found.push({ span: { start, end: stop ? end + 1 : end }, kind, name, rule });
  }
}

/**
 * Every match of `/(?<![\p{L}\p{N}’'-])\p{Ll}[\p{Ll}\p{M}]+/gu` in `text`: words written in lower case. A scan
 * by code point instead of the regex, which ran over every article's whole text (test/unit/scanners.test.ts).
 */
export function lowercaseWordsOf(text: string): Set<string> {
  const words = new Set<string>();
  const n = text.length;
  for (let at = 0; at < n;) {
    const width = widthAt(text, at);
    if (classAt(text, at) & LOWER) {
      let glued = false;
      if (at > 0) {
        const before = previousStart(text, at);
        const c = text.charCodeAt(before);
        glued = (classAt(text, before) & (LETTER | NUMBER)) !== 0 || c === 0x2019 || c === 0x27 || c === 0x2d;
      }
      if (!glued) {
        let end = at + width;
        while (classAt(text, end) & (LOWER | MARK)) end += widthAt(text, end);
        if (end > at + width) {
          words.add(text.slice(at, end));
          at = end;
          continue;
        }
      }
    }
    at += width;
  }
  return words;
}
