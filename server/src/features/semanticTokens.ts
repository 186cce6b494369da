import type { SemanticTokens, SemanticTokensDelta, SemanticTokensDeltaParams, SemanticTokensParams, SemanticTokensRangeParams } from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type NewsLensSettings } from '../protocol';
import { quotationKind } from '../core/model';
import { guard, type ServerContext } from '../context';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

const TYPE = Object.fromEntries(SEMANTIC_TOKEN_TYPES.map((t, i) => [t, i])) as Record<(typeof SEMANTIC_TOKEN_TYPES)[number], number>;
const MODIFIER = Object.fromEntries(SEMANTIC_TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Record<(typeof SEMANTIC_TOKEN_MODIFIERS)[number], number>;

interface Token {
  readonly line: number;
  readonly char: number;
  readonly length: number;
  readonly type: number;
  readonly modifiers: number;
}

interface Piece {
  readonly start: number;
  readonly end: number;
  readonly type: number;
  readonly modifiers: number;
}

/**
 * The tokens of one view, computed once per version and setting: mentions and dates, and quotations
 * around them (a quotation is cut where a name or date inside it is highlighted, and per line), so
 * tokens never overlap and never span lines.
 */
function computeTokens(view: FileView, highlight: NewsLensSettings['highlight']): Token[] {
  const atoms: Piece[] = [];
  if (highlight.person || highlight.place || highlight.organization) {
    for (const m of view.mentions) {
      if (!highlight[m.kind]) continue;
      let modifiers = 0;
      if (view.isSpeaker(m)) modifiers |= MODIFIER.speaker;
      if (view.isFirstMention(m)) modifiers |= MODIFIER.firstMention;
      atoms.push({ start: m.span.start, end: m.span.end, type: TYPE[m.kind], modifiers });
    }
  }
  if (highlight.date) for (const d of view.dates) atoms.push({ start: d.span.start, end: d.span.end, type: TYPE.date, modifiers: 0 });
  atoms.sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: Piece[] = [];
  let lastEnd = -1;
  for (const a of atoms) {
    if (a.start < lastEnd || a.end <= a.start) continue;
    pieces.push(a);
    lastEnd = a.end;
  }
  // Nothing is highlighted in boilerplate (a correction may add a name there; the machine never does).
  const inBoilerplate = boilerplateTest(view);
  if (inBoilerplate) {
    const kept = pieces.filter((p) => !inBoilerplate(p.start, p.end));
    pieces.length = 0;
    pieces.push(...kept);
  }
  if (highlight.quote) {
    const quotePieces: Piece[] = [];
    let atom = 0;
    let covered = -1;
    for (const q of view.quotes) {
      if (inBoilerplate?.(q.span.start, q.span.end)) continue;
      const kind = quotationKind(q);
      const modifiers = kind === 'scare' ? MODIFIER.scare : kind === 'partial' ? MODIFIER.partial : 0;
      let at = Math.max(q.span.start, covered);
      while (atom < pieces.length && pieces[atom].end <= at) atom++;
      for (let i = atom; i < pieces.length && pieces[i].start < q.span.end; i++) {
        if (pieces[i].start > at) quotePieces.push({ start: at, end: pieces[i].start, type: TYPE.quote, modifiers });
        at = Math.max(at, pieces[i].end);
      }
      if (at < q.span.end) quotePieces.push({ start: at, end: q.span.end, type: TYPE.quote, modifiers });
      covered = Math.max(covered, q.span.end);
    }
    pieces.push(...quotePieces);
    pieces.sort((a, b) => a.start - b.start);
  }
  const tokens: Token[] = [];
  for (const p of pieces) {
    // One token per line: clients without multi-line token support drop the rest.
    let start = p.start;
    while (start < p.end) {
      const pos = view.lines.positionAt(start);
      const lineEnd = Math.min(p.end, view.lines.lineEndOffset(pos.line));
      if (lineEnd > start) tokens.push({ line: pos.line, char: pos.character, length: lineEnd - start, type: p.type, modifiers: p.modifiers });
      if (pos.line + 1 >= view.lines.lineCount) break;
      start = Math.max(lineEnd, view.lines.lineStartOffset(pos.line + 1));
    }
  }
  return tokens;
}

/** Whether a span overlaps a boilerplate block (binary search over the sorted blocks); undefined when the file has none. */
function boilerplateTest(view: FileView): ((start: number, end: number) => boolean) | undefined {
  const blocks = view.model.boilerplate;
  if (!blocks.length) return undefined;
  return (start, end) => {
    let lo = 0;
    let hi = blocks.length;
    // The first block that ends after `start`.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid].span.end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < blocks.length && blocks[lo].span.start < end;
  };
}

function encode(tokens: readonly Token[]): number[] {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of tokens) {
    data.push(t.line - line, t.line === line ? t.char - char : t.char, t.length, t.type, t.modifiers);
    line = t.line;
    char = t.char;
  }
  return data;
}

