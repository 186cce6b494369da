import type { CorpusDatabase } from '../archive/database';
import { storedFileIds } from '../archive/storiesSchema';
import { storedTimeline } from '../archive/timelineSchema';
import type { EntityKind } from '../core/model';
import { fileNameOf } from '../context';
import type { TimelineEvent, TimelineParams, TimelineResult } from '../protocol';
import { pathToUri, uriToPath } from '../util/uri';
import { KeptAnswers, keptQuestion } from './keptAnswers';
import { answerValue, type Answer } from '../util/rawJson';
import type { FileView } from '../workspace/fileView';
import { sampleRank, timelineArticles, type TimelinePoint } from '../workspace/timelinePoints';
import type { Workspace } from '../workspace/workspace';

/** Entities listed per timeline event: enough to filter and label, few enough to stay small. */
const EVENT_ENTITIES = 12;
/** Events in one answer unless asked otherwise: the 10,000 bench files hold 48,024 (an even sample of them is shown). */
const DEFAULT_EVENTS = 5_000;
const MAX_EVENTS = 50_000;

export function outletOf(a: { source: string | null; uri: string }): string {
  return a.source?.trim() || fileNameOf(a.uri);
}

export function uriParam(params: { textDocument?: { uri?: unknown } } | null | undefined): string | undefined {
  const uri = params?.textDocument?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

/** An event before the limit: the answer's event and its sample rank. */
interface Ranked {
  readonly rank: number;
  readonly event: TimelineEvent;
}

interface Question {
  readonly entity: string | undefined;
  readonly outlet: string | undefined;
  readonly limit: number;
}

/** The event of a point whose ids are resolved; undefined when it does not name the entity asked for. */
function eventOf(
  point: Pick<TimelinePoint, 'kind' | 'date' | 'range' | 'text' | 'ids' | 'counts'>,
  base: Pick<TimelineEvent, 'uri' | 'article' | 'title' | 'outlet'>,
  resolve: (id: string) => string,
  entity: string | undefined,
): TimelineEvent | undefined {
  const ids = point.ids.map(resolve);
  if (entity && !ids.includes(entity)) return undefined;
  let entities: string[];
  if (point.counts) {
    // The article's most named entities (ids merged across files add up), first named first among equals.
    const counts = new Map<string, number>();
    ids.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + point.counts![i]));
    entities = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, EVENT_ENTITIES)
      .map(([id]) => id);
  } else entities = [...new Set(ids)].slice(0, EVENT_ENTITIES);
  return { ...base, date: point.date, kind: point.kind, range: point.range, text: point.text, entities };
}

/** The events of files in memory (open documents, files the database does not hold, or every file without one). */
function fromViews(views: readonly FileView[], question: Question, resolve: (id: string) => string): Ranked[] {
  const found: Ranked[] = [];
  for (const view of views) {
    const file = uriToPath(view.uri) ?? view.uri;
    for (const article of timelineArticles(view)) {
      const outlet = outletOf({ source: article.source, uri: view.uri });
      if (question.outlet !== undefined && outlet !== question.outlet) continue;
      const base = { uri: view.uri, article: article.index, title: article.title, outlet };
      for (const point of article.points) {
        const event = eventOf(point, base, resolve, question.entity);
        if (event) found.push({ rank: sampleRank(file, article.index, point), event });
      }
    }
  }
  return found;
}

/** The last answer, kept while every view (each file's analysed version) and the entities are the same: asked again, it costs nothing. */
const lastAnswer = new WeakMap<Workspace, { key: string; views: readonly FileView[]; result: TimelineResult }>();

/**
 * `newsLens/timeline`: publication days and resolved days of the workspace, a file, or one entity's
 * articles. Over the workspace with a corpus database, the stored files' events are read from it (a count
 * and the lowest sample ranks); open documents and files it does not hold from their views.
 */
export function timeline(workspace: Workspace, params: TimelineParams | null, db?: CorpusDatabase, log: (message: string) => void = () => undefined): TimelineResult {
  return answerValue(timelineAnswer(workspace, params, db, log, false));
}

