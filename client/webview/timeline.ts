/**
 * The timeline webview: publication days and resolved dated events on a time axis, one lane per outlet.
 * Scales and axes from d3-scale / d3-axis, drawing through d3-selection. Clicking a point (or Enter on
 * it) asks the extension to open the article at that date.
 */
import { axisBottom, axisTop } from 'd3-axis';
import { scaleBand, scaleUtc } from 'd3-scale';
import { select as d3select } from 'd3-selection';
import type { TimelineEvent, TimelineResult } from '../../server/src/protocol';
import { announce, checkbox, dayLabel, el, save, saved, select, vscode } from './common';

interface State {
  entity: string;
  outlet: string;
  published: boolean;
  mentioned: boolean;
  range: 'focus' | 'all';
}
let state = saved<State>({ entity: '', outlet: '', published: true, mentioned: true, range: 'focus' });
/**
 * `sampled`: the unfiltered answer was an even sample of more events (an archive), so an entity or outlet
 * chosen is asked of the extension (all of its events), not picked out of the sample; `narrowed`: this
 * answer is such a reply, already of that entity and outlet.
 */
let data: { title: string; subtitle: string; result: TimelineResult; sampled?: boolean; narrowed?: Narrowed; asking?: boolean } | undefined;
/** The filters a narrowed answer was asked with; `byEntity`: the server kept only that entity's events. */
interface Narrowed {
  entity: string;
  outlet: string;
  byEntity: boolean;
}
/** Entities and outlets of every answer of this panel: a narrowed answer still offers the others. */
const knownEntities = new Map<string, TimelineResult['entities'][number]>();
const knownOutlets = new Set<string>();

const root = document.getElementById('root')!;
const DAY = 86_400_000;
const day = (iso: string): Date => new Date(`${iso}T12:00:00Z`);

function update(patch: Partial<State>): void {
  state = { ...state, ...patch };
  save(state);
  if (data?.sampled && ('entity' in patch || 'outlet' in patch)) {
    vscode.postMessage({ type: 'narrow', entity: state.entity, outlet: state.outlet });
    // Until the reply, the events shown would be those of the previous choice.
    data = { ...data, asking: true };
  }
  render();
}

/** The window shown by default: from two weeks before the first publication day to a week after the last. */
function focusWindow(events: TimelineEvent[]): [Date, Date] | undefined {
  const published = events.filter((e) => e.kind === 'published').map((e) => day(e.date).getTime());
  if (!published.length) return undefined;
  return [new Date(Math.min(...published) - 14 * DAY), new Date(Math.max(...published) + 7 * DAY)];
}

