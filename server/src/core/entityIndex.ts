import type { DocumentEntity, DocumentModel, EntityKind, LinkedMention, LinkedQuotation } from './model';

/**
 * The workspace-wide entity index: every file's entities, merged by id across files.
 * Pure data (no LSP, no file system): the server feeds it one model per file and asks it questions.
 *
 * Updated by difference: `update` touches only the ids a file gained, lost or changed.
 * Besides merging equal ids, a surname-only person id joins the one full name that ends with it
 * anywhere in the workspace (`person:assad` → `person:bashar-al-assad`), so a file that only says
 * "Assad" is linked to the file that names him in full.
 */

export interface IndexedMention {
  readonly uri: string;
  readonly mention: LinkedMention;
}

export interface IndexedQuote {
  readonly uri: string;
  readonly quote: LinkedQuotation;
}

export interface WorkspaceEntity {
  /** The canonical id (after surname merging). */
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  /** Every surface name seen across the workspace, canonical first. */
  readonly aliases: readonly string[];
  readonly mentionCount: number;
  readonly fileCount: number;
  /** The per-document ids merged into this entity (includes `id` when some file uses it). */
  readonly memberIds: readonly string[];
}

interface FileEntry {
  /** The model's own list (a map per file would cost more than the entities it points to). */
  readonly entities: readonly DocumentEntity[];
  /** Statements (scare quotes excluded) grouped by their speaker's per-document id. */
  readonly quotesBySpeaker: ReadonlyMap<string, readonly LinkedQuotation[]>;
}

const EMPTY_FILE: FileEntry = { entities: [], quotesBySpeaker: new Map() };

function kindOfId(id: string): string {
  const colon = id.indexOf(':');
  return colon < 0 ? '' : id.slice(0, colon);
}

/**
 * For each person id that is the hyphen-suffix of other person ids, the single longest such id
 * when there is exactly one (`assad` → `bashar-al-assad` even though `al-assad` also ends with it,
 * since `al-assad` itself ends `bashar-al-assad`); ambiguous surnames (two different full names) stay apart.
 */
export function surnameMerges(personIds: Iterable<string>): Map<string, string> {
  const prefix = 'person:';
  const names = new Set<string>();
  for (const id of personIds) if (id.startsWith(prefix) && id.length > prefix.length) names.add(id.slice(prefix.length));
  // suffix → the names that end with "-suffix"
  const endingWith = new Map<string, string[]>();
  for (const name of names) {
    for (let i = name.indexOf('-'); i >= 0; i = name.indexOf('-', i + 1)) {
      const suffix = name.slice(i + 1);
      if (!suffix) continue;
      let list = endingWith.get(suffix);
      if (!list) endingWith.set(suffix, (list = []));
      list.push(name);
    }
  }
  const merges = new Map<string, string>();
  for (const name of names) {
    const candidates = endingWith.get(name);
    if (!candidates) continue;
    const candidateSet = new Set(candidates);
    // Keep the maximal candidates: those that are not themselves the ending of another candidate.
    const maximal = candidates.filter((c) => !(endingWith.get(c) ?? []).some((longer) => candidateSet.has(longer)));
    if (maximal.length === 1) merges.set(prefix + name, prefix + maximal[0]);
  }
  return merges;
}

export class EntityIndex {
  private readonly files = new Map<string, FileEntry>();
  /** raw id → uri → that file's entity. */
  private readonly byId = new Map<string, Map<string, DocumentEntity>>();
  /** raw speaker id → uri → quotes. */
  private readonly quotesById = new Map<string, Map<string, readonly LinkedQuotation[]>>();
  private merges: Map<string, string> | null = null;
  private membersCache: Map<string, string[]> | null = null;
  private entityListCache: WorkspaceEntity[] | null = null;
  /** Increases whenever the index content changes. */
  generation = 0;

