import * as vscode from 'vscode';
import { AddNoteRequest, ResolveNoteRequest, type NoteInfo } from '../../../server/src/protocol';
import { LANGUAGE_ID } from '../navigation';
import { toRange, type ServerApi } from '../serverApi';
import { lsp, message, type Labelling } from './labelling';

interface NoteThread extends vscode.CommentThread {
  noteId?: string;
  /** What the thread shows, to skip updates that change nothing. */
  key?: string;
}

/**
 * Notes as VS Code comment threads: a thread per note (its replies as comments), created from the gutter
 * or a selection, replied to, resolved and reopened. The notes live in `.newslens/annotations.json`
 * (the server writes them); threads are rebuilt from the server's answer whenever labels are fetched.
 */
export class Notes implements vscode.Disposable {
  private readonly controller = vscode.comments.createCommentController('newsLens.notes', 'News Lens Notes');
  private readonly threads = new Map<string, NoteThread[]>();
  private readonly subscription: vscode.Disposable;
  /** The thread just written to: shown open, the others folded. */
  private focus: string | undefined;

  constructor(
    private readonly api: ServerApi,
    private readonly labelling: Labelling,
  ) {
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (document) => (document.languageId === LANGUAGE_ID ? [new vscode.Range(0, 0, Math.max(0, document.lineCount - 1), 0)] : []),
    };
    this.controller.options = { prompt: 'Add a note…', placeHolder: 'A note on this text (kept in .newslens/annotations.json)' };
    this.subscription = labelling.onDidChangeLabels((uri) => this.show(uri));
  }

  /**
   * Shows a document's notes: threads are kept (updated in place) while their note is, so a thread the
   * user opened stays open across refreshes; new notes get a thread, removed ones lose theirs.
   */
  private show(uri: string): void {
    const notes = this.labelling.labelsOf(uri)?.notes ?? [];
    const existing = new Map((this.threads.get(uri) ?? []).map((t) => [t.noteId ?? '', t]));
    const parsed = vscode.Uri.parse(uri);
    const next: NoteThread[] = [];
    for (const n of notes) {
      const key = JSON.stringify([n.range, n.text, n.resolved, n.replies.map((r) => r.id)]);
      let thread = existing.get(n.id);
      existing.delete(n.id);
      if (thread && thread.key === key) {
        next.push(thread);
        continue;
      }
      if (thread) {
        thread.range = toRange(n.range);
        thread.comments = comments(n);
      } else {
        thread = this.controller.createCommentThread(parsed, toRange(n.range), comments(n));
        thread.noteId = n.id;
        thread.canReply = true;
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
      }
      thread.key = key;
      thread.label = n.resolved ? 'Resolved' : undefined;
      thread.contextValue = n.resolved ? 'newsLens.resolved' : 'newsLens.unresolved';
      thread.state = n.resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
      if (n.id === this.focus) thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      next.push(thread);
    }
    for (const gone of existing.values()) gone.dispose();
    this.threads.set(uri, next);
  }

  /** "Add Note" on a new thread, or "Reply" on an existing one. */
  async submit(reply: vscode.CommentReply): Promise<void> {
    const thread = reply.thread as NoteThread;
    const uri = thread.uri.toString();
    try {
      const added = await this.api.request(AddNoteRequest, {
        textDocument: { uri },
        range: lsp(thread.range ?? new vscode.Range(0, 0, 0, 0)),
        text: reply.text,
        ...(thread.noteId ? { replyTo: thread.noteId } : {}),
      });
      this.focus = thread.noteId ?? added.id;
    } catch (e) {
      void vscode.window.showErrorMessage(message(e));
      return;
    }
    // A new thread is the editor's own draft: the server's answer replaces it.
    if (!thread.noteId) thread.dispose();
    await this.labelling.refresh();
  }

  async resolve(thread: vscode.CommentThread, resolved: boolean): Promise<void> {
    const id = (thread as NoteThread).noteId;
    if (!id) return;
    this.focus = resolved ? undefined : id;
    await this.api.request(ResolveNoteRequest, { id, resolved }).catch((e: unknown) => void vscode.window.showErrorMessage(message(e)));
    await this.labelling.refresh();
  }

  dispose(): void {
    this.subscription.dispose();
    this.controller.dispose();
  }
}

function comments(n: NoteInfo): vscode.Comment[] {
  const one = (author: string, text: string, createdAt: string): vscode.Comment => ({
    body: new vscode.MarkdownString().appendText(text),
    mode: vscode.CommentMode.Preview,
    author: { name: author },
    ...(createdAt ? { timestamp: new Date(createdAt) } : {}),
  });
  return [one(n.annotator, n.text, n.createdAt), ...n.replies.map((r) => one(r.annotator, r.text, r.createdAt))];
}
