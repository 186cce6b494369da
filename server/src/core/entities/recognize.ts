import type { ArticleLayout, EntityKind, EntityMention, Span } from '../model';
import { isCapital, isDemonym, placeInfo } from './gazetteer';
import { classifyWord } from './lexicon';
import { acronymKey, cleanName } from './names';
import { wholeWordOccurrences } from '../text';

/**
 * People, places and organizations of one article, by rules over capitalised-word runs, the
 * gazetteers (world-countries, GeoNames cities) and compromise's lexicon. Linear in the article's
 * length: compromise's tagger is never run over the text (see lexicon.ts for why).
 *
 * Three passes: body runs are classified on their own evidence (titles, first names, gazetteer,
 * organisation words, acronyms); single words left open are resolved against the article's people
 * (surnames) and names; then the headline, whose Title Case says nothing, keeps only known names.
 */

interface Token {
  readonly start: number;
  readonly end: number;
  /** The token without a possessive `’s`. */
  readonly word: string;
  readonly possessive: boolean;
  readonly sentenceStart: boolean;
  readonly nameLike: boolean;
}

interface Candidate {
  readonly tokens: readonly Token[];
  /** Evidence seen before the run (a title or a word such as "spokesman"). */
  readonly titled: boolean;
}

interface Found {
  span: Span;
  kind: EntityKind;
  name: string;
}

/** Titles and ranks: evidence of a person, never part of the name. */
const TITLES = new Set([
  'Mr.', 'Mrs.', 'Ms.', 'Miss', 'Dr.', 'Mr', 'Mrs', 'Ms', 'Dr', 'Prof.', 'Sir', 'Dame', 'Lord', 'Lady', 'President', 'President-elect', 'Vice',
  'Prime', 'Minister', 'Foreign', 'Defense', 'Defence', 'Interior', 'Finance', 'Deputy', 'Secretary', 'Secretary-General', 'General',
  'Gen.', 'Maj.', 'Lt.', 'Col.', 'Capt.', 'Sgt.', 'Adm.', 'Colonel', 'Major', 'Captain', 'Sergeant', 'Admiral', 'Lieutenant', 'Commander',
  'Gov.', 'Governor', 'Sen.', 'Senator', 'Rep.', 'Representative', 'Professor', 'Judge', 'Justice', 'Chancellor', 'Mayor', 'Ambassador',
  'Chairman', 'Chairwoman', 'Speaker', 'Chief', 'Commissioner', 'Director', 'Spokesman', 'Spokeswoman', 'Former', 'Rev.', 'Sheikh', 'King',
  'Queen', 'Prince', 'Princess', 'Pope', 'Ayatollah', 'Emir', 'Sultan', 'Crown', 'Premier', 'Envoy', 'Pastor', 'Father', 'Imam', 'Rabbi',
  'Cardinal', 'Bishop', 'Archbishop', 'Mufti', 'Officer', 'Private', 'Corporal', 'Marshal', 'Field', 'Brig.', 'Brigadier', 'Lt.-Gen.',
  'Attorney', 'Solicitor', 'Leader', 'Opposition', 'Acting', 'Interim', 'Outgoing', 'Incoming', 'State',
]);
/** Title words that qualify another ("Foreign Minister", "Vice President"): alone they are ordinary words ("Foreign Policy Research"). */
const QUALIFYING_TITLES = new Set(['Foreign', 'Defense', 'Defence', 'Interior', 'Finance', 'State', 'Vice', 'Prime', 'Deputy', 'Former', 'Acting', 'Interim', 'Field', 'Crown', 'Opposition', 'Chief', 'Private', 'Outgoing', 'Incoming', 'Attorney', 'Solicitor', 'Senior']);

/** Whether the word at `i` works as a title here: a qualifying word only before another title. */
function isTitleAt(words: readonly string[], i: number): boolean {
  if (!TITLES.has(words[i])) return false;
  if (!QUALIFYING_TITLES.has(words[i])) return true;
  // "Secretary of State Antony J. Blinken"
  if (words[i] === 'State' && words[i - 1] === 'of') return true;
  return i + 1 < words.length && TITLES.has(words[i + 1]);
}

/** Lower-case words right before a name that make it a person ("said spokesman Dmitry Peskov"). */
const PERSON_CUES_BEFORE = /(?:spokes(?:man|woman|person)|minister|president|leader|chief|commander|envoy|ambassador|official|adviser|analyst|journalist|reporter|director|secretary|senator|lawmaker|colleague|son|daughter|wife|husband|brother|sister|father|mother)\s+$/;
/** Words before an unknown name that make it a place ("in Azaz", "the town of Jaramana"). */
const PLACE_CUES_BEFORE =
  /(?:\b(?:in|near|at|from|into|toward|towards|outside|across|around|between|reached|entered|captured|seized|shelled|bombed)\s+|\b(?:city|town|village|province|region|district|suburbs?|capital|governorate|areas?|neighbou?rhood|strongholds?|outskirts|island|port)\s+of\s+)(?:(?:north|south|east|west|central)(?:ern|-?(?:east|west)(?:ern)?)?\s+)?$/u;
