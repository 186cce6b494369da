import { PERSON_ROLES, SPEAKER_LOWERCASE_SOURCES, SPEAKER_ORGANIZATION_NOUNS, SPEAKER_THING_NOUNS } from '../lexicon';
import type { Quotation, Span } from '../model';
import type { AttributionContext, Speaker } from './attribution';
import { POST_CUE } from './cues';
import { sentenceStart } from './sentences';
import model from './speakerModel.json';

/**
 * Rule speaker-chooser: a small trained ranker over the speakers a quotation could have. The rules propose candidates
 * (their own choice, the cue after and before the quote, the previous quotes' speakers, the people and organizations
 * of the quote's sentence and the one before it, and "no one"); each candidate is described by structural features
 * (which rule proposed it at which rank, person/organization/description, side and distance, a speech verb next to
 * it, the quote's shape) and the highest-scoring one is kept. The weights (speakerModel.json) are an averaged
 * perceptron trained on PolNeAR train by `npm run train:quotes` (features name no words of the data). Quotes the rules
 * attribute through a direct cue keep the rules' speaker: the ranker only decides where the rules are unsure.
 */

/** Rule ranks the ranker decides for: no speaker, a continued speaker, a sentence's subject (see attribution.ts). */
export const CHOOSER_RANKS: ReadonlySet<number> = new Set(model.ranks);
/** Ranks where "no speaker" is a candidate too (where the rules found none); elsewhere the ranker picks among speakers. */
const NULL_RANKS: ReadonlySet<number> = new Set(model.nullRanks);

export interface QuoteFacts {
  readonly span: Span;
  readonly sentence: Span;
  readonly block: Span;
  readonly previousBlock: Span | null;
  /** Start of the sentence before the quote's, within its block (or the block start). */
  readonly previousSentenceStart: number;
  readonly rank: number;
  readonly scareShaped: boolean;
  readonly embedded: boolean;
  readonly words: number;
}

export interface Candidate {
  readonly speaker: Speaker | null;
  readonly features: string[];
}

const bucket = (n: number, edges: readonly number[]): number => {
  let i = 0;
  while (i < edges.length && n >= edges[i]) i++;
  return i;
};

/** Candidates proposed by `source`, merged by span so one speaker proposed twice carries both sources. */
export class CandidateSet {
  private readonly bySpan = new Map<string, { speaker: Speaker; sources: Set<string> }>();
  add(speaker: Speaker | null | undefined, source: string): void {
    if (!speaker?.span || !/\p{L}/u.test(speaker.name)) return;
    const key = `${speaker.span.start}:${speaker.span.end}`;
    const known = this.bySpan.get(key);
    if (known) known.sources.add(source);
    else this.bySpan.set(key, { speaker, sources: new Set([source]) });
  }
  get size(): number {
    return this.bySpan.size;
  }
  entries(): Array<{ speaker: Speaker; sources: Set<string> }> {
    return [...this.bySpan.values()];
  }
}