const tokenCache = new WeakMap<FileView, { key: string; tokens: Token[] }>();

/** Computes (once per version and setting) the tokens of a view, e.g. while the editor is idle. */
export function prepareTokens(view: FileView, highlight: NewsLensSettings['highlight']): void {
  tokensOf(view, highlight);
}

function tokensOf(view: FileView, highlight: NewsLensSettings['highlight']): Token[] {
  const key = JSON.stringify(highlight);
  const cached = tokenCache.get(view);
  if (cached && cached.key === key) return cached.tokens;
  const tokens = computeTokens(view, highlight);
  tokenCache.set(view, { key, tokens });
  return tokens;
}

/**
 * Semantic tokens (full, range and delta) for people, places, organizations, dates and quotations.
 * Keeps each document's last answer, which a delta request is computed against.
 */
export class SemanticTokensProvider {
  private nextId = 1;
  private readonly previous = new Map<string, { id: string; data: number[] }>();

  constructor(private readonly workspace: Workspace) {}

  async full(params: SemanticTokensParams): Promise<SemanticTokens> {
    const uri = params.textDocument.uri;
    const view = await this.workspace.viewOf(uri);
    if (!view) return { data: [] };
    const settings = await this.workspace.settings.get(uri);
    const data = encode(tokensOf(view, settings.highlight));
    const resultId = String(this.nextId++);
    this.previous.set(uri, { id: resultId, data });
    if (this.previous.size > 500) this.previous.delete(this.previous.keys().next().value as string);
    return { resultId, data };
  }

  async delta(params: SemanticTokensDeltaParams): Promise<SemanticTokens | SemanticTokensDelta> {
    const before = this.previous.get(params.textDocument.uri);
    const now = await this.full(params);
    if (!before || before.id !== params.previousResultId) return now;
    // One edit: the common prefix and suffix of the two arrays stay.
    const a = before.data;
    const b = now.data;
    let prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
    let suffix = 0;
    while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
    if (prefix === a.length && prefix === b.length) return { resultId: now.resultId, edits: [] };
    return { resultId: now.resultId, edits: [{ start: prefix, deleteCount: a.length - prefix - suffix, data: b.slice(prefix, b.length - suffix) }] };
  }

  async range(params: SemanticTokensRangeParams): Promise<SemanticTokens> {
    // A document just opened: only the articles in the range are analysed first, the rest after.
    const uri = params.textDocument.uri;
    const { store } = this.workspace;
    const view = store.isOpen(uri) ? await store.rangeView(uri, params.range) : await this.workspace.viewOf(uri);
    if (!view) return { data: [] };
    const settings = await this.workspace.settings.get(uri);
    const { start, end } = params.range;
    const inRange = tokensOf(view, settings.highlight).filter(
      (t) => (t.line > start.line || (t.line === start.line && t.char + t.length > start.character)) && (t.line < end.line || (t.line === end.line && t.char < end.character)),
    );
    return { data: encode(inRange) };
  }
}

export function registerSemanticTokens(context: ServerContext): void {
  const provider = new SemanticTokensProvider(context.workspace);
  const languages = context.connection.languages.semanticTokens;
  languages.on(guard(context, 'semanticTokens/full', (params: SemanticTokensParams) => provider.full(params)));
  languages.onDelta(guard(context, 'semanticTokens/full/delta', (params: SemanticTokensDeltaParams) => provider.delta(params)));
  languages.onRange(guard(context, 'semanticTokens/range', (params: SemanticTokensRangeParams) => provider.range(params)));
}