/** The same, for a single word, also as the second of a pair ("in southern Suweida and Deraa"). */
const PLACE_CUES_BEFORE_PAIR = new RegExp(PLACE_CUES_BEFORE.source.replace(/\$$/, String.raw`(?:\p{Lu}[\p{L}-]+,?\s+(?:and|or)\s+)?$`), 'u');
/** Words before an unknown name that make it an organization ("news agency SANA", "the channel Al-Arabiya"). */
const ORGANIZATION_CUES_BEFORE = /\b(?:agency|network|channel|newspaper|broadcaster|outlet|daily|website|station|militia|group|party|company|firm|club|side|insurer|bank|carrier|airline|maker|producer|retailer|miner|conglomerate|automaker|(?:shares|stake|holding)\s+(?:in|of)|(?:bid|offer)\s+for|(?:takeover|acquisition)\s+of|merger\s+(?:with|of))\s+$/;
/** Words after a name that make it an armed group or a service ("Fatemiyoun groups", "Truth Social platform"); not "supporters" or "forces", which follow people too. */
const GROUP_CUES_AFTER = /^(?:[’']s)?\s+(?:fighters|militants|militia|militias|militiamen|faction|jihadists|insurgents|platform|app)\b|^\s+groups\b/;
/** Prepositions written with a capital only inside the name of a group or campaign. */
const NAME_PREPOSITIONS = new Set(['Without', 'Against', 'Beyond']);
/** Sports roles after a city's name make it the city's club. */
const TEAM_ROLES_AFTER = /^(?:[’']s?)?\s+(?:coach|manager|striker|midfielder|defender|goalkeeper|forward|winger|skipper|fullback|full-back|centre-back|playmaker)\b/;
/** Words after an unknown name that make it a company ("Newmont said it", "Barrick shares", "a Norilsk spokesman"). */
const COMPANY_CUES_AFTER = /^(?:[’']s)?\s+(?:said\s+(?:on\s+\p{Lu}\p{Ll}+\s+)?(?:it|its)\b|shares?\b|stock\b|shareholders?\b|chairman\b|chief\s+executive\b|board\b|subsidiary\b|spokes(?:man|woman)\b|Corp\b|Inc\b|Ltd\b|Plc\b|PLC\b|AG\b|SA\b|NV\b)/u;
/** Words after an unknown name that make it an organization ("Isala, a Belgian organization"). */
const ORGANIZATION_CUES_AFTER = /^,\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,4}(?:group|organi[sz]ation|agency|company|network|channel|union|party|movement|militia|faction|newspaper|outlet|broadcaster|monitor|watchdog|institute|charity|firm|coalition|alliance|platform)\b/u;

/**
 * "Isala, a Belgian organization that …", "UTSOPI, a Belgian sex work union": a name, then an apposition whose
 * head says what kind of body it is (only modifiers before the head: "a leader of the party" describes a person).
 * Matched from the cheap ", a " outwards: one regex over the whole text with the name first is ten times slower.
 */
const APPOSITION_START = /, an? /g;
const ORGANIZATION_HEAD_AFTER = /^(?:(?!(?:of|for|at|in|from|with|to|who|that|and|or)\b)[\p{L}-]+\s+){0,3}(?:organi[sz]ation|group|union|association|charity|company|firm|agency|party|network|broadcaster|newspaper|radio\s+station|television\s+channel|militia|movement|coalition|alliance|federation|foundation|think\s+tank|nonprofit|non-profit)\b/u;
const MEDIUM_AFTER_NAME = / (?=(?:radio|television|TV|newspaper|news agency|broadcaster)\b)/g;
const NAME_BEFORE = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}’'-]*(?: \p{Lu}[\p{L}’'-]*){0,3})(?:[’']s)?$/u;
/** A title, rank or role just before a name ("Mr.", "the opposition leader"): it is a person whatever follows. */
const PERSON_TITLE_BEFORE = /\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Prof|President|Minister|General|King|Queen|Prince|Sheikh|leader|spokesman|spokeswoman|spokesperson|director|chief|founder|activist|journalist|reporter|lawyer|official|chairman|chairwoman|mayor|governor|commander|envoy|ambassador)\.?\s+$/i;
/** Words after a name that make it a person ("Kobakhidze said", "Assad, who"). */
const PERSON_CUES_AFTER = /^(?:,\s+who\b|\s+(?:said|says|told|added|wrote|argued|insisted|stated|announced|warned|noted|claimed|explained|asked|replied|declared|tweeted|posted|urged|vowed)\b)/;

/** The head words of organization names. */
const ORGANIZATION_WORDS = new Set([
  'Ministry', 'Department', 'Party', 'Committee', 'Council', 'Agency', 'Times', 'News', 'Observatory', 'University', 'Institute', 'Center',
  'Centre', 'Forces', 'Army', 'Union', 'Nations', 'Court', 'Commission', 'Parliament', 'Group', 'Bank', 'Organization', 'Organisation',
  'Association', 'Foundation', 'Fund', 'Network', 'Press', 'Post', 'Journal', 'TV', 'Radio', 'Office', 'Service', 'Services', 'Congress',
  'Senate', 'Assembly', 'Federation', 'Front', 'Movement', 'Company', 'Corporation', 'Inc.', 'Inc', 'Ltd', 'Brigade', 'Brigades', 'Guard',
  'Police', 'Church', 'School', 'College', 'Hospital', 'Board', 'Authority', 'Team', 'Club', 'League', 'Alliance', 'Coalition', 'Watch',
  'International', 'Review', 'Channel', 'Daily', 'Herald', 'Tribune', 'Telegraph', 'Guardian', 'Gazette', 'Administration', 'Government',
  'Cabinet', 'Navy', 'Corps', 'Command', 'Council', 'Bureau', 'Institution', 'Society', 'Trust', 'Airlines', 'Airways', 'Group',
  'Partners', 'Holdings', 'Industries', 'Media', 'Desk', 'Newsroom', 'Fleet', 'Broadcasting', 'Monitor', 'Magazine', 'Brotherhood', 'Societies',
  'Unit', 'Units', 'Division', 'Battalion', 'Regiment', 'Mission', 'Red', 'Crescent', 'Cross', 'Academy', 'Republicans', 'Democrats',
]);
/** The head words of place names. */
const PLACE_WORDS = new Set([
  'Street', 'Square', 'Province', 'Region', 'City', 'Island', 'Islands', 'Sea', 'River', 'Valley', 'Heights', 'Mountains', 'Gulf',
  'Ocean', 'Strait', 'Corridor', 'Coast', 'Airport', 'Bridge', 'Park', 'Avenue', 'District', 'County', 'Governorate', 'Oblast',
  'Peninsula', 'Lake', 'Desert', 'Border', 'Crossing', 'Ground', 'Stadium', 'Oval', 'Arena', 'Camp', 'Palace', 'Cathedral', 'Mosque', 'Boulevard', 'Road', 'Plain',
]);
/** Organizations news names by a single word or a fixed phrase that no rule can type. */
const KNOWN_ORGANIZATIONS = new Set([
  'Hamas', 'Hezbollah', 'Kremlin', 'Pentagon', 'Reuters', 'Taliban', 'Houthis', 'Wagner', 'Gazprom', 'Google', 'Facebook', 'Meta', 'Twitter',
  'Telegram', 'Apple', 'Microsoft', 'Amazon', 'Tesla', 'Interfax', 'Tass', 'Bloomberg', 'Politico', 'Axios', 'White House', 'Knesset', 'Duma',
  'Bundestag', 'Vatican', 'Al Jazeera', 'Al-Jazeera', 'Al Arabiya', 'Nvidia', 'OpenAI', 'Instagram', 'YouTube', 'TikTok', 'Netflix', 'Spotify',
  'Boeing', 'Airbus', 'Interpol', 'Europol', 'Frontex', 'Eurostat', 'Hurriyet', 'Xinhua', 'Kyodo', 'Yonhap', 'Anadolu', 'Sana', 'Euronews',
  'Mossad', 'Shin Bet', 'Stasi', 'Wikipedia', 'Greenpeace', 'Amnesty', 'Oxfam', 'UNICEF', 'Hurras al-Din', 'Islamic State', 'Al Qaeda',
  'al-Qaeda', 'Hayat Tahrir al-Sham', 'Muslim Brotherhood', 'Republican Guard', 'Supreme Court', 'European Commission', 'European Union', 'United Nations', 'Security Council',
]);
/** All-caps words that are not organizations. */
const NOT_ACRONYMS = new Set([
  'I', 'II', 'III', 'IV', 'VI', 'AM', 'PM', 'A.M.', 'P.M.', 'TV', 'CEO', 'ET', 'GMT', 'IST', 'EST', 'CET', 'UTC', 'PST', 'OK', 'DNA', 'COVID',
  'ID', 'VIP', 'PDF', 'URL', 'GDP', 'PhD', 'MP', 'MPs', 'AI', 'SUV', 'HIV', 'AIDS', 'LGBT', 'LGBTQ', 'Q', 'A', 'Jr.', 'Sr.', 'LIVE', 'NEW',
  'MORE', 'READ', 'ALSO', 'WATCH', 'UPDATE', 'BREAKING', 'EXCLUSIVE', 'OPINION', 'ANALYSIS', 'PHOTOS', 'VIDEO', 'SHARE', 'FAQ', 'RSS', 'USD',
  'EUR', 'GBP', 'UAV', 'UAVs', 'AFP.', 'TNT', 'GPS', 'SMS', 'ATM', 'CCTV', 'LGBTQ+', 'LGBTQIA', 'L.G.B.T.', 'L.G.B.T.Q.', 'L.G.B.T.Q.+',
]);
const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'von', 'van', 'der', 'den', 'de', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'dos', 'das', 'ter', 'zu']);
const CONNECTORS = new Set(['of', 'for']);
/** Events, laws and things named in capitals: not people ("Maidan Revolution", "Chemical Weapons Convention"). */
const THING_WORDS = new Set(['Revolution', 'War', 'Convention', 'Cyclone', 'Storm', 'Hurricane', 'Treaty', 'Agreement', 'Accord', 'Accords', 'Day', 'Summit', 'Conference', 'Games', 'Cup', 'Award', 'Prize', 'Act', 'Law', 'Resolution', 'Plan', 'Initiative', 'Operation', 'Protocol', 'Declaration', 'Charter', 'Festival', 'Olympics', 'Championship', 'Program', 'Programme', 'Project', 'Report', 'Index', 'Research', 'Studies', 'Policy', 'Museum', 'Cathedral']);
/** Things an organization issues or holds, written after its name ("Security Council Resolution", "European Union Summit"). */
const DOCUMENT_WORDS = new Set(['Resolution', 'Act', 'Law', 'Treaty', 'Agreement', 'Accord', 'Accords', 'Convention', 'Summit', 'Conference', 'Declaration', 'Charter', 'Protocol', 'Report', 'Statement', 'Decision']);
/** First words of Arabic place names ("Tal Rifaat", "Khan Sheikhoun", "Deir al-Zour"). */
const PLACE_PREFIXES = new Set(['Tal', 'Tell', 'Tel', 'Khan', 'Deir', 'Dayr', 'Maaret', 'Maarat', 'Ras', 'Jabal', 'Jebel', 'Wadi', 'Bab', 'Ain', 'Kafr', 'Beit', 'Bir', 'Jisr', 'Qasr', 'Mount', 'Lake', 'Port', 'Fort', 'Cabo', 'Cape', 'Saint', 'San', 'Santa', 'Sao', 'New']);
/** A team's name in a result line, optionally with its country in brackets: "Sodigraf ( Zaire )". */
const SIDE = String.raw`\p{Lu}[\p{L}\p{M}.'’ -]*?(?:\s+\(\s*\p{Lu}[\p{L}\p{M} .'’-]*\))?`;
const HOME_SIDE = new RegExp(String.raw`^\s+\d{1,3}\s+${SIDE}\s+\d{1,3}\b`, 'u');
const AWAY_SIDE = new RegExp(String.raw`^(?:.*:)?\s*${SIDE}\s+\d{1,3}\s+$`, 'u');
/** Compass words that make the name after them a region ("West Indies", "Northern Mozambique"). */
const COMPASS_WORDS = new Set(['North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Upper', 'Lower']);
/** Leading adjectives an organization's name does not include ("Islamist Hayat Tahrir al-Sham"). */
const LEADING_ADJECTIVES = new Set(['Islamist', 'Jihadist', 'Rebel', 'Militant', 'Extremist', 'Radical', 'Pro-Russian', 'Pro-Western', 'Pro-European', 'Hard-line', 'Hardline', 'Far-right', 'Far-left', 'Then-President', 'Then', 'Former', 'Late']);
/** Two-letter acronyms that are names; other two-letter capitals are too often initials or codes. */
const SHORT_ACRONYMS = new Set(['UN', 'EU', 'AP', 'UK', 'US', 'IS', 'ZA']);
const SHORT_ACRONYMS_BLOCKED = new Set(['IS']);

