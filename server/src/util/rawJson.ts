import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/**
 * A request's answer that is already JSON: a kept answer read from the corpus database as bytes. Over stdio the
 * server writes the bytes as they are (`rawJsonEncoder`): the stories' kept answer at 10,000 files is 10.5 MB, and
 * decoding, parsing and serialising it again took ~0.4 s of the first question after a reopen (issue 15). Anything
 * else that serialises it (the IPC transport, tracing) gets the value through `toJSON`.
 */
export class RawJson<T> {
  private parsed: { value: T } | undefined;

  constructor(readonly bytes: Uint8Array) {}

  /** The parsed value (parsed once). */
  value(): T {
    this.parsed ??= { value: JSON.parse(Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8')) as T };
    return this.parsed.value;
  }

  toJSON(): T {
    return this.value();
  }
}

/** What a request handler may answer: the result, or the same result as JSON already written. */
export type Answer<T> = T | RawJson<T>;

/** The parsed value of an answer. */
export function answerValue<T>(answer: Answer<T>): T {
  return answer instanceof RawJson ? answer.value() : answer;
}

/**
 * The JSON-RPC writer's encoder (as vscode-jsonrpc's own, `JSON.stringify` then the charset), except that a
 * response whose result is `RawJson` is written around its bytes: `{"jsonrpc":"2.0","id":…,"result":` bytes `}`.
 */
export const rawJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      const charset = options.charset;
      const response = message as { jsonrpc?: unknown; id?: unknown; result?: unknown; error?: unknown };
      if (response.result instanceof RawJson && response.error === undefined && charset === 'utf-8') {
        const head = Buffer.from(`{"jsonrpc":${JSON.stringify(response.jsonrpc)},"id":${JSON.stringify(response.id ?? null)},"result":`, 'utf8');
        const bytes = response.result.bytes;
        return Promise.resolve(Buffer.concat([head, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Buffer.from('}')]));
      }
      return Promise.resolve(Buffer.from(JSON.stringify(message, undefined, 0), charset));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  },
};
