// A small LSP client over stdio for the robustness tests and the benchmark: it spawns the bundled
// server (`dist/server.js --stdio`), answers the server's own requests (workspace/configuration,
// progress creation, capability registration) and exposes plain request/notify helpers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS, type LspPosition, type LspRange, type NewsLensSettings } from '../../server/src/protocol';

export type { LspPosition, LspRange };
export interface TextEdit {
  range: LspRange;
  text: string;
}

export interface SessionOptions {
  /** Absolute path of the server bundle; defaults to $NEWSLENS_TEST_SERVER, else `<repo>/dist/server.js`. */
  serverPath?: string;
  /** Folder opened as the single workspace folder, or none. */
  workspaceFolder?: string;
  /** `newsLens.*` settings answered to workspace/configuration (merged over the defaults). */
  settings?: Partial<NewsLensSettings>;
  /** Extra node flags for the server process (e.g. `--cpu-prof`). */
  execArgv?: string[];
  /** Working directory of the server process. */
  cwd?: string;
}

export interface Notification {
  method: string;
  params: unknown;
}

/** The repository root, found from this bundle's place (`out/tests/robustness`, `out/bench`) or the cwd. */
export function repoRoot(): string {
  for (const candidate of [resolve(__dirname, '../../..'), resolve(__dirname, '../..'), process.cwd()]) {
    try {
      if ((JSON.parse(readFileSync(resolve(candidate, 'package.json'), 'utf8')) as { name?: unknown }).name === 'news-lens') return candidate;
    } catch {
      // not this one
    }
  }
  return process.cwd();
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}

let testCache: string | undefined;

function testCacheHome(): string {
  return process.env.XDG_CACHE_HOME ?? (testCache ??= mkdtempSync(join(tmpdir(), 'newslens-test-cache-')));
}

export class LspSession {
  readonly notifications: Notification[] = [];
  /** Everything the server wrote to stderr (its logs; crashes show up here). */
  stderr = '';
  capabilities: Record<string, unknown> = {};
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly listeners = new Set<(n: Notification) => void>();
  private readonly settings: NewsLensSettings;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    options: SessionOptions,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
  }

  static async start(options: SessionOptions = {}): Promise<LspSession> {
    const serverPath = options.serverPath ?? process.env.NEWSLENS_TEST_SERVER ?? resolve(repoRoot(), 'dist/server.js');
    const child = spawn(process.execPath, [...(options.execArgv ?? []), serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: options.cwd ?? repoRoot(),
      // The server's corpus databases go to a cache folder of this test process, not the user's ~/.cache.
      env: { ...process.env, XDG_CACHE_HOME: testCacheHome() },
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(child, connection, options);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Keep the tail only: a chatty server must not grow the test's memory.
      session.stderr = (session.stderr + chunk).slice(-20_000);
    });
    child.on('exit', (code, signal) => {
      session.exited = { code, signal };
    });
    // A write to a dead server raises EPIPE on stdin; the exit status reports the failure instead.
    child.stdin.on('error', () => undefined);
    connection.onError(() => undefined);

    connection.onNotification((method: string, params: unknown) => {
      const n = { method, params };
      session.notifications.push(n);
      if (session.notifications.length > 5_000) session.notifications.splice(0, 1_000);
      for (const l of session.listeners) l(n);
    });
    connection.onRequest((method: string, params: unknown) => session.answerServerRequest(method, params));
    connection.listen();

    const folder = options.workspaceFolder;
    const result = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: folder ? fileUri(folder) : null,
      workspaceFolders: folder ? [{ uri: fileUri(folder), name: 'corpus' }] : null,
      initializationOptions: { settings: session.settings },
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          references: {},
          foldingRange: {},
          semanticTokens: {
            requests: { full: { delta: true }, range: true },
            tokenTypes: ['person', 'place', 'organization', 'date', 'quote'],
            tokenModifiers: ['speaker', 'firstMention', 'scare'],
            formats: ['relative'],
            multilineTokenSupport: false,
            overlappingTokenSupport: false,
          },
        },
      },
    });
    session.capabilities = result.capabilities ?? {};
    await connection.sendNotification('initialized', {});
    return session;
  }

  private answerServerRequest(method: string, params: unknown): unknown {
    switch (method) {
      case 'workspace/configuration': {
        const items = (params as { items?: { section?: string }[] }).items ?? [];
        return items.map((item) => {
          if (item.section === 'newsLens') return this.settings;
          if (item.section?.startsWith('newsLens.')) {
            return (this.settings as unknown as Record<string, unknown>)[item.section.slice('newsLens.'.length)] ?? null;
          }
          if (!item.section) return { newsLens: this.settings };
          return null;
        });
      }
      default:
        // window/workDoneProgress/create, client/registerCapability, …: an empty success.
        return null;
    }
  }

  onNotification(listener: (n: Notification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first notification (already received or future) that matches. */
  waitForNotification(method: string, matches: (params: unknown) => boolean = () => true, timeoutMs = 120_000): Promise<unknown> {
    const seen = this.notifications.find((n) => n.method === method && matches(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no ${method} notification within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onNotification((n) => {
        if (n.method === method && matches(n.params)) {
          clearTimeout(timer);
          off();
          resolvePromise(n.params);
        }
      });
    });
  }

  async request<T>(method: string, params: unknown, timeoutMs = 60_000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method} did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.connection.sendRequest<T>(method, params), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1, languageId = 'news-article'): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextEdit[] | { text: string }[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  semanticTokens(uri: string): Promise<{ resultId?: string; data: number[] } | null> {
    return this.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  }

  /** Peak resident set size of the server process in kB (VmHWM), or null off Linux. */
  peakRssKb(): number | null {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  }

  /** Starts the server's peak RSS (VmHWM) again from its current RSS (Linux `clear_refs`), so a later read is the peak of what came after. */
  resetPeakRss(): boolean {
    try {
      writeFileSync(`/proc/${this.process.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }

  get alive(): boolean {
    return this.exited === null;
  }

  /** shutdown + exit, then kill if the server does not go within a second. */
  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await this.request('shutdown', null, 5_000);
        await this.notify('exit', null);
      } catch {
        // a dead or hung server is killed below
      }
      await new Promise<void>((done) => {
        if (!this.alive) return done();
        const timer = setTimeout(() => {
          this.process.kill('SIGKILL');
          done();
        }, 1_000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          done();
        });
      });
    }
    this.connection.dispose();
  }
}

/** Semantic tokens decoded from LSP's relative encoding into absolute positions. */
export interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: number;
  modifiers: number;
}

export function decodeSemanticTokens(data: readonly number[]): DecodedToken[] {
  const tokens: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 5 <= data.length; i += 5) {
    const deltaLine = data[i];
    const deltaStart = data[i + 1];
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    tokens.push({ line, character, length: data[i + 2], type: data[i + 3], modifiers: data[i + 4] });
  }
  return tokens;
}
