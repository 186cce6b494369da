/**
 * Each export format parsed back on a text with characters outside the Basic Multilingual Plane (emoji)
 * and a quotation running over a line break: the cases where UTF-16 offsets and code points differ and
 * where brat needs discontinuous fragments. The model is built by hand so the checks do not depend on
 * the recogniser.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { AnalyzedArticle, DocumentModel, EntityKind, LinkedMention, Span } from '../../server/src/core/model';
import { parseBrat, toBrat } from '../../server/src/core/export/brat';
import { toConll } from '../../server/src/core/export/conll';
import { toWebAnnotation } from '../../server/src/core/export/webanno';
import { toJsonFile } from '../../server/src/core/export/json';
import { oneArticleLayout } from '../support/layout';

const TEXT = 'Crowds 🎉🎉 cheered in Aleppo.\n“We are free,\nat last,” said Rami Abdel Rahman. Paris 👍 agreed.';

function spanOf(needle: string): Span {
  const at = TEXT.indexOf(needle);
  assert.ok(at >= 0, needle);
  return { start: at, end: at + needle.length };
}

function mention(needle: string, kind: EntityKind, entityId: string): LinkedMention {
  return { span: spanOf(needle), text: needle, kind, name: needle, entityId, article: 0 };
}

const quoteSpan = spanOf('“We are free,\nat last,”');
const article: AnalyzedArticle = {
  ...oneArticleLayout(TEXT, [{ start: 0, end: TEXT.length }], { date: '2024-12-02' }),
  index: 0,
  mentions: [mention('Aleppo', 'place', 'place:aleppo'), mention('Rami Abdel Rahman', 'person', 'person:rami-abdel-rahman'), mention('Paris', 'place', 'place:paris')],
  dates: [],
  quotes: [
    {
      span: quoteSpan,
      contentSpan: { start: quoteSpan.start + 1, end: quoteSpan.end - 2 },
      text: 'We are free,\nat last,',
      speaker: 'Rami Abdel Rahman',
      speakerSpan: spanOf('Rami Abdel Rahman'),
      speakerId: 'person:rami-abdel-rahman',
      scare: false,
      article: 0,
    },
  ],
};
const MODEL: DocumentModel = { textLength: TEXT.length, boilerplate: [], articles: [article], entities: [], layoutOnly: false };
const codePoints = [...TEXT];
const byCodePoints = (start: number, end: number): string => codePoints.slice(start, end).join('');

test('brat: code-point offsets slice the text to each annotation; a line break splits it into fragments', () => {
  const ann = toBrat(TEXT, MODEL);
  const tLines = ann.split('\n').filter((l) => l.startsWith('T'));
  assert.equal(tLines.length, 4);
  for (const line of tLines) {
    const [, typeAndOffsets, shown] = line.split('\t');
    const fragments = typeAndOffsets
      .slice(typeAndOffsets.indexOf(' ') + 1)
      .split(';')
      .map((f) => f.split(' ').map(Number));
    assert.equal(fragments.map(([s, e]) => byCodePoints(s, e)).join(' '), shown, line);
  }
  const paris = tLines.find((l) => l.endsWith('\tParis'))!;
  const [s] = paris.split('\t')[1].split(' ').slice(1).map(Number);
  assert.equal(s, TEXT.indexOf('Paris') - 2, 'two emoji before Paris: two UTF-16 units more than code points');
  assert.match(
    tLines.find((l) => l.includes('Quotation'))!,
    /^T\d+\tQuotation \d+ \d+;\d+ \d+\t“We are free, at last,”$/,
  );
  assert.match(ann, /^R1\tSpeaker Arg1:T\d+ Arg2:T2$/m);
  // Read back: UTF-16 spans of the same text.
  for (const e of parseBrat(ann, TEXT).filter((x) => x.type !== 'Quotation')) assert.equal(TEXT.slice(e.start, e.end), e.text);
});

test('CoNLL: tokens rejoin to the text modulo whitespace; IOB tags on the names', () => {
  const lines = toConll(TEXT, MODEL).split('\n');
  assert.equal(lines[0], '-DOCSTART- -X- -X- O');
  const tokens = lines.filter((l) => l.includes('\t') && !l.startsWith('-DOCSTART-')).map((l) => l.split('\t'));
  assert.equal(tokens.map(([t]) => t).join(''), TEXT.replace(/\s+/g, ''));
  const tag = (t: string): string | undefined => tokens.find(([x]) => x === t)?.[1];
  assert.deepEqual(['Aleppo', 'Rami', 'Abdel', 'Rahman', 'Paris', 'cheered'].map(tag), ['B-LOC', 'B-PER', 'I-PER', 'I-PER', 'B-LOC', 'O']);
  // Full stops are tokens of their own (sentence ends), except after abbreviations and initials.
  assert.deepEqual(lines.slice(2, 9), ['Crowds\tO', '🎉\tO', '🎉\tO', 'cheered\tO', 'in\tO', 'Aleppo\tB-LOC', '.\tO']);
  assert.equal(lines[9], '', 'a blank line ends the sentence');
  const abbreviated = toConll('Mr. Smith met J. Doe in the U.S. on Oct. 7. He said no.', {
    ...MODEL,
    articles: [{ ...article, paragraphs: [{ start: 0, end: 55 }], mentions: [], quotes: [] }],
  });
  assert.deepEqual(
    abbreviated
      .split('\n')
      .filter((l) => l.includes('\t') && !l.startsWith('-DOCSTART-'))
      .map((l) => l.split('\t')[0]),
    ['Mr.', 'Smith', 'met', 'J.', 'Doe', 'in', 'the', 'U.S.', 'on', 'Oct.', '7', '.', 'He', 'said', 'no', '.'],
  );
});

test('Web Annotation: quote and position selectors (code points) both find the text', () => {
  const doc = toWebAnnotation('file:///x.txt', TEXT, MODEL) as {
    '@context': string;
    first: {
      items: {
        body: { purpose: string; value: string }[];
        target: { selector: ({ type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string } | { type: 'TextPositionSelector'; start: number; end: number })[] };
      }[];
    };
  };
  assert.equal(doc['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(doc.first.items.length, 4);
  for (const item of doc.first.items) {
    const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector') as { exact: string; prefix: string; suffix: string };
    const position = item.target.selector.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number };
    assert.equal(byCodePoints(position.start, position.end), quote.exact);
    assert.ok(TEXT.includes(quote.prefix + quote.exact + quote.suffix));
  }
  const rami = doc.first.items.find((i) => i.body.some((b) => b.value === 'person:rami-abdel-rahman' && b.purpose === 'identifying') && i.body.some((b) => b.value === 'person'));
  assert.ok(rami);
});

test('JSON: UTF-16 LSP ranges (emoji count two) and quotation text without marks', () => {
  const file = toJsonFile('x.txt', TEXT, MODEL);
  const paris = file.articles[0].entities.find((e) => e.id === 'place:paris')!.mentions[0];
  assert.deepEqual(paris.range.start, { line: 2, character: 'at last,” said Rami Abdel Rahman. '.length });
  const aleppo = file.articles[0].entities.find((e) => e.id === 'place:aleppo')!.mentions[0];
  assert.deepEqual(aleppo.range, { start: { line: 0, character: 'Crowds 🎉🎉 cheered in '.length }, end: { line: 0, character: 'Crowds 🎉🎉 cheered in Aleppo'.length } });
  assert.equal('Crowds 🎉🎉 cheered in '.length, 23, 'each emoji is two UTF-16 units');
  assert.equal(file.articles[0].quotes[0].text, 'We are free,\nat last,');
});

test('JSON: a file analysed for its layout only says so in "notice"; a full one has none', () => {
  assert.equal('notice' in toJsonFile('x.txt', TEXT, MODEL), false);
  const outline = toJsonFile('x.txt', TEXT, { ...MODEL, layoutOnly: true, articles: [{ ...article, mentions: [], quotes: [] }] });
  assert.match(outline.notice ?? '', /too large for full analysis/);
  assert.equal(outline.articles.length, 1);
});
