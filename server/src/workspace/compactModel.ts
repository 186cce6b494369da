import type { AnalyzedArticle, DateMention, DocumentEntity, DocumentModel, LinkedMention, LinkedQuotation, SectionLayout } from '../core/model';
import { detachedCopy } from '../core/text';

/**
 * A copy of a model that holds on to nothing but itself, for files of the workspace index that are
 * not open (their text is dropped, see `FileView.detach`). Two things made the analysis's own
 * objects expensive to keep for thousands of files:
 * - strings cut from the text (mention texts, names, quotations) are V8 slices that keep the whole
 *   file text alive, so dropping `text` alone frees nothing: each is copied, once per distinct value;
 * - objects built by spreading plus new keys (`{ ...m, entityId, article }`) get a large out-of-object
 *   property store (measured: ~280 bytes more per mention than a literal): each is rebuilt as a literal.
 * Spans hold only numbers and are shared. Same keys in the same order as the analysis gives them,
 * so JSON and exports are unchanged.
 */
export class ModelCompactor {
  private readonly mentions = new Map<LinkedMention, LinkedMention>();
  private readonly quotes = new Map<LinkedQuotation, LinkedQuotation>();
  private readonly dates = new Map<DateMention, DateMention>();
  private readonly articles = new Map<AnalyzedArticle, AnalyzedArticle>();

  /** The pool may be shared by many files (the workspace index's): names and ids recur across files. */
  constructor(private readonly pool: InternPool = new InternPool()) {}

  /** Compacts a model; objects shared with a model compacted before (raw and corrected models) stay shared. */
  model(model: DocumentModel): DocumentModel {
    const articles = model.articles.map((a) => this.article(a));
    const entities = model.entities.map((e) => this.entity(e));
    const compact: DocumentModel = { ...model, articles, entities };
    return model.analysisErrors ? { ...compact, analysisErrors: model.analysisErrors.map((e) => this.string(e)) } : compact;
  }

  private string(s: string): string;
  private string(s: string | null): string | null;
  private string(s: string | null): string | null {
    return s === null ? null : this.pool.string(s);
  }

  private article(a: AnalyzedArticle): AnalyzedArticle {
    let copy = this.articles.get(a);
    if (!copy) {
      // Layout keys vary (optional ones); a spread that only overwrites keys keeps the compact shape.
      copy = {
        ...a,
        title: this.string(a.title),
        date: this.string(a.date),
        time: this.string(a.time),
        source: this.string(a.source),
        authors: a.authors.map((s) => this.string(s)),
        location: this.string(a.location),
        sections: a.sections.map((s): SectionLayout => ({ ...s, title: this.string(s.title) })),
        mentions: a.mentions.map((m) => this.mention(m)),
        dates: a.dates.map((d) => this.date(d)),
        quotes: a.quotes.map((q) => this.quote(q)),
      };
      this.articles.set(a, copy);
    }
    return copy;
  }

  private mention(m: LinkedMention): LinkedMention {
    let copy = this.mentions.get(m);
    if (!copy) {
      const [text, name, entityId] = [this.string(m.text), this.string(m.name), this.string(m.entityId)];
      // Keys in the order linking writes them (`rule` only when the recogniser gave one); rule names are constants.
      copy = m.rule === undefined ? { span: m.span, text, kind: m.kind, name, entityId, article: m.article } : { span: m.span, text, kind: m.kind, name, rule: m.rule, entityId, article: m.article };
      this.mentions.set(m, copy);
    }
    return copy;
  }

  private date(d: DateMention): DateMention {
    let copy = this.dates.get(d);
    if (!copy) {
      copy = { span: d.span, text: this.string(d.text), iso: this.string(d.iso), relative: d.relative };
      this.dates.set(d, copy);
    }
    return copy;
  }

  private quote(q: LinkedQuotation): LinkedQuotation {
    let copy = this.quotes.get(q);
    if (!copy) {
      copy = {
        span: q.span,
        contentSpan: q.contentSpan,
        text: this.string(q.text),
        speaker: this.string(q.speaker),
        speakerSpan: q.speakerSpan,
        scare: q.scare,
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.via ? { via: this.string(q.via) } : {}),
        speakerId: this.string(q.speakerId),
        article: q.article,
      };
      this.quotes.set(q, copy);
    }
    return copy;
  }

  private entity(e: DocumentEntity): DocumentEntity {
    return { id: this.string(e.id), kind: e.kind, name: this.string(e.name), aliases: this.aliases(e.aliases), mentions: e.mentions.map((m) => this.mention(m)) };
  }

  private aliases(aliases: readonly string[]): readonly string[] {
    return aliases.length === 1 ? this.pool.single(aliases[0]) : aliases.map((s) => this.string(s));
  }
}

/** One flat copy of each string (and of each one-name alias list) for the models compacted through it. */
export class InternPool {
  private readonly strings = new Map<string, string>();
  private readonly singles = new Map<string, readonly string[]>();

  string(s: string): string {
    let copy = this.strings.get(s);
    if (copy === undefined) {
      // Short strings are copied by V8 anyway; a longer one is flattened into a new string of its own.
      copy = s.length < 13 ? s : detachedCopy(s);
      this.strings.set(copy, copy);
    }
    return copy;
  }

  /** Most entities go by their name only: one `[name]` array per name, shared (models are never mutated). */
  single(name: string): readonly string[] {
    const copy = this.string(name);
    let list = this.singles.get(copy);
    if (!list) this.singles.set(copy, (list = [copy]));
    return list;
  }
}
