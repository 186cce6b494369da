// Times the full analysis core on files, in its own process so every measurement starts cold:
// no article cache, no memo left by an earlier measurement. Prints one JSON line.
//   node out/bench/coreWorker.js [--max-bytes N] FILE…
import { readFileSync } from 'node:fs';
import { analyzeDocument } from '../server/src/core/analyze';

const args = process.argv.slice(2);
let maxBytes = Infinity;
let warmPasses = 0;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-bytes') maxBytes = Number(args[++i]);
  else if (args[i] === '--warm-passes') warmPasses = Number(args[++i]);
  else files.push(args[i]);
}

// Module initialisation (lexicons, gazetteers) is paid once per server start, not per document:
// time it separately on a short text that shares nothing with the measured files.
const warmup = 'Officials said on Monday that Maria Lopez, the mayor of Springfield, met Acme Corp. executives in Lisbon. "We are ready," she said.';
let started = performance.now();
analyzeDocument(warmup);
const initMs = performance.now() - started;

let chars = 0;
let bytes = 0;
let articles = 0;
let mentions = 0;
let dates = 0;
let quotes = 0;
let ms = 0;
for (const file of files) {
  let text = readFileSync(file, 'utf8');
  if (Buffer.byteLength(text) > maxBytes) text = Buffer.from(text).subarray(0, maxBytes).toString('utf8');
  started = performance.now();
  // The 10 MB file is above the server's layout-only limit: the bench measures full analysis on purpose.
  const model = analyzeDocument(text, { maxFullAnalysisLength: Number.MAX_SAFE_INTEGER });
  ms += performance.now() - started;
  chars += text.length;
  bytes += Buffer.byteLength(text);
  articles += model.articles.length;
  for (const a of model.articles) {
    mentions += a.mentions.length;
    dates += a.dates.length;
    quotes += a.quotes.length;
  }
}
// Warm passes: the same files again in this process (JIT compiled, word caches filled, as in a
// server that has analysed a few documents), each text changed by a trailing space so no per-text
// memo can answer; still no article cache. The median pass is reported.
const warm: number[] = [];
for (let pass = 1; pass <= warmPasses; pass++) {
  let passMs = 0;
  for (const file of files) {
    let text = readFileSync(file, 'utf8');
    if (Buffer.byteLength(text) > maxBytes) text = Buffer.from(text).subarray(0, maxBytes).toString('utf8');
    text += ' '.repeat(pass);
    started = performance.now();
    analyzeDocument(text, { maxFullAnalysisLength: Number.MAX_SAFE_INTEGER });
    passMs += performance.now() - started;
  }
  warm.push(passMs);
}
warm.sort((a, b) => a - b);
const warmMs = warm.length ? warm[Math.floor(warm.length / 2)] : NaN;
process.stdout.write(JSON.stringify({ ms, initMs, warmMs, chars, bytes, articles, mentions, dates, quotes }) + '\n');
