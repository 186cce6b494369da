import * as vscode from 'vscode';
import type { ArticleEntityInfo, ArticleInfo, FileArticles, QuoteInfo, StoryInfo } from '../../../server/src/protocol';
import type { ServerApi } from '../serverApi';
import { articleDescription, articleGroups, articleLabel, countsLine, expandFilesInitially, fileDescription, fileLabel, quoteLine, type ArticleGroup } from './treeModel';

export type ArticlesNode =
  | { type: 'story'; story: StoryInfo }
  | { type: 'file'; file: FileArticles }
  | { type: 'article'; file: FileArticles; article: ArticleInfo }
  | { type: 'group'; file: FileArticles; article: ArticleInfo; group: ArticleGroup }
  | { type: 'entity'; file: FileArticles; article: ArticleInfo; entity: ArticleEntityInfo }
  | { type: 'quote'; file: FileArticles; article: ArticleInfo; quote: QuoteInfo };

/** Whether an article came with its entities and quotations (a full answer, not an outline). */
function hasDetails(article: ArticleInfo): boolean {
  return article.entities.length > 0 || article.quotes.length > 0;
}

export const KIND_ICONS = { person: 'person', place: 'location', organization: 'organization', quote: 'quote' } as const;

/**
 * Articles view: file → article → People / Places / Organizations / Quotations → entities.
 * One `newsLens/articles` request fills the whole tree; children are built only when expanded.
 */
export class ArticlesTree implements vscode.TreeDataProvider<ArticlesNode> {
  private readonly changed = new vscode.EventEmitter<ArticlesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private loading: Promise<FileArticles[]> | undefined;
  /** Review progress appended to a file's (article undefined) or an article's description (annotating a corpus). */
  annotationSuffix: ((uri: string, article?: number) => string | undefined) | undefined;
  /** Stable node objects, so `reveal` hands the tree the element it already shows. */
  private readonly fileNodes = new Map<string, ArticlesNode & { type: 'file' }>();
  private readonly articleNodes = new Map<string, ArticlesNode & { type: 'article' }>();
  /** Group by story ("3 articles · 3 outlets · 1–2 Dec 2024") instead of by file. */
  private byStory = false;
  private storiesLoading: Promise<StoryInfo[]> | undefined;
  private readonly storyOfArticle = new Map<string, ArticlesNode & { type: 'story' }>();

  constructor(private readonly api: ServerApi) {}

  get groupedByStory(): boolean {
    return this.byStory;
  }

  groupByStory(on: boolean): void {
    this.byStory = on;
    void vscode.commands.executeCommand('setContext', 'newsLens.articlesByStory', on);
    this.refresh();
  }

  private loadStories(): Promise<StoryInfo[]> {
    this.storiesLoading ??= this.api.stories({}).then(
      (r) => {
        this.storyOfArticle.clear();
        for (const story of r.stories) {
          const node = { type: 'story' as const, story };
          for (const a of story.articles) this.storyOfArticle.set(`${a.uri}#${a.index}`, node);
        }
        return r.stories;
      },
      (error: unknown) => {
        this.storiesLoading = undefined;
        throw error;
      },
    );
    return this.storiesLoading;
  }