/** Structural features of one candidate (null: no speaker). */
export function candidateFeatures(ctx: AttributionContext, q: QuoteFacts, speaker: Speaker | null, sources: ReadonlySet<string>, salience: number): string[] {
  const rank = `r${q.rank}`;
  const shape = `${q.scareShaped ? 's' : 'f'}${q.embedded ? 'e' : 'o'}`;
  if (!speaker?.span) return ['null', `null&${rank}`, `null&${shape}`, `null&w${bucket(q.words, [2, 4, 8, 16])}`];
  const span = speaker.span;
  const text = ctx.text;
  const f: string[] = ['bias'];
  for (const s of sources) f.push(`src:${s}`, `src:${s}&${rank}`, `src:${s}&${shape}`);
  f.push(`n:${Math.min(sources.size, 3)}`);
  const type = ctx.persons.some((p) => p.span.start === span.start && p.span.end === span.end)
    ? 'person'
    : ctx.organizations.some((o) => o.span.start === span.start && o.span.end === span.end)
      ? 'org'
      : /^\p{Lu}/u.test(speaker.name) && !/^(?:The|A|An|This|That|These|Those|His|Her|Its|Their)\s/.test(speaker.name)
        ? 'cap'
        : 'desc';
  f.push(`t:${type}`, `t:${type}&${rank}`, `t:${type}&${shape}`);
  if (type === 'desc') {
    const head = (speaker.name.toLowerCase().match(/[\p{L}\-]+$/u) ?? [''])[0];
    const kind = SPEAKER_THING_NOUNS.has(head)
      ? 'thing'
      : SPEAKER_ORGANIZATION_NOUNS.has(head)
        ? 'orgnoun'
        : SPEAKER_LOWERCASE_SOURCES.has(head) || PERSON_ROLES.has(head)
          ? 'role'
          : /s$/.test(head)
            ? 'plural'
            : 'other';
    f.push(`desc:${kind}`);
  }
  f.push(`len:${bucket(speaker.name.split(/\s+/).length, [2, 3, 5])}`);
  const after = span.start >= q.span.end;
  const distance = after ? span.start - q.span.end : Math.max(0, q.span.start - span.end);
  const side = after ? 'after' : span.end <= q.span.start ? 'before' : 'in';
  const where =
    span.start >= q.sentence.start && span.end <= q.sentence.end
      ? 'sent'
      : span.start >= q.previousSentenceStart && span.end <= q.sentence.start
        ? 'prevsent'
        : span.start >= q.block.start && span.end <= q.block.end
          ? 'block'
          : q.previousBlock && span.start >= q.previousBlock.start && span.end <= q.previousBlock.end
            ? 'prevblock'
            : 'far';
  f.push(`side:${side}`, `where:${where}`, `where:${where}&${side}`, `where:${where}&${type}`, `d:${bucket(distance, [3, 20, 60, 150, 400])}&${side}`);
  const next = text.slice(span.end, Math.min(text.length, span.end + 30));
  if (POST_CUE.test(next.split(/[,.;:“”"]/)[0] ?? '')) f.push('cueNext', `cueNext&${where}`);
  const previousWords = text.slice(Math.max(0, span.start - 25), span.start);
  if (POST_CUE.test(previousWords.split(/[,.;:“”"]/).pop() ?? '')) f.push('cuePrev');
  if (/^[’']s?\b/.test(text.slice(span.end, span.end + 3))) f.push('possessive');
  if (span.start === q.sentence.start || /^[\s“"‘(]*$/.test(text.slice(q.sentence.start, span.start))) f.push('opensSentence');
  f.push(`sal:${bucket(salience, [2, 4, 8])}`, `sal:${bucket(salience, [2, 4, 8])}&${type}`);
  return f;
}

const WEIGHTS = model.weights as Record<string, number>;

export function score(features: readonly string[], weights: Readonly<Record<string, number>> = WEIGHTS): number {
  let s = 0;
  for (const f of features) s += weights[f] ?? 0;
  return s;
}

/** The best candidate by the shipped weights (the first on ties: the rules' own choice comes first). */
export function chooseCandidate(candidates: readonly Candidate[]): Candidate {
  let best = candidates[0];
  let bestScore = score(best.features);
  for (let i = 1; i < candidates.length; i++) {
    const s = score(candidates[i].features);
    if (s > bestScore) {
      best = candidates[i];
      bestScore = s;
    }
  }
  return best;
}

/** Records every decision with its candidates (for `npm run train:quotes`); null in normal use. */
let recorder: ((articleText: string, q: QuoteFacts, candidates: readonly Candidate[]) => void) | null = null;

export function recordChoices(r: typeof recorder): void {
  recorder = r;
}

export interface QuoteProposals {
  readonly rank: number;
  readonly sentence: Span;
  readonly block: Span;
  readonly previousBlock: Span | null;
  readonly scareShaped: boolean;
  readonly embedded: boolean;
  /** Speakers the cues after and before the quote and the quotes before it propose, with their source names. */
  readonly proposals: ReadonlyArray<readonly [Speaker | null, string]>;
}

/** Start of the sentence before the one starting at `sentenceStart`, within the block (the block start if none). */
function previousSentenceStart(text: string, sentenceFrom: number, blockStart: number): number {
  let i = sentenceFrom;
  while (i > blockStart && /[\s”’"')\]]/.test(text[i - 1])) i--;
  return i > blockStart ? sentenceStart(text, i - 1, blockStart) : blockStart;
}

/** The speaker of a quotation: the rules' (`q`), or where they are unsure the ranker's pick among the candidates. */
export function chooseSpeaker(text: string, ctx: AttributionContext, q: Pick<Quotation, 'span' | 'text' | 'speaker' | 'speakerSpan'>, p: QuoteProposals): Speaker | null {
  const ruleSpeaker: Speaker | null = q.speaker ? { name: q.speaker, span: q.speakerSpan } : null;
  const decides = CHOOSER_RANKS.has(p.rank) && Object.keys(WEIGHTS).length > 0;
  if ((!decides && !recorder) || (ruleSpeaker && !ruleSpeaker.span)) return ruleSpeaker;
  const set = new CandidateSet();
  set.add(ruleSpeaker, 'rule');
  for (const [speaker, source] of p.proposals) set.add(speaker, source);
  const facts: QuoteFacts = {
    span: q.span,
    sentence: p.sentence,
    block: p.block,
    previousBlock: p.previousBlock,
    previousSentenceStart: previousSentenceStart(text, p.sentence.start, p.block.start),
    rank: p.rank,
    scareShaped: p.scareShaped,
    embedded: p.embedded,
    words: q.text.split(/\s+/).length,
  };
  const from = Math.max(p.block.start, facts.previousSentenceStart);
  const to = Math.min(p.block.end, p.sentence.end);
  for (const m of [...ctx.persons, ...ctx.organizations]) {
    if (m.span.start >= from && m.span.end <= to && (m.span.end <= q.span.start || m.span.start >= q.span.end)) set.add({ name: m.text, span: m.span }, 'mention');
  }
  const lastWord = (name: string): string =>
    (
      name
        .toLowerCase()
        .replace(/[’']s$/, '')
        .match(/[\p{L}\-]+/gu) ?? ['']
    ).pop()!;
  const salience = (name: string): number => {
    const key = lastWord(name);
    let n = 0;
    for (const m of ctx.persons) if (lastWord(m.text) === key) n++;
    for (const m of ctx.organizations) if (lastWord(m.text) === key) n++;
    return n;
  };
  const candidates: Candidate[] = set.entries().map(({ speaker, sources }) => ({ speaker, features: candidateFeatures(ctx, facts, speaker, sources, salience(speaker.name)) }));
  // Always recorded for training; offered only where the model allows it.
  if (recorder || NULL_RANKS.has(p.rank) || !candidates.length) candidates.push({ speaker: null, features: candidateFeatures(ctx, facts, null, new Set(), 0) });
  if (!ruleSpeaker) candidates.unshift(candidates.pop()!);
  recorder?.(text, facts, candidates);
  return decides ? chooseCandidate(candidates).speaker : ruleSpeaker;
}
