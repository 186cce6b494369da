/**
 * Stories, timeline and network at archive size (issue 15): 10,000 files.
 *
 * Analysing 10,000 files takes minutes and is the indexer's cost, not these features': the corpus
 * database keeps each file's analysis and story features. So this analyses `REAL` varied seed copies
 * for real (the bench corpus's generator), then makes 10,000 files' worth of features from them: each
 * further copy renames its entities, shifts its dates and re-draws its MinHash signature (as another
 * outlet's text would have), and the timing covers what runs per question over all of them.
 */
import { performance } from 'node:perf_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../server/src/core/analyze';
import { EntityIndex } from '../server/src/core/entityIndex';
import type { DocumentModel } from '../server/src/core/model';
import { IncrementalStories, storyArticle, type StoryArticle } from '../server/src/core/stories';
import { cooccurrence, mostMentioned, topGraph } from '../server/src/core/stories/network';
import { prng, varySeed } from './corpus';

const FILES = Number(process.argv[2] ?? 10_000);
const REAL = Number(process.argv[3] ?? 200);
const root = join(__dirname, '..', '..');
const seeds = readdirSync(join(root, 'seeds'))
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((n) => readFileSync(join(root, 'seeds', n), 'utf8'));

function shiftDay(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const t0 = performance.now();
const models: { file: string; model: DocumentModel; features: StoryArticle[] }[] = [];
for (let i = 0; i < REAL; i++) {
  const text = varySeed(seeds[i % seeds.length], 100_000 + i);
  const model = analyzeDocument(text);
  const file = `file:///corpus/${i}.txt`;
  models.push({ file, model, features: model.articles.map((a) => storyArticle(file, text, a)) });
}
const analysed = performance.now() - t0;

const random = prng(42);
const articles: StoryArticle[] = [];
const units: string[][] = [];
const events: { date: string; uri: string }[] = [];
for (let i = 0; i < FILES; i++) {
  const base = models[i % REAL];
  const group = Math.floor(i / REAL);
  const shift = group === 0 ? 0 : Math.floor(random() * 700) - 350;
  const rename = (id: string): string => (group === 0 || random() < 0.3 ? id : `${id}~${group}`);
  const file = `file:///corpus/${i}.txt`;
  for (const a of base.features) {
    const entities = new Map<string, number>();
    for (const [id, c] of a.entities) entities.set(rename(id), c);
    const signature = group === 0 ? a.signature : a.signature.map((v) => (v ^ Math.imul(group, 0x9e3779b1)) >>> 0);
    articles.push({
      ...a,
      key: `${file}#${a.article}`,
      file,
      entities,
      date: a.date && shiftDay(a.date, shift),
      days: a.days.map((d) => shiftDay(d, shift)),
      signature,
      fingerprint: group === 0 ? a.fingerprint : `${a.fingerprint}~${group}`,
    });
    units.push([...entities.keys()]);
    if (a.date) events.push({ date: shiftDay(a.date, shift), uri: file });
    for (const d of a.days) events.push({ date: shiftDay(d, shift), uri: file });
  }
}

const entities = new EntityIndex();
for (const m of models) entities.update(m.file, m.model);

function time<T>(label: string, run: () => T, repeat = 3): T {
  let result!: T;
  const times: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const s = performance.now();
    result = run();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`);
  return result;
}

console.log(`${FILES.toLocaleString('en-US')} files, ${articles.length.toLocaleString('en-US')} articles (${REAL} analysed for real in ${(analysed / 1000).toFixed(1)} s)`);
const resolveBench = (id: string): string => entities.resolve(id.split('~')[0]) + (id.includes('~') ? id.slice(id.indexOf('~')) : '');
const byFile = new Map<string, StoryArticle[]>();
for (const a of articles) byFile.set(a.file, [...(byFile.get(a.file) ?? []), a]);
const stories = new IncrementalStories(resolveBench);
time('stories: batch over every article (first question, or after much drift)', () => stories.rebuild(byFile), 1);
const clustering = stories.result;
const sizes = clustering.stories.map((s) => s.members.length);
console.log(
  `  ${clustering.stories.length.toLocaleString('en-US')} stories, ${sizes.filter((n) => n > 1).length} of several (largest ${Math.max(...sizes)}), ${clustering.duplicateOf.size} duplicates, ${stories.stats.scored.toLocaleString('en-US')} pairs scored`,
);
// A file changes: its articles are removed and put back with another date (as an edit would move them).
const changed = [...byFile.keys()].filter((_, i) => i % Math.max(1, Math.floor(byFile.size / 20)) === 7);
let round = 0;
time(
  'stories: one file changed, re-scored and linked again',
  () => {
    const file = changed[round++ % changed.length];
    stories.update(
      file,
      byFile.get(file)!.map((a) => ({ ...a, date: a.date && shiftDay(a.date, round % 2) })),
    );
    return stories.result.stories.length;
  },
  changed.length,
);
console.log(`  last update: ${stories.stats.scored} pairs scored, ${stories.stats.relinked} articles linked again`);
time('timeline: sort every dated event', () => [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uri < b.uri ? -1 : 1)).length);
time('network: co-occurrence over every article, top 60', () => topGraph(cooccurrence(units, mostMentioned(120)), 60).edges.length);
