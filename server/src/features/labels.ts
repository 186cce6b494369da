import { randomUUID } from 'node:crypto';
import { CodeActionKind, ErrorCodes, ResponseError, type CodeAction } from 'vscode-languageserver/node';
import { anchorAt, resolveAnchor } from '../core/annotations';
import { agreement } from '../core/annotate/agreement';
import {
  articleStatuses,
  CURATED_ANNOTATOR,
  DEFAULT_ANNOTATOR,
  progressLine,
  progressOf,
  REVIEW_STATUSES,
  type HumanLayer,
  type NoteAnnotation,
  type ReviewAnnotation,
  type ReviewProgress,
  type ReviewStatus,
  type SpanAnnotation,
} from '../core/annotate/records';
import { labelNamed, type LabelSchema } from '../core/annotate/schema';
import type { Span } from '../core/model';
import { SchemaStore } from '../annotations/schemaStore';
import { annotatorsOf, humanRecords, labelled, layerOf, spanRecord, writeCurated } from '../annotations/work';
import type { AnnotationStore } from '../annotations/store';
import { onTypedRequest, type ServerContext } from '../context';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';
import type { HumanHoverLayer } from './hover';
import type { AnnotationFeatures } from './annotations';
import {
  AddNoteRequest,
  CandidateRequest,
  ConfirmRequest,
  CurateRequest,
  DisagreementsRequest,
  LabelRequest,
  LabelsRequest,
  ResolveNoteRequest,
  ReviewProgressRequest,
  SchemaRequest,
  SetReviewRequest,
  UnlabelRequest,
  WorkspaceLabelsRequest,
  ApplyLabelCommand,
  RemoveLabelCommand,
  SetLabelAttributeCommand,
  commandCall,
  type CommandDescriptor,
  type RequestDescriptor,
  type LabelledSpanInfo,
  type WorkspaceLabelsResult,
  type NoteInfo,
  type ReviewProgressInfo,
} from '../protocol';

/** Code-action commands of the light bulb on a labelled span. */
export const LABEL_COMMANDS = { setAttribute: SetLabelAttributeCommand.command, label: ApplyLabelCommand.command, unlabel: RemoveLabelCommand.command } as const;

/** Declares the provider of one typed request and returns it: the server registers it too, a test only calls it. */
export type Registrar = <P, R>(type: RequestDescriptor<P, R>, provide: (params: P) => Promise<R> | R) => (params: P) => Promise<R> | R;

/** What human annotation reads and writes: the workspace's views, its folder, and the annotations store. */
export interface LabelDeps {
  readonly workspace: Workspace;
  /** The workspace folder holding `.newslens/` (undefined without one). */
  folder(): string | undefined;
  readonly annotations: Pick<AnnotationFeatures, 'store' | 'writable'>;
  /** Re-applies corrections and tells clients to refresh, after a write. */
  refresh(): void;
  /** What to do with each request's provider besides returning it (the server registers it); nothing by default. */
  readonly on?: Registrar;
}

/**
 * Human annotation in the editor, over typed requests: the schema, labelling (by key, quick pick or
 * light bulb), unlabelled candidates and confirm, notes (the client shows them as comment threads;
 * every editor sees them in hovers), review status and progress, and curation between two annotators.
 * All reading and writing is the store's and the core's; this file only adapts. Each `provideX` answers
 * one typed request; `codeActions` and `commands` are the light bulb's; `humanLayer` is what the hover shows.
 */
