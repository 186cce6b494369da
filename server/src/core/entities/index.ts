import type { ArticleLayout, EntityMention, Span } from '../model';
import { findRuns, type Found, isAcronym, tokenize } from './tokens';
import { ArticleRecognizer } from './recognizer';
import { acronymKey } from './names';
import { RULES } from './rules';

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
      found.push({ span: { start: descStart, end: descStart + description.length }, kind: 'organization', name: acronym.name, rule: RULES.describedAcronym });
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
