import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { guard, rangeOf, type ServerContext } from '../context';
import type { Workspace } from '../workspace/workspace';
import { countsOf } from './articleInfo';
import { commandCall, RevealArticleCommand } from '../protocol';
import { storyLenses } from './stories';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Over each headline: "7 people · 9 places · 5 organizations · 6 quotations", opening the article in the sidebar. */
export async function provideCodeLenses(workspace: Workspace, params: CodeLensParams): Promise<CodeLens[] | null> {
  const view = await workspace.viewOf(params.textDocument.uri);
  if (!view || view.model.layoutOnly) return view ? [] : null;
  const counts = view.model.articles.map((article) => {
    const c = countsOf(article);
    const title = [plural(c.person, 'person', 'people'), plural(c.place, 'place', 'places'), plural(c.organization, 'organization', 'organizations'), plural(c.quote, 'quotation', 'quotations')].join(
      ' · ',
    );
    const at = rangeOf(view, view.articleSelection(article));
    return { range: { start: at.start, end: at.start }, command: commandCall(RevealArticleCommand, title, [view.uri, article.index]) };
  });
  return [...counts, ...storyLenses(workspace, view)];
}

export function registerCodeLens(context: ServerContext): void {
  context.connection.onCodeLens(guard(context, 'codeLens', (params: CodeLensParams) => provideCodeLenses(context.workspace, params)));
}
