import { firstStartingAt, type EntityMention, type Span } from '../model';
import { outletNamed } from '../segment/outlets';
import { attributeAfter } from './after';
import { attributeBefore } from './before';
import { ADVERBS, DETERMINERS, FUNCTION_START, NP_STOP, PARTY_STATE, PLURAL_SOURCES, POST_CUE, PRONOUNS, WEEKDAY_OR_MONTH, isCapitalised, isParticle, longestSpan, tokenize, type Token } from './cues';
import { findNameRuns, genderOfFirstName, genderOfHonorific, isOrdinaryWord, nameModifiesHead, surnameOf, type Gender } from './names';
import { sentenceStart } from './sentences';
import { classifyWord } from '../entities/lexicon';
import { SPEAKER_ORGANIZATION_NOUNS } from '../lexicon';
import { attributeToSubject, sentenceSubject } from './subject';

/**
 * Speaker attribution for one quoted stretch, from the words around it. Rule-based, in order of trust (rules after
 * the quote in after.ts, before it in before.ts, the sentence subject in subject.ts, shared cue words in cues.ts):
 * 1. after the quote, a speech verb with its subject: `…,” he said` · `…,” said Mr. Kobakhidze` · `…,” Mazloum Abdi,
 *    head of the S.D.F., said in a statement` · `…” the officer said`;
 * 2. before the quote, `X said:` / `she added, “…`;
 * 3. earlier in the same sentence, reported speech: `Donald Trump said the United States “should have nothing…”`;
 * 4. weak cues: `…,” according to the Russian Foreign Ministry` · `…,” IRNA reported`;
 * 5. verbs of framing (called, described, vowed) and participles (saying, adding) → the sentence's subject;
 * 6. a quote with no cue continues the previous quote's speaker (same paragraph, or a paragraph that opens with it).
 * Pronouns go to the nearest fitting person before them: gender from honorifics, subjects over objects,
 * never a name inside another speaker's appositive.
 */

export interface Speaker {
  readonly name: string;
  readonly span: Span | null;
}

export interface Attribution {
  readonly speaker: Speaker | null;
  /** 1 (most trusted) … 6 (continuing); 0 when none. */
  readonly rank: number;
  /** Text that attributes the quote (subject to cue), whose other names are not pronoun antecedents. */
  readonly clause: Span | null;
}

/** Rule name-gender: an honorific (Mr., Ms.) first, else a given name compromise's lexicon knows (two words or more). */
function personGender(name: string): Gender {
  const words = name.split(/\s+/);
  const titled = genderOfHonorific(words[0] ?? '');
  if (titled) return titled;
  const given = words.find((w) => !/\.$/.test(w));
  return words.length >= 2 && given && given !== words[words.length - 1] ? genderOfFirstName(given) : null;
}

/** Words in -ly that are nouns, not adverbs: "an ally said". */
const LY_NOUNS = /^(?:family|ally|rally|supply|assembly|bully|folly|tally|anomaly|monopoly|homily|melancholy)$/;

export const NO_ATTRIBUTION: Attribution = { speaker: null, rank: 0, clause: null };

/** A determiner and up to two words before a head noun: "the ministry", "its parent company" (head checked against the lexicon). */
const ORGANIZATION_DESCRIPTION = /\b(?:[Tt]he|[Ii]ts)(?:\s+[\p{Ll}\-]+){1,3}/gu;

const OBJECT_PREPOSITIONS = /^(?:to|with|for|from|by|about|at|on|of|against|toward|towards|behind|beside|like|than)$/i;