/**
 * `timeline` as a request sends it: a kept answer as kept (over stdio its JSON is written as it is, util/rawJson.ts),
 * unless `asKept` is false.
 */
export function timelineAnswer(workspace: Workspace, params: TimelineParams | null, db?: CorpusDatabase, log: (message: string) => void = () => undefined, asKept = true): Answer<TimelineResult> {
  const outlet = typeof params?.outlet === 'string' && params.outlet ? params.outlet : undefined;
  const limit = Math.max(1, Math.min(MAX_EVENTS, Math.floor(typeof params?.limit === 'number' && params.limit > 0 ? params.limit : DEFAULT_EVENTS)));
  const only = uriParam(params);
  const fromDb = !only && db !== undefined;
  let views: FileView[];
  if (only) views = [workspace.currentViewOf(only)].filter((v): v is FileView => v !== undefined);
  else views = fromDb ? workspace.memoryViews() : workspace.allViews();
  // The workspace's timeline while the database holds all of it: the answer kept there, read before the entity
  // table is needed (a reopen built it for the first question: ~2 s at 10,000 files).
  const entityParam = typeof params?.entity === 'string' ? params.entity : null;
  const keptName = fromDb && db ? keptQuestion(workspace, db, views, `timeline:${JSON.stringify([entityParam, outlet ?? null, limit])}`) : undefined;
  const stored = db && keptName ? (asKept ? keptTimelines.readAnswer(workspace, db, keptName, log) : keptTimelines.read(workspace, db, keptName, log)) : undefined;
  if (stored) return stored;
  const entity = entityParam !== null ? workspace.entities.resolve(entityParam) : undefined;
  const question: Question = { entity, outlet, limit };
  const key = JSON.stringify([workspace.entities.generation, entity ?? null, only ?? null, question.outlet ?? null, question.limit, fromDb]);
  const last = lastAnswer.get(workspace);
  if (last?.key === key && last.views.length === views.length && last.views.every((v, i) => v === views[i])) return last.result;
  const resolved = new Map<string, string>();
  const resolve = (id: string): string => {
    let r = resolved.get(id);
    if (r === undefined) resolved.set(id, (r = workspace.entities.resolve(id)));
    return r;
  };
  const ranked = fromViews(views, question, resolve);
  let total = ranked.length;
  if (fromDb) {
    const stored = storedTimeline(db.sql, {
      members: entity === undefined ? undefined : workspace.entities.members(entity),
      outlet: question.outlet,
      excluded: storedFileIds(db.sql, workspace.openPaths()),
      limit: question.limit,
    });
    total += stored.total;
    for (const p of stored.points) {
      const uri = pathToUri(p.path);
      const event = eventOf(p, { uri, article: p.article, title: p.title, outlet: outletOf({ source: p.source, uri }) }, resolve, entity);
      if (event) ranked.push({ rank: p.rank, event });
    }
  }
  // Over the limit, the events of lowest rank: the same sample whatever holds the files.
  const kept = ranked.length > question.limit ? ranked.sort((a, b) => a.rank - b.rank || compareEvents(a.event, b.event)).slice(0, question.limit) : ranked;
  const events = kept.map((r) => r.event).sort(compareEvents);
  const named = new Map<string, { id: string; name: string; kind: EntityKind }>();
  for (const e of events) {
    for (const id of e.entities) {
      if (named.has(id)) continue;
      const known = workspace.entities.entity(id);
      const colon = id.indexOf(':');
      named.set(id, { id, name: known?.name ?? id.slice(colon + 1), kind: known?.kind ?? (id.slice(0, colon) as EntityKind) });
    }
  }
  const result = { events, total, entities: [...named.values()] };
  lastAnswer.set(workspace, { key, views, result });
  if (db && keptName) keptTimelines.keep(workspace, db, keptName, result, log);
  return result;
}
const keptTimelines = new KeptAnswers<TimelineResult>();

function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : a.uri < b.uri
        ? -1
        : a.uri > b.uri
          ? 1
          : a.article - b.article || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);
}
