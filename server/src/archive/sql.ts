/**
 * One small synchronous SQLite interface over two engines, so the corpus database works on every host
 * without a native module: Node's built-in `node:sqlite` where the runtime has it (Node ≥ 22.5: VS Code's
 * own host), else the WebAssembly build `node-sqlite3-wasm` (Node 20 CLIs). Both read and write the same
 * file format, so a database built by one opens in the other. README "Libraries" gives the measurements.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export type SqlValue = number | string | Uint8Array | null;
export type SqlRow = Record<string, SqlValue>;

export interface SqlDatabase {
  /** Which engine: `node:sqlite` or `node-sqlite3-wasm`. */
  readonly engine: string;
  exec(sql: string): void;
  run(sql: string, params?: readonly SqlValue[]): { changes: number; lastInsertRowid: number };
  all<T = SqlRow>(sql: string, params?: readonly SqlValue[]): T[];
  get<T = SqlRow>(sql: string, params?: readonly SqlValue[]): T | undefined;
  close(): void;
}

interface NodeSqliteStatement {
  run(...params: SqlValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  all(...params: SqlValue[]): unknown[];
  get(...params: SqlValue[]): unknown;
}

interface NodeSqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): NodeSqliteStatement;
  close(): void;
}

type NodeSqliteModule = { DatabaseSync: new (path: string) => NodeSqliteDatabase };

/** `node:sqlite` when this runtime has it (and `NEWSLENS_SQLITE` does not ask for the WebAssembly engine). */
function nodeSqlite(): NodeSqliteModule | undefined {
  if (process.env.NEWSLENS_SQLITE === 'wasm') return undefined;
  try {
    // Hidden from the bundler: Node 20 has no such module, and esbuild must not try to resolve it.
    const load = module.require.bind(module) as (id: string) => unknown;
    // Node 22/23 print an ExperimentalWarning once; stderr is only the log.
    return load('node:sqlite') as NodeSqliteModule;
  } catch {
    return undefined;
  }
}

/** Statements are prepared once per SQL text: the engines' compile step costs more than the run. */
const MAX_CACHED_STATEMENTS = 200;

class NodeSqlite implements SqlDatabase {
  readonly engine = 'node:sqlite';
  private readonly statements = new Map<string, NodeSqliteStatement>();

  constructor(private readonly db: NodeSqliteDatabase) {}

  private statement(sql: string): NodeSqliteStatement {
    let s = this.statements.get(sql);
    if (!s) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  run(sql: string, params: readonly SqlValue[] = []): { changes: number; lastInsertRowid: number } {
    const r = this.statement(sql).run(...params);
    return { changes: Number(r.changes), lastInsertRowid: Number(r.lastInsertRowid) };
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  get<T>(sql: string, params: readonly SqlValue[] = []): T | undefined {
    return (this.statement(sql).get(...params) as T | undefined) ?? undefined;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}

interface WasmStatement {
  run(values?: SqlValue[]): { changes: number; lastInsertRowid: number | bigint };
  all(values?: SqlValue[]): unknown[];
  get(values?: SqlValue[]): unknown;
  finalize(): void;
}

interface WasmDatabase {
  exec(sql: string): void;
  prepare(sql: string): WasmStatement;
  close(): void;
}

class WasmSqlite implements SqlDatabase {
  readonly engine = 'node-sqlite3-wasm';
  private readonly statements = new Map<string, WasmStatement>();

  constructor(
    private readonly db: WasmDatabase,
    private readonly file: string,
  ) {
    writeFileSync(`${file}.owner`, String(process.pid));
  }

  private statement(sql: string): WasmStatement {
    let s = this.statements.get(sql);
    if (!s) {
      // WebAssembly memory is not garbage-collected: statements are finalized, never just dropped.
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.finalizeAll();
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private finalizeAll(): void {
    for (const s of this.statements.values()) s.finalize();
    this.statements.clear();
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  run(sql: string, params: readonly SqlValue[] = []): { changes: number; lastInsertRowid: number } {
    const r = this.statement(sql).run([...params]);
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): T[] {
    return this.statement(sql).all([...params]) as T[];
  }

  get<T>(sql: string, params: readonly SqlValue[] = []): T | undefined {
    // Stepped to the end, never left mid-way: a half-read cached statement would hold a read transaction open.
    return (this.statement(sql).all([...params]) as T[])[0];
  }

  close(): void {
    try {
      this.finalizeAll();
      this.db.close();
    } finally {
      // A close that failed half-way must not leave the file locked for the next opener.
      rmSync(`${this.file}.lock`, { recursive: true, force: true });
      rmSync(`${this.file}.owner`, { force: true });
    }
  }
}

/**
 * The WebAssembly engine locks a database with a `<file>.lock` folder, which a killed process leaves
 * behind, locking the file for good. Each opener writes its process id to `<file>.owner`; a lock whose
 * owner is gone (or unknown) is stale and removed. A live owner keeps it: the database is in use.
 */
function clearStaleWasmLock(file: string): void {
  const lock = `${file}.lock`;
  if (!existsSync(lock)) return;
  let owner = NaN;
  try {
    owner = Number(readFileSync(`${file}.owner`, 'utf8'));
  } catch {
    // no owner written: not a lock of ours that anyone holds
  }
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) return;
  rmSync(lock, { recursive: true, force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens (creating when absent) a database file with the best engine this runtime has. */
export function openSql(file: string): SqlDatabase {
  const builtin = nodeSqlite();
  if (builtin) {
    const db = new NodeSqlite(new builtin.DatabaseSync(file));
    // No shared-memory file and no other process writing: the WAL stays inside this one connection.
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    return db;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wasm = require('node-sqlite3-wasm') as { Database: new (file: string) => WasmDatabase };
  clearStaleWasmLock(file);
  const db = new WasmSqlite(new wasm.Database(file), file);
  // The WebAssembly file system has no shared memory: WAL works only with exclusive locking.
  db.exec('PRAGMA locking_mode = EXCLUSIVE');
  return db;
}

/**
 * Runs `query` against the corpus database; a failure is logged once (`what` names the question) and answered
 * with `fallback`, so the editor still gets what memory holds. The database is a cache: it never fails a request.
 */
export function queried<T>(log: (message: string) => void, what: string, query: () => T, fallback: T): T {
  try {
    return query();
  } catch (e) {
    log(`News Lens: ${what}: ${e instanceof Error ? e.message : String(e)}`);
    return fallback;
  }
}
