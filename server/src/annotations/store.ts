import { closeSync, copyFileSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, writeSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import {
  ANNOTATIONS_VERSION,
  addedEntityId,
  applyCorrections,
  parseAnnotations,
  resolveAnchor,
  type AnnotationEntry,
  type FileCorrections,
  type NotEntityCorrection,
  type SameEntityCorrection,
  type SetKindCorrection,
} from '../core/annotations';
import type { CorrectionLayer } from '../core/corrections';
import { DEFAULT_ANNOTATOR, isHuman } from '../core/annotate/records';
import type { DocumentModel } from '../core/model';
import { pathToUri, uriToPath } from '../util/uri';

export const ANNOTATIONS_PATH = path.join('.newslens', 'annotations.json');
/** Where a version 1 file is copied, byte for byte, before its first rewrite as version 2. */
export const ANNOTATIONS_V1_BACKUP = path.join('.newslens', 'annotations.v1.json');

/**
 * Creates `dir` (inside `folder`) when absent and checks that it really lies inside the folder: a
 * `.newslens` that is a symbolic link out of the workspace is refused, never written through.
 * Throws an Error with a one-line reason.
 */
export function ensureFolderInside(folder: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const realFolder = realpathSync(folder);
  const realDir = realpathSync(dir);
  if (realDir !== realFolder && !realDir.startsWith(realFolder + path.sep)) {
    throw new Error(`News Lens: refusing to write into ${path.relative(folder, dir) || dir}: it leads out of the workspace (${realDir})`);
  }
}

/** Refuses a target that is a symbolic link (it could point anywhere). */
export function assertNotLink(target: string): void {
  let isLink = false;
  try {
    isLink = lstatSync(target).isSymbolicLink();
  } catch {
    return; // absent: will be created
  }
  if (isLink) throw new Error(`News Lens: refusing to write through the symbolic link ${target}`);
}

/**
 * The corrections of one workspace, kept in `.newslens/annotations.json` beside the articles.
 * Nothing is ever lost: writes go to a temporary file that is renamed over the old one; before each
 * write the file is read again and corrections added by another window are kept (merged by id);
 * a malformed or newer file is reported and left untouched, and nothing is written until it is fixed.
 */
/**
 * Writes a file whole or not at all: a temporary file beside it, flushed, then renamed over it, so a crash or
 * a second window never leaves a half-written file (the user's annotations and schema are the truth).
 */
export function writeFileAtomically(file: string, body: string): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (e) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing left to clean
    }
    throw e;
  }
}

export class AnnotationStore {
  private corrections: AnnotationEntry[] = [];
  /** The version of the file as last read (1: migrated on the next write). */
  private diskVersion = ANNOTATIONS_VERSION;
  /** Ids removed in this session: a merge must not bring them back from disk. */
  private readonly removed = new Set<string>();
  /** Set when the file on disk cannot be used: writes are refused with this reason. */
  broken: string | null = null;

  constructor(readonly folder: string) {}

  get file(): string {
    return path.join(this.folder, ANNOTATIONS_PATH);
  }

  get uri(): string {
    return pathToUri(this.file);
  }

  all(): readonly AnnotationEntry[] {
    return this.corrections;
  }