/** A time phrase ending the text before a verb: "less than two weeks ago", "in the past", "over the last few days". */
const TIME_UNIT = String.raw`(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)`;
const TIME_BEFORE_VERB = new RegExp(
  String.raw`\s+(?:(?:(?:less|more|fewer)\s+than\s+|about\s+|nearly\s+|almost\s+|some\s+|just\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|a\s+couple\s+of|\d+)\s+${TIME_UNIT}\s+ago|(?:in|over|during)\s+the\s+(?:past|last|recent|previous)(?:\s+(?:few|several|two|three|\d+))?(?:\s+${TIME_UNIT})?|in\s+recent\s+${TIME_UNIT}|(?:earlier|later)\s+(?:this|that|last)\s+(?:week|month|year))(?:\s+(?:also|again|then|previously|repeatedly|has|had|have))?\s*$`,
  'u',
);

/** Everything the attribution of one article needs: its text, its people and what was attributed so far. */
export class AttributionContext {
  persons: Array<{ span: Span; text: string; gender: Gender }>;
  organizations: Array<{ span: Span; text: string }>;
  private readonly surnameGender = new Map<string, Gender>();
  /** The recogniser's mentions, sorted by start. */
  readonly mentions: readonly EntityMention[];
  private readonly longestMention: number;
  /** Attribution clauses seen so far: names inside them (other than their speaker) are not antecedents. */
  private readonly clauses: Array<{ clause: Span; speaker: Span | null }> = [];

  constructor(
    readonly text: string,
    mentions: readonly EntityMention[],
    blocks: readonly Span[],
  ) {
    this.mentions = [...mentions].sort((a, b) => a.span.start - b.span.start);
    this.longestMention = longestSpan(this.mentions);
    const persons: Array<{ span: Span; text: string; gender: Gender }> = [];
    const organizations: Array<{ span: Span; text: string }> = [];
    for (const m of mentions) {
      if (m.kind === 'person') persons.push({ span: m.span, text: m.text, gender: personGender(m.text) });
      else if (m.kind === 'organization') organizations.push({ span: m.span, text: m.text });
    }
    // Names the recogniser missed: person-like capitalised runs, and later surname-only mentions of them.
    const knownSurnames = new Set(persons.map((p) => surnameOf(p.text)));
    const overlapsMention = (span: Span): boolean => {
      for (let i = firstStartingAt(this.mentions, span.start - this.longestMention); i < this.mentions.length; i++) {
        const m = this.mentions[i];
        if (m.span.start >= span.end) break;
        if (m.span.end > span.start) return true;
      }
      return false;
    };
    for (const block of blocks) {
      // Rule title-case-line: in a line written in Title Case (a headline) every word is capitalised, so capitalised runs
      // name no one by their shape ("Mayor Defends Budget Cuts"); only the recogniser's names count there.
      if (isTitleCaseLine(text.slice(block.start, block.end))) continue;
      for (const run of findNameRuns(text, block.start, block.end)) {
        const surname = surnameOf(run.text);
        if (run.gender && surname) this.surnameGender.set(surname, run.gender);
        if (overlapsMention(run.span)) continue;
        if (run.organizationLike) organizations.push({ span: run.span, text: run.text });
        else if (run.personLike || knownSurnames.has(surname)) {
          persons.push({ span: run.span, text: run.text, gender: run.gender ?? personGender(run.text) });
          if (run.personLike && surname) knownSurnames.add(surname);
        }
      }
    }
    for (const p of persons) {
      const surname = surnameOf(p.text);
      if (p.gender && surname && !this.surnameGender.has(surname)) this.surnameGender.set(surname, p.gender);
    }
    persons.sort((a, b) => a.span.start - b.span.start);
    organizations.sort((a, b) => a.span.start - b.span.start);
    // Rule body-only antecedents: names outside the headline and paragraphs (a byline's author, a dateline) are
    // never a speaker or a pronoun's antecedent.
    const inBody = (m: { span: Span }): boolean => blocks.some((b) => b.start <= m.span.start && m.span.end <= b.end);
    this.persons = persons.filter(inBody);
    this.organizations = organizations.filter(inBody);
  }

