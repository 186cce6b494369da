// The analysis core's public surface: text in, plain data model out. No LSP, no VS Code.
export * from './model';
export * from './lineIndex';
export { analyzeDocument, analyzeArticle, ArticleCache, AnalysisCancelled, DEFAULT_MAX_FULL_ANALYSIS_LENGTH } from './analyze';
export type { AnalyzeOptions } from './analyze';
export { segmentArticles } from './segment';
export { placeInfo } from './entities/gazetteer';
export type { PlaceInfo } from './entities/gazetteer';
export { EntityIndex } from './entityIndex';
export type { IndexedMention, IndexedQuote, WorkspaceEntity } from './entityIndex';
