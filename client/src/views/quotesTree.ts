import * as vscode from 'vscode';
import type { QuoteInfo } from '../../../server/src/protocol';
import type { ServerApi } from '../serverApi';
import { fileLabel, groupQuotes, quoteLine, SCARE_QUOTES, UNATTRIBUTED } from './treeModel';

export type QuotesNode = { type: 'speaker'; speaker: string; speakerId: string | null; quotes: QuoteInfo[] } | { type: 'quote'; quote: QuoteInfo };

/** Quotations view: by resolved speaker (most quoted first), one line per quotation; unattributed ones, then scare quotes, last. */
export class QuotesTree implements vscode.TreeDataProvider<QuotesNode> {
  private readonly changed = new vscode.EventEmitter<QuotesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private loading: Promise<QuotesNode[]> | undefined;

  constructor(private readonly api: ServerApi) {}

  refresh(): void {
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  async getChildren(node?: QuotesNode): Promise<QuotesNode[]> {
    if (!node) {
      this.loading ??= this.api.quotes(undefined, true).then(
        (r) => groupQuotes(r.quotes).map((g) => ({ type: 'speaker' as const, ...g })),
        (error: unknown) => {
          this.loading = undefined;
          throw error;
        },
      );
      return this.loading;
    }
    return node.type === 'speaker' ? node.quotes.map((quote) => ({ type: 'quote', quote })) : [];
  }

  getTreeItem(node: QuotesNode): vscode.TreeItem {
    if (node.type === 'speaker') {
      const item = new vscode.TreeItem(node.speaker, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `speaker:${node.speakerId ?? node.speaker}`;
      item.description = String(node.quotes.length);
      const unnamed = node.speakerId === null && (node.speaker === UNATTRIBUTED || node.speaker === SCARE_QUOTES);
      item.iconPath = new vscode.ThemeIcon(unnamed ? (node.speaker === SCARE_QUOTES ? 'symbol-string' : 'question') : 'person');
      return item;
    }
    const { quote } = node;
    const item = new vscode.TreeItem(quoteLine(quote.text), vscode.TreeItemCollapsibleState.None);
    const kind = quote.kind && quote.kind !== 'statement' ? `${quote.kind} · ` : '';
    item.description = `${kind}${fileLabel(quote.uri)}:${quote.range.start.line + 1}`;
    const via = quote.via ? ` (via ${quote.via})` : '';
    item.tooltip = new vscode.MarkdownString().appendText(`${quote.speaker ? `${quote.speaker}${via}: ` : ''}“${quote.text}”`);
    item.iconPath = new vscode.ThemeIcon('quote');
    item.command = { command: 'newsLens.openLocation', title: 'Go to Quotation', arguments: [quote.uri, quote.range] };
    return item;
  }
}
