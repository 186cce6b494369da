import { alternation, MONTHS, NAME_ABBREVIATIONS, SPEAKER_LOWERCASE_SOURCES, SPEAKER_VERB_ADVERBS, WEEKDAYS } from '../lexicon';
import { FRAMING_VERB_FORMS, INVERTING_VERB_FORMS, SPEECH_PARTICIPLES, SPEECH_VERB_FORMS } from '../lexicon/speech';
import type { Span } from '../model';

/** The cue words and small helpers the attribution rules share: lexicon-backed, no rule logic. */

const SPEECH_VERBS = SPEECH_VERB_FORMS;
const PARTICIPLES = SPEECH_PARTICIPLES;
const FRAMING_VERBS = FRAMING_VERB_FORMS;

export const POST_CUE = new RegExp(`(?<![\\w-])(?:${SPEECH_VERBS}|${FRAMING_VERBS})(?![\\w-])`);
// "According to X, “…”" opens a sentence: the one cue that may be capitalised.
export const ANY_CUE_GLOBAL = new RegExp(`(?<![\\w-])(?:${SPEECH_VERBS}|${PARTICIPLES}|${FRAMING_VERBS}|[Aa]ccording to)(?![\\w-])`, 'g');
export const IS_PARTICIPLE = new RegExp(`^(?:${PARTICIPLES})$`);
export const IS_FRAMING = new RegExp(`^(?:${FRAMING_VERBS}|according to)$`);
/** A whole word that is a form of a speech or framing verb ("stated", "continued"). */
export const IS_SPEECH_VERB = new RegExp(`^(?:${SPEECH_VERBS}|${FRAMING_VERBS})$`);
export const INVERTED_CUE = new RegExp(`^(?:${INVERTING_VERB_FORMS})$`);

