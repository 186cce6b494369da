import type { ArticleLayout, EntityMention, Quotation, QuotationKind, Span } from '../model';
import { findStretches, type QuoteStretch } from './marks';
import { sentenceEnd, sentenceStart } from './sentences';
import { AttributionContext, NO_ATTRIBUTION, type Attribution, type Speaker } from './attribution';
import { chooseSpeaker } from './chooser';
import { NAME_ABBREVIATION } from './cues';

/**
 * Quotations of one article with their speakers. Offsets are relative to `articleText`; only the headline, the
 * body paragraphs and the section headings are read. `mentions` (the recogniser's) supply the names speakers and pronoun antecedents
 * snap to, so linking can give a quotation its speaker's entity id; where the recogniser found nothing,
 * capitalised names near the cue stand in.
 */
export function findQuotations(articleText: string, layout: ArticleLayout, mentions: readonly EntityMention[]): Quotation[] {
  const clip = (s: Span): Span => ({ start: Math.max(0, Math.min(s.start, articleText.length)), end: Math.max(0, Math.min(s.end, articleText.length)) });
  // Rule quotes-in-headings: a body line the segmenter took for a section heading can still be reported speech
  // (a line ending in a quoted question, `Wallace then asked, “With nukes?”`, or a signed `“…” ― Name`), so
  // section headings are read like paragraphs.
  const headings = layout.sections.map((s) => s.headingSpan);
  const paragraphs = [...layout.paragraphs, ...headings].map(clip).filter((p) => p.end > p.start);
  const blocks: Span[] = [];
  const continuable: boolean[] = [];
  const headline = layout.headlineSpan ? clip(layout.headlineSpan) : null;
  if (headline && headline.end > headline.start && !paragraphs.some((p) => p.start < headline.end && p.end > headline.start)) {
    blocks.push(headline);
    continuable.push(false);
  }
  for (const p of [...paragraphs].sort((a, b) => a.start - b.start)) {
    if (blocks.length && p.start < blocks[blocks.length - 1].end) continue; // overlapping paragraphs: keep the first
    blocks.push(p);
    continuable.push(true);
  }
  if (!blocks.length) return [];
  // Headline first in reading order only when it precedes the body.
  const order = blocks.map((_, i) => i).sort((a, b) => blocks[a].start - blocks[b].start);
  const orderedBlocks = order.map((i) => blocks[i]);
  const orderedContinuable = order.map((i) => continuable[i]);

  const { stretches, strays } = findStretches(articleText, orderedBlocks, orderedContinuable);
  const context = new AttributionContext(articleText, mentions, orderedBlocks);

  // A closing mark never opened, followed by a speech verb: the quote runs from the sentence start
  // ("It’s just testing the ground,” said Mr. Melnyk).
  const found = stretches.length;
  for (const stray of strays) {
    const block = orderedBlocks[stray.block];
    // Stretches are in text order: the last one starting before the mark either holds it or ends before it.
    let before = -1;
    for (let lo = 0, hi = found; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (stretches[mid].start <= stray.offset) {
        before = mid;
        lo = mid + 1;
      } else hi = mid;
    }
    if (before >= 0 && stretches[before].end > stray.offset) continue;
    const previousEnd = before >= 0 ? Math.max(block.start, stretches[before].end) : block.start;
    const start = Math.max(previousEnd, sentenceStart(articleText, stray.offset, block.start));
    const to = sentenceEnd(articleText, stray.offset + 1, block.end, block.start);
    const post = context.attributeAfter(stray.offset + 1, to, block.start, null);
    if (post.rank !== 1) continue;
    let contentStart = start;
    while (contentStart < stray.offset && /\s/.test(articleText[contentStart])) contentStart++;
    if (!/[\p{L}\p{N}]/u.test(articleText.slice(contentStart, stray.offset))) continue;
    stretches.push({
      start: contentStart,
      end: stray.offset + 1,
      pieces: [{ start: contentStart, end: stray.offset }],
      closed: true,
      opened: false,
      single: false,
      firstBlock: stray.block,
      lastBlock: stray.block,
    });
  }
  stretches.sort((a, b) => a.start - b.start);
  context.setQuoted(stretches.flatMap((s) => s.pieces));

  const quotations: Quotation[] = [];
  const speakers: Array<Speaker | null> = [];
  /** Speakers including those of scare quotes: for quotes later in the same sentence. */
  const sentenceSpeakers: Array<Speaker | null> = [];
  /** How each quotation's speaker was found (0 none … 7 sentence subject). */
  const ranks: number[] = [];
  /** Whether a quotation's speaker came from the cue after it (`“…,” said X`): what the second half of a split quote continues. */
  const byCueAfter: boolean[] = [];
  /** For a quote opening its sentence with no attribution of its own: the quote it would continue (the one before in its paragraph, else the last of the paragraph before when it opens its paragraph), or -1. */
  const continues: number[] = [];
  /** One to three words not standing as an utterance (see isScareQuote): scare or partial, by attribution. */
  const scareShaped: boolean[] = [];
  /** Quotes set inside the author's own sentence (a paraphrase), not opening it. */
  const embedded: boolean[] = [];
  const sentenceBounds: Span[] = [];
  const titleLike: boolean[] = [];
  /** What the ranker (chooser.ts) reads: the cues' proposals and the speakers before each quote. */
  const proposals: Array<Array<[Speaker | null, string]>> = [];
  /**
   * The speaker of the sentence ending at `end` (closing marks skipped) when it reports speech ("Dianne Bystrom
   * agreed.") or, by rule quote-after-portrait, the person it is about ("Viguerie is upbeat about Cruz’s chances.").
   */
  const speakerOfSentenceBefore = (end: number, blockStart: number, k: number, windowStart: number, previousSpeaker: Speaker | null): Speaker | null => {
    let previousEnd = end;
    while (previousEnd > blockStart && /[\s”"’)\]]/.test(articleText[previousEnd - 1])) previousEnd--;
    if (previousEnd <= blockStart || !/[.!?]/.test(articleText[previousEnd - 1])) return null;
    const previousFrom = sentenceStart(articleText, previousEnd - 1, blockStart);
    const reported = context.attributeBefore(previousFrom, previousEnd - 1, previousFrom, windowStart, previousSpeaker);
    if (reported.speaker && reported.rank > 0 && reported.rank <= 5) return reported.speaker;
    if (quotedBetween(stretches, k, previousFrom)) return null;
    return context.personSubject(previousFrom, previousEnd - 1, windowStart, previousSpeaker);
  };
  for (let k = 0; k < stretches.length; k++) {
    const s = stretches[k];
    const first = orderedBlocks[s.firstBlock];
    const last = orderedBlocks[s.lastBlock];
    const windowStart = orderedBlocks[Math.max(0, s.firstBlock - 2)].start;
    const previousInBlock = k > 0 && stretches[k - 1].lastBlock === s.firstBlock ? k - 1 : -1;
    const nextInBlock = k + 1 < stretches.length && stretches[k + 1].firstBlock === s.lastBlock ? k + 1 : -1;
    let previousSpeaker: Speaker | null = null;
    for (let j = k - 1; j >= 0 && stretches[j].lastBlock >= s.firstBlock - 2; j--) {
      if (speakers[j]) {
        previousSpeaker = speakers[j];
        break;
      }
    }

    const sentenceFrom = sentenceStart(articleText, s.start, first.start);
    const beforeFrom = previousInBlock >= 0 ? Math.max(sentenceFrom, stretches[previousInBlock].end) : sentenceFrom;
    const afterTo = Math.min(sentenceEnd(articleText, s.end, last.end, last.start), nextInBlock >= 0 ? stretches[nextInBlock].start : last.end);
    const lastPiece = s.pieces[s.pieces.length - 1];
    const content = articleText.slice(lastPiece.start, lastPiece.end);
    const afterText = articleText.slice(s.end, afterTo);
    // A full stop inside the marks then a capital ("…in Kursk.” But it said…") ends the sentence there; so does
    // a question or exclamation mark before a sentence word, or a colon introducing the next quote.
    // After a full stop inside the marks, only a bare "Name said." attributes ("…missing.” Trump said."), not the
    // next sentence's reported speech ("…claims.” He said Nunberg was …").
    const bareAttribution =
      /^\s*(?:(?:[―—–]|-(?!-))\s*\p{Lu}[^“"]*|(?:(?:\p{Lu}[\p{L}’'.\-]*\s+){1,5}(?:said|says|added|adds|wrote|writes|told|asked|explained|noted|continued|insisted|replied|tweeted)(?!\s+(?:that|he|she|it|they|we|I|there|this|the|a|an|his|her|its|their|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?:\p{Lu}[\p{L}’'.\-]*\s+){1,4}\p{Ll}))|(?:said|says|added|wrote)\s+(?:\p{Lu}[\p{L}’'.\-]*\s*){1,5})\b[^“"]*)$/u;
    const endedInside =
      (/\.$/.test(content) && /^\s*\S/.test(afterText) && !bareAttribution.test(afterText)) ||
      (/[!?]$/.test(content) && /^\s*(?:But|And|The|It|He|She|They|We|I|In|On|This|That|There|A|An)\b/.test(afterText)) ||
      (/[.!?]$/.test(content) && /:\s*$/.test(afterText));
    const post = s.closed && !endedInside ? context.attributeAfter(s.end, afterTo, windowStart, previousSpeaker) : NO_ATTRIBUTION;
    // The speaker of a quote before in the same sentence, past scare quotes and titles ("…,” Graham said on
    // MSNBC’s “Morning Joe,” adding, “…”): what a participle continues.
    let previousInSentence: Speaker | null = null;
    for (let j = previousInBlock; j >= 0 && stretches[j].lastBlock === s.firstBlock && stretches[j].end > sentenceFrom; j--) {
      previousInSentence = ranks[j] <= 5 ? sentenceSpeakers[j] : null;
      if (previousInSentence) break;
    }
    const pre = context.attributeBefore(beforeFrom, s.start, sentenceFrom, windowStart, previousInBlock >= 0 ? (speakers[previousInBlock] ?? previousInSentence) : null);

    let chosen: Attribution = transcriptSpeaker(articleText, s) ?? [post, pre].filter((a) => a.rank > 0).sort((a, b) => a.rank - b.rank)[0] ?? NO_ATTRIBUTION;
    const opensOwnSentence = !articleText.slice(sentenceFrom, s.start).trim();
    const opensOwnBlock = !articleText.slice(first.start, s.start).trim();
    const previousBlockLast = opensOwnBlock && k > 0 && stretches[k - 1].lastBlock === s.firstBlock - 1 ? k - 1 : -1;
    continues.push(opensOwnSentence ? (previousInBlock >= 0 ? previousInBlock : previousBlockLast) : -1);
    // Rule split-quote: the second half of `“A,” said X, the group's head, “b…”` continues the first half's speaker: the words
    // between the halves are the first half's attribution (an appositive or a participle after the name included), so the
    // sentence's subject, which stands inside the first half, is never the speaker.
    if (chosen.rank !== 1 && previousInBlock >= 0 && byCueAfter[previousInBlock] && speakers[previousInBlock] && splitQuoteBetween(articleText, stretches[previousInBlock], s)) {
      chosen = { speaker: speakers[previousInBlock], rank: 2, clause: null };
    }
    let introduced = false;
    if (chosen.rank === 0) {
      const opensBlock = !articleText.slice(first.start, s.start).trim();
      const opensSentence = !articleText.slice(sentenceFrom, s.start).trim();
      // A quote before it in the same sentence shares its attribution (rank 5, so a fragment keeps the speaker:
      // Djokovic said he felt “a lot of emotion” before the “very important match”); one in an earlier sentence
      // continues (rank 6).
      if (previousInBlock >= 0 && speakers[previousInBlock]) {
        const sameSentence = stretches[previousInBlock].end > sentenceFrom;
        chosen = { speaker: speakers[previousInBlock], rank: sameSentence ? 5 : 6, clause: null };
      } else if (opensSentence && !opensBlock) {
        // A sentence that is all quote goes on with the paragraph's last speaker, past scare quotes and titles
        // ("…,” Trump said on ABC’s “Good Morning America.” “She’s not …”) …
        for (let j = previousInBlock; j >= 0 && stretches[j].lastBlock === s.firstBlock; j--) {
          if (speakers[j]) {
            chosen = { speaker: speakers[j], rank: 6, clause: null };
            break;
          }
          if (!quotations[j].scare) break;
        }
        // … or, with no quote before it, takes the speaker of the sentence before when that one reports speech
        // ("Dianne Bystrom agreed. “Mainstream Republicans …”").
        if (chosen.rank === 0 && previousInBlock < 0) {
          const person = speakerOfSentenceBefore(sentenceFrom, first.start, k, windowStart, previousSpeaker);
          if (person) chosen = { speaker: person, rank: 6, clause: null };
        }
      } else if (opensBlock && s.firstBlock > 0) {
        let previousBlockQuote = -1;
        for (let j = k - 1; j >= 0 && stretches[j].lastBlock >= s.firstBlock - 1; j--) {
          if (stretches[j].lastBlock === s.firstBlock - 1) {
            previousBlockQuote = j;
            break;
          }
        }
        // A paragraph that ends with a colon introduces the quote opening the next one ("Dr. Ward stated:").
        const previousBlock = orderedBlocks[s.firstBlock - 1];
        const introducedBy = /:\s*$/.test(articleText.slice(Math.max(previousBlock.start, previousBlock.end - 4), previousBlock.end))
          ? sentenceStart(articleText, previousBlock.end, previousBlock.start)
          : -1;
        if (introducedBy >= 0 && (previousBlockQuote < 0 || stretches[previousBlockQuote].end <= introducedBy)) {
          const intro = context.attributeBefore(introducedBy, previousBlock.end, introducedBy, windowStart, previousSpeaker);
          if (intro.rank > 0 && intro.rank <= 5 && intro.speaker) {
            chosen = { speaker: intro.speaker, rank: 2, clause: null };
            introduced = true;
          }
        }
        // A paragraph that opens with an unattributed quote continues the previous paragraph's last quote.
        if (chosen.rank === 0 && previousBlockQuote >= 0 && speakers[previousBlockQuote]) chosen = { speaker: speakers[previousBlockQuote], rank: 6, clause: null };
        // Rule quote-after-reporting-paragraph: a paragraph that is one unattributed quote, after a paragraph without a
        // speaker's quote, goes to the speaker its last sentence reports or portrays ("Carter said that … would not
        // happen. ¶ “That’s because this region …”").
        if (chosen.rank === 0 && (previousBlockQuote < 0 || !speakers[previousBlockQuote]) && !articleText.slice(s.end, last.end).trim()) {
          const person = speakerOfSentenceBefore(previousBlock.end, previousBlock.start, k, windowStart, previousSpeaker);
          if (person) chosen = { speaker: person, rank: 6, clause: null };
        }
      }
    }
    // Rule signature-paragraph: a quote that ends its paragraph is signed by a next paragraph of a dash and a name
    // ("¶ - Bernie Sanders.", "¶ -President Obama, tweeting after …"), over any continued speaker.
    let signed = false;
    if ((chosen.rank === 0 || chosen.rank >= 6) && s.closed && s.lastBlock + 1 < orderedBlocks.length && !articleText.slice(s.end, last.end).trim()) {
      const next = orderedBlocks[s.lastBlock + 1];
      if (/^\s*[-–—―]/.test(articleText.slice(next.start, next.end))) {
        const signature = context.attributeAfter(next.start, next.end, windowStart, previousSpeaker);
        if (signature.rank === 1 && signature.speaker) {
          chosen = { speaker: signature.speaker, rank: 1, clause: null };
          signed = true;
        }
      }
    }
    const scare = isScareQuote(articleText, s, sentenceFrom, beforeFrom, post.rank === 1 || pre.rank === 2 || introduced || signed);
    scareShaped.push(scare);
    // Rule embedded-in-paraphrase: words of the author's own sentence come before the quote, and they are not
    // a direct introduction ("X said:", ", he said, “").
    const lead = articleText.slice(beforeFrom, s.start);
    const directLead = /[:—–]\s*$/.test(lead) || pre.rank === 2 || introduced || (beforeFrom > sentenceFrom && /,\s*$/.test(lead));
    embedded.push(!!lead.trim() && !directLead);
    // Quotes strung along one sentence share its speaker: Cruz called Trump a "pathological liar" who is "utterly amoral".
    if (chosen.rank === 0 && previousInBlock >= 0 && stretches[previousInBlock].end > sentenceFrom && sentenceSpeakers[previousInBlock]) {
      chosen = { speaker: sentenceSpeakers[previousInBlock], rank: 5, clause: null };
    }
    // Rule title-after-statement: a fragment in the cue clause of a whole statement ("…,” Brandt said on the
    // “Morning Desk” show) is a title, not a partial quote.
    const sameSentence = previousInBlock >= 0 && stretches[previousInBlock].end > sentenceFrom;
    const strungAfterStatement = scare && sameSentence && !embedded[previousInBlock] && !scareShaped[previousInBlock];
    if (chosen.rank === 0 && articleText.slice(sentenceFrom, s.start).trim()) {
      chosen = context.attributeToSubject(sentenceFrom, s.start, windowStart, previousSpeaker, scare);
    }
    context.recordClause(chosen.clause, chosen.speaker?.span ?? null);

    // A scare quote keeps a speaker its own sentence gives (who used the phrase), never a continued one.
    const speaker = scare && chosen.rank === 6 ? null : chosen.speaker;
    speakers.push(scare ? null : speaker);
    sentenceSpeakers.push(speaker);
    ranks.push(speaker ? chosen.rank : 0);
    byCueAfter.push(chosen === post && post.rank === 1);

    sentenceBounds.push({ start: sentenceFrom, end: afterTo });
    proposals.push([
      [post.rank > 0 ? post.speaker : null, 'post'],
      [pre.rank > 0 ? pre.speaker : null, 'pre'],
      [previousInBlock >= 0 ? speakers[previousInBlock] : null, 'prevquote'],
      [previousSpeaker, 'prevspeaker'],
    ]);
    titleLike.push(strungAfterStatement);
    const pieces = s.pieces;
    const contentSpan = { start: pieces[0].start, end: pieces[pieces.length - 1].end };
    quotations.push({
      span: { start: s.start, end: s.end },
      contentSpan,
      text: pieces.map((p) => articleText.slice(p.start, p.end)).join('\n'),
      speaker: speaker?.name ?? null,
      speakerSpan: speaker?.span ?? null,
      scare,
    });
  }
  // A quote earlier in a sentence takes the attribution that comes with a later quote of the same sentence:
  // Guns are “the ultimate public health crisis” and “stunt children’s growth,” Howard Dean proclaimed.
  for (let k = stretches.length - 2; k >= 0; k--) {
    if (ranks[k] !== 0 && ranks[k] < 7) continue;
    const next = k + 1;
    if (stretches[next].firstBlock !== stretches[k].lastBlock || ranks[next] === 0 || ranks[next] > 4 || !quotations[next].speaker) continue;
    const block = orderedBlocks[stretches[k].lastBlock];
    if (sentenceEnd(articleText, stretches[k].end, block.end, block.start) <= stretches[next].start) continue;
    quotations[k] = { ...quotations[k], speaker: quotations[next].speaker, speakerSpan: quotations[next].speakerSpan };
    ranks[k] = 5;
  }
  const chosenSpeakers = quotations.map((q, k) =>
    chooseSpeaker(articleText, context, q, {
      rank: ranks[k],
      sentence: sentenceBounds[k],
      block: orderedBlocks[stretches[k].firstBlock],
      previousBlock: stretches[k].firstBlock > 0 ? orderedBlocks[stretches[k].firstBlock - 1] : null,
      scareShaped: scareShaped[k],
      embedded: embedded[k],
      proposals: proposals[k],
    }),
  );
  // Rule chooser-continues: a quote the ranker gave a speaker is continued like a rule's one: the next quotes opening their
  // sentences with no attribution of their own (“…” “…” after "Trump spoke only in bromides:") go on with that speaker.
  for (let k = 0; k < quotations.length; k++) {
    const j = continues[k];
    if (j < 0 || ranks[k] !== 0 || chosenSpeakers[k] || scareShaped[k] || ranks[j] !== 0 || !chosenSpeakers[j] || scareShaped[j]) continue;
    chosenSpeakers[k] = chosenSpeakers[j];
  }
  return quotations.map((q, k) => {
    // Rule title-case: a short fragment in title case ("Good Morning America", “The Apprentice”) names a work, not words.
    const title = scareShaped[k] && TITLE_CASE.test(q.text.trim());
    const kind = kindOf(scareShaped[k] || titleLike[k], embedded[k], q.speaker !== null && !titleLike[k] && !title, ranks[k]);
    const via = intermediary(articleText, sentenceBounds[k], stretches[k], context);
    // The ranker's speaker replaces the rules' one; the kind stays the rules' (a cue decides statement or partial).
    const speaker = chosenSpeakers[k];
    return { ...q, speaker: speaker?.name ?? null, speakerSpan: speaker?.span ?? null, scare: kind === 'scare', kind, ...(via ? { via } : {}) };
  });
}

/**
 * Rule kind-by-attribution: a short fragment with an attribution of its sentence (a cue, not only a subject) is a
 * partial quotation, without one a scare quote; a longer quote inside the author's attributed sentence is partial;
 * everything else is a statement.
 */
function kindOf(scareShaped: boolean, embedded: boolean, attributed: boolean, rank: number): QuotationKind {
  if (scareShaped) return attributed && rank > 0 && rank <= 5 ? 'partial' : 'scare';
  return embedded && attributed && rank !== 6 ? 'partial' : 'statement';
}

const TITLE_WORD = String.raw`(?:\p{Lu}[\p{L}’'\-]*|of|the|and|a|in|on|for|to)`;
const TITLE_CASE = new RegExp(String.raw`^\p{Lu}[\p{L}’'\-]*(?:\s+${TITLE_WORD})*$`, 'u');
const INTERMEDIARY = /(?:\b[Aa]ccording to|\b(?:as )?reported by)\s+((?:the\s+)?\p{Lu}[\p{L}’'.\-]*(?:\s+(?:of\s+|the\s+)?\p{Lu}[\p{L}’'.\-]*){0,5})/u;

/** Rule intermediary: `according to Al Jazeera`, `Al Jazeera reported`, `as reported by AFP` in the quote's sentence. */
function intermediary(text: string, sentence: Span, s: QuoteStretch, context: AttributionContext): string | null {
  const parts = [text.slice(sentence.start, s.start), text.slice(s.end, Math.max(s.end, sentence.end))];
  for (const [i, part] of parts.entries()) {
    const offset = i === 0 ? sentence.start : s.end;
    const m = INTERMEDIARY.exec(part);
    if (!m) continue;
    const start = offset + m.index + m[0].length - m[1].length;
    const name = m[1].replace(/[’']s$/, '').replace(/\.$/, '');
    if (context.isOutlet({ start, end: start + name.length })) return name.replace(/^the\s+/, '');
  }
  return null;
}

/**
 * One to three words in marks, not standing as an utterance of their own: scare quotes ("foreign influence",
 * "de-escalation"). A short quote that opens its sentence (or follows a colon or dash) and is attributed
 * directly ("“Fear God, sister,” she said") is a statement.
 */
function isScareQuote(text: string, s: QuoteStretch, sentenceFrom: number, beforeFrom: number, directlyAttributed: boolean): boolean {
  const content = s.pieces.map((p) => text.slice(p.start, p.end)).join(' ');
  const words = content.match(/[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu) ?? [];
  if (words.length > 3) return false;
  const before = text.slice(Math.max(sentenceFrom, beforeFrom), s.start);
  const opensSentence = !before.trim() || /[:—–]\s*$/.test(before) || (beforeFrom > sentenceFrom && /,\s*$/.test(before));
  const ends = /[,.!?…]$/.test(content.trim());
  return !(opensSentence && (directlyAttributed || (ends && !s.single)));
}

const NOT_SPEAKER_LABELS = /^(?:BREAKING|UPDATE|UPDATED|NOTE|EDITOR'?S NOTE|WATCH|CROSSTALK|VIDEO|PHOTO|READ MORE|RELATED|WARNING|Q|A|AP|UPI|AFP|CNN|NEWS)$/;

/** Transcripts put the speaker's name in capitals before a colon: "“PENCE: Well, look, …". */
function transcriptSpeaker(text: string, s: QuoteStretch): Attribution | null {
  const first = s.pieces[0];
  const label = /^([A-Z][A-Z.’'\- ]{0,38}[A-Z.]):\s/.exec(text.slice(first.start, Math.min(first.end, first.start + 45)));
  if (!label || NOT_SPEAKER_LABELS.test(label[1]) || !/[A-Z]{2}/.test(label[1])) return null;
  const span = { start: first.start, end: first.start + label[1].length };
  return { speaker: { name: label[1], span }, rank: 1, clause: null };
}

/** Whether a quotation before `k` starts at or after `from` (the sentence before is itself quoted speech). */
function quotedBetween(stretches: readonly QuoteStretch[], k: number, from: number): boolean {
  return k > 0 && stretches[k - 1].end > from;
}

/**
 * Whether two quotes are the halves of one split sentence: the first ends in a comma inside or after its marks, and the
 * words between them, no sentence ending or other quote among them, end in a comma before the second (`“A,” said X, “b…”`).
 */
function splitQuoteBetween(text: string, first: QuoteStretch, second: QuoteStretch): boolean {
  const lastPiece = first.pieces[first.pieces.length - 1];
  const between = text.slice(first.end, second.start);
  if (!/,\s*$/.test(text.slice(lastPiece.start, lastPiece.end)) && !/^\s*,/.test(between)) return false;
  if (!/,\s*$/.test(between) || between.length > 200 || /\n/.test(between)) return false;
  return !/[.!?;:“”"]/.test(between.replace(NAME_ABBREVIATION, ''));
}
