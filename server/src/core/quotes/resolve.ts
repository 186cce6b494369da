import { SPEAKER_ORGANIZATION_NOUNS, SPEAKER_THING_NOUNS } from '../lexicon';
import type { DocumentEntity, LinkedMention, Quotation } from '../model';
import { detachedCopy } from '../text';
import { nameModifiesHead, surnameOf } from './names';

/**
 * Rule speaker-entity: the person or organization a quotation's speaker is, within its own article only:
 * 1. the mention the speaker was read from (a name, or a pronoun's antecedent), person or organization;
 * 2. an entity of the article whose name or alias is the speaker's name without titles, in any case ("PENCE");
 *    a lone surname the recogniser did not tag again ("Cuban said", "Small said", "Dr. Ward") → the article's person
 *    whose name ends in it, the nearest one before the quotation;
 * 3. a description ("the company", "the spokeswoman", "the veteran goalkeeper") → the article's organization or
 *    person a definite description points back to: the one whose mentions stand next to the description's words ("Indiana Gov. Mike Pence"
 *    for "the Indiana governor"), else the nearest one before the quotation that is not a possessive ("Trump's plan");
 *    never a byline author, never a place.
 */

const SPEAKER_TITLES = /^(?:(?:Mr|Mrs|Ms|Dr|Gen|Maj|Lt|Col|Sen|Rep|Gov|Prof)\.?|President(?:-elect)?|Prime|Minister|General|Secretary|Chancellor|King|Queen|Sheikh|the|The)\s+/;

/** How far back a description points without words in common with the name (about two short paragraphs). */
const DESCRIPTION_REACH = 600;

/** Plural heads and crowds: "officials", "analysts" are no single entity. */
const PLURAL_HEAD = /^(?:\p{Ll}+s)$/u;

/** Names already normalised: the same names come back in every article of a file, and at every edit. */
const normalised = new Map<string, string>();

