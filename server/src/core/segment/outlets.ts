/**
 * Known news outlets, so a dateline, byline or copyright line can name the publisher.
 * Only names listed here become a `source`: an unknown capitalised phrase stays unknown (null),
 * because guessing a publisher from arbitrary words would be dishonest.
 */

interface Outlet {
  /** The canonical name reported as `source`. */
  readonly name: string;
  /** Spellings found in datelines and credit lines (matched on word boundaries, case-sensitive). */
  readonly spellings: readonly string[];
}

const OUTLETS: readonly Outlet[] = [
  { name: 'The New York Times', spellings: ['The New York Times', 'New York Times', 'NYTimes', 'nytimes.com', 'NYT'] },
  { name: 'The Washington Post', spellings: ['The Washington Post', 'Washington Post'] },
  { name: 'The Wall Street Journal', spellings: ['The Wall Street Journal', 'Wall Street Journal', 'WSJ'] },
  { name: 'Reuters', spellings: ['Thomson Reuters', 'Reuters'] },
  { name: 'Associated Press', spellings: ['The Associated Press', 'Associated Press', 'AP'] },
  { name: 'AFP', spellings: ['Agence France-Presse', 'Agence France Presse', 'AFP'] },
  { name: 'BBC', spellings: ['BBC News', 'BBC'] },
  { name: 'CNN', spellings: ['CNN'] },
  { name: 'The Guardian', spellings: ['The Guardian', 'Guardian'] },
  { name: 'Al Jazeera', spellings: ['Al Jazeera', 'Al-Jazeera', 'Aljazeera'] },
  { name: 'Bloomberg', spellings: ['Bloomberg News', 'Bloomberg'] },
  { name: 'Financial Times', spellings: ['The Financial Times', 'Financial Times'] },
  { name: 'Hindustan Times', spellings: ['Hindustan Times', 'HT News Desk'] },
  { name: 'The Times of India', spellings: ['The Times of India', 'Times of India'] },
  { name: 'The Hindu', spellings: ['The Hindu'] },
  { name: 'The Indian Express', spellings: ['The Indian Express', 'Indian Express'] },
  { name: 'NDTV', spellings: ['NDTV'] },
  { name: 'Press Trust of India', spellings: ['Press Trust of India', 'PTI'] },
  { name: 'Politico', spellings: ['POLITICO', 'Politico'] },
  { name: 'NPR', spellings: ['NPR'] },
  { name: 'Fox News', spellings: ['Fox News'] },
  { name: 'NBC News', spellings: ['NBC News'] },
  { name: 'ABC News', spellings: ['ABC News'] },
  { name: 'CBS News', spellings: ['CBS News'] },
  { name: 'Sky News', spellings: ['Sky News'] },
  { name: 'The Independent', spellings: ['The Independent'] },
  { name: 'The Telegraph', spellings: ['The Telegraph', 'The Daily Telegraph'] },
  { name: 'Deutsche Welle', spellings: ['Deutsche Welle'] },
  { name: 'France 24', spellings: ['France 24', 'France24'] },
  { name: 'Euronews', spellings: ['Euronews'] },
  { name: 'Radio Free Europe/Radio Liberty', spellings: ['Radio Free Europe/Radio Liberty', 'RFE/RL'] },
  { name: 'The Kyiv Independent', spellings: ['The Kyiv Independent', 'Kyiv Independent'] },
  { name: 'The Times of Israel', spellings: ['The Times of Israel', 'Times of Israel'] },
  { name: 'Haaretz', spellings: ['Haaretz'] },
  { name: 'Axios', spellings: ['Axios'] },
  { name: 'USA Today', spellings: ['USA Today', 'USA TODAY'] },
  { name: 'Los Angeles Times', spellings: ['Los Angeles Times', 'LA Times'] },
  { name: 'The Economist', spellings: ['The Economist'] },
  { name: 'Newsweek', spellings: ['Newsweek'] },
  { name: 'The Atlantic', spellings: ['The Atlantic'] },
  { name: 'Le Monde', spellings: ['Le Monde'] },
  { name: 'Der Spiegel', spellings: ['Der Spiegel', 'DER SPIEGEL'] },
  { name: 'Anadolu Agency', spellings: ['Anadolu Agency', 'Anadolu'] },
  { name: 'TASS', spellings: ['TASS'] },
  { name: 'Xinhua', spellings: ['Xinhua'] },
  { name: 'Yonhap', spellings: ['Yonhap'] },
  { name: 'Kyodo News', spellings: ['Kyodo News', 'Kyodo'] },
  { name: 'Arab News', spellings: ['Arab News'] },
  { name: 'Middle East Eye', spellings: ['Middle East Eye'] },
  { name: 'Al-Monitor', spellings: ['Al-Monitor'] },
  { name: 'Dawn', spellings: ['DAWN.COM'] },
  { name: 'ProPublica', spellings: ['ProPublica'] },
  { name: 'BuzzFeed News', spellings: ['BuzzFeed News', 'BuzzFeed'] },
  { name: 'HuffPost', spellings: ['HuffPost', 'The Huffington Post', 'Huffington Post'] },
  { name: 'CNBC', spellings: ['CNBC'] },
  { name: 'MSNBC', spellings: ['MSNBC'] },
  { name: 'Breitbart News', spellings: ['Breitbart News', 'Breitbart'] },
  { name: 'The Hill', spellings: ['The Hill'] },
  { name: 'Daily Mail', spellings: ['The Daily Mail', 'Daily Mail', 'MailOnline'] },
  { name: 'The Times', spellings: ['The Times', 'The Sunday Times'] },
  { name: 'New York Post', spellings: ['The New York Post', 'New York Post'] },
  { name: 'The Boston Globe', spellings: ['The Boston Globe', 'Boston Globe'] },
  { name: 'The Daily Beast', spellings: ['The Daily Beast', 'Daily Beast'] },
  { name: 'The Daily Caller', spellings: ['The Daily Caller', 'Daily Caller'] },
  { name: 'Newsmax', spellings: ['Newsmax'] },
  { name: 'The Intercept', spellings: ['The Intercept'] },
  { name: 'Mother Jones', spellings: ['Mother Jones'] },
  { name: 'National Review', spellings: ['National Review'] },
  { name: 'The New Yorker', spellings: ['The New Yorker', 'New Yorker'] },
  { name: 'Vice News', spellings: ['Vice News'] },
  { name: 'TechCrunch', spellings: ['TechCrunch'] },
  { name: 'The Verge', spellings: ['The Verge'] },
  { name: 'Fox Business', spellings: ['Fox Business'] },
  { name: 'RT', spellings: ['Russia Today'] },
  { name: 'Sputnik', spellings: ['Sputnik News'] },
  { name: 'RIA Novosti', spellings: ['RIA Novosti'] },
  { name: 'Kommersant', spellings: ['Kommersant'] },
  { name: 'Vedomosti', spellings: ['Vedomosti'] },
  { name: 'Meduza', spellings: ['Meduza'] },
  { name: 'Novaya Gazeta', spellings: ['Novaya Gazeta'] },
  { name: 'Ukrainska Pravda', spellings: ['Ukrainska Pravda'] },
  { name: 'Ukrinform', spellings: ['Ukrinform'] },
  { name: 'Nikkei Asia', spellings: ['Nikkei Asia'] },
  { name: 'The Asahi Shimbun', spellings: ['The Asahi Shimbun', 'Asahi Shimbun'] },
  { name: 'South China Morning Post', spellings: ['South China Morning Post', 'SCMP'] },
  { name: 'The Straits Times', spellings: ['The Straits Times', 'Straits Times'] },
  { name: 'The Globe and Mail', spellings: ['The Globe and Mail', 'Globe and Mail'] },
  { name: 'CBC News', spellings: ['CBC News', 'CBC'] },
  { name: 'The Sydney Morning Herald', spellings: ['The Sydney Morning Herald', 'Sydney Morning Herald'] },
  { name: 'Bild', spellings: ['Bild'] },
  { name: 'Süddeutsche Zeitung', spellings: ['Süddeutsche Zeitung'] },
  { name: 'Frankfurter Allgemeine Zeitung', spellings: ['Frankfurter Allgemeine Zeitung', 'Frankfurter Allgemeine'] },
  { name: 'Le Figaro', spellings: ['Le Figaro'] },
  { name: 'El País', spellings: ['El País', 'El Pais'] },
  { name: 'La Repubblica', spellings: ['La Repubblica'] },
  { name: 'Corriere della Sera', spellings: ['Corriere della Sera'] },
  { name: 'The Irish Times', spellings: ['The Irish Times', 'Irish Times'] },
  { name: 'The Jerusalem Post', spellings: ['The Jerusalem Post', 'Jerusalem Post'] },
  { name: 'Voice of America', spellings: ['Voice of America', 'VOA'] },
  { name: 'Radio Free Asia', spellings: ['Radio Free Asia'] },
  { name: 'PBS', spellings: ['PBS NewsHour', 'PBS'] },
  { name: 'Semafor', spellings: ['Semafor'] },
  { name: 'Business Insider', spellings: ['Business Insider'] },
  { name: 'Rolling Stone', spellings: ['Rolling Stone'] },
  { name: 'Mediapart', spellings: ['Mediapart'] },
  { name: 'Channel 4 News', spellings: ['Channel 4 News'] },
  { name: 'ITV News', spellings: ['ITV News'] },
  { name: 'Evening Standard', spellings: ['The Evening Standard', 'Evening Standard'] },
];