  refresh(): void {
    this.storiesLoading = undefined;
    this.loading = undefined;
    this.fullFiles.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  /**
   * One file's full articles (entities, quotations), asked for when an article is expanded: the
   * root is filled from the cheap outline answer, so hundreds of files cost one small request.
   */
  private fullFile(uri: string): Promise<FileArticles | undefined> {
    let answer = this.fullFiles.get(uri);
    if (!answer) {
      answer = this.api.articles(uri).then(
        (r) => r.files.find((f) => f.uri === uri) ?? r.files[0],
        (error: unknown) => {
          this.fullFiles.delete(uri);
          throw error;
        },
      );
      this.fullFiles.set(uri, answer);
    }
    return answer;
  }

  private readonly fullFiles = new Map<string, Promise<FileArticles | undefined>>();

  private load(): Promise<FileArticles[]> {
    this.loading ??= this.api.articles(undefined, { outline: true }).then(
      (answer) => {
        const files = answer.files.filter((f) => f.articles.length > 0);
        this.fileNodes.clear();
        this.articleNodes.clear();
        void vscode.commands.executeCommand('setContext', 'newsLens.hasArticles', files.length > 0);
        return files;
      },
      (error: unknown) => {
        // A failed load (server restarting) leaves the tree empty until the next refresh.
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** The node of an article (for reveal), loading the tree's data when needed. */
  async articleNode(uri: string, index: number): Promise<ArticlesNode | undefined> {
    const files = await this.load();
    const file = files.find((f) => f.uri === uri);
    const article = file?.articles.find((a) => a.index === index);
    if (this.byStory) await this.loadStories();
    return file && article ? this.nodeForArticle(file, article) : undefined;
  }

  private nodeForFile(file: FileArticles): ArticlesNode {
    let node = this.fileNodes.get(file.uri);
    if (!node) this.fileNodes.set(file.uri, (node = { type: 'file', file }));
    return node;
  }

  private nodeForArticle(file: FileArticles, article: ArticleInfo): ArticlesNode {
    const key = `${file.uri}#${article.index}`;
    let node = this.articleNodes.get(key);
    if (!node) this.articleNodes.set(key, (node = { type: 'article', file, article }));
    return node;
  }

  async getChildren(node?: ArticlesNode): Promise<ArticlesNode[]> {
    if (!node) {
      const files = await this.load();
      this.expandFiles = expandFilesInitially(files.length);
      if (this.byStory) {
        await this.loadStories();
        return [...new Set(this.storyOfArticle.values())];
      }
      return files.map((f) => this.nodeForFile(f));
    }
    switch (node.type) {
      case 'story': {
        const files = new Map((await this.load()).map((f) => [f.uri, f]));
        return node.story.articles.flatMap((a) => {
          const file = files.get(a.uri);
          const article = file?.articles.find((x) => x.index === a.index);
          return file && article ? [this.nodeForArticle(file, article)] : [];
        });
      }
      case 'file':
        return node.file.articles.map((a) => this.nodeForArticle(node.file, a));
      case 'article': {
        // The outline answer may omit entities and quotations: take them from the file's full answer.
        const full = hasDetails(node.article) ? node.article : ((await this.fullFile(node.file.uri))?.articles.find((a) => a.index === node.article.index) ?? node.article);
        return articleGroups(full).map((group) => ({ type: 'group', file: node.file, article: full, group }));
      }
      case 'group':
        if (node.group.kind === 'quote') return node.article.quotes.map((quote) => ({ type: 'quote', file: node.file, article: node.article, quote }));
        return node.article.entities.filter((e) => e.kind === node.group.kind).map((entity) => ({ type: 'entity', file: node.file, article: node.article, entity }));
      default:
        return [];
    }
  }

  private expandFiles = true;

  getParent(node: ArticlesNode): ArticlesNode | undefined {
    switch (node.type) {
      case 'file':
      case 'story':
        return undefined;
      case 'article':
        return this.byStory ? this.storyOfArticle.get(`${node.file.uri}#${node.article.index}`) : this.nodeForFile(node.file);
      default:
        return this.nodeForArticle(node.file, node.article);
    }
  }

  getTreeItem(node: ArticlesNode): vscode.TreeItem {
    switch (node.type) {
      case 'story': {
        const { story } = node;
        const first = story.articles[0];
        const item = new vscode.TreeItem(first?.title ?? story.id, story.articles.length > 1 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `story:${story.id}`;
        item.description = story.label;
        item.iconPath = new vscode.ThemeIcon(story.articles.length > 1 ? 'layers' : 'book');
        item.tooltip = `${story.label}\n${story.articles.map((a) => `• ${a.title} (${a.source ?? fileLabel(a.uri)}${a.date ? `, ${a.date}` : ''})${a.duplicateOf ? ' (repeat)' : ''}`).join('\n')}`;
        item.contextValue = 'newsLens.story';
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(fileLabel(node.file.uri), this.expandFiles ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.file.uri;
        item.resourceUri = vscode.Uri.parse(node.file.uri);
        item.description = [this.annotationSuffix?.(node.file.uri), fileDescription(node.file)].filter(Boolean).join(' · ');
        item.iconPath = vscode.ThemeIcon.File;
        item.tooltip = node.file.notice ? `${item.resourceUri.fsPath}\n${node.file.notice}` : item.resourceUri.fsPath;
        item.contextValue = 'newsLens.file';
        return item;
      }
      case 'article': {
        const { article } = node;
        const hasChildren = hasDetails(article) || article.counts.person + article.counts.place + article.counts.organization + article.counts.quote > 0;
        const item = new vscode.TreeItem(articleLabel(article), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${node.file.uri}#${article.index}`;
        item.description = [this.annotationSuffix?.(node.file.uri, article.index), articleDescription(article)].filter(Boolean).join(' ');
        item.iconPath = new vscode.ThemeIcon(article.title ? 'book' : 'note');
        item.tooltip = new vscode.MarkdownString(
          [`**${articleLabel(article, 200)}**`, articleDescription(article), article.authors.length ? `By ${article.authors.join(', ')}` : '', `${article.wordCount} words`, countsLine(article)]
            .filter(Boolean)
            .join('\n\n'),
        );
        item.command = { command: 'newsLens.openLocation', title: 'Open Article', arguments: [node.file.uri, article.selectionRange] };
        item.contextValue = 'newsLens.article';
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.file.uri}#${node.article.index}/${node.group.kind}`;
        item.description = String(node.group.count);
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.group.kind]);
        return item;
      }
      case 'entity': {
        const item = new vscode.TreeItem(node.entity.name, vscode.TreeItemCollapsibleState.None);
        item.description = node.entity.count > 1 ? `×${node.entity.count}` : '';
        item.tooltip = `${node.entity.name} (${node.entity.kind}): ${node.entity.count} mention${node.entity.count === 1 ? '' : 's'} in this article`;
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.entity.kind]);
        item.command = { command: 'newsLens.openLocation', title: 'Go to First Mention', arguments: [node.file.uri, node.entity.firstMention] };
        item.contextValue = 'newsLens.articleEntity';
        return item;
      }
      case 'quote': {
        const item = new vscode.TreeItem(quoteLine(node.quote.text), vscode.TreeItemCollapsibleState.None);
        item.description = node.quote.speaker ?? 'unattributed';
        item.tooltip = new vscode.MarkdownString().appendText(`${node.quote.speaker ? `${node.quote.speaker}: ` : ''}“${node.quote.text}”`);
        item.iconPath = new vscode.ThemeIcon('quote');
        item.command = { command: 'newsLens.openLocation', title: 'Go to Quotation', arguments: [node.quote.uri, node.quote.range] };
        return item;
      }
    }
  }
}