function render(): void {
  root.replaceChildren();
  if (!data) {
    root.append(el('p', { class: 'empty' }, 'Loading the timeline…'));
    return;
  }
  const { result } = data;
  root.append(el('h1', {}, data.title), el('p', { class: 'subtitle' }, data.subtitle));
  const names = data.sampled ? knownEntities : new Map(result.entities.map((e) => [e.id, e]));
  const outlets = data.sampled ? [...knownOutlets].sort() : [...new Set(result.events.map((e) => e.outlet))].sort();
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Timeline filters' });
  const entityOptions: [string, string][] = [['', 'All entities'], ...[...names.values()].sort((a, b) => a.name.localeCompare(b.name)).map((e): [string, string] => [e.id, `${e.name} (${e.kind})`])];
  toolbar.append(
    select('Entity', entityOptions, state.entity, (entity) => update({ entity })),
    select('Outlet', [['', 'All outlets'], ...outlets.map((o): [string, string] => [o, o])], state.outlet, (outlet) => update({ outlet })),
    checkbox('Published', state.published, (published) => update({ published }), 'published'),
    checkbox('Dates in the text', state.mentioned, (mentioned) => update({ mentioned }), 'mentioned diamond'),
    select(
      'Range',
      [
        ['focus', 'Around publication'],
        ['all', 'All dates'],
      ],
      state.range,
      (range) => update({ range: range as State['range'] }),
    ),
  );
  root.append(toolbar);

  const have = data.narrowed ?? { entity: '', outlet: '', byEntity: false };
  if (data.sampled && (data.asking || have.entity !== state.entity || have.outlet !== state.outlet)) {
    root.append(el('p', { class: 'empty' }, 'Asking for every event of this choice…'));
    return;
  }
  if (result.total > result.events.length) {
    root.append(
      el(
        'p',
        { class: 'sample-note', role: 'note' },
        `${result.events.length.toLocaleString('en-US')} of ${result.total.toLocaleString('en-US')} events, an even sample: choose an entity or an outlet to see all of theirs.`,
      ),
    );
  }
  let events = result.events.filter((e) => (e.kind === 'published' ? state.published : state.mentioned));
  if (state.outlet) events = events.filter((e) => e.outlet === state.outlet);
  // An answer asked for one entity holds its events already (a publication lists only the article's most named entities).
  if (state.entity && !have.byEntity) events = events.filter((e) => e.entities.includes(state.entity));
  const window = state.range === 'focus' ? focusWindow(result.events) : undefined;
  const outside = window ? events.filter((e) => day(e.date) < window[0] || day(e.date) > window[1]) : [];
  if (window) events = events.filter((e) => day(e.date) >= window[0] && day(e.date) <= window[1]);
  const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  if (!events.length) {
    root.append(el('p', { class: 'empty' }, 'No dated events match these filters.'), status);
    return;
  }

  const lanes = [...new Set(events.map((e) => e.outlet))].sort();
  const width = Math.max(480, document.body.clientWidth - 24);
  const margin = { top: 34, right: 24, bottom: 34, left: Math.min(220, 12 + 7 * Math.max(...lanes.map((l) => l.length))) };
  // Points of one day and lane stack up: a lane is as tall as its highest stack.
  const stackHeights = new Map<string, number>();
  for (const e of events) stackHeights.set(`${e.outlet}|${e.date}`, (stackHeights.get(`${e.outlet}|${e.date}`) ?? 0) + 1);
  const tallest = Math.max(...stackHeights.values());
  const laneHeight = Math.max(56, Math.min(160, tallest * 15 + 26));
  const height = margin.top + margin.bottom + lanes.length * laneHeight;
  const times = events.map((e) => day(e.date).getTime());
  const lo = window ? window[0] : new Date(Math.min(...times) - 2 * DAY);
  const hi = window ? window[1] : new Date(Math.max(...times) + 2 * DAY);
  const x = scaleUtc()
    .domain([lo, hi])
    .range([margin.left, width - margin.right])
    .nice();
  const y = scaleBand<string>()
    .domain(lanes)
    .range([margin.top, height - margin.bottom])
    .paddingInner(0.15);

  const svg = d3select(root).append('svg').attr('width', width).attr('height', height).attr('role', 'group').attr('aria-label', `Timeline: ${events.length} dated events in ${lanes.length} outlets`);
  svg
    .append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(x.ticks(8))
    .join('line')
    .attr('x1', (d) => x(d))
    .attr('x2', (d) => x(d))
    .attr('y1', margin.top)
    .attr('y2', height - margin.bottom);
  svg
    .append('g')
    .selectAll('rect')
    .data(lanes.filter((_, i) => i % 2 === 0))
    .join('rect')
    .attr('class', 'lane-band')
    .attr('x', margin.left)
    .attr('width', width - margin.left - margin.right)
    .attr('y', (l) => y(l)!)
    .attr('height', y.bandwidth());
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${margin.top})`).call(axisTop(x).ticks(8));
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).ticks(8));
  svg
    .append('g')
    .selectAll('text')
    .data(lanes)
    .join('text')
    .attr('class', 'lane-label')
    .attr('x', margin.left - 8)
    .attr('y', (l) => y(l)! + y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((l) => l);

  // Points of one day and lane are spread vertically inside the lane instead of hiding each other.
  const stacks = new Map<string, number>();
  const placed = events.map((e) => {
    const key = `${e.outlet}|${e.date}`;
    const n = stacks.get(key) ?? 0;
    stacks.set(key, n + 1);
    return { e, n };
  });
  const totals = new Map(stacks);
  const describe = (e: TimelineEvent): string =>
    `${dayLabel(e.date)} · ${e.kind === 'published' ? 'published' : `“${e.text}”`} · ${e.title} · ${e.outlet}` +
    (e.entities.length
      ? ` · ${e.entities
          .slice(0, 4)
          .map((id) => names.get(id)?.name ?? id)
          .join(', ')}`
      : '');
  const points = svg
    .append('g')
    .selectAll('path')
    .data(placed)
    .join('path')
    .attr('class', (d) => `point ${d.e.kind}`)
    .attr('d', (d) => (d.e.kind === 'published' ? 'M -7 0 A 7 7 0 1 0 7 0 A 7 7 0 1 0 -7 0' : 'M 0 -7 L 6 0 L 0 7 L -6 0 Z'))
    .attr('transform', (d) => {
      const total = totals.get(`${d.e.outlet}|${d.e.date}`) ?? 1;
      const band = y.bandwidth() - 16;
      const offset = total === 1 ? 0 : (d.n / (total - 1) - 0.5) * Math.min(band, total * 15);
      return `translate(${x(day(d.e.date))},${y(d.e.outlet)! + y.bandwidth() / 2 + offset})`;
    })
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (d) => `${describe(d.e)}. Press Enter to open.`);
  points.append('title').text((d) => describe(d.e));
  const open = (e: TimelineEvent): void => vscode.postMessage({ type: 'open', uri: e.uri, range: e.range });
  points.on('click', (_event, d) => open(d.e));
  points.on('focus', (_event, d) => announce(status, describe(d.e)));
  points.on('mouseenter', (_event, d) => announce(status, describe(d.e)));
  points.on('keydown', (event: KeyboardEvent, d) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(d.e);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      // Arrow keys walk the points in date order.
      event.preventDefault();
      const nodes = points.nodes();
      const at = placed.indexOf(d) + (event.key === 'ArrowRight' ? 1 : -1);
      (nodes[Math.max(0, Math.min(nodes.length - 1, at))] as SVGElement).focus();
    }
  });
  // Publications are labelled: the headline of a lone one, "N articles" for a day's several.
  const publishedGroups = new Map<string, TimelineEvent[]>();
  for (const e of events) if (e.kind === 'published') publishedGroups.set(`${e.outlet}|${e.date}`, [...(publishedGroups.get(`${e.outlet}|${e.date}`) ?? []), e]);
  const short = (t: string): string => (t.length > 42 ? `${t.slice(0, 41)}…` : t);
  svg
    .append('g')
    .selectAll('text')
    .data([...publishedGroups.values()])
    .join('text')
    .attr('class', 'point-label')
    .attr('x', (g) => x(day(g[0].date)) + 11)
    .attr('y', (g) => y(g[0].outlet)! + 14)
    .attr('aria-hidden', 'true')
    .text((g) => (g.length === 1 ? short(g[0].title) : `${g.length} articles published`));
  if (outside.length) {
    const before = outside.filter((e) => day(e.date) < x.domain()[0]).length;
    const after = outside.length - before;
    const note = [before ? `${before} earlier` : '', after ? `${after} later` : ''].filter(Boolean).join(', ');
    svg
      .append('text')
      .attr('class', 'edge-note')
      .attr('x', width - margin.right)
      .attr('y', 12)
      .attr('text-anchor', 'end')
      .text(`${note} outside this range (Range: All dates)`);
  }
  announce(status, `${events.length} events · ${events.filter((e) => e.kind === 'published').length} publications · click or press Enter on a point to open the article there`);
  root.append(status);
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type: string; title: string; subtitle: string; result: TimelineResult; entity?: string; sampled?: boolean; narrowed?: Narrowed };
  if (message.type !== 'data') return;
  if (!message.narrowed) {
    knownEntities.clear();
    knownOutlets.clear();
  }
  for (const e of message.result.entities) knownEntities.set(e.id, e);
  for (const e of message.result.events) knownOutlets.add(e.outlet);
  data = message;
  if (message.entity !== undefined) state = { ...state, entity: '' };
  // A sampled archive reopened with a filter kept in the state: ask for that filter's events.
  if (message.sampled && !message.narrowed && (state.entity || state.outlet)) vscode.postMessage({ type: 'narrow', entity: state.entity, outlet: state.outlet });
  render();
});
window.addEventListener('resize', () => render());
render();
vscode.postMessage({ type: 'ready' });
