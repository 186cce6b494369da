import * as vscode from 'vscode';
import type { ServerApi } from './serverApi';
import { toRange } from './serverApi';
import { LANGUAGE_ID } from './navigation';

/** Dims boilerplate (paywall lines, share buttons, duplicated captions) with the server's `boilerplate` ranges. */
export class BoilerplateDecorations implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({ opacity: '0.45', rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed });
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly api: ServerApi) {}

  schedule(delayMs = 250): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.updateAll(), delayMs);
  }

  private async updateAll(): Promise<void> {
    await Promise.all(vscode.window.visibleTextEditors.map((editor) => this.update(editor)));
  }

  private async update(editor: vscode.TextEditor): Promise<void> {
    const document = editor.document;
    if (document.languageId !== LANGUAGE_ID) return;
    const enabled = vscode.workspace.getConfiguration('newsLens', document.uri).get<boolean>('dimBoilerplate', true);
    if (!enabled) {
      editor.setDecorations(this.decoration, []);
      return;
    }
    const version = document.version;
    const file = await this.api.fileArticles(document);
    // A stale answer (the document changed meanwhile) would dim the wrong lines: the next update fixes it.
    if (document.version !== version || document.isClosed) return;
    editor.setDecorations(this.decoration, (file?.boilerplate ?? []).map(toRange));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.decoration.dispose();
  }
}
