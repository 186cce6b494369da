import * as vscode from 'vscode';
import { CandidateRequest, ConfirmRequest, LabelRequest, LabelsRequest, SchemaRequest, UnlabelRequest, type LabelsResult, type SchemaResult } from '../../../server/src/protocol';
import { LANGUAGE_ID } from '../navigation';
import { toRange, type ServerApi } from '../serverApi';

/**
 * Keyboard-first labelling: the schema's labels by key (in labelling mode, select and press the key) or
 * from a quick pick; Next / Previous unlabelled candidate and Confirm; human labels highlighted in their
 * schema colours (`newsLens.labelColors` overrides a colour, per theme if wanted). Everything it shows
 * comes from the server; it decides nothing about the text.
 */
export class Labelling implements vscode.Disposable {
  private schema: SchemaResult | undefined;
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly labels = new Map<string, LabelsResult>();
  private mode = false;
  private timer: NodeJS.Timeout | undefined;
  /** Key presses come faster than the server answers: label, candidate and confirm run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  readonly modeItem = vscode.window.createStatusBarItem('newsLens.labelling', vscode.StatusBarAlignment.Left, 50);
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a document URI whenever its labels or notes were fetched again. */
  readonly onDidChangeLabels = this.changed.event;

  constructor(private readonly api: ServerApi) {
    this.modeItem.name = 'News Lens Labelling Mode';
    this.modeItem.command = 'newsLens.labelling.toggle';
    this.updateModeItem();
  }

  /** The labels and notes of a document, as last fetched. */
  labelsOf(uri: string): LabelsResult | undefined {
    return this.labels.get(uri);
  }

  async loadSchema(): Promise<SchemaResult> {
    this.schema = await this.api.request(SchemaRequest, {});
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
    if (this.schema.problem) void vscode.window.showWarningMessage(`News Lens: ${this.schema.problem}`);
    return this.schema;
  }

  private async schemaNow(): Promise<SchemaResult> {
    return this.schema ?? this.loadSchema();
  }

  private decorationFor(label: string, color: string): vscode.TextEditorDecorationType {
    let type = this.types.get(label);
    if (!type) {
      const override = vscode.workspace.getConfiguration('newsLens').get<Record<string, string>>('labelColors', {})[label];
      const c = override && /^#[0-9a-fA-F]{6}$/.test(override) ? override : color;
      type = vscode.window.createTextEditorDecorationType({
        backgroundColor: `${c}33`,
        borderWidth: '0 0 2px 0',
        borderStyle: 'solid',
        borderColor: c,
        overviewRulerColor: c,
        overviewRulerLane: vscode.OverviewRulerLane.Center,
      });
      this.types.set(label, type);
    }
    return type;
  }

