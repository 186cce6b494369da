import { ResponseError, ErrorCodes, LSPErrorCodes, type CancellationToken, type Connection, type Range } from 'vscode-languageserver/node';
import type { CorrectionLayer } from './core/corrections';
import type { Span } from './core/model';
import type { NotificationDescriptor, RequestDescriptor } from './protocol';
import type { FileView } from './workspace/fileView';
import type { Answer } from './util/rawJson';
import type { Workspace } from './workspace/workspace';

/**
 * What every feature adapter gets: the connection, and the `Workspace` that owns the one analysed
 * view per file version (open documents from the editor, other article files from the workspace
 * index), the entity index and the settings. Features only read; they never run the analysis themselves.
 */
export interface ServerContext {
  readonly connection: Connection;
  readonly workspace: Workspace;
  /** The workspace was trusted by the user (the client says so; other editors are trusted). */
  trusted: boolean;
  /** Workspace folder paths. */
  folders: string[];
  /** Installs the user-corrections layer, re-applies it everywhere (no NLP) and tells clients to refresh. */
  setCorrectionLayer(layer: CorrectionLayer): void;
  /** Re-applies corrections (to one file, or all) and tells clients to refresh tokens, lenses and views. */
  refresh(uri?: string): void;
  log(message: string): void;
}

export function rangeOf(view: FileView, span: Span): Range {
  return view.lines.rangeOf(span);
}

/** The answer to a request the client cancelled (LSP `RequestCancelled`). */
export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'News Lens: request cancelled');
}

/** Resolves when the token is cancelled; never when there is no token. */
function whenCancelled(token: CancellationToken | undefined): { promise: Promise<'cancelled'>; dispose(): void } {
  if (!token) return { promise: new Promise<'cancelled'>(() => undefined), dispose: () => undefined };
  let listener: { dispose(): void } | undefined;
  const promise = new Promise<'cancelled'>((resolve) => {
    if (token.isCancellationRequested) resolve('cancelled');
    else listener = token.onCancellationRequested(() => resolve('cancelled'));
  });
  return { promise, dispose: () => listener?.dispose() };
}

/**
 * Wraps a request handler: an exception answers that one request with an error and is logged;
 * the server keeps serving every other request. A request the client cancels is answered at once
 * with `RequestCancelled`, even while it waits for an analysis (the analysis itself goes on: the
 * next request for that version reuses it).
 */
export function guard<P, R>(
  context: { log(message: string): void },
  name: string,
  handler: (params: P, token?: CancellationToken) => Promise<R> | R,
): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params: P, token?: CancellationToken) => {
    if (token?.isCancellationRequested) throw cancelledError();
    const cancelled = whenCancelled(token);
    try {
      const result = await Promise.race([Promise.resolve().then(() => handler(params, token)), cancelled.promise]);
      if (result === 'cancelled' || token?.isCancellationRequested) throw cancelledError();
      return result;
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      context.log(`News Lens: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      throw new ResponseError(ErrorCodes.InternalError, `News Lens: ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      cancelled.dispose();
    }
  };
}

/** Registers a guarded handler for a typed custom request: the handler's shape must match the protocol's. */
export function onTypedRequest<P, R>(
  context: { connection: Connection; log(message: string): void },
  type: RequestDescriptor<P, R>,
  // `Answer<R>`: the result, or the same result as JSON already written (a kept answer: util/rawJson.ts).
  handler: (params: P, token?: CancellationToken) => Promise<Answer<R>> | Answer<R>,
): void {
  context.connection.onRequest(type.method, guard(context, type.method, handler));
}

/** Sends a typed custom notification. */
export function sendTypedNotification<P>(connection: Connection, type: NotificationDescriptor<P>, params: P): void {
  void connection.sendNotification(type.method, params);
}

export { fileNameOf } from './util/uri';
