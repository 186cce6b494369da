import type { SemanticTokens, SemanticTokensDelta, SemanticTokensDeltaParams, SemanticTokensParams, SemanticTokensRangeParams } from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type NewsLensSettings } from '../protocol';
import { computeTokens, encode, encodeByArticle, tokensEdit, type EncodedTokens, type Token } from './tokenPieces';
import { guard, type ServerContext } from '../context';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

/** The tokens of a whole view, as one list (for ranges). */
function viewTokens(view: FileView, highlight: NewsLensSettings['highlight']): Token[] {
  return computeTokens(
    {
      mentions: view.mentions,
      dates: view.dates,
      quotes: view.quotes,
      isSpeaker: (m) => view.isSpeaker(m),
      isFirstMention: (m) => view.isFirstMention(m),
      boilerplate: view.model.boilerplate,
      lines: view.lines,
    },
    highlight,
  );
}

const tokenCache = new WeakMap<FileView, { key: string; tokens: Token[] }>();
const encodedCache = new WeakMap<FileView, { key: string; encoded: EncodedTokens }>();

/** Computes (once per version and setting) the tokens of a view, e.g. while the editor is idle. */
export function prepareTokens(view: FileView, highlight: NewsLensSettings['highlight']): void {
  encodedOf(view, highlight);
}

function tokensOf(view: FileView, highlight: NewsLensSettings['highlight']): Token[] {
  const key = JSON.stringify(highlight);
  const cached = tokenCache.get(view);
  if (cached && cached.key === key) return cached.tokens;
  const tokens = viewTokens(view, highlight);
  tokenCache.set(view, { key, tokens });
  return tokens;
}

/** The whole file's answer, built article by article (an edit computes again only the articles it touched). */
function encodedOf(view: FileView, highlight: NewsLensSettings['highlight']): EncodedTokens {
  const key = JSON.stringify(highlight);
  const cached = encodedCache.get(view);
  if (cached && cached.key === key) return cached.encoded;
  const encoded = encodeByArticle(view, highlight, key);
  encodedCache.set(view, { key, encoded });
  return encoded;
}

/**
 * Semantic tokens (full, range and delta) for people, places, organizations, dates and quotations.
 * Keeps each document's last answer, which a delta request is computed against.
 */
export class SemanticTokensProvider {
  private nextId = 1;
  private readonly previous = new Map<string, { id: string; encoded: EncodedTokens }>();

  constructor(private readonly workspace: Workspace) {}

  async full(params: SemanticTokensParams): Promise<SemanticTokens> {
    const now = await this.answer(params);
    return now ? { resultId: now.resultId, data: now.encoded.toArray() } : { data: [] };
  }

  async delta(params: SemanticTokensDeltaParams): Promise<SemanticTokens | SemanticTokensDelta> {
    const before = this.previous.get(params.textDocument.uri);
    const now = await this.answer(params);
    if (!now) return { data: [] };
    if (!before || before.id !== params.previousResultId) return { resultId: now.resultId, data: now.encoded.toArray() };
    // One edit: the common prefix and suffix of the two answers stay.
    const edit = tokensEdit(before.encoded, now.encoded);
    return { resultId: now.resultId, edits: edit ? [edit] : [] };
  }

  /** The newest tokens of a document, remembered as its last answer (what the next delta is computed against). */
  private async answer(params: SemanticTokensParams): Promise<{ resultId: string; encoded: EncodedTokens } | undefined> {
    const uri = params.textDocument.uri;
    const view = await this.workspace.viewOf(uri);
    if (!view) return undefined;
    const settings = await this.workspace.settings.get(uri);
    const encoded = encodedOf(view, settings.highlight);
    const resultId = String(this.nextId++);
    this.previous.set(uri, { id: resultId, encoded });
    if (this.previous.size > 500) this.previous.delete(this.previous.keys().next().value as string);
    return { resultId, encoded };
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
