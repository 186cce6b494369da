import type { DocumentEntity, LinkedMention, Quotation } from '../model';

/**
 * Rule speaker-entity: the person or organization a quotation's speaker is, within its own article only:
 * 1. the mention the speaker was read from (a name, or a pronoun's antecedent), person or organization;
 * 2. an entity of the article whose name or alias is the speaker's name without titles, in any case ("PENCE");
 * 3. a description ("the company", "the spokeswoman", "the veteran goalkeeper") → the article's organization or
 *    person a definite description points back to: the one whose mentions stand next to the description's words ("Indiana Gov. Mike Pence"
 *    for "the Indiana governor"), else the nearest one before the quotation that is not a possessive ("Trump's plan");
 *    never a byline author, never a place.
 */

const SPEAKER_TITLES = /^(?:(?:Mr|Mrs|Ms|Dr|Gen|Maj|Lt|Col|Sen|Rep|Gov|Prof)\.?|President(?:-elect)?|Prime|Minister|General|Secretary|Chancellor|King|Queen|Sheikh|the|The)\s+/;

/** A whole-word alternation from a space-separated list (`organi[sz]ation` keeps its class). */
function wordsRegExp(list: string): RegExp {
  return new RegExp(`^(?:${list.trim().split(/\s+/).join('|')})$`);
}

/** Head nouns of descriptions that name an organization. */
const ORGANIZATION_NOUNS = wordsRegExp(
  'company firm group agency ministry department government organi[sz]ation party campaign bank club team ' +
    'union council committee network newspaper outlet broadcaster institute university foundation charity ' +
    'commission board authority administration airline retailer carrier manufacturer maker startup insurer ' +
    'league federation court police army military regulator watchdog lender giant conglomerate operator utility ' +
    'club side school hospital office embassy alliance coalition movement militia rebels service station ' +
    'channel paper magazine publisher studio developer provider supplier producer exporter importer miner ' +
    'automaker chipmaker brewer bloc',
);

/** Head nouns of descriptions that name no one: documents and things that "say" in news. */
const THING_NOUNS = wordsRegExp(
  'statement report ad advert advertisement memo letter email e-mail tweet post video clip piece article ' +
    'story study poll survey document complaint lawsuit suit filing ruling bill law order plan spot website ' +
    'site release book sign banner headline message note text transcript decision verdict resolution policy ' +
    'rule guidance proposal draft data figures analysis review investigation indictment warrant motion brief ' +
    'petition page account footage recording interview speech show program programme series film song line ' +
    'slogan caption label title question answer comment remark claim words phrase term quote',
);

/** Plural heads and crowds: "officials", "analysts" are no single entity. */
const PLURAL_HEAD = /^(?:\p{Ll}+s)$/u;

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The speaker's name without titles: "Gov. Kathy Hochul" → "Kathy Hochul". */
function bareName(name: string): string {
  let n = name.trim();
  for (let guard = 0; guard < 4 && SPEAKER_TITLES.test(n); guard++) n = n.replace(SPEAKER_TITLES, '');
  return n;
}

export class ArticleSpeakers {
  private byName: Map<string, string> | undefined;
  private readonly persons: readonly LinkedMention[];
  private readonly organizations: readonly LinkedMention[];

  constructor(
    private readonly text: string,
    private readonly mentions: readonly LinkedMention[],
    private readonly entities: ReadonlyMap<string, DocumentEntity>,
    authors: readonly string[],
  ) {
    const byline = new Set(authors.map(norm));
    const notAuthor = (m: LinkedMention): boolean => !byline.has(norm(m.text)) && !byline.has(norm(this.entities.get(m.entityId)?.name ?? ''));
    this.persons = mentions.filter((m) => m.kind === 'person' && notAuthor(m));
    this.organizations = mentions.filter((m) => m.kind === 'organization');
  }

  speakerIdOf(q: Quotation): string | null {
    if (q.speakerSpan) {
      const span = q.speakerSpan;
      const exact = this.mentions.find((m) => m.span.start === span.start && m.span.end === span.end);
      const overlapping = exact ?? this.mentions.find((m) => m.kind !== 'place' && m.span.start < span.end && span.start < m.span.end);
      if (overlapping && overlapping.kind !== 'place') return overlapping.entityId;
    }
    if (!q.speaker) return null;
    const named = this.lookup(bareName(q.speaker));
    if (named) return named;
    return this.describedEntity(q);
  }

  private lookup(name: string): string | null {
    if (!this.byName) {
      this.byName = new Map();
      for (const m of [...this.persons, ...this.organizations]) {
        const e = this.entities.get(m.entityId);
        for (const n of [m.text, m.name, ...(e ? [e.name, ...e.aliases] : [])]) {
          const key = norm(bareName(n));
          if (key && !this.byName.has(key)) this.byName.set(key, m.entityId);
        }
      }
    }
    return this.byName.get(norm(name)) ?? null;
  }

  /** A lowercase description after a determiner: the entity it stands for, or null. */
  private describedEntity(q: Quotation): string | null {
    // Definite only: "a young woman" brings in someone new, "the spokeswoman" points back.
    const description = /^(?:the|this|that|its|their)\s+((?:[\p{L}\d’'\-.]+\s+){0,5}?)(\p{Ll}[\p{Ll}\-]+)$/iu.exec(q.speaker!.trim());
    if (!description) return null;
    const head = description[2];
    if (THING_NOUNS.test(head)) return null;
    const organization = ORGANIZATION_NOUNS.test(head);
    if (!organization && PLURAL_HEAD.test(head) && !/(?:ss|us|is)$/.test(head)) return null;
    const at = q.speakerSpan?.start ?? q.span.start;
    const candidates = (organization ? this.organizations : this.persons).filter((m) => m.span.end <= at);
    if (!candidates.length) return null;
    // Words of the description seen just before a mention ("Indiana Gov. Mike Pence", "goalkeeper Ann Roe").
    const words = `${description[1]}${head}`
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 2);
    const stems = words.map((w) => w.slice(0, Math.max(4, w.length - 3)));
    let best: LinkedMention | null = null;
    let bestScore = 0;
    for (const m of candidates) {
      const near = this.text.slice(Math.max(0, m.span.start - 60), m.span.end + 40).toLowerCase();
      const score = stems.filter((s) => near.includes(s)).length;
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    if (best) return best.entityId;
    // Else the nearest one that is not a possessive modifier: "the candidate" after "Clinton has a word for Trump's
    // plan" is Clinton, whom the sentence is about.
    const possessive = (m: LinkedMention): boolean => /^[’']s?\b/.test(this.text.slice(m.span.end, m.span.end + 3));
    return (candidates.filter((m) => !possessive(m)).pop() ?? candidates[candidates.length - 1]).entityId;
  }
}
