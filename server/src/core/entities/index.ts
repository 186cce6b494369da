import type { ArticleLayout, EntityMention, Span } from '../model';
import { findRuns, type Found, isAcronym, titleCase, tokenize } from './tokens';
import { ArticleRecognizer } from './recognizer';
import { acronymKey } from './names';
import { RULES } from './rules';
import { alternation, CALENDAR_WORDS_LOWER, CREDIT_LABELS, KNOWN_ORGANIZATIONS, NOT_ACRONYMS } from '../lexicon';
import { placeInfo } from './gazetteer';
import { classifyWord } from './lexicon';
import { isPersonalName } from '../segment/bylines';
import { findOutlet, outletNamed } from '../segment/outlets';
import { outletPieces } from './outletRuns';
import { readShouting } from '../segment/shouting';
import { wholeWordOccurrences } from '../text';

export { RULES, type EntityRule } from './rules';

/**
 * People, places and organizations of one article, by rules over capitalised-word runs, the
 * gazetteers (world-countries, GeoNames cities) and compromise's lexicon. Linear in the article's
 * length: compromise's tagger is never run over the text (see lexicon.ts for why).
 *
 * Three passes: body runs are classified on their own evidence (titles, first names, gazetteer,
 * organisation words, acronyms); single words left open are resolved against the article's people
 * (surnames) and names; then the headline, whose Title Case says nothing, keeps only known names.
 */
