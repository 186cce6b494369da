/**
 * The label schema of a corpus project, `.newslens/schema.json`: the span labels (colour, shortcut key,
 * attributes) and relation labels a team annotates with, beside the three built-in entity kinds.
 * Pure: text in, schema (or one clear reason) out; the brat `annotation.conf` mapping both ways.
 */
import { parseVersionedJson } from '../versionedJson';

export const SCHEMA_VERSION = 1;

/** A boolean attribute (brat `Negated Arg:Event`) or an enumerated one (`Certainty Arg:Event, Value:low|high`). */
export interface AttributeDef {
  readonly name: string;
  /** Absent for a boolean attribute. */
  readonly values?: readonly string[];
}

export interface SpanLabel {
  /** The label as stored and exported (`Event`, `Armed group`). */
  readonly name: string;
  /** `#rrggbb`: the highlight colour (a theme may override it through `newsLens.label.<name>`). */
  readonly color: string;
  /** One character: pressed after "Label selection" (or bound by the user) to apply the label. */
  readonly key?: string;
  readonly attributes: readonly AttributeDef[];
  /** True for person / place / organization, which the schema file cannot redefine. */
  readonly builtIn?: boolean;
}

export interface RelationLabel {
  readonly name: string;
  /** Span labels allowed as first / second argument (empty: any). */
  readonly from: readonly string[];
  readonly to: readonly string[];
}

export interface LabelSchema {
  readonly version: number;
  readonly spanLabels: readonly SpanLabel[];
  readonly relationLabels: readonly RelationLabel[];
}

/** The built-in kinds, always present: their labels are the entity kinds, their keys p, l, o. */
export const BUILT_IN_LABELS: readonly SpanLabel[] = [
  { name: 'person', color: '#4e79a7', key: 'p', attributes: [], builtIn: true },
  { name: 'place', color: '#59a14f', key: 'l', attributes: [], builtIn: true },
  { name: 'organization', color: '#f28e2b', key: 'o', attributes: [], builtIn: true },
];

/** Brat / CoNLL names of the built-in kinds (what `export` writes and `import-brat` reads back). */
export const BUILT_IN_ALIASES: Readonly<Record<string, string>> = {
  Person: 'person',
  PER: 'person',
  Location: 'place',
  LOC: 'place',
  GPE: 'place',
  Organization: 'organization',
  ORG: 'organization',
};

export const DEFAULT_SCHEMA: LabelSchema = { version: SCHEMA_VERSION, spanLabels: BUILT_IN_LABELS, relationLabels: [] };

/** Palette for labels a brat configuration brings without colours. */
const PALETTE = ['#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6'];

export type SchemaResult = { ok: true; schema: LabelSchema } | { ok: false; reason: string };

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} _\-]{0,47}$/u;

