import { randomUUID } from 'node:crypto';
import { CodeActionKind, DiagnosticSeverity, ResponseError, ErrorCodes, type CodeAction, type CodeActionParams, type Diagnostic, type ExecuteCommandParams } from 'vscode-languageserver/node';
import { anchorAt, describeCorrection, type AnnotationEntry, type Correction } from '../core/annotations';
import type { EntityKind, Span } from '../core/model';
import { LineIndex } from '../core/lineIndex';
import { AnnotationStore, assertNotLink, correctionLayer, ensureFolderInside } from '../annotations/store';
import { renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AddEntityCommand,
  ExportCommand,
  NotEntityCommand,
  ReloadCorrectionsCommand,
  RemoveCorrectionCommand,
  SameEntityCommand,
  SetKindCommand,
  SetSpeakerCommand,
  UndoCorrectionCommand,
  commandCall,
  type CommandDescriptor,
} from '../protocol';
import { EXPORT_FORMATS, exportDocument, exportExtras, isExportFormat } from '../core/export';
import { fileNameOf, guard, type ServerContext } from '../context';
import { uriToPath } from '../util/uri';
import type { FileView } from '../workspace/fileView';
import { SchemaStore } from '../annotations/schemaStore';
import { annotatorsOf, exportAnnotator, humanRecords, layerOf } from '../annotations/work';
import { articleStatuses } from '../core/annotate/records';
import type { Workspace } from '../workspace/workspace';

/** The commands behind the correction code actions (also callable by other clients). */
export const ANNOTATION_COMMANDS = {
  setKind: SetKindCommand.command,
  notEntity: NotEntityCommand.command,
  sameEntity: SameEntityCommand.command,
  addEntity: AddEntityCommand.command,
  setSpeaker: SetSpeakerCommand.command,
  remove: RemoveCorrectionCommand.command,
  undo: UndoCorrectionCommand.command,
  reload: ReloadCorrectionsCommand.command,
  export: ExportCommand.command,
} as const;

const KIND_LABEL: Record<EntityKind, string> = { person: 'Person', place: 'Place', organization: 'Organization' };
const KINDS: readonly EntityKind[] = ['person', 'place', 'organization'];
const MAX_CHOICES = 5;

/**
 * User corrections: code actions on a mention, a selection or a quotation; the commands that store
 * them in `.newslens/annotations.json`; the correction layer that applies them to every model; and
 * Problems entries for corrections whose text can no longer be found.
 */
export interface AnnotationFeatures {
  /** The commands to declare in `executeCommandProvider`. */
  readonly commands: string[];
  /** Loads the corrections once the workspace folders are known. */
  start(): void;
  /** The annotations file changed on disk (another window, an editor, git): read it again. */
  onFileChanged(uri: string): boolean;
  /** The store, loaded on first use (undefined without a workspace folder). */
  store(): AnnotationStore | undefined;
  /** The store for a write: refuses (with the reason) when untrusted, without a folder, or broken. */
  writable(): AnnotationStore;
  /** More commands (for code actions of other annotation features); call before `initialize`. */
  extendCommands(commands: Record<string, (args: unknown[]) => unknown>): void;
  /** More code actions on the same light bulb. */
  extendCodeActions(provide: (view: FileView, start: number, end: number) => CodeAction[]): void;
}