  /** Replaces a file's entities with those of `model`; returns whether anything changed. */
  update(uri: string, model: DocumentModel): boolean {
    const previous = this.files.get(uri) ?? EMPTY_FILE;
    const previousEntities = new Map(previous.entities.map((e) => [e.id, e]));
    const entities = new Map(model.entities.map((e) => [e.id, e]));
    const quotesBySpeaker = new Map<string, LinkedQuotation[]>();
    for (const article of model.articles) {
      for (const q of article.quotes) {
        if (q.scare || !q.speakerId) continue;
        let list = quotesBySpeaker.get(q.speakerId);
        if (!list) quotesBySpeaker.set(q.speakerId, (list = []));
        list.push(q);
      }
    }
    let changed = !this.files.has(uri);
    let idSetChanged = false;
    for (const id of previousEntities.keys()) {
      if (entities.has(id)) continue;
      this.byId.get(id)?.delete(uri);
      if (this.byId.get(id)?.size === 0) {
        this.byId.delete(id);
        idSetChanged = true;
      }
      changed = true;
    }
    for (const [id, entity] of entities) {
      const old = previousEntities.get(id);
      if (old === entity) continue;
      let perFile = this.byId.get(id);
      if (!perFile) {
        this.byId.set(id, (perFile = new Map<string, DocumentEntity>()));
        idSetChanged = true;
      }
      perFile.set(uri, entity);
      changed = true;
    }
    for (const id of previous.quotesBySpeaker.keys()) {
      if (quotesBySpeaker.has(id)) continue;
      this.quotesById.get(id)?.delete(uri);
      if (this.quotesById.get(id)?.size === 0) this.quotesById.delete(id);
      changed = true;
    }
    for (const [id, quotes] of quotesBySpeaker) {
      let perFile = this.quotesById.get(id);
      if (!perFile) this.quotesById.set(id, (perFile = new Map<string, readonly LinkedQuotation[]>()));
      perFile.set(uri, quotes);
      if (!changed && !sameQuotes(previous.quotesBySpeaker.get(id), quotes)) changed = true;
    }
    this.files.set(uri, { entities: model.entities, quotesBySpeaker });
    if (changed) this.touch(idSetChanged);
    return changed;
  }

