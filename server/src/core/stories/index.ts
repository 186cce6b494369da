import type { DocumentModel } from '../model';
import type { Story, StoryClustering } from './cluster';
import { IncrementalStories, type Edge as StoryEdge, type StoryUpdateStats } from './incremental';
import { storyArticle, type StoryArticle } from './features';

export { clusterStories, explainPair, storyOfMembers, STORY_THRESHOLD, type PairEvidence, type Story, type StoryClustering } from './cluster';
export { storyArticle, type StoryArticle } from './features';
export { IncrementalStories, type Edge as StoryEdge, type StoryUpdateStats } from './incremental';

/** Changed articles, as a share of those at the last batch, past which a batch (one IDF for every pair) runs again. */
export const REBATCH_SHARE = 0.25;

/**
 * The stories of a changing set of files. Each file's article features (the shingling, the costly
 * part) are computed once per analysed version and kept. The first question clusters them all in one
 * batch; after that a changed file is scored and linked on its own (`IncrementalStories`): only its
 * candidate pairs are scored and only the stories they touch are linked again. Once the changed
 * articles reach `REBATCH_SHARE` of the corpus (IDF weights have drifted) the next question batches
 * again. Where the features come from is up to the caller: the server's workspace feeds analysed
 * views; the corpus database feeds stored features (`setArticles`).
 */
export class StoryIndex {
  private readonly files = new Map<string, readonly StoryArticle[]>();
  /** Files changed since the last question (an empty list: removed). */
  private readonly pending = new Map<string, readonly StoryArticle[]>();
  private readonly stories: IncrementalStories;
  private built = false;
  private batchSize = 0;
  private changedSinceBatch = 0;
  /** A batch under way in steps (`startBatch`, `step`): every other use of the clustering finishes it first. */
  private running: Generator<void, void> | null = null;
  /** `invalidate` was called while a batch ran: it is not the current clustering when it ends. */
  private invalidatedWhileRunning = false;

  constructor(resolve: (id: string) => string = (id) => id) {
    this.stories = new IncrementalStories(resolve);
  }

  /** Replaces a file's articles with those of its analysed model. */
  setFile(file: string, text: string, model: DocumentModel): void {
    this.setArticles(file, model.layoutOnly ? [] : model.articles.map((a) => storyArticle(file, text, a)));
  }

  /** Replaces a file's articles with already computed features (e.g. from a store). */
  setArticles(file: string, articles: readonly StoryArticle[]): void {
    this.files.set(file, articles);
    this.pending.set(file, articles);
  }

  removeFile(file: string): void {
    if (this.files.delete(file)) this.pending.set(file, []);
  }

  /** Whether `result` is computed for the current files (asking for it costs nothing). */
  get fresh(): boolean {
    return this.built && this.pending.size === 0 && !this.running;
  }

  /** The current clustering if computed, else the last one computed (null before the first, and while a batch runs). */
  get lastResult(): StoryClustering | null {
    return this.built && !this.running ? this.stories.result : null;
  }

  /** What the last update scored and linked again (for the bench and tests). */
  get lastUpdate(): StoryUpdateStats {
    this.finishBatch();
    return this.stories.stats;
  }

  /**
   * Starts the batch the next `result` needs, to be run by `step` (a server runs the steps between other requests);
   * gives false when none is needed (the clustering is built: `result` only updates the changed files).
   */
  startBatch(): boolean {
    if (this.running) return true;
    if (this.built) return false;
    this.running = this.batch();
    return true;
  }

  /** Runs one step of the batch under way; false when there is none left. */
  step(): boolean {
    if (!this.running) return false;
    if (this.running.next().done) this.running = null;
    return this.running !== null;
  }

  private finishBatch(): void {
    while (this.step());
  }

  private *batch(): Generator<void, void> {
    // Files set while it runs are pending: the first `result` after it updates them.
    const files = new Map(this.files);
    this.pending.clear();
    this.invalidatedWhileRunning = false;
    yield* this.stories.rebuildSteps(files);
    this.built = !this.invalidatedWhileRunning;
    this.batchSize = this.stories.size;
    this.changedSinceBatch = 0;
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

  /**
   * Takes a stored clustering back (`IncrementalStories.restore`) for `files`, as if it had been built here:
   * the next changes are scored and linked on their own.
   */
  restore(
    files: ReadonlyMap<string, readonly StoryArticle[]>,
    pairs: Iterable<readonly [string, string, StoryEdge]>,
    stored: ReadonlyMap<string, { readonly story: string; readonly size: number; readonly duplicateOf: string | null }>,
    relink: Iterable<string> = [],
  ): void {
    // A batch under way is dropped: what it was building is replaced.
    this.running?.return();
    this.running = null;
    this.files.clear();
    this.pending.clear();
    for (const [file, articles] of files) this.files.set(file, articles);
    this.stories.restore(files, pairs, stored, relink);
    this.built = true;
    this.batchSize = this.stories.size;
    this.changedSinceBatch = 0;
  }

  /** The pairs an article was scored with when it was added (to store them). */
  scoredPairs(key: string): [string, StoryEdge][] {
    this.finishBatch();
    return this.stories.scoredPairs(key);
  }

  /** What changed since the last call: a batch, the articles scored, the articles linked again (to store them). */
  takeChanges(): ReturnType<IncrementalStories['takeChanges']> {
    this.finishBatch();
    return this.stories.takeChanges();
  }

  /** The entity resolution changed (aliases merged across files): batch again on the next question. */
  invalidate(): void {
    this.built = false;
    if (this.running) this.invalidatedWhileRunning = true;
  }

  articles(): StoryArticle[] {
    return [...this.files.values()].flat();
  }

  get result(): StoryClustering {
    this.finishBatch();
    if (this.built && this.pending.size) {
      for (const [file, articles] of this.pending) {
        this.changedSinceBatch += Math.max(articles.length, 1);
        this.stories.update(file, articles);
      }
      this.pending.clear();
      if (this.changedSinceBatch > REBATCH_SHARE * Math.max(this.batchSize, 1)) this.built = false;
    }
    if (!this.built) {
      this.startBatch();
      this.finishBatch();
    }
    return this.stories.result;
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
