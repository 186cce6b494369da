import { readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SCHEMA, parseSchema, serializeSchema, type LabelSchema } from '../core/annotate/schema';
import { assertNotLink, ensureFolderInside, writeFileAtomically } from './store';

export const SCHEMA_PATH = path.join('.newslens', 'schema.json');

/**
 * The label schema of a workspace, `.newslens/schema.json`. Absent: the built-in kinds only. Malformed
 * or newer: `broken` holds the one-line reason, the built-in schema is used for reading, and nothing that
 * needs the schema (custom labels, importing a brat configuration) is written until the file is fixed.
 */
export class SchemaStore {
  schema: LabelSchema = DEFAULT_SCHEMA;
  broken: string | null = null;

  constructor(readonly folder: string) {}

  get file(): string {
    return path.join(this.folder, SCHEMA_PATH);
  }

  load(): string | null {
    let raw: string;
    try {
      const realFolder = realpathSync(this.folder);
      const real = realpathSync(this.file);
      if (!real.startsWith(realFolder + path.sep)) return this.fail(`${SCHEMA_PATH} leads out of the workspace (${real}); it is not read or written`);
      raw = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        this.schema = DEFAULT_SCHEMA;
        this.broken = null;
        return null;
      }
      return this.fail(`cannot read ${SCHEMA_PATH}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = parseSchema(raw);
    if (!parsed.ok) return this.fail(`${SCHEMA_PATH} is left untouched because ${parsed.reason}; fix it to use its labels`);
    this.schema = parsed.schema;
    this.broken = null;
    return null;
  }

  private fail(reason: string): string {
    this.schema = DEFAULT_SCHEMA;
    this.broken = reason;
    return reason;
  }

  /** Writes the schema atomically (temporary file, then rename); refused while the file on disk is broken. */
  save(schema: LabelSchema): void {
    const problem = this.load();
    if (problem) throw new Error(`News Lens: ${problem}`);
    ensureFolderInside(this.folder, path.dirname(this.file));
    assertNotLink(this.file);
    writeFileAtomically(this.file, serializeSchema(schema));
    this.schema = schema;
  }
}
