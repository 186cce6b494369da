import * as vscode from 'vscode';
import { ReviewProgressRequest, SetReviewRequest, type ReviewProgressResult, type ReviewStatusName } from '../../../server/src/protocol';
import { LANGUAGE_ID } from '../navigation';
import type { ServerApi } from '../serverApi';
import { message } from './labelling';

export const STATUS_ICON: Record<ReviewStatusName, string> = { unreviewed: '○', 'in-progress': '◐', done: '●' };
const STATUS_LABEL: Record<ReviewStatusName, string> = { unreviewed: 'Unreviewed', 'in-progress': 'In progress', done: 'Done' };

/**
 * Review status: per article (set from the Articles view or the status bar), with progress per file and
 * for the workspace ("212 / 1,040 articles done") in the Articles view and the status bar. The server
 * keeps the statuses; this holds its last answer for display.
 */
export class Review implements vscode.Disposable {
  private progress: ReviewProgressResult | undefined;
  readonly item = vscode.window.createStatusBarItem('newsLens.review', vscode.StatusBarAlignment.Right, 99);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private timer: NodeJS.Timeout | undefined;
  private ticket = 0;

  constructor(private readonly api: ServerApi) {
    this.item.name = 'News Lens Review';
    this.item.command = 'newsLens.review.setStatus';
  }

  /** The workspace line, e.g. "3 / 14 articles done". */
  get summary(): string | undefined {
    return this.progress?.total.summary;
  }

  /** "3/7 done" for a file; the status icon for an article. */
  fileSuffix(uri: string): string | undefined {
    const f = this.progress?.files.find((x) => x.uri === uri);
    return f ? `${f.progress.done}/${f.progress.total} done` : undefined;
  }

  articleStatus(uri: string, index: number): ReviewStatusName | undefined {
    return this.progress?.files.find((x) => x.uri === uri)?.statuses[index];
  }

  schedule(delayMs = 300): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  async refresh(): Promise<void> {
    const ticket = ++this.ticket;
    try {
      const progress = await this.api.request(ReviewProgressRequest, {});
      if (ticket !== this.ticket) return;
      this.progress = progress;
      this.changed.fire();
      await this.updateItem();
    } catch {
      // The server is starting or restarting: the next index update refreshes.
    }
  }

  /** The status bar: the article under the cursor's status and the file's progress. */
  async updateItem(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
      this.item.hide();
      return;
    }
    const uri = editor.document.uri.toString();
    const at = await this.api.articleAt(editor.document, editor.selection.active).catch(() => null);
    const status = at ? this.articleStatus(uri, at.index) : undefined;
    const file = this.fileSuffix(uri);
    if (!file) {
      this.item.hide();
      return;
    }
    this.item.text = `$(checklist) ${status ? `${STATUS_ICON[status]} ${STATUS_LABEL[status]} · ` : ''}${file}`;
    this.item.tooltip = `Review status of this article; this file: ${file}; workspace: ${this.summary ?? ''}. Click to set.`;
    this.item.show();
  }

  /** Asks for a status and sets it on an article (from the Articles view, or the one under the cursor). */
  async setStatus(target?: { uri: string; index: number }, status?: ReviewStatusName): Promise<void> {
    let where = target;
    if (!where) {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
      const at = await this.api.articleAt(editor.document, editor.selection.active);
      if (!at) return;
      where = { uri: editor.document.uri.toString(), index: at.index };
    }
    let chosen = status;
    if (!chosen) {
      const current = this.articleStatus(where.uri, where.index);
      const picked = await vscode.window.showQuickPick(
        (['unreviewed', 'in-progress', 'done'] as const).map((s) => ({ label: `${STATUS_ICON[s]} ${STATUS_LABEL[s]}`, status: s, description: s === current ? 'current' : '' })),
        { title: `News Lens: Review Status of Article ${where.index + 1}` },
      );
      chosen = picked?.status;
    }
    if (!chosen) return;
    try {
      const progress = await this.api.request(SetReviewRequest, { textDocument: { uri: where.uri }, article: where.index, status: chosen });
      vscode.window.setStatusBarMessage(`News Lens: ${progress.summary} in this file`, 4000);
    } catch (e) {
      void vscode.window.showErrorMessage(message(e));
    }
    await this.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
    this.changed.dispose();
  }
}