/** Acronyms defined in the text: "Hayat Tahrir al-Sham (HTS)", "the Organization for … (OPCW)". */
function acronymDefinitions(text: string, found: readonly Found[]): Map<string, Found> {
  const definitions = new Map<string, Found>();
  const sorted = [...found].sort((a, b) => a.span.start - b.span.start);
  for (const f of sorted) {
    const after = text.slice(f.span.end, f.span.end + 16);
    const m = /^(?:[’']s)?\s*\(((?:\p{Lu}\.?){2,8})\)/u.exec(after);
    if (!m || f.kind === 'person' || outletNamed(m[1])) continue;
    // "NAIROBI, Kenya (AP)": a place's acronym opens with the place's first letter ("United Arab Emirates (UAE)"); else the brackets credit an agency.
    if (f.kind === 'place' && acronymKey(m[1])[0] !== text.charAt(f.span.start).toUpperCase()) continue;
    definitions.set(acronymKey(m[1]), f);
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
      found.push({
        span: { start: descStart, end: descStart + description.length },
        kind: 'organization',
        name: acronym.name,
        rule: RULES.describedAcronym,
      });
    }
  }
}

/** "…, also known as", "formerly known by his nom de guerre,": the next name is another name of the same person. */
const KNOWN_AS =
  /^,?(?:\s+[^,.;:“”"()]{1,40},)?\s+(?:(?:formerly|also|better|previously|widely|once)\s+)?known\s+(?:as|by\s+(?:his|her|their|the)\s+(?:nom de guerre|alias|pseudonym|(?:\p{Ll}+\s+)?name)),?\s+(?:the\s+)?$/u;

/**
 * "Ahmed al-Shara, … formerly known by his nom de guerre, Abu Mohammad al-Jolani": the alias takes the first name as its name, so
 * linking joins them.
 */
function namesKnownAs(text: string, found: Found[]): void {
  const people = found.filter((f) => f.kind === 'person').sort((a, b) => a.span.start - b.span.start);
  for (let i = 0; i + 1 < people.length; i++) {
    const [first, alias] = [people[i], people[i + 1]];
    if (alias.span.start - first.span.end > 120 || alias.span.start < first.span.end) continue;
    if (KNOWN_AS.test(text.slice(first.span.end, alias.span.start))) alias.name = first.name;
  }
}

/** Kinds of boilerplate whose lines can still hold a results table ("1. Ilke Wyludda ( Germany ) 66.60 metres"). */
const TABLE_BLOCKS = new Set(['navigation', 'other']);
/** A line of a results table: a rank, or a country in brackets, then figures. */
const RESULT_LINE = /^\s*\d{1,3}\.\s+\p{Lu}[^\n]*\d|\(\s*\p{Lu}[\p{L} .'’-]*\)\s+\d/u;
/** A credit's label ("Photo:", "AP Photo/", "Illustration by") before the names it credits. */
const CREDIT_LABEL = new RegExp(
  String.raw`^[\s(]*(?:©\s*(?:\d{4}\s*)?|\(c\)\s*|copyright\s+(?:\d{4}\s*)?|` + String.raw`(?:[\p{Lu}.]{2,12}\s+)?(?:${alternation(CREDIT_LABELS)})s?\s*(?::|by\b|\/|\|)\s*)`,
  'iu',
);

/** A dateline's town, printed in capitals before its region, date or agency: "NAIROBI", "KUALA LUMPUR 1996-08-25". */
const DATELINE_TOWN = /^\s*(\p{Lu}[\p{Lu}\p{M}.'’-]+(?: \p{Lu}[\p{Lu}\p{M}.'’-]+){0,3})(?=\s*(?:,|\(|\d|—|–|-|$))/u;
/** The region or country after the town: ", British Columbia", ", New York". */
const DATELINE_REGION = /^\s*,\s*(\p{Lu}[\p{L}\p{M}'’-]*(?: \p{Lu}[\p{L}\p{M}'’-]*){0,3})/u;

/** The town a dateline opens with is a place, whatever the gazetteer says of its spelling ("ZURICH", "LOME"). */
function datelineTown(text: string, layout: ArticleLayout, found: Found[]): void {
  const span = layout.datelineSpan;
  if (!span || layout.paragraphs.some((p) => span.start < p.end && p.start < span.end)) return;
  const m = DATELINE_TOWN.exec(text.slice(span.start, span.end));
  if (!m || m[1].replace(/[^\p{Lu}]/gu, '').length < 3) return;
  const town = m[1];
  const words = town.split(' ').map((w) => w.replace(/\.$/, ''));
  // "UPDATED", "MONDAY", "REUTERS": words of the dateline itself, not a town.
  const place = placeInfo(titleCase(town));
  if (outletNamed(town) || words.some((w) => CALENDAR_WORDS_LOWER.has(w.toLowerCase()))) return;
  if (!place && words.length === 1 && (classifyWord(words[0]) === 'common' || NOT_ACRONYMS.has(words[0]))) return;
  const start = span.start + m[0].length - town.length;
  found.push({ span: { start, end: start + town.length }, kind: 'place', name: place?.name ?? titleCase(town), rule: RULES.datelineTown });
  const region = DATELINE_REGION.exec(text.slice(start + town.length, span.end));
  const regionPlace = region && placeInfo(region[1]);
  if (region && regionPlace) {
    const at = start + town.length + region[0].length - region[1].length;
    found.push({ span: { start: at, end: at + region[1].length }, kind: 'place', name: regionPlace.name, rule: RULES.datelineTown });
  }
}

/** Lines of a results table kept as page chrome: their names are still names, read by the same rules as a paragraph. */
function tableLines(text: string, layout: ArticleLayout): Span[] {
  const spans: Span[] = [];
  for (const block of layout.boilerplate) {
    if (!TABLE_BLOCKS.has(block.kind)) continue;
    for (let start = block.span.start; start < block.span.end;) {
      let end = text.indexOf('\n', start);
      if (end < 0 || end > block.span.end) end = block.span.end;
      if (RESULT_LINE.test(text.slice(start, end))) spans.push({ start, end });
      start = end + 1;
    }
  }
  return spans;
}

/**
 * Names in credit, byline and caption lines, which stay boilerplate for dimming: a credit's agency and
 * photographer ("Photo: Jane Roe/Reuters"), a byline's authors ("By Jane Roe, Reuters").
 */
function creditAndBylineNames(text: string, layout: ArticleLayout, found: Found[]): void {
  const covered = (s: Span): boolean => found.some((f) => s.start < f.span.end && f.span.start < s.end) || layout.paragraphs.some((p) => s.start < p.end && p.start < s.end);
  const addName = (start: number, name: string, kind: 'person' | 'organization', canonical: string): void => {
    const span = { start, end: start + name.length };
    if (!covered(span)) found.push({ span, kind, name: canonical, rule: RULES.creditLine });
  };
  // Credit lines: the label, then pieces split by slashes, commas, semicolons, bars and "via".
  for (const block of layout.boilerplate) {
    if (block.kind !== 'credit') continue;
    const line = text.slice(block.span.start, block.span.end);
    const label = CREDIT_LABEL.exec(line);
    if (!label) continue;
    const piece = /[^/,;|()]+/g;
    piece.lastIndex = label[0].length;
    for (let m = piece.exec(line); m; m = piece.exec(line)) {
      const raw = m[0].replace(/^\s*(?:via\s+)?/i, '');
      const value = raw.trim();
      if (!value) continue;
      const start = block.span.start + m.index + m[0].indexOf(value);
      const outlet = outletNamed(value) ?? (KNOWN_ORGANIZATIONS.has(value) ? value : null);
      if (outlet) addName(start, value, 'organization', outlet);
      else if (isPersonalName(value)) addName(start, value, 'person', value);
    }
  }
  // Bylines: the article's authors, found outside the body (the byline line itself), and its outlet.
  if (!layout.authors.length) return;
  const metadata: Span[] = [];
  let from = layout.span.start;
  for (const p of [...layout.paragraphs].sort((a, b) => a.start - b.start)) {
    if (p.start > from) metadata.push({ start: from, end: p.start });
    from = Math.max(from, p.end);
  }
  if (from < layout.span.end) metadata.push({ start: from, end: layout.span.end });
  for (const region of metadata) {
    const slice = text.slice(region.start, region.end);
    const byline = /\bby\b/i.test(slice);
    for (const author of layout.authors) {
      // Name lines without "By" are trusted only with a known first name ("AMERICAN LEAGUE" is a heading).
      if (!byline && classifyWord(author.split(' ')[0]) !== 'firstName') continue;
      for (const at of wholeWordOccurrences(slice, author)) addName(region.start + at, author, 'person', author);
    }
    const outlet = findOutlet(slice);
    if (outlet && layout.authors.some((a) => slice.includes(a))) addName(region.start + outlet.start, slice.slice(outlet.start, outlet.end), 'organization', outlet.name);
  }
}

export function recognizeEntities(articleText: string, layout: ArticleLayout): EntityMention[] {
  // Shouted lines are read in sentence case (same offsets); mentions keep the article's own text.
  const read = readShouting(articleText, layout.headlineSpan ? [layout.headlineSpan, ...layout.paragraphs] : layout.paragraphs);
  const recognizer = new ArticleRecognizer(read);
  const blocked = layout.boilerplate.map((b) => b.span);
  const inBoilerplate = (span: Span): boolean => blocked.some((b) => span.start < b.end && b.start < span.end);
  for (const paragraph of layout.paragraphs) {
    if (inBoilerplate(paragraph)) continue;
    const tokens = tokenize(read, paragraph.start, paragraph.end);
    for (const run of findRuns(read, tokens)) for (const piece of outletPieces(read, run, recognizer)) recognizer.classifyRun(piece);
  }
  datelineTown(articleText, layout, recognizer.found);
  for (const line of tableLines(articleText, layout)) {
    for (const run of findRuns(articleText, tokenize(articleText, line.start, line.end))) recognizer.classifyRun(run);
  }
  recognizer.resolvePending();
  recognizer.surnamesOverCities();
  recognizer.namesTheTextDescribes(inBoilerplate);
  if (layout.headlineSpan && !inBoilerplate(layout.headlineSpan)) recognizer.headline(layout.headlineSpan);

  creditAndBylineNames(articleText, layout, recognizer.found);
  describedAcronyms(
    articleText,
    layout.paragraphs.filter((p) => !inBoilerplate(p)),
    recognizer.found,
  );
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
    if (!definition && f.kind === 'place' && recognizer.teams.has(f.name) && text !== text.toUpperCase()) {
      f.kind = 'organization';
      f.rule = RULES.teamOneSense;
    }
    mentions.push(
      definition && definition.span.start !== f.span.start
        ? { span: f.span, text, kind: definition.kind, name: definition.name, rule: RULES.acronymDefinition }
        : { span: f.span, text, kind: f.kind, name: f.name, rule: f.rule },
    );
  }
  return mentions;
}
