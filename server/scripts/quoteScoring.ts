/**
 * How PolNeAR's listed quotations and sources are compared with ours, defined once for the speaker ranker's
 * training (trainQuotes.ts) and both quotation evals (test/eval/quotes.ts, quotesCli.ts): a trained model and
 * the figures that judge it must agree on what "right" means.
 */
import type { Span } from '../src/core/model';

export function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** A found quotation matches a listed one when they share at least half of either's content. */
export function quoteMatches(found: Span, gold: Span): boolean {
  const shared = overlap(found, gold);
  return shared > 0 && (shared >= 0.5 * (gold.end - gold.start) || shared >= 0.5 * (found.end - found.start));
}

/** Listed sources that are no name (pronouns, relatives, PolNeAR's placeholders): not scored as named speakers. */
export const PRONOUN_SOURCE = /^(?:he|she|they|it|i|we|you|who|which|that|this|him|her|them|one|these|those|null|says|said)$/i;
const STOP_TOKENS = new Set(['the', 'a', 'an', 'mr', 'ms', 'mrs', 'dr', 'of', 'for', 'and', 's', 'to', 'in', 'on', 'at', 'by', 'with', 'from']);

export function isNamedSource(speaker: string | null): boolean {
  return speaker !== null && !PRONOUN_SOURCE.test(speaker.trim());
}

function tokensOf(name: string): string[] {
  return name
    .split(',')[0]
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t && !STOP_TOKENS.has(t));
}

/** Speaker names agree when each one's head word (last word before any comma) appears in the other. */
export function speakerNamesAgree(predicted: string, gold: string): boolean {
  const p = tokensOf(predicted);
  const g = tokensOf(gold);
  return p.length > 0 && g.length > 0 && g.includes(p[p.length - 1]) && p.includes(g[g.length - 1]);
}
