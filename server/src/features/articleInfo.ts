import { quotationKind, type AnalyzedArticle } from '../core/model';
import type { ArticleEntityInfo, ArticleInfo, EntityCounts, FileArticles, QuoteInfo } from '../protocol';
import type { FileView } from '../workspace/fileView';
import { rangeOf } from '../context';

/** Distinct people, places and organizations of an article, and its statements (scare quotes excluded). */
export function countsOf(article: AnalyzedArticle): EntityCounts {
  const ids = { person: new Set<string>(), place: new Set<string>(), organization: new Set<string>() };
  for (const m of article.mentions) ids[m.kind].add(m.entityId);
  return { person: ids.person.size, place: ids.place.size, organization: ids.organization.size, quote: article.quotes.filter((q) => !q.scare).length };
}

/** A quotation for the sidebar: a known speaker goes by the entity's canonical name, so "Trump" and "Mr. Trump" group together. */
export function quoteInfo(view: FileView, q: AnalyzedArticle['quotes'][number]): QuoteInfo {
  const speaker = q.speakerId ? (view.model.entities.find((e) => e.id === q.speakerId)?.name ?? q.speaker) : q.speaker;
  return { uri: view.uri, range: rangeOf(view, q.span), text: q.text, speaker, speakerId: q.speakerId, article: q.article, kind: quotationKind(q), ...(q.via ? { via: q.via } : {}) };
}

/** The `newsLens/articles` shape of one article: what the sidebar, Go to Article… and the status bar show. */
export function articleInfo(view: FileView, article: AnalyzedArticle, outline = false): ArticleInfo {
  const byId = new Map<string, ArticleEntityInfo>();
  for (const m of outline ? [] : article.mentions) {
    const found = byId.get(m.entityId);
    if (found) found.count++;
    else {
      const entity = view.model.entities.find((e) => e.id === m.entityId);
      byId.set(m.entityId, { id: m.entityId, name: entity?.name ?? m.name, kind: m.kind, count: 1, firstMention: rangeOf(view, m.span) });
    }
  }
  return {
    index: article.index,
    title: article.title,
    preview: view.preview(article),
    date: article.date,
    source: article.source,
    authors: [...article.authors],
    range: rangeOf(view, article.span),
    selectionRange: rangeOf(view, view.articleSelection(article)),
    sections: article.sections.map((s) => ({ title: s.title, range: rangeOf(view, s.span) })),
    wordCount: view.wordCount(article),
    counts: countsOf(article),
    entities: [...byId.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    quotes: outline ? [] : article.quotes.filter((q) => !q.scare).map((q) => quoteInfo(view, q)),
  };
}

/** One file's articles; `outline` leaves each article's entities and quotations out (the cheap answer for long lists). */
export function fileArticles(view: FileView, outline = false): FileArticles {
  return {
    uri: view.uri,
    articles: view.model.articles.map((a) => articleInfo(view, a, outline)),
    boilerplate: view.model.boilerplate.map((b) => rangeOf(view, b.span)),
    ...(view.notice ? { notice: view.notice } : {}),
  };
}
