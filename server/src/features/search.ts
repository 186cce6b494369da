import type { CorpusDatabase } from '../archive/database';
import { search } from '../archive/queries';
import { onTypedRequest, type ServerContext } from '../context';
import { SearchRequest, type SearchParams, type SearchResult } from '../protocol';

/** `newsLens/search` over the corpus database, or the reason there is none to search. */
export function provideSearch(corpus: CorpusDatabase | undefined, params: SearchParams | null): SearchResult {
  if (!corpus) return { hits: [], truncated: false, message: 'No corpus database is open (no workspace folder, or it could not be created: see the output).' };
  return search(corpus, params ?? {});
}

/** `newsLens/search`: archive search over the corpus database (README "Search the archive"). */
export function registerSearch(context: ServerContext, corpus: () => CorpusDatabase | undefined): void {
  onTypedRequest(context, SearchRequest, (params) => provideSearch(corpus(), params));
}