  /** Quoted words: names inside a quotation are never its speaker or a pronoun's antecedent. */
  setQuoted(spans: readonly Span[]): void {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    // One sweep: spans and candidates are both in text order.
    const outside = <T extends { span: Span }>(items: T[]): T[] => {
      let q = 0;
      let reach = -1;
      let reachStart = -1;
      return items.filter(({ span }) => {
        while (q < sorted.length && sorted[q].start <= span.start) {
          if (sorted[q].end > reach) {
            reach = sorted[q].end;
            reachStart = sorted[q].start;
          }
          q++;
        }
        return !(reachStart <= span.start && span.end <= reach);
      });
    };
    this.persons = outside(this.persons);
    this.organizations = outside(this.organizations);
  }

  recordClause(clause: Span | null, speaker: Span | null): void {
    if (clause) this.clauses.push({ clause, speaker });
  }

  private genderOf(name: string): Gender {
    return personGender(name) ?? this.surnameGender.get(surnameOf(name)) ?? null;
  }

  /** A mention that is an object or a modifier (`called on Mr. al-Assad`, `Assad’s government`): a weak antecedent. */
  private demoted(span: Span): boolean {
    // Long enough for a preposition or verb before a title: "called on Mr. al-Assad", "met with President Putin".
    const before = this.text.slice(Math.max(0, span.start - 40), span.start);
    const after = this.text.slice(span.end, span.end + 3);
    if (/^[’']s?\b/.test(after)) return true;
    // "a Hayat Tahrir al-Sham fighter": a name after an article modifies a noun.
    if (/\b(?:a|an)\s+$/i.test(before)) return true;
    return /\b(?:on|to|with|by|for|of|from|against|about|at|into|toward|towards|met|meet|meeting|called|urged|told|accused|between|and)\s+(?:the\s+)?(?:(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Prof)\.?\s+|(?:President|Prime\s+Minister|Foreign\s+Minister|Minister|General|King|Queen|Prince|Sheikh|Pope)\s+)?$/i.test(
      before,
    );
  }

  private insideOtherClause(span: Span): boolean {
    // Clauses are recorded in text order: only the recent ones can hold a nearby name.
    const recent = this.clauses.slice(-8);
    return recent.some(({ clause, speaker }) => span.start >= clause.start && span.end <= clause.end && !(speaker && speaker.start === span.start && speaker.end === span.end));
  }

  /** The person a pronoun at `offset` stands for, looking back no further than `windowStart`. */
  resolvePronoun(pronoun: string, offset: number, windowStart: number, previous: Speaker | null): Speaker | null {
    const p = pronoun.toLowerCase();
    if (p === 'it' || p === 'they' || p === 'them') {
      for (let i = firstStartingAt(this.organizations, offset) - 1; i >= 0; i--) {
        const o = this.organizations[i];
        if (o.span.start >= offset) continue;
        if (o.span.start < windowStart) break;
        if (!this.demoted(o.span)) return { name: o.text, span: o.span };
      }
      // Rule it-to-organization-noun: "it" after "The ministry said … " is the ministry, a description by an organization
      // noun, the last one written before it in the window.
      if (p === 'it' && !(previous?.span && this.organizations.some((o) => o.span.start === previous.span!.start))) {
        const described = this.organizationDescriptionBefore(offset, windowStart);
        if (described) return described;
      }
      // "it" stands for an organization only: the previous speaker when that is one.
      const previousSpan = previous?.span;
      // Rule it-after-organization-noun: so does a previous speaker described by an organization noun ("The company said
      // … It added:").
      const organizationDescription = previous !== null && /^(?:the|its|their)\s/i.test(previous.name) && SPEAKER_ORGANIZATION_NOUNS.has((/\p{Ll}+$/u.exec(previous.name) ?? [''])[0]);
      if (p === 'it') return (previousSpan && this.organizations.some((o) => o.span.start === previousSpan.start)) || organizationDescription ? previous : null;
      return previous;
    }
    if (p === 'i' || p === 'we') return previous;
    const wanted: Gender = p === 'she' || p === 'her' ? 'female' : 'male';
    const found = this.personForPronoun(wanted, offset, windowStart, previous);
    // Rule gender-from-pronoun: a person a "she" or "he" was resolved to has that gender for the later pronouns of the
    // article ("Ngozi Adeyemi … “…,” she said. ¶ “…,” he told her" is not Adeyemi again).
    const surname = found ? surnameOf(found.name) : '';
    if (surname && !this.genderOf(found!.name)) this.surnameGender.set(surname, wanted);
    return found;
  }

  private personForPronoun(wanted: Gender, offset: number, windowStart: number, previous: Speaker | null): Speaker | null {
    let fallback: Speaker | null = null;
    for (let i = firstStartingAt(this.persons, offset) - 1; i >= 0; i--) {
      const person = this.persons[i];
      if (person.span.end > offset) continue;
      if (person.span.start < windowStart) break;
      const gender = person.gender ?? this.genderOf(person.text);
      if (gender && gender !== wanted) continue;
      if (this.insideOtherClause(person.span)) continue;
      if (!this.demoted(person.span)) return this.subjectOfSentenceWith(i, wanted, windowStart) ?? { name: person.text, span: person.span };
      fallback ??= { name: person.text, span: person.span };
    }
    // The previous speaker, when no person fits better (a quote's speaker named outside the window).
    if (!fallback && previous) {
      const gender = this.genderOf(previous.name);
      if (!gender || gender === wanted) return previous;
    }
    return fallback;
  }

  /** The last "the ministry", "its parent company" (an organization noun after a determiner) before `offset`, outside quotes. */
  private organizationDescriptionBefore(offset: number, windowStart: number): Speaker | null {
    const text = this.text.slice(windowStart, offset);
    let found: Span | null = null;
    ORGANIZATION_DESCRIPTION.lastIndex = 0;
    for (let m = ORGANIZATION_DESCRIPTION.exec(text); m; m = ORGANIZATION_DESCRIPTION.exec(text)) {
      const words = m[0].split(/\s+/);
      let n = words.length;
      while (n > 1 && !SPEAKER_ORGANIZATION_NOUNS.has(words[n - 1])) n--;
      if (n <= 1) continue;
      const before = text.slice(0, m.index);
      if (before.lastIndexOf('“') > before.lastIndexOf('”')) continue;
      const start = windowStart + m.index;
      found = { start, end: start + words.slice(0, n).join(' ').length };
    }
    return found ? { name: this.text.slice(found.start, found.end), span: found } : null;
  }

  /**
   * Rule pronoun-to-subject: a pronoun's nearest person stands later in a sentence whose subject is another person of
   * the same gender: the subject is the antecedent ("Levin dismissed concerns … even though Sanders won Michigan. “…,”
   * he said" → Levin; "Broaddrick said Clinton placed several calls …").
   */
  private subjectOfSentenceWith(i: number, wanted: Gender, windowStart: number): Speaker | null {
    const nearest = this.persons[i];
    // The nearest person reports speech ("…, Cole said.", "said Gary Orfield, …"): the speaker, whatever the subject.
    const after = this.text.slice(nearest.span.end, nearest.span.end + 40).split(/[,.;:“”"]/)[0];
    const before =
      this.text
        .slice(Math.max(0, nearest.span.start - 25), nearest.span.start)
        .split(/[,.;:“”"]/)
        .pop() ?? '';
    if (POST_CUE.test(after) || POST_CUE.test(before)) return null;
    const lineStart = this.text.lastIndexOf('\n', nearest.span.start) + 1;
    const from = sentenceStart(this.text, nearest.span.start, Math.max(windowStart, lineStart));
    const subject = sentenceSubject(this, from, nearest.span.start);
    if (!subject || subject === 'pronoun') return null;
    for (let j = i - 1; j >= 0 && this.persons[j].span.start >= from; j--) {
      const person = this.persons[j];
      if (person.span.start < subject.start || person.span.end > subject.end) continue;
      // The subject's head, not a modifier in it ("An enthusiastic Sanders supporter").
      if (/^[^,]*\p{Ll}/u.test(this.text.slice(person.span.end, subject.end))) return null;
      const gender = person.gender ?? this.genderOf(person.text);
      if ((gender && gender !== wanted) || this.insideOtherClause(person.span) || this.demoted(person.span)) return null;
      return { name: person.text, span: person.span };
    }
    return null;
  }

  /**
   * The speaker a noun phrase names: a person mention in it, else an organization or place mention that ends it
   * (its head), else a capitalised name run, else the phrase itself ("the officer").
   */
  speakerOfPhrase(span: Span): Speaker | null {
    let { start, end } = span;
    while (start < end && /[\s,.;:—–\-“”"‘’']/.test(this.text[start])) start++;
    while (end > start && /[\s,;:—–\-“”"]/.test(this.text[end - 1])) end--;
    if (end <= start) return null;
    const phrase = this.text.slice(start, end);
    if (phrase.split(/\s+/).length > 14) return null;
    const inside: EntityMention[] = [];
    for (let i = firstStartingAt(this.mentions, start); i < this.mentions.length && this.mentions[i].span.start < end; i++) {
      if (this.mentions[i].span.end <= end) inside.push(this.mentions[i]);
    }
    // A name after a preposition (titles and "both" may stand between) completes a description: "a longtime adviser to
    // both Clintons", "the former top aide to President George W. Bush".
    const notComplement = (m: { span: Span }): boolean =>
      !/\b(?:for|of|to|with|by|from|at|in|on)\s+(?:(?:the|both)\s+)?(?:(?:President|Sen\.|Senator|Rep\.|Gov\.|Governor|Secretary|Mr\.|Mrs\.|Ms\.|Dr\.)\s+)?$/i.test(
        this.text.slice(start, m.span.start),
      );
    // Rule name-as-modifier ("a senior Cruz adviser", "one Trump campaign source"): the head, not the person, is the speaker.
    const modifier = (m: { span: Span }): boolean => nameModifiesHead(this.text, start, end, m.span.end);
    const person = inside.filter((m) => m.kind === 'person' && notComplement(m) && !modifier(m)).pop();
    if (person) return { name: person.text, span: person.span };
    const headEnd = end - (/[’']s$/.test(phrase) ? 2 : 0);
    const head = inside.find((m) => m.span.end >= headEnd - 1 && notComplement(m));
    if (head) return { name: head.text, span: head.span };
    const whole = inside.find((m) => m.span.start === start);
    if (whole && !/\p{Ll}/u.test(this.text.slice(whole.span.end, end).replace(/\b(?:of|the|and|for|de|al|von|der)\b/g, ''))) {
      return { name: whole.text, span: whole.span };
    }
    const runs = findNameRuns(this.text, start, end);
    const personRun = runs.filter((r) => r.personLike && notComplement(r)).pop();
    if (personRun) return { name: personRun.text, span: personRun.span };
    const lastRun = runs[runs.length - 1];
    // Rule sentence-opener: a lone capitalised word opening its sentence that the lexicon knows only as an adverb
    // or a preposition, or a gerund ("Rather", "Instead", "Eliminating"), is no speaker.
    if (runs.length <= 1 && !/\s/.test(phrase) && isOrdinaryOpener(this.text, start, phrase)) return null;
    if (lastRun && lastRun.span.end >= headEnd - 1 && notComplement(lastRun)) return { name: lastRun.text, span: lastRun.span };
    // A lone function word or a scrap without letters names no one.
    if (!/\p{L}/u.test(phrase) || FUNCTION_START.test(phrase) || /^(?:the|a|an|this|that|these|those|of|so|both|all|some)$/i.test(phrase)) return null;
    return { name: phrase, span: { start, end } };
  }

  /** The noun phrase ending just before `position` (the subject of a cue verb), walking back no further than `limit`. */
  phraseBefore(position: number, limit: number): Span | 'pronoun' | null {
    // Rule time-before-verb: a span of time between subject and verb is not the subject ("The State Department less
    // than two weeks ago said", "Beck, who has in the past described").
    const time = TIME_BEFORE_VERB.exec(this.text.slice(Math.max(limit, position - 60), position));
    if (time && time[0].length < position - limit) position -= time[0].length;
    const tokens = tokenize(this.text, limit, position);
    let i = tokens.length - 1;
    // Adverbs between subject and verb, listed or in -ly ("Gingrich cynically dismissed"), are not the subject.
    const adverb = (t: Token): boolean => ADVERBS.has(t.bare.toLowerCase()) || (/^\p{Ll}{3,}ly$/u.test(t.bare) && !LY_NOUNS.test(t.bare));
    while (i >= 0 && adverb(tokens[i]) && !tokens[i].trailingComma) i--;
    // A time phrase between subject and verb: "Mr. Kobakhidze on Monday said", "the organization in May called".
    for (let guard = 0; guard < 2 && i >= 1; guard++) {
      if (tokens[i].trailingComma) break;
      if (WEEKDAY_OR_MONTH.test(tokens[i].bare) && /^(?:on|in|last|this|late|early|since)$/i.test(tokens[i - 1].bare)) i -= 2;
      else if (i >= 2 && WEEKDAY_OR_MONTH.test(tokens[i].bare) && /^(?:late|early)$/.test(tokens[i - 1].bare) && /^on$/.test(tokens[i - 2].bare)) i -= 3;
      else break;
      while (i >= 0 && ADVERBS.has(tokens[i].bare.toLowerCase()) && !tokens[i].trailingComma) i--;
    }
    if (i < 0) return null;
    // Rule object-pronoun: a pronoun after a preposition, or him/them, is an object, not the subject: "the groups who
    // wrote to her on Thursday say" is said by the groups, the antecedent of the relative pronoun.
    if (PRONOUNS.test(tokens[i].bare) && !tokens[i].trailingComma && (/^(?:him|them)$/i.test(tokens[i].bare) || (i > 0 && OBJECT_PREPOSITIONS.test(tokens[i - 1].bare)))) {
      let k = i - 1;
      while (k > 0 && !/^(?:who|which|that)$/i.test(tokens[k].bare) && !tokens[k].trailingComma) k--;
      if (k <= 0 || !/^(?:who|which|that)$/i.test(tokens[k].bare)) return null;
      return this.walkBack(tokens, k - 1);
    }
    if (PRONOUNS.test(tokens[i].bare) && !tokens[i].trailingComma) return 'pronoun';
    // "Name, an appositive, said": the name when the appositive is a name, else what precedes it.
    if (tokens[i].trailingComma) {
      let j = i;
      while (j > 0 && !tokens[j - 1].trailingComma) j--;
      const appositive = tokens.slice(j, i + 1);
      const named = (run: readonly Token[]): boolean => run.every((t) => isCapitalised(t.bare) || isParticle(t.bare) || /^(?:\p{Lu}\.)+$/u.test(t.bare));
      // Rule party-state-suffix: "Gov. Kathy Hochul, D-N.Y., said", "Rep. Ann Roe, R-Texas, said": a party and state
      // after the name qualify it; the name before them is the subject.
      if (j > 0 && PARTY_STATE.test(this.text.slice(appositive[0].start, appositive[appositive.length - 1].end).replace(/,$/, ''))) return this.walkBack(tokens, j - 1);
      if (j > 0 && named(appositive)) {
        const span = { start: appositive[0].start, end: appositive[appositive.length - 1].end };
        if (!this.isPlace(span)) return span;
        // Rule place-in-appositive: "Dean Johnson, a salesman from Sumter, South Carolina, said": a place closing the
        // appositive is where the speaker is from; the speaker is the name that opens the chain of commas.
        for (let end = j - 1, guard = 0; end >= 0 && guard < 3; guard++) {
          let k = end;
          while (k > 0 && !tokens[k - 1].trailingComma) k--;
          const segment = tokens.slice(k, end + 1);
          const segmentSpan = { start: segment[0].start, end: segment[segment.length - 1].end };
          if (named(segment) && !this.isPlace(segmentSpan) && segment.length <= 4) return segmentSpan;
          if (k === 0) break;
          end = k - 1;
        }
        // No name opens the chain ("a woman in Worcester, Massachusetts,"): the place, as before.
        return span;
      }
      if (j === 0) return null;
      i = j - 1;
    }
    // "Mr. al-Shara, who urged …", "the resolution which said …": the relative pronoun's antecedent.
    if (/^(?:who|which|that)$/i.test(tokens[i].bare) && i > 0) i--;
    return this.walkBack(tokens, i);
  }

  private walkBack(tokens: readonly Token[], last: number): Span | null {
    let first = -1;
    let lowercase = 0;
    for (let i = last; i >= 0; i--) {
      const t = tokens[i];
      if (i !== last && t.trailingComma) break;
      const bare = t.bare;
      const lower = bare.toLowerCase();
      // "a spokesman for Iran’s foreign ministry", "the Organization for the Prohibition of …": a determiner or
      // possessive after of/for/to is inside the phrase; otherwise it starts it.
      const linked = i > 0 && /^(?:of|for|to)$/.test(tokens[i - 1].bare);
      if (DETERMINERS.has(lower)) {
        first = i;
        if (linked) continue;
        break;
      }
      if (/[’']s$/.test(bare) && isCapitalised(bare) && i !== last) {
        first = i;
        if (linked) continue;
        break;
      }
      if (isCapitalised(bare) || /^(?:\p{Lu}\.)+$/u.test(bare)) {
        if (FUNCTION_START.test(bare) && i !== last) break;
        first = i;
        continue;
      }
      if (isParticle(lower) || lower === 'for' || lower === 'to') {
        if (i > 0 && (isCapitalised(tokens[i - 1].bare) || DETERMINERS.has(tokens[i - 1].bare.toLowerCase()) || /^\p{Ll}/u.test(tokens[i - 1].bare))) {
          if (first === -1) break;
          first = i;
          continue;
        }
        break;
      }
      if (lower === 'and' && first !== -1 && isCapitalised(tokens[first].bare) && i > 0 && isCapitalised(tokens[i - 1].bare)) {
        first = i;
        continue;
      }
      if (NP_STOP.has(lower) || !/^\p{Ll}[\p{Ll}\-’']*$/u.test(bare)) break;
      if (++lowercase > 5) break;
      first = i;
    }
    if (first === -1) return null;
    // Rule phrase-after-preposition: a determiner phrase right after a preposition is where or when, not who ("Trump
    // in his announcement speech called"): the name before the preposition is the subject.
    if (first >= 2 && DETERMINERS.has(tokens[first].bare.toLowerCase()) && /^(?:in|at|during|on|from|via|through)$/.test(tokens[first - 1].bare) && !tokens[first - 2].trailingComma) {
      // "Protesters marching through the streets chanted": a participle before the preposition belongs to the subject.
      const k = first - 2 > 0 && /^\p{Ll}+(?:ing|ed)$/u.test(tokens[first - 2].bare) && !tokens[first - 3].trailingComma ? first - 3 : first - 2;
      const before = this.walkBack(tokens, k);
      if (before && /^\p{Lu}/u.test(this.text.slice(before.start, before.end))) return before;
    }
    // Never start on a particle or preposition left dangling.
    while (first < last && (isParticle(tokens[first].bare) || /^(?:for|to|and)$/.test(tokens[first].bare))) first++;
    const span = { start: tokens[first].start, end: tokens[last].end };
    // A bare lowercase word ("fighters said") is only a speaker when it names a kind of source.
    const words = this.text.slice(span.start, span.end).split(/\s+/);
    if (words.every((w) => /^\p{Ll}/u.test(w)) && !DETERMINERS.has(words[0].toLowerCase()) && !PLURAL_SOURCES.has(words[words.length - 1])) return null;
    return span;
  }

  /** Whether the recogniser read exactly this span as a place. */
  private isPlace(span: Span): boolean {
    const m = this.mentions[firstStartingAt(this.mentions, span.start)];
    return m !== undefined && m.span.start === span.start && m.span.end === span.end && m.kind === 'place';
  }

  /** Whether a phrase names an outlet or organization (an intermediary that relays words), never a person. */
  isOutlet(span: Span): boolean {
    const name = this.text.slice(span.start, span.end);
    if (outletNamed(name) || outletNamed(name.replace(/^the\s+/i, 'The ')) || outletNamed(name.replace(/^the\s+/i, ''))) return true;
    for (let i = firstStartingAt(this.mentions, span.start - this.longestMention); i < this.mentions.length; i++) {
      const m = this.mentions[i];
      if (m.span.start >= span.end) break;
      if (m.span.end > span.start) return m.kind === 'organization';
    }
    return findNameRuns(this.text, span.start, span.end).some((r) => r.organizationLike);
  }

  sentenceSubject(start: number, end: number): Span | 'pronoun' | null {
    return sentenceSubject(this, start, end);
  }

  /** The subject of a sentence when it is a person (a name the article knows as one, or he/she resolved), else null. */
  personSubject(start: number, end: number, windowStart: number, previous: Speaker | null): Speaker | null {
    const subject = sentenceSubject(this, start, end);
    if (subject === null) return null;
    if (subject === 'pronoun') {
      const p = tokenize(this.text, start, end).find((t) => PRONOUNS.test(t.bare));
      return p && /^(?:he|she)$/i.test(p.bare) ? this.resolvePronoun(p.bare, p.start, windowStart, previous) : null;
    }
    const speaker = this.speakerOfPhrase(subject);
    const span = speaker?.span;
    if (!span) return null;
    const i = firstStartingAt(this.persons, span.start);
    const person = this.persons[i];
    return person && person.span.start === span.start && person.span.end === span.end ? speaker : null;
  }

  attributeToSubject(sentenceFrom: number, quoteStart: number, windowStart: number, previous: Speaker | null, personOnly = false): Attribution {
    return attributeToSubject(this, sentenceFrom, quoteStart, windowStart, previous, personOnly);
  }

  attributeAfter(from: number, to: number, windowStart: number, previous: Speaker | null): Attribution {
    return attributeAfter(this, from, to, windowStart, previous);
  }

  attributeBefore(from: number, to: number, sentenceFrom: number, windowStart: number, previous: Speaker | null): Attribution {
    return attributeBefore(this, from, to, sentenceFrom, windowStart, previous);
  }
}

/** A line of three words or more whose words are all capitalised, short function words aside. */
function isTitleCaseLine(line: string): boolean {
  const words = line.match(/\p{L}[\p{L}’'\-]*/gu) ?? [];
  if (words.length < 3 || /[.!?]["”’]?\s+\p{Lu}/u.test(line)) return false;
  return words.every((w) => /^\p{Lu}/u.test(w) || /^(?:a|an|the|of|in|on|at|to|for|and|or|with|by|as|from|vs|over|after)$/.test(w));
}

/** A capitalised word at a sentence or paragraph start that is an adverb, a preposition or a gerund in English. */
function isOrdinaryOpener(text: string, start: number, word: string): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(word)) return false;
  const before = text.slice(Math.max(0, start - 3), start);
  if (start > 0 && !/(?:^|[.!?:”"]\s+|\n\s*)$/.test(before)) return false;
  // Rule opener-in-ly: an adverb in -ly ("Shortly", "Hastily") that the lexicon knows as no name (not "Kelly").
  const ly = /\p{Ll}{2}ly$/u.test(word) && !LY_NOUNS.test(word.toLowerCase()) && /^(?:common|unknown)$/.test(classifyWord(word.toLowerCase()));
  return /ing$/.test(word) || ly || isOrdinaryWord(word);
}
