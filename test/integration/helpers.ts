/** Shared helpers of the integration suite: seeds, the ready signal, bounded waits, token decoding. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'news-lens.news-lens';
export const LANGUAGE_ID = 'news-article';

/** Rejects with a clear message when `promise` does not settle within `ms`. */
export async function withTimeout<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Re-runs `check` until it stops throwing, at most `ms`; rethrows its last error. For state that
 * settles asynchronously after an event we cannot subscribe to (e.g. tokens refreshed after a correction).
 */
export async function eventually<T>(check: () => Promise<T> | T, ms: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Seeds are found in the opened workspace (a copy of `seeds/`), by their numeric prefix, e.g. `004`. */
export async function seedUri(prefix: string): Promise<vscode.Uri> {
  const found = await vscode.workspace.findFiles(`**/seeds/${prefix}_*.txt`);
  assert.equal(found.length, 1, `expected one seed ${prefix}_*.txt in the workspace, found ${found.length}`);
  return found[0];
}

export async function allSeedUris(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles('**/seeds/*.txt');
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

export function seedName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export async function openSeed(prefix: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(await seedUri(prefix));
  return vscode.window.showTextDocument(document, { preview: false });
}

let ready: Promise<void> | undefined;

/** Figures measured in the real host, written into the integration report (the benchmark reads them). */
export const metrics: { activationMs?: number; activationNote?: string; readyMs?: number } = {};

/**
 * The extension's ready signal: the command `newsLens.whenReady` resolves once the language
 * client runs and the first workspace index is built. Opening a seed activates the extension.
 */
export function whenExtensionReady(): Promise<void> {
  ready ??= (async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    // Activation time as VS Code spends it (module load + activate(), which starts the client),
    // measurable only when nothing activated the extension before the suite started.
    if (extension.isActive) {
      metrics.activationNote = 'already active when the suite started (activated by a startup event)';
    } else {
      const started = performance.now();
      await withTimeout(extension.activate(), 30_000, `activation of ${EXTENSION_ID}`);
      metrics.activationMs = Math.round(performance.now() - started);
    }
    const readyStarted = performance.now();
    await openSeed('004');
    await withTimeout(extension.activate(), 30_000, `activation of ${EXTENSION_ID}`);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('newsLens.whenReady'), 'the extension registers no command newsLens.whenReady (the ready signal)');
    await withTimeout(vscode.commands.executeCommand('newsLens.whenReady'), 60_000, 'newsLens.whenReady');
    metrics.readyMs = Math.round(performance.now() - readyStarted);
  })();
  return ready;
}

/** The position of the `occurrence`-th (0-based) `needle` on 0-based `line`, plus `offsetInNeedle`. */
export function positionOf(document: vscode.TextDocument, line: number, needle: string, offsetInNeedle = 0, occurrence = 0): vscode.Position {
  const text = document.lineAt(line).text;
  let column = -1;
  for (let i = 0; i <= occurrence; i++) {
    column = text.indexOf(needle, column + 1);
    assert.ok(column >= 0, `"${needle}" (occurrence ${occurrence}) not on line ${line + 1} of ${seedName(document.uri)}: ${text.slice(0, 120)}`);
  }
  return new vscode.Position(line, column + offsetInNeedle);
}

export function rangeOf(document: vscode.TextDocument, line: number, needle: string, occurrence = 0): vscode.Range {
  const start = positionOf(document, line, needle, 0, occurrence);
  return new vscode.Range(start, start.translate(0, needle.length));
}

/** All hover contents as text: Markdown source with its backslash escapes removed (`al\-Assad` → `al-Assad`). */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

export interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

/** Decodes LSP-style relative semantic token data with the provider's legend. */
export function decodeTokens(tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend): DecodedToken[] {
  const decoded: DecodedToken[] = [];
  const data = tokens.data;
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    const deltaLine = data[i];
    line += deltaLine;
    character = deltaLine === 0 ? character + data[i + 1] : data[i + 1];
    const modifierBits = data[i + 4];
    decoded.push({
      line,
      character,
      length: data[i + 2],
      type: legend.tokenTypes[data[i + 3]] ?? `#${data[i + 3]}`,
      modifiers: legend.tokenModifiers.filter((_, bit) => (modifierBits & (1 << bit)) !== 0),
    });
  }
  return decoded;
}

export async function semanticTokens(uri: vscode.Uri): Promise<DecodedToken[]> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', uri);
  assert.ok(legend, 'no semantic tokens legend for a news-article document');
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', uri);
  assert.ok(tokens, 'no semantic tokens for a news-article document');
  return decodeTokens(tokens, legend);
}

/** The tokens covering `position` (a token spans one line). */
export function tokensAt(tokens: readonly DecodedToken[], position: vscode.Position): DecodedToken[] {
  return tokens.filter((t) => t.line === position.line && t.character <= position.character && position.character < t.character + t.length);
}

export function describeTokens(tokens: readonly DecodedToken[], document: vscode.TextDocument, line: number): string {
  return tokens
    .filter((t) => t.line === line)
    .map((t) => `${t.type}${t.modifiers.length ? `[${t.modifiers.join(',')}]` : ''} "${document.lineAt(t.line).text.slice(t.character, t.character + t.length)}"`)
    .join(', ');
}

/** Skips the running test with a reason the report shows. */
export function skipWithReason(context: Mocha.Context, reason: string): never {
  if (context.test) (context.test as Mocha.Runnable & { skipReason?: string }).skipReason = reason;
  console.log(`  skipped: ${reason}`);
  context.skip();
}

export async function hasCommand(id: string): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(id);
}
