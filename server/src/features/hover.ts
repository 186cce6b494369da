import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { placeInfo } from '../core/entities/gazetteer';
import { formatCount } from '../core/text';
import { quotationKind, type DateMention, type Span, type LinkedMention, type LinkedQuotation } from '../core/model';
import { fileNameOf, guard, rangeOf, type ServerContext } from '../context';
import type { FileView } from '../workspace/fileView';
import type { Workspace } from '../workspace/workspace';
import type { HumanLayer } from '../core/annotate/records';
import { labelNamed, type LabelSchema } from '../core/annotate/schema';
import type { LabelFeatures } from './labels';
import { storyHover } from './stories';

const MAX_QUOTES = 3;
const MAX_ARTICLES = 5;

/** Markdown-safe text: hover cards render Markdown, scraped text must not. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** A link that opens a file at a line (VS Code and other clients understand `#L<line>`). */
function linkTo(uri: string, view: FileView | undefined, offset: number): string {
  return lineLink(uri, view ? view.lines.positionAt(offset).line : 0);
}

/** The same link from a zero-based line. */
function lineLink(uri: string, line: number): string {
  return `${uri}#L${line + 1}`;
}

function shorten(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

function entityCard(workspace: Workspace, view: FileView, mention: LinkedMention): string {
  const id = workspace.entities.resolve(mention.entityId);
  const indexed = workspace.entities.entity(id);
  const local = view.model.entities.find((e) => e.id === mention.entityId);
  const name = indexed?.name ?? local?.name ?? mention.name;
  const lines: string[] = [`**${escape(name)}** · ${mention.kind}`];
  const aliases = (indexed?.aliases ?? local?.aliases ?? []).filter((a) => a !== name).slice(0, 8);
  if (aliases.length) lines.push(`Also written: ${aliases.map(escape).join(', ')}`);
  if (mention.kind === 'place') {
    const place = placeInfo(name);
    if (place) {
      const where: string[] = [];
      if (place.kind === 'city') where.push(`city in ${place.country}`);
      else if (place.kind === 'country') where.push(place.capital ? `country, capital ${place.capital}` : 'country');
      else where.push('region');
      if (place.population) where.push(`population ${formatCount(place.population)}`);
      if (place.lat !== undefined && place.lon !== undefined) {
        where.push(`${Math.abs(place.lat).toFixed(2)}° ${place.lat >= 0 ? 'N' : 'S'}, ${Math.abs(place.lon).toFixed(2)}° ${place.lon >= 0 ? 'E' : 'W'}`);
      }
      lines.push(escape(where.join(' · ')));
    }
  }
  const article = view.model.articles[mention.article];
  const inArticle = article ? article.mentions.filter((m) => m.entityId === mention.entityId).length : 0;
  const inFile = local?.mentions.length ?? 0;
  const counts = [`${plural(inArticle, 'mention')} in this article`, `${inFile} in this file`];
  if (indexed) counts.push(`${indexed.mentionCount} in ${plural(indexed.fileCount, 'file')} of the workspace`);
  lines.push(counts.join(' · '));
  const first = view.firstMentionOf(mention.entityId);
  if (first) lines.push(`> ${escape(shorten(view.sentenceAround(first.span), 280))}`);
  if (mention.kind === 'person') {
    const quotes = workspace.entities.quotesBy(id);
    if (quotes.length) {
      lines.push(`**Quotations** (${quotes.length})`);
      for (const quote of quotes.slice(0, MAX_QUOTES)) lines.push(`- [“${escape(shorten(quote.text, 100))}”](${lineLink(quote.uri, quote.range.start.line)})`);
    }
  }
  // A command link (trusted by the VS Code client for this read-only command only).
  lines.push(`[Show on Timeline](command:newsLens.showTimeline?${encodeURIComponent(JSON.stringify([{ id, name }]))})`);
  const articles = workspace.entities.articlesMentioningPage(id, MAX_ARTICLES);
  if (articles.total) {
    lines.push(`**Articles** (${articles.total})`);
    for (const a of articles.articles) lines.push(`- [${escape(shorten(`${a.name} (${fileNameOf(a.uri)})`, 80))}](${lineLink(a.uri, a.selection.start.line)})`);
  }
  return lines.join('\n\n');
}

function dateCard(date: DateMention): string {
  const lines = [`**${escape(date.text)}** · date`];
  if (!date.iso) lines.push('Cannot be resolved to a day from the text.');
  else if (/^\d{4}-\d{2}-\d{2}$/.test(date.iso)) {
    const day = new Date(`${date.iso}T12:00:00Z`);
    const written = day.toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    lines.push(`${written} (${date.iso})`);
  } else lines.push(`${date.iso.length === 7 ? 'Month' : 'Year'}: ${date.iso}`);
  if (date.relative) lines.push('Resolved against the article’s publication date.');
  return lines.join('\n\n');
}

function quoteCard(workspace: Workspace, view: FileView, quote: LinkedQuotation): string {
  if (quote.scare) return `**Scare quote** “${escape(shorten(quote.text, 80))}”: a phrase set apart, not a statement.`;
  const kind = quotationKind(quote);
  const lines = [kind === 'partial' ? '**Partial quotation** (a fragment inside a paraphrase)' : '**Quotation**'];
  if (quote.speaker) {
    const speakerMention = quote.speakerSpan ? view.mentionAt(quote.speakerSpan.start) : undefined;
    const target = speakerMention ? view.firstMentionOf(speakerMention.entityId) : undefined;
    const name = quote.speakerId ? (workspace.entities.entity(workspace.entities.resolve(quote.speakerId))?.name ?? quote.speaker) : quote.speaker;
    lines.push(target ? `Speaker: [${escape(name)}](${linkTo(view.uri, view, target.span.start)})` : `Speaker: ${escape(name)}`);
  } else lines.push('Speaker: unattributed');
  if (quote.via) lines.push(`Via: ${escape(quote.via)}`);
  lines.push(`${plural(quote.text.split(/\s+/).filter(Boolean).length, 'word')}`);
  return lines.join('\n\n');
}

/** The machine's card under an offset: an entity mention, a date or a quotation. */
function cardAt(workspace: Workspace, view: FileView, offset: number): Hover | null {
  const mention = view.mentionAt(offset);
  if (mention) return { contents: { kind: MarkupKind.Markdown, value: entityCard(workspace, view, mention) }, range: rangeOf(view, mention.span) };
  const date = view.dateAt(offset);
  if (date) return { contents: { kind: MarkupKind.Markdown, value: dateCard(date) }, range: rangeOf(view, date.span) };
  const quote = view.quoteAt(offset);
  if (quote) return { contents: { kind: MarkupKind.Markdown, value: quoteCard(workspace, view, quote) }, range: rangeOf(view, quote.span) };
  return null;
}

/** What the hover shows of human annotation (annotating a corpus): one view's labels and notes, and the schema they use. */
export interface HumanHoverLayer {
  readonly layer: Pick<HumanLayer, 'spans' | 'notes'>;
  readonly schema: LabelSchema;
}

/** Human labels and notes under an offset, as Markdown, with the span they cover; null when there are none. */
function humanCard({ layer, schema }: HumanHoverLayer, offset: number): { value: string; span: Span } | null {
  const spans = layer.spans.filter((s) => s.start <= offset && offset <= s.end);
  const notes = layer.notes.filter((n) => n.start <= offset && offset <= n.end);
  if (!spans.length && !notes.length) return null;
  const lines: string[] = [];
  for (const s of spans) {
    const attrs = Object.entries(s.attributes).map(([k, v]) => (v === true ? k : `${k}: ${String(v)}`));
    lines.push(`**${s.label}** · ${s.annotator}${attrs.length ? ` · ${attrs.join(', ')}` : ''}${labelNamed(schema, s.label) ? '' : ' (not in the schema)'}`);
  }
  for (const n of notes) {
    lines.push(`📝 ${n.annotator}: ${n.text}${n.resolved ? ' *(resolved)*' : ''}`);
    for (const r of n.replies) lines.push(`↳ ${r.annotator}: ${r.text}`);
  }
  const all = [...spans, ...notes];
  return { value: lines.join('\n\n'), span: { start: Math.min(...all.map((x) => x.start)), end: Math.max(...all.map((x) => x.end)) } };
}

/**
 * The hover: the machine's card (or the story of a headline), then the human labels and notes under
 * the cursor when `human` gives the view's human layer (every editor sees them, not only VS Code).
 */
export async function provideHover(workspace: Workspace, params: HoverParams, human?: (view: FileView) => HumanHoverLayer): Promise<Hover | null> {
  const view = await workspace.viewOf(params.textDocument.uri);
  if (!view) return null;
  const offset = view.lines.offsetAt(params.position);
  const card = cardAt(workspace, view, offset) ?? storyHover(workspace, view, offset);
  // Human labels and notes (annotating a corpus) follow the machine's card, or stand alone.
  const humanPart = human ? humanCard(human(view), offset) : null;
  if (!humanPart) return card;
  if (!card) return { contents: { kind: MarkupKind.Markdown, value: humanPart.value }, range: rangeOf(view, humanPart.span) };
  return { ...card, contents: { kind: MarkupKind.Markdown, value: `${(card.contents as { value: string }).value}\n\n---\n\n${humanPart.value}` } };
}

/** The hover, with the human layer of the labels feature. */
export function registerHover(context: ServerContext, labels: Pick<LabelFeatures, 'humanLayer'>): void {
  context.connection.onHover(guard(context, 'hover', (params: HoverParams) => provideHover(context.workspace, params, (view) => labels.humanLayer(view))));
}