export function registerAnnotationFeatures(context: ServerContext): AnnotationFeatures {
  let store: AnnotationStore | undefined;
  const added: string[] = [];
  const reported = new Map<string, string>();
  const extraCommands: Record<string, (args: unknown[]) => unknown> = {};
  const extraActions: ((view: FileView, start: number, end: number) => CodeAction[])[] = [];

  const publishUnresolved = (uri: string, unresolved: readonly AnnotationEntry[], text: string): void => {
    const lines = unresolved.length ? new LineIndex(text) : undefined;
    // Shown where the text was when the correction was made (clamped to the document; a line's start).
    const where = (c: AnnotationEntry) => {
      const at = lines!.positionAt(Math.max(0, Math.min(text.length, c.anchor.start)));
      return { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } };
    };
    const key = unresolved.map((c) => `${c.id}@${where(c).start.line}`).join(',');
    if ((reported.get(uri) ?? '') === key) return;
    reported.set(uri, key);
    const diagnostics: Diagnostic[] = unresolved.map((c) => ({
      range: where(c),
      severity: DiagnosticSeverity.Warning,
      source: 'News Lens',
      message: `A correction (${describeCorrection(c)}) no longer matches the text (or its entity is no longer found there); it is kept in .newslens/annotations.json.`,
    }));
    void context.connection.sendDiagnostics({ uri, diagnostics });
  };

  const ensureStore = (): AnnotationStore | undefined => {
    if (store) return store;
    const folder = context.folders[0];
    if (!folder) return undefined;
    store = new AnnotationStore(folder);
    const problem = store.load();
    if (problem) void context.connection.window.showWarningMessage(`News Lens: ${problem}`);
    context.setCorrectionLayer(correctionLayer(store, publishUnresolved));
    return store;
  };

  const writableStore = (): AnnotationStore => {
    if (!context.trusted) throw new ResponseError(ErrorCodes.InvalidRequest, 'News Lens: corrections are saved only in trusted workspaces; nothing was written.');
    const s = ensureStore();
    if (!s) throw new ResponseError(ErrorCodes.InvalidRequest, 'News Lens: corrections need a workspace folder to keep .newslens/annotations.json in.');
    if (s.broken) throw new ResponseError(ErrorCodes.InvalidRequest, `News Lens: ${s.broken}`);
    return s;
  };

  const viewAndOffset = async (uri: unknown, offset: unknown): Promise<{ view: FileView; offset: number }> => {
    if (typeof uri !== 'string' || typeof offset !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: expected a document URI and an offset.');
    const view = await context.workspace.viewOf(uri);
    if (!view) throw new ResponseError(ErrorCodes.InvalidParams, `News Lens: ${uri} is not an article file.`);
    return { view, offset };
  };

  const record = (s: AnnotationStore, view: FileView, span: Span, fields: Record<string, unknown>): Correction => {
    const file = s.relativePath(view.uri);
    if (file === null) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: only files inside the workspace folder can be corrected.');
    const correction = { id: randomUUID(), file, anchor: anchorAt(view.text, span), createdAt: new Date().toISOString(), ...fields } as Correction;
    s.add(correction);
    added.push(correction.id);
    context.refresh();
    return correction;
  };

  context.connection.onExecuteCommand(
    guard(context, 'executeCommand', async (params: ExecuteCommandParams): Promise<unknown> => {
      const args: readonly unknown[] = params.arguments ?? [];
      switch (params.command) {
        case ANNOTATION_COMMANDS.setKind:
        case ANNOTATION_COMMANDS.notEntity:
        case ANNOTATION_COMMANDS.sameEntity: {
          const { view, offset } = await viewAndOffset(args[0], args[1]);
          // The machine's own mention keys entity-wide corrections (its id is what every file's analysis
          // gives); a mention the user added (no machine mention with the same span) keys by its added id.
          const visible = view.mentionAt(offset);
          const raw = rawMentionAt(view, offset);
          const mention = raw && (!visible || (raw.span.start === visible.span.start && raw.span.end === visible.span.end)) ? raw : visible;
          if (!mention) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: no entity mention there.');
          const s = writableStore();
          if (params.command === ANNOTATION_COMMANDS.setKind) {
            const kind = args[2];
            if (kind !== 'person' && kind !== 'place' && kind !== 'organization') throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: the kind must be person, place or organization.');
            return record(s, view, mention.span, { type: 'set-kind', entityId: mention.entityId, entityKind: kind });
          }
          if (params.command === ANNOTATION_COMMANDS.notEntity) return record(s, view, mention.span, { type: 'not-entity', entityId: mention.entityId });
          if (typeof args[2] !== 'string' || typeof args[3] !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: "Same entity as…" needs the target entity id and name.');
          return record(s, view, mention.span, { type: 'same-entity', entityId: mention.entityId, targetId: args[2], targetName: args[3] });
        }
        case ANNOTATION_COMMANDS.addEntity: {
          const { view, offset } = await viewAndOffset(args[0], args[1]);
          const end = args[2];
          const kind = args[3];
          if (typeof end !== 'number' || end <= offset || end - offset > 200) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: select the words to add (at most 200 characters).');
          if (kind !== 'person' && kind !== 'place' && kind !== 'organization') throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: the kind must be person, place or organization.');
          const text = view.text.slice(offset, end).trim();
          const start = offset + view.text.slice(offset, end).indexOf(text);
          return record(writableStore(), view, { start, end: start + text.length }, { type: 'add-entity', entityKind: kind });
        }
        case ANNOTATION_COMMANDS.setSpeaker: {
          const { view, offset } = await viewAndOffset(args[0], args[1]);
          const quote = view.quoteAt(offset);
          if (!quote) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: no quotation there.');
          const speakerId = typeof args[2] === 'string' ? args[2] : null;
          const speaker = typeof args[3] === 'string' ? args[3] : null;
          return record(writableStore(), view, quote.span, { type: 'set-speaker', speaker, speakerId });
        }
        case ANNOTATION_COMMANDS.remove: {
          if (typeof args[0] !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: which correction?');
          const removed = writableStore().remove(args[0]);
          context.refresh();
          return removed ?? null;
        }
        case ANNOTATION_COMMANDS.undo: {
          const s = writableStore();
          const last = added.pop();
          if (!last) {
            void context.connection.window.showInformationMessage('News Lens: no correction of this session to undo.');
            return null;
          }
          const removed = s.remove(last);
          context.refresh();
          return removed ?? null;
        }
        case ANNOTATION_COMMANDS.reload: {
          const s = ensureStore();
          const problem = s?.load();
          if (problem) void context.connection.window.showWarningMessage(`News Lens: ${problem}`);
          context.refresh();
          return null;
        }
        case ANNOTATION_COMMANDS.export: {
          // Args: format, then optionally one document URI (else every article file of the workspace).
          // Positional [format, uri?] or one object { format, uri? }.
          const named = typeof args[0] === 'object' && args[0] !== null ? (args[0] as { format?: unknown; uri?: unknown }) : undefined;
          let format = named ? named.format : args[0];
          const onlyUri = named ? named.uri : args[1];
          // From the command palette (no arguments): ask for the format; the whole workspace is exported.
          if (format === undefined) {
            const picked = await context.connection.window.showInformationMessage('News Lens: export the annotations of the workspace as…', ...EXPORT_FORMATS.map((f) => ({ title: f })));
            if (!picked) return null;
            format = picked.title;
          }
          if (!isExportFormat(format)) throw new ResponseError(ErrorCodes.InvalidParams, 'News Lens: export format must be json, brat, conll or webanno.');
          if (!context.trusted) throw new ResponseError(ErrorCodes.InvalidRequest, 'News Lens: exports are written only in trusted workspaces; nothing was written.');
          const folder = context.folders[0];
          if (!folder) throw new ResponseError(ErrorCodes.InvalidRequest, 'News Lens: exports need a workspace folder.');
          const views = typeof onlyUri === 'string' ? [await context.workspace.viewOf(onlyUri)].filter((v): v is FileView => v !== undefined) : context.workspace.allViews();
          const outDir = path.join(folder, '.newslens', 'export', format);
          try {
            ensureFolderInside(folder, outDir);
          } catch (e) {
            throw new ResponseError(ErrorCodes.InvalidRequest, e instanceof Error ? e.message : String(e));
          }
          const written: string[] = [];
          const used = new Set<string>();
          // Only a workspace with human annotations adds them (the JSON export stays as it was otherwise).
          const humanStore = ((s) => (s && humanRecords(s).length ? s : undefined))(ensureStore());
          const annotator = humanStore ? exportAnnotator(humanStore) : undefined;
          const write = (name: string, content: string): void => {
            const target = path.join(outDir, name);
            // Names come from file names without folders: nothing can leave the export folder.
            if (path.dirname(target) !== outDir) throw new ResponseError(ErrorCodes.InvalidParams, `News Lens: refusing to write ${name}`);
            try {
              assertNotLink(target);
            } catch (e) {
              throw new ResponseError(ErrorCodes.InvalidRequest, e instanceof Error ? e.message : String(e));
            }
            const temporary = `${target}.${process.pid}.tmp`;
            writeFileSync(temporary, content);
            renameSync(temporary, target);
            written.push(target);
          };
          for (const view of views) {
            const base = fileNameOf(view.uri).replace(/\.[^.]*$/, '') || 'document';
            let stem = base;
            for (let n = 2; used.has(stem); n++) stem = `${base}-${n}`;
            used.add(stem);
            // Human labels ride along: the curated set when there is one, else everyone's (README "Annotating a corpus").
            const rel = humanStore?.relativePath(view.uri);
            const layer = humanStore && rel ? layerOf(humanStore, rel, view.text, annotator) : undefined;
            const human = layer ? { layer, reviews: articleStatuses(view.model.articles, layer.reviews) } : undefined;
            for (const f of exportDocument(format, stem, uriToPath(view.uri) ?? view.uri, view.uri, view.text, view.model, human)) write(f.name, f.content);
          }
          const schema = new SchemaStore(folder);
          schema.load();
          const annotators = humanStore ? annotatorsOf(humanRecords(humanStore)).filter((n) => !annotator || n === annotator) : [];
          if (views.length) for (const f of exportExtras(format, schema.schema, annotators)) write(f.name, f.content);
          void context.connection.window.showInformationMessage(`News Lens: exported ${views.length} file${views.length === 1 ? '' : 's'} as ${format} to ${outDir}`);
          return written;
        }
        default:
          if (extraCommands[params.command]) return extraCommands[params.command]([...args]);
          throw new ResponseError(ErrorCodes.MethodNotFound, `News Lens: unknown command ${params.command}`);
      }
    }),
  );

  context.connection.onCodeAction(
    guard(context, 'codeAction', (params: CodeActionParams) => provideCodeActions(context.workspace, params, { store: ensureStore(), trusted: context.trusted }, extraActions)),
  );

  const commands: string[] = Object.values(ANNOTATION_COMMANDS);
  return {
    commands,
    store: ensureStore,
    writable: writableStore,
    extendCommands: (more) => {
      Object.assign(extraCommands, more);
      commands.push(...Object.keys(more));
    },
    extendCodeActions: (provide) => extraActions.push(provide),
    start: () => {
      try {
        ensureStore();
      } catch (e) {
        context.log(`News Lens: annotations: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    onFileChanged: (uri: string) => {
      if (!store || uri !== store.uri) return false;
      const problem = store.load();
      if (problem) void context.connection.window.showWarningMessage(`News Lens: ${problem}`);
      context.refresh();
      return true;
    },
  };
}

/** The machine's mention under an offset (before corrections), so a corrected mention can still be found. */
function rawMentionAt(view: FileView, offset: number) {
  return view.rawModel.articles.flatMap((a) => a.mentions).find((m) => m.span.start <= offset && offset <= m.span.end);
}

/**
 * The correction code actions at a range: re-kind, drop or merge the mention's entity, add the
 * selection as an entity, set a quotation's speaker, and remove a correction touching it. Disabled,
 * with the reason, in an untrusted workspace.
 */
export async function provideCodeActions(
  workspace: Workspace,
  params: CodeActionParams,
  corrections: { readonly store: AnnotationStore | undefined; readonly trusted: boolean },
  /** More actions on the same light bulb (the labels feature's). */
  extraActions: readonly ((view: FileView, start: number, end: number) => CodeAction[])[] = [],
): Promise<CodeAction[] | null> {
  const view = await workspace.viewOf(params.textDocument.uri);
  if (!view || view.model.layoutOnly) return null;
  const s = corrections.store;
  const uri = view.uri;
  const start = view.lines.offsetAt(params.range.start);
  const end = view.lines.offsetAt(params.range.end);
  const actions: CodeAction[] = [];
  const action = <A extends readonly unknown[]>(title: string, type: CommandDescriptor<A>, args: A): CodeAction => ({ title, kind: CodeActionKind.QuickFix, command: commandCall(type, title, args) });
  const mention = view.mentionAt(start);
  const raw = rawMentionAt(view, start);
  if (mention) {
    for (const kind of KINDS) if (kind !== mention.kind) actions.push(action(`Mark “${mention.text}” as ${KIND_LABEL[kind]}`, SetKindCommand, [uri, mention.span.start, kind]));
    actions.push(action(`Not an entity: “${mention.text}”`, NotEntityCommand, [uri, mention.span.start]));
    const others = view.model.entities.filter((e) => e.kind === mention.kind && e.id !== mention.entityId).slice(0, MAX_CHOICES);
    for (const e of others) actions.push(action(`Same entity as ${e.name}`, SameEntityCommand, [uri, mention.span.start, e.id, e.name]));
  }
  // A selection that is not exactly a mention (more words, or part of one) can be added as an entity.
  const selected = view.text.slice(start, end).trim();
  if (end > start && end - start <= 200 && selected && selected !== mention?.text) {
    for (const kind of KINDS) actions.push(action(`Add entity: “${view.text.slice(start, end).trim()}” as ${KIND_LABEL[kind]}`, AddEntityCommand, [uri, start, end, kind]));
  }
  const quote = view.quoteAt(start);
  if (quote && !quote.scare) {
    const article = view.model.articles[quote.article];
    const people = [...new Map((article?.mentions ?? []).filter((m) => m.kind === 'person').map((m) => [m.entityId, m])).values()];
    people.sort((a, b) => Math.abs(a.span.start - quote.span.start) - Math.abs(b.span.start - quote.span.start));
    for (const p of people.slice(0, MAX_CHOICES)) {
      const name = view.model.entities.find((e) => e.id === p.entityId)?.name ?? p.name;
      if (p.entityId !== quote.speakerId) actions.push(action(`Set speaker: ${name}`, SetSpeakerCommand, [uri, quote.span.start, p.entityId, name]));
    }
    if (quote.speaker) actions.push(action('Set speaker: unattributed', SetSpeakerCommand, [uri, quote.span.start, null, null]));
  }
  // "Remove my correction" wherever a correction touches what is under the cursor.
  if (s) {
    const rel = s.relativePath(uri);
    for (const c of s.all()) {
      const touches =
        ((c.type === 'set-kind' || c.type === 'not-entity' || c.type === 'same-entity') && (raw?.entityId === c.entityId || mention?.entityId === c.entityId)) ||
        (c.type === 'add-entity' && mention?.text === c.anchor.exact) ||
        (c.type === 'set-speaker' && c.file === rel && quote !== undefined && view.text.slice(quote.span.start, quote.span.end) === c.anchor.exact);
      if (touches) actions.push(action(`Remove my correction (${describeCorrection(c)})`, RemoveCorrectionCommand, [c.id]));
    }
  }
  for (const provide of extraActions) actions.push(...provide(view, start, end));
  if (!corrections.trusted && actions.length) {
    return actions.map((a) => ({ ...a, disabled: { reason: 'Corrections are saved only in trusted workspaces.' } }));
  }
  return actions;
}