export const PRONOUNS = /^(?:he|she|they|it|i|we|him|her|them)$/i;
export const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'one',
  'another',
  'two',
  'three',
  'four',
  'several',
  'some',
  'many',
  'most',
  'his',
  'her',
  'its',
  'their',
  'our',
  'this',
  'these',
  'those',
  'both',
  'each',
  'every',
  'other',
  'no',
  'any',
  'few',
  'all',
]);
/** Lowercase words that name a kind of source ("officials said"): the lexicon's list. */
export const PLURAL_SOURCES = SPEAKER_LOWERCASE_SOURCES;
/** Adverbs and auxiliaries between subject and verb: the lexicon's list. */
export const ADVERBS = SPEAKER_VERB_ADVERBS;
export const NP_STOP = new Set([
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'but',
  'or',
  'because',
  'when',
  'while',
  'as',
  'if',
  'where',
  'to',
  'in',
  'on',
  'at',
  'with',
  'by',
  'from',
  'into',
  'about',
  'after',
  'before',
  'during',
  'than',
  'is',
  'was',
  'were',
  'are',
  'been',
  'be',
  'being',
  'will',
  'would',
  'could',
  'should',
  'can',
  'may',
  'might',
  'not',
  'has',
  'had',
  'have',
  'do',
  'does',
  'did',
  'so',
  'and',
  'although',
  'though',
  'since',
  'until',
  'how',
  'what',
  'why',
  'also',
  'then',
  'said',
  'says',
  'it',
  'he',
  'she',
  'they',
]);
export const WEEKDAY_OR_MONTH = new RegExp(`^(?:${alternation([...WEEKDAYS, ...MONTHS])}|week|month|year|weekend|morning|afternoon|evening|night|today|yesterday|Monday’s|Tuesday’s)$`);
export const LEADING_ADVERBIAL =
  /^(?:According|In|On|At|After|Before|During|While|Meanwhile|However|Still|Yet|Also|Since|Though|Although|As|When|For|With|Without|Despite|Unlike|Like|Once|Now|Then|Later|Earlier|Asked|Speaking|By|Following|Until|Last|Late|Early|This|Just|Soon|Over|Back|Domestically|Separately|Similarly|Instead|Indeed|Moreover|Nevertheless|Nonetheless|Overall|Here|There|Today|Yesterday|Tomorrow|Writing|Responding|Addressing|Amid|Among|Under|Through|Throughout|Within|Outside|Inside|Across|Along|Around|A)\b[^,;:“”"]{0,90},\s+/;

/**
 * "Horrified at the prospect of a Trump presidency, Ramos …", "Preceded by the sheriff, Trump launched …": a clause
 * opened by a participle and a preposition or determiner ends at the last comma before a capitalised subject.
 */
export const LEADING_PARTICIPLE_CLAUSE =
  /^\p{Lu}\p{Ll}+(?:ed|ing)\s+(?:at|by|to|about|on|with|in|for|from|after|before|during|over|into|as|the|a|an|his|her|their|its)\s[^;:“”"]{0,120},\s+(?=\p{Lu})/u;

export interface Token {
  readonly text: string;
  /** Without trailing punctuation. */
  readonly bare: string;
  readonly start: number;
  /** End of `bare`. */
  readonly end: number;
  readonly trailingComma: boolean;
}

export function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  const re = /\S+/g;
  const slice = text.slice(from, to);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const raw = m[0];
    let bare = raw.replace(/[,;:)\]”"’]+$/u, '');
    if (bare.endsWith('.') && !/^(?:\p{Lu}\.|Mr\.|Ms\.|Mrs\.|Dr\.|Jr\.|Sr\.|St\.|Gen\.|Maj\.|Lt\.|Col\.|Capt\.|Sgt\.|Gov\.|Sen\.|Rep\.|(?:\p{L}\.)+)$/u.test(bare)) {
      bare = bare.replace(/\.+$/, '');
    }
    bare = bare.replace(/^[(\[“"‘]+/u, '');
    const lead = raw.indexOf(bare);
    const start = from + m.index + Math.max(0, lead);
    tokens.push({ text: raw, bare, start, end: start + bare.length, trailingComma: /,[”"’)]*$/.test(raw) });
  }
  return tokens;
}

export const isCapitalised = (t: string): boolean => /^(?:\p{Lu}|(?:al|el|ad|as|ash|at|az|an|ar)-\p{Lu})/u.test(t);
export const isParticle = (t: string): boolean => /^(?:al|el|bin|ibn|abu|von|van|der|den|de|da|del|di|du|la|le|of)$/.test(t);

/** Longest mention, so a lookup window can start that far before a position and miss nothing. */
export function longestSpan(spans: ReadonlyArray<{ span: Span }>): number {
  return spans.reduce((n, s) => Math.max(n, s.span.end - s.span.start), 0);
}

export const FUNCTION_START =
  /^(?:The|A|An|But|And|In|On|At|For|With|By|From|As|It|He|She|They|We|I|This|That|When|While|After|Before|Since|If|Meanwhile|However|Still|Yet|Also|Now|Then|So|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const POST_CUE_GLOBAL = new RegExp(`(?<![\\w-])(?:${SPEECH_VERBS}|${FRAMING_VERBS})(?![\\w-])`, 'gi');

/**
 * Rule cue-case: the first speech verb after a quote. A capitalised one before a lowercase cue is a name ("Read said");
 * one right after a capitalised word or "the" is part of a name ("the United States") unless the words of its line
 * outside the marks are in Title Case ("“…,” Trump Says"); elsewhere it is a cue ("Murphy, the head of Right to Rise
 * USA, Tweeted").
 */
export function firstPostCue(rest: string, line: string): RegExpExecArray | null {
  let titleCase: boolean | undefined;
  POST_CUE_GLOBAL.lastIndex = 0;
  for (let cue = POST_CUE_GLOBAL.exec(rest); cue; cue = POST_CUE_GLOBAL.exec(rest)) {
    if (falseCue(rest, cue.index, cue[0])) return null;
    // "Read said": a capitalised cue before a lowercase one is a name.
    const nameBeforeCue = POST_CUE.test(rest.slice(cue.index + cue[0].length).match(/^\s+(\p{Ll}+(?:\s+\p{Ll}+)?)/u)?.[1] ?? '');
    if (/^\p{Ll}/u.test(cue[0])) return cue;
    if (nameBeforeCue) continue;
    if (!/(?:\p{Lu}[\p{L}’'.\-]*|\b[Tt]he)\s+$/u.test(rest.slice(Math.max(0, cue.index - 30), cue.index))) return cue;
    if (titleCase === undefined) {
      const words = line.replace(/[“"‘][^”"’]*[”"’]/g, ' ').match(/\p{L}[\p{L}’'\-]*/gu) ?? [];
      titleCase = words.length > 1 && words.every((w) => /^\p{Lu}/u.test(w) || /^(?:a|an|the|of|in|on|at|to|for|and|or|with|by)$/.test(w));
    }
    if (titleCase) return cue;
  }
  return null;
}

/**
 * Rule go-on-object: "go on" continues speech only when nothing, "to" or "about" follows ("…,” she went on; went on to say);
 * "the Senate goes on recess", "went on television" are no cues.
 */
export function falseCue(text: string, index: number, word: string): boolean {
  return /^(?:go|goes|went|going|gone) on$/i.test(word) && /^\s+(?!(?:to|about)\b)[\p{L}\d]/u.test(text.slice(index + word.length, index + word.length + 20));
}

/**
 * Lowercase descriptors before a name, after an inverted cue: "said pollster Frank Luntz", "said former Rep. George
 * Miller", "said undecided Republican voter Stephanie Hooton", "said 9/11 widow Terry Strada" (not "said in a
 * statement", "said last week").
 */
export function describedName(afterVerb: string): boolean {
  const described = /^((?:[\p{Ll}\d][\p{Ll}\d\-/]*\s+){1,4})\p{Lu}/u.exec(afterVerb);
  // Rule descriptor-of: "of" inside a title is part of it ("said master of ceremonies Asab Al-Tabchi", "said director of
  // communications Jane Roe").
  if (described)
    return described[1]
      .trim()
      .split(/\s+/)
      .every((w, i, all) => descriptorWord(w, i, [...all, '']));
  // Rule long-descriptor: a longer description joined by "and", with names inside, that ends in a capitalised name ("said
  // retired school bus driver and longtime Elm Street resident Ann Roe").
  const phrase = /^[^,.;:“”"()]+/u.exec(afterVerb)?.[0].trim() ?? '';
  const words = phrase.split(/\s+/);
  if (words.length < 4 || words.length > 14 || !/^[\p{Ll}\d]/u.test(words[0]) || !/^\p{Lu}/u.test(words[words.length - 1]) || !/^\p{Lu}/u.test(words[words.length - 2])) return false;
  return words.every((w, i) => /^\p{Lu}/u.test(w) || w === 'and' || descriptorWord(w, i, words)) && words.includes('and');
}

const descriptorWord = (w: string, i = 0, words: readonly string[] = []): boolean =>
  (w === 'of' && i > 0 && i + 2 < words.length && /^\p{Ll}/u.test(words[i + 1])) ||
  (!NP_STOP.has(w) && !DETERMINERS.has(w) && !/^(?:last|next|early|late|during|via|through|over|under|of|for|against|outside|inside|near|among|amid|around|across|without)$/.test(w));

export function isWeak(cue: string): boolean {
  return /^report/.test(cue);
}

/** End of a noun phrase starting at `start`: before a comma, a clause word or the sentence end. */
/**
 * Initials and the abbreviations of the lexicon's list (`abbreviations.json`: Mr., Gov., Capt., Rev., Jr.) whose full stop
 * ends no sentence or phrase: "said the Rev. Peter Wherry", "Navy Capt. Jeff Davis said".
 */
export const NAME_ABBREVIATION = new RegExp(String.raw`\b(?:\p{Lu}\.)+|\b(?:${alternation(NAME_ABBREVIATIONS)})\.`, 'gu');

/** A party and a state after a politician's name: "D-N.Y.", "R-Texas", "I-Vt." (closing full stop optional). */
export const PARTY_STATE = /^[DRI]-\p{Lu}[\p{L}.]*$/u;

export function phraseEnd(text: string, start: number, to: number): number {
  const rest = text.slice(start, to).replace(NAME_ABBREVIATION, (m) => 'x'.repeat(m.length));
  const stops =
    /(?:[,;:.!?()“”"](?:\s|$)|[;:()“”"]|\s(?:in|on|at|during|after|before|when|while|who|which|that|to|from|last|this|earlier|later|yesterday|today|adding|saying|because|as|and then|but)\b)/gu;
  for (let stop = stops.exec(rest); stop; stop = stops.exec(rest)) {
    // Rule description-complement: a description's complement belongs to it ("a person close to the Clintons",
    // "a longtime adviser to Trump", "a source involved in the talks", "the base chief known as Bob").
    const head = rest.slice(0, stop.index);
    const description = /^(?:the|a|an|one|another)\s/i.test(head) && !/\s\p{Lu}/u.test(head) && head.split(/\s+/).length <= 5;
    const word = stop[0].trim();
    const next = rest.slice(stop.index + stop[0].length);
    const complement = word === 'to' ? /^\s+(?:\p{Lu}|(?:the|both|his|her|its|their)\s)/u.test(next) : /^(?:in|as|from)$/.test(word) && /\p{Ll}(?:ed|wn)$/u.test(head);
    if (description && complement) continue;
    return start + stop.index;
  }
  return start + rest.length;
}
