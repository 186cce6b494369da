import { parentPort } from 'node:worker_threads';
import { analyzeDocument, ArticleCache } from '../core';
import { BatchCollector } from '../util/collector';

/**
 * A worker thread of the index (issue 13): analyses one file's text at a time, so indexing uses every
 * core while the server's own thread answers the editor. Each file gets its own article cache: a long
 * run keeps nothing of the files before. Messages: `{ id, text, maxLength }` in, `{ id, model }` or
 * `{ id, error }` out.
 */
const collector = new BatchCollector();

parentPort?.on('message', (message: { id: number; text: string; maxLength: number }) => {
  try {
    const model = analyzeDocument(message.text, { cache: new ArticleCache(), maxFullAnalysisLength: message.maxLength });
    parentPort!.postMessage({ id: message.id, model });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  // After the answer: the server's thread does not wait for it.
  collector.done(message.text.length);
});