function norm(s: string): string {
  let n = normalised.get(s);
  if (n === undefined) {
    n = s
      .toLowerCase()
      .replace(/[’']s$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    // Bounded: a long-running server sees many names. Copies: a name cut from a file (and a value equal to it)
    // would keep the whole file's text alive as long as it is remembered.
    if (normalised.size >= 50_000) normalised.clear();
    n = detachedCopy(n);
    normalised.set(detachedCopy(s), n);
  }
  return n;
}

const nameKeys = new Map<string, string>();

/** `norm(bareName(name))`, remembered (bounded) for the same reason as `norm`. */
function nameKeyOf(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    key = norm(bareName(name));
    if (nameKeys.size >= 50_000) nameKeys.clear();
    nameKeys.set(detachedCopy(name), key);
  }
  return key;
}

/** The speaker's name without titles: "Gov. Kathy Hochul" → "Kathy Hochul". */
function bareName(name: string): string {
  let n = name.trim();
  for (let guard = 0; guard < 4 && SPEAKER_TITLES.test(n); guard++) n = n.replace(SPEAKER_TITLES, '');
  return n;
}

export class ArticleSpeakers {
  private byName: Map<string, string> | undefined;
  private personList?: readonly LinkedMention[];
  private organizationList?: readonly LinkedMention[];

  constructor(
    private readonly text: string,
    private readonly mentions: readonly LinkedMention[],
    private readonly entities: ReadonlyMap<string, DocumentEntity>,
    private readonly authors: readonly string[],
  ) {}

  // Lazy: most articles' quotations resolve by their speaker's mention, and an edit resolves every article again.
  private get persons(): readonly LinkedMention[] {
    if (!this.personList) {
      const byline = new Set(this.authors.map(norm));
      const notAuthor = (m: LinkedMention): boolean => byline.size === 0 || (!byline.has(norm(m.text)) && !byline.has(norm(this.entities.get(m.entityId)?.name ?? '')));
      this.personList = this.mentions.filter((m) => m.kind === 'person' && notAuthor(m));
    }
    return this.personList;
  }

  private get organizations(): readonly LinkedMention[] {
    this.organizationList ??= this.mentions.filter((m) => m.kind === 'organization');
    return this.organizationList;
  }

  speakerIdOf(q: Quotation): string | null {
    if (q.speakerSpan) {
      const span = q.speakerSpan;
      const exact = this.mentions.find((m) => m.span.start === span.start && m.span.end === span.end);
      const overlapping = exact ?? this.mentions.find((m) => m.kind !== 'place' && m.span.start < span.end && span.start < m.span.end);
      // Rule name-as-modifier: "a senior Cruz adviser" is the adviser, whom the article does not name: not Cruz. (An
      // organization stays: "a Kremlin spokesman" speaks for the Kremlin.)
      if (!exact && overlapping?.kind === 'person' && overlapping.span.start > span.start && nameModifiesHead(this.text, span.start, span.end, overlapping.span.end)) return null;
      if (overlapping && overlapping.kind !== 'place') return overlapping.entityId;
    }
    if (!q.speaker) return null;
    const named = this.lookup(bareName(q.speaker));
    if (named) return named;
    return this.surnamedPerson(q) ?? this.describedEntity(q);
  }

  private lookup(name: string): string | null {
    if (!this.byName) {
      const byName = new Map<string, string>();
      const add = (n: string, id: string): void => {
        const key = nameKeyOf(n);
        if (key && !byName.has(key)) byName.set(key, id);
      };
      // An entity's own names once: at its next mentions they are all taken already.
      const entitiesSeen = new Set<string>();
      for (const m of [...this.persons, ...this.organizations]) {
        add(m.text, m.entityId);
        add(m.name, m.entityId);
        if (entitiesSeen.has(m.entityId)) continue;
        entitiesSeen.add(m.entityId);
        const e = this.entities.get(m.entityId);
        if (e) for (const n of [e.name, ...e.aliases]) add(n, m.entityId);
      }
      this.byName = byName;
    }
    return this.byName.get(norm(name)) ?? null;
  }

  /**
   * Rule speaker-surname: a speaker that is one capitalised word (titles aside) names the article's person whose name
   * ends in that word: a later surname-only mention the recogniser left out or took for a word ("Mark Cuban … Cuban
   * said", "Marty Small … Small said"). The nearest such mention before the quotation wins (two Clintons).
   */
  private surnamedPerson(q: Quotation): string | null {
    const surname = bareName(q.speaker!).replace(/[’']s$/, '');
    if (!/^\p{Lu}[\p{L}’'\-]+$/u.test(surname)) return null;
    const at = q.speakerSpan?.start ?? q.span.start;
    let best: LinkedMention | null = null;
    for (const m of this.persons) {
      const name = this.entities.get(m.entityId)?.name ?? m.text;
      if (!/\s/.test(name) || surnameOf(name) !== surname) continue;
      if (!best || (m.span.start < at && (best.span.start >= at || m.span.start > best.span.start))) best = m;
    }
    return best?.entityId ?? null;
  }

  /** A lowercase description after a determiner: the entity it stands for, or null. */
  private describedEntity(q: Quotation): string | null {
    // Definite only: "a young woman" brings in someone new, "the spokeswoman" points back.
    const description = /^(?:the|this|that|its|their)\s+((?:[\p{L}\d’'\-.]+\s+){0,5}?)(\p{Ll}[\p{Ll}\-]+)$/iu.exec(q.speaker!.trim());
    if (!description) return null;
    const head = description[2];
    if (SPEAKER_THING_NOUNS.has(head)) return null;
    const organization = SPEAKER_ORGANIZATION_NOUNS.has(head);
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
      // Rule description-title: words standing as a person's title, right before the name in its phrase ("Prime Minister
      // Boris Johnson"), count again: "letter to Prime Minister Boris Johnson" holds the words near Hancock too, but titles
      // Johnson. Not for organizations, whose descriptions ("the group", "the network") are not titles.
      const title = (/[^,.;:“”"()]*$/.exec(this.text.slice(Math.max(0, m.span.start - 40), m.span.start))?.[0] ?? '').toLowerCase();
      const score = stems.filter((s) => near.includes(s)).length + (organization ? 0 : stems.filter((s) => title.includes(s)).length);
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    if (best) return best.entityId;
    // Else the nearest one that is not a possessive modifier: "the candidate" after "Clinton has a word for Trump's
    // plan" is Clinton, whom the sentence is about.
    const possessive = (m: LinkedMention): boolean => /^[’']s?\b/.test(this.text.slice(m.span.end, m.span.end + 3));
    // Rule description-nearby: only a mention near the description (DESCRIPTION_REACH characters): "the commander" paragraphs
    // after the last person named is someone new, not that person.
    const near = candidates.filter((m) => at - m.span.end <= DESCRIPTION_REACH);
    if (!near.length) return null;
    return (near.filter((m) => !possessive(m)).pop() ?? near[near.length - 1]).entityId;
  }
}
