import type { ArticleInfo, EntityInfo, EntityKind, FileArticles, QuoteInfo } from '../../../server/src/protocol';

/**
 * What the sidebar trees show, computed from the server's answers only (no vscode import, so the
 * tests check it without an editor): labels, descriptions, grouping and order.
 */

export const KIND_GROUPS: readonly { kind: EntityKind; label: string }[] = [
  { kind: 'person', label: 'People' },
  { kind: 'place', label: 'Places' },
  { kind: 'organization', label: 'Organizations' },
];

/** The last path segment of a URI, decoded. */
export function fileLabel(uri: string): string {
  const p = uri.split(/[?#]/)[0];
  const name = p.slice(p.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function articleLabel(article: ArticleInfo, max = 90): string {
  const text = (article.title ?? article.preview).replace(/\s+/g, ' ').trim();
  if (!text) return `Article ${article.index + 1}`;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "2024-12-02 · The New York Times": what the Articles view and Go to Article… show beside a title. */
export function articleDescription(article: ArticleInfo): string {
  return [article.date, article.source].filter(Boolean).join(' · ');
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

export function fileDescription(file: FileArticles): string {
  const articles = plural(file.articles.length, 'article');
  return file.notice ? `${articles} · outline only` : articles;
}

/**
 * Files start expanded only when there are very few: otherwise the list of files stays compact
 * (hundreds stay collapsed, their children never built) and the file under the cursor is expanded
 * by the reveal that follows the cursor.
 */
export function expandFilesInitially(fileCount: number): boolean {
  return fileCount <= 3;
}

export interface ArticleGroup {
  readonly kind: EntityKind | 'quote';
  readonly label: string;
  readonly count: number;
}

/** The People / Places / Organizations / Quotations groups under an article, empty ones left out. */
export function articleGroups(article: ArticleInfo): ArticleGroup[] {
  const groups: ArticleGroup[] = KIND_GROUPS.map(({ kind, label }) => ({ kind, label, count: article.entities.filter((e) => e.kind === kind).length }));
  groups.push({ kind: 'quote', label: 'Quotations', count: article.quotes.length });
  return groups.filter((g) => g.count > 0);
}

/** Entities of the workspace grouped by kind, most mentioned first, optionally filtered. */
export function groupEntities(entities: readonly EntityInfo[], filter: { query?: string; kind?: EntityKind }): Map<EntityKind, EntityInfo[]> {
  const query = filter.query?.toLowerCase() ?? '';
  const groups = new Map<EntityKind, EntityInfo[]>(KIND_GROUPS.map(({ kind }) => [kind, []]));
  for (const e of entities) {
    if (filter.kind && e.kind !== filter.kind) continue;
    if (query && !e.name.toLowerCase().includes(query) && !e.aliases.some((a) => a.toLowerCase().includes(query))) continue;
    groups.get(e.kind)?.push(e);
  }
  for (const list of groups.values()) list.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name));
  return groups;
}

export const UNATTRIBUTED = 'Unattributed';
export const SCARE_QUOTES = 'Scare quotes';

/**
 * Quotations grouped by resolved speaker (the entity: "he" and "Mr. Kobakhidze" are one group), most quoted first;
 * unattributed ones, then scare quotes, in their own groups at the end.
 */
export function groupQuotes(quotes: readonly QuoteInfo[]): { speaker: string; speakerId: string | null; quotes: QuoteInfo[] }[] {
  const bySpeaker = new Map<string, { speaker: string; speakerId: string | null; quotes: QuoteInfo[] }>();
  for (const q of quotes) {
    const scare = q.kind === 'scare';
    const key = scare ? SCARE_QUOTES : (q.speakerId ?? (q.speaker ? `name:${q.speaker}` : UNATTRIBUTED));
    let group = bySpeaker.get(key);
    if (!group) {
      group = scare ? { speaker: SCARE_QUOTES, speakerId: null, quotes: [] } : { speaker: q.speaker ?? UNATTRIBUTED, speakerId: q.speakerId, quotes: [] };
      bySpeaker.set(key, group);
    }
    group.quotes.push(q);
  }
  const groups = [...bySpeaker.entries()];
  const last = (k: string): number => (k === SCARE_QUOTES ? 2 : k === UNATTRIBUTED ? 1 : 0);
  groups.sort(([ka, a], [kb, b]) => last(ka) - last(kb) || b.quotes.length - a.quotes.length || a.speaker.localeCompare(b.speaker));
  return groups.map(([, g]) => g);
}

/** One line of a quotation for a tree row. */
export function quoteLine(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

/** "Source abbreviations" for the status bar: "The New York Times" → "NYT". */
export function shortSource(source: string | null): string | null {
  if (!source) return null;
  if (source.length <= 12) return source;
  const initials = source
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w) && w !== 'The')
    .map((w) => w[0])
    .join('');
  return initials.length >= 2 ? initials : source.slice(0, 12);
}

/** "Article 3/7 · 2024-12-02 · NYT" */
export function statusText(at: { index: number; total: number; date: string | null; source: string | null }): string {
  return [`Article ${at.index + 1}/${at.total}`, at.date, shortSource(at.source)].filter(Boolean).join(' · ');
}

/** The article whose headline comes after (or before) a line, for Next / Previous Article. */
export function neighbourArticle(articles: readonly ArticleInfo[], line: number, direction: 1 | -1): ArticleInfo | undefined {
  const starts = articles.map((a) => a.selectionRange.start.line);
  if (direction === 1) return articles.find((_, i) => starts[i] > line);
  // Previous: the article starting before the one holding the cursor… or its own headline when inside its body.
  for (let i = articles.length - 1; i >= 0; i--) if (starts[i] < line) return articles[i];
  return undefined;
}

/** The Entities view's description, e.g. `“assad” · People`, or undefined without a filter. */
export function entityFilterDescription(filter: { query?: string; kind?: EntityKind }): string | undefined {
  const parts = [filter.query ? `“${filter.query}”` : '', filter.kind ? (KIND_GROUPS.find((g) => g.kind === filter.kind)?.label ?? filter.kind) : ''].filter(Boolean);
  return parts.length ? `filter: ${parts.join(' · ')}` : undefined;
}

/** "12 mentions · 3 files" beside an entity of the Entities view. */
export function entityDescription(entity: EntityInfo): string {
  return `${plural(entity.mentionCount, 'mention')} · ${plural(entity.fileCount, 'file')}`;
}

/** A mention row: the line's text, shortened around the mention so the name stays visible. */
export function mentionLabel(lineText: string, max = 100): string {
  const flat = lineText.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface ArticlePick {
  label: string;
  description: string;
  detail: string;
  uri: string;
  article: ArticleInfo;
}

/** "Go to Article…": one entry per article of the workspace, grouped by file (the file name as separator). */
export function articlePicks(files: readonly FileArticles[]): { file: string; picks: ArticlePick[] }[] {
  return files
    .filter((f) => f.articles.length > 0)
    .map((f) => ({
      file: fileLabel(f.uri),
      picks: f.articles.map((article) => ({
        label: articleLabel(article),
        description: articleDescription(article),
        detail: [article.authors.length ? `By ${article.authors.join(', ')}` : '', plural(article.wordCount, 'word'), countsLine(article)].filter(Boolean).join(' · '),
        uri: f.uri,
        article,
      })),
    }));
}

/** "7 people · 9 places · 5 organizations · 6 quotations", the zero counts left out. */
export function countsLine(article: ArticleInfo): string {
  const c = article.counts;
  return [
    c.person ? plural(c.person, 'person', 'people') : '',
    c.place ? plural(c.place, 'place') : '',
    c.organization ? plural(c.organization, 'organization') : '',
    c.quote ? plural(c.quote, 'quotation') : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The article holding a line (its range), for revealing the article under the cursor. */
export function articleAtLine(articles: readonly ArticleInfo[], line: number): ArticleInfo | undefined {
  return articles.find((a) => a.range.start.line <= line && line <= a.range.end.line);
}
