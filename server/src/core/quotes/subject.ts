import { firstStartingAt, type Span } from '../model';
import { NO_ATTRIBUTION, type Attribution, type AttributionContext, type Speaker } from './attribution';
import { DETERMINERS, FUNCTION_START, LEADING_ADVERBIAL, LEADING_PARTICIPLE_CLAUSE, NP_STOP, PRONOUNS, isCapitalised, isParticle, tokenize, type Token } from './cues';
import { findNameRuns, isQualifyingAdjective } from './names';
import { SUBJECT_ENDING_VERBS } from '../lexicon';

/** Rules that find a sentence's subject: for participles, framing verbs and fragments with no cue nearby. */

/**
 * The subject of the sentence starting at `start` (leading adverbials skipped): for participles (`…, saying`)
 * and framing verbs whose subject is far from the verb.
 */
export function sentenceSubject(ctx: AttributionContext, start: number, end: number): Span | 'pronoun' | null {
  // "When Trump finally wrapped up — “…”": a quote still inside the opening subordinate clause belongs to the
  // clause's subject.
  const subordinate = /^(?:When|As|After|While|Before|Since|Although|Though|Because|Once|Until|If)\s+/.exec(ctx.text.slice(start, end));
  if (subordinate && !/[,;:]/.test(ctx.text.slice(start, end))) return sentenceSubject(ctx, start + subordinate[0].length, end);
  const found = sentenceSubjectRaw(ctx, start, end);
  if (found === null || found === 'pronoun') return found;
  const first = ctx.text.slice(found.start, found.end).split(/\s+/)[0];
  // A sentence that still opens with a preposition or a gerund had no subject we can trust; a name in -ing the
  // article knows as a person ("Boreing said") is no gerund.
  const named = ctx.persons.some((p) => p.span.start === found.start) || ctx.mentions.some((m) => m.span.start === found.start && m.kind !== 'place');
  if (
    /^(?:With|At|According|In|On|For|From|To|By|After|Before|During|Under|Over|Amid|As|If|When|While|Since|Although|Though|Because|Unlike|Like|Despite)$/.test(first) ||
    (/^\p{Lu}\p{Ll}+ing$/u.test(first) && !named)
  ) {
    return null;
  }
  return found;
}

