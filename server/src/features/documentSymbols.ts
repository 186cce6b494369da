import { formatCount } from '../core/text';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver/node';
import { guard, rangeOf, type ServerContext } from '../context';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';

/** The outline of a view, built once per version (editors ask again on every edit and focus). */
const outlines = new WeakMap<FileView, DocumentSymbol[]>();

export function outlineOf(view: FileView): DocumentSymbol[] {
  let outline = outlines.get(view);
  if (!outline) {
    outline = buildOutline(view);
    outlines.set(view, outline);
  }
  return outline;
}

/** Outline and breadcrumbs: articles (detail "date · source · N words"), their sections as children. */
export async function provideDocumentSymbols(workspace: Workspace, params: DocumentSymbolParams): Promise<DocumentSymbol[] | null> {
  // The layout is enough: a document just opened does not wait for its entities.
  const uri = params.textDocument.uri;
  const view = workspace.isOpen(uri) ? await workspace.store.layoutView(uri) : await workspace.viewOf(uri);
  return view ? outlineOf(view) : null;
}

export function registerDocumentSymbols(context: ServerContext): void {
  context.connection.onDocumentSymbol(guard(context, 'documentSymbol', (params: DocumentSymbolParams) => provideDocumentSymbols(context.workspace, params)));
}

function buildOutline(view: FileView): DocumentSymbol[] {
  return view.model.articles.map((article) => {
    const range = rangeOf(view, article.span);
    const detail = [article.date, article.source, `${formatCount(view.wordCount(article))} words`].filter(Boolean).join(' · ');
    return {
      name: view.articleName(article),
      detail,
      // An article is a document of its own (a page icon); its sections are headings, shown as Markdown shows its headers (String).
      kind: SymbolKind.File,
      range,
      selectionRange: rangeOf(view, view.articleSelection(article)),
      children: article.sections.map((section) => ({
        name: section.title,
        kind: SymbolKind.String,
        range: rangeOf(view, section.span),
        selectionRange: rangeOf(view, section.headingSpan),
      })),
    };
  });
}
