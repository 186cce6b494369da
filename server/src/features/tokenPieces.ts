/**
 * The semantic tokens of a stretch of a document (a whole file, or one article), and the encoded answer
 * built article by article: after an edit only the articles it touched are computed again, and a delta
 * against the last answer compares whole unchanged articles by identity.
 */
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type NewsLensSettings } from '../protocol';
import { articleContent } from '../core/articleAssembly';
import type { LineIndex } from '../core/lineIndex';
import { quotationKind, type AnalyzedArticle, type BoilerplateBlock, type DateMention, type LinkedMention, type LinkedQuotation } from '../core/model';
import type { FileView } from '../workspace/fileView';

const TYPE = Object.fromEntries(SEMANTIC_TOKEN_TYPES.map((t, i) => [t, i])) as Record<(typeof SEMANTIC_TOKEN_TYPES)[number], number>;
const MODIFIER = Object.fromEntries(SEMANTIC_TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Record<(typeof SEMANTIC_TOKEN_MODIFIERS)[number], number>;

export interface Token {
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

/** What the tokens of a stretch are made of: its mentions, dates and quotations, each sorted by start. */
export interface TokenSources {
  readonly mentions: readonly LinkedMention[];
  readonly dates: readonly DateMention[];
  readonly quotes: readonly LinkedQuotation[];
  readonly isSpeaker: (m: LinkedMention) => boolean;
  readonly isFirstMention: (m: LinkedMention) => boolean;
  /** The boilerplate blocks, sorted (nothing is highlighted in them). */
  readonly boilerplate: readonly BoilerplateBlock[];
  readonly lines: LineIndex;
}

/**
 * Mentions and dates, and quotations around them (a quotation is cut where a name or date inside it is
 * highlighted, and per line), so tokens never overlap and never span lines.
 */
export function computeTokens(sources: TokenSources, highlight: NewsLensSettings['highlight']): Token[] {
  const atoms: Piece[] = [];
  if (highlight.person || highlight.place || highlight.organization) {
    for (const m of sources.mentions) {
      if (!highlight[m.kind]) continue;
      let modifiers = 0;
      if (sources.isSpeaker(m)) modifiers |= MODIFIER.speaker;
      if (sources.isFirstMention(m)) modifiers |= MODIFIER.firstMention;
      atoms.push({ start: m.span.start, end: m.span.end, type: TYPE[m.kind], modifiers });
    }
  }
  if (highlight.date) for (const d of sources.dates) atoms.push({ start: d.span.start, end: d.span.end, type: TYPE.date, modifiers: 0 });
  atoms.sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: Piece[] = [];
  let lastEnd = -1;
  for (const a of atoms) {
    if (a.start < lastEnd || a.end <= a.start) continue;
    pieces.push(a);
    lastEnd = a.end;
  }
  // Nothing is highlighted in boilerplate (a correction may add a name there; the machine never does).
  const inBoilerplate = boilerplateTest(sources.boilerplate);
  if (inBoilerplate) {
    const kept = pieces.filter((p) => !inBoilerplate(p.start, p.end));
    pieces.length = 0;
    pieces.push(...kept);
  }
  if (highlight.quote) {
    const quotePieces: Piece[] = [];
    let atom = 0;
    let covered = -1;
    for (const q of sources.quotes) {
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
  const { lines } = sources;
  const tokens: Token[] = [];
  for (const p of pieces) {
    // One token per line: clients without multi-line token support drop the rest.
    let start = p.start;
    while (start < p.end) {
      const pos = lines.positionAt(start);
      const lineEnd = Math.min(p.end, lines.lineEndOffset(pos.line));
      if (lineEnd > start) tokens.push({ line: pos.line, char: pos.character, length: lineEnd - start, type: p.type, modifiers: p.modifiers });
      if (pos.line + 1 >= lines.lineCount) break;
      start = Math.max(lineEnd, lines.lineStartOffset(pos.line + 1));
    }
  }
  return tokens;
}

/** The first block that ends after `start` (binary search over sorted blocks). */
function firstBlockEndingAfter(blocks: readonly BoilerplateBlock[], start: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].span.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a span overlaps a boilerplate block; undefined when there is none. */
function boilerplateTest(blocks: readonly BoilerplateBlock[]): ((start: number, end: number) => boolean) | undefined {
  if (!blocks.length) return undefined;
  return (start, end) => {
    const lo = firstBlockEndingAfter(blocks, start);
    return lo < blocks.length && blocks[lo].span.start < end;
  };
}

/** Tokens in LSP's relative encoding, from line 0 character 0. */
export function encode(tokens: readonly Token[], line = 0, char = 0): number[] {
  const data: number[] = [];
  for (const t of tokens) {
    data.push(t.line - line, t.line === line ? t.char - char : t.char, t.length, t.type, t.modifiers);
    line = t.line;
    char = t.char;
  }
  return data;
}

/**
 * One article's part of an answer: its tokens encoded from the line it starts on (so they stay valid
 * while the article only moves), and the first token's place made relative to the token before it.
 */
interface Chunk {
  /** Encoded relative to (article's first line, character 0). */
  readonly data: readonly number[];
  /** The first token's line and character as the answer encodes them (after the previous chunk's last token). */
  readonly line: number;
  readonly char: number;
}

/** An encoded answer, held article by article; `toArray` gives LSP's flat array. */
export class EncodedTokens {
  constructor(
    readonly chunks: readonly Chunk[],
    readonly length: number,
  ) {}

  toArray(): number[] {
    const out = new Array<number>(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out[at] = c.line;
      out[at + 1] = c.char;
      for (let i = 2; i < c.data.length; i++) out[at + i] = c.data[i];
      at += c.data.length;
    }
    return out;
  }
}

function sameChunk(a: Chunk, b: Chunk): boolean {
  return a.data === b.data && a.line === b.line && a.char === b.char;
}

function valueAt(c: Chunk, i: number): number {
  return i === 0 ? c.line : i === 1 ? c.char : c.data[i];
}

/** The one edit that turns `before` into `after` (common prefix and suffix kept), or null when they are equal. */
export function tokensEdit(before: EncodedTokens, after: EncodedTokens): { start: number; deleteCount: number; data: number[] } | null {
  const a = before.chunks;
  const b = after.chunks;
  // Whole unchanged chunks first (the same cached article data at the same place), then number by number.
  let ca = 0;
  let prefix = 0;
  while (ca < a.length && ca < b.length && sameChunk(a[ca], b[ca])) prefix += a[ca++].data.length;
  let ea = a.length;
  let eb = b.length;
  let suffix = 0;
  while (ea > ca && eb > ca && sameChunk(a[ea - 1], b[eb - 1])) {
    suffix += a[ea - 1].data.length;
    ea--;
    eb--;
  }
  const flatA = flatten(a, ca, ea);
  const flatB = flatten(b, ca, eb);
  let p = 0;
  while (p < flatA.length && p < flatB.length && flatA[p] === flatB[p]) p++;
  let s = 0;
  while (s < flatA.length - p && s < flatB.length - p && flatA[flatA.length - 1 - s] === flatB[flatB.length - 1 - s]) s++;
  if (p === flatA.length && p === flatB.length) return null;
  prefix += p;
  suffix += s;
  return { start: prefix, deleteCount: before.length - prefix - suffix, data: flatB.slice(p, flatB.length - s) };
}

function flatten(chunks: readonly Chunk[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) for (let i = 0; i < chunks[k].data.length; i++) out.push(valueAt(chunks[k], i));
  return out;
}

/** One article's tokens encoded from (its first line, character 0), and where its last token is relative to that line. */
interface ArticleTokens {
  readonly key: string;
  readonly data: readonly number[];
  readonly lastLine: number;
  readonly lastChar: number;
}

/** Per article content (see `articleContent`): its tokens, for the settings and surroundings they were computed with. */
const articleTokens = new WeakMap<object, ArticleTokens>();

function articleTokensOf(key: string, tokens: readonly Token[], baseLine: number): ArticleTokens {
  const last = tokens[tokens.length - 1];
  return { key, data: encode(tokens, baseLine, 0), lastLine: last ? last.line - baseLine : 0, lastChar: last ? last.char : 0 };
}

/**
 * The whole file's tokens, article by article. An article assembled as in an earlier version (the same
 * content object), at the same column, with the same first mentions, boilerplate and settings, reuses its
 * tokens. The same numbers as encoding `computeTokens` over the whole view.
 */
export function encodeByArticle(view: FileView, highlight: NewsLensSettings['highlight'], highlightKey: string): EncodedTokens {
  const { lines } = view;
  const blocks = view.model.boilerplate;
  const seen = new Set<string>();
  const chunks: Chunk[] = [];
  let length = 0;
  let line = 0;
  let char = 0;
  for (const article of view.model.articles) {
    const firsts = firstMentionsIn(article, seen);
    const start = article.span.start;
    const base = lines.positionAt(start);
    let inside = '';
    for (let k = firstBlockEndingAfter(blocks, start); k < blocks.length && blocks[k].span.start < article.span.end; k++) inside += `${blocks[k].span.start - start}-${blocks[k].span.end - start},`;
    const key = `${highlightKey}|${base.character}|${inside}|${[...firsts.keys()].join(',')}`;
    const content = articleContent(article);
    let tokens = content && articleTokens.get(content);
    if (tokens?.key !== key) {
      tokens = articleTokensOf(key, computeTokens(articleSources(view, article, new Set(firsts.values())), highlight), base.line);
      if (content) articleTokens.set(content, tokens);
    }
    const { data } = tokens;
    if (!data.length) continue;
    // The chunk's data start from (article's first line, 0): its first token's place after the previous token.
    const firstLine = base.line + data[0];
    chunks.push({ data, line: firstLine - line, char: firstLine === line ? data[1] - char : data[1] });
    length += data.length;
    line = base.line + tokens.lastLine;
    char = tokens.lastChar;
  }
  return new EncodedTokens(chunks, length);
}

/**
 * The article's mentions that are the first of their entity in the file (`seen`: the entities of the
 * articles before), by their index in the article, in index order.
 */
function firstMentionsIn(article: AnalyzedArticle, seen: Set<string>): Map<number, LinkedMention> {
  const best = new Map<string, number>();
  const mentions = article.mentions;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (seen.has(m.entityId)) continue;
    const b = best.get(m.entityId);
    if (b === undefined || m.span.start < mentions[b].span.start || (m.span.start === mentions[b].span.start && m.span.end > mentions[b].span.end)) best.set(m.entityId, i);
  }
  for (const id of best.keys()) seen.add(id);
  const indexes = [...best.values()].sort((a, b) => a - b);
  return new Map(indexes.map((i) => [i, mentions[i]]));
}

function articleSources(view: FileView, article: AnalyzedArticle, firsts: ReadonlySet<LinkedMention>): TokenSources {
  const speakers = new Set(article.quotes.filter((q) => !q.scare && q.speakerSpan).map((q) => `${q.speakerSpan!.start}:${q.speakerSpan!.end}`));
  return {
    mentions: [...article.mentions].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end),
    dates: [...article.dates].sort((a, b) => a.span.start - b.span.start),
    quotes: [...article.quotes].sort((a, b) => a.span.start - b.span.start),
    isSpeaker: (m) => speakers.has(`${m.span.start}:${m.span.end}`),
    isFirstMention: (m) => firsts.has(m),
    boilerplate: view.model.boilerplate,
    lines: view.lines,
  };
}
