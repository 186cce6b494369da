/**
 * The first checks every versioned file of the user's (`.newslens/annotations.json`, `.newslens/schema.json`)
 * goes through: JSON, an object, a version this build can read. The reason is one line for the user's message.
 */
export function parseVersionedJson(raw: string, readableVersion: number): { ok: true; record: Record<string, unknown> & { version: number } } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    return { ok: false, reason: `it is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'it is not a JSON object' };
  const record = data as Record<string, unknown>;
  if (typeof record.version !== 'number') return { ok: false, reason: 'it has no "version" number' };
  if (record.version > readableVersion) return { ok: false, reason: `it was written by a newer News Lens (version ${record.version}; this one reads ${readableVersion})` };
  return { ok: true, record: record as Record<string, unknown> & { version: number } };
}
