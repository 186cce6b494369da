import type { Span } from '../model';
import { NO_ATTRIBUTION, type Attribution, type AttributionContext, type Speaker } from './attribution';
import { ANY_CUE_GLOBAL, DETERMINERS, IS_SPEECH_VERB, FUNCTION_START, INVERTED_CUE, IS_FRAMING, IS_PARTICIPLE, PRONOUNS, WEEKDAY_OR_MONTH, falseCue, phraseEnd, tokenize } from './cues';
import { sentenceSubject } from './subject';

/** Rules that read the words before a quote: `X said: “…`, `she added, “…`, reported speech, participles. */

/** "with" and a determiner or a number opening a phrase that runs up to the participle: "with one of her ads ", "with 50 protesters ". */
const WITH_PHRASE_BEFORE_PARTICIPLE = /\bwith\s+((?:the|a|an|one|two|three|many|some|several|dozens|hundreds|thousands|his|her|their|its|\d+)\s[^,;:“”"()]{0,60}?)(?:\s+\p{Ll}{3,}ly)?\s*$/u;

/** What may stand between a cue verb and its object's name: nothing, or a determiner and up to three words ("the German newspaper "). */
const DESCRIBED_OBJECT = /^\s*(?:(?:the|a|an)\s+(?:[\p{L}’']+(?:-[\p{L}]+)*\s+){0,3})?$/u;

/** Pre-quote patterns on the text from the sentence start to the opening mark. */
export function attributeBefore(ctx: AttributionContext, from: number, to: number, sentenceFrom: number, windowStart: number, previous: Speaker | null): Attribution {
  const before = ctx.text.slice(from, to);
  if (!before.trim()) return NO_ATTRIBUTION;
  const cues: Array<{ index: number; word: string }> = [];
  ANY_CUE_GLOBAL.lastIndex = 0;
  for (let m = ANY_CUE_GLOBAL.exec(before); m; m = ANY_CUE_GLOBAL.exec(before)) {
    const lead = /(?:(\S+)\s+)?(\S+)\s+$/.exec(before.slice(Math.max(0, m.index - 40), m.index));
    const preceding = lead?.[2]?.toLowerCase() ?? '';
    const twoBack = lead?.[1]?.toLowerCase() ?? '';
    // "those reports", "a few questions", "of Republican claims": nouns, not verbs; "going on to say": no subject of its own.
    // "his scathing remarks": an adjective between a determiner and the word.
    const adjective = DETERMINERS.has(twoBack) && /^\p{Ll}+(?:ing|ful|ous|ive|ic|less|est)$/u.test(preceding);
    const noun = DETERMINERS.has(preceding) || /^(?:new|recent|such|media|news|press|earlier|later|those|these|many|more|other|[\p{L}]+[’']s)$/u.test(preceding) || twoBack === 'of' || adjective;
    if (/s$/.test(m[0]) && noun) continue;
    if (falseCue(before, m.index, m[0])) continue;
    cues.push({ index: from + m.index, word: preceding === 'to' ? 'saying' : m[0] === 'According to' ? 'according to' : m[0] });
  }
  // "Michael P. McDonald: “…", "Here’s Clinton in December 1992: “…": a name, then a colon, then the quote.
  const label = /(?:^|[\s(—–-])((?:\p{Lu}[\p{L}’'\-.]*\s+)*\p{Lu}[\p{L}’'\-.]*(?:\s+(?:in|on|at)\s+[\p{L}\d ,]{1,25})?)\s*:\s*$/u.exec(before);
  // "told The Huffington Post:", "wrote on Facebook:", "said of Sanders:" — a name right after a cue verb or a
  // preposition is an object, not a label.
  const lastCue = cues.length ? cues[cues.length - 1] : null;
  const labelStart = label ? from + label.index + label[0].indexOf(label[1]) : 0;
  // Rule described-object-label: up to three words of description may stand between the verb or preposition and the name
  // ("told the German newspaper Bild:", "to the Dutch newspaper NRC Handelsblad:", "among some Catholics in public office:").
  const objectLabel =
    label !== null &&
    ((lastCue !== null && DESCRIBED_OBJECT.test(ctx.text.slice(lastCue.index + lastCue.word.length, labelStart))) ||
      /\b(?:on|to|about|of|with|for|at|by|into|toward|towards|against|via|among)\s+(?:(?:the|a|an|some|many|several|his|her|its|their)\s+)?(?:[\p{L}’']+(?:-[\p{L}]+)*\s+){0,3}$/iu.test(
        ctx.text.slice(Math.max(from, labelStart - 60), labelStart),
      ));
  if (label && !objectLabel && (!lastCue || lastCue.index < from + label.index)) {
    let nameStart = from + label.index + label[0].indexOf(label[1]);
    let nameOnly = /^(?:\p{Lu}[\p{L}’'\-.]*\s*)+/u
      .exec(label[1])![0]
      .trimEnd()
      .replace(/[’']s$/, '');
    // Rule verb-before-label: a speech verb opening the label inverts it ("Stated Stone: “…", "Continued Stone: “…"):
    // the speaker is the name after it.
    const verb = /^(\p{Lu}\p{Ll}+)\s+(?=\p{Lu})/u.exec(nameOnly);
    if (verb && IS_SPEECH_VERB.test(verb[1].toLowerCase())) {
      nameStart += verb[0].length;
      nameOnly = nameOnly.slice(verb[0].length);
    }
    const speaker = ctx.speakerOfPhrase({ start: nameStart, end: nameStart + nameOnly.length });
    if (speaker && !FUNCTION_START.test(speaker.name) && !/^(?:\p{Lu}{2,}\s*){3,}$/u.test(speaker.name)) return { speaker, rank: 2, clause: null };
  }
  if (!cues.length) {
    // "Cruz called them on it: “…", "17-year-old Jared Potts echoed: “…": a colon introduces the subject's words.
    if (/:\s*$/.test(before) && from === sentenceFrom) {
      const subject = sentenceSubject(ctx, sentenceFrom, to);
      if (subject === 'pronoun') {
        const p = tokenize(ctx.text, sentenceFrom, to).find((t) => PRONOUNS.test(t.bare));
        if (p) return { speaker: ctx.resolvePronoun(p.bare, p.start, windowStart, previous), rank: 3, clause: null };
      } else if (subject) {
        const speaker = ctx.speakerOfPhrase(subject);
        if (speaker) return { speaker, rank: 3, clause: null };
      }
    }
    return NO_ATTRIBUTION;
  }
  const cue = cues[cues.length - 1];
  // "“It's a difficult issue,” said the Florida senator, “because …": the speaker after the verb, between the quotes.
  const invertedBetween =
    /^\s*,?\s*$/.test(ctx.text.slice(from, cue.index)) && INVERTED_CUE.test(cue.word) ? /^\s+((?:the |a |an )?[^,:;“”"]{2,60}?)\s*,\s*$/.exec(ctx.text.slice(cue.index + cue.word.length, to)) : null;
  if (invertedBetween) {
    const npStart = cue.index + cue.word.length + invertedBetween[0].indexOf(invertedBetween[1]);
    const speaker = ctx.speakerOfPhrase({ start: npStart, end: npStart + invertedBetween[1].length });
    if (speaker) return { speaker, rank: 2, clause: null };
  }
  const afterCue = ctx.text.slice(cue.index + cue.word.length, to);
  // "Said Ellis: “…": the speaker after the verb.
  const saidX = /^\s+((?:\p{Lu}[\p{L}’'\-.]*\s*){1,5}):\s*$/u.exec(afterCue);
  if (saidX && /^(?:said|says|added|adds|wrote|writes|asked|asks|explained|explains|continued|continues)$/i.test(cue.word)) {
    const npStart = cue.index + cue.word.length + saidX[0].indexOf(saidX[1]);
    return { speaker: ctx.speakerOfPhrase({ start: npStart, end: npStart + saidX[1].trimEnd().length }), rank: 2, clause: null };
  }
  // "X said:" / "she added, “" directly before the quote (an object or place may sit between: "told CNN:").
  const direct = /^(?:\s+[^,:;“”"]{0,80})?\s*[:,]\s*$/.test(afterCue) && !/\bthat\b/.test(afterCue);
  const participle = IS_PARTICIPLE.test(cue.word);
  const framing = IS_FRAMING.test(cue.word);
  const rank = direct && !framing ? 2 : participle || framing ? 5 : 3;
  if (cue.word === 'according to') {
    const npStart = cue.index + cue.word.length;
    const speaker = ctx.speakerOfPhrase({ start: npStart, end: phraseEnd(ctx.text, npStart, to) });
    return { speaker, rank: 5, clause: null };
  }
  let phrase: Span | 'pronoun' | null = null;
  // A participle right after a name has it as subject ("footage of Hillary Clinton asking, “…"); after a comma,
  // the sentence's subject does ("Lavrov declined to comment, saying he …").
  // An adverb may stand between them ("with Trump reportedly yelling: “…").
  // A name after a place preposition is no subject ("Clinton responded on Facebook writing, “…").
  const lead = ctx.text.slice(Math.max(from, cue.index - 52), cue.index);
  // Rule time-before-participle: a weekday or month before the participle is no name ("released a statement
  // Wednesday saying"): the sentence's subject speaks.
  const nameBeforeParticiple =
    participle &&
    /\p{Lu}[\p{L}’'\-.]*\s+(?:\p{Ll}{3,}ly\s+)?$/u.test(lead) &&
    !/\b(?:on|in|at|via|into|onto)\s+(?:the\s+)?(?:\p{Lu}[\p{L}’'\-.]*\s+){1,3}$/u.test(lead) &&
    !WEEKDAY_OR_MONTH.test(/(\S+)\s+(?:\p{Ll}{3,}ly\s+)?$/u.exec(lead)?.[1]?.replace(/[,.]$/, '') ?? '');
  // Rule with-participle: "with many marchers chanting “…”", "with one of her ads asking, “…”": the phrase after "with"
  // is the participle's subject, as a name there is.
  const withPhrase = participle && !nameBeforeParticiple ? WITH_PHRASE_BEFORE_PARTICIPLE.exec(lead) : null;
  if (withPhrase) {
    const npStart = cue.index - lead.length + withPhrase.index + withPhrase[0].indexOf(withPhrase[1]);
    const speaker = ctx.speakerOfPhrase({ start: npStart, end: npStart + withPhrase[1].length });
    if (speaker) return { speaker, rank: 5, clause: null };
  }
  if (!participle || nameBeforeParticiple) phrase = ctx.phraseBefore(cue.index, from);
  if (phrase === 'pronoun') {
    const tokens = tokenize(ctx.text, from, cue.index);
    let i = tokens.length - 1;
    while (i >= 0 && !PRONOUNS.test(tokens[i].bare)) i--;
    const speaker = ctx.resolvePronoun(tokens[i]?.bare ?? 'he', tokens[i]?.start ?? cue.index, windowStart, previous);
    return { speaker, rank, clause: null };
  }
  if (phrase) {
    return { speaker: ctx.speakerOfPhrase(phrase), rank, clause: null };
  }
  // Participles and far subjects: the subject of the sentence, or the quote before in the same sentence.
  if (participle && previous && from > sentenceFrom) return { speaker: previous, rank: 5, clause: null };
  // "…, Spicer said, adding, “…": the participle continues the speech verb before it.
  const earlier = cues.length > 1 ? cues[cues.length - 2] : null;
  if (participle && earlier && !IS_PARTICIPLE.test(earlier.word) && /^\s*,\s*$/.test(ctx.text.slice(earlier.index + earlier.word.length, cue.index))) {
    const p = ctx.phraseBefore(earlier.index, from);
    if (p === 'pronoun') {
      const t = tokenize(ctx.text, from, earlier.index)
        .filter((x) => PRONOUNS.test(x.bare))
        .pop();
      if (t) return { speaker: ctx.resolvePronoun(t.bare, t.start, windowStart, previous), rank: 5, clause: null };
    } else if (p) return { speaker: ctx.speakerOfPhrase(p), rank: 5, clause: null };
  }
  // Rule clause-before-participle: a participle after a subordinate clause has that clause's subject, not the sentence's
  // ("…, when protesters interrupted her speech, shouting “…”", "where 50 strikers had gathered, chanting “…”").
  if (participle) {
    const clauseSubject = subordinateSubject(ctx, sentenceFrom, cue.index);
    if (clauseSubject === 'pronoun') {
      const p = tokenize(ctx.text, sentenceFrom, cue.index)
        .filter((t) => PRONOUNS.test(t.bare))
        .pop();
      if (p) return { speaker: ctx.resolvePronoun(p.bare, p.start, windowStart, previous), rank: 5, clause: null };
    } else if (clauseSubject) {
      const speaker = ctx.speakerOfPhrase(clauseSubject);
      if (speaker) return { speaker, rank: 5, clause: null };
    }
  }
  const subject = sentenceSubject(ctx, sentenceFrom, cue.index);
  if (subject === 'pronoun') {
    const tokens = tokenize(ctx.text, sentenceFrom, cue.index);
    const p = tokens.find((t) => PRONOUNS.test(t.bare));
    return { speaker: ctx.resolvePronoun(p?.bare ?? 'he', p?.start ?? sentenceFrom, windowStart, previous), rank: 5, clause: null };
  }
  if (subject) return { speaker: ctx.speakerOfPhrase(subject), rank: 5, clause: null };
  return NO_ATTRIBUTION;
}

/**
 * The subject of a subordinate clause (when, where, while, as) that ends right before a participle's comma, the clause
 * standing between two commas or opening after the sentence's first words: "…, when Sanders protesters interrupted her
 * speech, shouting". Null when the words after the conjunction are no subject and verb.
 */
function subordinateSubject(ctx: AttributionContext, sentenceFrom: number, cueIndex: number): Span | 'pronoun' | null {
  const lead = ctx.text.slice(sentenceFrom, cueIndex);
  const clause = /(?:^|,\s+|\s[—–]\s+)(?:when|where|while|as|whereas)\s+([^,;:“”"]{3,120}),\s*$/.exec(lead);
  if (!clause) return null;
  const clauseStart = sentenceFrom + clause.index + clause[0].indexOf(clause[1]);
  const clauseEnd = clauseStart + clause[1].length;
  const subject = sentenceSubject(ctx, clauseStart, clauseEnd) ?? lowercaseSubject(ctx, clauseStart, clauseEnd);
  if (subject === null || subject === 'pronoun') return subject;
  // The subject must leave a verb after it inside the clause ("protesters interrupted her speech").
  return /^\s+\p{Ll}/u.test(ctx.text.slice(subject.end, clauseEnd)) ? subject : null;
}

/** "about 50 protesters had gathered", "protesters interrupted": the words before an auxiliary or a verb in -ed, up to five. */
function lowercaseSubject(ctx: AttributionContext, start: number, end: number): Span | null {
  const tokens = tokenize(ctx.text, start, end);
  const verb = tokens.findIndex((t, i) => i > 0 && (/^(?:had|has|have|was|were|is|are|did|would|could|will|can|began|kept)$/.test(t.bare) || /^\p{Ll}{3,}ed$/u.test(t.bare)));
  if (verb < 1 || verb > 5 || tokens.slice(0, verb).some((t) => t.trailingComma || /^(?:of|in|on|at|to|for|with|by|from|that|which|who)$/.test(t.bare))) return null;
  return { start: tokens[0].start, end: tokens[verb - 1].end };
}
