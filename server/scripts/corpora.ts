/**
 * Readers for the annotated corpora in ../shared/data (read in place, never copied into the repository),
 * shared by `npm run train` (server/scripts/train.ts) and the whole-pipeline eval (test/eval/pipeline.ts).
 * Every corpus becomes documents of sentences of tokens with BIO tags over PER / LOC / ORG (CoNLL's MISC
 * becomes O: it is not a kind News Lens shows). Document splits are by whole documents, never sentences.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type EntityType = 'PER' | 'LOC' | 'ORG';
export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'LOC', 'ORG'];

export interface TaggedSentence {
  readonly tokens: readonly string[];
  /** IOB2 tags: `B-PER`, `I-PER`, … or `O`. */
  readonly tags: readonly string[];
}

export interface TaggedDocument {
  readonly id: string;
  readonly source: 'conll-train' | 'conll-testb' | 'gum';
  readonly sentences: readonly TaggedSentence[];
}

export function sharedDataDir(repoRoot: string): string {
  return join(repoRoot, '..', 'shared', 'data');
}

/** IOB1 or IOB2 tags of one sentence → IOB2, MISC dropped. */
function toIob2(tags: readonly string[]): string[] {
  const out: string[] = [];
  let previousType = '';
  for (const tag of tags) {
    const [bio, type] = tag.split('-');
    if (!type || type === 'MISC' || (bio !== 'B' && bio !== 'I')) {
      out.push('O');
      previousType = '';
      continue;
    }
    out.push(bio === 'B' || previousType !== type ? `B-${type}` : `I-${type}`);
    previousType = type;
  }
  return out;
}

interface ColumnItem {
  docStart: boolean;
  sentence?: TaggedSentence;
  id?: string;
}

function readColumns(path: string, tokenColumn: (parts: string[]) => string, tagColumn: (parts: string[]) => string, split: RegExp): ColumnItem[] {
  const items: ColumnItem[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = (): void => {
    if (tokens.length) items.push({ docStart: false, sentence: { tokens, tags: toIob2(tags) } });
    tokens = [];
    tags = [];
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('-DOCSTART-')) {
      flush();
      items.push({ docStart: true, id: line.split(/\s+/)[1] });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const parts = line.split(split);
    tokens.push(tokenColumn(parts));
    tags.push(tagColumn(parts));
  }
  flush();
  return items;
}

/** The documents of a column file: a new one at each `-DOCSTART-`, its sentences until the next. */
function documentsOf(items: readonly ColumnItem[], name: (index: number, docStartId: string | undefined) => Pick<TaggedDocument, 'id' | 'source'>): TaggedDocument[] {
  const docs: TaggedDocument[] = [];
  let current: TaggedSentence[] | null = null;
  for (const item of items) {
    if (item.docStart) {
      current = [];
      docs.push({ ...name(docs.length, item.id), sentences: current });
    } else if (item.sentence && current) current.push(item.sentence);
  }
  return docs;
}

/** eng.train: 946 documents, one per `-DOCSTART-`. */
export function readConllTrain(dataDir: string): TaggedDocument[] {
  const path = join(dataDir, 'conll2003', 'eng.train');
  if (!existsSync(path)) return [];
  const items = readColumns(
    path,
    (p) => p[0],
    (p) => p[p.length - 1],
    / /,
  );
  return documentsOf(items, (n) => ({ id: `conll-train-${n}`, source: 'conll-train' }));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * eng.testb has no `-DOCSTART-` lines: stories are cut at datelines ("LONDON 1996-08-30"), each story
 * starting with the headline (and byline) before its dateline.
 */
export function readConllTestb(dataDir: string): TaggedDocument[] {
  const path = join(dataDir, 'conll2003', 'eng.testb');
  if (!existsSync(path)) return [];
  const sentences = readColumns(
    path,
    (p) => p[0],
    (p) => p[p.length - 1],
    / /,
  ).flatMap((i) => (i.sentence ? [i.sentence] : []));
  const isDateline = (s: TaggedSentence): boolean => s.tokens.length <= 8 && ISO_DATE.test(s.tokens[s.tokens.length - 1]);
  const starts: number[] = [0];
  for (let i = 1; i < sentences.length; i++) {
    if (!isDateline(sentences[i])) continue;
    // The headline is one sentence before; a short byline may sit between them.
    let start = i - 1;
    if (start - 1 > starts[starts.length - 1] && sentences[start].tokens.length <= 4) start--;
    if (start > starts[starts.length - 1]) starts.push(start);
  }
  starts.push(sentences.length);
  const docs: TaggedDocument[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    docs.push({ id: `conll-testb-${k}`, source: 'conll-testb', sentences: sentences.slice(starts[k], starts[k + 1]) });
  }
  return docs;
}

/** gum-dev.conll: token<TAB>tag, IOB2, `-DOCSTART- <id>` before each document. */
export function readGumConll(dataDir: string): TaggedDocument[] {
  const path = join(dataDir, 'gum-dev', 'gum-dev.conll');
  if (!existsSync(path)) return [];
  const items = readColumns(
    path,
    (p) => p[0],
    (p) => p[1] ?? 'O',
    /\t/,
  );
  return documentsOf(items, (n, id) => ({ id: id ?? `gum-${n}`, source: 'gum' }));
}

export interface GoldText {
  readonly id: string;
  readonly text: string;
  readonly entities: readonly { start: number; end: number; type: EntityType }[];
  /** For a tokenised source: each sentence's token offsets in `text`. */
  readonly tokenStarts?: readonly (readonly number[])[];
}

/** gum-dev.jsonl: running text with gold offsets (the text the pipeline reads). */
export function readGumTexts(dataDir: string): GoldText[] {
  const path = join(dataDir, 'gum-dev', 'gum-dev.jsonl');
  if (!existsSync(path)) return [];
  const kinds: Record<string, EntityType> = { person: 'PER', place: 'LOC', organization: 'ORG' };
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const d = JSON.parse(l) as { id: string; text: string; entities: { start: number; end: number; type: string }[] };
      const entities = d.entities.filter((e) => kinds[e.type]).map((e) => ({ start: e.start, end: e.end, type: kinds[e.type] }));
      return { id: d.id, text: d.text, entities };
    });
}

