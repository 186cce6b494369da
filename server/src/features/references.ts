import type { DefinitionParams, DocumentHighlight, DocumentHighlightParams, Location, ReferenceParams } from 'vscode-languageserver/node';
import { DocumentHighlightKind } from 'vscode-languageserver/node';
import { guard, rangeOf, type ServerContext } from '../context';
import type { Workspace } from '../workspace/workspace';

/** Every mention of the entity under the cursor in every article file of the workspace, open or not. */
export async function provideReferences(workspace: Workspace, params: ReferenceParams): Promise<Location[] | null> {
  const view = await workspace.viewOf(params.textDocument.uri);
  if (!view) return null;
  const mention = view.mentionAt(view.lines.offsetAt(params.position));
  if (!mention) return [];
  // Open documents from memory, every other file from the corpus database (or memory without one).
  return workspace.entities.mentions(mention.entityId, false).map(({ uri, range }) => ({ uri, range }));
}

/**
 * Go to definition: the entity's first mention in the workspace (files in path order, then by
 * position), where a reader first meets it; this file's first mention when the index does not
 * know the entity (yet).
 */
export async function provideDefinition(workspace: Workspace, params: DefinitionParams): Promise<Location | null> {
  const view = await workspace.viewOf(params.textDocument.uri);
  if (!view) return null;
  const mention = view.mentionAt(view.lines.offsetAt(params.position));
  if (!mention) return null;
  const found = workspace.entities.mentions(mention.entityId, false)[0];
  if (found) return { uri: found.uri, range: found.range };
  const first = view.firstMentionOf(mention.entityId);
  return first ? { uri: view.uri, range: rangeOf(view, first.span) } : null;
}

/** The same entity in the current file. */
export async function provideDocumentHighlights(workspace: Workspace, params: DocumentHighlightParams): Promise<DocumentHighlight[] | null> {
  const view = await workspace.viewOf(params.textDocument.uri);
  if (!view) return null;
  const mention = view.mentionAt(view.lines.offsetAt(params.position));
  if (!mention) return [];
  return view.mentions
    .filter((m) => m.entityId === mention.entityId)
    .map((m) => ({ range: rangeOf(view, m.span), kind: view.isSpeaker(m) ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}

export function registerReferences(context: ServerContext): void {
  context.connection.onReferences(guard(context, 'references', (params: ReferenceParams) => provideReferences(context.workspace, params)));
}

export function registerDefinition(context: ServerContext): void {
  context.connection.onDefinition(guard(context, 'definition', (params: DefinitionParams) => provideDefinition(context.workspace, params)));
}

export function registerDocumentHighlights(context: ServerContext): void {
  context.connection.onDocumentHighlight(guard(context, 'documentHighlight', (params: DocumentHighlightParams) => provideDocumentHighlights(context.workspace, params)));
}
