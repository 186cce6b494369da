import type { DocumentModel } from './model';

/**
 * User corrections applied on top of the machine's analysis (see the annotations feature).
 * The document store runs every freshly analysed model through the layer; the layer must be
 * cheap (no NLP) because it runs again whenever the corrections change.
 */
export interface CorrectionLayer {
  apply(uri: string, text: string, model: DocumentModel): DocumentModel;
}

/** The identity layer, used until the annotations feature installs its own. */
export const NO_CORRECTIONS: CorrectionLayer = { apply: (_uri, _text, model) => model };
