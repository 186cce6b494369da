import * as vscode from 'vscode';
import type { ServerApi } from './serverApi';
import { revealRange } from './serverApi';
import { articlePicks, neighbourArticle, type ArticlePick } from './views/treeModel';

export const LANGUAGE_ID = 'news-article';

function activeArticleEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === LANGUAGE_ID ? editor : undefined;
}

/** Next / Previous Article: the cursor jumps to the following (preceding) headline of the file. */
export async function moveToArticle(api: ServerApi, direction: 1 | -1): Promise<void> {
  const editor = activeArticleEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('News Lens: open a news article to move between its articles.');
    return;
  }
  const file = await api.fileArticles(editor.document);
  if (!file?.articles.length) {
    void vscode.window.setStatusBarMessage('News Lens: no articles in this file', 3000);
    return;
  }
  const target = neighbourArticle(file.articles, editor.selection.active.line, direction);
  if (!target) {
    void vscode.window.setStatusBarMessage(direction === 1 ? 'News Lens: this is the last article' : 'News Lens: this is the first article', 3000);
    return;
  }
  await scrollThenSelect(editor, new vscode.Position(target.selectionRange.start.line, target.selectionRange.start.character));
}

/**
 * Scrolls the headline into view first and moves the cursor once the editor shows it, so anyone
 * watching the cursor (tests, the status bar, the sidebar) sees it land on a visible line.
 */
async function scrollThenSelect(editor: vscode.TextEditor, position: vscode.Position): Promise<void> {
  if (!editor.visibleRanges.some((r) => r.contains(position))) {
    const shown = new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      };
      // Bounded: a hidden or closing editor never reports its visible ranges.
      const timer = setTimeout(done, 1000);
      const subscription = vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        if (event.textEditor === editor && event.visibleRanges.some((r) => r.contains(position))) done();
      });
    });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await shown;
  }
  editor.selection = new vscode.Selection(position, position);
}

/** "Go to Article…": a quick pick over every article of the workspace, file names as separators. */
export async function goToArticle(api: ServerApi): Promise<void> {
  type Item = vscode.QuickPickItem & { pick?: ArticlePick };
  let failure: unknown;
  // The pick opens at once (busy) and fills when the server answers.
  const items = api.articles(undefined, { outline: true }).then(
    (answer) => {
      const list: Item[] = [];
      for (const group of articlePicks(answer.files)) {
        list.push({ label: group.file, kind: vscode.QuickPickItemKind.Separator });
        for (const pick of group.picks) list.push({ label: pick.label, description: pick.description, detail: pick.detail, pick });
      }
      return list;
    },
    (error: unknown) => {
      failure = error;
      return [] as Item[];
    },
  );
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'News Lens: Go to Article',
    placeHolder: 'Type a title, date, source or author',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (failure !== undefined) {
    void vscode.window.showErrorMessage(`News Lens: could not list the articles (${failure instanceof Error ? failure.message : JSON.stringify(failure)}).`);
    return;
  }
  if (chosen?.pick) await revealRange(chosen.pick.uri, chosen.pick.article.selectionRange);
}
