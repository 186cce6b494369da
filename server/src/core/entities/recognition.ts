/**
 * The recogniser's entry point. The rules (entities/index.ts) read the article first; their mentions
 * are evidence for the trained tagger (entities/tagger/), which reads the whole article again and then
 * has the last word: measured on both dev splits (README, "Accuracy"), the tagger beats the rules on
 * types and spans wherever they disagree, except for the few near-certain rules below. So:
 * - a near-certain rule's mention stands, and the tagger's overlapping names go;
 * - where the tagger disagrees with other rules (type or span), its mention replaces theirs (rule
 *   `tagger-type` / `tagger-span`) when its margin is clear;
 * - names only the tagger found are added (rule `tagger`) unless weak: a demonym at the end, one
 *   time or title word, one common word without a clear margin, or a headline name nothing confirms;
 * - the rules' other mentions stay where the tagger found nothing.
 */
import { firstStartingAt, type ArticleLayout, type EntityMention } from '../model';
import { isDemonym, placeInfo } from './gazetteer';
import { classifyWord } from './lexicon';
import {
  alternation,
  CORPORATE_SUFFIXES,
  HOLIDAYS,
  KNOWN_ORGANIZATIONS,
  KNOWN_ORGANIZATIONS_SPELLED,
  LANGUAGES,
  MAKER_COMPANY_WORDS,
  ORGANIZATION_HEADS,
  PRODUCT_MAKERS,
  THING_WORDS,
} from '../lexicon';
import { wholeWordOccurrences } from '../text';
import { recognizeEntities as recognizeByRules, RULES } from './index';
import { tagArticle } from './tagger/tag';
import { withoutTermAcronyms } from './terms';
import { titleCase } from './tokens';
import { outletNamed } from '../segment/outlets';
import { isPersonalName } from '../segment/bylines';
import { nameKey } from './names';
import type { TaggedMention } from './tagger/tag';

/**
 * Rules whose mention beats the tagger's where they overlap. The first three were chosen one by one on
 * the dev split of eng.train and gum-dev (each helped gum-dev without hurting eng.train); credit lines
 * and compass regions are news conventions the dev texts lack (no change there; the seeds need them).
 * Every other rule, gazetteer places included, did better deferring to the tagger. A noun saying what kind of body
 * comes next (organization-kind) was added with issue 17 (eng.train held-out +3 mentions, gum-dev unchanged).
 */
const NEAR_CERTAIN: ReadonlySet<string> = new Set([
  RULES.placeHead,
  RULES.titledPerson,
  RULES.organizationHead,
  RULES.creditLine,
  RULES.compassRegion,
  RULES.articleName,
  RULES.knownOutlet,
  RULES.organizationKind,
]);
/**
 * A near-certain rule's mention, or a known organization of several words spelled exactly and opening with no ordinary word
 * ("Morgan Stanley", "Eli Lilly": curated, and shaped like a person's name, which the tagger reads them as; "White House" is a
 * place in the wire copy the tagger learned from, and stays its to type).
 */
function isNearCertain(m: EntityMention): boolean {
  if (m.rule === undefined) return false;
  if (NEAR_CERTAIN.has(m.rule)) return true;
  if (m.rule !== RULES.knownOrganization || !m.text.includes(' ') || !KNOWN_ORGANIZATIONS.has(m.text)) return false;
  return classifyWord(m.text.slice(0, m.text.indexOf(' '))) !== 'common';
}

/** The smallest margin (in perceptron updates, its weakest token) at which the tagger overrules a rule. */
const OVERRULE_MARGIN = 3;
/** A lone word the lexicon knows as a common word is a name only with this margin ("Clinton", "Jordan" are in it). */
const COMMON_WORD_MARGIN = 15;

/**
 * An organization only the tagger found needs this margin: its additions were its least precise names on both dev splits
 * (gum-dev: 46 of its 162 wrong additions were organizations of no name, "Version Control", "Social Security"). Margins 4, 6 and 9
 * were measured; 4 lost no type on either split. People and places it adds need none.
 */
const ORGANIZATION_ADDITION_MARGIN = 4;

export function clearAddition(t: Pick<TaggedMention, 'kind' | 'confidence'>): boolean {
  return t.kind !== 'organization' || t.confidence >= ORGANIZATION_ADDITION_MARGIN;
}

