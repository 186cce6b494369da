import { alternation, MONTHS, WEEKDAYS } from '../lexicon';
import type { EntityMention, Span } from '../model';
import { findNameRuns, genderOfHonorific, surnameOf, type Gender } from './names';

/**
 * Speaker attribution for one quoted stretch, from the words around it. Rule-based, in order of trust:
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

export const NO_ATTRIBUTION: Attribution = { speaker: null, rank: 0, clause: null };

const SPEECH_VERBS =
  'went on|exclaimed|barked|beamed|chanted|snapped|gushed|groused|marveled|marvelled|shot back|fired back|quipped|bellowed|hollered|murmured|muttered|sniffed|sneered|raged|cheered|teased|tweeted|said|says|say|told|tells|answered|answers|pressed|retaliated|riffed|exhorted|commented|write|added|adds|wrote|writes|stated|states|noted|notes|insisted|insists|warned|warns|asked|asks|explained|explains|argued|argues|declared|declares|tweeted|tweets|posted|posts|recalled|recalls|continued|continues|replied|replies|responded|responds|announced|announces|claimed|claims|acknowledged|acknowledges|admitted|admits|conceded|concedes|emphasized|emphasised|emphasizes|stressed|stresses|urged|urges|predicted|predicts|suggested|suggests|cautioned|cautions|complained|complains|countered|counters|quipped|remarked|remarks|testified|testifies|boasted|boasts|joked|jokes|lamented|laments|shouted|yelled|pleaded|vowed|vows|promised|promises|threatened|threatens|confirmed|confirms|denied|denies|agreed|agrees|maintained|maintains|mused|texted|emailed|wondered|wonders|cried|screamed|whispered|concluded|concludes|charged|charges|contended|contends|alleged|alleges|assured|assures|reiterated|reiterates|recounted|recounts|chimed|interjected|retorted|sighed|tells|advised|advises|cautioned|reminded|reminds|insisted|thundered|fumed|scoffed|opined|proclaimed|proclaims|pointed out|points out';
const PARTICIPLES = 'alleging|insisting|maintaining|arguing|contending|charging|warning|saying|telling|adding|writing|noting|insisting|warning|asking|explaining|arguing|declaring|tweeting|posting|recalling|calling|describing|referring|vowing|promising|stressing|urging|claiming|accusing|suggesting|predicting|complaining|expressing|announcing|acknowledging|admitting|conceding|emphasizing|emphasising|threatening|pledging|citing|labeling|dubbing|branding|blaming|denouncing|decrying|praising|hailing';
const FRAMING_VERBS =
  'dismissed|dismisses|questioned|likened|likens|lauded|lauds|mocked|mocks|ridiculed|ridicules|touted|touts|scolded|scolds|derided|derides|disparaged|assailed|attacked|attacks|lambasted|chided|rejected|rejects|defended|defends|nicknamed|deemed|deems|quoted|quotes|sings|sang|put it|puts it|reads|reported|reports|called|calls|described|describes|expressed|expresses|referred|refers|dubbed|dubs|labeled|labelled|labels|branded|brands|hailed|hails|denounced|denounces|praised|praises|criticized|criticised|criticizes|condemned|condemns|accused|accuses|demanded|demands|blasted|blasts|slammed|slams|decried|decries|characterized|characterizes|termed|terms|pledged|pledges|welcomed|welcomes|blamed|blames|cited|cites|voiced|voices|questioned|questions';

const POST_CUE = new RegExp(`(?<![\\w-])(?:${SPEECH_VERBS}|${FRAMING_VERBS})(?![\\w-])`);
// "According to X, “…”" opens a sentence: the one cue that may be capitalised.
const ANY_CUE_GLOBAL = new RegExp(`(?<![\\w-])(?:${SPEECH_VERBS}|${PARTICIPLES}|${FRAMING_VERBS}|[Aa]ccording to)(?![\\w-])`, 'g');
const IS_PARTICIPLE = new RegExp(`^(?:${PARTICIPLES})$`);
const IS_FRAMING = new RegExp(`^(?:${FRAMING_VERBS}|according to)$`);
const INVERTED_CUE = /^(?:declares|agrees|agreed|opined|exhorted|answered|commented|pressed|read|reads|beamed|exclaimed|wrote|said|says|added|adds|wrote|writes|asked|asks|explained|explains|continued|continues|recalled|recalls|insisted|noted|argued|declared|replied|responded|stated|warned|tweeted|posted|reported|reports|told|tells)$/;

const PRONOUNS = /^(?:he|she|they|it|i|we|him|her|them)$/i;
const DETERMINERS = new Set([
  'the', 'a', 'an', 'one', 'another', 'two', 'three', 'four', 'several', 'some', 'many', 'most', 'his', 'her', 'its', 'their',
  'our', 'this', 'these', 'those', 'both', 'each', 'every', 'other', 'no', 'any', 'few', 'all',
]);
const PLURAL_SOURCES = /^(?:officials|analysts|experts|residents|witnesses|sources|critics|observers|diplomats|police|authorities|investigators|prosecutors|aides|advisers|advisors|supporters|protesters|people|researchers|activists|lawmakers|leaders|officers|soldiers|doctors|medics|rebels|militants|organizers|organisers|scientists|economists|historians|voters|members|relatives|neighbors|neighbours|locals|reports|documents|data|polls|records|statements|administration|spokesman|spokeswoman|spokesperson|officer|official)$/;
const ADVERBS = new Set([
  'also', 'later', 'then', 'again', 'has', 'had', 'have', 'previously', 'recently', 'publicly', 'repeatedly', 'reportedly', 'once',
  'subsequently', 'separately', 'further', 'would', 'will', 'often', 'frequently', 'earlier', 'initially', 'first', 'finally',
  'simply', 'just', 'flatly', 'openly', 'privately', 'bluntly', 'angrily', 'quietly', 'told', 'has',
]);
const NP_STOP = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'but', 'or', 'because', 'when', 'while', 'as', 'if', 'where', 'to', 'in', 'on', 'at',
  'with', 'by', 'from', 'into', 'about', 'after', 'before', 'during', 'than', 'is', 'was', 'were', 'are', 'been', 'be', 'being',
  'will', 'would', 'could', 'should', 'can', 'may', 'might', 'not', 'has', 'had', 'have', 'do', 'does', 'did', 'so', 'and',
  'although', 'though', 'since', 'until', 'how', 'what', 'why', 'also', 'then', 'said', 'says', 'it', 'he', 'she', 'they',
]);
const WEEKDAY_OR_MONTH = new RegExp(`^(?:${alternation([...WEEKDAYS, ...MONTHS])}|week|month|year|weekend|morning|afternoon|evening|night|today|yesterday|Monday’s|Tuesday’s)$`);
const LEADING_ADVERBIAL = /^(?:According|In|On|At|After|Before|During|While|Meanwhile|However|Still|Yet|Also|Since|Though|Although|As|When|For|With|Without|Despite|Unlike|Like|Once|Now|Then|Later|Earlier|Asked|Speaking|By|Following|Until|Last|Late|Early|This|Just|Soon|Over|Back|Domestically|Separately|Similarly|Instead|Indeed|Moreover|Nevertheless|Nonetheless|Overall|Here|There|Today|Yesterday|Tomorrow|Writing|Responding|Addressing|Amid|Among|Under|Through|Throughout|Within|Outside|Inside|Across|Along|Around|A)\b[^,;:“”"]{0,90},\s+/;

/**
 * "Horrified at the prospect of a Trump presidency, Ramos …", "Preceded by the sheriff, Trump launched …": a clause
 * opened by a participle and a preposition or determiner ends at the last comma before a capitalised subject.
 */
