import type { DocumentModel } from './model';

/**
 * User corrections applied on top of the machine's analysis (see the annotations feature).
 * The document store runs every freshly analysed model through the layer; the layer must be
 * cheap (no NLP) because it runs again whenever the corrections change.
 */
export interface CorrectionLayer {
  apply(uri: string, text: string, model: DocumentModel): DocumentModel;
  /**
   * A fingerprint of the corrections as they are now ('' for none): rows stored under the same key need
   * no re-applying (the corpus database keeps files that are not open). Without it, every file is redone.
   */
  key?(): string;
  /** Whether some correction names this file (its lost anchors are reported when it is re-applied). */
  concerns?(uri: string): boolean;
}

/** The identity layer, used until the annotations feature installs its own. */
export const NO_CORRECTIONS: CorrectionLayer = { apply: (_uri, _text, model) => model, key: () => '', concerns: () => false };
