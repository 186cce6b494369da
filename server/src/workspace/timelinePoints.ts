/**
 * The timeline's points of one analysed file, before entity ids are resolved across the workspace: what
 * `newsLens/timeline` shows of a file in memory and what the corpus database stores for the others
 * (archive/timelineSchema.ts), made by this one function so both give the same answer.
 */
import type { LspRange } from '../protocol';
import type { FileView } from './fileView';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface TimelinePoint {
  /** `published`: the article's publication day; `mentioned`: a date of its text resolved to a day. */
  readonly kind: 'published' | 'mentioned';
  readonly date: string;
  readonly range: LspRange;
  readonly text: string;
  /** The file's entity ids, in order of first mention: the whole article's (published) or the paragraph's (mentioned). */
  readonly ids: readonly string[];
  /** Published only: the article's mentions of each id (its most named entities are listed once ids are resolved). */
  readonly counts: readonly number[] | null;
}

export interface TimelineArticle {
  readonly index: number;
  readonly title: string;
  readonly source: string | null;
  readonly points: readonly TimelinePoint[];
}

function firstMentioned(mentions: readonly { entityId: string }[]): { ids: string[]; counts: number[] } {
  const at = new Map<string, number>();
  const ids: string[] = [];
  const counts: number[] = [];
  for (const m of mentions) {
    const i = at.get(m.entityId);
    if (i !== undefined) counts[i]++;
    else {
      at.set(m.entityId, ids.length);
      ids.push(m.entityId);
      counts.push(1);
    }
  }
  return { ids, counts };
}

/** Per analysed version of a file (a view is replaced when its file changes): positions and titles are found once. */
const prepared = new WeakMap<FileView, readonly TimelineArticle[]>();

/** Each article's dated points: its publication day, and each date of its text resolved to another day. */
export function timelineArticles(view: FileView): readonly TimelineArticle[] {
  let list = prepared.get(view);
  if (list) return list;
  list = view.model.articles.map((article) => {
    const points: TimelinePoint[] = [];
    if (article.date && ISO_DAY.test(article.date)) {
      const { ids, counts } = firstMentioned(article.mentions);
      const range = view.lines.rangeOf(article.datelineSpan ?? view.articleSelection(article));
      points.push({ kind: 'published', date: article.date, range, text: `published ${article.date}`, ids, counts });
    }
    for (const d of article.dates) {
      if (!d.iso || !ISO_DAY.test(d.iso) || d.iso === article.date) continue;
      const paragraph = article.paragraphs.find((p) => d.span.start >= p.start && d.span.start < p.end);
      const near = paragraph ? article.mentions.filter((m) => m.span.start >= paragraph.start && m.span.start < paragraph.end) : [];
      points.push({ kind: 'mentioned', date: d.iso, range: view.lines.rangeOf(d.span), text: d.text, ids: firstMentioned(near).ids, counts: null });
    }
    return { index: article.index, title: view.articleName(article), source: article.source, points };
  });
  prepared.set(view, list);
  return list;
}

/**
 * A point's place in the timeline's sample (FNV-1a of where it is): when more points match than the answer
 * may hold, those of lowest rank are kept, an even spread over dates and outlets that is the same whatever
 * order files came in, in memory and in the database alike.
 */
export function sampleRank(file: string, article: number, point: Pick<TimelinePoint, 'kind' | 'range'>): number {
  const key = `${file}#${article}#${point.kind}#${point.range.start.line}:${point.range.start.character}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