/** Validates `schema.json` text; the first problem found is the reason (one line). */
export function parseSchema(raw: string): SchemaResult {
  const parsed = parseVersionedJson(raw, SCHEMA_VERSION);
  if (!parsed.ok) return parsed;
  const record = parsed.record;
  const spans = record.spanLabels ?? [];
  const relations = record.relationLabels ?? [];
  if (!Array.isArray(spans)) return { ok: false, reason: '"spanLabels" is not a list' };
  if (!Array.isArray(relations)) return { ok: false, reason: '"relationLabels" is not a list' };
  const labels: SpanLabel[] = [...BUILT_IN_LABELS];
  const names = new Set(labels.map((l) => l.name.toLowerCase()));
  const keys = new Set(labels.map((l) => l.key));
  for (const [i, item] of spans.entries()) {
    const where = `span label ${i + 1}`;
    const l = item as Record<string, unknown> | null;
    if (!l || typeof l.name !== 'string' || !NAME.test(l.name)) return { ok: false, reason: `${where} needs a "name" (letters, digits, spaces, _ or -; at most 48)` };
    if (names.has(l.name.toLowerCase()) || BUILT_IN_ALIASES[l.name]) return { ok: false, reason: `${where}: "${l.name}" is already a label (person, place and organization are built in)` };
    if (typeof l.color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(l.color)) return { ok: false, reason: `${where} (${l.name}) needs a "color" like "#e15759"` };
    if (l.key !== undefined && (typeof l.key !== 'string' || [...l.key].length !== 1 || /\s/.test(l.key))) return { ok: false, reason: `${where} (${l.name}): "key" must be one character` };
    if (typeof l.key === 'string' && keys.has(l.key)) return { ok: false, reason: `${where} (${l.name}): the key "${l.key}" is taken by another label` };
    const attributes: AttributeDef[] = [];
    const rawAttributes = l.attributes ?? [];
    if (!Array.isArray(rawAttributes)) return { ok: false, reason: `${where} (${l.name}): "attributes" is not a list` };
    for (const [j, a] of rawAttributes.entries()) {
      const attr = a as Record<string, unknown> | null;
      if (!attr || typeof attr.name !== 'string' || !NAME.test(attr.name)) return { ok: false, reason: `${where} (${l.name}): attribute ${j + 1} needs a "name"` };
      if (attr.values === undefined) attributes.push({ name: attr.name });
      else if (Array.isArray(attr.values) && attr.values.length && attr.values.every((v) => typeof v === 'string' && NAME.test(v)))
        attributes.push({ name: attr.name, values: attr.values as string[] });
      else return { ok: false, reason: `${where} (${l.name}): attribute ${attr.name} has "values" that are not a list of names` };
    }
    names.add(l.name.toLowerCase());
    if (typeof l.key === 'string') keys.add(l.key);
    labels.push({ name: l.name, color: l.color, ...(typeof l.key === 'string' ? { key: l.key } : {}), attributes });
  }
  const relationLabels: RelationLabel[] = [];
  const known = new Set(labels.map((l) => l.name));
  for (const [i, item] of relations.entries()) {
    const r = item as Record<string, unknown> | null;
    if (!r || typeof r.name !== 'string' || !NAME.test(r.name)) return { ok: false, reason: `relation label ${i + 1} needs a "name"` };
    const args = (value: unknown): string[] | null => (value === undefined ? [] : Array.isArray(value) && value.every((v) => typeof v === 'string' && known.has(v)) ? (value as string[]) : null);
    const from = args(r.from);
    const to = args(r.to);
    if (!from || !to) return { ok: false, reason: `relation label ${r.name}: "from" and "to" must list span labels of this schema` };
    relationLabels.push({ name: r.name, from, to });
  }
  return { ok: true, schema: { version: record.version, spanLabels: labels, relationLabels } };
}

/** The file form of a schema (built-in labels are implied, not written). */
export function serializeSchema(schema: LabelSchema): string {
  const spanLabels = schema.spanLabels
    .filter((l) => !l.builtIn)
    .map((l) => ({ name: l.name, color: l.color, ...(l.key ? { key: l.key } : {}), ...(l.attributes.length ? { attributes: l.attributes } : {}) }));
  return `${JSON.stringify({ version: SCHEMA_VERSION, spanLabels, relationLabels: schema.relationLabels }, null, 2)}\n`;
}

export function labelNamed(schema: LabelSchema, name: string): SpanLabel | undefined {
  return schema.spanLabels.find((l) => l.name === name);
}

/** A label's brat type name: built-ins as `export` always wrote them, others with spaces as `_` (brat types have none). */
export function bratType(label: string): string {
  if (label === 'person') return 'Person';
  if (label === 'place') return 'Location';
  if (label === 'organization') return 'Organization';
  return label.replace(/ /g, '_');
}

/** The label of a brat type, given the schema (`Armed_group` → `Armed group`). */
export function labelOfBratType(schema: LabelSchema, type: string): string {
  if (BUILT_IN_ALIASES[type]) return BUILT_IN_ALIASES[type];
  return schema.spanLabels.find((l) => bratType(l.name) === type)?.name ?? type.replace(/_/g, ' ');
}

/** brat's `annotation.conf` for a schema, with the machine's own types (Date, Quotation, Speaker, Scare) kept. */
export function schemaToBratConf(schema: LabelSchema, annotators: readonly string[] = []): string {
  const custom = schema.spanLabels.filter((l) => !l.builtIn);
  const entities = ['Person', 'Location', 'Organization', 'Date', 'Quotation', ...custom.map((l) => bratType(l.name))];
  const relations = ['Speaker\tArg1:Quotation, Arg2:Person', ...schema.relationLabels.map((r) => `${bratType(r.name)}\tArg1:${argTypes(r.from)}, Arg2:${argTypes(r.to)}`)];
  const attributes = ['Scare\tArg:Quotation', 'QuoteKind\tArg:Quotation, Value:statement|partial|scare'];
  const byName = new Map<string, { labels: string[]; values?: readonly string[] }>();
  for (const l of custom) {
    for (const a of l.attributes) {
      const entry = byName.get(a.name) ?? { labels: [], values: a.values };
      entry.labels.push(bratType(l.name));
      byName.set(a.name, entry);
    }
  }
  for (const [name, entry] of byName) attributes.push(`${bratType(name)}\tArg:${entry.labels.join('|')}${entry.values ? `, Value:${entry.values.join('|')}` : ''}`);
  if (annotators.length) attributes.push(`Annotator\tArg:<ENTITY>, Value:${annotators.join('|')}`);
  return `[entities]\n${entities.join('\n')}\n\n[relations]\n${relations.join('\n')}\n\n[events]\n\n[attributes]\n${attributes.join('\n')}\n`;
}

