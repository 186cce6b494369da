import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** V8's full collection, made callable once (`--expose-gc` set at run time, `gc` read from a new context), or null. */
export function fullCollection(): (() => void) | null {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found = runInNewContext('typeof gc === "function" ? gc : null') as unknown;
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/**
 * A full garbage collection between units of batch work, every `everyChars` characters of text analysed: `analyze
 * --jsonl`, `index` and the index's worker threads. An analysis leaves several times its live data as garbage, and
 * V8 let such a heap grow to ~190 MB over 10,000 bench files with ~40 MB live (issue 13: peak RSS 284 MB for
 * `analyze --jsonl`); between two files almost all of it is garbage, so a collection there is short (~15 ms for
 * ~2 MB of text analysed in ~3 s). Without a callable collector (another runtime) it does nothing.
 */
export class BatchCollector {
  private since = 0;

  constructor(
    private readonly everyChars = 2_000_000,
    private readonly collect: () => (() => void) | null = fullCollection,
  ) {}

  /** After a unit of work over `chars` characters. */
  done(chars: number): void {
    this.since += chars;
    if (this.since < this.everyChars) return;
    this.since = 0;
    this.collect()?.();
  }
}
