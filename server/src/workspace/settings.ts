import { DEFAULT_SETTINGS, type NewsLensSettings } from '../protocol';

/** Asks the client for the `newsLens` section of one resource (workspace/configuration). */
export type ConfigurationFetcher = (scopeUri: string | undefined) => Promise<unknown>;

/**
 * `newsLens.*` settings, read per resource and cached until the configuration changes.
 * Clients that cannot answer workspace/configuration get the settings pushed with
 * didChangeConfiguration or given in initializationOptions, else the defaults.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<NewsLensSettings>>();
  private pushed: NewsLensSettings = DEFAULT_SETTINGS;
  private fetcher: ConfigurationFetcher | null = null;

  /** Installs the workspace/configuration fetcher once the client says it supports it. */
  useFetcher(fetcher: ConfigurationFetcher | null): void {
    this.fetcher = fetcher;
    this.cache.clear();
  }

  /** Settings given without a request: initializationOptions or a didChangeConfiguration payload. */
  setPushed(raw: unknown): void {
    this.pushed = normalizeSettings(raw, DEFAULT_SETTINGS);
    this.cache.clear();
  }

  /** Forgets every cached answer (on didChangeConfiguration). */
  clear(): void {
    this.cache.clear();
  }

  /** Settings for a resource; the folder's or the workspace's when `uri` is undefined. */
  get(uri?: string): Promise<NewsLensSettings> {
    const key = uri ?? '';
    let found = this.cache.get(key);
    if (!found) {
      found = this.fetch(uri);
      this.cache.set(key, found);
      if (this.cache.size > 2_000) this.cache.delete(this.cache.keys().next().value as string);
    }
    return found;
  }

  private async fetch(uri: string | undefined): Promise<NewsLensSettings> {
    if (!this.fetcher) return this.pushed;
    try {
      return normalizeSettings(await this.fetcher(uri), this.pushed);
    } catch {
      // A client that fails the request: fall back, and try again next time.
      this.cache.delete(uri ?? '');
      return this.pushed;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges a raw settings object (possibly partial, possibly wrapped as `{ newsLens: … }`, possibly
 * with wrong types from a hand-edited settings file) over a base, keeping only valid values.
 */
export function normalizeSettings(raw: unknown, base: NewsLensSettings = DEFAULT_SETTINGS): NewsLensSettings {
  let value = raw;
  if (isRecord(value) && isRecord(value.newsLens)) value = value.newsLens;
  if (isRecord(value) && isRecord(value.settings) && !('files' in value)) value = value.settings;
  if (!isRecord(value)) return base;
  const files = Array.isArray(value.files) && value.files.every((f) => typeof f === 'string') ? value.files : base.files;
  const highlight = { ...base.highlight };
  if (isRecord(value.highlight)) {
    for (const key of Object.keys(highlight) as (keyof typeof highlight)[]) {
      if (typeof value.highlight[key] === 'boolean') highlight[key] = value.highlight[key];
    }
  }
  const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
  const maxFileSizeMB = typeof value.maxFileSizeMB === 'number' && Number.isFinite(value.maxFileSizeMB) && value.maxFileSizeMB > 0 ? value.maxFileSizeMB : base.maxFileSizeMB;
  return {
    ...base,
    files,
    highlight,
    dimBoilerplate: bool(value.dimBoilerplate, base.dimBoilerplate),
    revealArticleOnCursorMove: bool(value.revealArticleOnCursorMove, base.revealArticleOnCursorMove),
    maxFileSizeMB,
    ...(typeof value.annotator === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(value.annotator) ? { annotator: value.annotator } : base.annotator ? { annotator: base.annotator } : {}),
  };
}