  schedule(delayMs = 200): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  /** Fetches the labels of the visible article editors and paints them. */
  async refresh(): Promise<void> {
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document.languageId === LANGUAGE_ID);
    await this.schemaNow().catch(() => undefined);
    for (const editor of editors) {
      const uri = editor.document.uri.toString();
      let answer: LabelsResult;
      try {
        answer = await this.api.request(LabelsRequest, { textDocument: { uri } });
      } catch {
        continue; // not an indexed article (yet): the next refresh tries again
      }
      this.labels.set(uri, answer);
      const byLabel = new Map<string, vscode.Range[]>();
      for (const s of answer.spans) {
        this.decorationFor(s.label, s.color);
        const list = byLabel.get(s.label) ?? [];
        list.push(toRange(s.range));
        byLabel.set(s.label, list);
      }
      for (const [label, type] of this.types) editor.setDecorations(type, byLabel.get(label) ?? []);
      this.changed.fire(uri);
    }
  }

  get labelling(): boolean {
    return this.mode;
  }

  async toggleMode(on = !this.mode): Promise<void> {
    this.mode = on;
    await vscode.commands.executeCommand('setContext', 'newsLens.labelling', on);
    this.updateModeItem();
  }

  private updateModeItem(): void {
    this.modeItem.text = this.mode ? '$(tag) Labelling' : '$(tag)';
    this.modeItem.tooltip = this.mode
      ? 'News Lens labelling mode: select words and press a label key; Tab / Shift+Tab next / previous unlabelled mention; Enter confirms it; Escape leaves'
      : 'News Lens: start labelling mode';
    this.modeItem.show();
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Labels the selection: with `label`, else the label whose key is `key`, else from a quick pick. */
  label(options: { label?: string; key?: string } = {}): Promise<void> {
    return this.serial(() => this.labelNow(options));
  }

  private async labelNow(options: { label?: string; key?: string }): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
    const schema = await this.schemaNow();
    let label = options.label;
    if (!label && options.key) {
      label = schema.spanLabels.find((l) => l.key === options.key)?.name;
      if (!label) {
        vscode.window.setStatusBarMessage(`News Lens: no label on the key “${options.key}”`, 3000);
        return;
      }
    }
    if (!label) {
      const picked = await vscode.window.showQuickPick(
        schema.spanLabels.map((l) => ({
          label: l.name,
          description: l.key ? `key ${l.key}` : '',
          detail: l.attributes.length ? `attributes: ${l.attributes.map((a) => a.name).join(', ')}` : undefined,
        })),
        { title: 'News Lens: Label Selection', placeHolder: 'Label for the selected words' },
      );
      label = picked?.label;
    }
    if (!label) return;
    const selection = editor.selection.isEmpty ? editor.document.getWordRangeAtPosition(editor.selection.active) : editor.selection;
    if (!selection) return;
    try {
      await this.api.request(LabelRequest, { textDocument: { uri: editor.document.uri.toString() }, range: lsp(selection), label });
    } catch (e) {
      void vscode.window.showErrorMessage(message(e));
      return;
    }
    editor.selection = new vscode.Selection(selection.end, selection.end);
    await this.refresh();
  }

  async unlabel(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
    const p = editor.selection.active;
    await this.api
      .request(UnlabelRequest, { textDocument: { uri: editor.document.uri.toString() }, position: { line: p.line, character: p.character } })
      .catch((e: unknown) => void vscode.window.showErrorMessage(message(e)));
    await this.refresh();
  }

  /** Selects the next (previous) machine mention no one has labelled yet for you. */
  candidate(direction: 'next' | 'previous'): Promise<boolean> {
    return this.serial(() => this.candidateNow(direction));
  }

  private async candidateNow(direction: 'next' | 'previous'): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return false;
    const p = direction === 'next' ? editor.selection.end : editor.selection.start;
    const found = await this.api.request(CandidateRequest, { textDocument: { uri: editor.document.uri.toString() }, position: { line: p.line, character: p.character }, direction });
    if (!found) {
      vscode.window.setStatusBarMessage('News Lens: every mention of this file is labelled', 4000);
      return false;
    }
    const r = toRange(found.range);
    editor.selection = new vscode.Selection(r.start, r.end);
    editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    vscode.window.setStatusBarMessage(`News Lens: ${found.label} “${found.text}” · ${found.remaining} unlabelled`, 4000);
    return true;
  }

  /** Confirms the machine mention under the cursor as your label, then moves to the next candidate. */
  confirm(): Promise<void> {
    return this.serial(() => this.confirmNow());
  }

  private async confirmNow(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
    const p = editor.selection.start;
    try {
      const confirmed = await this.api.request(ConfirmRequest, { textDocument: { uri: editor.document.uri.toString() }, position: { line: p.line, character: p.character } });
      if (!confirmed) {
        vscode.window.setStatusBarMessage('News Lens: no mention here to confirm', 3000);
        return;
      }
      const end = toRange(confirmed.range).end;
      editor.selection = new vscode.Selection(end, end);
    } catch (e) {
      void vscode.window.showErrorMessage(message(e));
      return;
    }
    await this.refresh();
    await this.candidateNow('next');
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const t of this.types.values()) t.dispose();
    this.modeItem.dispose();
    this.changed.dispose();
  }
}

export function lsp(range: vscode.Range): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