function overlaps(a: EntityMention, b: EntityMention): boolean {
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/**
 * The mentions of `sorted` that overlap `m`, in their order. The rules' mentions are sorted by start and never
 * overlap each other (entities/index.ts), so their ends are sorted too and the overlapping ones are one stretch,
 * found by binary search instead of testing every mention for every tagger name.
 */
function overlapping(sorted: readonly EntityMention[], m: EntityMention): EntityMention[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].span.end <= m.span.start) lo = mid + 1;
    else hi = mid;
  }
  const hit: EntityMention[] = [];
  for (let i = lo; i < sorted.length && sorted[i].span.start < m.span.end; i++) if (overlaps(sorted[i], m)) hit.push(sorted[i]);
  return hit;
}

/** Whether the rules' mentions hold the same order as `overlapping` needs: sorted by start, none overlapping. */
function sortedApart(mentions: readonly EntityMention[]): boolean {
  for (let i = 0; i < mentions.length; i++) {
    if (mentions[i].span.end <= mentions[i].span.start || (i > 0 && mentions[i].span.start < mentions[i - 1].span.end)) return false;
  }
  return true;
}

function sameSpan(a: EntityMention, b: EntityMention): boolean {
  return a.span.start === b.span.start && a.span.end === b.span.end;
}

/** A contraction inside or right after the name ("I'm", "Don’t", "Won't"): the word is a verb or a pronoun, never a name. */
const CONTRACTED = /[’'](?:m|re|ve|ll|d)\b|n[’']t\b/u;
const CONTRACTION_AFTER = /^(?:[’'](?:m|re|ve|ll|d|t)\b|n[’']t\b)/u;

/**
 * A tagger name too weak to stand on its own: a demonym at the end, a holiday, a contraction, an organization named
 * like an event or a document, or one word the lexicon knows as a time, title or (without a clear margin) common word.
 */
