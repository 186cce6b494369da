// Times bare compromise with compromise-dates on files, as the baseline the core is compared with:
// nlp(text) then .people() .places() .organizations() .dates() .quotations(), each realised.
// Own process and own bundle: the dates plugin must not leak into the core's compromise instance.
//   node out/bench/compromiseWorker.js [--max-bytes N] FILE…
import { readFileSync } from 'node:fs';
import nlpImport from 'compromise';
import datesImport from 'compromise-dates';

// In CommonJS bundles the default export may arrive wrapped as { default }.
const nlp = (nlpImport as unknown as { default?: typeof nlpImport }).default ?? nlpImport;
const datesPlugin = (datesImport as unknown as { default?: typeof datesImport }).default ?? datesImport;
nlp.plugin(datesPlugin);

const args = process.argv.slice(2);
let maxBytes = Infinity;
let chunkChars = Infinity;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-bytes') maxBytes = Number(args[++i]);
  else if (args[i] === '--chunk') chunkChars = Number(args[++i]);
  else files.push(args[i]);
}

/**
 * Pieces of at most `limit` characters cut at blank lines. compromise grows faster than linearly on one
 * huge text (a 256 kB nlp() call runs ~4x slower per byte than the 50 kB seeds), so the baseline for a
 * big file is compromise run page by page — the fair way anyone would use it.
 */
function chunks(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const out: string[] = [];
  let current = '';
  for (const block of text.split(/(?<=\n\s*\n)/)) {
    if (current && current.length + block.length > limit) {
      out.push(current);
      current = '';
    }
    current += block;
  }
  if (current) out.push(current);
  return out;
}

interface DatesView {
  get(): unknown[];
}

interface ListView {
  out(format: 'array'): string[];
}

interface CompromiseView {
  people(): ListView;
  places(): ListView;
  organizations(): ListView;
  quotations(): ListView;
}

function run(text: string): number {
  // compromise's views are untyped (`any`): counted through a typed shape.
  const doc = nlp(text) as unknown as CompromiseView;
  const found =
    doc.people().out('array').length +
    doc.places().out('array').length +
    doc.organizations().out('array').length +
    (doc as unknown as { dates(o?: object): DatesView }).dates({ today: '2024-12-01' }).get().length +
    doc.quotations().out('array').length;
  return found;
}

let started = performance.now();
run('Officials said on Monday that Maria Lopez, the mayor of Springfield, met Acme Corp. executives in Lisbon. "We are ready," she said.');
const initMs = performance.now() - started;

let ms = 0;
let chars = 0;
let bytes = 0;
let found = 0;
for (const file of files) {
  let text = readFileSync(file, 'utf8');
  if (Buffer.byteLength(text) > maxBytes) text = Buffer.from(text).subarray(0, maxBytes).toString('utf8');
  started = performance.now();
  for (const piece of chunks(text, chunkChars)) found += run(piece);
  ms += performance.now() - started;
  chars += text.length;
  bytes += Buffer.byteLength(text);
}
process.stdout.write(JSON.stringify({ ms, initMs, chars, bytes, found }) + '\n');
