/**
 * Acronyms of terms, not of names: "Geographic Information Systems (GIS)", "bovine spongiform encephalopathy
 * (BSE)", "Information and Communication Technology (ICT)". Where the text spells an acronym out in words that
 * no rule and not the tagger read as a name, the acronym is a term of the article too, and its mentions go.
 * Measured on the dev split (README, "Accuracy"): the `acronym` rule was 22 % precise on gum-dev, mostly
 * on such terms.
 */
import type { EntityMention } from '../model';
import { isAcronym } from './tokens';
import { acronymKey } from './names';

/** Words a long form may hold that its acronym skips ("Information and Communication Technology"). */
const SKIPPED = /^(?:and|of|for|the|in|on|to|at|by|with|&|de|du|des|la|le|el|del|di|da|und|für|der)$/i;
const DEFINITION = /\(\s*((?:\p{Lu}\.?){2,8})\s*\)/gu;
const WORD = /[\p{L}\p{N}&][\p{L}\p{M}\p{N}'’-]*/gu;

/** The start of the words before `end` whose initials spell `letters`, or -1. */
function longFormStart(text: string, end: number, letters: string): number {
  const words = [...text.slice(Math.max(0, end - 160), end).matchAll(WORD)];
  const offset = Math.max(0, end - 160);
  let j = letters.length - 1;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i][0];
    if (j < letters.length - 1 && SKIPPED.test(word)) continue;
    // "Creutzfeldt-Jakob Disease (CJD)": each part of a hyphenated word may give a letter.
    const parts = word.split('-').filter((p) => p);
    const initials = parts.map((p) => p[0].toUpperCase());
    const tail = letters.slice(Math.max(0, j - initials.length + 1), j + 1);
    if (initials.length > 1 && tail === initials.join('')) j -= initials.length;
    else if (initials[0] === letters[j]) j--;
    else return -1;
    if (j < 0) return offset + (words[i].index ?? 0);
  }
  return -1;
}

/** The keys of acronyms the article defines by words that are no name (no mention covers their start). */
export function termAcronyms(text: string, mentions: readonly EntityMention[]): Set<string> {
  const terms = new Set<string>();
  for (const m of text.matchAll(DEFINITION)) {
    const letters = acronymKey(m[1]).toUpperCase();
    if (letters.length < 2 || terms.has(letters)) continue;
    let end = m.index;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    const start = longFormStart(text, end, letters);
    if (start < 0) continue;
    // A name covers the long form's first word ("World Health Organization (WHO)"); a tagger name inside the
    // words ("Information and [Communication Technology] (ICT)") does not make them a name.
    if (!mentions.some((x) => x.span.start <= start && start < x.span.end)) terms.add(letters);
  }
  return terms;
}

/** The mentions without those that are an acronym of a term. */
export function withoutTermAcronyms(text: string, mentions: EntityMention[]): EntityMention[] {
  const terms = termAcronyms(text, mentions);
  if (!terms.size) return mentions;
  return mentions.filter((m) => {
    const written = m.text.replace(/[’']s$/, '');
    return !(isAcronym(written) && terms.has(acronymKey(written).toUpperCase()));
  });
}
