import type { DocumentModel } from '../model';
import { BRAT_ANNOTATION_CONF, toBrat } from './brat';
import { toConll } from './conll';
import { toJsonFile } from './json';
import { toWebAnnotation } from './webanno';

export const EXPORT_FORMATS = ['json', 'brat', 'conll', 'webanno'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  /** A file name (no folders): the writer decides where. */
  readonly name: string;
  readonly content: string;
}

/** The files one document exports to, named after `stem`. Shared by the CLI and the editor command. */
export function exportDocument(format: ExportFormat, stem: string, path: string, sourceUri: string, text: string, model: DocumentModel): ExportedFile[] {
  switch (format) {
    case 'json':
      return [{ name: `${stem}.json`, content: `${JSON.stringify({ files: [toJsonFile(path, text, model)] }, null, 2)}\n` }];
    case 'brat':
      return [
        { name: `${stem}.txt`, content: text },
        { name: `${stem}.ann`, content: toBrat(text, model) },
      ];
    case 'conll':
      return [{ name: `${stem}.conll`, content: toConll(text, model) }];
    case 'webanno':
      return [{ name: `${stem}.jsonld`, content: `${JSON.stringify(toWebAnnotation(sourceUri, text, model), null, 2)}\n` }];
  }
}

/** Files a format needs once per export folder (brat's type configuration). */
export function exportExtras(format: ExportFormat): ExportedFile[] {
  return format === 'brat' ? [{ name: 'annotation.conf', content: BRAT_ANNOTATION_CONF }] : [];
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}
