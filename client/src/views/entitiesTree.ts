import * as vscode from 'vscode';
import type { EntityInfo, EntityKind, LspRange, MentionInfo } from '../../../server/src/protocol';
import type { ServerApi } from '../serverApi';
import { KIND_ICONS } from './articlesTree';
import { entityDescription, entityFilterDescription, fileLabel, groupEntities, KIND_GROUPS, mentionLabel } from './treeModel';

/** A custom label's group (annotating a corpus), given by `labelGroups`. */
export interface LabelGroup {
  label: string;
  color: string;
  spans: { uri: string; range: LspRange; text: string; annotator: string }[];
}

export type EntitiesNode =
  | { type: 'label'; group: LabelGroup }
  | { type: 'labelSpan'; group: LabelGroup; span: LabelGroup['spans'][number] }
  | { type: 'kind'; kind: EntityKind; label: string; entities: EntityInfo[] }
  | { type: 'entity'; entity: EntityInfo }
  | { type: 'mention'; entity: EntityInfo; mention: MentionInfo };

export interface EntityFilter {
  query?: string;
  kind?: EntityKind;
}

/**
 * Entities view: every entity of the workspace by kind, most mentioned first. Mentions are asked
 * for (`newsLens/entityMentions`) only when an entity is expanded; the filter runs on the server.
 */
export class EntitiesTree implements vscode.TreeDataProvider<EntitiesNode> {
  private readonly changed = new vscode.EventEmitter<EntitiesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private loading: Promise<EntityInfo[]> | undefined;
  filter: EntityFilter = {};
  /** Custom labels' groups listed after the kinds (set by the annotate module). */
  labelGroups: (() => Promise<LabelGroup[]>) | undefined;

  constructor(private readonly api: ServerApi) {}

  refresh(): void {
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  setFilter(filter: EntityFilter): void {
    this.filter = { ...(filter.query ? { query: filter.query } : {}), ...(filter.kind ? { kind: filter.kind } : {}) };
    void vscode.commands.executeCommand('setContext', 'newsLens.entitiesFiltered', Boolean(this.filter.query || this.filter.kind));
    this.refresh();
  }

  get description(): string | undefined {
    return entityFilterDescription(this.filter);
  }

  async getChildren(node?: EntitiesNode): Promise<EntitiesNode[]> {
    if (!node) {
      this.loading ??= this.api.entities({ ...this.filter }).then(
        (r) => r.entities,
        (error: unknown) => {
          this.loading = undefined;
          throw error;
        },
      );
      const groups = groupEntities(await this.loading, this.filter);
      const kinds: EntitiesNode[] = KIND_GROUPS.filter(({ kind }) => (groups.get(kind)?.length ?? 0) > 0).map(({ kind, label }) => ({ type: 'kind', kind, label, entities: groups.get(kind) ?? [] }));
      const labels = this.filter.kind || !this.labelGroups ? [] : await this.labelGroups().catch(() => []);
      return [...kinds, ...labels.map((group): EntitiesNode => ({ type: 'label', group }))];
    }
    if (node.type === 'label') return node.group.spans.map((span) => ({ type: 'labelSpan', group: node.group, span }));
    if (node.type === 'kind') return node.entities.map((entity) => ({ type: 'entity', entity }));
    if (node.type === 'entity') return (await this.api.entityMentions(node.entity.id)).mentions.map((mention) => ({ type: 'mention', entity: node.entity, mention }));
    return [];
  }

  /** The tree node of one entity (for reveal), or undefined when the filter hides it. */
  async entityNode(id: string): Promise<EntitiesNode | undefined> {
    for (const group of await this.getChildren()) {
      if (group.type !== 'kind') continue;
      const entity = group.entities.find((e) => e.id === id);
      if (entity) return { type: 'entity', entity };
    }
    return undefined;
  }

  async getParent(node: EntitiesNode): Promise<EntitiesNode | undefined> {
    if (node.type === 'kind' || node.type === 'label') return undefined;
    const groups = await this.getChildren();
    if (node.type === 'labelSpan') return groups.find((g) => g.type === 'label' && g.group.label === node.group.label);
    return groups.find((g) => g.type === 'kind' && g.kind === node.entity.kind);
  }

  getTreeItem(node: EntitiesNode): vscode.TreeItem {
    if (node.type === 'label') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `label:${node.group.label}`;
      item.description = `${node.group.spans.length} labelled`;
      item.iconPath = new vscode.ThemeIcon('tag');
      item.tooltip = `Custom label ${node.group.label} (${node.group.color})`;
      return item;
    }
    if (node.type === 'labelSpan') {
      const { span } = node;
      const item = new vscode.TreeItem(span.text, vscode.TreeItemCollapsibleState.None);
      item.description = `${fileLabel(span.uri)}:${span.range.start.line + 1} · ${span.annotator}`;
      item.iconPath = new vscode.ThemeIcon('tag');
      item.command = { command: 'newsLens.openLocation', title: 'Go to Label', arguments: [span.uri, span.range] };
      return item;
    }
    if (node.type === 'kind') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `kind:${node.kind}`;
      item.description = String(node.entities.length);
      item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.kind]);
      return item;
    }
    if (node.type === 'entity') {
      const item = new vscode.TreeItem(node.entity.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `entity:${node.entity.id}`;
      item.description = entityDescription(node.entity);
      const others = node.entity.aliases.filter((a) => a !== node.entity.name);
      item.tooltip = others.length ? `${node.entity.name}\nAlso written: ${others.join(', ')}` : node.entity.name;
      item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.entity.kind]);
      item.contextValue = 'newsLens.entity';
      return item;
    }
    const { mention } = node;
    const item = new vscode.TreeItem(mentionLabel(mention.lineText), vscode.TreeItemCollapsibleState.None);
    item.description = `${fileLabel(mention.uri)}:${mention.range.start.line + 1}`;
    item.tooltip = mention.lineText;
    item.iconPath = new vscode.ThemeIcon('debug-breakpoint-log-unverified');
    item.command = { command: 'newsLens.openLocation', title: 'Go to Mention', arguments: [mention.uri, mention.range] };
    return item;
  }
}
