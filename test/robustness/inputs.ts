// Bad and odd inputs, built at run time (deterministically) from the seeds and a few byte patterns.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/lspHarness';
import { seededRandom } from '../../server/src/util/random';

export function seedTexts(): { name: string; text: string }[] {
  const dir = join(repoRoot(), 'seeds');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** A deterministic generator (util/random.ts) so every run builds the same bytes. */
export const prng = seededRandom;

export function randomBytes(length: number, seed: number): Uint8Array {
  const random = prng(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** Bytes decoded as an editor does: invalid sequences become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}

export interface OddInput {
  name: string;
  text: string;
  /** The bytes on disk, when they differ from the UTF-8 encoding of `text` (invalid UTF-8, binary). */
  bytes?: Uint8Array;
}

/** Every odd input except the 20 MB one (built separately: it is too big to run every way). */
export function oddInputs(): OddInput[] {
  const seeds = seedTexts();
  const seed1 = seeds.find((s) => s.name.startsWith('001'))?.text ?? seeds[0].text;
  const seed2 = seeds.find((s) => s.name.startsWith('002'))?.text ?? seeds[0].text;
  const lfOnly = seed2.replace(/\r\n?/g, '\n');
  const crlf = lfOnly.replace(/\n/g, '\r\n');
  let mixedCount = 0;
  const mixed = lfOnly.replace(/\n/g, () => ['\n', '\r\n', '\r'][mixedCount++ % 3]);

  const invalidUtf8 = new Uint8Array([
    ...new TextEncoder().encode('Officials in Kyiv said “the talks '),
    0xc3,
    0x28,
    0xa0,
    0xa1,
    0xe2,
    0x28,
    0xa1,
    0xf0,
    0x28,
    0x8c,
    0xbc,
    0xff,
    0xfe,
    0xed,
    0xa0,
    0x80,
    ...new TextEncoder().encode(' will continue,” President Volodymyr Zelensky said on Monday.\n\nMoscow rejected the plan.\n'),
  ]);
  const binary = randomBytes(64 * 1024, 7);
  // Make sure the classic troublemakers are in: NUL bytes, lone surrogate encodings, control characters.
  binary.set([0, 0, 0, 0xed, 0xa0, 0x80, 0x1b, 0x0c, 0x0b, 0x85], 100);

  const scripts = [
    'الرئيس السوري بشار الأسد التقى وزير الخارجية الإيراني عباس عراقجي في دمشق يوم الأحد.',
    'Президент России Владимир Путин заявил в понедельник, что «Россия поддержит Сирию».',
    '叙利亚总统巴沙尔·阿萨德周日在大马士革会见了伊朗外长阿拉格齐。',
    '\u202BRTL embedding:\u202C President \u200FBashar al-Assad\u200E met \u2067Abbas Araghchi\u2069 in Damascus.',
    'Emoji 🇺🇦🇷🇺 👩🏽‍💻 said “we will stay 💪” on Monday, said Olena Zelenska 😀.',
    'Combining: Zoe\u0308 Ame\u0301lie and Rene\u0301e Fle\u0301ming met in Gen\u0300eve; Ş̧̨ḁ̷̛͓l̴̡̛a̷͓̓h̷ said “ok.”',
    'Surrogates at the edges: 𝐕𝐥𝐚𝐝𝐢𝐦𝐢𝐫 𝐏𝐮𝐭𝐢𝐧 met 𝒟𝑜𝓃𝒶𝓁𝒹 Trump in 𝔐𝔬𝔰𝔠𝔬𝔴 on December 7, 2024.',
  ].join('\n\n');

  return [
    { name: 'empty file', text: '' },
    { name: 'whitespace only', text: '  \t \n\n   \r\n\t\u00a0\u2003\n   ' },
    { name: 'a single newline', text: '\n' },
    { name: 'CRLF line endings', text: crlf },
    { name: 'mixed line endings (LF, CRLF, lone CR)', text: mixed },
    { name: 'UTF-8 BOM', text: '\uFEFF' + seed2 },
    { name: 'invalid UTF-8 (decoded with replacement characters)', text: decodeUtf8(invalidUtf8), bytes: invalidUtf8 },
    { name: 'binary file opened as text (random bytes, NUL)', text: decodeUtf8(binary), bytes: binary },
    { name: 'binary text with lone surrogates', text: 'Putin\uD800 met \uDC00Assad in \uDBFF\uDFFF\uD83D Damascus “\uDE00”.' },
    { name: 'a single 200,000-character line', text: longLine(seed1, 200_000) },
    { name: 'other scripts, RTL marks, emoji, combining characters', text: scripts },
    {
      name: 'unbalanced quotation marks',
      text: '”Closing first,” he said. “Open twice “nested without close, said Vladimir Putin.\n\n"Straight "quotes" everywhere" and ’single‘ ones, said Olaf Scholz on Tuesday.\n\n«Guillemets» »reversed« and „German“ said Angela Merkel.',
    },
    {
      name: 'a quotation that never closes',
      text:
        'Syrian President Bashar al-Assad said on Sunday: “We will defeat the terrorists ' +
        'and the war goes on '.repeat(2_000) +
        '\n\nThe next paragraph, said Abbas Araghchi on December 1, 2024.\n\nAnd the last one.',
    },
    { name: 'NUL characters and control characters inside an article', text: seed2.slice(0, 3_000).replace(/ /g, (s, i: number) => (i % 37 === 0 ? '\u0000' : i % 41 === 0 ? '\u0007' : s)) },
    { name: 'only punctuation and quotes', text: '“”“”"""\'\'\'«»„“‚‘ — – … ... ,,,, ;;;; ::::\n“\n”\n' },
    { name: 'a huge number of tiny lines', text: 'A.\n'.repeat(30_000) },
  ];
}

/** One line of `length` characters built from the text's words (no line breaks). */
export function longLine(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  let out = '';
  while (out.length < length) out += flat;
  return out.slice(0, length);
}

/** About `megabytes` MB of article text: the seeds repeated, separated by blank lines. */
export function bigText(megabytes: number): string {
  const seeds = seedTexts().map((s) => s.text);
  const target = megabytes * 1024 * 1024;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < target; i++) {
    const part = seeds[i % seeds.length];
    parts.push(part);
    size += part.length + 3;
  }
  return parts.join('\n\n\n');
}
