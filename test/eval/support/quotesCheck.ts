/**
 * The check set beyond PolNeAR (test/fixtures/quotes-check): Reuters stories of 1996 from CoNLL-2003 with their
 * quotations and speakers written by reading them (expected.json). Scored on the CLI's JSON shape, so the evaluation
 * (quotesCli.ts, through dist/cli.js) and the unit test (in process) count the same way:
 * - found: expected quotations that a JSON quotation of any kind starts with (or holds) the snippet of;
 * - precision: JSON statements and partial quotes that are an expected quotation;
 * - named: where the text names the speaker (source not a pronoun nor absent), the JSON speaker agrees with it;
 * - resolved: expected speakers that are one person or organization, the JSON speakerId's entity agrees with it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonFile } from '../../../server/src/core/export/json';
import { isNamedSource, speakerNamesAgree } from '../../../server/scripts/quoteScoring';

export interface CheckQuote {
  readonly snippet: string;
  readonly kind: 'statement' | 'partial' | 'scare';
  readonly source: string | null;
  readonly speaker: string | null;
  readonly entity?: boolean;
}
export interface CheckDocument {
  readonly file: string;
  readonly quotes: readonly CheckQuote[];
}

/** Resolved from the working directory (the repository root), as the other fixtures are. */
export const CHECK_DIR = resolve(process.cwd(), 'test/fixtures/quotes-check');

export function readCheckSet(dir = CHECK_DIR): { documents: CheckDocument[]; texts: Map<string, string> } {
  const { documents } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { documents: CheckDocument[] };
  return { documents, texts: new Map(documents.map((d) => [d.file, readFileSync(join(dir, d.file), 'utf8')])) };
}

export interface CheckScore {
  expected: number;
  found: number;
  predicted: number;
  predictedRight: number;
  kindRight: number;
  named: number;
  namedRight: number;
  resolvable: number;
  resolvedRight: number;
  misses: string[];
}

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function scoreCheckSet(documents: readonly CheckDocument[], jsonOf: (file: string) => JsonFile | undefined): CheckScore {
  const score: CheckScore = { expected: 0, found: 0, predicted: 0, predictedRight: 0, kindRight: 0, named: 0, namedRight: 0, resolvable: 0, resolvedRight: 0, misses: [] };
  for (const doc of documents) {
    const json = jsonOf(doc.file);
    const quotes = json ? json.articles.flatMap((a) => a.quotes) : [];
    const entities = new Map((json?.articles ?? []).flatMap((a) => a.entities).map((e) => [e.id, e.name]));
    const matches = (text: string, e: CheckQuote): boolean => flat(text).startsWith(e.snippet) || flat(text).includes(e.snippet);
    for (const q of quotes) {
      if (q.kind === 'scare') continue;
      score.predicted++;
      if (doc.quotes.some((e) => matches(q.text, e))) score.predictedRight++;
    }
    for (const e of doc.quotes) {
      score.expected++;
      const q = quotes.find((x) => flat(x.text).startsWith(e.snippet)) ?? quotes.find((x) => matches(x.text, e));
      const where = `${doc.file} ${JSON.stringify(e.snippet)}`;
      if (!q) {
        score.misses.push(`${where}: not found`);
        continue;
      }
      score.found++;
      if (q.kind === e.kind) score.kindRight++;
      if (!e.speaker) continue;
      if (isNamedSource(e.source)) {
        score.named++;
        if (q.speaker !== null && (speakerNamesAgree(q.speaker, e.source!) || speakerNamesAgree(q.speaker, e.speaker))) score.namedRight++;
        else score.misses.push(`${where}: speaker ${JSON.stringify(q.speaker)}, expected ${JSON.stringify(e.source)}`);
      }
      if (e.entity === false) continue;
      score.resolvable++;
      const name = q.speakerId ? (entities.get(q.speakerId) ?? '') : '';
      if (name && speakerNamesAgree(name, e.speaker)) score.resolvedRight++;
      else score.misses.push(`${where}: resolved to ${JSON.stringify(name || null)} (speaker ${JSON.stringify(q.speaker)}), expected ${e.speaker}`);
    }
  }
  return score;
}
