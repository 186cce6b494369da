import type { Span } from '../model';
import { NO_ATTRIBUTION, type Attribution, type AttributionContext, type Speaker } from './attribution';
import { DETERMINERS, INVERTED_CUE, NAME_ABBREVIATION, PLURAL_SOURCES, POST_CUE, PRONOUNS, WEEKDAY_OR_MONTH, describedName, firstPostCue, isParticle, isWeak, phraseEnd } from './cues';

/** Rules that read the words after a quote: `…,” he said`, `…,” said Mr. Kobakhidze`, `…,” according to X`. */

/** Post-quote patterns on the text after the closing mark (up to the sentence end). */
export function attributeAfter(ctx: AttributionContext, from: number, to: number, windowStart: number, previous: Speaker | null): Attribution {
  const raw = ctx.text.slice(from, to);
  // “…” ― Julie A. Diaz Martinez: a name alone after a dash signs the quote.
  // A hyphen stands in for the dash in plain-text sources ("…." - Bernie Sanders).
  const signed = /^\s*(?:[―—–]|-(?!-))\s*((?:\p{Lu}[\p{L}’'\-.]*\s+){0,4}\p{Lu}[\p{L}’'\-]*\.?)(?=\s*(?:[.,;]|$|[“"]|\s+[―—–]|\s+\p{Lu}))/u.exec(raw);
  if (signed) {
    const nameStart = from + signed[0].length - signed[1].length;
    const name = signed[1].replace(/\.$/, '');
    return { speaker: ctx.speakerOfPhrase({ start: nameStart, end: nameStart + name.length }), rank: 1, clause: null };
  }
  const lead = /^[\s,]*(?:[—–-]+\s*)?/.exec(raw)![0].length;
  const start = from + lead;
  const rest = ctx.text.slice(start, to);
  if (!rest) return NO_ATTRIBUTION;
  const pronoun = /^(he|she|they|it|I|we|He|She|They|It|We)\s+(?:(?:also|later|then|again|once|has|had|have|previously|simply|quickly)\s+)?(\S+)/.exec(rest);
  if (pronoun && POST_CUE.test(pronoun[2])) {
    const speaker = ctx.resolvePronoun(pronoun[1], start, windowStart, previous);
    return { speaker, rank: isWeak(pronoun[2]) ? 4 : 1, clause: { start, end: start + pronoun[0].length } };
  }
  // "…,” as a Homeland Security memo put it.
  const asPut = /^as\s+(.{2,80}?)\s+(?:put it|puts it|said|says|wrote|writes|noted|notes|explained|explains|described it|called it)\b/.exec(rest);
  if (asPut) {
    const npStart = start + 3;
    return { speaker: ctx.speakerOfPhrase({ start: npStart, end: npStart + asPut[1].length }), rank: 1, clause: { start, end: start + asPut[0].length } };
  }
  const according = /^(?:according to|per)\s+/.exec(rest);
  if (according) {
    const npStart = start + according[0].length;
    const npEnd = phraseEnd(ctx.text, npStart, to);
    const speaker = ctx.speakerOfPhrase({ start: npStart, end: npEnd });
    return { speaker, rank: 4, clause: { start, end: npEnd } };
  }
  const inverted = /^(\S+)\s+(?:also\s+)?/.exec(rest);
  if (
    inverted &&
    INVERTED_CUE.test(inverted[1]) &&
    (/^(?:\p{Lu}|the |a |an |one |another |his |her |its |their |al-)/u.test(rest.slice(inverted[0].length)) || describedName(rest.slice(inverted[0].length)))
  ) {
    const npStart = start + inverted[0].length;
    const npEnd = phraseEnd(ctx.text, npStart, to);
    const speaker = appositiveName(ctx, npStart, npEnd, to) ?? ctx.speakerOfPhrase({ start: npStart, end: npEnd });
    return { speaker, rank: inverted[1].startsWith('report') ? 4 : 1, clause: { start, end: npEnd } };
  }
  // "Subject[, appositive,] [adverb] cue": the first cue after the quote.
  const cue = firstPostCue(rest, ctx.text.slice(ctx.text.lastIndexOf('\n', from) + 1, to));
  if (!cue || cue.index === 0) return accordingLate(ctx, start, rest, to);
  const direct = subjectAfter(ctx, start, rest, cue, windowStart, previous);
  if (direct.rank > 0) return direct;
  // The quote sits inside a longer sentence whose attribution comes at its end:
  // "Trump’s “excesses” are sickening, Hollande said Tuesday" · "…” in the 2008 primary, said Ohio State University professor Paul Beck."
  const late =
    /,\s+(?:((?:\p{Lu}[\p{L}’'\-.]*\s+){0,4}\p{Lu}[\p{L}’'\-.]*)\s+(?:said|says|added|wrote|told|argued|noted|proclaimed|declared|insisted|warned|explained)\b|(?:said|says|added|wrote)\s+((?:(?:the|a|an)\s+)?[^,;:“”"]{2,80}?))\s*(?:[,.]|$)/u.exec(
      rest,
    );
  if (late && !/[“”"]/.test(rest.slice(0, late.index))) {
    const name = late[1] ?? late[2];
    const nameStart = start + late.index + late[0].indexOf(name);
    const speaker = ctx.speakerOfPhrase({ start: nameStart, end: nameStart + name.length });
    if (speaker) return { speaker, rank: 3, clause: null };
  }
  return accordingLate(ctx, start, rest, to);
}

/**
 * Rule according-to-late: "…“Bobby!” at a labor conference last month, according to Virginia AFL-CIO President Doris
 * Crouse-Mays": an "according to" closing the sentence after the quote, with no other quote between, gives its source.
 */
function accordingLate(ctx: AttributionContext, start: number, rest: string, to: number): Attribution {
  const late = /,\s+according to\s+/.exec(rest);
  if (!late || /[“”"]/.test(rest.slice(0, late.index))) return NO_ATTRIBUTION;
  const npStart = start + late.index + late[0].length;
  const npEnd = phraseEnd(ctx.text, npStart, to);
  const speaker = ctx.speakerOfPhrase({ start: npStart, end: npEnd });
  return speaker ? { speaker, rank: 4, clause: { start: start + late.index, end: npEnd } } : NO_ATTRIBUTION;
}

export function subjectAfter(ctx: AttributionContext, start: number, rest: string, cue: RegExpExecArray, windowStart: number, previous: Speaker | null): Attribution {
  const subjectText = rest.slice(0, cue.index);
  if (/[;:“”"?!]/.test(subjectText) || /\.\s/.test(subjectText.replace(NAME_ABBREVIATION, ''))) return NO_ATTRIBUTION;
  const words = subjectText.trim().split(/\s+/);
  if (words.length > 30) return NO_ATTRIBUTION;
  // Rule modal-before-cue: "…,” the two-term president will say": a modal right before the cue is not part of the subject.
  const headText = subjectText
    .split(',')[0]
    .trim()
    .replace(/\s+(?:will|would|could|might|may|can|should|must)$/, '');
  const headWords = headText.split(/\s+/);
  if (!headText || headWords.length > 12) return NO_ATTRIBUTION;
  const firstWord = headWords[0];
  // "retired Air Force general Lloyd Newton said", "panel Chairman Rep. Jason Chaffetz said": a lowercase start
  // is fine when a capitalised name follows.
  const namedLater =
    /^(?:\p{Ll}[\p{Ll}\-]*\s+){1,3}\p{Lu}/u.test(headText) &&
    !/\b(?:is|was|were|are|has|had|have|will|would)\b/.test(headText) &&
    !/^(?:with|in|on|at|to|for|from|by|of|and|but|or|as|than|after|before|during|while|when|where|that|which|who|whom|whose|if|because|until|since|though|although|about|against|into|over|under|like|unlike|including|even)\b/.test(
      headText,
    );
  // "federal prosecutors wrote": a lowercase head that names a kind of source.
  const pluralSource = PLURAL_SOURCES.has(firstWord) || (headWords.length <= 3 && PLURAL_SOURCES.has(headWords[headWords.length - 1]));
  if (/^\p{Ll}/u.test(firstWord) && !namedLater && !DETERMINERS.has(firstWord) && !pluralSource && !/^(?:al|el)-/.test(firstWord) && !(isParticle(firstWord) && firstWord !== 'of')) {
    return NO_ATTRIBUTION;
  }
  if (/\b(?:is|was|were|are|be|been|has been|will|would|could|that|which)\b/.test(headText) && !/^(?:\p{Lu})/u.test(firstWord)) return NO_ATTRIBUTION;
  // Rule subject-not-clause: a verb with its own complement before the cue makes a clause, not a subject ("…” Clinton
  // has the qualifications to be president -- having suggested …); an auxiliary and an adverb ("Trump has long said") do not.
  if (/\b(?:is|are|was|were|has|have|had|will|would|can|could|should)\s+\S+\s+\S+/.test(headText)) return NO_ATTRIBUTION;
  // "and" joins clauses unless a determiner opens the phrase ("the Florida senator and Republican presidential candidate").
  const joined = DETERMINERS.has(firstWord) ? /\b(?:that|which|who|to)\b/ : /\b(?:that|which|who|to|and)\b/;
  if (/^\p{Ll}/u.test(firstWord) && namedLater && joined.test(headText)) return NO_ATTRIBUTION;
  const headStart = start + subjectText.indexOf(headText);
  const clause = { start, end: start + cue.index + cue[0].length };
  // Adverbs and a time phrase between subject and verb are not the subject ("Mr. Foreman later added").
  let head = headText;
  for (let guard = 0; guard < 3; guard++) {
    const trimmed = head
      .replace(
        /\s+(?:also|later|then|again|has|had|have|previously|recently|publicly|repeatedly|reportedly|once|subsequently|separately|further|would|will|often|earlier|initially|first|finally|simply|just|flatly|openly|privately|bluntly|quietly)$/,
        '',
      )
      .replace(/\s+(?:on|in|last|this|late|early)\s+(?:(?:late|early)\s+)?(\S+)$/, (m, word: string) => (WEEKDAY_OR_MONTH.test(word) ? '' : m));
    if (trimmed === head) break;
    head = trimmed;
  }
  if (PRONOUNS.test(head)) {
    return { speaker: ctx.resolvePronoun(head, start, windowStart, previous), rank: isWeak(cue[0]) ? 4 : 1, clause };
  }
  const headSpan: Span = { start: headStart, end: headStart + head.length };
  // Rule appositive-name, before the cue too: "…,” a spokeswoman for Apple, Jane Lee, said" is Jane Lee.
  const speaker = appositiveName(ctx, headSpan.start, headSpan.end, start + cue.index) ?? ctx.speakerOfPhrase(headSpan);
  return { speaker, rank: isWeak(cue[0]) ? 4 : 1, clause };
}

/**
 * Rule appositive-name: a description then the name set off by a comma names the speaker ("says Doe’s neighbour,
 * Sam Poe" → Sam Poe; "said the mayor, Tom Berg"), unless the description already holds a person's name.
 */
function appositiveName(ctx: AttributionContext, npStart: number, npEnd: number, to: number): Speaker | null {
  const after = /^,\s+((?:\p{Lu}[\p{L}’'.\-]*\s+){0,3}\p{Lu}[\p{L}’'\-]*)(?=\s*(?:[,.;]|$))/u.exec(ctx.text.slice(npEnd, to));
  if (!after) return null;
  const np = ctx.text.slice(npStart, npEnd);
  // "said Gov. Kathy Hochul, D-N.Y.": a name before the comma is the speaker already.
  if (!/^(?:the|a|an|his|her|its|their)\s/i.test(np) && !/[’']s\s+\p{Ll}/u.test(np)) return null;
  const nameStart = npEnd + after[0].length - after[1].length;
  return ctx.speakerOfPhrase({ start: nameStart, end: nameStart + after[1].length });
}
