import * as vscode from 'vscode';
import type { QuoteInfo } from '../../../server/src/protocol';
import type { ServerApi } from '../serverApi';
import { fileLabel, groupQuotes, quoteLine, UNATTRIBUTED } from './treeModel';

export type QuotesNode = { type: 'speaker'; speaker: string; speakerId: string | null; quotes: QuoteInfo[] } | { type: 'quote'; quote: QuoteInfo };

/** Quotations view: by speaker (most quoted first), one line per quotation; unattributed ones last, in their own group. */
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
      this.loading ??= this.api.quotes().then(
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
      item.iconPath = new vscode.ThemeIcon(node.speaker === UNATTRIBUTED && node.speakerId === null ? 'question' : 'person');
      return item;
    }
    const { quote } = node;
    const item = new vscode.TreeItem(quoteLine(quote.text), vscode.TreeItemCollapsibleState.None);
    item.description = `${fileLabel(quote.uri)}:${quote.range.start.line + 1}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${quote.speaker ? `${quote.speaker}: ` : ''}“${quote.text}”`);
    item.iconPath = new vscode.ThemeIcon('quote');
    item.command = { command: 'newsLens.openLocation', title: 'Go to Quotation', arguments: [quote.uri, quote.range] };
    return item;
  }
}
