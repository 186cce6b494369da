/**
 * `JSON.stringify(value)` in pieces, split at the first `depth` levels of objects and arrays: joined, they are the
 * same text. A streaming writer sends them in chunks, so no line is ever one string as large as the whole record:
 * V8 puts strings above 128 kB straight into the old generation, where `analyze --jsonl` (a ~150 kB line per file)
 * left two or three of them a file until a full collection. Measured with deterministic GC (`node --predictable`,
 * 1,000 bench files): peak RSS 196 → 186 MB; the rest of the peak is the collector's headroom over ~45 MB live.
 */
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const json = JSON.stringify(value);
    // As inside an array (a caller's object skips such values before asking): undefined, a function, a symbol.
    yield json === undefined ? 'null' : json;
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i) yield ',';
      yield* jsonPieces(value[i], depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(v, depth - 1);
  }
  yield '}';
}

/** `jsonPieces` joined into chunks of about `chunkLength` characters (the last may be shorter, or empty). */
export function* jsonChunks(value: unknown, depth: number, chunkLength = 32 * 1024): Generator<string> {
  let chunk = '';
  for (const piece of jsonPieces(value, depth)) {
    chunk += piece;
    if (chunk.length >= chunkLength) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/** `JSON.stringify(value)` as UTF-8 bytes, made from `jsonChunks` (no string of the whole). */
export function jsonBytes(value: unknown, depth: number, chunkLength = 32 * 1024): Buffer {
  const buffers = Array.from(jsonChunks(value, depth, chunkLength), (chunk) => Buffer.from(chunk, 'utf8'));
  return buffers.length === 1 ? buffers[0] : Buffer.concat(buffers);
}
