import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from 'vscode-languageserver/node';
import type { Span } from '../core/model';
import { guard, type ServerContext } from '../context';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';

/** Folding for articles, their sections and boilerplate blocks (folded as comments). */
export async function provideFoldingRanges(workspace: Workspace, params: FoldingRangeParams): Promise<FoldingRange[] | null> {
  // The layout is enough: a document just opened does not wait for its entities.
  const uri = params.textDocument.uri;
  const view = workspace.isOpen(uri) ? await workspace.store.layoutView(uri) : await workspace.viewOf(uri);
  if (!view) return null;
  const ranges: FoldingRange[] = [];
  const add = (span: Span, kind?: FoldingRangeKind): void => {
    const r = lineSpan(view, span);
    if (r && r.end > r.start) ranges.push({ startLine: r.start, endLine: r.end, ...(kind ? { kind } : {}) });
  };
  for (const article of view.model.articles) {
    add(article.span);
    for (const section of article.sections) add(section.span);
  }
  for (const block of view.model.boilerplate) add(block.span, FoldingRangeKind.Comment);
  return ranges;
}

export function registerFolding(context: ServerContext): void {
  context.connection.onFoldingRanges(guard(context, 'foldingRange', (params: FoldingRangeParams) => provideFoldingRanges(context.workspace, params)));
}

function lineSpan(view: FileView, span: Span): { start: number; end: number } | undefined {
  if (span.end <= span.start) return undefined;
  return { start: view.lines.positionAt(span.start).line, end: view.lines.positionAt(span.end).line };
}
