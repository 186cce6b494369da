/**
 * The boilerplate lexicon: line shapes scraped pages carry around the articles (paywall notices,
 * subscription offers, share/follow/comment widgets, page chrome, photo credits, recipe links).
 * Each rule is a linear regex tried on one short, lower-cased line; long lines are never boilerplate.
 *
 * `startsArticle`: the notice a site prints at the top of every article (a paywall "granted access"):
 *   seen after body text, it closes the current article.
 * `endsArticle`: shapes that only follow an article (offers, comment forms, "Recommended Topics"):
 *   after one of them, the next body text belongs to a new article.
 */
import { alternation, CREDIT_LABELS } from '../lexicon';
import type { BoilerplateKind } from '../model';

export interface BoilerplateRule {
  readonly kind: BoilerplateKind;
  readonly pattern: RegExp;
  readonly startsArticle?: boolean;
  readonly endsArticle?: boolean;
}

/** Lines longer than this are paragraphs, whatever they say. */
export const MAX_BOILERPLATE_LENGTH = 300;

const RULES: readonly BoilerplateRule[] = [
  // Paywall notices.
  { kind: 'paywall', startsArticle: true, pattern: /you (?:have been|['’]ve been) granted access/ },
  { kind: 'paywall', startsArticle: true, pattern: /\bto continue reading\b|^continue reading\b|\bkeep reading\b.{0,40}\bsubscri/ },
  { kind: 'paywall', pattern: /^subscribe (?:now )?to (?:read|continue|unlock|keep reading)|^already a subscriber|^(?:log|sign) ?in to (?:read|continue)|to read the full (?:story|article)/ },
  { kind: 'paywall', pattern: /this (?:article|story|content) is (?:only )?(?:available|reserved|exclusive) (?:to|for) (?:subscribers|members|premium)/ },
  { kind: 'paywall', pattern: /you(?:['’]ve| have) (?:reached|used) (?:your|all of your|all your) (?:free )?(?:articles?|stories|story) (?:limit|for)|^create (?:a )?free account to/ },
  // Subscription and newsletter offers.
  { kind: 'subscription', pattern: /^want to stay (?:updated|informed|up to date) on\b|we['’]ll send (?:our|you) (?:the )?latest .{0,30}to your inbox/ },
  { kind: 'subscription', endsArticle: true, pattern: /^discover .{0,40}\bbest offer|\bbest offer\b.{0,20}:?$|^limited[- ]time offer/ },
  { kind: 'subscription', endsArticle: true, pattern: /^\$?\d+(?:\.\d+)?\s*\/\s*(?:week|wk|month|mo|year|yr)\b|^billed (?:as|at) \$?\d|^cancel (?:or pause )?anytime\b/ },
  {
    kind: 'subscription',
    pattern:
      /\bfree trial\b|\bsubscribe now\b|^subscribe$|^subscribe (?:to|for) (?:our|the|free)|^get (?:unlimited|full|digital) access|^become a (?:member|subscriber|supporter)|^support (?:our|independent|quality) journalism/,
  },
  {
    kind: 'subscription',
    pattern: /^sign up (?:for|to|here)\b|\bnewsletters?\b.{0,40}\b(?:sign up|subscribe|inbox)\b|^(?:sign up|subscribe) .{0,40}\bnewsletters?\b|^get (?:our|the) .{0,30}newsletter/,
  },
  // Share, follow and comment widgets.
  {
    kind: 'share',
    pattern:
      /^share (?:this|on|via|the|article|story)\b|^share$|^share this article(?: on)?:?$|^(?:tweet|email|print|copy link|link copied|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|flipboard)$/,
  },
  { kind: 'share', pattern: /^follow (?:us|@)|^follow us on|^follow [\p{L} .]{1,40} on (?:x|twitter|facebook|instagram|threads|bluesky|linkedin|google news)\b|^(?:following|follow)$/u },
  {
    kind: 'share',
    endsArticle: true,
    pattern: /^leave a (?:reply|comment)$|your email address will not be published|required fields are marked|^\d+ comments?$|^(?:view|show|load|add a|post a|read) comments?\b|^comments?$/,
  },
  { kind: 'share', pattern: /^(?:story|article) saved$|^save (?:article|story|for later)$|^saved (?:articles|stories)$|^click (?:here )?to share|^(?:gift|give) this article/ },
  // Page chrome.
  { kind: 'navigation', pattern: /^[a-z]+(?:_[a-z]+)+$/ }, // icon ligatures: close_game, arrow_forward
  {
    kind: 'navigation',
    endsArticle: true,
    pattern:
      /^recommended (?:topics|stories|articles|for you|reading|videos)$|^(?:related|more) (?:stories|articles|coverage|news|content|topics|videos)$|^(?:you may also like|also read|don['’]t miss|trending (?:now|stories|topics)|top stories|most (?:read|popular|viewed|shared))$/,
  },
  { kind: 'navigation', pattern: /^skip to (?:main )?(?:content|navigation)|^(?:advertisement|advertising|sponsored(?: content)?|ad|scroll to continue|scroll down to continue)$/ },
  {
    kind: 'navigation',
    pattern:
      /^(?:see (?:more|all)|read more|show more|load more|view more|live score|live|new|my reads|sign (?:in|out|up)|log ?(?:in|out)|menu|search|home|watch|listen|play|pause|close|back to top|next|previous)$/,
  },
  {
    kind: 'navigation',
    pattern:
      /^listen to (?:this|the) (?:article|story)\b|^\d+\s*min(?:ute)?s? read$|^read breaking news\b|^latest updates from\b|^(?:next|previous) (?:article|story)$|^image \d+ of \d+$|^learn more\b.{0,40}$|^read (?:the )?(?:full )?(?:story|article)$/,
  },
  { kind: 'navigation', pattern: /^[\p{L} .'-]{2,30} -?\d{1,2}\s?°?\s?[cf]$/u }, // weather widget: "New Delhi 0C"
  // Publisher explainers about sourcing, printed inside articles.
  { kind: 'other', pattern: /makes a careful decision any time it uses an anonymous source|^why (?:we|the times) (?:are|is) using an anonymous source/ },
  // Photo credits.
  // "(Photo: Jane Roe/Reuters)": a credit in brackets too.
  { kind: 'credit', pattern: new RegExp(String.raw`^\(?(?:${alternation(CREDIT_LABELS)})s?\s*(?::|by\b|\|)\s*\S.{0,80}$`) },
  { kind: 'credit', pattern: /^\(?(?:ap|afp|reuters|getty images|epa|ani|pti|shutterstock|bloomberg)(?: photo)?(?:\s*\/\s*[\p{L} .'-]{1,40})?\)?$/u },
  { kind: 'credit', pattern: /^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?[\p{L}]/u },
  // Recipe and link lists.
  { kind: 'recipe', pattern: /^(?:get|see|view) (?:the )?recipes?\b|^recipes?:?$|^more recipes\b/ },
];

/** Splits a regex source at its top-level `|` (outside groups and classes). */
function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(source.slice(from));
  return parts;
}

// Two quick pre-tests decide whether a line can match at all (most lines are prose): one regex of
// every alternative anchored at the line start (tried at position 0 only), and one of the floating
// alternatives, tried only when the line holds one of their keywords.
const ALTERNATIVES = RULES.flatMap((r) => topLevelAlternatives(r.pattern.source));
const ANCHORED_ANY = new RegExp(
  `^(?:${ALTERNATIVES.filter((a) => a.startsWith('^'))
    .map((a) => a.slice(1))
    .join('|')})`,
  'iu',
);
const FLOATING_ANY = new RegExp(ALTERNATIVES.filter((a) => !a.startsWith('^')).join('|'), 'iu');
/** Every floating alternative above contains one of these words. */
const FLOATING_KEYWORDS =
  /granted access|continue reading|keep reading|read the full|subscri|members|premium|reached| used |inbox|best offer|free trial|newsletter|email address|required fields|anonymous source/i;

/** Floating shapes are short notices; longer lines are only tested against the anchored ones. */
const MAX_FLOATING_LENGTH = 220;

function mayMatch(line: string): boolean {
  return ANCHORED_ANY.test(line) || (line.length <= MAX_FLOATING_LENGTH && FLOATING_KEYWORDS.test(line) && FLOATING_ANY.test(line));
}

export interface BoilerplateMatch {
  readonly kind: BoilerplateKind;
  readonly startsArticle: boolean;
  readonly endsArticle: boolean;
}

/** The boilerplate rule a trimmed line matches, or null. */
export function matchBoilerplate(trimmedLine: string): BoilerplateMatch | null {
  if (trimmedLine.length === 0 || trimmedLine.length > MAX_BOILERPLATE_LENGTH) return null;
  // Quick pre-tests first: most lines are prose and match nothing.
  if (!mayMatch(trimmedLine)) return null;
  const lower = trimmedLine.toLowerCase();
  for (const rule of RULES) {
    if (rule.pattern.test(lower)) {
      return { kind: rule.kind, startsArticle: rule.startsArticle === true, endsArticle: rule.endsArticle === true };
    }
  }
  return null;
}

/** A line made only of separator marks: "-", "* * *", "•", "———". */
export function isSeparatorLine(trimmedLine: string): boolean {
  // Only dots is an ellipsis, which can be content.
  return trimmedLine.length <= 40 && /^[-–—•*·_=~#+.\s]+$/.test(trimmedLine) && /[^.\s]/.test(trimmedLine);
}
