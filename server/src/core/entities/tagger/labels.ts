import type { EntityKind, Span } from '../../model';

/** Per token, the label of the mention (from `mentions`, sorted, not overlapping) that holds it. */
export function labelsFromMentions(tokens: readonly { start: number; end: number }[], mentions: readonly { span: Span; kind: EntityKind }[]): Uint8Array {
  const labels = new Uint8Array(tokens.length);
  const base: Record<EntityKind, number> = { person: 1, place: 3, organization: 5 };
  // The first mention that may hold the first token (binary search: mentions are sorted and apart).
  let lo = 0;
  let hi = mentions.length;
  const first = tokens.length ? tokens[0].start : 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].span.end <= first) lo = mid + 1;
    else hi = mid;
  }
  let m = lo;
  let opened = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    while (m < mentions.length && mentions[m].span.end <= t.start) m++;
    const mention = mentions[m];
    if (!mention || mention.span.start >= t.end) continue;
    labels[i] = base[mention.kind] + (opened === m ? 1 : 0);
    opened = m;
  }
  return labels;
}