  /** Reads the file; a missing file is an empty store. Returns a one-line problem, or null. */
  load(): string | null {
    let raw: string;
    // Read only inside the workspace: a .newslens or annotations file linking out of it is not followed.
    try {
      const realFolder = realpathSync(this.folder);
      const real = realpathSync(this.file);
      if (!real.startsWith(realFolder + path.sep)) {
        this.broken = `${ANNOTATIONS_PATH} leads out of the workspace (${real}); it is not read or written`;
        return this.broken;
      }
    } catch {
      // absent (or the folder is gone): handled by the read below
    }
    try {
      raw = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        this.broken = null;
        this.corrections = [];
        this.diskVersion = ANNOTATIONS_VERSION;
        return null;
      }
      this.broken = `cannot read ${ANNOTATIONS_PATH}: ${e instanceof Error ? e.message : String(e)}`;
      return this.broken;
    }
    const parsed = parseAnnotations(raw);
    if (!parsed.ok) {
      this.broken = `${ANNOTATIONS_PATH} is left untouched because ${parsed.reason}; fix or move it to save corrections again`;
      return this.broken;
    }
    this.broken = null;
    this.diskVersion = parsed.file.version;
    this.corrections = parsed.file.corrections.filter((c) => !this.removed.has(c.id));
    return null;
  }

  /** Adds a correction and saves (merging with what is on disk). */
  add(correction: AnnotationEntry): void {
    this.save((list) => [...list.filter((c) => c.id !== correction.id), correction]);
  }

  /** Removes some entries and adds (or replaces, by id) others in one locked write. */
  update(removeIds: readonly string[], add: readonly AnnotationEntry[]): void {
    for (const id of removeIds) this.removed.add(id);
    const gone = new Set([...removeIds, ...add.map((c) => c.id)]);
    this.save((list) => [...list.filter((c) => !gone.has(c.id)), ...add]);
  }

  remove(id: string): AnnotationEntry | undefined {
    const found = this.corrections.find((c) => c.id === id);
    this.removed.add(id);
    this.save((list) => list.filter((c) => c.id !== id));
    return found;
  }

  private save(change: (list: readonly AnnotationEntry[]) => AnnotationEntry[]): void {
    ensureFolderInside(this.folder, path.dirname(this.file));
    assertNotLink(this.file);
    const release = this.lock();
    try {
      this.saveLocked(change);
    } finally {
      release();
    }
  }

  /**
   * A lock file beside the annotations file (created exclusively), so two windows cannot interleave
   * their read-merge-write. Waits up to about two seconds; a lock older than ten seconds is left over
   * from a crash and is taken over.
   */
  private lock(): () => void {
    const lockFile = `${this.file}.lock`;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let attempt = 0; ; attempt++) {
      try {
        closeSync(openSync(lockFile, 'wx'));
        return () => {
          try {
            unlinkSync(lockFile);
          } catch {
            // already gone
          }
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        let age = 0;
        try {
          age = Date.now() - statSync(lockFile).mtimeMs;
        } catch {
          continue; // released meanwhile
        }
        if (age > 10_000) {
          try {
            unlinkSync(lockFile);
          } catch {
            // another window took it over first
          }
          continue;
        }
        if (attempt > 100) throw new Error(`News Lens: ${ANNOTATIONS_PATH} is being written by another window (${lockFile}); try again`);
        Atomics.wait(pause, 0, 0, 20);
      }
    }
  }

  private saveLocked(change: (list: readonly AnnotationEntry[]) => AnnotationEntry[]): void {
    // Another window may have written since we read: start from the file as it is now.
    const problem = this.load();
    if (problem) throw new Error(`News Lens: ${problem}`);
    // Every record gets an annotator. A file of corrections only stays version 1 (an older News Lens
    // reads it and ignores the new field); human annotations make it version 2, and the version 1 file
    // it replaces is first kept byte for byte (once).
    const next = change(this.corrections).map((c) => (c.annotator ? c : { ...c, annotator: DEFAULT_ANNOTATOR }));
    const version = next.some(isHuman) ? ANNOTATIONS_VERSION : 1;
    if (version > this.diskVersion && existsSync(this.file)) {
      const backup = path.join(this.folder, ANNOTATIONS_V1_BACKUP);
      assertNotLink(backup);
      if (!existsSync(backup)) copyFileSync(this.file, backup);
    }
    const body = `${JSON.stringify({ version, corrections: next }, null, 2)}\n`;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileAtomically(this.file, body);
    this.corrections = next;
    this.diskVersion = version;
  }

  /** The workspace-relative path of a file: URI, or null when it lies outside the folder. */
  relativePath(uri: string): string | null {
    const p = uriToPath(uri);
    if (!p) return null;
    const rel = path.relative(this.folder, p);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return rel.split(path.sep).join('/');
  }
}

/** Corrections whose anchor no longer matches its file's text, per file path: reported, never dropped. */
export type UnresolvedReport = (uri: string, unresolved: readonly AnnotationEntry[], text: string) => void;

/** The correction layer the document store runs every model through. */
export function correctionLayer(store: AnnotationStore, report: UnresolvedReport): CorrectionLayer {
  return {
    key(): string {
      const all = store.all();
      return all.length ? createHash('sha1').update(JSON.stringify(all)).digest('hex') : '';
    },
    concerns(uri: string): boolean {
      const rel = store.relativePath(uri);
      return rel !== null && store.all().some((c) => c.file === rel);
    },
    apply(uri: string, text: string, model: DocumentModel): DocumentModel {
      const all = store.all();
      if (!all.length) {
        report(uri, [], text);
        return model;
      }
      const rel = store.relativePath(uri);
      const byEntity = new Map<string, SetKindCorrection | NotEntityCorrection | SameEntityCorrection>();
      for (const c of all) if (c.type === 'set-kind' || c.type === 'not-entity' || c.type === 'same-entity') byEntity.set(c.entityId, c);
      const addTexts = all.filter((c) => c.type === 'add-entity');
      const addedIds = new Set(addTexts.map(addedEntityId));
      const speakers: FileCorrections['speakers'][number][] = [];
      const unresolved: AnnotationEntry[] = [];
      for (const c of all) {
        if (c.file !== rel) continue;
        const span = resolveAnchor(text, c.anchor);
        if (!span) unresolved.push(c);
        else if (c.type === 'set-speaker') speakers.push({ span, correction: c });
        // An entity-wide correction whose entity the analysis no longer finds in its own file (renamed by a
        // newer recogniser, say) would silently do nothing: report it like a lost anchor.
        else if (
          (c.type === 'set-kind' || c.type === 'not-entity' || c.type === 'same-entity') &&
          !model.layoutOnly &&
          !model.articles.some((a) => a.mentions.some((m) => m.entityId === c.entityId)) &&
          !addedIds.has(c.entityId)
        )
          unresolved.push(c);
      }
      report(uri, unresolved, text);
      return applyCorrections(text, model, { byEntity, addTexts, speakers });
    },
  };
}
