/**
 * Workspace answers kept in the corpus database (table `answers`), for the questions that read the whole
 * archive (the network, the stories, the timeline): a reopen with nothing changed reads the answer instead of
 * making it again from every stored file. An answer is kept only while it depends on the database alone, so
 * only when every file held in memory (the open documents) has its stored file's text.
 */
import type { CorpusDatabase } from '../archive/database';
import { sha1Of } from '../archive/record';
import { queried } from '../archive/sql';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';
import { RawJson, answerValue, type Answer } from '../util/rawJson';
import { uriToPath } from '../util/uri';

/**
 * The name under which the answer to `question` may be kept, or undefined when it depends on more than the
 * database: a file in memory whose text is not its stored file's.
 */
export function keptQuestion(workspace: Workspace, db: CorpusDatabase, views: readonly FileView[], question: string): string | undefined {
  return views.every((view) => sameAsStored(workspace, db, view)) ? question : undefined;
}

/** The kept answer's JSON, not parsed; undefined when there is none at this content version (or it cannot be read). */
function keptAnswer<T>(db: CorpusDatabase, question: string, log: (message: string) => void): RawJson<T> | undefined {
  return queried(
    log,
    `kept answer ${question}`,
    () => {
      const bytes = db.keptAnswerBytes(question);
      // Written by JSON.stringify of an object: anything else (a row damaged in the cache) is made again.
      if (bytes === undefined || bytes[0] !== 0x7b || bytes[bytes.length - 1] !== 0x7d) return undefined;
      return new RawJson<T>(bytes);
    },
    undefined,
  );
}

/**
 * The kept answers of one kind of question, also remembered in memory per workspace while the database's content
 * version is the same (asked again, an answer is not read again).
 */
export class KeptAnswers<T> {
  private readonly last = new WeakMap<Workspace, { question: string; version: number; answer: Answer<T> }>();

  /** The answer kept for `question`, parsed, or undefined. */
  read(workspace: Workspace, db: CorpusDatabase, question: string, log: (message: string) => void): T | undefined {
    const answer = this.readAnswer(workspace, db, question, log);
    if (answer === undefined) return undefined;
    try {
      return answerValue(answer);
    } catch (e) {
      // Not JSON (a damaged row): made again, and kept again, by the caller.
      log(`News Lens: kept answer ${question}: ${e instanceof Error ? e.message : String(e)}`);
      this.last.delete(workspace);
      return undefined;
    }
  }

  /** The answer kept for `question` as a request sends it: its JSON as kept, parsed only where the value is needed. */
  readAnswer(workspace: Workspace, db: CorpusDatabase, question: string, log: (message: string) => void): Answer<T> | undefined {
    const last = this.last.get(workspace);
    if (last?.question === question && last.version === db.contentVersion) return last.answer;
    const answer = keptAnswer<T>(db, question, log);
    if (answer !== undefined) this.last.set(workspace, { question, version: db.contentVersion, answer });
    return answer;
  }

  keep(workspace: Workspace, db: CorpusDatabase, question: string, answer: T, log: (message: string) => void): void {
    const json = JSON.stringify(answer);
    const bytes = Buffer.from(json, 'utf8');
    queried(log, `keeping the answer ${question}`, () => db.keepAnswer(question, json, bytes), undefined);
    // Remembered as the bytes kept, as a reopen reads them: the next question over stdio sends them as they are
    // instead of serialising the answer again (0.3–0.7 s for the 10.5 MB stories answer at 10,000 files).
    this.last.set(workspace, { question, version: db.contentVersion, answer: new RawJson<T>(bytes) });
  }
}

/**
 * Whether a file held in memory adds nothing the database does not hold: an open document whose text is
 * its stored file's (the workspace's answer is then the database's alone, and may be kept in it).
 */
function sameAsStored(workspace: Workspace, db: CorpusDatabase, view: FileView): boolean {
  const known = sameAsStoredOf.get(view);
  if (known?.version === db.contentVersion) return known.same;
  const path = uriToPath(view.uri);
  let text: string | undefined;
  try {
    text = view.text;
  } catch {
    // Changed on disk and not indexed again yet: not the stored file.
  }
  const same = path !== undefined && text !== undefined && workspace.index.isStored(view.uri) && db.lookup(path)?.hash === sha1Of(Buffer.from(text, 'utf8'));
  sameAsStoredOf.set(view, { version: db.contentVersion, same });
  return same;
}

const sameAsStoredOf = new WeakMap<FileView, { version: number; same: boolean }>();