const ABBREVIATION = /^(?:Mr|Mrs|Ms|Dr|Gen|Maj|Lt|Col|Capt|Sgt|Adm|Gov|Sen|Rep|Rev|Prof|St|Jr|Sr|Mt|Ft|Brig|No|Gov|Lt\.-Gen)$/;
const TOKEN = /(?:\p{Lu}\.){2,}|(?<=\p{Lu}\p{Ll}+\s)\p{Lu}\.(?=\s\p{Lu})|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[’'\-][\p{L}\p{M}\p{N}]+)*\.?|[.!?;:,()[\]"“”‘’—–]/gu;

function isCapitalised(word: string): boolean {
  const c = word.codePointAt(0) ?? 0;
  return c >= 65 && c <= 90 ? true : c > 127 && /^\p{Lu}/u.test(word);
}

/** "NEW YORK" → "New York", for place names printed in capitals. */
function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function isAcronym(word: string): boolean {
  return /^(?:\p{Lu}\.){2,}$/u.test(word) || (/^\p{Lu}[\p{Lu}\d]{1,6}$/u.test(word) && /\p{Lu}.*\p{Lu}/u.test(word));
}

/** Tokens of `[from, to)`: words (with their possessive noted), dotted acronyms, abbreviations and punctuation. */
function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  const re = new RegExp(TOKEN.source, 'gu');
  re.lastIndex = from;
  let sentenceStart = true;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    let raw = m[0];
    const start = m.index;
    if (/^[.!?;:,()[\]"“”‘’—–]$/.test(raw)) {
      if (raw === '.' || raw === '!' || raw === '?' || raw === ':') sentenceStart = true;
      tokens.push({ start, end: start + 1, word: raw, possessive: false, sentenceStart: false, nameLike: false });
      continue;
    }
    // A final full stop belongs to abbreviations and initials; otherwise it ends the sentence.
    let endsSentence = false;
    if (raw.endsWith('.') && !/^(?:\p{Lu}\.)+$/u.test(raw) && !ABBREVIATION.test(raw.slice(0, -1))) {
      raw = raw.slice(0, -1);
      endsSentence = true;
    }
    if (start + raw.length > to) raw = raw.slice(0, to - start);
    // "V." is an initial only inside a name ("Vladimir V. Putin"); "platform X. Authorities" ends a sentence.
    if (/^\p{Lu}\.$/u.test(raw) && !(tokens.length && tokens[tokens.length - 1].nameLike && tokens[tokens.length - 1].end === start - 1)) {
      raw = raw.slice(0, -1);
      endsSentence = true;
    }
    const possessive = /[’']s$/.test(raw) && raw.length > 2;
    const word = possessive ? raw.slice(0, -2) : raw;
    const nameLike = isCapitalised(word) || /^(?:al|el|ad|as|ash|at|az|an|ar)-\p{Lu}/u.test(word);
    tokens.push({ start, end: start + word.length, word, possessive, sentenceStart, nameLike });
    sentenceStart = endsSentence;
    if (endsSentence) tokens.push({ start: start + raw.length, end: start + raw.length + 1, word: '.', possessive: false, sentenceStart: false, nameLike: false });
  }
  return tokens;
}

/** Maximal runs of name-like tokens, joined by single spaces, particles ("al", "bin") and, before a capital, "of"/"for". */
function findRuns(text: string, tokens: readonly Token[]): Candidate[] {
  const runs: Candidate[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i].nameLike) {
      i++;
      continue;
    }
    const run: Token[] = [tokens[i]];
    let j = i + 1;
    while (j < tokens.length && !run[run.length - 1].possessive) {
      const prev = run[run.length - 1];
      const t = tokens[j];
      if (!/^[ \u00a0]$/.test(text.slice(prev.end, t.start))) break;
      if (t.nameLike) {
        run.push(t);
        j++;
        continue;
      }
      const lower = t.word.toLowerCase();
      // Particles and connectors stay only when a capitalised word follows ("Ursula von der Leyen", "Organization for the Prohibition…").
      let k = j;
      while (k < tokens.length && (PARTICLES.has(tokens[k].word) || CONNECTORS.has(tokens[k].word) || tokens[k].word === 'the' || (k === j && tokens[k].word === 'and'))) k++;
      // "International Federation of Red Cross and Red Crescent Societies": "and" joins only inside a name that already has "of"/"for".
      const insideLongName = lower === 'and' && run.some((x) => CONNECTORS.has(x.word)) && k === j + 1 && k < tokens.length && tokens[k].nameLike;
      const joinable = insideLongName || (k > j && k < tokens.length && tokens[k].nameLike && k - j <= 3 && (PARTICLES.has(lower) || CONNECTORS.has(lower)));
      if (!joinable) break;
      const gapOk = tokens.slice(j, k + 1).every((x, n, all) => n === 0 || /^[ \u00a0]$/.test(text.slice(all[n - 1].end, x.start)));
      if (!gapOk) break;
      run.push(...tokens.slice(j, k));
      j = k;
    }
    const before = text.slice(Math.max(0, tokens[i].start - 30), tokens[i].start);
    runs.push({ tokens: run, titled: PERSON_CUES_BEFORE.test(before) });
    i = j;
  }
  return runs;
}