function argTypes(labels: readonly string[]): string {
  return labels.length ? labels.map(bratType).join('|') : '<ENTITY>';
}

/**
 * Reads a brat `annotation.conf` into a schema, merged over `base`: new entity types become span labels
 * (colours from a palette, no key), attributes attach to the types they name, relations become relation
 * labels. The machine's own types (Date, Quotation, Speaker, Scare, Annotator) and built-ins are skipped.
 */
export function schemaFromBratConf(conf: string, base: LabelSchema = DEFAULT_SCHEMA): SchemaResult {
  const skipped = new Set(['Date', 'Quotation', 'Speaker', 'Scare', 'QuoteKind', 'Annotator']);
  let section = '';
  const entities: string[] = [];
  const relations: { name: string; from: string[]; to: string[] }[] = [];
  const attributes: { name: string; args: string[]; values?: string[] }[] = [];
  for (const rawLine of conf.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    if (line.startsWith('<')) continue; // macros such as <ENTITY> definitions
    const [name, rest = ''] = line.split(/\s+/, 2).length === 2 ? [line.split(/\s+/)[0], line.slice(line.split(/\s+/)[0].length).trim()] : [line, ''];
    const clean = name.replace(/^!/, '');
    if (skipped.has(clean) || BUILT_IN_ALIASES[clean]) continue;
    const fields = Object.fromEntries(
      rest
        .split(/,\s*/)
        .filter(Boolean)
        .map((f) => [f.split(':')[0].replace(/[*+?]+$/, ''), f.slice(f.indexOf(':') + 1)]),
    );
    if (section === 'entities') entities.push(clean);
    else if (section === 'relations') relations.push({ name: clean, from: (fields.Arg ?? fields.Arg1 ?? '').split('|').filter(Boolean), to: (fields.Arg2 ?? '').split('|').filter(Boolean) });
    else if (section === 'attributes') attributes.push({ name: clean, args: (fields.Arg ?? '').split('|').filter(Boolean), ...(fields.Value ? { values: fields.Value.split('|') } : {}) });
  }
  const labels = base.spanLabels.filter((l) => !l.builtIn).map((l) => ({ ...l, attributes: [...l.attributes] }));
  const used = new Set(labels.map((l) => l.color));
  const palette = PALETTE.filter((c) => !used.has(c));
  for (const type of entities) {
    const name = type.replace(/_/g, ' ');
    if (labels.some((l) => l.name === name)) continue;
    labels.push({ name, color: palette.shift() ?? PALETTE[labels.length % PALETTE.length], attributes: [] });
  }
  for (const a of attributes) {
    for (const l of labels) {
      const targets = a.args.map((t) => t.replace(/_/g, ' '));
      if (!targets.includes(l.name) && !a.args.includes('<ENTITY>')) continue;
      if (!l.attributes.some((x) => x.name === a.name)) l.attributes.push({ name: a.name, ...(a.values ? { values: a.values } : {}) });
    }
  }
  const relationLabels = [...base.relationLabels];
  const label = (t: string) => BUILT_IN_ALIASES[t] ?? t.replace(/_/g, ' ');
  for (const r of relations) {
    if (relationLabels.some((x) => x.name === r.name)) continue;
    const known = new Set(['person', 'place', 'organization', ...labels.map((l) => l.name)]);
    const args = (list: string[]) => (list.includes('<ENTITY>') ? [] : list.map(label).filter((l) => known.has(l)));
    relationLabels.push({ name: r.name, from: args(r.from), to: args(r.to) });
  }
  // Round through the validator so what is written is exactly what would be read back.
  return parseSchema(serializeSchema({ version: SCHEMA_VERSION, spanLabels: labels, relationLabels }));
}
