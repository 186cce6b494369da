import type { AttributeValue } from './records';

/**
 * Inter-annotator agreement between two annotators' labelled spans, and the units curation walks.
 * Span F1 per label (exact: same start, end and label; overlap: same label and overlapping, matched one
 * to one), and Cohen's kappa over token labels (each token takes the label of the span covering it, or
 * `O`). Only files both annotators labelled count (a file one of them never opened is not a disagreement).
 */

export interface LabelledSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  /** The record it came from (curation copies its attributes). */
  readonly id?: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

export interface FileSpans {
  readonly file: string;
  readonly text: string;
  readonly a: readonly LabelledSpan[];
  readonly b: readonly LabelledSpan[];
}

export interface SpanScore {
  matched: number;
  /** Of B's spans, the share A has too (A taken as reference). */
  precision: number;
  /** Of A's spans, the share B has too. */
  recall: number;
  f1: number;
}

export interface LabelAgreement {
  label: string;
  a: number;
  b: number;
  exact: SpanScore;
  overlap: SpanScore;
}

export interface Disagreement {
  /** `file@start-end`: stable while the spans are. */
  id: string;
  file: string;
  start: number;
  end: number;
  text: string;
  kind: 'label' | 'boundary' | 'only-a' | 'only-b';
  a: LabelledSpan[];
  b: LabelledSpan[];
}

export interface AgreementReport {
  a: string;
  b: string;
  /** Files both annotated (the ones compared), and files only one of them annotated. */
  files: number;
  onlyA: string[];
  onlyB: string[];
  labels: LabelAgreement[];
  /** Every label together (micro-averaged). */
  all: { a: number; b: number; exact: SpanScore; overlap: SpanScore };
  kappa: { tokens: number; observed: number; expected: number; kappa: number | null };
  disagreements: Disagreement[];
}

function score(matched: number, a: number, b: number): SpanScore {
  return { matched, precision: b ? matched / b : a ? 0 : 1, recall: a ? matched / a : b ? 0 : 1, f1: a + b ? (2 * matched) / (a + b) : 1 };
}

const key = (s: LabelledSpan) => `${s.start}:${s.end}:${s.label}`;

function exactMatches(a: readonly LabelledSpan[], b: readonly LabelledSpan[]): number {
  const keys = new Set(b.map(key));
  return a.filter((s) => keys.has(key(s))).length;
}

/** One-to-one, same label, overlapping: exact pairs first, then each A span takes the first free B span it overlaps. */
function overlapMatches(a: readonly LabelledSpan[], b: readonly LabelledSpan[]): number {
  const used = new Set<number>();
  let matched = 0;
  const free = a.filter((s) => {
    const i = b.findIndex((t, j) => !used.has(j) && key(t) === key(s));
    if (i < 0) return true;
    used.add(i);
    matched++;
    return false;
  });
  for (const s of free) {
    const i = b.findIndex((t, j) => !used.has(j) && t.label === s.label && t.start < s.end && s.start < t.end);
    if (i >= 0) {
      used.add(i);
      matched++;
    }
  }
  return matched;
}

/** Tokens: runs of letters and digits, or one other non-space character. */
const TOKEN = /[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

export function tokenLabels(text: string, spans: readonly LabelledSpan[]): string[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end);
  const labels: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    labels.push(sorted.find((s) => s.start < end && start < s.end)?.label ?? 'O');
  }
  return labels;
}

/** Clusters of spans that overlap (A and B together), in text order. */
function clusters(a: readonly LabelledSpan[], b: readonly LabelledSpan[]): { start: number; end: number; a: LabelledSpan[]; b: LabelledSpan[] }[] {
  const all = [...a.map((s) => ({ s, side: 'a' as const })), ...b.map((s) => ({ s, side: 'b' as const }))].sort((x, y) => x.s.start - y.s.start || x.s.end - y.s.end);
  const out: { start: number; end: number; a: LabelledSpan[]; b: LabelledSpan[] }[] = [];
  for (const { s, side } of all) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last[side].push(s);
    } else out.push({ start: s.start, end: s.end, a: side === 'a' ? [s] : [], b: side === 'b' ? [s] : [] });
  }
  return out;
}

