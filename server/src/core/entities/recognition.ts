/**
 * The recogniser's entry point. The rules (entities/index.ts) read the article first; their mentions
 * are evidence for the trained tagger (entities/tagger/), which reads the whole article again. Where the
 * two overlap the rules' mention stands, type included (the rules were written against modern news and keep
 * its conventions: a city's name is a place, not its football club); names only the tagger found are
 * added unless they are one ordinary word, end in a demonym, or stand in a headline unconfirmed.
 */
import type { ArticleLayout, EntityMention } from '../model';
import { isDemonym, placeInfo } from './gazetteer';
import { classifyWord } from './lexicon';
import { HOLIDAYS } from '../lexicon';
import { recognizeEntities as recognizeByRules, RULES } from './index';
import { tagArticle } from './tagger/tag';

function overlaps(a: EntityMention, b: EntityMention): boolean {
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/** A tagger-only name too weak to add: one word the lexicon knows as an ordinary or time word, a holiday, or a demonym at the end. */
function weakAddition(m: EntityMention): boolean {
  const words = m.text.split(/\s+/);
  const last = words[words.length - 1].replace(/[’']s?$/, '');
  if (isDemonym(last) || HOLIDAYS.has(m.text)) return true;
  if (words.length > 1) return false;
  const wordClass = classifyWord(last.replace(/\.$/, ''));
  return wordClass === 'common' || wordClass === 'time' || wordClass === 'honorific' || wordClass === 'demonym';
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
  const added = tagged.filter((t) => !rules.some((r) => overlaps(r, t)) && !weakAddition(t) && !unknownInHeadline(t, articleText, layout)).map((t) => ({ ...t, rule: RULES.tagger }));
  return [...rules, ...added].sort((a, b) => a.span.start - b.span.start);
}
