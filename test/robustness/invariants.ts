// Invariants every analysis result and every LSP answer must keep, whatever the input.
// Each checker returns a list of violations (empty when all holds) so a failing test says exactly what broke.
import type { DocumentModel, Span } from '../../server/src/core/model';
import { LineIndex } from '../../server/src/core/lineIndex';
import { decodeSemanticTokens, type LspPosition, type LspRange } from '../support/lspHarness';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

export function checkSpan(text: string, span: Span | null | undefined, label: string, within?: Span): string[] {
  if (span == null) return [];
  const problems: string[] = [];
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) problems.push(`${label}: non-integer span ${start}..${end}`);
  else if (start < 0 || end > text.length || start > end) problems.push(`${label}: span ${start}..${end} outside 0..${text.length} or reversed`);
  else {
    if (splitsSurrogatePair(text, start)) problems.push(`${label}: start ${start} splits a surrogate pair`);
    if (splitsSurrogatePair(text, end)) problems.push(`${label}: end ${end} splits a surrogate pair`);
    if (within && (start < within.start || end > within.end)) {
      problems.push(`${label}: span ${start}..${end} not inside ${within.start}..${within.end}`);
    }
  }
  return problems;
}

/** Every span of a document model lies inside the text, on UTF-16 boundaries, inside its article. */
export function checkModel(text: string, model: DocumentModel): string[] {
  const problems: string[] = [];
  // Failures the core contained (a stage that threw, spans it dropped) are failures all the same.
  for (const e of model.analysisErrors ?? []) problems.push(`analysis error: ${e}`);
  if (model.textLength !== text.length) problems.push(`textLength ${model.textLength} != ${text.length}`);
  for (const [i, b] of model.boilerplate.entries()) problems.push(...checkSpan(text, b.span, `boilerplate[${i}]`));
  let previousEnd = 0;
  for (const [i, a] of model.articles.entries()) {
    const where = `article[${i}]`;
    problems.push(...checkSpan(text, a.span, where));
    if (a.span.start < previousEnd) problems.push(`${where}: starts at ${a.span.start}, before the previous article ends (${previousEnd})`);
    previousEnd = Math.max(previousEnd, a.span.end);
    if (a.index !== i) problems.push(`${where}: index ${a.index}`);
    problems.push(...checkSpan(text, a.headlineSpan, `${where}.headline`, a.span));
    problems.push(...checkSpan(text, a.datelineSpan, `${where}.dateline`, a.span));
    for (const [j, p] of a.paragraphs.entries()) problems.push(...checkSpan(text, p, `${where}.paragraph[${j}]`, a.span));
    for (const [j, s] of a.sections.entries()) {
      problems.push(...checkSpan(text, s.span, `${where}.section[${j}]`, a.span));
      problems.push(...checkSpan(text, s.headingSpan, `${where}.section[${j}].heading`, a.span));
    }
    for (const [j, b] of a.boilerplate.entries()) problems.push(...checkSpan(text, b.span, `${where}.boilerplate[${j}]`, a.span));
    for (const [j, m] of a.mentions.entries()) {
      const label = `${where}.mention[${j}] "${m.text}"`;
      problems.push(...checkSpan(text, m.span, label, a.span));
      if (m.span.end <= m.span.start) problems.push(`${label}: empty span`);
      if (text.slice(m.span.start, m.span.end) !== m.text) {
        problems.push(`${label}: text differs from the document's ${JSON.stringify(text.slice(m.span.start, m.span.end))}`);
      }
      if (m.article !== i) problems.push(`${label}: article ${m.article}`);
    }
    for (const [j, d] of a.dates.entries()) {
      problems.push(...checkSpan(text, d.span, `${where}.date[${j}] "${d.text}"`, a.span));
      if (d.iso !== null && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(d.iso)) problems.push(`${where}.date[${j}]: iso "${d.iso}" is not YYYY[-MM[-DD]]`);
    }
    for (const [j, q] of a.quotes.entries()) {
      const label = `${where}.quote[${j}]`;
      problems.push(...checkSpan(text, q.span, label, a.span));
      problems.push(...checkSpan(text, q.contentSpan, `${label}.content`, q.span));
      problems.push(...checkSpan(text, q.speakerSpan, `${label}.speaker`, a.span));
    }
  }
  for (const e of model.entities) {
    for (const m of e.mentions) if (m.entityId !== e.id) problems.push(`entity ${e.id}: holds a mention of ${m.entityId}`);
  }
  return problems;
}

