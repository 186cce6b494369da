/** What the server advertises at `initialize`, checked the same way in memory and over stdio. */
import * as assert from 'node:assert/strict';
import { SEMANTIC_TOKEN_TYPES } from '../../server/src/protocol';

const PROVIDERS = [
  'documentSymbolProvider',
  'foldingRangeProvider',
  'workspaceSymbolProvider',
  'hoverProvider',
  'referencesProvider',
  'definitionProvider',
  'documentHighlightProvider',
  'codeLensProvider',
  'codeActionProvider',
];

export function assertNewsLensCapabilities(capabilities: Record<string, unknown>): void {
  for (const c of PROVIDERS) assert.ok(capabilities[c], `${c} advertised`);
  const tokens = capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] }; full: { delta: boolean }; range: boolean };
  assert.deepEqual(tokens.legend.tokenTypes, [...SEMANTIC_TOKEN_TYPES]);
  assert.equal(tokens.full.delta, true);
  assert.equal(tokens.range, true);
  assert.ok((capabilities.executeCommandProvider as { commands: string[] }).commands.includes('newsLens.annotate.setKind'));
}
