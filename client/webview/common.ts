/**
 * What the timeline and network webviews share: the VS Code API handle, state kept while hidden
 * (getState/setState), messages to the extension, and small DOM helpers. Colours come only from the
 * theme's --vscode-* CSS variables (views.css), so light, dark and high contrast all work.
 */
import './views.css';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const vscode = acquireVsCodeApi();

export function saved<T extends object>(defaults: T): T {
  const state = vscode.getState();
  return { ...defaults, ...(typeof state === 'object' && state !== null ? (state as Partial<T>) : {}) };
}

export function save(state: object): void {
  vscode.setState(state);
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A labelled <select>: `options` are [value, label]. */
export function select(label: string, options: [string, string][], value: string, onChange: (value: string) => void): HTMLLabelElement {
  const wrap = el('label', { class: 'control' });
  wrap.append(el('span', {}, label));
  const box = el('select', { 'aria-label': label });
  for (const [v, l] of options) {
    const option = el('option', { value: v }, l);
    if (v === value) option.selected = true;
    box.append(option);
  }
  box.addEventListener('change', () => onChange(box.value));
  wrap.append(box);
  return wrap;
}

export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void, swatch?: string): HTMLLabelElement {
  const wrap = el('label', { class: 'control check' });
  const box = el('input', { type: 'checkbox' });
  box.checked = checked;
  box.addEventListener('change', () => onChange(box.checked));
  wrap.append(box);
  if (swatch) wrap.append(el('span', { class: `swatch ${swatch}`, 'aria-hidden': 'true' }));
  wrap.append(el('span', {}, label));
  return wrap;
}

/** The polite live region: what the focused point or node is, read out by screen readers. */
export function announce(region: HTMLElement, text: string): void {
  region.textContent = text;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function dayLabel(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
