import type { ArticleLayout, DateMention } from './model';

// Initial version: finds nothing. Replaced by the real date finder.
export function findDates(_articleText: string, _layout: ArticleLayout): DateMention[] {
  return [];
}