/** Where the two annotators differ in one file: each overlapping cluster whose spans are not the same. */
export function disagreementsOf(file: string, text: string, a: readonly LabelledSpan[], b: readonly LabelledSpan[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const c of clusters(a, b)) {
    const ka = c.a.map(key).sort().join('|');
    const kb = c.b.map(key).sort().join('|');
    if (ka === kb) continue;
    const bounds = (list: LabelledSpan[]) =>
      list
        .map((s) => `${s.start}:${s.end}`)
        .sort()
        .join('|');
    const kind = !c.b.length ? 'only-a' : !c.a.length ? 'only-b' : bounds(c.a) === bounds(c.b) ? 'label' : 'boundary';
    out.push({ id: `${file}@${c.start}-${c.end}`, file, start: c.start, end: c.end, text: text.slice(c.start, c.end), kind, a: c.a, b: c.b });
  }
  return out;
}

export function agreement(nameA: string, nameB: string, files: readonly FileSpans[]): AgreementReport {
  const both = files.filter((f) => f.a.length && f.b.length);
  const labels = [...new Set(both.flatMap((f) => [...f.a, ...f.b].map((s) => s.label)))].sort();
  const perLabel: LabelAgreement[] = labels.map((label) => {
    let na = 0;
    let nb = 0;
    let exact = 0;
    let overlap = 0;
    for (const f of both) {
      const a = f.a.filter((s) => s.label === label);
      const b = f.b.filter((s) => s.label === label);
      na += a.length;
      nb += b.length;
      exact += exactMatches(a, b);
      overlap += overlapMatches(a, b);
    }
    return { label, a: na, b: nb, exact: score(exact, na, nb), overlap: score(overlap, na, nb) };
  });
  const sum = (f: (l: LabelAgreement) => number) => perLabel.reduce((n, l) => n + f(l), 0);
  const na = sum((l) => l.a);
  const nb = sum((l) => l.b);
  let tokens = 0;
  let agreeing = 0;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (const f of both) {
    const ta = tokenLabels(f.text, f.a);
    const tb = tokenLabels(f.text, f.b);
    for (let i = 0; i < ta.length; i++) {
      tokens++;
      if (ta[i] === tb[i]) agreeing++;
      countA.set(ta[i], (countA.get(ta[i]) ?? 0) + 1);
      countB.set(tb[i], (countB.get(tb[i]) ?? 0) + 1);
    }
  }
  const observed = tokens ? agreeing / tokens : 0;
  let expected = 0;
  for (const [label, n] of countA) expected += (n / tokens) * ((countB.get(label) ?? 0) / tokens);
  // Kappa is undefined when chance agreement is certain (both used one label only).
  const kappa = tokens && expected < 1 ? (observed - expected) / (1 - expected) : null;
  return {
    a: nameA,
    b: nameB,
    files: both.length,
    onlyA: files.filter((f) => f.a.length && !f.b.length).map((f) => f.file),
    onlyB: files.filter((f) => !f.a.length && f.b.length).map((f) => f.file),
    labels: perLabel,
    all: {
      a: na,
      b: nb,
      exact: score(
        sum((l) => l.exact.matched),
        na,
        nb,
      ),
      overlap: score(
        sum((l) => l.overlap.matched),
        na,
        nb,
      ),
    },
    kappa: { tokens, observed, expected, kappa },
    disagreements: both.flatMap((f) => disagreementsOf(f.file, f.text, f.a, f.b)),
  };
}

/** How one disagreement is settled: A's spans, B's, none, or spans the curator wrote. */
export type Decision = { take: 'a' } | { take: 'b' } | { take: 'none' } | { spans: LabelledSpan[] };

/**
 * The curated spans of one file: everything the two annotators agree on, plus each disagreement as
 * decided. Undecided disagreements are returned as pending (nothing of theirs is taken).
 */
export function curateFile(
  file: string,
  text: string,
  a: readonly LabelledSpan[],
  b: readonly LabelledSpan[],
  decide: (d: Disagreement) => Decision | undefined,
): { spans: LabelledSpan[]; pending: Disagreement[] } {
  const spans: LabelledSpan[] = [];
  const pending: Disagreement[] = [];
  const disagreements = new Map(disagreementsOf(file, text, a, b).map((d) => [d.start, d]));
  for (const c of clusters(a, b)) {
    const d = disagreements.get(c.start);
    if (!d) {
      spans.push(...c.a);
      continue;
    }
    const decision = decide(d);
    if (!decision) pending.push(d);
    else if ('spans' in decision) spans.push(...decision.spans);
    else if (decision.take === 'a') spans.push(...d.a);
    else if (decision.take === 'b') spans.push(...d.b);
  }
  return { spans, pending };
}
