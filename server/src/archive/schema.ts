/**
 * The corpus database's tables (README "Corpus database"). One row per file holds what the index needs
 * to skip an unchanged file (size, mtime, content hash) and the machine's model, compressed, to give the
 * file back without NLP; the other tables are that model flattened for queries (search, references,
 * workspace symbols), with LSP positions, so a query never reads an article file.
 */

declare const __NEWSLENS_ANALYZER__: string | undefined;
declare const __NEWSLENS_BUILD__: string | undefined;

/**
 * Bumped when the tables change shape (2: per-article indexes for search; 3: what the workspace-wide
 * features read of files that are not open: article names and selections, quotation kinds and speaker
 * names, the corrections key of the rows; 4: per-entity totals kept up to date, so the workspace's entity list
 * is a read of one row per entity, not a GROUP BY over every file's rows;
 * 5: story features, storiesSchema.ts; 6: stored story pairs and ids, network units; 7: timeline points,
 * timelineSchema.ts).
 */
export const SCHEMA_VERSION = 7;

/**
 * What produced the stored models: a hash of the analysis core's sources and data, set at build time
 * (esbuild.mjs). A different value rebuilds the database: its models are not what this build would give.
 */
export const ANALYZER_KEY: string = typeof __NEWSLENS_ANALYZER__ === 'string' ? __NEWSLENS_ANALYZER__ : 'unbundled';

/** A hash of the whole server's sources, set at build time: answers kept in the database are this build's only. */
export const BUILD_KEY: string = typeof __NEWSLENS_BUILD__ === 'string' ? __NEWSLENS_BUILD__ : 'unbundled';

/** Marks our files apart from any other SQLite database ("NLNS"). */
export const APPLICATION_ID = 0x4e4c4e53;

/** The tables of `SCHEMA` (dropped when an older schema is found: their shape changed). */
export const TABLES = ['files', 'articles', 'entities', 'aliases', 'mentions', 'quotations', 'dates', 'article_text', 'entity_totals', 'alias_totals'] as const;

export const META = 'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  mtime REAL NOT NULL,
  hash TEXT NOT NULL,
  max_size_mb REAL NOT NULL,
  text_length INTEGER NOT NULL,
  model BLOB NOT NULL,
  notice TEXT,
  -- Whether the flattened rows carry the user's corrections (then they are redone when those change).
  corrected INTEGER NOT NULL DEFAULT 0,
  -- The key of the corrections the flattened rows were made with ('' for none): a different key redoes them.
  corrections TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  title TEXT,
  date TEXT,
  source TEXT,
  authors TEXT NOT NULL,
  line INTEGER NOT NULL,
  character INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  end_character INTEGER NOT NULL,
  -- The display name (title, else first words) and the headline's range: workspace symbols and hovers.
  name TEXT NOT NULL DEFAULT '',
  sel_line INTEGER NOT NULL DEFAULT 0,
  sel_character INTEGER NOT NULL DEFAULT 0,
  sel_end_line INTEGER NOT NULL DEFAULT 0,
  sel_end_character INTEGER NOT NULL DEFAULT 0
);
-- Read side (search, references): a file's path by id from a few compact pages, not from the row with its model.
CREATE INDEX IF NOT EXISTS files_path ON files(id, path);
CREATE INDEX IF NOT EXISTS articles_file_idx ON articles(file_id, idx);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS entities (
  file_id INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  mention_count INTEGER NOT NULL,
  PRIMARY KEY (file_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_id ON entities(entity_id);
CREATE TABLE IF NOT EXISTS aliases (
  file_id INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  alias TEXT NOT NULL COLLATE NOCASE
);
CREATE INDEX IF NOT EXISTS aliases_alias ON aliases(alias);
-- Totals over every file, kept by put and remove: name is the one of the file that mentions it most (top).
CREATE TABLE IF NOT EXISTS entity_totals (
  entity_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  top INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  files INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alias_totals (
  entity_id TEXT NOT NULL,
  alias TEXT NOT NULL,
  files INTEGER NOT NULL,
  PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_file ON aliases(file_id);
-- A name to the entities it stands for (search), case-insensitive: one row per entity and alias, not per file.
CREATE INDEX IF NOT EXISTS alias_totals_alias ON alias_totals(alias COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS mentions (
  file_id INTEGER NOT NULL,
  article INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  text TEXT NOT NULL,
  line INTEGER NOT NULL,
  character INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  end_character INTEGER NOT NULL
);
-- An entity's mentions with their places, in file and article order: the archive search groups them by
-- article and finds each one's first mention from the index alone (it replaces an index on entity_id only).
DROP INDEX IF EXISTS mentions_entity;
CREATE INDEX IF NOT EXISTS mentions_entity_at ON mentions(entity_id, file_id, article, line, character, end_line, end_character);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(file_id, article, entity_id);
CREATE TABLE IF NOT EXISTS quotations (
  file_id INTEGER NOT NULL,
  article INTEGER NOT NULL,
  text TEXT NOT NULL,
  speaker TEXT COLLATE NOCASE,
  speaker_id TEXT,
  line INTEGER NOT NULL,
  character INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  end_character INTEGER NOT NULL,
  -- The Quotations view's fields: full or partial, the reporting source, the speaker's name in its file.
  kind TEXT NOT NULL DEFAULT 'statement',
  via TEXT,
  speaker_name TEXT
);
CREATE INDEX IF NOT EXISTS quotations_speaker_id ON quotations(speaker_id);
CREATE INDEX IF NOT EXISTS quotations_speaker ON quotations(speaker);
CREATE INDEX IF NOT EXISTS quotations_article ON quotations(file_id, article);
CREATE TABLE IF NOT EXISTS dates (
  file_id INTEGER NOT NULL,
  article INTEGER NOT NULL,
  iso TEXT,
  text TEXT NOT NULL,
  line INTEGER NOT NULL,
  character INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dates_iso ON dates(iso);
CREATE INDEX IF NOT EXISTS dates_article ON dates(file_id, article);
CREATE VIRTUAL TABLE IF NOT EXISTS article_text USING fts5(title, body, content='', contentless_delete=1);
`;