  remove(uri: string): boolean {
    const previous = this.files.get(uri);
    if (!previous) return false;
    this.files.delete(uri);
    let idSetChanged = false;
    for (const { id } of previous.entities) {
      const perFile = this.byId.get(id);
      perFile?.delete(uri);
      if (perFile?.size === 0) {
        this.byId.delete(id);
        idSetChanged = true;
      }
    }
    for (const id of previous.quotesBySpeaker.keys()) {
      const perFile = this.quotesById.get(id);
      perFile?.delete(uri);
      if (perFile?.size === 0) this.quotesById.delete(id);
    }
    this.touch(idSetChanged);
    return true;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  get fileCount(): number {
    return this.files.size;
  }

  uris(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The canonical id of an entity id (itself unless a surname merge applies). */
  resolve(id: string): string {
    return this.mergeMap().get(id) ?? id;
  }

  /** The raw ids merged under a canonical id (the id itself included when known). */
  members(id: string): string[] {
    const canonical = this.resolve(id);
    if (!this.membersCache) {
      const members = new Map<string, string[]>();
      for (const raw of this.byId.keys()) {
        const c = this.resolve(raw);
        let list = members.get(c);
        if (!list) members.set(c, (list = []));
        list.push(raw);
      }
      this.membersCache = members;
    }
    return this.membersCache.get(canonical) ?? [canonical];
  }

  entity(id: string): WorkspaceEntity | undefined {
    const canonical = this.resolve(id);
    const all = this.members(canonical);
    // Shared with the members cache when every member is indexed (the usual case): one list per entity, not two.
    const members = all.every((m) => this.byId.has(m)) ? all : all.filter((m) => this.byId.has(m));
    if (!members.length) return undefined;
    return this.merge(canonical, members);
  }

  /** Every entity of the workspace, most mentioned first. */
  entities(): readonly WorkspaceEntity[] {
    if (!this.entityListCache) {
      const list: WorkspaceEntity[] = [];
      const seen = new Set<string>();
      for (const raw of this.byId.keys()) {
        const canonical = this.resolve(raw);
        if (seen.has(canonical)) continue;
        seen.add(canonical);
        const entity = this.entity(canonical);
        if (entity) list.push(entity);
      }
      list.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      this.entityListCache = list;
    }
    return this.entityListCache;
  }

  /** Every mention of the entity in the workspace, by file (uri order) then offset. */
  mentions(id: string): IndexedMention[] {
    const perUri = new Map<string, LinkedMention[]>();
    for (const member of this.members(id)) {
      for (const [uri, entity] of this.byId.get(member) ?? []) {
        let list = perUri.get(uri);
        if (!list) perUri.set(uri, (list = []));
        list.push(...entity.mentions);
      }
    }
    const result: IndexedMention[] = [];
    for (const uri of [...perUri.keys()].sort()) {
      const list = perUri.get(uri)!;
      list.sort((a, b) => a.span.start - b.span.start);
      for (const mention of list) result.push({ uri, mention });
    }
    return result;
  }

  /** Every raw (per-document) id indexed, before surname merging: for a merge with another source of entities. */
  rawIds(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** A raw id's entity in each file that has it. */
  perFile(rawId: string): ReadonlyMap<string, DocumentEntity> | undefined {
    return this.byId.get(rawId);
  }

  /** A raw speaker id's statements in each file that has some. */
  quotesOf(rawId: string): ReadonlyMap<string, readonly LinkedQuotation[]> | undefined {
    return this.quotesById.get(rawId);
  }

  /** The files that mention the entity, in uri order. */
  filesOf(id: string): string[] {
    const uris = new Set<string>();
    for (const member of this.members(id)) for (const uri of this.byId.get(member)?.keys() ?? []) uris.add(uri);
    return [...uris].sort();
  }

  /** Statements attributed to the entity across the workspace, by file then offset. */
  quotesBy(id: string): IndexedQuote[] {
    const result: IndexedQuote[] = [];
    for (const member of this.members(id)) {
      for (const [uri, quotes] of this.quotesById.get(member) ?? []) for (const quote of quotes) result.push({ uri, quote });
    }
    result.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.quote.span.start - b.quote.span.start));
    return result;
  }

  private merge(canonical: string, members: string[]): WorkspaceEntity {
    const uris = new Set<string>();
    const parts: EntityPart[] = [];
    for (const member of members) {
      for (const [uri, entity] of this.byId.get(member) ?? []) {
        uris.add(uri);
        const aliases = entity.aliases.map((alias): [string, number] => [alias, 1]);
        parts.push({ id: member, kind: entity.kind, name: entity.name, mentions: entity.mentions.length, weight: entity.mentions.length, aliases });
      }
    }
    return mergeEntityParts(canonical, parts, uris.size, members);
  }

  private mergeMap(): Map<string, string> {
    if (!this.merges) this.merges = surnameMerges([...this.byId.keys()].filter((id) => kindOfId(id) === 'person'));
    return this.merges;
  }

  private touch(idSetChanged: boolean): void {
    this.generation++;
    this.entityListCache = null;
    if (idSetChanged) {
      this.merges = null;
      this.membersCache = null;
    }
  }
}

/** What one file's entity (in memory) or one id's stored totals (the corpus database) add to a workspace entity. */
export interface EntityPart {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly mentions: number;
  /** How strongly its name claims the entity's name (its mentions in the file that used it most). */
  readonly weight: number;
  /** Each alias with the number of files using it. */
  readonly aliases: Iterable<readonly [string, number]>;
}

/** One workspace entity from its parts: the canonical id's own name wins, then the name used most; aliases by the files using them. */
export function mergeEntityParts(canonical: string, parts: Iterable<EntityPart>, fileCount: number, memberIds: readonly string[]): WorkspaceEntity {
  const aliasCounts = new Map<string, number>();
  let mentionCount = 0;
  let kind: EntityKind | undefined;
  let name: string | undefined;
  let nameWeight = -1;
  for (const part of parts) {
    mentionCount += part.mentions;
    kind ??= part.kind;
    for (const [alias, n] of part.aliases) aliasCounts.set(alias, (aliasCounts.get(alias) ?? 0) + n);
    const weight = (part.id === canonical ? 1_000_000 : 0) + part.weight;
    // Ties go to the longer name, then to the one first in binary order: never to the order the parts came in.
    const better = weight === nameWeight && name !== undefined && (part.name.length > name.length || (part.name.length === name.length && part.name < name));
    if (weight > nameWeight || better) {
      name = part.name;
      nameWeight = weight;
    }
  }
  const aliases = [...aliasCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([alias]) => alias);
  const canonicalName = name ?? canonical;
  return {
    id: canonical,
    kind: kind ?? ((kindOfId(canonical) || 'person') as EntityKind),
    name: canonicalName,
    aliases: [canonicalName, ...aliases.filter((a) => a !== canonicalName)],
    mentionCount,
    fileCount,
    memberIds,
  };
}

function sameQuotes(a: readonly LinkedQuotation[] | undefined, b: readonly LinkedQuotation[]): boolean {
  if (!a || a.length !== b.length) return false;
  return a.every((q, i) => q === b[i]);
}
