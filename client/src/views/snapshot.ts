import type * as vscode from 'vscode';

export interface TreeSnapshotNode {
  label: string;
  description?: string;
  children?: TreeSnapshotNode[];
}

/** A plain copy of what a tree shows (labels, descriptions) down to `depth` levels, for tests and bug reports. */
export async function snapshotTree<T>(provider: vscode.TreeDataProvider<T>, depth: number): Promise<TreeSnapshotNode[]> {
  const walk = async (element: T | undefined, level: number): Promise<TreeSnapshotNode[]> => {
    const children = (await provider.getChildren(element)) ?? [];
    const nodes: TreeSnapshotNode[] = [];
    for (const child of children) {
      const item = await provider.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const node: TreeSnapshotNode = { label };
      if (typeof item.description === 'string' && item.description) node.description = item.description;
      if (level < depth && item.collapsibleState) node.children = await walk(child, level + 1);
      nodes.push(node);
    }
    return nodes;
  };
  return walk(undefined, 1);
}
