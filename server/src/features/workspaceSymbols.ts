import { SymbolKind, type SymbolInformation, type WorkspaceSymbolParams } from 'vscode-languageserver/node';
import { fileNameOf, guard, type ServerContext } from '../context';
import type { Workspace } from '../workspace/workspace';

const MAX_RESULTS = 1_000;

const KIND_SYMBOL = { person: SymbolKind.Constructor, place: SymbolKind.Namespace, organization: SymbolKind.Class } as const;

/** Loose match: every query character in order, case-insensitive (as editors filter symbols). */
function fuzzyMatches(name: string, query: string): boolean {
  if (!query) return true;
  const hay = name.toLowerCase();
  let at = 0;
  for (const c of query.toLowerCase()) {
    if (c === ' ') continue;
    at = hay.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** Ctrl+T: every article title of every article file of the workspace (open or not), then the entities. */
export function provideWorkspaceSymbols(workspace: Workspace, params: WorkspaceSymbolParams): SymbolInformation[] {
  const query = params.query ?? '';
  const found: SymbolInformation[] = [];
  for (const article of workspace.articleNames()) {
    if (!fuzzyMatches(article.name, query)) continue;
    found.push({
      name: article.name,
      kind: SymbolKind.File,
      location: { uri: article.uri, range: article.selection },
      containerName: [fileNameOf(article.uri), article.date].filter(Boolean).join(' · '),
    });
    if (found.length >= MAX_RESULTS) return found;
  }
  for (const entity of workspace.entities.entities()) {
    if (!fuzzyMatches(entity.name, query) && !entity.aliases.some((a) => fuzzyMatches(a, query))) continue;
    const first = workspace.entities.someMention(entity.id);
    if (!first) continue;
    found.push({
      name: entity.name,
      kind: KIND_SYMBOL[entity.kind],
      location: { uri: first.uri, range: first.range },
      containerName: `${entity.kind} · ${entity.mentionCount} mentions in ${entity.fileCount} file${entity.fileCount === 1 ? '' : 's'}`,
    });
    if (found.length >= MAX_RESULTS) break;
  }
  return found;
}

export function registerWorkspaceSymbols(context: ServerContext): void {
  context.connection.onWorkspaceSymbol(guard(context, 'workspace/symbol', (params: WorkspaceSymbolParams) => provideWorkspaceSymbols(context.workspace, params)));
}
