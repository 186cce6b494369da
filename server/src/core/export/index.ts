import type { DocumentModel } from '../model';
import { effectiveLayer, type ExchangeLayer } from '../annotate/exchange';
import type { HumanLayer, ReviewStatus } from '../annotate/records';
import { DEFAULT_SCHEMA, schemaToBratConf, type LabelSchema } from '../annotate/schema';
import { parseBratLayer, toBrat } from './brat';
import { parseConll, toConll } from './conll';
import { jsonAnnotations, parseJsonLayer, toJsonFile } from './json';
import { parseWebAnnotation, toWebAnnotation } from './webanno';

export const EXPORT_FORMATS = ['json', 'brat', 'conll', 'webanno'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  /** A file name (no folders): the writer decides where. */
  readonly name: string;
  readonly content: string;
}

/** The human annotations an export carries for one file (absent: the machine's analysis only, as before). */
export interface HumanExport {
  readonly layer: HumanLayer;
  /** Review status per article (JSON only). */
  readonly reviews: readonly ReviewStatus[];
}

/** The files one document exports to, named after `stem`. Shared by the CLI and the editor command. */
export function exportDocument(format: ExportFormat, stem: string, path: string, sourceUri: string, text: string, model: DocumentModel, human?: HumanExport): ExportedFile[] {
  const layer: ExchangeLayer = effectiveLayer(model, human?.layer);
  switch (format) {
    case 'json': {
      const annotations = human ? jsonAnnotations(text, human.layer, human.reviews) : undefined;
      return [{ name: `${stem}.json`, content: `${JSON.stringify({ files: [toJsonFile(path, text, model, undefined, { annotations })] }, null, 2)}\n` }];
    }
    case 'brat':
      return [
        { name: `${stem}.txt`, content: text },
        { name: `${stem}.ann`, content: toBrat(text, model, layer) },
      ];
    case 'conll':
      return [{ name: `${stem}.conll`, content: toConll(text, model, layer) }];
    case 'webanno':
      return [{ name: `${stem}.jsonld`, content: `${JSON.stringify(toWebAnnotation(sourceUri, text, model, layer), null, 2)}\n` }];
  }
}

/** Files a format needs once per export folder: brat's type configuration, written from the schema. */
export function exportExtras(format: ExportFormat, schema: LabelSchema = DEFAULT_SCHEMA, annotators: readonly string[] = []): ExportedFile[] {
  return format === 'brat' ? [{ name: 'annotation.conf', content: schemaToBratConf(schema, annotators) }] : [];
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Reads one file's export back as an annotation layer: brat `.ann`, CoNLL, Web Annotation JSON-LD or JSON. */
export function importLayer(format: ExportFormat, content: string, text: string, schema: LabelSchema = DEFAULT_SCHEMA): ExchangeLayer {
  switch (format) {
    case 'brat':
      return parseBratLayer(content, text, schema);
    case 'conll':
      return parseConll(content, text, schema);
    case 'webanno':
      return parseWebAnnotation(content, text);
    case 'json':
      return parseJsonLayer(content, text);
  }
}
