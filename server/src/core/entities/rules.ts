/**
 * The names of the entity rules. Every mention the recogniser emits records the rule that decided its
 * span and kind (`EntityMention.rule`), so `news-lens analyze --explain` and the evaluation can say which
 * rule made a mistake. A rule that retypes a mention (one sense per article) replaces the name.
 */
export const RULES = {
  /** A team in a sports result, fixture or table line ("Preston 2 York 3"); national sides stay countries. */
  resultLineTeam: 'result-line-team',
  /** A place printed in capitals ("NEW YORK", "NAIROBI") or a town before its region on a dateline. */
  shoutedPlace: 'shouted-place',
  /** A capitalised preposition inside the run makes it one organization ("Reporters Without Borders"). */
  namePreposition: 'name-preposition',
  /** A known organization, or a run led by an acronym or holding a known organization ("RIA Novosti"). */
  knownOrganization: 'known-organization',
  /** A place the gazetteers know (countries, cities, regions). */
  gazetteerPlace: 'gazetteer-place',
  /** An organization head word in the run ("Ministry", "Observatory"). */
  organizationHead: 'organization-head',
  /** A place head word ends the run ("Street", "Province") or a place prefix opens it ("Tal", "Port"). */
  placeHead: 'place-head',
  /** A compass word before a name ("West Indies", "Northern Mozambique"). */
  compassRegion: 'compass-region',
  /** The name after a title or rank ("Foreign Minister Sergei Lavrov"). */
  titledPerson: 'titled-person',
  /** An unknown name where places go ("in Azaz", "the town of Tal Abyad"). */
  placeCue: 'place-cue',
  /** A name right after a noun that says what kind of body it is ("news agency Petra", "fashion house Burberry", "shares in Mentmore Abbey"). */
  organizationKind: 'organization-kind',
  /** An unknown name with an organization cue before or after it ("news agency SANA", "Newmont shares"). */
  organizationCue: 'organization-cue',
  /** A person by the shape of the name: a first name, a surname, a particle, a speech verb after it. */
  personName: 'person-name',
  /** An acronym, or a run holding one without any evidence of a person. */
  acronym: 'acronym',
  /** A city named before a sports role is its club ("Leeds striker"). */
  teamRole: 'team-role',
  /** A town that speaks is a person ("Lara told reporters"). */
  speakingCity: 'speaking-city',
  /** What compromise's lexicon says a single word is (organization, place). */
  wordClass: 'word-class',
  /** A single word resolved against the article: a name or surname it already holds. */
  articleName: 'article-name',
  /** A surname of a person the article names in full wins over a city of the same name ("Lara"). */
  surnameOverCity: 'surname-over-city',
  /** The text says what a name is ("Isala, a Belgian organization"; "the France Inter radio interview"). */
  describedName: 'described-name',
  /** A headline keeps only names the body or the gazetteer knows. */
  headlineKnown: 'headline-known',
  /** A lower-case description the text names by an acronym ("security service, known as the S.B.U."). */
  describedAcronym: 'described-acronym',
  /** An acronym takes the kind and name of the long form the text ties it to ("Hayat Tahrir al-Sham (HTS)"). */
  acronymDefinition: 'acronym-definition',
  /** A city named as a team in the results is the team in the report too. */
  teamOneSense: 'team-one-sense',
  /** The town a dateline opens with, in capitals ("NAIROBI", "LONDON 1996-08-30"). */
  datelineTown: 'dateline-town',
  /** A news outlet of the outlets list named in the body ("Deutsche Welle", "the Times of Israel"), split from names beside it. */
  knownOutlet: 'known-outlet',
  /** A name in a byline, credit or caption line (boilerplate for dimming, still a name). */
  creditLine: 'credit-line',
  /** A place before a figure with thousands or decimals is a row of a table by place ("TOKYO 21,228.80"), not a team: the tagger does not retype it. */
  placeBeforeFigure: 'place-before-figure',
  /** A name only the trained tagger found (entities/tagger/), added where no rule's mention overlaps it. */
  tagger: 'tagger',
  /** The tagger's type on a rule's span (the same span, or the tagger's name inside it): "Chelsea" the club, not the place. */
  taggerType: 'tagger-type',
  /** The tagger's span and type where they differ from the rules' mentions it overlaps. */
  taggerSpan: 'tagger-span',
  /** A company's name without its legal form, where the article also writes it with one ("Advanced Medical Inc." … "Advanced Medical said"). */
  companyShortName: 'company-short-name',
  /** An unknown word paired or listed with an organization the rules named ("Carrefour and Vodafone reported"). */
  coordinatedName: 'coordinated-name',
  /** A name the tagger typed (or only a person's shape made a person) takes the type a near-certain rule gives the same name in the article ("al-Assad" the person, "Mentmore Abbey" the company). */
  taggerOneSense: 'tagger-one-sense',
} as const;

export type EntityRule = (typeof RULES)[keyof typeof RULES];
