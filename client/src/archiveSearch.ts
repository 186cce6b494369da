import * as vscode from 'vscode';
import type { SearchHit, SearchParams } from '../../server/src/protocol';
import type { ServerApi } from './serverApi';

/** The filter words of the search box: `entity:Assad speaker:"Joe Biden" from:2024-12 to:2024-12-31 outlet:times`; the rest is full text. */
type Filter = 'entity' | 'speaker' | 'from' | 'to' | 'outlet';

/** Reads the search box into the request's filters (quoted values may hold spaces). */
export function parseSearch(input: string): SearchParams {
  const params: SearchParams = {};
  const rest = input.replace(/\b(entity|speaker|from|to|outlet):(?:"([^"]*)"|(\S+))/gi, (_all, key: string, quoted?: string, bare?: string) => {
    params[key.toLowerCase() as Filter] = (quoted ?? bare ?? '').trim();
    return ' ';
  });
  const text = rest.replace(/\s+/g, ' ').trim();
  if (text) params.text = text;
  return params;
}

type Node = { kind: 'file'; uri: string; hits: SearchHit[] } | { kind: 'hit'; hit: SearchHit } | { kind: 'message'; text: string };

/** The Search view: hits grouped by file; a hit opens its article at the mention, quotation or date. */
export class SearchTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes: Node[] = [];
  description: string | undefined;

  show(hits: SearchHit[], truncated: boolean, message?: string): void {
    const byFile = new Map<string, SearchHit[]>();
    for (const h of hits) byFile.set(h.uri, [...(byFile.get(h.uri) ?? []), h]);
    this.nodes = [...byFile].map(([uri, fileHits]) => ({ kind: 'file', uri, hits: fileHits }));
    if (message) this.nodes.unshift({ kind: 'message', text: message });
    else if (!hits.length) this.nodes = [{ kind: 'message', text: 'No article matches.' }];
    this.description = `${hits.length}${truncated ? '+' : ''} hit${hits.length === 1 ? '' : 's'} in ${byFile.size} file${byFile.size === 1 ? '' : 's'}`;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.nodes;
    return node.kind === 'file' ? node.hits.map((hit) => ({ kind: 'hit', hit })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'message') return new vscode.TreeItem(node.text);
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(vscode.Uri.parse(node.uri), vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.hits.length}`;
      return item;
    }
    const h = node.hit;
    const label = h.kind === 'quotation' ? `${h.speaker ?? 'unknown'}: “${h.text}”` : (h.title ?? '(untitled article)');
    const item = new vscode.TreeItem(label);
    item.description = [h.kind === 'quotation' ? h.title : h.text, h.date, h.source].filter(Boolean).join(' · ');
    item.tooltip = `${h.title ?? '(untitled article)'}\n${[h.date, h.source].filter(Boolean).join(' · ')}${h.text ? `\n${h.kind}: ${h.text}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(h.kind === 'quotation' ? 'quote' : h.kind === 'date' ? 'calendar' : h.kind === 'mention' ? 'symbol-constructor' : 'file-text');
    item.command = { command: 'newsLens.openLocation', title: 'Open', arguments: [h.uri, h.range] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** "News Lens: Search the Archive…": asks for filters, fills the Search view and reveals it. */
export function registerArchiveSearch(context: vscode.ExtensionContext, api: ServerApi): void {
  const tree = new SearchTree();
  const view = vscode.window.createTreeView('newsLens.search', { treeDataProvider: tree, showCollapseAll: true });
  let last = '';
  const run = async (input?: string): Promise<SearchHit[] | undefined> => {
    const query =
      input ??
      (await vscode.window.showInputBox({
        title: 'News Lens: Search the Archive',
        value: last,
        prompt: 'Words to find, and any of entity:NAME speaker:NAME from:YYYY-MM-DD to:YYYY-MM-DD outlet:NAME (quote values with spaces)',
        placeHolder: 'entity:Assad from:2024-12 ceasefire',
      }));
    if (query === undefined || !query.trim()) return undefined;
    last = query;
    const result = await api.search(parseSearch(query));
    tree.show(result.hits, result.truncated, result.message);
    view.description = tree.description;
    await vscode.commands.executeCommand('newsLens.search.focus');
    return result.hits;
  };
  const command = (id: string, body: (input?: string) => unknown): void => void context.subscriptions.push(vscode.commands.registerCommand(id, body));
  context.subscriptions.push(tree, view);
  command('newsLens.searchArchive', (input?: string) => run(input));
}
