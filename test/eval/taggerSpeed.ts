/**
 * The tagger's own cost, printed by the pipeline eval (a report, never a test assertion): the model's
 * load (the compact form the bundles embed, filled into tables, clusters parsed: what the first tagged article pays) and the tagger's throughput on texts
 * already segmented and read by the rules (tagArticle alone, warm: a second pass over the same texts).
 */
import { segmentArticles } from '../../server/src/core/segment';
import { recognizeEntities as recognizeByRules } from '../../server/src/core/entities';
import { relativeLayout } from '../../server/src/core/analyze';
import { loadModel } from '../../server/src/core/entities/tagger/compact';
import { tagArticle } from '../../server/src/core/entities/tagger/tag';
import modelBytes from '../../server/src/core/entities/tagger/ner.model.bin';

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export interface TaggerSpeed {
  /** Median of 5 loads of the model, ms (wall) and ms of CPU. */
  readonly loadMs: number;
  readonly loadCpuMs: number;
  /** Megabytes of article text per second of CPU, tagArticle only, warm. */
  readonly warmMBs: number;
}

export function taggerSpeed(texts: readonly string[]): TaggerSpeed {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 5; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    loadModel(modelBytes);
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const articles = texts.flatMap((text) =>
    segmentArticles(text).articles.map((article) => {
      const layout = relativeLayout(article);
      const articleText = text.slice(article.span.start, article.span.end);
      return { articleText, layout, rules: recognizeByRules(articleText, layout) };
    }),
  );
  let bytes = 0;
  let cpuMs = 0;
  for (let pass = 0; pass < 2; pass++) {
    const cpu = process.cpuUsage();
    for (const a of articles) tagArticle(a.articleText, a.layout, a.rules);
    const used = process.cpuUsage(cpu);
    cpuMs = (used.user + used.system) / 1000;
  }
  for (const a of articles) bytes += Buffer.byteLength(a.articleText);
  return { loadMs: median(walls), loadCpuMs: median(cpus), warmMBs: bytes / 1e6 / (cpuMs / 1000) };
}
