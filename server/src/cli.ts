import { readFileSync } from 'node:fs';
import { analyzeDocument } from './core';

// Initial CLI; the full `analyze`, `export` and `lsp` commands replace this.
for (const path of process.argv.slice(3)) {
  const model = analyzeDocument(readFileSync(path, 'utf8'));
  process.stdout.write(`${path}: ${model.articles.length} articles\n`);
}
