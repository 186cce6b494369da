import type { ArticleLayout, EntityMention, Quotation } from './model';

// Initial version: finds nothing. Replaced by quotation finding and speaker attribution.
export function findQuotations(_articleText: string, _layout: ArticleLayout, _mentions: readonly EntityMention[]): Quotation[] {
  return [];
}
