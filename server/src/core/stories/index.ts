import type { DocumentModel } from '../model';
import { clusterStories, type Story, type StoryClustering } from './cluster';
import { storyArticle, type StoryArticle } from './features';

export { clusterStories, explainPair, STORY_THRESHOLD, type PairEvidence, type Story, type StoryClustering } from './cluster';
export { storyArticle, type StoryArticle } from './features';

/**
 * The stories of a changing set of files. Each file's article features (the shingling, the costly
 * part) are computed once per analysed version and kept; the clustering over the kept features is
 * redone on the next question after a change (IDF weights are corpus-wide, so one new file can change
 * any pair's score). Where the features come from is up to the caller: the server's workspace feeds
 * analysed views today; the corpus database can feed stored features (`setArticles`) instead.
 */
export class StoryIndex {
  private readonly files = new Map<string, readonly StoryArticle[]>();
  private clustering: StoryClustering | null = null;
  /** The clustering before the latest change, for answers that may be one change behind (code lenses while typing). */
  private previous: StoryClustering | null = null;

  constructor(private readonly resolve: (id: string) => string = (id) => id) {}

  /** Replaces a file's articles with those of its analysed model. */
  setFile(file: string, text: string, model: DocumentModel): void {
    this.setArticles(file, model.layoutOnly ? [] : model.articles.map((a) => storyArticle(file, text, a)));
  }

  /** Replaces a file's articles with already computed features (e.g. from a store). */
  setArticles(file: string, articles: readonly StoryArticle[]): void {
    this.files.set(file, articles);
    this.stale();
  }

  removeFile(file: string): void {
    if (this.files.delete(file)) this.stale();
  }

  private stale(): void {
    this.previous = this.clustering ?? this.previous;
    this.clustering = null;
  }

  /** Whether `result` is computed for the current files (asking for it costs nothing). */
  get fresh(): boolean {
    return this.clustering !== null;
  }

  /** The current clustering if computed, else the last one computed (null before the first). */
  get lastResult(): StoryClustering | null {
    return this.clustering ?? this.previous;
  }

  get articleCount(): number {
    let n = 0;
    for (const list of this.files.values()) n += list.length;
    return n;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  fileKeys(): string[] {
    return [...this.files.keys()];
  }

  /** The entity resolution changed (aliases merged across files): cluster again on the next question. */
  invalidate(): void {
    this.stale();
  }

  articles(): StoryArticle[] {
    return [...this.files.values()].flat();
  }

  get result(): StoryClustering {
    this.clustering ??= clusterStories(this.articles(), this.resolve);
    return this.clustering;
  }

  storyOf(file: string, article: number): Story | undefined {
    return this.result.storyOf.get(`${file}#${article}`);
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "1–2 Dec 2024", "30 Nov – 2 Dec 2024", "2 Dec 2024", or '' when undated. */
export function dayRangeLabel(from: string | null, to: string | null): string {
  if (!from || !to) return '';
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  if (from === to) return `${td} ${MONTHS[tm - 1]} ${ty}`;
  if (fy === ty && fm === tm) return `${fd}–${td} ${MONTHS[tm - 1]} ${ty}`;
  if (fy === ty) return `${fd} ${MONTHS[fm - 1]} – ${td} ${MONTHS[tm - 1]} ${ty}`;
  return `${fd} ${MONTHS[fm - 1]} ${fy} – ${td} ${MONTHS[tm - 1]} ${ty}`;
}

/** "3 articles · 3 outlets · 1–2 Dec 2024". */
export function storyLabel(story: Story): string {
  const n = story.members.length;
  const o = story.outlets.length;
  const parts = [`${n} article${n === 1 ? '' : 's'}`, `${o} outlet${o === 1 ? '' : 's'}`];
  const days = dayRangeLabel(story.from, story.to);
  if (days) parts.push(days);
  return parts.join(' · ');
}
