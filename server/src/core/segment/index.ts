/**
 * The article model: splits a scraped news page into articles, cheaply and line by line (no NLP).
 * It runs on every keystroke on multi-megabyte files, so it is linear: one classification pass per
 * line (./classify.ts), one walk that builds articles with a small state machine, and a
 * lexical-cohesion pass that finds stories glued together without any marker.
 *
 * The walk's states: 'none' (between articles), 'header' (headline seen, no body yet), 'body', and
 * 'ended' (an end marker such as "X contributed reporting" or an offer block was seen: only trailing
 * author lines still attach to the article). A new article starts at
 *   - a title-like line that is followed (past boilerplate and metadata) by body text, when no article
 *     is open, or after an end marker, or when a paywall notice / byline / dateline sits between the
 *     line and the body, or when it is a long Title Case line (a headline, not a section heading);
 *   - a dateline or byline after body text;
 *   - body text after a paywall notice or an end marker (an article without a headline);
 *   - a topic seam found by ./cohesion.ts.
 */
import type { ArticleLayout, BoilerplateBlock, DocumentLayout, SectionLayout, Span } from '../model';
import { classifyLines } from './classify';
import { findTopicShift } from './cohesion';
import { splitLines } from './lines';
import { SegmentationMemo, type TopicShiftFinder } from './memo';
import { outletNamed } from './outlets';
import { LayoutWalk, LEAD_DATELINE, newDraft, type ArticleDraft } from './walk';

export type { Dateline } from './dateline';
export { parseDateline } from './dateline';
export { editedStretch, offsetBeforeEdit, SegmentationMemo } from './memo';
export type { EditedStretch } from './memo';

function titleCaseWord(word: string): string {
  return word.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

/** Splits drafts at topic seams (stories glued together without a headline). */
function splitAtTopicShifts(drafts: readonly ArticleDraft[], topicShift: TopicShiftFinder): ArticleDraft[] {
  const result: ArticleDraft[] = [];
  for (const original of drafts) {
    let draft = original;
    for (;;) {
      const blocked = new Set(draft.sections.map((s) => s.firstParagraph));
      const seam = topicShift(draft.paragraphs, blocked);
      if (seam < 0) break;
      const seamStart = draft.paragraphs[seam].start;
      const rest = newDraft(seamStart);
      rest.end = draft.end;
      rest.paragraphs = draft.paragraphs.slice(seam);
      rest.sections = draft.sections.filter((s) => s.firstParagraph >= seam).map((s) => ({ ...s, firstParagraph: s.firstParagraph - seam }));
      rest.dateFromDocument = draft.dateFromDocument;
      const keep: number[] = [];
      draft.authorOffsets.forEach((offset, n) => {
        if (offset >= seamStart) {
          rest.authors.push(draft.authors[n]);
          rest.authorOffsets.push(offset);
        } else keep.push(n);
      });
      draft.authors = keep.map((n) => draft.authors[n]);
      draft.authorOffsets = keep.map((n) => draft.authorOffsets[n]);
      draft.paragraphs = draft.paragraphs.slice(0, seam);
      draft.sections = draft.sections.filter((s) => s.firstParagraph < seam);
      const last = draft.paragraphs[draft.paragraphs.length - 1];
      draft.end = Math.max(last.end, draft.headlineSpan?.end ?? 0, draft.datelineSpan?.end ?? 0);
      result.push(draft);
      draft = rest;
    }
    result.push(draft);
  }
  return result;
}

function finishSections(draft: ArticleDraft): SectionLayout[] {
  return draft.sections.map((section, n) => {
    const next = draft.sections[n + 1];
    const lastParagraph = (next ? next.firstParagraph : draft.paragraphs.length) - 1;
    const end = lastParagraph >= section.firstParagraph ? draft.paragraphs[lastParagraph].end : section.headingSpan.end;
    return { title: section.title, headingSpan: section.headingSpan, span: { start: section.headingSpan.start, end } };
  });
}

function leadDateline(text: string, draft: ArticleDraft): void {
  const first = draft.paragraphs[0];
  if (!first) return;
  const m = LEAD_DATELINE.exec(text.slice(first.start, Math.min(first.end, first.start + 120)));
  if (!m || m[1].replace(/[^\p{Lu}]/gu, '').length < 3) return;
  const outlet = m[3] ? outletNamed(m[3]) : null;
  if (!outlet && m[3]) return; // "(something) —" that is not a wire credit: not a dateline
  if (!draft.location) draft.location = [titleCaseWord(m[1]), m[2]].filter(Boolean).join(', ');
  if (outlet && !draft.source) draft.source = outlet;
}

/**
 * The layout of a document: its articles and every boilerplate block. Never throws on odd input.
 * With a memo (one per document), a new version re-does only what the edit touched; the result is the same.
 */
export function segmentArticles(text: string, memo?: SegmentationMemo): DocumentLayout {
  if (typeof text !== 'string' || text.length === 0) return { articles: [], boilerplate: [] };
  const { lines, facts, topicShift } = memo
    ? memo.prepare(text)
    : (() => {
        const all = splitLines(text);
        return {
          lines: all,
          facts: classifyLines(text, all),
          topicShift: ((paragraphs, blocked) => findTopicShift(text, paragraphs, blocked)) as TopicShiftFinder,
        };
      })();
  const walk = new LayoutWalk(text, lines, facts).run();
  const drafts = splitAtTopicShifts(walk.drafts, topicShift);

  // A dateline heading the whole page ("The New York Times 2024-12-18 12:10:34") dates every
  // article that has none of its own.
  const firstContent = facts.findIndex((f) => f.role !== 'blank' && f.role !== 'boilerplate');
  const pageDateline = firstContent >= 0 && facts[firstContent].role === 'dateline' ? facts[firstContent].dateline : null;

  const boilerplate = [...walk.boilerplate].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  // Articles and blocks are both in text order: one pointer walks the blocks (linear, not articles × blocks).
  let nextBlock = 0;
  const articles: ArticleLayout[] = drafts.map((draft) => {
    leadDateline(text, draft);
    let dateline = draft.dateline;
    let fromDocument = false;
    if (!dateline && pageDateline) {
      dateline = pageDateline;
      fromDocument = true;
    }
    const span: Span = { start: draft.start, end: draft.end };
    while (nextBlock < boilerplate.length && boilerplate[nextBlock].span.start < span.start) nextBlock++;
    const inside: BoilerplateBlock[] = [];
    for (let b = nextBlock; b < boilerplate.length && boilerplate[b].span.start < span.end; b++) {
      if (boilerplate[b].span.end <= span.end) inside.push(boilerplate[b]);
    }
    const layout: ArticleLayout = {
      span,
      title: draft.title,
      headlineSpan: draft.headlineSpan,
      date: dateline ? dateline.date : null,
      time: dateline ? dateline.time : null,
      datelineSpan: draft.datelineSpan,
      source: draft.source ?? (fromDocument ? (pageDateline?.source ?? null) : null),
      authors: draft.authors,
      location: draft.location,
      paragraphs: draft.paragraphs,
      sections: finishSections(draft),
      boilerplate: inside,
      ...(fromDocument ? { dateFromDocument: true } : {}),
    };
    return layout;
  });
  return { articles, boilerplate };
}
