import type { CorpusDatabase } from '../archive/database';
import { search } from '../archive/queries';
import { onTypedRequest, type ServerContext } from '../context';
import { SearchRequest, type SearchResult } from '../protocol';

/** `newsLens/search`: archive search over the corpus database (README "Search the archive"). */
export function registerSearch(context: ServerContext, corpus: () => CorpusDatabase | undefined): void {
  onTypedRequest(context, SearchRequest, (params): SearchResult => {
    const db = corpus();
    if (!db) return { hits: [], truncated: false, message: 'No corpus database is open (no workspace folder, or it could not be created: see the output).' };
    return search(db, params ?? {});
  });
}