const LEADING_PARTICIPLE_CLAUSE = /^\p{Lu}\p{Ll}+(?:ed|ing)\s+(?:at|by|to|about|on|with|in|for|from|after|before|during|over|into|as|the|a|an|his|her|their|its)\s[^;:“”"]{0,120},\s+(?=\p{Lu})/u;

interface Token {
  readonly text: string;
  /** Without trailing punctuation. */
  readonly bare: string;
  readonly start: number;
  /** End of `bare`. */
  readonly end: number;
  readonly trailingComma: boolean;
}

function tokenize(text: string, from: number, to: number): Token[] {
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

const isCapitalised = (t: string): boolean => /^(?:\p{Lu}|(?:al|el|ad|as|ash|at|az|an|ar)-\p{Lu})/u.test(t);
const isParticle = (t: string): boolean => /^(?:al|el|bin|ibn|abu|von|van|der|den|de|da|del|di|du|la|le|of)$/.test(t);

/** Index of the first span starting at or after `offset` in spans sorted by start. */
function firstStartingAt(spans: ReadonlyArray<{ span: Span }>, offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Longest mention, so a lookup window can start that far before a position and miss nothing. */
function longestSpan(spans: ReadonlyArray<{ span: Span }>): number {
  return spans.reduce((n, s) => Math.max(n, s.span.end - s.span.start), 0);
}

/** Everything the attribution of one article needs: its text, its people and what was attributed so far. */
export class AttributionContext {
  private persons: Array<{ span: Span; text: string; gender: Gender }>;
  private organizations: Array<{ span: Span; text: string }>;
  private readonly surnameGender = new Map<string, Gender>();
  /** The recogniser's mentions, sorted by start. */
  private readonly mentions: readonly EntityMention[];
  private readonly longestMention: number;
  /** Attribution clauses seen so far: names inside them (other than their speaker) are not antecedents. */
  private readonly clauses: Array<{ clause: Span; speaker: Span | null }> = [];

  constructor(
    private readonly text: string,
    mentions: readonly EntityMention[],
    blocks: readonly Span[],
  ) {
    this.mentions = [...mentions].sort((a, b) => a.span.start - b.span.start);
    this.longestMention = longestSpan(this.mentions);
    const persons: Array<{ span: Span; text: string; gender: Gender }> = [];
    const organizations: Array<{ span: Span; text: string }> = [];
    for (const m of mentions) {
      if (m.kind === 'person') persons.push({ span: m.span, text: m.text, gender: genderOfHonorific(m.text.split(/\s+/)[0] ?? '') });
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
      for (const run of findNameRuns(text, block.start, block.end)) {
        const surname = surnameOf(run.text);
        if (run.gender && surname) this.surnameGender.set(surname, run.gender);
        if (overlapsMention(run.span)) continue;
        if (run.organizationLike) organizations.push({ span: run.span, text: run.text });
        else if (run.personLike || knownSurnames.has(surname)) {
          persons.push({ span: run.span, text: run.text, gender: run.gender });
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
    this.persons = persons;
    this.organizations = organizations;
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
    return genderOfHonorific(name.split(/\s+/)[0] ?? '') ?? this.surnameGender.get(surnameOf(name)) ?? null;
  }

  /** A mention that is an object or a modifier (`called on Mr. al-Assad`, `Assad’s government`): a weak antecedent. */
  private demoted(span: Span): boolean {
    // Long enough for a preposition or verb before a title: "called on Mr. al-Assad", "met with President Putin".
    const before = this.text.slice(Math.max(0, span.start - 40), span.start);
    const after = this.text.slice(span.end, span.end + 3);
    if (/^[’']s?\b/.test(after)) return true;
    // "a Hayat Tahrir al-Sham fighter": a name after an article modifies a noun.
    if (/\b(?:a|an)\s+$/i.test(before)) return true;
    return /\b(?:on|to|with|by|for|of|from|against|about|at|into|toward|towards|met|meet|meeting|called|urged|told|accused|between|and)\s+(?:the\s+)?(?:(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Prof)\.?\s+|(?:President|Prime\s+Minister|Foreign\s+Minister|Minister|General|King|Queen|Prince|Sheikh|Pope)\s+)?$/i.test(before);
  }

  private insideOtherClause(span: Span): boolean {
    // Clauses are recorded in text order: only the recent ones can hold a nearby name.
    const recent = this.clauses.slice(-8);
    return recent.some(
      ({ clause, speaker }) =>
        span.start >= clause.start && span.end <= clause.end && !(speaker && speaker.start === span.start && speaker.end === span.end),
    );
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
      return previous;
    }
    if (p === 'i' || p === 'we') return previous;
    const wanted: Gender = p === 'she' || p === 'her' ? 'female' : 'male';
    let fallback: Speaker | null = null;
    for (let i = firstStartingAt(this.persons, offset) - 1; i >= 0; i--) {
      const person = this.persons[i];
      if (person.span.end > offset) continue;
      if (person.span.start < windowStart) break;
      const gender = person.gender ?? this.genderOf(person.text);
      if (gender && gender !== wanted) continue;
      if (this.insideOtherClause(person.span)) continue;
      if (!this.demoted(person.span)) return { name: person.text, span: person.span };
      fallback ??= { name: person.text, span: person.span };
    }
    // The previous speaker, when no person fits better (a quote's speaker named outside the window).
    if (!fallback && previous) {
      const gender = this.genderOf(previous.name);
      if (!gender || gender === wanted) return previous;
    }
    return fallback;
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
    const notComplement = (m: { span: Span }): boolean =>
      !/\b(?:for|of|to|with|by|from|at|in|on)\s+(?:the\s+)?$/i.test(this.text.slice(start, m.span.start));
    const person = inside.filter((m) => m.kind === 'person' && notComplement(m)).pop();
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
    if (lastRun && lastRun.span.end >= headEnd - 1 && notComplement(lastRun)) return { name: lastRun.text, span: lastRun.span };
    // A lone function word or a scrap without letters names no one.
    if (!/\p{L}/u.test(phrase) || FUNCTION_START.test(phrase) || /^(?:the|a|an|this|that|these|those|of|so|both|all|some)$/i.test(phrase)) return null;
    return { name: phrase, span: { start, end } };
  }

  /** The noun phrase ending just before `position` (the subject of a cue verb), walking back no further than `limit`. */
  phraseBefore(position: number, limit: number): Span | 'pronoun' | null {
    const tokens = tokenize(this.text, limit, position);
    let i = tokens.length - 1;
    while (i >= 0 && ADVERBS.has(tokens[i].bare.toLowerCase()) && !tokens[i].trailingComma) i--;
    // A time phrase between subject and verb: "Mr. Kobakhidze on Monday said", "the organization in May called".
    for (let guard = 0; guard < 2 && i >= 1; guard++) {
      if (tokens[i].trailingComma) break;
      if (WEEKDAY_OR_MONTH.test(tokens[i].bare) && /^(?:on|in|last|this|late|early|since)$/i.test(tokens[i - 1].bare)) i -= 2;
      else if (i >= 2 && WEEKDAY_OR_MONTH.test(tokens[i].bare) && /^(?:late|early)$/.test(tokens[i - 1].bare) && /^on$/.test(tokens[i - 2].bare)) i -= 3;
      else break;
      while (i >= 0 && ADVERBS.has(tokens[i].bare.toLowerCase()) && !tokens[i].trailingComma) i--;
    }
    if (i < 0) return null;
    if (PRONOUNS.test(tokens[i].bare) && !tokens[i].trailingComma) return 'pronoun';
    // "Name, an appositive, said": the name when the appositive is a name, else what precedes it.
    if (tokens[i].trailingComma) {
      let j = i;
      while (j > 0 && !tokens[j - 1].trailingComma) j--;
      const appositive = tokens.slice(j, i + 1);
      if (j > 0 && appositive.every((t) => isCapitalised(t.bare) || isParticle(t.bare) || /^(?:\p{Lu}\.)+$/u.test(t.bare))) {
        return { start: appositive[0].start, end: appositive[appositive.length - 1].end };
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
    // Never start on a particle or preposition left dangling.
    while (first < last && (isParticle(tokens[first].bare) || /^(?:for|to|and)$/.test(tokens[first].bare))) first++;
    const span = { start: tokens[first].start, end: tokens[last].end };
    // A bare lowercase word ("fighters said") is only a speaker when it names a kind of source.
    const words = this.text.slice(span.start, span.end).split(/\s+/);
    if (words.every((w) => /^\p{Ll}/u.test(w)) && !DETERMINERS.has(words[0].toLowerCase()) && !PLURAL_SOURCES.test(words[words.length - 1])) return null;
    return span;
  }

  /**
   * The subject of the sentence starting at `start` (leading adverbials skipped): for participles (`…, saying`)
   * and framing verbs whose subject is far from the verb.
   */
  sentenceSubject(start: number, end: number): Span | 'pronoun' | null {
    // "When Trump finally wrapped up — “…”": a quote still inside the opening subordinate clause belongs to the
    // clause's subject.
    const subordinate = /^(?:When|As|After|While|Before|Since|Although|Though|Because|Once|Until|If)\s+/.exec(this.text.slice(start, end));
    if (subordinate && !/[,;:]/.test(this.text.slice(start, end))) return this.sentenceSubject(start + subordinate[0].length, end);
    const found = this.sentenceSubjectRaw(start, end);
    if (found === null || found === 'pronoun') return found;
    const first = this.text.slice(found.start, found.end).split(/\s+/)[0];
    // A sentence that still opens with a preposition or a gerund had no subject we can trust.
    if (/^(?:With|At|According|In|On|For|From|To|By|After|Before|During|Under|Over|Amid|As|If|When|While|Since|Although|Though|Because|Unlike|Like|Despite)$/.test(first) || /^\p{Lu}\p{Ll}+ing$/u.test(first)) {
      return null;
    }
    return found;
  }

  private sentenceSubjectRaw(start: number, end: number): Span | 'pronoun' | null {
    let at = start;
    // "PHILADELPHIA (AP) — The Democratic National Committee …": a dateline is not the subject.
    // "WASHINGTON, Dec. 8 (UPI) — …": a date may sit between the place and the agency.
    const dateline = /^\p{Lu}[\p{Lu} .,'’-]{2,40}(?:,?\s*\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2},?)?\s*(?:\([^)]{1,30}\))?\s*[—–-]+\s*/u.exec(this.text.slice(at, end));
    if (dateline) at += dateline[0].length;
    const skippedFrom = at;
    for (let guard = 0; guard < 3; guard++) {
      const rest = this.text.slice(at, end);
      const adverbial = LEADING_ADVERBIAL.exec(rest) ?? /^\p{Lu}\p{Ll}+(?:\s+\p{Ll}+){1,3},\s+(?=\p{Lu})/u.exec(rest) ?? LEADING_PARTICIPLE_CLAUSE.exec(rest);
      if (adverbial) at += adverbial[0].length;
      // "On July 6, 2015, Sanders …": the year after a date.
      else if (/^\d{4},\s+/.test(rest)) at += /^\S+\s+/.exec(rest)![0].length;
      // "Wait, it gets better": a lone interjection before the clause's pronoun.
      else if (/^\p{Lu}\p{Ll}+,\s+(?:he|she|it|they|we|I)\s/u.test(rest)) at += /^\S+\s+/.exec(rest)![0].length;
      else if (/^(?:But|And|Yet|So|Still|Now|Then|Perhaps|Maybe|First|Second|Third|Finally|Ultimately|Again|Thus|Therefore|Plus|Apparently|Instead|Indeed|Clearly|Obviously|Certainly|Surely|Probably)\b,?\s+/.test(rest) || /^\p{Lu}\p{Ll}+ly,\s+/u.test(rest)) {
        at += /^\S+\s+/.exec(rest)![0].length;
        // "And then Trump went on the attack": an adverb after the conjunction is no subject either.
        const adverb = /^(?:then|now|so|also|still|yet|again|perhaps|maybe)\s+/.exec(this.text.slice(at, end));
        if (adverb) at += adverb[0].length;
      }
      else break;
    }
    const tokens = tokenize(this.text, at, end);
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
    } else if (DETERMINERS.has(first.toLowerCase())) {
      for (let i = 0; i < tokens.length && i < 6; i++) {
        const t = tokens[i].bare;
        // "The rationale these proven liars use": a second determiner starts another phrase.
        if (i > 0 && (NP_STOP.has(t.toLowerCase()) || (i >= 2 && /^(?:the|a|an|these|those|this)$/.test(t)) || /^(?:said|says|told|has|had|was|is)$/.test(t))) break;
        // A lowercase word after the head noun, before an article, or in -ed is the verb: "The ad targets a …", "The panel voted".
        if ((i >= 2 || (i === 1 && /^(?:this|that|these|those)$/i.test(first))) && /^\p{Ll}+$/u.test(t) && (/ed$/.test(t) || (i + 1 < tokens.length && /^(?:a|an|the|his|her|its|their)$/.test(tokens[i + 1].bare)))) break;
        // "The final results aren’t …", "These guys know how …", "This used to …", "The plaque read “…": a contraction,
        // a verb before its complement or right before the quote.
        if (i > 0 && (/n[’']t$/.test(t) || t === 'whether' || (i >= 2 && i === tokens.length - 1 && /^\p{Ll}+$/u.test(t)) || (i + 1 < tokens.length && /^(?:how|what|why|whether|if|to|that)$/.test(tokens[i + 1].bare) && /^\p{Ll}+$/u.test(t)))) break;
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
   * Last resort for a quoted fragment inside a sentence with no cue: the sentence's subject is its source
   * ("Gingrich cynically dismissed NATO member Estonia as being in the “suburbs of St. Petersburg”").
   */
  attributeToSubject(sentenceFrom: number, quoteStart: number, windowStart: number, previous: Speaker | null, personOnly = false): Attribution {
    const subject = this.sentenceSubject(sentenceFrom, quoteStart);
    if (subject === 'pronoun') {
      const p = tokenize(this.text, sentenceFrom, quoteStart).find((t) => PRONOUNS.test(t.bare));
      if (!p || !/^(?:he|she)$/i.test(p.bare)) return NO_ATTRIBUTION;
      return { speaker: this.resolvePronoun(p.bare, p.start, windowStart, previous), rank: 7, clause: null };
    }
    if (!subject) return NO_ATTRIBUTION;
    const speaker = this.speakerOfPhrase(subject);
    // Only a recognised name or a person- or organization-like name run: "the law" or "it" is no source.
    if (!speaker?.span) return NO_ATTRIBUTION;
    const span = speaker.span;
    const same = (m: { span: Span } | undefined): boolean => m !== undefined && m.span.start === span.start && m.span.end === span.end;
    const at = this.mentions[firstStartingAt(this.mentions, span.start)];
    const isMention = same(at) && at.kind !== 'place';
    const run = findNameRuns(this.text, span.start, span.end).find((r) => same(r));
    // A short determiner phrase ("The ad", "the council") names a source too.
    const shortPhrase = /^(?:The|the|A|a|An|an)\s+(?:\p{L}[\p{L}’'\-]*\s+){0,3}\p{Ll}[\p{Ll}\-]+$/u.test(speaker.name) && !/\s(?:of|for|to|and|that|which)\s/.test(speaker.name);
    // A scare quote is the subject's phrase when the subject is a person, an organization or a determiner phrase
    // ("Clinton decried “systemic racism”", "The ad targets a “corrupt” system"), never a lone capitalised word.
    if (personOnly) {
      const source =
        same(this.persons[firstStartingAt(this.persons, span.start)]) ||
        same(this.organizations[firstStartingAt(this.organizations, span.start)]) ||
        isMention ||
        (run !== undefined && (run.personLike || run.organizationLike)) ||
        shortPhrase;
      return source ? { speaker, rank: 7, clause: null } : NO_ATTRIBUTION;
    }
    const shouting = run ? /^(?:\p{Lu}{2,}\s+)+\p{Lu}{2,}$/u.test(run.text) : true;
    if (!isMention && !(run && !shouting) && !shortPhrase) return NO_ATTRIBUTION;
    return { speaker, rank: 7, clause: null };
  }

  /** Post-quote patterns on the text after the closing mark (up to the sentence end). */
  attributeAfter(from: number, to: number, windowStart: number, previous: Speaker | null): Attribution {
    const raw = this.text.slice(from, to);
    // “…” ― Julie A. Diaz Martinez: a name alone after a dash signs the quote.
    // A hyphen stands in for the dash in plain-text sources ("…." - Bernie Sanders).
    const signed = /^\s*(?:[―—–]|-(?!-))\s*((?:\p{Lu}[\p{L}’'\-.]*\s+){0,4}\p{Lu}[\p{L}’'\-]*\.?)(?=\s*(?:[.,;]|$|[“"]|\s+[―—–]|\s+\p{Lu}))/u.exec(raw);
    if (signed) {
      const nameStart = from + signed[0].length - signed[1].length;
      const name = signed[1].replace(/\.$/, '');
      return { speaker: this.speakerOfPhrase({ start: nameStart, end: nameStart + name.length }), rank: 1, clause: null };
    }
    const lead = /^[\s,]*(?:[—–-]+\s*)?/.exec(raw)![0].length;
    const start = from + lead;
    const rest = this.text.slice(start, to);
    if (!rest) return NO_ATTRIBUTION;
    const pronoun = /^(he|she|they|it|I|we|He|She|They|It|We)\s+(?:(?:also|later|then|again|once|has|had|have|previously|simply|quickly)\s+)?(\S+)/.exec(rest);
    if (pronoun && POST_CUE.test(pronoun[2])) {
      const speaker = this.resolvePronoun(pronoun[1], start, windowStart, previous);
      return { speaker, rank: isWeak(pronoun[2]) ? 4 : 1, clause: { start, end: start + pronoun[0].length } };
    }
    // "…,” as a Homeland Security memo put it.
    const asPut = /^as\s+(.{2,80}?)\s+(?:put it|puts it|said|says|wrote|writes|noted|notes|explained|explains|described it|called it)\b/.exec(rest);
    if (asPut) {
      const npStart = start + 3;
      return { speaker: this.speakerOfPhrase({ start: npStart, end: npStart + asPut[1].length }), rank: 1, clause: { start, end: start + asPut[0].length } };
    }
    const according = /^(?:according to|per)\s+/.exec(rest);
    if (according) {
      const npStart = start + according[0].length;
      const npEnd = phraseEnd(this.text, npStart, to);
      const speaker = this.speakerOfPhrase({ start: npStart, end: npEnd });
      return { speaker, rank: 4, clause: { start, end: npEnd } };
    }
    const inverted = /^(\S+)\s+(?:also\s+)?/.exec(rest);
    if (inverted && INVERTED_CUE.test(inverted[1]) && (/^(?:\p{Lu}|the |a |an |one |another |his |her |its |their |al-)/u.test(rest.slice(inverted[0].length)) || describedName(rest.slice(inverted[0].length)))) {
      const npStart = start + inverted[0].length;
      const npEnd = phraseEnd(this.text, npStart, to);
      const speaker = this.speakerOfPhrase({ start: npStart, end: npEnd });
      return { speaker, rank: inverted[1].startsWith('report') ? 4 : 1, clause: { start, end: npEnd } };
    }
    // "Subject[, appositive,] [adverb] cue": the first cue after the quote.
    const cue = POST_CUE_GLOBAL_FIRST.exec(rest);
    if (!cue || cue.index === 0) return NO_ATTRIBUTION;
    const direct = this.subjectAfter(start, rest, cue, windowStart, previous);
    if (direct.rank > 0) return direct;
    // The quote sits inside a longer sentence whose attribution comes at its end:
    // "Trump’s “excesses” are sickening, Hollande said Tuesday" · "…” in the 2008 primary, said Ohio State University professor Paul Beck."
    const late = /,\s+(?:((?:\p{Lu}[\p{L}’'\-.]*\s+){0,4}\p{Lu}[\p{L}’'\-.]*)\s+(?:said|says|added|wrote|told|argued|noted|proclaimed|declared|insisted|warned|explained)\b|(?:said|says|added|wrote)\s+((?:(?:the|a|an)\s+)?[^,;:“”"]{2,80}?))\s*(?:[,.]|$)/u.exec(rest);
    if (late && !/[“”"]/.test(rest.slice(0, late.index))) {
      const name = late[1] ?? late[2];
      const nameStart = start + late.index + late[0].indexOf(name);
      const speaker = this.speakerOfPhrase({ start: nameStart, end: nameStart + name.length });
      if (speaker) return { speaker, rank: 3, clause: null };
    }
    return NO_ATTRIBUTION;
  }

  private subjectAfter(start: number, rest: string, cue: RegExpExecArray, windowStart: number, previous: Speaker | null): Attribution {
    const subjectText = rest.slice(0, cue.index);
    if (/[;:“”"?!]/.test(subjectText) || /\.\s/.test(subjectText.replace(/\b(?:\p{Lu}\.)+|Mr\.|Ms\.|Mrs\.|Dr\.|St\.|Jr\.|Gen\.|Maj\.|Lt\.|Col\.|Sen\.|Rep\.|Gov\./gu, ''))) return NO_ATTRIBUTION;
    const words = subjectText.trim().split(/\s+/);
    if (words.length > 30) return NO_ATTRIBUTION;
    const headText = subjectText.split(',')[0].trim();
    const headWords = headText.split(/\s+/);
    if (!headText || headWords.length > 12) return NO_ATTRIBUTION;
    const firstWord = headWords[0];
    // "retired Air Force general Lloyd Newton said", "panel Chairman Rep. Jason Chaffetz said": a lowercase start
    // is fine when a capitalised name follows.
    const namedLater =
      /^(?:\p{Ll}[\p{Ll}\-]*\s+){1,3}\p{Lu}/u.test(headText) &&
      !/\b(?:is|was|were|are|has|had|have|will|would)\b/.test(headText) &&
      !/^(?:with|in|on|at|to|for|from|by|of|and|but|or|as|than|after|before|during|while|when|where|that|which|who|whom|whose|if|because|until|since|though|although|about|against|into|over|under|like|unlike|including|even)\b/.test(headText);
    if (/^\p{Ll}/u.test(firstWord) && !namedLater && !DETERMINERS.has(firstWord) && !PLURAL_SOURCES.test(firstWord) && !/^(?:al|el)-/.test(firstWord) && !(isParticle(firstWord) && firstWord !== 'of')) {
      return NO_ATTRIBUTION;
    }
    if (/\b(?:is|was|were|are|be|been|has been|will|would|could|that|which)\b/.test(headText) && !/^(?:\p{Lu})/u.test(firstWord)) return NO_ATTRIBUTION;
    if (/^\p{Ll}/u.test(firstWord) && namedLater && /\b(?:that|which|who|to|and)\b/.test(headText)) return NO_ATTRIBUTION;
    const headStart = start + subjectText.indexOf(headText);
    const clause = { start, end: start + cue.index + cue[0].length };
    // Adverbs and a time phrase between subject and verb are not the subject ("Mr. Foreman later added").
    let head = headText;
    for (let guard = 0; guard < 3; guard++) {
      const trimmed = head
        .replace(/\s+(?:also|later|then|again|has|had|have|previously|recently|publicly|repeatedly|reportedly|once|subsequently|separately|further|would|will|often|earlier|initially|first|finally|simply|just|flatly|openly|privately|bluntly|quietly)$/, '')
        .replace(/\s+(?:on|in|last|this|late|early)\s+(?:(?:late|early)\s+)?(\S+)$/, (m, word: string) => (WEEKDAY_OR_MONTH.test(word) ? '' : m));
      if (trimmed === head) break;
      head = trimmed;
    }
    if (PRONOUNS.test(head)) {
      return { speaker: this.resolvePronoun(head, start, windowStart, previous), rank: isWeak(cue[0]) ? 4 : 1, clause };
    }
    const headSpan: Span = { start: headStart, end: headStart + head.length };
    const speaker = this.speakerOfPhrase(headSpan);
    return { speaker, rank: isWeak(cue[0]) ? 4 : 1, clause };
  }

  /** Pre-quote patterns on the text from the sentence start to the opening mark. */
  attributeBefore(from: number, to: number, sentenceFrom: number, windowStart: number, previous: Speaker | null): Attribution {
    const before = this.text.slice(from, to);
    if (!before.trim()) return NO_ATTRIBUTION;
    const cues: Array<{ index: number; word: string }> = [];
    ANY_CUE_GLOBAL.lastIndex = 0;
    for (let m = ANY_CUE_GLOBAL.exec(before); m; m = ANY_CUE_GLOBAL.exec(before)) {
      const lead = /(?:(\S+)\s+)?(\S+)\s+$/.exec(before.slice(Math.max(0, m.index - 40), m.index));
      const preceding = lead?.[2]?.toLowerCase() ?? '';
      const twoBack = lead?.[1]?.toLowerCase() ?? '';
      // "those reports", "a few questions", "of Republican claims": nouns, not verbs; "going on to say": no subject of its own.
      const noun =
        DETERMINERS.has(preceding) ||
        /^(?:new|recent|such|media|news|press|earlier|later|those|these|many|more|other|[\p{L}]+[’']s)$/u.test(preceding) ||
        twoBack === 'of';
      if (/s$/.test(m[0]) && noun) continue;
      cues.push({ index: from + m.index, word: preceding === 'to' ? 'saying' : m[0] === 'According to' ? 'according to' : m[0] });
    }
    // "Michael P. McDonald: “…", "Here’s Clinton in December 1992: “…": a name, then a colon, then the quote.
    const label = /(?:^|[\s(—–-])((?:\p{Lu}[\p{L}’'\-.]*\s+)*\p{Lu}[\p{L}’'\-.]*(?:\s+(?:in|on|at)\s+[\p{L}\d ,]{1,25})?)\s*:\s*$/u.exec(before);
    // "told The Huffington Post:", "wrote on Facebook:", "said of Sanders:" — a name right after a cue verb or a
    // preposition is an object, not a label.
    const lastCue = cues.length ? cues[cues.length - 1] : null;
    const labelStart = label ? from + label.index + label[0].indexOf(label[1]) : 0;
    const objectLabel =
      label !== null &&
      ((lastCue !== null && /^\s*$/.test(this.text.slice(lastCue.index + lastCue.word.length, labelStart))) ||
        /\b(?:on|to|about|of|with|for|at|by|into|toward|towards|against|via)\s+(?:the\s+)?$/i.test(this.text.slice(Math.max(from, labelStart - 20), labelStart)));
    if (label && !objectLabel && (!lastCue || lastCue.index < from + label.index)) {
      const nameStart = from + label.index + label[0].indexOf(label[1]);
      const nameOnly = /^(?:\p{Lu}[\p{L}’'\-.]*\s*)+/u.exec(label[1])![0].trimEnd().replace(/[’']s$/, '');
      const speaker = this.speakerOfPhrase({ start: nameStart, end: nameStart + nameOnly.length });
      if (speaker && !FUNCTION_START.test(speaker.name) && !/^(?:\p{Lu}{2,}\s*){3,}$/u.test(speaker.name)) return { speaker, rank: 2, clause: null };
    }
    if (!cues.length) {
      // "Cruz called them on it: “…", "17-year-old Jared Potts echoed: “…": a colon introduces the subject's words.
      if (/:\s*$/.test(before) && from === sentenceFrom) {
        const subject = this.sentenceSubject(sentenceFrom, to);
        if (subject === 'pronoun') {
          const p = tokenize(this.text, sentenceFrom, to).find((t) => PRONOUNS.test(t.bare));
          if (p) return { speaker: this.resolvePronoun(p.bare, p.start, windowStart, previous), rank: 3, clause: null };
        } else if (subject) {
          const speaker = this.speakerOfPhrase(subject);
          if (speaker) return { speaker, rank: 3, clause: null };
        }
      }
      return NO_ATTRIBUTION;
    }
    const cue = cues[cues.length - 1];
    // "“It's a difficult issue,” said the Florida senator, “because …": the speaker after the verb, between the quotes.
    const invertedBetween = /^\s*,?\s*$/.test(this.text.slice(from, cue.index)) && INVERTED_CUE.test(cue.word)
      ? /^\s+((?:the |a |an )?[^,:;“”"]{2,60}?)\s*,\s*$/.exec(this.text.slice(cue.index + cue.word.length, to))
      : null;
    if (invertedBetween) {
      const npStart = cue.index + cue.word.length + invertedBetween[0].indexOf(invertedBetween[1]);
      const speaker = this.speakerOfPhrase({ start: npStart, end: npStart + invertedBetween[1].length });
      if (speaker) return { speaker, rank: 2, clause: null };
    }
    const afterCue = this.text.slice(cue.index + cue.word.length, to);
    // "Said Ellis: “…": the speaker after the verb.
    const saidX = /^\s+((?:\p{Lu}[\p{L}’'\-.]*\s*){1,5}):\s*$/u.exec(afterCue);
    if (saidX && /^(?:said|says|added|adds|wrote|writes|asked|asks|explained|explains|continued|continues)$/i.test(cue.word)) {
      const npStart = cue.index + cue.word.length + saidX[0].indexOf(saidX[1]);
      return { speaker: this.speakerOfPhrase({ start: npStart, end: npStart + saidX[1].trimEnd().length }), rank: 2, clause: null };
    }
    // "X said:" / "she added, “" directly before the quote (an object or place may sit between: "told CNN:").
    const direct = /^(?:\s+[^,:;“”"]{0,80})?\s*[:,]\s*$/.test(afterCue) && !/\bthat\b/.test(afterCue);
    const participle = IS_PARTICIPLE.test(cue.word);
    const framing = IS_FRAMING.test(cue.word);
    const rank = direct && !framing ? 2 : participle || framing ? 5 : 3;
    if (cue.word === 'according to') {
      const npStart = cue.index + cue.word.length;
      const speaker = this.speakerOfPhrase({ start: npStart, end: phraseEnd(this.text, npStart, to) });
      return { speaker, rank: 5, clause: null };
    }
    let phrase: Span | 'pronoun' | null = null;
    // A participle right after a name has it as subject ("footage of Hillary Clinton asking, “…"); after a comma,
    // the sentence's subject does ("Lavrov declined to comment, saying he …").
    const nameBeforeParticiple = participle && /\p{Lu}[\p{L}’'\-.]*\s+$/u.test(this.text.slice(Math.max(from, cue.index - 40), cue.index));
    if (!participle || nameBeforeParticiple) phrase = this.phraseBefore(cue.index, from);
    if (phrase === 'pronoun') {
      const tokens = tokenize(this.text, from, cue.index);
      let i = tokens.length - 1;
      while (i >= 0 && !PRONOUNS.test(tokens[i].bare)) i--;
      const speaker = this.resolvePronoun(tokens[i]?.bare ?? 'he', tokens[i]?.start ?? cue.index, windowStart, previous);
      return { speaker, rank, clause: null };
    }
    if (phrase) {
      return { speaker: this.speakerOfPhrase(phrase), rank, clause: null };
    }
    // Participles and far subjects: the subject of the sentence, or the quote before in the same sentence.
    if (participle && previous && from > sentenceFrom) return { speaker: previous, rank: 5, clause: null };
    // "…, Spicer said, adding, “…": the participle continues the speech verb before it.
    const earlier = cues.length > 1 ? cues[cues.length - 2] : null;
    if (participle && earlier && !IS_PARTICIPLE.test(earlier.word) && /^\s*,\s*$/.test(this.text.slice(earlier.index + earlier.word.length, cue.index))) {
      const p = this.phraseBefore(earlier.index, from);
      if (p === 'pronoun') {
        const t = tokenize(this.text, from, earlier.index).filter((x) => PRONOUNS.test(x.bare)).pop();
        if (t) return { speaker: this.resolvePronoun(t.bare, t.start, windowStart, previous), rank: 5, clause: null };
      } else if (p) return { speaker: this.speakerOfPhrase(p), rank: 5, clause: null };
    }
    const subject = this.sentenceSubject(sentenceFrom, cue.index);
    if (subject === 'pronoun') {
      const tokens = tokenize(this.text, sentenceFrom, cue.index);
      const p = tokens.find((t) => PRONOUNS.test(t.bare));
      return { speaker: this.resolvePronoun(p?.bare ?? 'he', p?.start ?? sentenceFrom, windowStart, previous), rank: 5, clause: null };
    }
    if (subject) return { speaker: this.speakerOfPhrase(subject), rank: 5, clause: null };
    return NO_ATTRIBUTION;
  }
}

const FUNCTION_START = /^(?:The|A|An|But|And|In|On|At|For|With|By|From|As|It|He|She|They|We|I|This|That|When|While|After|Before|Since|If|Meanwhile|However|Still|Yet|Also|Now|Then|So|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const POST_CUE_GLOBAL_FIRST = new RegExp(`(?<![\\w-])(?:${SPEECH_VERBS}|${FRAMING_VERBS})(?![\\w-])`, 'i');

/**
 * Lowercase descriptors before a name, after an inverted cue: "said pollster Frank Luntz", "said former Rep. George
 * Miller", "said undecided Republican voter Stephanie Hooton", "said 9/11 widow Terry Strada" (not "said in a
 * statement", "said last week").
 */
function describedName(afterVerb: string): boolean {
  const described = /^((?:[\p{Ll}\d][\p{Ll}\d\-/]*\s+){1,4})\p{Lu}/u.exec(afterVerb);
  if (!described) return false;
  return described[1].trim().split(/\s+/).every((w) => !NP_STOP.has(w) && !DETERMINERS.has(w) && !/^(?:last|next|early|late|during|via|through|over|under|of|for|against|outside|inside|near|among|amid|around|across|without)$/.test(w));
}

function isWeak(cue: string): boolean {
  return /^report/.test(cue);
}

/** End of a noun phrase starting at `start`: before a comma, a clause word or the sentence end. */
function phraseEnd(text: string, start: number, to: number): number {
  const rest = text.slice(start, to);
  const stop = /(?:[,;:.!?()“”"](?:\s|$)|[;:()“”"]|\s(?:in|on|at|during|after|before|when|while|who|which|that|to|from|last|this|earlier|later|yesterday|today|adding|saying|because|as|and then|but)\b)/u.exec(
    rest.replace(/\b(?:\p{Lu}\.)+|Mr\.|Ms\.|Mrs\.|Dr\.|St\.|Jr\.|Gen\.|Maj\.|Lt\.|Col\.|Sen\.|Rep\.|Gov\./gu, (m) => 'x'.repeat(m.length)),
  );
  return start + (stop ? stop.index : rest.length);
}
