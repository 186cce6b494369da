/**
 * When to restart the language server (pure: no VS Code import, so tests run it in Node).
 *
 * vscode-languageclient's default handler shuts the client down for good once a connection has erred more than
 * three times. A server that dies while requests are in flight fails every write to it (EPIPE) before its exit is
 * seen, so a crash during busy editing left the editor with no server at all. Here a connection error never
 * stops the client: the server's exit follows, and the exit decides, as the default does, restarting up to
 * `MAX_RESTARTS` times in `RESTART_WINDOW_MS`.
 */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60_000;

export class RestartPolicy {
  private readonly exits: number[] = [];

  /** A message could not be written or read: keep going (an exit, if that is the cause, comes next). */
  onError(): 'continue' {
    return 'continue';
  }

  /** The server's connection closed at `now`: restart it, unless it has done so too often lately. */
  onClosed(now: number = Date.now()): 'restart' | 'stop' {
    this.exits.push(now);
    while (this.exits.length && now - this.exits[0] > RESTART_WINDOW_MS) this.exits.shift();
    return this.exits.length <= MAX_RESTARTS ? 'restart' : 'stop';
  }
}