const SECOND_ADVERBIAL = /^(?:after|before|while|since|despite|following|when|as|although|though|because|once|until|amid|during|in|on|at|with|without|like|unlike)\s[^,;:“”"]{0,90},\s+(?=\p{Lu})/u;

export function sentenceSubjectRaw(ctx: AttributionContext, start: number, end: number): Span | 'pronoun' | null {
  let at = start;
  // "PHILADELPHIA (AP) — The Democratic National Committee …": a dateline is not the subject.
  // "WASHINGTON, Dec. 8 (UPI) — …": a date may sit between the place and the agency.
  const dateline = /^\p{Lu}[\p{Lu} .,'’-]{2,40}(?:,?\s*\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2},?)?\s*(?:\([^)]{1,30}\))?\s*[—–-]+\s*/u.exec(ctx.text.slice(at, end));
  if (dateline) at += dateline[0].length;
  const skippedFrom = at;
  for (let guard = 0; guard < 3; guard++) {
    const rest = ctx.text.slice(at, end);
    const adverbial = LEADING_ADVERBIAL.exec(rest) ?? /^\p{Lu}\p{Ll}+(?:\s+\p{Ll}+){1,3},\s+(?=\p{Lu})/u.exec(rest) ?? LEADING_PARTICIPLE_CLAUSE.exec(rest);
    if (adverbial) at += adverbial[0].length;
    // Rule second-adverbial: after an opening adverbial, a second one in lower case before the subject ("On Thursday, after
    // remaining neutral throughout the primary, Warren endorsed …").
    else if (at > skippedFrom && SECOND_ADVERBIAL.test(rest)) at += SECOND_ADVERBIAL.exec(rest)![0].length;
    // "On July 6, 2015, Sanders …": the year after a date.
    else if (/^\d{4},\s+/.test(rest)) at += /^\S+\s+/.exec(rest)![0].length;
    // Rule adverb-clause-opener: "Shortly after the call ended, Rubio’s campaign …": an adverb in -ly and a
    // subordinate clause before the comma.
    else if (/^\p{Lu}\p{Ll}+ly\s+(?:after|before|since|when|following|upon|as|into)\s[^,;:“”"]{0,90},\s+/u.test(rest))
      at += /^\p{Lu}\p{Ll}+ly\s+(?:after|before|since|when|following|upon|as|into)\s[^,;:“”"]{0,90},\s+/u.exec(rest)![0].length;
    // "Wait, it gets better": a lone interjection before the clause's pronoun.
    else if (/^\p{Lu}\p{Ll}+,\s+(?:he|she|it|they|we|I)\s/u.test(rest)) at += /^\S+\s+/.exec(rest)![0].length;
    else if (
      /^(?:But|And|Yet|So|Still|Now|Then|Perhaps|Maybe|First|Second|Third|Finally|Ultimately|Again|Thus|Therefore|Plus|Apparently|Instead|Indeed|Clearly|Obviously|Certainly|Surely|Probably)\b,?\s+/.test(
        rest,
      ) ||
      /^\p{Lu}\p{Ll}+ly,\s+/u.test(rest)
    ) {
      at += /^\S+\s+/.exec(rest)![0].length;
      // "And then Trump went on the attack": an adverb after the conjunction is no subject either.
      const adverb = /^(?:then|now|so|also|still|yet|again|perhaps|maybe)\s+/.exec(ctx.text.slice(at, end));
      if (adverb) at += adverb[0].length;
    } else break;
  }
  const tokens = tokenize(ctx.text, at, end);
  if (!tokens.length) return null;
  if (PRONOUNS.test(tokens[0].bare)) return 'pronoun';
  let last = -1;
  const first = tokens[0].bare;
  // "The ad targets …": a capitalised determiner before a lowercase noun opens a common noun phrase.
  const determinerPhrase = DETERMINERS.has(first.toLowerCase()) && tokens.length > 1 && /^\p{Ll}/u.test(tokens[1].bare);
  if (!determinerPhrase && (isCapitalised(first) || /^(?:\p{Lu}\.)+$/u.test(first))) {
    for (let i = 0; i < tokens.length && i < 10; i++) {
      const t = tokens[i].bare;
      if (isCapitalised(t) || /^(?:\p{Lu}\.)+$/u.test(t) || (isParticle(t) && i + 1 < tokens.length && isCapitalised(tokens[i + 1].bare))) last = i;
      else break;
      if (tokens[i].trailingComma) break;
      // "Germany’s Chancellor Angela Merkel": a possessive goes on into the capitalised name it qualifies.
      if (/[’']s$/.test(t) && !(i + 1 < tokens.length && i < 9 && isCapitalised(tokens[i + 1].bare) && !FUNCTION_START.test(tokens[i + 1].bare))) break;
    }
    last = qualifiedPhraseEnd(tokens, last);
  } else if (DETERMINERS.has(first.toLowerCase())) {
    for (let i = 0; i < tokens.length && i < 6; i++) {
      const t = tokens[i].bare;
      // "The rationale these proven liars use": a second determiner starts another phrase.
      if (i > 0 && (NP_STOP.has(t.toLowerCase()) || (i >= 2 && /^(?:the|a|an|these|those|this)$/.test(t)) || /^(?:said|says|told|has|had|was|is)$/.test(t))) break;
      // Rule subject-ends-at-verb: after the head noun, a common verb ("The billionaire businessman began by …", "the
      // Daily News focuses on …") or a word in -s before a verb particle ("The email goes on to say") ends the subject.
      if (i >= 2 && (SUBJECT_ENDING_VERBS.has(t) || (/^\p{Ll}+[^su]s$/u.test(t) && i + 1 < tokens.length && /^(?:on|out|up|off|back|down|ahead|away)$/.test(tokens[i + 1].bare)))) break;
      // A lowercase word after the head noun, before an article, or in -ed is the verb: "The ad targets a …", "The panel voted".
      if (
        (i >= 2 || (i === 1 && /^(?:this|that|these|those)$/i.test(first))) &&
        /^\p{Ll}+$/u.test(t) &&
        (/ed$/.test(t) || (i + 1 < tokens.length && /^(?:a|an|the|his|her|its|their)$/.test(tokens[i + 1].bare)))
      )
        break;
      // "The final results aren’t …", "These guys know how …", "This used to …", "The plaque read “…": a contraction,
      // a verb before its complement or right before the quote.
      if (
        i > 0 &&
        (/n[’']t$/.test(t) ||
          t === 'whether' ||
          (i >= 2 && i === tokens.length - 1 && /^\p{Ll}+$/u.test(t)) ||
          (i + 1 < tokens.length && /^(?:how|what|why|whether|if|to|that)$/.test(tokens[i + 1].bare) && /^\p{Ll}+$/u.test(t)))
      )
        break;
      last = i;
      if (tokens[i].trailingComma) break;
    }
  }
  if (last < 0) return null;
  // "the body’s chairman, Vyacheslav Volodin," / "Its foreign minister, Hakan Fidan,": the appositive name.
  // After a leading adverbial, "…in Salem, New Hampshire, Trump went after Bush": the name after the comma.
  if (tokens[last].trailingComma && at > skippedFrom) {
    let k = last + 1;
    const run: Token[] = [];
    while (k < tokens.length && run.length < 5 && (isCapitalised(tokens[k].bare) || isParticle(tokens[k].bare))) {
      run.push(tokens[k]);
      if (tokens[k].trailingComma) break;
      k++;
    }
    if (run.length && !run[run.length - 1].trailingComma && k < tokens.length && /^\p{Ll}/u.test(tokens[k].bare)) {
      return { start: run[0].start, end: run[run.length - 1].end };
    }
  }
  if (tokens[last].trailingComma) {
    const next: Token[] = [];
    for (let i = last + 1; i < tokens.length && next.length < 6; i++) {
      next.push(tokens[i]);
      if (tokens[i].trailingComma) break;
    }
    if (next.length && next[next.length - 1].trailingComma && next.every((t) => isCapitalised(t.bare) || isParticle(t.bare) || /^(?:\p{Lu}\.)+$/u.test(t.bare))) {
      return { start: next[0].start, end: next[next.length - 1].end };
    }
  }
  return { start: tokens[0].start, end: tokens[last].end };
}

/**
 * Rule qualified-subject: capitalised adjectives alone ("Republican", "Former", "Syrian") qualify the phrase that goes on
 * in lowercase, up to the name it describes: "Republican presidential front-runner Donald Trump is insisting …",
 * "Democratic front-runner Hillary Clinton said …". The lowercase words stop before a verb-like word (-ed, -ing, -ly,
 * -s) or a clause word; the name after them runs to its last capitalised word.
 */
function qualifiedPhraseEnd(tokens: readonly Token[], last: number): number {
  if (last < 0 || tokens[last].trailingComma || last + 1 >= tokens.length || !/^\p{Ll}/u.test(tokens[last + 1].bare)) return last;
  for (let i = 0; i <= last; i++) if (!isQualifyingAdjective(tokens[i].bare)) return last;
  let i = last + 1;
  let lowercase = 0;
  while (i < tokens.length && lowercase < 4 && /^\p{Ll}[\p{Ll}\-]*$/u.test(tokens[i].bare)) {
    const w = tokens[i].bare;
    if (NP_STOP.has(w) || DETERMINERS.has(w) || /(?:ed|ing|ly|[^s]s)$/.test(w) || tokens[i].trailingComma) return last;
    lowercase++;
    i++;
  }
  if (!lowercase) return last;
  let end = i - 1;
  while (i < tokens.length && i - last < 10 && (isCapitalised(tokens[i].bare) || /^(?:\p{Lu}\.)+$/u.test(tokens[i].bare))) {
    end = i;
    if (tokens[i].trailingComma) break;
    i++;
  }
  return end;
}

/**
 * Last resort for a quoted fragment inside a sentence with no cue: the sentence's subject is its source
 * ("Gingrich cynically dismissed NATO member Estonia as being in the “suburbs of St. Petersburg”").
 */
export function attributeToSubject(ctx: AttributionContext, sentenceFrom: number, quoteStart: number, windowStart: number, previous: Speaker | null, personOnly = false): Attribution {
  const subject = sentenceSubject(ctx, sentenceFrom, quoteStart);
  if (subject === 'pronoun') {
    const p = tokenize(ctx.text, sentenceFrom, quoteStart).find((t) => PRONOUNS.test(t.bare));
    if (!p || !/^(?:he|she)$/i.test(p.bare)) return NO_ATTRIBUTION;
    return { speaker: ctx.resolvePronoun(p.bare, p.start, windowStart, previous), rank: 7, clause: null };
  }
  if (!subject) return NO_ATTRIBUTION;
  const speaker = ctx.speakerOfPhrase(subject);
  // Only a recognised name or a person- or organization-like name run: "the law" or "it" is no source.
  if (!speaker?.span) return NO_ATTRIBUTION;
  const span = speaker.span;
  const same = (m: { span: Span } | undefined): boolean => m !== undefined && m.span.start === span.start && m.span.end === span.end;
  const at = ctx.mentions[firstStartingAt(ctx.mentions, span.start)];
  const isMention = same(at) && at.kind !== 'place';
  const run = findNameRuns(ctx.text, span.start, span.end).find((r) => same(r));
  // A short determiner phrase ("The ad", "the council") names a source too.
  const shortPhrase = /^(?:The|the|A|a|An|an)\s+(?:\p{L}[\p{L}’'\-]*\s+){0,3}\p{Ll}[\p{Ll}\-]+$/u.test(speaker.name) && !/\s(?:of|for|to|and|that|which)\s/.test(speaker.name);
  // A scare quote is the subject's phrase when the subject is a person, an organization or a determiner phrase
  // ("Clinton decried “systemic racism”", "The ad targets a “corrupt” system"), never a lone capitalised word.
  if (personOnly) {
    const source =
      same(ctx.persons[firstStartingAt(ctx.persons, span.start)]) ||
      same(ctx.organizations[firstStartingAt(ctx.organizations, span.start)]) ||
      isMention ||
      (run !== undefined && (run.personLike || run.organizationLike)) ||
      shortPhrase;
    return source ? { speaker, rank: 7, clause: null } : NO_ATTRIBUTION;
  }
  const shouting = run ? /^(?:\p{Lu}{2,}\s+)+\p{Lu}{2,}$/u.test(run.text) : true;
  if (!isMention && !(run && !shouting) && !shortPhrase) return NO_ATTRIBUTION;
  return { speaker, rank: 7, clause: null };
}