function weakName(m: TaggedMention, articleText: string): boolean {
  if (CONTRACTED.test(m.text) || CONTRACTION_AFTER.test(articleText.slice(m.span.end, m.span.end + 4))) return true;
  const words = m.text.split(/\s+/);
  // "FIFA World Cup", "Orange Revolution", "Paris Declaration": an event or a document, as for the rules (no organization head in it).
  if (m.kind !== 'place' && THING_WORDS.has(words[words.length - 1]) && !words.some((w) => ORGANIZATION_HEADS.has(w))) return true;
  const last = words[words.length - 1].replace(/[’']s?$/, '');
  if (isDemonym(last) || HOLIDAYS.has(m.text) || (words.length === 1 && LANGUAGES.has(last))) return true;
  if (words.length > 1) return false;
  const wordClass = classifyWord(last.replace(/\.$/, ''));
  if (wordClass === 'common') return m.confidence < COMMON_WORD_MARGIN;
  return wordClass === 'time' || wordClass === 'honorific' || wordClass === 'demonym';
}

/** A figure with a thousands separator or two decimals ("5,710.53", "21,240 down 3.5", "2,292.9"): an index, a count, a price. */
const TABLE_FIGURE_AFTER = /^\s*(?:\(\p{L}+\)\s*)?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|^\s*\d+\.\d{2}(?!\d)/u;

/**
 * A place the rules found, followed by a figure with thousands or decimals, is a row of a table of
 * figures by place (stock indices "TOKYO 21,228.80", airport traffic "Hamburg 21,240 down 3.5"); the tagger, which learned that
 * a name before figures is a team in a results table, does not retype it. Teams score in small whole numbers ("Hamburg 2").
 */
function placeBeforeFigure(m: EntityMention, articleText: string): boolean {
  return TABLE_FIGURE_AFTER.test(articleText.slice(m.span.end, m.span.end + 24));
}

/** A model's name: one capitalised word ("Celica", "Passat") or a code with digits ("A310", "F-150"). */
const MODEL_NAME = /^(?:\p{Lu}\p{Ll}+|\p{Lu}{1,3}-?\d[\p{L}\d-]*)$/u;

/**
 * A maker of cars or aircraft and a model's name ("Toyota Celica", "Airbus A310", "VW Passat") is a product, not the company: no
 * mention. The model word is a code with digits, or a word neither the lexicon nor the article (in lower case) knows as an ordinary
 * word, and no organization head, legal form, company word, known organization or place ("Toyota Motor", "Airbus Group",
 * "Volvo Trucks", "Ford Foundation" stay companies).
 */
function isProduct(m: EntityMention, articleText: string): boolean {
  if (m.kind === 'place' || (m.rule !== undefined && NEAR_CERTAIN.has(m.rule))) return false;
  const space = m.text.indexOf(' ');
  if (space < 0 || !PRODUCT_MAKERS.has(m.text.slice(0, space))) return false;
  const model = m.text.slice(space + 1);
  if (!MODEL_NAME.test(model) || ORGANIZATION_HEADS.has(model) || CORPORATE_SUFFIXES.has(model) || MAKER_COMPANY_WORDS.has(model) || KNOWN_ORGANIZATIONS.has(model) || placeInfo(model)) return false;
  if (/\d/.test(model)) return true;
  return classifyWord(model) === 'unknown' && !new RegExp(`(?<![\\p{L}])${model.toLowerCase()}(?![\\p{L}])`, 'u').test(articleText);
}

/** As for the rules: a Title Case headline's words are capitalised anyway, so a name there needs the body or the gazetteer to know it. */
function unknownInHeadline(m: EntityMention, articleText: string, layout: ArticleLayout): boolean {
  const headline = layout.headlineSpan;
  if (!headline || m.span.start < headline.start || m.span.end > headline.end) return false;
  // Title Case: several words, most capitalised, not shouted (a shouted line is read like any other).
  const line = articleText.slice(headline.start, headline.end);
  const words = line.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (words.length < 4 || capitalised < 0.7 * words.length || line === line.toUpperCase()) return false;
  return !placeInfo(m.name) && articleText.indexOf(m.name, headline.end) < 0;
}

export function recognizeMentions(articleText: string, layout: ArticleLayout): EntityMention[] {
  const rules = recognizeByRules(articleText, layout);
  const tagged = tagArticle(articleText, layout, rules);
  const nearCertain = rules.filter(isNearCertain);
  const others = rules.filter((r) => !isNearCertain(r));
  const out: EntityMention[] = [...nearCertain];
  const overruled = new Set<EntityMention>();
  const apart = sortedApart(rules);
  for (const t of tagged) {
    if (apart ? overlapping(nearCertain, t).length > 0 : nearCertain.some((r) => overlaps(r, t))) continue;
    const hit = apart ? overlapping(others, t) : others.filter((r) => overlaps(r, t));
    const mention = { span: t.span, text: t.text, kind: t.kind, name: t.name };
    if (!hit.length) {
      if (clearAddition(t) && !weakName(t, articleText) && !unknownInHeadline(t, articleText, layout)) out.push({ ...mention, rule: RULES.tagger });
      continue;
    }
    // Agreement (the rule's mention stays, its rule named), or a disagreement the tagger is not sure of.
    if (hit.length === 1 && sameSpan(hit[0], t) && hit[0].kind === t.kind) continue;
    if (t.confidence < OVERRULE_MARGIN || weakName(t, articleText)) continue;
    // The same span, or a tagger name inside one rule's mention: the rule's span stands ("Hayat Tahrir al-Sham"), the tagger's type wins.
    const [only] = hit;
    if (hit.length === 1 && only.span.start <= t.span.start && t.span.end <= only.span.end) {
      if (only.kind === 'place' && t.kind === 'organization' && placeBeforeFigure(only, articleText)) {
        if (!overruled.has(only)) {
          overruled.add(only);
          out.push({ ...only, rule: RULES.placeBeforeFigure });
        }
        continue;
      }
      if (only.kind !== t.kind && !overruled.has(only)) {
        overruled.add(only);
        out.push({ ...only, kind: t.kind, rule: RULES.taggerType });
      }
      continue;
    }
    hit.forEach((r) => overruled.add(r));
    out.push({ ...mention, rule: RULES.taggerSpan });
  }
  if (apart) {
    // The other rules' mentions never overlap each other, so only what `out` holds now can keep one out: sorted
    // by start with the largest end so far, one binary search per mention tells whether any of it overlaps.
    const placed = [...out].sort((a, b) => a.span.start - b.span.start);
    const maxEnd: number[] = [];
    for (const o of placed) maxEnd.push(Math.max(o.span.end, maxEnd.length ? maxEnd[maxEnd.length - 1] : -Infinity));
    for (const r of others) {
      if (overruled.has(r)) continue;
      // The placed mentions starting before `r` ends: any of them reaching past its start overlaps it.
      const before = firstStartingAt(placed, r.span.end);
      if (before === 0 || maxEnd[before - 1] <= r.span.start) out.push(r);
    }
  } else for (const r of others) if (!overruled.has(r) && !out.some((o) => overlaps(o, r))) out.push(r);
  const sorted = withoutTermAcronyms(articleText, oneSense(out))
    .filter((m) => !isProduct(m, articleText))
    .sort((a, b) => a.span.start - b.span.start);
  return creditPairs(spelledOrganizations(articleText, companyShortNames(articleText, sorted)));
}

/** An outlet as a credit writes it, as spelled or in capitals ("REUTERS", "AFP"). */
function creditOutlet(text: string): string | null {
  return outletNamed(text) ?? outletNamed(titleCase(text));
}

/**
 * "REUTERS/Jane Roe", "Jane Roe/AFP": a photo credit written with a slash is the agency and the photographer, two names (rule
 * `credit-line`), where the tagger read one person across the slash. `sorted` is by start, none overlapping; so is the result.
 */
function creditPairs(sorted: EntityMention[]): EntityMention[] {
  if (!sorted.some((m) => m.text.includes('/'))) return sorted;
  const out: EntityMention[] = [];
  for (const m of sorted) {
    const slash = m.text.indexOf('/');
    const left = m.text.slice(0, slash).trim();
    const right = m.text.slice(slash + 1).trim();
    const outletLeft = slash > 0 && m.text.indexOf('/', slash + 1) < 0 ? creditOutlet(left) : null;
    const outletRight = slash > 0 && !outletLeft && m.text.indexOf('/', slash + 1) < 0 ? creditOutlet(right) : null;
    if (!outletLeft && !outletRight) {
      out.push(m);
      continue;
    }
    const pieces: [string, number][] = [
      [left, m.span.start + m.text.indexOf(left)],
      [right, m.span.start + slash + 1 + m.text.slice(slash + 1).indexOf(right)],
    ];
    pieces.forEach(([text, start], i) => {
      const outlet = i === 0 ? outletLeft : outletRight;
      const span = { start, end: start + text.length };
      if (outlet) out.push({ span, text, kind: 'organization', name: outlet, rule: RULES.creditLine });
      else if (isPersonalName(text)) out.push({ span, text, kind: 'person', name: text, rule: RULES.creditLine });
    });
  }
  return out;
}

/** Each name of KNOWN_ORGANIZATIONS_SPELLED as written, with the other apostrophe, and in capitals ("MOODY'S" in a ratings table): one scan of the article, ~2 ms a megabyte. */
const SPELLED_ORGANIZATION = new RegExp(
  String.raw`(?<![\p{L}\p{N}&'’-])(?:${alternation(KNOWN_ORGANIZATIONS_SPELLED.flatMap((n) => [n, n.replace(/'/g, '’')]).flatMap((n) => [n, n.toUpperCase()]))})(?![\p{L}\p{N}&'’-])`,
  'gu',
);

/**
 * Organizations whose written name no run of capitalised words holds ("Moody's Investors Service", "Standard & Poor's", "Organization
 * for Security and Co-operation in Europe"): where the text spells one, it is that organization (rule `known-organization`), whatever
 * the rules or the tagger made of its pieces ("Moody" a person, "Investors Service" another body). Not inside a longer name.
 */
function spelledOrganizations(articleText: string, sorted: EntityMention[]): EntityMention[] {
  const replaced = new Set<EntityMention>();
  const added: EntityMention[] = [];
  for (const match of articleText.matchAll(SPELLED_ORGANIZATION)) {
    const text = match[0];
    const known: EntityMention = { span: { start: match.index, end: match.index + text.length }, text, kind: 'organization', name: text, rule: RULES.knownOrganization };
    const hit = overlapping(sorted, known);
    if (hit.some((h) => h.span.start < known.span.start || h.span.end > known.span.end)) continue;
    if (hit.length === 1 && sameSpan(hit[0], known) && hit[0].kind === 'organization') continue;
    hit.forEach((h) => replaced.add(h));
    added.push(known);
  }
  if (!added.length) return sorted;
  return [...sorted.filter((m) => !replaced.has(m)), ...added].sort((a, b) => a.span.start - b.span.start);
}

/** A company's name without its legal form ("Advanced Medical Inc." → "Advanced Medical", "A.G. Edwards & Sons, Inc." → "A.G. Edwards & Sons"). */
function companyStem(text: string): string | undefined {
  const words = text.split(/\s+/);
  let n = words.length;
  while (n > 1 && CORPORATE_SUFFIXES.has(words[n - 1])) n--;
  if (n === words.length) return undefined;
  const stem = words.slice(0, n).join(' ').replace(/,$/, '');
  // A place before a legal form is the company's seat or a fund's market ("Mexico Fund Inc" is not Mexico); a person's
  // name before it is a joke or a founder ("Bill Clinton Inc.", "Ralph Lauren Corp"): alone, the name is the person.
  if (!/^\p{Lu}/u.test(stem) || stem.length < 2 || placeInfo(stem) || classifyWord(words[0]) === 'firstName') return undefined;
  return stem;
}

/**
 * One company through the article: where a name is written with its legal form ("Brush Wellman Inc"), the same words
 * without it ("Brush Wellman said") are that company, whatever the rules or the tagger made of them (a person, nothing).
 * `sorted` is by start, none overlapping; so is the result.
 */
function companyShortNames(articleText: string, sorted: EntityMention[]): EntityMention[] {
  const stems = new Set<string>();
  for (const m of sorted) {
    const stem = m.kind === 'organization' ? companyStem(m.text) : undefined;
    if (stem) stems.add(stem);
  }
  if (!stems.size) return sorted;
  // "Bill Clinton Inc." in an article about Hillary and Chelsea Clinton: a surname the article's people carry is a family's.
  const surnames = new Set<string>();
  for (const m of sorted) if (m.kind === 'person' && m.text.includes(' ') && !stems.has(m.text)) surnames.add(m.text.split(/\s+/).pop() ?? '');
  for (const stem of stems) if (surnames.has(stem.split(' ').pop() ?? '')) stems.delete(stem);
  const replaced = new Set<EntityMention>();
  const added: EntityMention[] = [];
  for (const stem of stems) {
    for (const start of wholeWordOccurrences(articleText, stem)) {
      const short: EntityMention = { span: { start, end: start + stem.length }, text: stem, kind: 'organization', name: stem, rule: RULES.companyShortName };
      const hit = overlapping(sorted, short);
      // Inside a longer name (the full "Brush Wellman Inc" itself), or crossing one: that name stands.
      if (hit.some((h) => h.span.start < start || h.span.end > short.span.end)) continue;
      if (hit.length === 1 && sameSpan(hit[0], short) && hit[0].kind === 'organization') continue;
      hit.forEach((h) => replaced.add(h));
      added.push(short);
    }
  }
  if (!added.length) return sorted;
  return [...sorted.filter((m) => !replaced.has(m)), ...added].sort((a, b) => a.span.start - b.span.start);
}

const TAGGER_RULES: ReadonlySet<string> = new Set([RULES.tagger, RULES.taggerType, RULES.taggerSpan]);

/** The name compared for one sense: "Bashar Al Assad" and "Bashar al-Assad" are one name (case, particles and dots folded). */
function nameOf(m: EntityMention): string {
  return nameKey(m.text.replace(/[’']s?$/, ''));
}

/** One name, one type through the article: what the tagger decided yields to the type a near-certain rule gives the same name. */
function oneSense(mentions: EntityMention[]): EntityMention[] {
  const sure = new Map<string, EntityMention['kind']>();
  for (const m of mentions) if (m.rule !== undefined && NEAR_CERTAIN.has(m.rule)) sure.set(nameOf(m), m.kind);
  if (!sure.size) return mentions;
  return mentions.map((m) => {
    const sureKind = sure.get(nameOf(m));
    // A name a noun said is a body ("Shares in Mentmore Abbey") is that body where only its shape said person ("Mentmore Abbey said").
    const retyped = m.rule !== undefined && (TAGGER_RULES.has(m.rule) || (m.rule === RULES.personName && sureKind === 'organization'));
    const kind = retyped ? sureKind : undefined;
    return kind && kind !== m.kind ? { ...m, kind, rule: RULES.taggerOneSense } : m;
  });
}
