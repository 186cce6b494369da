/**
 * A `Workspace` in memory for feature tests: documents are opened as an editor opens them (no
 * process, no disk, no index), and each feature's `provideX` is called on it directly.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileView } from '../../server/src/workspace/fileView';
import { Workspace } from '../../server/src/workspace/workspace';
import { repoRoot } from './lspHarness';

export interface MemoryWorkspace {
  readonly workspace: Workspace;
  /** The URI of a file given by name. */
  uri(name: string): string;
  text(name: string): string;
  /** The analysed view of an open file. */
  view(name: string): Promise<FileView>;
  /** Opens (or edits) a file and waits for its analysis. */
  open(name: string, text: string, version?: number): Promise<FileView>;
}

/** URIs of in-memory files: `file:///memory/<name>`. */
export function memoryUri(name: string): string {
  return `file:///memory/${encodeURIComponent(name)}`;
}

/** A workspace holding these files, all open and analysed. */
export async function memoryWorkspace(files: Readonly<Record<string, string>>): Promise<MemoryWorkspace> {
  const workspace = new Workspace();
  const texts = new Map<string, string>();
  const versions = new Map<string, number>();
  const open = async (name: string, text: string, version?: number): Promise<FileView> => {
    const v = version ?? (versions.get(name) ?? 0) + 1;
    versions.set(name, v);
    texts.set(name, text);
    workspace.update(memoryUri(name), v, text);
    const view = await workspace.viewOf(memoryUri(name));
    assert.ok(view, `${name} analysed`);
    return view;
  };
  for (const [name, text] of Object.entries(files)) await open(name, text);
  return {
    workspace,
    uri: memoryUri,
    text: (name) => texts.get(name) ?? assert.fail(`no file ${name}`),
    view: async (name) => (await workspace.viewOf(memoryUri(name))) ?? assert.fail(`no view of ${name}`),
    open,
  };
}

/** The seed files by name (`000_….txt`), read from the repository. */
export function seedFiles(): Record<string, string> {
  const dir = join(repoRoot(), 'seeds');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n.endsWith('.txt'))
      .sort()
      .map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
  );
}

/** The name of the seed whose file name starts with a prefix (`'004'`). */
export function seedName(prefix: string): string {
  return Object.keys(seedFiles()).find((n) => n.startsWith(prefix)) ?? assert.fail(`no seed ${prefix}`);
}

/** The seeds open in an in-memory workspace: those whose names start with the prefixes given, else all five. */
export function seedsWorkspace(...prefixes: string[]): Promise<MemoryWorkspace> {
  const seeds = Object.entries(seedFiles()).filter(([name]) => !prefixes.length || prefixes.some((p) => name.startsWith(p)));
  return memoryWorkspace(Object.fromEntries(seeds));
}

/** The LSP position of the n-th `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" in the text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The position of a `needle` on a 0-based line. */
export function at(text: string, line: number, needle: string, occurrence = 0): { line: number; character: number } {
  const lineText = text.split('\n')[line];
  let character = -1;
  for (let i = 0; i <= occurrence; i++) character = lineText.indexOf(needle, character + 1);
  assert.ok(character >= 0, `"${needle}" on line ${line + 1}`);
  return { line, character };
}
