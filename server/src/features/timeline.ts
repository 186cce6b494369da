import type { EntityKind } from '../core/model';
import { fileNameOf, rangeOf } from '../context';
import type { LspRange, TimelineEvent, TimelineParams, TimelineResult } from '../protocol';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';

/** Entities listed per timeline event: enough to filter and label, few enough to stay small. */
const EVENT_ENTITIES = 12;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function outletOf(a: { source: string | null; uri: string }): string {
  return a.source?.trim() || fileNameOf(a.uri);
}

export function uriParam(params: { textDocument?: { uri?: unknown } } | null | undefined): string | undefined {
  const uri = params?.textDocument?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

/** An article's dated points and mentions (file ids, not yet resolved), as the timeline needs them. */
interface TimelineArticle {
  readonly index: number;
  readonly title: string;
  readonly outlet: string;
  readonly mentions: readonly { readonly id: string; readonly name: string; readonly kind: EntityKind; readonly start: number }[];
  readonly published: { readonly date: string; readonly range: LspRange } | null;
  /** Resolved days of the text, with the paragraph whose names go with them. */
  readonly dated: readonly { readonly date: string; readonly range: LspRange; readonly text: string; readonly from: number; readonly to: number }[];
}

/** Per analysed version of a file (a view is replaced when its file changes): positions and titles are found once. */
const prepared = new WeakMap<FileView, readonly TimelineArticle[]>();

function articlesOf(view: FileView): readonly TimelineArticle[] {
  let list = prepared.get(view);
  if (list) return list;
  list = view.model.articles.map((article) => ({
    index: article.index,
    title: view.articleName(article),
    outlet: outletOf({ source: article.source, uri: view.uri }),
    mentions: article.mentions.map((m) => ({ id: m.entityId, name: m.name, kind: m.kind, start: m.span.start })),
    published: article.date && ISO_DAY.test(article.date) ? { date: article.date, range: rangeOf(view, article.datelineSpan ?? view.articleSelection(article)) } : null,
    dated: article.dates.flatMap((d) => {
      if (!d.iso || !ISO_DAY.test(d.iso) || d.iso === article.date) return [];
      const paragraph = article.paragraphs.find((p) => d.span.start >= p.start && d.span.start < p.end);
      return [{ date: d.iso, range: rangeOf(view, d.span), text: d.text, from: paragraph?.start ?? 0, to: paragraph?.end ?? 0 }];
    }),
  }));
  prepared.set(view, list);
  return list;
}

/** The last answer, kept while every view (each file's analysed version) and the entities are the same: asked again, it costs nothing. */
const lastAnswer = new WeakMap<Workspace, { key: string; views: readonly FileView[]; result: TimelineResult }>();

/** `newsLens/timeline`: publication days and resolved days of the workspace, a file, or one entity's articles. */
export function timeline(workspace: Workspace, params: TimelineParams | null): TimelineResult {
  const entity = typeof params?.entity === 'string' ? workspace.entities.resolve(params.entity) : undefined;
  const only = uriParam(params);
  const key = JSON.stringify([workspace.entities.generation, entity ?? null, only ?? null]);
  const views = only ? [workspace.currentViewOf(only)].filter((v): v is FileView => v !== undefined) : workspace.allViews();
  const last = lastAnswer.get(workspace);
  if (last?.key === key && last.views.length === views.length && last.views.every((v, i) => v === views[i])) return last.result;
  const resolved = new Map<string, string>();
  const resolve = (id: string): string => {
    let r = resolved.get(id);
    if (r === undefined) resolved.set(id, (r = workspace.entities.resolve(id)));
    return r;
  };
  const events: TimelineEvent[] = [];
  const named = new Map<string, { id: string; name: string; kind: EntityKind }>();
  const note = (id: string, name: string, kind: EntityKind): void => {
    if (!named.has(id)) named.set(id, { id, name: workspace.entities.entity(id)?.name ?? name, kind });
  };
  for (const view of views) {
    for (const article of articlesOf(view)) {
      const ids = article.mentions.map((m) => resolve(m.id));
      if (entity && !ids.includes(entity)) continue;
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      const top = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, EVENT_ENTITIES)
        .map(([id]) => id);
      article.mentions.forEach((m, i) => top.includes(ids[i]) && note(ids[i], m.name, m.kind));
      const base = { uri: view.uri, article: article.index, title: article.title, outlet: article.outlet };
      if (article.published) events.push({ ...base, date: article.published.date, kind: 'published', range: article.published.range, text: `published ${article.published.date}`, entities: top });
      for (const d of article.dated) {
        const inParagraph = article.mentions.flatMap((m, i) => (m.start >= d.from && m.start < d.to ? [i] : []));
        const near = [...new Set(inParagraph.map((i) => ids[i]))];
        if (entity && !near.includes(entity)) continue;
        for (const i of inParagraph) note(ids[i], article.mentions[i].name, article.mentions[i].kind);
        events.push({ ...base, date: d.date, kind: 'mentioned', range: d.range, text: d.text, entities: near.slice(0, EVENT_ENTITIES) });
      }
    }
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line));
  const result = { events, entities: [...named.values()] };
  lastAnswer.set(workspace, { key, views, result });
  return result;
}
