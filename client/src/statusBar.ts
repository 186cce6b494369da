import * as vscode from 'vscode';
import type { ServerApi } from './serverApi';
import { LANGUAGE_ID } from './navigation';
import { statusText } from './views/treeModel';

/** "Article 3/7 · 2024-12-02 · NYT" for the article under the cursor; a click opens "Go to Article…". */
export class ArticleStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('newsLens.article', vscode.StatusBarAlignment.Right, 100);
  private timer: NodeJS.Timeout | undefined;
  /** Answers to an older cursor position are dropped. */
  private ticket = 0;

  constructor(private readonly api: ServerApi) {
    this.item.name = 'News Lens Article';
    this.item.command = 'newsLens.goToArticle';
  }

  /** Debounced: cursor moves come in bursts while the user types or holds an arrow key. */
  schedule(delayMs = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delayMs);
  }

  private async update(): Promise<void> {
    const ticket = ++this.ticket;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
      this.item.hide();
      return;
    }
    try {
      const at = await this.api.articleAt(editor.document, editor.selection.active);
      if (ticket !== this.ticket) return;
      if (!at) {
        this.item.hide();
        return;
      }
      this.item.text = `$(book) ${statusText(at)}`;
      this.item.tooltip = new vscode.MarkdownString().appendText([at.title ?? 'Untitled article', at.date, at.source].filter(Boolean).join('\n')).appendMarkdown('\n\n*Click: Go to Article…*');
      this.item.show();
    } catch {
      if (ticket === this.ticket) this.item.hide();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
  }
}
