/** The word lists and cue patterns of the entity rules. */
/** Titles and ranks: evidence of a person, never part of the name. */
export const TITLES = new Set([
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
export const QUALIFYING_TITLES = new Set(['Foreign', 'Defense', 'Defence', 'Interior', 'Finance', 'State', 'Vice', 'Prime', 'Deputy', 'Former', 'Acting', 'Interim', 'Field', 'Crown', 'Opposition', 'Chief', 'Private', 'Outgoing', 'Incoming', 'Attorney', 'Solicitor', 'Senior']);

/** Whether the word at `i` works as a title here: a qualifying word only before another title. */
export function isTitleAt(words: readonly string[], i: number): boolean {
  if (!TITLES.has(words[i])) return false;
  if (!QUALIFYING_TITLES.has(words[i])) return true;
  // "Secretary of State Antony J. Blinken"
  if (words[i] === 'State' && words[i - 1] === 'of') return true;
  return i + 1 < words.length && TITLES.has(words[i + 1]);
}

/** Lower-case words right before a name that make it a person ("said spokesman Dmitry Peskov"). */
export const PERSON_CUES_BEFORE = /(?:spokes(?:man|woman|person)|minister|president|leader|chief|commander|envoy|ambassador|official|adviser|analyst|journalist|reporter|director|secretary|senator|lawmaker|colleague|son|daughter|wife|husband|brother|sister|father|mother)\s+$/;
/** Words before an unknown name that make it a place ("in Azaz", "the town of Jaramana"). */
export const PLACE_CUES_BEFORE =
  /(?:\b(?:in|near|at|from|into|toward|towards|outside|across|around|between|reached|entered|captured|seized|shelled|bombed)\s+|\b(?:city|town|village|province|region|district|suburbs?|capital|governorate|areas?|neighbou?rhood|strongholds?|outskirts|island|port)\s+of\s+)(?:(?:north|south|east|west|central)(?:ern|-?(?:east|west)(?:ern)?)?\s+)?$/u;
/** The same, for a single word, also as the second of a pair ("in southern Suweida and Deraa"). */
export const PLACE_CUES_BEFORE_PAIR = new RegExp(PLACE_CUES_BEFORE.source.replace(/\$$/, String.raw`(?:\p{Lu}[\p{L}-]+,?\s+(?:and|or)\s+)?$`), 'u');
/** Words before an unknown name that make it an organization ("news agency SANA", "the channel Al-Arabiya"). */
export const ORGANIZATION_CUES_BEFORE = /\b(?:agency|network|channel|newspaper|broadcaster|outlet|daily|website|station|militia|group|party|company|firm|club|side|insurer|bank|carrier|airline|maker|producer|retailer|miner|conglomerate|automaker|(?:shares|stake|holding)\s+(?:in|of)|(?:bid|offer)\s+for|(?:takeover|acquisition)\s+of|merger\s+(?:with|of))\s+$/;
/** Words after a name that make it an armed group or a service ("Fatemiyoun groups", "Truth Social platform"); not "supporters" or "forces", which follow people too. */
export const GROUP_CUES_AFTER = /^(?:[’']s)?\s+(?:fighters|militants|militia|militias|militiamen|faction|jihadists|insurgents|platform|app)\b|^\s+groups\b/;
/** Prepositions written with a capital only inside the name of a group or campaign. */
export const NAME_PREPOSITIONS = new Set(['Without', 'Against', 'Beyond']);
/** Sports roles after a city's name make it the city's club. */
export const TEAM_ROLES_AFTER = /^(?:[’']s?)?\s+(?:coach|manager|striker|midfielder|defender|goalkeeper|forward|winger|skipper|fullback|full-back|centre-back|playmaker)\b/;
/** Words after an unknown name that make it a company ("Newmont said it", "Barrick shares", "a Norilsk spokesman"). */
export const COMPANY_CUES_AFTER = /^(?:[’']s)?\s+(?:said\s+(?:on\s+\p{Lu}\p{Ll}+\s+)?(?:it|its)\b|shares?\b|stock\b|shareholders?\b|chairman\b|chief\s+executive\b|board\b|subsidiary\b|spokes(?:man|woman)\b|Corp\b|Inc\b|Ltd\b|Plc\b|PLC\b|AG\b|SA\b|NV\b)/u;
/** Words after an unknown name that make it an organization ("Isala, a Belgian organization"). */
export const ORGANIZATION_CUES_AFTER = /^,\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,4}(?:group|organi[sz]ation|agency|company|network|channel|union|party|movement|militia|faction|newspaper|outlet|broadcaster|monitor|watchdog|institute|charity|firm|coalition|alliance|platform)\b/u;

/**
 * "Isala, a Belgian organization that …", "UTSOPI, a Belgian sex work union": a name, then an apposition whose
 * head says what kind of body it is (only modifiers before the head: "a leader of the party" describes a person).
 * Matched from the cheap ", a " outwards: one regex over the whole text with the name first is ten times slower.
 */
export const APPOSITION_START = /, an? /g;
export const ORGANIZATION_HEAD_AFTER = /^(?:(?!(?:of|for|at|in|from|with|to|who|that|and|or)\b)[\p{L}-]+\s+){0,3}(?:organi[sz]ation|group|union|association|charity|company|firm|agency|party|network|broadcaster|newspaper|radio\s+station|television\s+channel|militia|movement|coalition|alliance|federation|foundation|think\s+tank|nonprofit|non-profit)\b/u;
export const MEDIUM_AFTER_NAME = / (?=(?:radio|television|TV|newspaper|news agency|broadcaster)\b)/g;
export const NAME_BEFORE = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}’'-]*(?: \p{Lu}[\p{L}’'-]*){0,3})(?:[’']s)?$/u;
/** A title, rank or role just before a name ("Mr.", "the opposition leader"): it is a person whatever follows. */
export const PERSON_TITLE_BEFORE = /\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Prof|President|Minister|General|King|Queen|Prince|Sheikh|leader|spokesman|spokeswoman|spokesperson|director|chief|founder|activist|journalist|reporter|lawyer|official|chairman|chairwoman|mayor|governor|commander|envoy|ambassador)\.?\s+$/i;
/** Words after a name that make it a person ("Kobakhidze said", "Assad, who"). */
export const PERSON_CUES_AFTER = /^(?:,\s+who\b|\s+(?:said|says|told|added|wrote|argued|insisted|stated|announced|warned|noted|claimed|explained|asked|replied|declared|tweeted|posted|urged|vowed)\b)/;

/** The head words of organization names. */
export const ORGANIZATION_WORDS = new Set([
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
export const PLACE_WORDS = new Set([
  'Street', 'Square', 'Province', 'Region', 'City', 'Island', 'Islands', 'Sea', 'River', 'Valley', 'Heights', 'Mountains', 'Gulf',
  'Ocean', 'Strait', 'Corridor', 'Coast', 'Airport', 'Bridge', 'Park', 'Avenue', 'District', 'County', 'Governorate', 'Oblast',
  'Peninsula', 'Lake', 'Desert', 'Border', 'Crossing', 'Ground', 'Stadium', 'Oval', 'Arena', 'Camp', 'Palace', 'Cathedral', 'Mosque', 'Boulevard', 'Road', 'Plain',
]);
/** Organizations news names by a single word or a fixed phrase that no rule can type. */
export const KNOWN_ORGANIZATIONS = new Set([
  'Hamas', 'Hezbollah', 'Kremlin', 'Pentagon', 'Reuters', 'Taliban', 'Houthis', 'Wagner', 'Gazprom', 'Google', 'Facebook', 'Meta', 'Twitter',
  'Telegram', 'Apple', 'Microsoft', 'Amazon', 'Tesla', 'Interfax', 'Tass', 'Bloomberg', 'Politico', 'Axios', 'White House', 'Knesset', 'Duma',
  'Bundestag', 'Vatican', 'Al Jazeera', 'Al-Jazeera', 'Al Arabiya', 'Nvidia', 'OpenAI', 'Instagram', 'YouTube', 'TikTok', 'Netflix', 'Spotify',
  'Boeing', 'Airbus', 'Interpol', 'Europol', 'Frontex', 'Eurostat', 'Hurriyet', 'Xinhua', 'Kyodo', 'Yonhap', 'Anadolu', 'Sana', 'Euronews',
  'Mossad', 'Shin Bet', 'Stasi', 'Wikipedia', 'Greenpeace', 'Amnesty', 'Oxfam', 'UNICEF', 'Hurras al-Din', 'Islamic State', 'Al Qaeda',
  'al-Qaeda', 'Hayat Tahrir al-Sham', 'Muslim Brotherhood', 'Republican Guard', 'Supreme Court', 'European Commission', 'European Union', 'United Nations', 'Security Council',
]);
/** All-caps words that are not organizations. */
export const NOT_ACRONYMS = new Set([
  'I', 'II', 'III', 'IV', 'VI', 'AM', 'PM', 'A.M.', 'P.M.', 'TV', 'CEO', 'ET', 'GMT', 'IST', 'EST', 'CET', 'UTC', 'PST', 'OK', 'DNA', 'COVID',
  'ID', 'VIP', 'PDF', 'URL', 'GDP', 'PhD', 'MP', 'MPs', 'AI', 'SUV', 'HIV', 'AIDS', 'LGBT', 'LGBTQ', 'Q', 'A', 'Jr.', 'Sr.', 'LIVE', 'NEW',
  'MORE', 'READ', 'ALSO', 'WATCH', 'UPDATE', 'BREAKING', 'EXCLUSIVE', 'OPINION', 'ANALYSIS', 'PHOTOS', 'VIDEO', 'SHARE', 'FAQ', 'RSS', 'USD',
  'EUR', 'GBP', 'UAV', 'UAVs', 'AFP.', 'TNT', 'GPS', 'SMS', 'ATM', 'CCTV', 'LGBTQ+', 'LGBTQIA', 'L.G.B.T.', 'L.G.B.T.Q.', 'L.G.B.T.Q.+',
]);
export const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'von', 'van', 'der', 'den', 'de', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'dos', 'das', 'ter', 'zu']);
export const CONNECTORS = new Set(['of', 'for']);
/** Events, laws and things named in capitals: not people ("Maidan Revolution", "Chemical Weapons Convention"). */
export const THING_WORDS = new Set(['Revolution', 'War', 'Convention', 'Cyclone', 'Storm', 'Hurricane', 'Treaty', 'Agreement', 'Accord', 'Accords', 'Day', 'Summit', 'Conference', 'Games', 'Cup', 'Award', 'Prize', 'Act', 'Law', 'Resolution', 'Plan', 'Initiative', 'Operation', 'Protocol', 'Declaration', 'Charter', 'Festival', 'Olympics', 'Championship', 'Program', 'Programme', 'Project', 'Report', 'Index', 'Research', 'Studies', 'Policy', 'Museum', 'Cathedral']);
/** Things an organization issues or holds, written after its name ("Security Council Resolution", "European Union Summit"). */
export const DOCUMENT_WORDS = new Set(['Resolution', 'Act', 'Law', 'Treaty', 'Agreement', 'Accord', 'Accords', 'Convention', 'Summit', 'Conference', 'Declaration', 'Charter', 'Protocol', 'Report', 'Statement', 'Decision']);
/** First words of Arabic place names ("Tal Rifaat", "Khan Sheikhoun", "Deir al-Zour"). */
export const PLACE_PREFIXES = new Set(['Tal', 'Tell', 'Tel', 'Khan', 'Deir', 'Dayr', 'Maaret', 'Maarat', 'Ras', 'Jabal', 'Jebel', 'Wadi', 'Bab', 'Ain', 'Kafr', 'Beit', 'Bir', 'Jisr', 'Qasr', 'Mount', 'Lake', 'Port', 'Fort', 'Cabo', 'Cape', 'Saint', 'San', 'Santa', 'Sao', 'New']);
/** A team's name in a result line, optionally with its country in brackets: "Sodigraf ( Zaire )". */
export const SIDE = String.raw`\p{Lu}[\p{L}\p{M}.'’ -]*?(?:\s+\(\s*\p{Lu}[\p{L}\p{M} .'’-]*\))?`;
export const HOME_SIDE = new RegExp(String.raw`^\s+\d{1,3}\s+${SIDE}\s+\d{1,3}\b`, 'u');
export const AWAY_SIDE = new RegExp(String.raw`^(?:.*:)?\s*${SIDE}\s+\d{1,3}\s+$`, 'u');
/** Compass words that make the name after them a region ("West Indies", "Northern Mozambique"). */
export const COMPASS_WORDS = new Set(['North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Upper', 'Lower']);
/** Leading adjectives an organization's name does not include ("Islamist Hayat Tahrir al-Sham"). */
export const LEADING_ADJECTIVES = new Set(['Islamist', 'Jihadist', 'Rebel', 'Militant', 'Extremist', 'Radical', 'Pro-Russian', 'Pro-Western', 'Pro-European', 'Hard-line', 'Hardline', 'Far-right', 'Far-left', 'Then-President', 'Then', 'Former', 'Late']);
/** Two-letter acronyms that are names; other two-letter capitals are too often initials or codes. */
export const SHORT_ACRONYMS = new Set(['UN', 'EU', 'AP', 'UK', 'US', 'IS', 'ZA']);
export const SHORT_ACRONYMS_BLOCKED = new Set(['IS']);