function joinTokens(text: string, tokens: readonly Token[]): string {
  return cleanName(text.slice(tokens[0].start, tokens[tokens.length - 1].end));
}

function spanOf(tokens: readonly Token[]): Span {
  return { start: tokens[0].start, end: tokens[tokens.length - 1].end };
}

/** Pending single words the body alone cannot type (resolved against the article's people and names). */
interface Pending {
  readonly token: Token;
  readonly before: string;
  readonly after: string;
}

class ArticleRecognizer {
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
    // Sports results and tables ("Preston 2 York 3", "Norwich 20 9 5 6 27", "Airdrieonians v Clydebank"): teams, even when named after a city.
    if (!run.titled && this.isTeamInResultLine(tokens)) {
      const team = joinTokens(this.text, tokens);
      // National sides are written as their country ("Japan 2 Syria 1"): the country is the name.
      const country = placeInfo(team) ?? placeInfo(titleCase(team));
      if (country?.kind === 'country') return this.add(tokens, 'place', country.name);
      if (team !== team.toUpperCase()) this.teams.add(team);
      return this.add(tokens, 'organization', team);
    }
    // Capitals in shouted lines and datelines still name places: "NEW YORK", "LONDON" (checked before "NEW" is taken for an ordinary word).
    const shoutedWords = tokens.map((t) => t.word);
    if (shoutedWords.every((w) => w === w.toUpperCase() && /\p{Lu}{2}/u.test(w)) && shoutedWords.join('').length >= 4) {
      // "RUGBY UNION": a one-word town that is also an ordinary word is the word.
      const shouted = tokens.length === 1 && classifyWord(shoutedWords[0]) === 'common' ? null : placeInfo(titleCase(joinTokens(this.text, tokens)));
      if (shouted) return this.add(tokens, 'place', shouted.name);
      // A dateline: "VAIL, Colorado 1996-12-06", "AL-AIN, United Arab Emirates" — a town before its state or country.
      const end = tokens[tokens.length - 1].end;
      const lineStart = this.text.lastIndexOf('\n', tokens[0].start - 1) + 1;
      const region = /^\s*,\s*(\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,3})/u.exec(this.text.slice(end, end + 40));
      if (region && /^\s*$/.test(this.text.slice(lineStart, tokens[0].start)) && placeInfo(region[1])) return this.add(tokens, 'place', titleCase(joinTokens(this.text, tokens)));
    }
    // Checked before sentence-initial ordinary words are dropped: "BIG LOSS:" is a banner, not "BIG" + an acronym "LOSS".
    if (this.isShoutedBanner(tokens)) return this.shoutedPlaces(tokens);
    // Sentence-initial ordinary words ("But", "Asked", "Several") and dates are not names.
    // A capitalised preposition inside the run ("Reporters Without Borders", "Mothers Against Drunk Driving") makes it one name, first word included.
    const prepositionAt = tokens.findIndex((t, i) => i > 0 && i < tokens.length - 1 && NAME_PREPOSITIONS.has(t.word));
    if (prepositionAt > 0 && !run.titled && tokens.length <= 6) return this.add(tokens, 'organization', joinTokens(this.text, tokens));
    while (tokens.length && !tokens[0].possessive && this.isOrdinaryWord(tokens[0])) tokens.shift();
    // "The New York Times", "Islamist Hayat Tahrir al-Sham", "Turkish-backed rebels": leading words that are not the name.
    while (tokens.length > 1 && (tokens[0].word === 'The' || LEADING_ADJECTIVES.has(tokens[0].word) || /-(?:based|backed|led|aligned|occupied|controlled|born|run|funded|held|allied|affiliated|linked)$/.test(tokens[0].word))) tokens.shift();
    if (tokens.length === 1 && /-(?:based|backed|led|aligned|occupied|controlled|born|run|funded|held|allied|affiliated|linked)$/.test(tokens[0].word)) return;
    while (tokens.length && !tokens[0].nameLike) tokens.shift();
    if (!tokens.length) return;
    const words = tokens.map((t) => t.word);
    if (this.isShoutedBanner(tokens)) return this.shoutedPlaces(tokens);
    if (tokens.length === 1 && (ORGANIZATION_WORDS.has(words[0]) || PLACE_WORDS.has(words[0]) || THING_WORDS.has(words[0]))) return;
    if (words.some((w) => THING_WORDS.has(w)) && !words.some((w) => ORGANIZATION_WORDS.has(w))) return;
    // "UN Security Council Resolution": the organization is named, the resolution is a thing.
    if (tokens.length > 1 && DOCUMENT_WORDS.has(words[words.length - 1]) && words.some((w) => ORGANIZATION_WORDS.has(w))) {
      return this.classifyRun({ tokens: tokens.slice(0, -1), titled: run.titled });
    }
    // "Katiab Hezbollah", "RIA Novosti": a known organization or a leading acronym makes the run an organization.
    if (tokens.length > 1 && !run.titled && (words.some((w) => KNOWN_ORGANIZATIONS.has(w)) || (isAcronym(words[0]) && acronymKey(words[0]).length >= 3 && !placeInfo(words[0])))) {
      return this.add(tokens, 'organization', joinTokens(this.text, tokens));
    }
    const whole = joinTokens(this.text, tokens);

    if (KNOWN_ORGANIZATIONS.has(whole)) return this.add(tokens, 'organization', whole);
    const place = placeInfo(whole);
    if (place && tokens.length > 1) return this.add(tokens, 'place', place.name);

    // Organizations keep their demonyms and titles: "Syrian Observatory for Human Rights", "Russian Foreign Ministry".
    const orgWord = words.findIndex((w) => ORGANIZATION_WORDS.has(w));
    const hasTitle = words.some((_, i) => isTitleAt(words, i));
    if (orgWord >= 0 && !(hasTitle && this.personAfterTitle(tokens))) {
      // "U.S. Central Command", "Russia’s Defense Ministry": a leading possessive place stands apart.
      const possessiveAt = tokens.findIndex((t) => t.possessive);
      if (possessiveAt >= 0 && possessiveAt < tokens.length - 1) {
        this.classifyRun({ tokens: tokens.slice(0, possessiveAt + 1), titled: false });
        return this.classifyRun({ tokens: tokens.slice(possessiveAt + 1), titled: false });
      }
      return this.add(tokens, 'organization', whole);
    }
    if (PLACE_WORDS.has(words[words.length - 1]) && tokens.length > 1) return this.add(tokens, 'place', whole);
    // "West Indies", "Southern Lebanon", "Central Asia": a compass word before a name that is not a title or an organization makes a place.
    if (COMPASS_WORDS.has(words[0]) && tokens.length > 1 && tokens.length <= 3 && !run.titled && !words.some((_, i) => isTitleAt(words, i))) {
      // "North Korean(s)" is a nationality, not a place.
      if (isDemonym(whole) || isDemonym(words[words.length - 1]) || isDemonym(whole.replace(/s$/, ''))) return;
      // "Northern Mozambique" is Mozambique, described: the mention is the country.
      const country = placeInfo(joinTokens(this.text, tokens.slice(1)));
      if (country?.kind === 'country' && /ern$|^Central$/.test(words[0])) return this.add(tokens.slice(1), 'place', country.name);
      return this.add(tokens, 'place', whole);
    }
    if (PLACE_PREFIXES.has(words[0]) && tokens.length > 1 && tokens.length <= 4 && !run.titled) return this.add(tokens, 'place', whole);

    // Titles: "Syrian President Bashar al-Assad", "Russia Foreign Minister Sergei Lavrov", "Maj. Gen. Pat Ryder".
    let lastTitle = -1;
    for (let t = 0; t < tokens.length - 1; t++) if (isTitleAt(words, t)) lastTitle = t;
    if (lastTitle >= 0) {
      const firstTitle = words.findIndex((_, i) => isTitleAt(words, i));
      const before = tokens.slice(0, firstTitle).filter((t) => !isDemonym(t.word));
      if (before.length) this.classifyRun({ tokens: before, titled: false });
      return this.addPerson(tokens.slice(lastTitle + 1), true);
    }
    if (TITLES.has(words[0]) && tokens.length === 1) return;

    // Demonyms are not places: "Syrian", "Russians"; a demonym before a name is dropped.
    while (tokens.length && isDemonym(tokens[0].word) && !tokens[0].possessive) tokens.shift();
    while (tokens.length && !tokens[0].nameLike) tokens.shift();
    if (!tokens.length) return;
    if (tokens.length === 1) return this.classifyWord(tokens[0], run.titled);

    const rest = joinTokens(this.text, tokens);
    const restPlace = placeInfo(rest);
    if (restPlace) return this.add(tokens, 'place', restPlace.name);
    if (KNOWN_ORGANIZATIONS.has(rest)) return this.add(tokens, 'organization', rest);
    // Several places in a row, as in a headline or list: "Syria Iran", "Kyiv Ukraine".
    if (tokens.every((t) => placeInfo(t.word) && !this.isCommon(t.word))) {
      for (const t of tokens) this.classifyWord(t, false);
      return;
    }
    // An unknown name where places go ("near Al Bukamal crossing", "the town of Tal Abyad") is a place.
    const before = this.text.slice(Math.max(0, tokens[0].start - 40), tokens[0].start);
    if (!run.titled && classifyWord(tokens[0].word) !== 'firstName' && tokens.length <= 3 && PLACE_CUES_BEFORE.test(before) && !PERSON_CUES_AFTER.test(this.text.slice(tokens[tokens.length - 1].end, tokens[tokens.length - 1].end + 40))) {
      return this.add(tokens, 'place', joinTokens(this.text, tokens));
    }
    const nameLikePerson = classifyWord(tokens[0].word) === 'firstName' || tokens.some((t) => /^(?:al|el|bin|ibn|Abu|Umm)$|^(?:al|el)-/u.test(t.word));
    if (!run.titled && !nameLikePerson && tokens.length <= 4 && (ORGANIZATION_CUES_AFTER.test(this.text.slice(tokens[tokens.length - 1].end, tokens[tokens.length - 1].end + 80)) || ORGANIZATION_CUES_BEFORE.test(before))) {
      return this.add(tokens, 'organization', joinTokens(this.text, tokens));
    }
    // "Hashd al Shaabi fighters", "the Truth Social platform": a group's or a service's name, even with a particle in it.
    const following = this.text.slice(tokens[tokens.length - 1].end, tokens[tokens.length - 1].end + 40);
    // Not "Anti-government fighters": a hyphenated adjective describes the fighters.
    if (!run.titled && classifyWord(tokens[0].word) !== 'firstName' && tokens.length <= 4 && !tokens.some((t) => /-\p{Ll}+$/u.test(t.word)) && GROUP_CUES_AFTER.test(following)) {
      return this.add(tokens, 'organization', joinTokens(this.text, tokens));
    }
    this.addPerson(tokens, run.titled);
  }

  /** A run of capitalised words with no other evidence: a person when it looks like a name. */
  private addPerson(tokens: Token[], titled: boolean): void {
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
    const ordinary = words.filter((w) => !PARTICLES.has(w) && !CONNECTORS.has(w) && this.isCommon(w) && classifyWord(w) !== 'firstName' && classifyWord(w) !== 'lastName').length;
    if (!personEvidence && words.some((w) => isAcronym(w) && !/^\p{Lu}\.$/u.test(w))) return this.add(tokens, 'organization', joinTokens(this.text, tokens));
    if (!personEvidence && ordinary > 0) return;
    if (ordinary > 1) return;
    this.add(tokens, 'person', joinTokens(this.text, tokens));
  }

  private classifyWord(token: Token, titled: boolean): void {
    const word = token.word;
    if (NOT_ACRONYMS.has(word) || word.length < 2) return;
    if (isDemonym(word) && !token.possessive) return;
    // "the Iraq-Syria border", "Israel-Gaza war": two countries, two mentions.
    if (/^\p{Lu}\p{L}+(?:-\p{Lu}\p{L}+)+$/u.test(word)) {
      const parts = word.split('-');
      if (parts.every((part) => placeInfo(part)?.kind === 'country' || placeInfo(part)?.kind === 'region')) {
        let start = token.start;
        for (const part of parts) {
          this.add([{ ...token, start, end: start + part.length, word: part, possessive: false }], 'place', placeInfo(part)?.name ?? part);
          start += part.length + 1;
        }
        return;
      }
    }
    if (KNOWN_ORGANIZATIONS.has(word)) return this.add([token], 'organization', word);
    if (isAcronym(word)) {
      const place = placeInfo(word) ?? (word.length >= 4 && !word.includes('.') ? placeInfo(titleCase(word)) : null);
      if (place) return this.add([token], 'place', place.name);
      // "LOSS", "NOW": shouted words; "CN", "DC": two letters are too often codes.
      if (!word.includes('.') && this.isCommon(word)) return;
      if (acronymKey(word).length === 2 && (!SHORT_ACRONYMS.has(acronymKey(word)) || SHORT_ACRONYMS_BLOCKED.has(word))) return;
      // The name as written ("S.B.U."): linking compares names without their dots, so "SBU" is the same key.
      return this.add([token], 'organization', word);
    }
    let wordClass = classifyWord(word);
    if (wordClass === 'unknown' && this.isCommon(word)) wordClass = 'common';
    if (titled && wordClass !== 'common' && wordClass !== 'time') return this.add([token], 'person', word);
    const place = placeInfo(word);
    // "Leeds striker Lee Bowyer", "Barcelona coach": a club named after its city (national sides stay countries).
    if (place?.kind === 'city' && !token.possessive && TEAM_ROLES_AFTER.test(this.text.slice(token.end, token.end + 30))) {
      this.teams.add(word);
      return this.add([token], 'organization', word);
    }
    // "Clinton said", "Lara told reporters": a town that speaks is a person, unless it is a capital speaking for its government.
    if (place?.kind === 'city' && wordClass !== 'place' && !isCapital(word) && PERSON_CUES_AFTER.test(this.text.slice(token.end, token.end + 40))) {
      return this.add([token], 'person', word);
    }
    if (place && (wordClass !== 'common' || place.kind === 'country')) return this.add([token], 'place', place.name);
    if (wordClass === 'organization') return this.add([token], 'organization', word);
    if (wordClass === 'place') return this.add([token], 'place', word);
    if (wordClass === 'common' || wordClass === 'time' || wordClass === 'demonym' || wordClass === 'honorific') return;
    this.pending.push({ token, before: this.text.slice(Math.max(0, token.start - 40), token.start), after: this.text.slice(token.end, token.end + 80) });
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
      if (known) this.add([token], known.kind, known.name);
      else if (bySurname.has(bare)) this.add([token], 'person', token.word);
      else if (!/-\p{Ll}+$/u.test(token.word) && (COMPANY_CUES_AFTER.test(after) || GROUP_CUES_AFTER.test(after))) this.add([token], 'organization', token.word);
      else if (PERSON_CUES_AFTER.test(after) || classifyWord(token.word) === 'lastName' || classifyWord(token.word) === 'firstName') this.add([token], 'person', token.word);
      else if (ORGANIZATION_CUES_AFTER.test(after) || ORGANIZATION_CUES_BEFORE.test(before)) this.add([token], 'organization', token.word);
      else if (!token.sentenceStart && !/-\p{Ll}+$/u.test(token.word) && PLACE_CUES_BEFORE_PAIR.test(before)) this.add([token], 'place', token.word);
    }
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
      if (written === f.name) f.kind = 'person';
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
      if (name.split(' ').some((w) => classifyWord(w) === 'firstName' || TITLES.has(w))) continue;
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
        if (!overlapping.length) this.found.push({ span, kind: 'organization', name });
        for (const f of overlapping) {
          if (f.kind === 'person' && f.span.start === span.start && f.span.end >= span.end) f.kind = 'organization';
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
    for (let i = 0; i < tokens.length; ) {
      let matched = 0;
      for (let n = Math.min(5, tokens.length - i); n >= 1 && !matched; n--) {
        const slice = tokens.slice(i, i + n);
        if (!slice.every((t) => t.nameLike)) continue;
        if (slice.slice(0, -1).some((t) => t.possessive)) continue;
        const name = joinTokens(this.text, slice);
        const f = known.get(name);
        const place = placeInfo(name);
        if (f) {
          this.add(slice, f.kind, f.kind === 'person' ? name : f.name);
          matched = n;
        } else if (place && (n > 1 || classifyWord(name) !== 'common' || place.kind === 'country')) {
          this.add(slice, 'place', place.name);
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
    return words.filter((w) => w.length > 1 && w === w.toUpperCase() && /\p{Lu}{2}/u.test(w)).length >= 2 && !placeInfo(joinTokens(this.text, tokens)) && words.some((w) => this.isCommon(w));
  }

  /** The places inside a shouted line: countries, and places of two or three words. */
  private shoutedPlaces(tokens: readonly Token[]): void {
    for (let i = 0; i < tokens.length; ) {
      let matched = 0;
      for (let n = Math.min(3, tokens.length - i); n >= 1 && !matched; n--) {
        const slice = tokens.slice(i, i + n);
        if (slice.slice(0, -1).some((t) => t.possessive) || !slice.every((t) => t.nameLike)) continue;
        const place = placeInfo(titleCase(joinTokens(this.text, slice)));
        if (place && (n > 1 ? !slice.some((t) => this.isCommon(t.word)) || place.kind !== 'city' : place.kind === 'country')) {
          this.add(slice, 'place', place.name);
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

  private isOrdinaryWord(token: Token): boolean {
    // "West Indies were all out": a compass word opening a name stays for the compass rule.
    if (COMPASS_WORDS.has(token.word)) return false;
    const cls = classifyWord(token.word);
    if (cls === 'time') return true;
    if (!token.sentenceStart || TITLES.has(token.word)) return false;
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
      this.lowercase = new Set();
      for (const m of this.text.matchAll(/(?<![\p{L}\p{N}’'-])\p{Ll}[\p{Ll}\p{M}]+/gu)) this.lowercase.add(m[0]);
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
    return after.length > 0 && !after.some((t) => ORGANIZATION_WORDS.has(t.word));
  }

  add(tokens: readonly Token[], kind: EntityKind, name: string): void {
    if (!tokens.length || !name) return;
    this.found.push({ span: spanOf(tokens), kind, name });
  }
}

/** Acronyms defined in the text: "Hayat Tahrir al-Sham (HTS)", "the Organization for … (OPCW)". */
function acronymDefinitions(text: string, found: readonly Found[]): Map<string, Found> {
  const definitions = new Map<string, Found>();
  const sorted = [...found].sort((a, b) => a.span.start - b.span.start);
  for (const f of sorted) {
    const after = text.slice(f.span.end, f.span.end + 16);
    const m = /^(?:[’']s)?\s*\(((?:\p{Lu}\.?){2,8})\)/u.exec(after);
    if (m && f.kind !== 'person') definitions.set(acronymKey(m[1]), f);
  }
  return definitions;
}

/**
 * A description the text names by an acronym ("Ukraine’s security service, known as the S.B.U."):
 * the described words become a mention of the acronym's organization, so hover and references tie
 * them. Only lower-case descriptions of up to four words: capitalised long forms are names already.
 */
function describedAcronyms(text: string, paragraphs: readonly Span[], found: Found[]): void {
  const pattern = /(?<![\p{L}’'-])((?:[\p{Ll}-]+ ){0,3}[\p{Ll}-]+),? (?:known|referred to|abbreviated) as (?:the )?((?:\p{Lu}\.){2,}|\p{Lu}{2,6}\b)/gu;
  for (const paragraph of paragraphs) {
    const slice = text.slice(paragraph.start, paragraph.end);
    // Cheap test first: the pattern itself tries every lower-case word as a start.
    if (!/ (?:known|referred to|abbreviated) as /.test(slice)) continue;
    for (const m of slice.matchAll(pattern)) {
      const start = paragraph.start + (m.index ?? 0);
      // The description proper: from the first content word ("security service", not "with the security service").
      const words = m[1].split(' ');
      let first = 0;
      while (first < words.length - 1 && /^(?:a|an|the|of|with|by|for|from|to|in|on|at|and|its|their|his|her)$/.test(words[first])) first++;
      const description = words.slice(first).join(' ');
      const descStart = start + m[1].length - description.length;
      const acronymStart = start + m[0].length - m[2].length;
      const acronym = found.find((f) => f.span.start === acronymStart);
      if (!acronym || acronym.kind !== 'organization') continue;
      found.push({ span: { start: descStart, end: descStart + description.length }, kind: 'organization', name: acronym.name });
    }
  }
}

/** "…, also known as", "formerly known by his nom de guerre,": the next name is another name of the same person. */
const KNOWN_AS = /^,?(?:\s+[^,.;:“”"()]{1,40},)?\s+(?:(?:formerly|also|better|previously|widely|once)\s+)?known\s+(?:as|by\s+(?:his|her|their|the)\s+(?:nom de guerre|alias|pseudonym|(?:\p{Ll}+\s+)?name)),?\s+(?:the\s+)?$/u;

/** "Ahmed al-Shara, … formerly known by his nom de guerre, Abu Mohammad al-Jolani": the alias takes the first name as its name, so linking joins them. */
function namesKnownAs(text: string, found: Found[]): void {
  const people = found.filter((f) => f.kind === 'person').sort((a, b) => a.span.start - b.span.start);
  for (let i = 0; i + 1 < people.length; i++) {
    const [first, alias] = [people[i], people[i + 1]];
    if (alias.span.start - first.span.end > 120 || alias.span.start < first.span.end) continue;
    if (KNOWN_AS.test(text.slice(first.span.end, alias.span.start))) alias.name = first.name;
  }
}

export function recognizeEntities(articleText: string, layout: ArticleLayout): EntityMention[] {
  const recognizer = new ArticleRecognizer(articleText);
  const blocked = layout.boilerplate.map((b) => b.span);
  const inBoilerplate = (span: Span): boolean => blocked.some((b) => span.start < b.end && b.start < span.end);
  for (const paragraph of layout.paragraphs) {
    if (inBoilerplate(paragraph)) continue;
    const tokens = tokenize(articleText, paragraph.start, paragraph.end);
    for (const run of findRuns(articleText, tokens)) recognizer.classifyRun(run);
  }
  recognizer.resolvePending();
  recognizer.surnamesOverCities();
  recognizer.namesTheTextDescribes(inBoilerplate);
  if (layout.headlineSpan && !inBoilerplate(layout.headlineSpan)) recognizer.headline(layout.headlineSpan);

  describedAcronyms(articleText, layout.paragraphs.filter((p) => !inBoilerplate(p)), recognizer.found);
  namesKnownAs(articleText, recognizer.found);
  // An acronym joins the long form the text ties it to.
  const definitions = acronymDefinitions(articleText, recognizer.found);
  const mentions: EntityMention[] = [];
  const seen = new Set<string>();
  for (const f of recognizer.found.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end)) {
    if (f.span.end <= f.span.start) continue;
    const key = `${f.span.start}:${f.span.end}`;
    if (seen.has(key)) continue;
    const last = mentions[mentions.length - 1];
    if (last && f.span.start < last.span.end) continue; // overlaps are never emitted
    seen.add(key);
    const text = articleText.slice(f.span.start, f.span.end);
    const definition = isAcronym(text) ? definitions.get(acronymKey(text)) : undefined;
    // One sense per article: a city named as a team in the results is the team in the report too (not in a shouted dateline).
    if (!definition && f.kind === 'place' && recognizer.teams.has(f.name) && text !== text.toUpperCase()) f.kind = 'organization';
    mentions.push(
      definition && definition.span.start !== f.span.start
        ? { span: f.span, text, kind: definition.kind, name: definition.name }
        : { span: f.span, text, kind: f.kind, name: f.name },
    );
  }
  return mentions;
}
