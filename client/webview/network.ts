/**
 * The network webview: people, organizations and places that appear together. Layout by d3-force
 * (run to rest before drawing, so the picture does not jiggle and costs no animation), drawing through
 * d3-selection, radii from d3-scale. Node area is mentions, edge width co-occurrences; clicking a node
 * (or Enter on it) reveals it in the Entities view.
 */
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { scaleLinear, scaleSqrt } from 'd3-scale';
import { select as d3select } from 'd3-selection';
import type { EntityKind, NetworkParams, NetworkResult } from '../../server/src/protocol';
import { announce, checkbox, el, save, saved, select, vscode } from './common';

interface State {
  scope: string; // 'workspace' | 'file' | 'story:<id>'
  unit: 'article' | 'sentence';
  kinds: EntityKind[];
  limit: number;
}
let state = saved<State>({ scope: 'workspace', unit: 'sentence', kinds: ['person', 'place', 'organization'], limit: 40 });
let data: { result: NetworkResult; stories: { id: string; label: string; title: string }[]; file: string | null; subtitle: string } | undefined;
const root = document.getElementById('root')!;

type Node = SimulationNodeDatum & NetworkResult['nodes'][number];
type Link = SimulationLinkDatum<Node> & { weight: number };

function query(): void {
  const params: NetworkParams = { unit: state.unit, kinds: state.kinds, limit: state.limit };
  if (state.scope === 'file') params.scope = 'file';
  else if (state.scope.startsWith('story:')) {
    params.scope = 'story';
    params.story = state.scope.slice(6);
  } else params.scope = 'workspace';
  vscode.postMessage({ type: 'query', params });
}

function update(patch: Partial<State>): void {
  state = { ...state, ...patch };
  save(state);
  query();
}

const KIND_LABELS: Record<EntityKind, string> = { person: 'People', place: 'Places', organization: 'Organizations' };