/** Lines of a text as LSP counts them (\n, \r\n, lone \r), with their content lengths. */
export class TextLines {
  readonly index: LineIndex;
  constructor(readonly text: string) {
    this.index = new LineIndex(text);
  }
  lineLength(line: number): number {
    return this.index.lineEndOffset(line) - this.index.lineStartOffset(line);
  }
  checkPosition(p: LspPosition, label: string): string[] {
    if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return [`${label}: malformed position ${JSON.stringify(p)}`];
    if (p.line < 0 || p.line >= this.index.lineCount) return [`${label}: line ${p.line} outside 0..${this.index.lineCount - 1}`];
    const length = this.lineLength(p.line);
    if (p.character < 0 || p.character > length) return [`${label}: character ${p.character} outside line ${p.line} (length ${length})`];
    const offset = this.index.lineStartOffset(p.line) + p.character;
    if (splitsSurrogatePair(this.text, offset)) return [`${label}: ${p.line}:${p.character} splits a surrogate pair`];
    return [];
  }
  checkRange(r: LspRange, label: string): string[] {
    if (!r) return [`${label}: missing range`];
    const problems = [...this.checkPosition(r.start, `${label}.start`), ...this.checkPosition(r.end, `${label}.end`)];
    if (!problems.length && (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character))) {
      problems.push(`${label}: reversed range ${JSON.stringify(r)}`);
    }
    return problems;
  }
}

/** Semantic tokens: sorted, non-overlapping, non-empty, inside their line, on UTF-16 boundaries, types in the legend. */
export function checkSemanticTokens(text: string, data: readonly number[], typeCount: number, lines = new TextLines(text)): string[] {
  const problems: string[] = [];
  if (data.length % 5 !== 0) problems.push(`token data length ${data.length} is not a multiple of 5`);
  if (data.some((n) => !Number.isInteger(n) || n < 0)) problems.push('token data holds a negative or non-integer number');
  const tokens = decodeSemanticTokens(data);
  let previous: { line: number; end: number } | null = null;
  for (const [i, t] of tokens.entries()) {
    const label = `token[${i}] ${t.line}:${t.character}+${t.length}`;
    if (t.length <= 0) problems.push(`${label}: empty`);
    if (t.type >= typeCount) problems.push(`${label}: type ${t.type} outside the legend`);
    problems.push(...lines.checkRange({ start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + t.length } }, label));
    if (previous && t.line === previous.line && t.character < previous.end) problems.push(`${label}: overlaps the previous token (ends at ${previous.end})`);
    previous = { line: t.line, end: t.character + t.length };
    if (problems.length > 20) break;
  }
  return problems;
}

/** Every `range`/`selectionRange` found anywhere in a JSON answer (hover, symbols, custom requests). */
export function collectRanges(value: unknown, path = '$', found: { path: string; range: LspRange }[] = []): { path: string; range: LspRange }[] {
  if (Array.isArray(value)) value.forEach((v, i) => collectRanges(v, `${path}[${i}]`, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (isRange(v)) found.push({ path: `${path}.${key}`, range: v });
      else collectRanges(v, `${path}.${key}`, found);
    }
  }
  return found;
}

function isRange(v: unknown): v is LspRange {
  if (!v || typeof v !== 'object') return false;
  const r = v as Partial<LspRange>;
  return !!r.start && !!r.end && typeof r.start.line === 'number' && typeof r.end.character === 'number';
}
