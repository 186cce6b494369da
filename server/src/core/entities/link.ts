import type { DocumentEntity, EntityMention, LinkedMention } from '../model';

export interface LinkResult {
  readonly entities: DocumentEntity[];
  /** Per article, its mentions with their entity ids, in document order. */
  readonly linked: LinkedMention[][];
}

// Initial version: one entity per exact name. Replaced by alias clustering.
export function linkEntities(perArticle: readonly (readonly EntityMention[])[]): LinkResult {
  const byId = new Map<string, LinkedMention[]>();
  const linked = perArticle.map((mentions, article) =>
    mentions.map((m) => {
      const id = `${m.kind}:${m.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}`;
      const lm: LinkedMention = { ...m, entityId: id, article };
      const list = byId.get(id) ?? [];
      list.push(lm);
      byId.set(id, list);
      return lm;
    }),
  );
  const entities: DocumentEntity[] = [...byId.entries()].map(([id, mentions]) => ({
    id,
    kind: mentions[0].kind,
    name: mentions[0].name,
    aliases: [...new Set(mentions.map((m) => m.name))],
    mentions,
  }));
  entities.sort((a, b) => b.mentions.length - a.mentions.length);
  return { entities, linked };
}