export function createLabelFeatures(deps: LabelDeps) {
  const { annotations } = deps;
  const on: Registrar = deps.on ?? ((_type, provide) => provide);
  const schemaStore = (): SchemaStore | undefined => {
    const folder = deps.folder();
    if (!folder) return undefined;
    const s = new SchemaStore(folder);
    s.load();
    return s;
  };
  const schemaOf = (): LabelSchema => schemaStore()?.schema ?? { version: 1, spanLabels: [], relationLabels: [] };
  const annotatorOf = async (uri?: string): Promise<string> => (await deps.workspace.settings.get(uri)).annotator ?? DEFAULT_ANNOTATOR;
  const colorOf = (schema: LabelSchema, label: string) => labelNamed(schema, label)?.color ?? '#888888';

  const viewOf = async (uri: string): Promise<FileView> => {
    const view = await deps.workspace.viewOf(uri);
    if (!view) throw new ResponseError(ErrorCodes.InvalidParams, `News Lens: ${uri} is not an article file.`);
    return view;
  };
  const fileOf = (store: AnnotationStore, view: FileView): string => {
    const file = store.relativePath(view.uri);
    if (file === null) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: only files inside the workspace folder can be annotated.');
    return file;
  };
  const layer = (view: FileView, annotator?: string): HumanLayer => {
    const store = annotations.store();
    const file = store?.relativePath(view.uri);
    return store && file ? layerOf(store, file, view.text, annotator) : { spans: [], relations: [], notes: [], reviews: [], unresolved: [] };
  };
  const write = <T>(fn: (store: AnnotationStore) => T): T => {
    const store = annotations.writable();
    try {
      const result = fn(store);
      deps.refresh();
      return result;
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      throw new ResponseError(ErrorCodes.InvalidRequest, e instanceof Error ? e.message : String(e));
    }
  };
  const spanInfo = (view: FileView, schema: LabelSchema, s: HumanLayer['spans'][number]): LabelledSpanInfo => ({
    id: s.id,
    label: s.label,
    range: view.lines.rangeOf(s),
    annotator: s.annotator,
    attributes: { ...s.attributes },
    color: colorOf(schema, s.label),
  });
  const noteInfo = (view: FileView, n: HumanLayer['notes'][number]): NoteInfo => ({
    id: n.id,
    range: view.lines.rangeOf(n),
    annotator: n.annotator,
    text: n.text,
    createdAt: n.createdAt,
    resolved: n.resolved,
    replies: n.replies.map((r) => ({ ...r })),
  });
  const checkLabel = (schema: LabelSchema, label: unknown): string => {
    const problem = schemaStore()?.broken;
    if (typeof label !== 'string' || !labelNamed(schema, label)) {
      throw new ResponseError(ErrorCodes.InvalidParams, problem ? `News Lens: ${problem}` : `News Lens: "${String(label)}" is not a label of the schema (.newslens/schema.json).`);
    }
    return label;
  };
  /** Adds a span for the annotator, replacing theirs on exactly the same text. */
  const addSpan = async (view: FileView, span: Span, label: string, attributes?: SpanAnnotation['attributes']): Promise<LabelledSpanInfo> => {
    const schema = schemaOf();
    checkLabel(schema, label);
    const annotator = await annotatorOf(view.uri);
    const trimmed = view.text.slice(span.start, span.end);
    const lead = trimmed.length - trimmed.trimStart().length;
    const exact = { start: span.start + lead, end: span.start + lead + trimmed.trim().length };
    if (exact.end <= exact.start || exact.end - exact.start > 500) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: select the words to label (at most 500 characters).');
    const same = layer(view, annotator)
      .spans.filter((s) => s.start === exact.start && s.end === exact.end)
      .map((s) => s.id);
    return write((store) => {
      const record = spanRecord(fileOf(store, view), view.text, exact, label, annotator, attributes);
      store.update(same, [record]);
      return spanInfo(view, schema, { ...exact, id: record.id, label, annotator, attributes: attributes ?? {}, createdAt: record.createdAt });
    });
  };

  // Labels and notes in hovers, for every editor: the hover provider writes the card (features/hover.ts).
  const humanLayer = (view: FileView): HumanHoverLayer => ({ layer: layer(view), schema: schemaOf() });

  const provideSchema = on(SchemaRequest, async () => {
    const s = schemaStore();
    const schema = s?.schema ?? schemaOf();
    return {
      spanLabels: schema.spanLabels.map((l) => ({
        name: l.name,
        color: l.color,
        ...(l.key ? { key: l.key } : {}),
        attributes: l.attributes.map((a) => ({ name: a.name, ...(a.values ? { values: [...a.values] } : {}) })),
        ...(l.builtIn ? { builtIn: true } : {}),
      })),
      relationLabels: schema.relationLabels.map((r) => ({ name: r.name, from: [...r.from], to: [...r.to] })),
      ...(s?.broken ? { problem: s.broken } : {}),
      annotator: await annotatorOf(),
    };
  });

  const provideLabels = on(LabelsRequest, async (params) => {
    const view = await viewOf(params.textDocument.uri);
    const schema = schemaOf();
    const spans = layer(view, params.annotator ?? (await annotatorOf(view.uri)));
    return { spans: spans.spans.map((s) => spanInfo(view, schema, s)), notes: spans.notes.map((n) => noteInfo(view, n)) };
  });

  const provideWorkspaceLabels = on(WorkspaceLabelsRequest, async (params) => {
    const store = annotations.store();
    if (!store) return { labels: [] };
    const schema = schemaOf();
    const annotator = params?.annotator ?? (await annotatorOf());
    const files = new Set(
      humanRecords(store)
        .filter((r) => r.type === 'span' && r.annotator === annotator)
        .map((r) => r.file),
    );
    const byLabel = new Map<string, WorkspaceLabelsResult['labels'][number]>();
    for (const view of deps.workspace.allViews()) {
      const file = store.relativePath(view.uri);
      if (!file || !files.has(file)) continue;
      for (const s of layerOf(store, file, view.text, annotator).spans) {
        if (labelNamed(schema, s.label)?.builtIn) continue;
        const entry = byLabel.get(s.label) ?? { label: s.label, color: colorOf(schema, s.label), spans: [] };
        entry.spans.push({ uri: view.uri, range: view.lines.rangeOf(s), text: view.text.slice(s.start, s.end), annotator: s.annotator });
        byLabel.set(s.label, entry);
      }
    }
    return { labels: [...byLabel.values()].sort((a, b) => a.label.localeCompare(b.label)) };
  });

  const provideLabel = on(LabelRequest, async (params) => {
    const view = await viewOf(params.textDocument.uri);
    const start = view.lines.offsetAt(params.range.start);
    return addSpan(view, { start, end: view.lines.offsetAt(params.range.end) }, params.label, params.attributes);
  });

  const provideUnlabel = on(UnlabelRequest, async (params) => {
    const view = await viewOf(params.textDocument.uri);
    const annotator = await annotatorOf(view.uri);
    const offset = params.position ? view.lines.offsetAt(params.position) : -1;
    const ids = layer(view, annotator)
      .spans.filter((s) => s.id === params.id || (s.start <= offset && offset <= s.end))
      .map((s) => s.id);
    if (ids.length) write((store) => store.update(ids, []));
    return { removed: ids.length };
  });

  /** The machine's mentions the annotator has not labelled (no span of theirs overlaps), in order. */
  const candidates = (view: FileView, human: HumanLayer) => view.rawModel.articles.flatMap((a) => a.mentions).filter((m) => !human.spans.some((s) => s.start < m.span.end && m.span.start < s.end));

  const provideCandidate = on(CandidateRequest, async (params) => {
    const view = await viewOf(params.textDocument.uri);
    const open = candidates(view, layer(view, await annotatorOf(view.uri)));
    if (!open.length) return null;
    const offset = view.lines.offsetAt(params.position);
    const found =
      params.direction === 'next'
        ? (open.find((m) => m.span.start > offset) ?? open[0])
        : ([...open].reverse().find((m) => m.span.end < offset && !(m.span.start <= offset && offset <= m.span.end)) ?? open[open.length - 1]);
    return { range: view.lines.rangeOf(found.span), label: found.kind, text: found.text, remaining: open.length };
  });

  const provideConfirm = on(ConfirmRequest, async (params) => {
    const view = await viewOf(params.textDocument.uri);
    const offset = view.lines.offsetAt(params.position);
    const mention = view.mentionAt(offset) ?? view.rawModel.articles.flatMap((a) => a.mentions).find((m) => m.span.start <= offset && offset <= m.span.end);
    if (!mention) return null;
    return addSpan(view, mention.span, params.label ?? mention.kind);
  });

  const provideAddNote = on(AddNoteRequest, async (params) => {
    const view = await viewOf(params.textDocument.uri);
    if (!params.text.trim()) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: a note needs some text.');
    const annotator = await annotatorOf(view.uri);
    let span: Span = { start: view.lines.offsetAt(params.range.start), end: view.lines.offsetAt(params.range.end) };
    // A note on an empty range (a gutter click) is on its line.
    if (span.end <= span.start) span = { start: view.lines.offsetAt({ line: params.range.start.line, character: 0 }), end: view.lines.lineEndOffset(params.range.start.line) };
    if (span.end <= span.start) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: notes go on text, not on an empty line.');
    return write((store) => {
      const note: NoteAnnotation = {
        id: randomUUID(),
        type: 'note',
        file: fileOf(store, view),
        anchor: anchorAt(view.text, span),
        createdAt: new Date().toISOString(),
        annotator,
        text: params.text,
        ...(params.replyTo ? { replyTo: params.replyTo } : {}),
      };
      store.add(note);
      return { id: note.id, range: view.lines.rangeOf(span), annotator, text: note.text, createdAt: note.createdAt, resolved: false, replies: [] };
    });
  });

  const provideResolveNote = on(ResolveNoteRequest, (params) =>
    write((store) => {
      const note = store.all().find((c): c is NoteAnnotation => c.type === 'note' && c.id === params.id);
      if (!note) return { ok: false };
      store.add({ ...note, resolved: params.resolved });
      return { ok: true };
    }),
  );

  const info = (p: ReviewProgress): ReviewProgressInfo => ({ ...p, summary: progressLine(p) });
  const statusesOf = (view: FileView, annotator: string): ReviewStatus[] => articleStatuses(view.model.articles, layer(view, annotator).reviews);

  const provideSetReview = on(SetReviewRequest, async (params) => {
    const view = await viewOf(params.textDocument.uri);
    const article = view.model.articles[params.article];
    if (!article || !REVIEW_STATUSES.includes(params.status)) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: expected an article index and a status (unreviewed, in-progress, done).');
    const annotator = await annotatorOf(view.uri);
    // Anchored at the headline (or the article's first words): the text that names the article.
    const at = article.headlineSpan ?? { start: article.span.start, end: Math.min(article.span.end, view.lines.lineEndOffset(view.lines.positionAt(article.span.start).line)) };
    return write((store) => {
      // The annotator's older records for this article go: the file keeps one status per article and annotator.
      const file = fileOf(store, view);
      const old = humanRecords(store, file)
        .filter((r): r is ReviewAnnotation => r.type === 'review' && r.annotator === annotator)
        .filter((r) => {
          const found = resolveAnchor(view.text, r.anchor);
          return found !== null && found.start >= article.span.start && found.start < article.span.end;
        })
        .map((r) => r.id);
      const record: ReviewAnnotation = { id: randomUUID(), type: 'review', file, anchor: anchorAt(view.text, at), createdAt: new Date().toISOString(), annotator, status: params.status };
      store.update(old, [record]);
      return info(progressOf(statusesOf(view, annotator)));
    });
  });

  const provideReviewProgress = on(ReviewProgressRequest, async (params) => {
    const annotator = await annotatorOf();
    const views = params?.textDocument ? [await viewOf(params.textDocument.uri)] : deps.workspace.allViews();
    const files = views.map((view) => {
      const statuses = statusesOf(view, annotator);
      return { uri: view.uri, statuses, progress: info(progressOf(statuses)) };
    });
    return { files, total: info(progressOf(files.flatMap((f) => f.statuses))) };
  });

  const pair = (params: { a?: string; b?: string }): { a: string; b: string } | string => {
    if (params.a && params.b) return { a: params.a, b: params.b };
    const store = annotations.store();
    const names = store ? annotatorsOf(humanRecords(store)).filter((n) => n !== CURATED_ANNOTATOR) : [];
    return names.length === 2 ? { a: names[0], b: names[1] } : `Curation compares two annotators; this workspace has ${names.length ? names.join(', ') : 'none'}.`;
  };

  const provideDisagreements = on(DisagreementsRequest, (params) => {
    const who = pair(params ?? {});
    if (typeof who === 'string') return { a: '', b: '', disagreements: [], problem: who };
    const store = annotations.store();
    const views = deps.workspace.allViews();
    const disagreements = views.flatMap((view) => {
      const file = store?.relativePath(view.uri);
      if (!store || !file) return [];
      const a = labelled(layerOf(store, file, view.text, who.a));
      const b = labelled(layerOf(store, file, view.text, who.b));
      const side = (list: typeof a) => list.map((s) => ({ label: s.label, range: view.lines.rangeOf(s), text: view.text.slice(s.start, s.end) }));
      return agreement(who.a, who.b, [{ file, text: view.text, a, b }]).disagreements.map((d) => ({
        id: d.id,
        uri: view.uri,
        range: view.lines.rangeOf(d),
        text: d.text,
        kind: d.kind,
        a: side(d.a),
        b: side(d.b),
      }));
    });
    return { ...who, disagreements };
  });

  const provideCurate = on(CurateRequest, (params) => {
    const file = params.id.slice(0, params.id.lastIndexOf('@'));
    const view = deps.workspace.allViews().find((v) => annotations.store()?.relativePath(v.uri) === file);
    if (!view) throw new ResponseError(ErrorCodes.InvalidParams, `News Lens: no article file ${file}.`);
    const decision = params.decision;
    if (typeof decision === 'object') checkLabel(schemaOf(), decision.label);
    return write((store) => {
      const { written } = writeCurated(store, file, view.text, params.a, params.b, (d) => {
        if (d.id !== params.id) return undefined;
        if (typeof decision === 'object') return { spans: [{ start: d.start, end: d.end, label: decision.label }] };
        return { take: decision };
      });
      return { written };
    });
  });

  // The light bulb on a labelled span: its attributes, and removing it; on a selection: each label.
  const codeActions = (view: FileView, start: number, end: number): CodeAction[] => {
    const schema = schemaOf();
    const actions: CodeAction[] = [];
    const action = <A extends readonly unknown[]>(title: string, type: CommandDescriptor<A>, args: A): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      command: commandCall(type, title, args),
    });
    const store = annotations.store();
    const file = store?.relativePath(view.uri);
    const mine = store && file ? humanRecords(store, file).filter((r): r is SpanAnnotation => r.type === 'span') : [];
    const here = layer(view).spans.filter((s) => s.start <= start && start <= s.end);
    for (const s of here) {
      const label = labelNamed(schema, s.label);
      for (const a of label?.attributes ?? []) {
        if (!a.values)
          actions.push(
            action(`${s.attributes[a.name] === true ? 'Clear' : 'Set'} ${a.name} on ${s.label} “${view.text.slice(s.start, s.end)}”`, SetLabelAttributeCommand, [
              s.id,
              a.name,
              s.attributes[a.name] !== true,
            ]),
          );
        else
          for (const v of a.values)
            if (s.attributes[a.name] !== v) actions.push(action(`${a.name}: ${v} (${s.label} “${view.text.slice(s.start, s.end)}”)`, SetLabelAttributeCommand, [s.id, a.name, v]));
      }
      if (mine.some((r) => r.id === s.id)) actions.push(action(`Remove label ${s.label} (${s.annotator})`, RemoveLabelCommand, [s.id]));
    }
    if (end > start && end - start <= 500 && !here.some((s) => s.start === start && s.end === end)) {
      for (const l of schema.spanLabels.filter((x) => !x.builtIn))
        actions.push(action(`Label “${view.text.slice(start, end).trim().slice(0, 40)}” as ${l.name}${l.key ? ` (${l.key})` : ''}`, ApplyLabelCommand, [view.uri, start, end, l.name]));
    }
    return actions;
  };

  // The commands check their arguments: other clients may send anything.
  const commands: Record<string, (args: unknown[]) => unknown> = {
    [LABEL_COMMANDS.setAttribute]: (args) => {
      const [id, name, value] = args;
      if (typeof id !== 'string' || typeof name !== 'string' || (typeof value !== 'boolean' && typeof value !== 'string'))
        throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: expected a span id, an attribute and a value.');
      return write((store) => {
        const span = store.all().find((c): c is SpanAnnotation => c.type === 'span' && c.id === id);
        if (!span) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: that label is gone.');
        const attributes = { ...(span.attributes ?? {}) };
        if (value === false) delete attributes[name];
        else attributes[name] = value;
        store.add({ ...span, attributes });
        return null;
      });
    },
    [LABEL_COMMANDS.label]: async (args) => {
      const [uri, start, end, label] = args;
      if (typeof uri !== 'string' || typeof start !== 'number' || typeof end !== 'number' || typeof label !== 'string')
        throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: expected a document, a range and a label.');
      return addSpan(await viewOf(uri), { start, end }, label);
    },
    [LABEL_COMMANDS.unlabel]: (args) => {
      if (typeof args[0] !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: which label?');
      const id = args[0];
      return write((store) => store.update([id], []));
    },
  };

  return {
    // One provider per typed request (LabelFeatures is this object's type).
    provideSchema,
    provideLabels,
    provideWorkspaceLabels,
    provideLabel,
    provideUnlabel,
    provideCandidate,
    provideConfirm,
    provideAddNote,
    provideResolveNote,
    provideSetReview,
    provideReviewProgress,
    provideDisagreements,
    provideCurate,
    codeActions,
    commands,
    humanLayer,
  };
}

/** Human annotation's providers, the light bulb's actions and commands, and the hover's human layer. */
export type LabelFeatures = ReturnType<typeof createLabelFeatures>;

/** Registers human annotation's typed requests, its light-bulb actions and commands; returns the features (the hover reads their human layer). */
export function registerLabelFeatures(context: ServerContext, annotations: AnnotationFeatures): LabelFeatures {
  const features = createLabelFeatures({
    workspace: context.workspace,
    folder: () => context.folders[0],
    annotations,
    refresh: () => context.refresh(),
    on: (type, provide) => {
      onTypedRequest(context, type, provide);
      return provide;
    },
  });
  annotations.extendCodeActions(features.codeActions);
  annotations.extendCommands(features.commands);
  return features;
}
