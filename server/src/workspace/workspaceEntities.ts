import type { CorpusDatabase } from '../archive/database';
import { queried } from '../archive/sql';
import {
  someStoredMention,
  storedEntities,
  storedEntityTotals,
  storedFileCount,
  storedMentions,
  storedArticlesPage,
  storedQuotesBy,
  type StoredEntityTotals,
  type StoredQuote,
} from '../archive/workspaceQueries';
import { mergeEntityParts, surnameMerges, type EntityIndex, type WorkspaceEntity } from '../core/entityIndex';
import { quotationKind, type EntityKind } from '../core/model';
import type { LspRange } from '../protocol';
import { pathToUri } from '../util/uri';
import type { FileView } from './fileView';

/** A mention somewhere in the workspace, placed for the editor. */
export interface WorkspaceMention {
  readonly uri: string;
  readonly article: number;
  readonly text: string;
  readonly range: LspRange;
}

/** A statement (scare quotes excluded) somewhere in the workspace. */
export interface WorkspaceQuote extends Omit<StoredQuote, 'path'> {
  /** Its file (the stored row's path as a URI). `speaker` is the speaker's name in that file (the entity's there, else as written). */
  readonly uri: string;
}

/** An article somewhere in the workspace: its display name and headline. */
export interface WorkspaceArticle {
  readonly uri: string;
  readonly article: number;
  readonly name: string;
  readonly date: string | null;
  readonly selection: LspRange;
}

export interface WorkspaceEntitiesSource {
  /** The entities of the files held in memory: open documents (and, without a database, the indexed files). */
  readonly memory: EntityIndex;
  /** The current view of a file held in memory. */
  readonly viewOf: (uri: string) => FileView | undefined;
  /** The corpus database holding the files that are not open, if any. */
  readonly db: () => CorpusDatabase | undefined;
  /** Paths whose database rows are left out: open documents, answered from memory. */
  readonly excluded: () => readonly string[];
  /** Changes whenever the database's rows change. */
  readonly dbGeneration: () => number;
  readonly log: (message: string) => void;
}

/** One raw id's figures, summed over both sources. */
interface RawFigures {
  kind: EntityKind;
  name: string;
  weight: number;
  mentions: number;
  files: number;
  readonly aliases: Map<string, number>;
}

interface Merged {
  readonly key: string;
  readonly merges: Map<string, string>;
  readonly members: Map<string, string[]>;
  readonly byId: Map<string, WorkspaceEntity>;
  readonly list: WorkspaceEntity[];
}

function kindOfId(id: string): string {
  const colon = id.indexOf(':');
  return colon < 0 ? '' : id.slice(0, colon);
}

/** A stored row placed by uri instead of path. */
export function withUri<T extends { readonly path: string }>(row: T): Omit<T, 'path'> & { uri: string } {
  const { path, ...rest } = row;
  return { ...rest, uri: pathToUri(path) };
}

function byUriThenArticle(a: WorkspaceArticle, b: WorkspaceArticle): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.article - b.article;
}

function byUriThenPosition<T extends { uri: string; range: LspRange }>(a: T, b: T): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * The workspace's entities across both places a file's analysis lives: memory (open documents, whose
 * unsaved text is authoritative) and the corpus database (every other file, issue 13). Same ids,
 * surname merging and naming as `EntityIndex`, over the union. The merged table is cached until
 * either side changes; mentions and quotations are queries per call.
 */
export class WorkspaceEntities {
  private merged?: Merged;
  private lastKey = '';
  private counter = 0;

  constructor(private readonly source: WorkspaceEntitiesSource) {}