/** Every spelling, longest first so "The New York Times" wins over "New York Times". */
const SPELLINGS: readonly { spelling: string; name: string }[] = OUTLETS.flatMap((o) => o.spellings.map((spelling) => ({ spelling, name: o.name }))).sort(
  (a, b) => b.spelling.length - a.spelling.length,
);

/** Spelling → canonical outlet, for exact look-ups of a run of words. */
const BY_SPELLING: ReadonlyMap<string, string> = new Map(SPELLINGS.map((s) => [s.spelling, s.name]));

/** The first words of the spellings of more than one word: a run of words opening with another word spells none of them. */
const FIRST_WORDS: ReadonlySet<string> = new Set(SPELLINGS.filter((s) => s.spelling.includes(' ')).map((s) => s.spelling.slice(0, s.spelling.indexOf(' '))));

/** Whether some outlet of more than one word is spelled from `word` on ("New" for "New York Times"). */
export function outletMayStartWith(word: string): boolean {
  return FIRST_WORDS.has(word);
}

/** The canonical outlet a run of words spells exactly ("Deutsche Welle", "The Times of Israel"), or undefined. */
export function outletBySpelling(words: string): string | undefined {
  return BY_SPELLING.get(words);
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127;
}

export interface OutletMatch {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** The first known outlet named in `text` (a short line), on word boundaries, or null. */
export function findOutlet(text: string): OutletMatch | null {
  let best: OutletMatch | null = null;
  for (const { spelling, name } of SPELLINGS) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(spelling, from);
      if (at < 0) break;
      const end = at + spelling.length;
      const boundedLeft = at === 0 || !isWordChar(text.charCodeAt(at - 1));
      const boundedRight = end >= text.length || !isWordChar(text.charCodeAt(end));
      if (boundedLeft && boundedRight) {
        if (!best || at < best.start) best = { name, start: at, end };
        break;
      }
      from = at + 1;
    }
  }
  return best;
}

/** The canonical outlet when `text` is exactly an outlet's name (e.g. a byline segment "Reuters"). */
export function outletNamed(text: string): string | null {
  const trimmed = text.trim();
  for (const { spelling, name } of SPELLINGS) if (spelling === trimmed) return name;
  return null;
}
