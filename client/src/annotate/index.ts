import * as vscode from 'vscode';
import type { ReviewStatusName } from '../../../server/src/protocol';
import { LANGUAGE_ID } from '../navigation';
import type { ServerApi } from '../serverApi';
import type { ArticlesTree } from '../views/articlesTree';
import type { EntitiesTree } from '../views/entitiesTree';
import { WorkspaceLabelsRequest } from '../../../server/src/protocol';
import { curate } from './curation';
import { Labelling } from './labelling';
import { Notes } from './notes';
import { Review, STATUS_ICON } from './review';

/**
 * Annotating a corpus in the editor (README "Annotating a corpus"): labelling, notes, review status and
 * curation. One call from `activate`; returns what the index refresh should poke.
 */
export function registerAnnotate(
  context: vscode.ExtensionContext,
  api: ServerApi,
  views: { articles: ArticlesTree; articlesView: vscode.TreeView<unknown>; entities: EntitiesTree },
): { refresh(): void } {
  const labelling = new Labelling(api);
  const notes = new Notes(api, labelling);
  const review = new Review(api);
  context.subscriptions.push(labelling, notes, review);

  // The Articles view: progress per file and an icon per article; the workspace line as its description.
  views.articles.annotationSuffix = (uri, article) => {
    if (article === undefined) return review.fileSuffix(uri);
    const status = review.articleStatus(uri, article);
    return status ? STATUS_ICON[status] : undefined;
  };
  // The Entities view: a group per custom label, after the kinds.
  views.entities.labelGroups = async () => (await api.request(WorkspaceLabelsRequest, {})).labels;
  // Refreshed after a write of labels (not on every fetch: the entities list is the costly part).
  const wrote = (): void => views.entities.refresh();
  context.subscriptions.push(
    review.onDidChange(() => {
      views.articlesView.description = review.summary;
      views.articles.refresh();
    }),
  );

  const command = (id: string, run: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));
  };
  command('newsLens.label', (label?: string) => labelling.label(typeof label === 'string' ? { label } : {}).then(wrote));
  command('newsLens.labelKey', (args?: { key?: string }) => labelling.label({ key: args?.key }).then(wrote));
  command('newsLens.unlabel', () => labelling.unlabel().then(wrote));
  command('newsLens.labelling.toggle', () => labelling.toggleMode());
  command('newsLens.labelling.stop', () => labelling.toggleMode(false));
  command('newsLens.nextCandidate', () => labelling.candidate('next'));
  command('newsLens.previousCandidate', () => labelling.candidate('previous'));
  command('newsLens.confirmCandidate', () => labelling.confirm().then(wrote));
  command('newsLens.notes.submit', (reply: vscode.CommentReply) => notes.submit(reply));
  command('newsLens.notes.resolve', (thread: vscode.CommentThread) => notes.resolve(thread, true));
  command('newsLens.notes.reopen', (thread: vscode.CommentThread) => notes.resolve(thread, false));
  command('newsLens.review.setStatus', (node?: { type?: string; file?: { uri: string }; article?: { index: number } }, status?: ReviewStatusName) =>
    review.setStatus(node?.type === 'article' && node.file && node.article ? { uri: node.file.uri, index: node.article.index } : undefined, status),
  );
  command('newsLens.curate', () => curate(api, async () => labelling.refresh().then(wrote)));
  command('newsLens.reloadSchema', async () => {
    await labelling.loadSchema();
    await labelling.refresh();
  });
  // For tests and bug reports: what the labelling layer shows.
  command('newsLens.debug.labels', (uri?: string) => labelling.labelsOf(uri ?? vscode.window.activeTextEditor?.document.uri.toString() ?? ''));

  const schemaWatcher = vscode.workspace.createFileSystemWatcher('**/.newslens/schema.json');
  const annotationsWatcher = vscode.workspace.createFileSystemWatcher('**/.newslens/annotations.json');
  const reloadSchema = () =>
    void labelling.loadSchema().then(
      () => labelling.refresh(),
      () => undefined,
    );
  context.subscriptions.push(
    schemaWatcher,
    annotationsWatcher,
    schemaWatcher.onDidChange(reloadSchema),
    schemaWatcher.onDidCreate(reloadSchema),
    schemaWatcher.onDidDelete(reloadSchema),
    annotationsWatcher.onDidChange(() => labelling.schedule(300)),
    vscode.window.onDidChangeVisibleTextEditors(() => labelling.schedule(0)),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor.document.languageId === LANGUAGE_ID) void review.updateItem();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void review.updateItem()),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.languageId === LANGUAGE_ID && event.contentChanges.length) labelling.schedule(600);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('newsLens.labelColors') || event.affectsConfiguration('newsLens.annotator')) reloadSchema();
    }),
  );
  return {
    refresh: () => {
      labelling.schedule(0);
      review.schedule(0);
    },
  };
}
