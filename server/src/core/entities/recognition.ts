/**
 * The recogniser's entry point. The rules (entities/recognize.ts) read the article first; their mentions
 * are evidence for the trained tagger (entities/tagger/), which reads the whole article again. Where the
 * two overlap the rules' mention stands, type included (the rules were written against modern news and keep
 * its conventions: a city's name is a place, not its football club); names only the tagger found are
 * added unless they are one ordinary word or end in a demonym.
 */
import type { ArticleLayout, EntityMention } from '../model';
import { isDemonym } from './gazetteer';
import { classifyWord } from './lexicon';
import { recognizeEntities as recognizeByRules } from './recognize';
import { tagArticle } from './tagger/tag';

function overlaps(a: EntityMention, b: EntityMention): boolean {
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/** A tagger-only name too weak to add: one word the lexicon knows as an ordinary or time word, or a demonym at the end. */
function weakAddition(m: EntityMention): boolean {
  const words = m.text.split(/\s+/);
  const last = words[words.length - 1].replace(/[’']s?$/, '');
  if (isDemonym(last)) return true;
  if (words.length > 1) return false;
  const wordClass = classifyWord(last.replace(/\.$/, ''));
  return wordClass === 'common' || wordClass === 'time' || wordClass === 'honorific' || wordClass === 'demonym';
}

export function recognizeMentions(articleText: string, layout: ArticleLayout): EntityMention[] {
  const rules = recognizeByRules(articleText, layout);
  const tagged = tagArticle(articleText, layout, rules);
  const added = tagged.filter((t) => !rules.some((r) => overlaps(r, t)) && !weakAddition(t));
  return [...rules, ...added].sort((a, b) => a.span.start - b.span.start);
}