function render(): void {
  root.replaceChildren();
  if (!data) {
    root.append(el('p', { class: 'empty' }, 'Loading the network…'));
    return;
  }
  root.append(el('h1', {}, 'Who appears with whom'), el('p', { class: 'subtitle' }, data.subtitle));
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Network options' });
  const scopes: [string, string][] = [['workspace', 'Workspace'], ...(data.file ? [['file', `File: ${data.file}`] as [string, string]] : [])];
  for (const s of data.stories) scopes.push([`story:${s.id}`, `Story: ${s.title} (${s.label})`]);
  toolbar.append(
    select('Scope', scopes, state.scope, (scope) => update({ scope })),
    select(
      'Together in the same',
      [
        ['article', 'article'],
        ['sentence', 'sentence'],
      ],
      state.unit,
      (unit) => update({ unit: unit as State['unit'] }),
    ),
    ...(['person', 'place', 'organization'] as EntityKind[]).map((kind) =>
      checkbox(KIND_LABELS[kind], state.kinds.includes(kind), (on) => update({ kinds: on ? [...state.kinds, kind] : state.kinds.filter((k) => k !== kind) }), kind),
    ),
    select(
      'Show',
      [
        ['25', '25 names'],
        ['40', '40 names'],
        ['80', '80 names'],
      ],
      String(state.limit),
      (limit) => update({ limit: Number(limit) }),
    ),
  );
  root.append(toolbar);
  const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const { nodes: rawNodes, edges } = data.result;
  if (!rawNodes.length) {
    root.append(el('p', { class: 'empty' }, 'No names appear together in this scope.'), status);
    return;
  }
  const width = Math.max(480, document.body.clientWidth - 24);
  const height = Math.max(420, Math.min(900, window.innerHeight - 150));
  const radius = scaleSqrt()
    .domain([1, Math.max(...rawNodes.map((n) => n.mentions))])
    .range([4, 26]);
  const stroke = scaleLinear()
    .domain([1, Math.max(1, ...edges.map((e) => e.weight))])
    .range([1, 7]);
  const nodes: Node[] = rawNodes.map((n) => ({ ...n }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links: Link[] = edges.filter((e) => byId.has(e.source) && byId.has(e.target)).map((e) => ({ source: byId.get(e.source)!, target: byId.get(e.target)!, weight: e.weight }));
  // Deterministic start (a circle by rank), so the same data gives the same picture.
  nodes.forEach((n, i) => {
    const angle = (i / nodes.length) * 2 * Math.PI;
    n.x = width / 2 + Math.cos(angle) * width * 0.3;
    n.y = height / 2 + Math.sin(angle) * height * 0.3;
  });
  const simulation = forceSimulation(nodes)
    .force(
      'link',
      forceLink<Node, Link>(links)
        .distance((l) => 60 + radius((l.source as Node).mentions) + radius((l.target as Node).mentions) + 30 / l.weight)
        .strength((l) => Math.min(0.7, 0.1 + l.weight / 12)),
    )
    .force(
      'charge',
      forceManyBody<Node>().strength((n) => -260 - radius(n.mentions) * 14),
    )
    .force('collide', forceCollide<Node>((n) => radius(n.mentions) + 16).strength(0.9))
    .force('x', forceX(width / 2).strength(0.05))
    .force('y', forceY(height / 2).strength(0.08))
    .force('center', forceCenter(width / 2, height / 2))
    .stop();
  for (let i = 0; i < 400; i++) simulation.tick();
  for (const n of nodes) {
    const r = radius(n.mentions) + 2;
    n.x = Math.max(r, Math.min(width - r, n.x ?? 0));
    n.y = Math.max(r + 12, Math.min(height - r, n.y ?? 0));
  }

  const neighbours = new Map<string, Set<string>>();
  for (const l of links) {
    const a = (l.source as Node).id;
    const b = (l.target as Node).id;
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    if (!neighbours.has(b)) neighbours.set(b, new Set());
    neighbours.get(a)!.add(b);
    neighbours.get(b)!.add(a);
  }
  const svg = d3select(root).append('svg').attr('width', width).attr('height', height).attr('role', 'group').attr('aria-label', `Network of ${nodes.length} names and ${links.length} links`);
  const edge = svg
    .append('g')
    .selectAll('line')
    .data(links)
    .join('line')
    .attr('class', 'edge')
    .attr('x1', (l) => (l.source as Node).x!)
    .attr('y1', (l) => (l.source as Node).y!)
    .attr('x2', (l) => (l.target as Node).x!)
    .attr('y2', (l) => (l.target as Node).y!)
    .attr('stroke-width', (l) => stroke(l.weight))
    .attr('stroke-opacity', (l) => Math.min(0.85, 0.25 + l.weight / 8));
  const labelled = new Set(
    nodes
      .slice()
      .sort((a, b) => b.mentions - a.mentions)
      .slice(0, 60)
      .map((n) => n.id),
  );
  const describe = (n: Node): string => {
    const with_ = [...(neighbours.get(n.id) ?? [])]
      .map((id) => byId.get(id)!)
      .sort((a, b) => b.mentions - a.mentions)
      .slice(0, 5)
      .map((m) => m.name);
    return `${n.name} · ${n.kind} · ${n.mentions} mentions · appears with ${neighbours.get(n.id)?.size ?? 0}: ${with_.join(', ')}`;
  };
  const node = svg
    .append('g')
    .selectAll('circle')
    .data(nodes)
    .join('circle')
    .attr('class', (n) => `node ${n.kind}`)
    .attr('cx', (n) => n.x!)
    .attr('cy', (n) => n.y!)
    .attr('r', (n) => radius(n.mentions))
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (n) => `${describe(n)}. Press Enter to reveal in the Entities view.`);
  node.append('title').text(describe);
  const label = svg
    .append('g')
    .selectAll('text')
    .data(nodes.filter((n) => labelled.has(n.id)))
    .join('text')
    .attr('class', (n) => `node-label${radius(n.mentions) > 14 ? ' big' : ''}`)
    .attr('x', (n) => n.x!)
    .attr('y', (n) => n.y! - radius(n.mentions) - 4)
    .attr('text-anchor', 'middle')
    .text((n) => n.name);
  const highlight = (n: Node | null): void => {
    const near = n ? new Set([n.id, ...(neighbours.get(n.id) ?? [])]) : null;
    node.classed('dim', (m) => near !== null && !near.has(m.id));
    label.classed('dim', (m) => near !== null && !near.has(m.id));
    edge.classed('lit', (l) => n !== null && ((l.source as Node).id === n.id || (l.target as Node).id === n.id));
    edge.classed('dim', (l) => n !== null && (l.source as Node).id !== n.id && (l.target as Node).id !== n.id);
    if (n) announce(status, describe(n));
  };
  const reveal = (n: Node): void => vscode.postMessage({ type: 'reveal', id: n.id, name: n.name });
  node.on('click', (_e, n) => reveal(n));
  node.on('mouseenter focus', (_e, n) => highlight(n));
  node.on('mouseleave blur', () => highlight(null));
  node.on('keydown', (event: KeyboardEvent, n) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      reveal(n);
    }
  });
  announce(status, `${nodes.length} names · ${links.length} links · node size is mentions, line width is how often two appear together · click or press Enter to reveal a name`);
  root.append(status);
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type: string } & NonNullable<typeof data>;
  if (message.type !== 'data') return;
  data = message;
  if (state.scope === 'file' && !message.file) state = { ...state, scope: 'workspace' };
  render();
});
window.addEventListener('resize', () => render());
render();
query();
