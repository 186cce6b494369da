import * as vscode from 'vscode';
import { LANGUAGE_ID } from './navigation';

/**
 * `newsLens.files` lets users point News Lens at their own `.txt` folders: a plain-text document
 * matching one of those globs is switched to the News Article language when it opens.
 */
export function matchesArticleGlobs(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file') return false;
  const globs = vscode.workspace.getConfiguration('newsLens', document.uri).get<string[]>('files', []);
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return globs.some((glob) => typeof glob === 'string' && glob.trim() !== '' && vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, glob) : glob }, document) > 0);
}

export async function associateIfMatching(document: vscode.TextDocument): Promise<void> {
  if (document.languageId !== 'plaintext' || !matchesArticleGlobs(document)) return;
  try {
    await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  } catch {
    // The document closed meanwhile: nothing to switch.
  }
}

/** "News Lens: Annotate This File": any text document becomes a News Article document. */
export async function annotateActiveFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('News Lens: open a text file first, then run "Annotate This File".');
    return;
  }
  if (editor.document.languageId === LANGUAGE_ID) {
    void vscode.window.showInformationMessage('News Lens: this file is already annotated as a news article.');
    return;
  }
  await vscode.languages.setTextDocumentLanguage(editor.document, LANGUAGE_ID);
}