/** PolNeAR's train article texts (its meta file names each line's split), unlabelled text for word clusters. */
export function readPolnearTrainTexts(dataDir: string): string[] {
  const textPath = join(dataDir, 'polnear', 'quotes-eval.jsonl');
  const metaPath = join(dataDir, 'polnear', 'quotes-eval.meta.jsonl');
  if (!existsSync(textPath) || !existsSync(metaPath)) return [];
  const splits = readFileSync(metaPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { split: string }).split);
  return readFileSync(textPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l, i) => (splits[i] === 'train' ? [(JSON.parse(l) as { text: string }).text] : []));
}

/** The development split: every fifth document (by position in its file) is held out of training. */
export function isHeldOut(index: number): boolean {
  return index % 5 === 4;
}

const NO_SPACE_BEFORE = /^(?:[,.;:?!%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m)$/;
const NO_SPACE_AFTER = /^[([{$]$/;

/**
 * A tokenised document written as a news file would be: one sentence a line, the usual spaces of
 * written English (none before a comma or after an opening bracket), gold spans mapped to offsets.
 */
export function documentAsText(doc: TaggedDocument): GoldText {
  let text = '';
  const entities: { start: number; end: number; type: EntityType }[] = [];
  const tokenStarts: number[][] = [];
  for (const sentence of doc.sentences) {
    if (text) text += '\n';
    const starts: number[] = [];
    tokenStarts.push(starts);
    let open: { start: number; end: number; type: EntityType } | null = null;
    for (let i = 0; i < sentence.tokens.length; i++) {
      const token = sentence.tokens[i];
      if (i > 0 && !NO_SPACE_BEFORE.test(token) && !NO_SPACE_AFTER.test(sentence.tokens[i - 1])) text += ' ';
      const start = text.length;
      starts.push(start);
      text += token;
      const tag = sentence.tags[i];
      const type = tag.slice(2) as EntityType;
      if (tag.startsWith('I-') && open && open.type === type) open.end = text.length;
      else {
        if (open) entities.push(open);
        open = tag === 'O' ? null : { start, end: text.length, type };
      }
    }
    if (open) entities.push(open);
  }
  return { id: doc.id, text: `${text}\n`, entities, tokenStarts };
}
