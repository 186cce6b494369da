/**
 * Scores the path users get: `analyzeDocument` on a whole text file (segmentation, boilerplate, headline
 * and dateline handling, recognition, linking), against gold names. Shared by `npm run eval`
 * (test/eval/pipeline.ts) and the accuracy gate in `npm test` (test/unit/entities-accuracy.test.ts).
 *
 * Two measures, each per type and overall, micro-averaged over documents:
 * - mention exact: a found mention counts when its span and type equal a gold mention's;
 * - distinct entities per article: the set of (type, name) per document, the name lower-cased with its
 *   possessive dropped, so "Roe", "Roe's" and a second "Roe" are one person of that article.
 */
import { analyzeDocument } from '../../server/src/core/analyze';
import type { EntityKind } from '../../server/src/core/model';
import type { EntityType, GoldText } from '../../server/scripts/corpora';
import type { FoundMistake } from './support/byRule';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ScoreTable {
  readonly PER: Counts;
  readonly LOC: Counts;
  readonly ORG: Counts;
  readonly all: Counts;
}

export interface PipelineScores {
  readonly documents: number;
  readonly chars: number;
  readonly mention: ScoreTable;
  readonly distinct: ScoreTable;
  /** Most frequent errors, "missed PER Roe" / "extra LOC Kenya October" / "PER typed LOC Nissan". */
  readonly errors: [string, number][];
  /** Every wrong found mention with the rule that decided it, and the rule of every right one (the by-rule table). */
  readonly ruleMistakes: readonly FoundMistake[];
  readonly ruleCorrect: readonly (string | undefined)[];
  /** Every error, one line each with its document, rule and context (`--errors`, dev split only). */
  readonly details: readonly string[];
}

const KIND_TO_TYPE: Record<EntityKind, EntityType> = { person: 'PER', place: 'LOC', organization: 'ORG' };

export function f1(c: Counts): number {
  return c.tp ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0;
}

function emptyTable(): ScoreTable {
  return { PER: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 }, all: { tp: 0, fp: 0, fn: 0 } };
}

function add(table: ScoreTable, type: EntityType, field: keyof Counts): void {
  table[type][field]++;
  table.all[field]++;
}

function distinctName(text: string): string {
  return text
    .replace(/[’']s?$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** How a found mention that the gold does not hold is wrong: "spurious ORG", "PER typed as LOC", "ORG span differs"… */
function mistakePattern(e: { start: number; end: number; type: EntityType }, gold: GoldText['entities']): string {
  const g = gold.find((x) => x.start < e.end && e.start < x.end);
  if (!g) return `spurious ${e.type}`;
  if (g.start === e.start && g.end === e.end) return `${g.type} typed as ${e.type}`;
  return g.type === e.type ? `${e.type} span differs` : `${g.type} typed as ${e.type}, span differs`;
}

/** The text around a span on one line, the span in brackets. */
function context(text: string, start: number, end: number): string {
  const flat = (s: string): string => s.replace(/\s+/g, ' ');
  return `${flat(text.slice(Math.max(0, start - 50), start))}[${flat(text.slice(start, end))}]${flat(text.slice(end, end + 50))}`;
}

/** Runs the whole pipeline on each text and scores it against its gold names. */
export function scorePipeline(texts: readonly GoldText[]): PipelineScores {
  const mention = emptyTable();
  const distinct = emptyTable();
  const errors = new Map<string, number>();
  const note = (e: string): void => void errors.set(e, (errors.get(e) ?? 0) + 1);
  const ruleMistakes: FoundMistake[] = [];
  const ruleCorrect: (string | undefined)[] = [];
  const details: string[] = [];
  let chars = 0;
  for (const doc of texts) {
    chars += doc.text.length;
    const model = analyzeDocument(doc.text);
    const found = model.articles.flatMap((a) => a.mentions.map((m) => ({ start: m.span.start, end: m.span.end, type: KIND_TO_TYPE[m.kind], rule: m.rule })));
    const key = (e: { start: number; end: number; type: string }): string => `${e.type}:${e.start}:${e.end}`;
    const goldKeys = new Set(doc.entities.map(key));
    const foundKeys = new Set(found.map(key));
    for (const e of found) {
      if (goldKeys.has(key(e))) {
        add(mention, e.type, 'tp');
        ruleCorrect.push(e.rule);
      } else {
        add(mention, e.type, 'fp');
        const same = doc.entities.find((g) => g.start === e.start && g.end === e.end);
        note(same ? `${same.type} typed ${e.type} ${doc.text.slice(e.start, e.end)}` : `extra ${e.type} ${doc.text.slice(e.start, e.end)}`);
        const pattern = mistakePattern(e, doc.entities);
        ruleMistakes.push({ rule: e.rule, pattern });
        details.push(`${doc.id}\t${e.rule ?? '-'}\t${pattern}\t${doc.text.slice(e.start, e.end)}\t${context(doc.text, e.start, e.end)}`);
      }
    }
    for (const g of doc.entities) {
      if (foundKeys.has(key(g))) continue;
      add(mention, g.type, 'fn');
      if (found.some((e) => e.start === g.start && e.end === g.end)) continue;
      note(`missed ${g.type} ${doc.text.slice(g.start, g.end)}`);
      const near = found.find((e) => e.start < g.end && g.start < e.end);
      details.push(`${doc.id}\t${near ? `(${near.rule ?? '-'} ${near.type})` : '-'}\tmissed ${g.type}\t${doc.text.slice(g.start, g.end)}\t${context(doc.text, g.start, g.end)}`);
    }
    const names = (list: readonly { start: number; end: number; type: EntityType }[]): Set<string> => new Set(list.map((e) => `${e.type}|${distinctName(doc.text.slice(e.start, e.end))}`));
    const goldNames = names(doc.entities);
    const foundNames = names(found);
    for (const n of foundNames) add(distinct, n.slice(0, 3) as EntityType, goldNames.has(n) ? 'tp' : 'fp');
    for (const n of goldNames) if (!foundNames.has(n)) add(distinct, n.slice(0, 3) as EntityType, 'fn');
  }
  const top = [...errors.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 40);
  return { documents: texts.length, chars, mention, distinct, errors: top, ruleMistakes, ruleCorrect, details };
}

/** F1 figures of a score table, rounded to 4 places (what the baseline stores). */
export function f1Summary(table: ScoreTable): Record<'PER' | 'LOC' | 'ORG' | 'all', number> {
  const r = (c: Counts): number => Math.round(f1(c) * 10000) / 10000;
  return { PER: r(table.PER), LOC: r(table.LOC), ORG: r(table.ORG), all: r(table.all) };
}