  /** Increases whenever the answers may have changed. */
  get generation(): number {
    const key = this.key();
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.counter++;
    }
    return this.counter;
  }

  /** The canonical id of an entity id (itself unless a surname merge applies). */
  resolve(id: string): string {
    return this.table().merges.get(id) ?? id;
  }

  /** The raw ids merged under an id's canonical id. */
  members(id: string): string[] {
    const canonical = this.resolve(id);
    return this.table().members.get(canonical) ?? [canonical];
  }

  entity(id: string): WorkspaceEntity | undefined {
    return this.table().byId.get(this.resolve(id));
  }

  /** Every entity of the workspace, most mentioned first. */
  entities(): readonly WorkspaceEntity[] {
    return this.table().list;
  }

  /**
   * Every mention of the entity in the workspace, by file (uri order) then position. `withText` false: the
   * stored ones without their text ('', for places only: references, definition), read from an index alone.
   */
  mentions(id: string, withText = true): WorkspaceMention[] {
    const members = this.members(id);
    const found = [...this.memoryMentions(members)];
    const db = this.source.db();
    if (db) {
      // Thousands of rows over far fewer files: each path becomes a URI once, each row one object.
      const uris = new Map<string, string>();
      for (const m of this.stored(() => storedMentions(db, members, this.source.excluded(), withText), [])) {
        let uri = uris.get(m.path);
        if (uri === undefined) uris.set(m.path, (uri = pathToUri(m.path)));
        found.push({ uri, article: m.article, text: m.text, range: m.range });
      }
    }
    return found.sort(byUriThenPosition);
  }

  /** The mentions of these raw ids in the files held in memory (open documents), as the editor shows them. */
  private *memoryMentions(members: readonly string[]): Generator<WorkspaceMention> {
    for (const member of members) {
      for (const [uri, entity] of this.source.memory.perFile(member) ?? []) {
        const view = this.source.viewOf(uri);
        if (view) for (const m of entity.mentions) yield { uri, article: m.article, text: m.text, range: view.lines.rangeOf(m.span) };
      }
    }
  }

  /** One mention of the entity (in memory first): where a workspace symbol points. */
  someMention(id: string): WorkspaceMention | undefined {
    const members = this.members(id);
    const inMemory = this.memoryMentions(members).next();
    if (!inMemory.done) return inMemory.value;
    const db = this.source.db();
    const m = db && this.stored(() => someStoredMention(db, members, this.source.excluded()), undefined);
    return m && withUri(m);
  }

  /** Statements attributed to the entity across the workspace, by file then position. */
  quotesBy(id: string): WorkspaceQuote[] {
    const members = this.members(id);
    const found: WorkspaceQuote[] = [];
    for (const member of members) {
      for (const [uri, quotes] of this.source.memory.quotesOf(member) ?? []) {
        const view = this.source.viewOf(uri);
        if (!view) continue;
        for (const q of quotes) {
          const speaker = q.speakerId ? (view.model.entities.find((e) => e.id === q.speakerId)?.name ?? q.speaker) : q.speaker;
          found.push({ uri, article: q.article, text: q.text, speaker, speakerId: q.speakerId, kind: quotationKind(q), via: q.via ?? null, range: view.lines.rangeOf(q.span) });
        }
      }
    }
    const db = this.source.db();
    if (db) for (const q of this.stored(() => storedQuotesBy(db, members, this.source.excluded()), [])) found.push(withUri(q));
    return found.sort(byUriThenPosition);
  }

  /**
   * How many articles (across files) mention the entity, and the first `limit` of them by file then index: a hover
   * lists five, and a frequent name is in thousands of stored articles.
   */
  articlesMentioningPage(id: string, limit: number): { total: number; articles: WorkspaceArticle[] } {
    const members = this.members(id);
    const found: WorkspaceArticle[] = [];
    const seen = new Set<string>();
    for (const member of members) {
      for (const [uri, entity] of this.source.memory.perFile(member) ?? []) {
        const view = this.source.viewOf(uri);
        for (const m of view ? entity.mentions : []) {
          const article = view!.model.articles[m.article];
          if (!article || seen.has(`${uri}#${m.article}`)) continue;
          seen.add(`${uri}#${m.article}`);
          found.push({ uri, article: m.article, name: view!.articleName(article), date: article.date, selection: view!.lines.rangeOf(view!.articleSelection(article)) });
        }
      }
    }
    let total = found.length;
    const db = this.source.db();
    if (db) {
      const page = this.stored(() => storedArticlesPage(db, this.source.excluded(), members, limit), { total: 0, articles: [] });
      total += page.total;
      for (const a of page.articles) found.push(withUri(a));
    }
    return { total, articles: found.sort(byUriThenArticle).slice(0, limit) };
  }

  /** The files mentioning any of several merged ids (a file may have two of them): counted once each. */
  private fileCount(ids: readonly string[], db: CorpusDatabase | undefined): number {
    const uris = new Set<string>();
    for (const id of ids) for (const uri of this.source.memory.perFile(id)?.keys() ?? []) uris.add(uri);
    const stored = db ? this.stored(() => storedFileCount(db, ids, this.source.excluded()), 0) : 0;
    return uris.size + stored;
  }

  private key(): string {
    return `${this.source.memory.generation}:${this.source.db() ? this.source.dbGeneration() : -1}:${this.source.excluded().join('\n')}`;
  }

  /** A query of the database; a failure is logged and answered with `fallback` (the memory side still answers). */
  private stored<T>(query: () => T, fallback: T): T {
    return queried(this.source.log, 'corpus database query', query, fallback);
  }

  /** The stored totals, read again only when the database changed (not when a document opens or is edited). */
  private storedTotals(db: CorpusDatabase): StoredEntityTotals {
    const generation = this.source.dbGeneration();
    if (this.totals?.db !== db || this.totals.generation !== generation) this.totals = { db, generation, totals: storedEntityTotals(db) };
    return this.totals.totals;
  }
  private totals?: { db: CorpusDatabase; generation: number; totals: StoredEntityTotals };

  /** The merged table of both sources, rebuilt when either changed. */
  private table(): Merged {
    const key = this.key();
    if (this.merged?.key === key) return this.merged;
    const raw = new Map<string, RawFigures>();
    const figuresOf = (id: string, kind: EntityKind): RawFigures => {
      let f = raw.get(id);
      if (!f) raw.set(id, (f = { kind, name: '', weight: -1, mentions: 0, files: 0, aliases: new Map() }));
      return f;
    };
    const consider = (f: RawFigures, name: string, weight: number): void => {
      // The name used most; on a tie the longer one (as EntityIndex names a merged entity).
      if (weight > f.weight || (weight === f.weight && name.length > f.name.length)) {
        f.name = name;
        f.weight = weight;
      }
    };
    const memory = this.source.memory;
    for (const id of memory.rawIds()) {
      for (const entity of memory.perFile(id)?.values() ?? []) {
        const f = figuresOf(id, entity.kind);
        f.mentions += entity.mentions.length;
        f.files++;
        consider(f, entity.name, entity.mentions.length);
        for (const alias of entity.aliases) f.aliases.set(alias, (f.aliases.get(alias) ?? 0) + 1);
      }
    }
    const db = this.source.db();
    const stored = db ? this.stored(() => storedEntities(db, this.source.excluded(), this.storedTotals(db)), { entities: [], aliases: [] }) : { entities: [], aliases: [] };
    for (const e of stored.entities) {
      const f = figuresOf(e.id, e.kind);
      f.mentions += e.mentions;
      f.files += e.files;
      consider(f, e.name, e.top);
    }
    for (const a of stored.aliases) {
      const f = raw.get(a.id);
      if (f) f.aliases.set(a.alias, (f.aliases.get(a.alias) ?? 0) + a.files);
    }
    const merges = surnameMerges([...raw.keys()].filter((id) => kindOfId(id) === 'person'));
    const members = new Map<string, string[]>();
    for (const id of raw.keys()) {
      const canonical = merges.get(id) ?? id;
      let list = members.get(canonical);
      if (!list) members.set(canonical, (list = []));
      list.push(id);
    }
    const byId = new Map<string, WorkspaceEntity>();
    for (const [canonical, ids] of members) byId.set(canonical, mergeFigures(canonical, ids, raw, ids.length > 1 ? this.fileCount(ids, db) : (raw.get(canonical)?.files ?? 0)));
    const list = [...byId.values()].sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    this.merged = { key, merges, members, byId, list };
    return this.merged;
  }
}

/** One workspace entity from its raw ids' figures (see `mergeEntityParts`). */
function mergeFigures(canonical: string, ids: readonly string[], raw: ReadonlyMap<string, RawFigures>, fileCount: number): WorkspaceEntity {
  return mergeEntityParts(
    canonical,
    ids.map((id) => ({ id, ...raw.get(id)! })),
    fileCount,
    ids,
  );
}
