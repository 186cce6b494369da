/**
 * `npm run train`: builds the entity tagger's model (server/src/core/entities/tagger/ner.model.bin) from
 * ../shared/data: CoNLL-2003 eng.train and gum-dev, minus the documents held out for the dev split (every
 * fifth of each). Deterministic: same data, same seed, same file.
 * Pass 1 reads sentences; pass 2 also reads pass 1's labels for the rest of the document, produced for
 * its training data by 2-fold cross-prediction (each half tagged by a model trained on the other half).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { segmentArticles } from '../src/core/segment';
import { recognizeEntities as recognizeByRules } from '../src/core/entities';
import type { EntityMention } from '../src/core/model';
import { relativeLayout, shiftSpan } from '../src/core/analyze';
import { LABELS, documentFeatures, documentHistory, historyFeatures } from '../src/core/entities/tagger/features';
import type { DocumentFeatures, FeatureDocument } from '../src/core/entities/tagger/features';
import { clustersText, decodeWith, quantize, serialize } from '../src/core/entities/tagger/model';
import type { Decoder } from '../src/core/entities/tagger/model';
import { trainPass } from '../src/core/entities/tagger/perceptron';
import type { TrainingDocument } from '../src/core/entities/tagger/perceptron';
import { labelsFromMentions } from '../src/core/entities/tagger/labels';
import { documentAsText, isHeldOut, readConllTrain, readGumConll, readGumTexts, readPolnearTrainTexts, sharedDataDir } from './corpora';
import { CLUSTER_OPTIONS, learnClusters } from './clusters';
import { tokenizeSentences } from '../src/core/entities/tagger/tokens';
import type { TaggedDocument } from './corpora';

/**
 * GUM genres whose text licences allow shipping weights trained on them (gum-dev README, "Licences"):
 * CC BY 4.0 academic and court, CC BY 2.5 interview, CC BY-SA 3.0 bio and voyage. The non-commercial
 * genres (essay, fiction, letter, podcast, whow), the genres GUM's licence file does not list
 * (conversation, speech, textbook, vlog) and GENTLE are left out.
 */
const GUM_GENRES = new Set(['academic', 'bio', 'court', 'interview', 'voyage']);
const BITS = 18;
const EPOCHS = Number(process.env.TRAIN_EPOCHS ?? 6);
const SEED = 17;
const DECODER: Decoder = process.env.TRAIN_DECODER === 'greedy' ? 'greedy' : 'viterbi';
/** Averaged weights under this (in perceptron updates) are dropped: rare features, most of the file's size. */
const PRUNE = Number(process.env.TRAIN_PRUNE ?? 1);
/** Word clusters from unlabelled text as features (TRAIN_CLUSTERS=0 leaves them out, for comparison). */
const CLUSTERS = process.env.TRAIN_CLUSTERS !== '0';

const repoRoot = resolve(__dirname, '..', '..');
const dataDir = sharedDataDir(repoRoot);
const started = Date.now();
const log = (message: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);

/** The rules' mentions over a whole text, as the pipeline gets them: per article of its segmentation. */
function ruleMentions(text: string): EntityMention[] {
  const out: EntityMention[] = [];
  for (const article of segmentArticles(text).articles) {
    const layout = relativeLayout(article);
    const articleText = text.slice(article.span.start, article.span.end);
    for (const m of recognizeByRules(articleText, layout)) out.push({ ...m, span: shiftSpan(m.span, article.span.start) });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

interface Prepared {
  readonly doc: FeatureDocument;
  readonly gold: Uint8Array[];
}

function prepare(tagged: TaggedDocument): Prepared {
  const asText = documentAsText(tagged);
  const rules = ruleMentions(asText.text);
  const starts = asText.tokenStarts ?? [];
  const ruleLabels = tagged.sentences.map((s, i) =>
    labelsFromMentions(
      s.tokens.map((t, k) => ({ start: starts[i][k], end: starts[i][k] + t.length })),
      rules,
    ),
  );
  const gold = tagged.sentences.map((s) => Uint8Array.from(s.tags, (t) => LABELS.indexOf(t as (typeof LABELS)[number])));
  return { doc: { sentences: tagged.sentences.map((s) => s.tokens), ruleLabels }, gold };
}

function main(): void {
  const gumHeldOut = new Set(
    readGumTexts(dataDir)
      .filter((_, i) => isHeldOut(i))
      .map((d) => d.id),
  );
  const conll = readConllTrain(dataDir).filter((_, i) => !isHeldOut(i));
  const gum = readGumConll(dataDir).filter((d) => !gumHeldOut.has(d.id) && GUM_GENRES.has(d.id.split('_')[1]) && d.id.startsWith('GUM_'));
  if (!conll.length || !gum.length) throw new Error(`training data not found under ${dataDir}`);
  log(`training documents: ${conll.length} of eng.train, ${gum.length} of gum-dev (${[...GUM_GENRES].join(', ')}; every fifth held out)`);
  const prepared = [...conll, ...gum].map(prepare);
  log('rules run and labels aligned');
  const mask = (1 << BITS) - 1;
  // Unlabelled text: the training documents' words (never the held-out ones) and PolNeAR's train articles.
  const polnear = CLUSTERS ? readPolnearTrainTexts(dataDir) : [];
  const unlabelled = [...prepared.flatMap((d) => d.doc.sentences), ...polnear.flatMap((t) => tokenizeSentences(t, 0, t.length).map((s) => s.map((w) => w.text)))];
  const clusters = CLUSTERS ? learnClusters(unlabelled) : undefined;
  if (clusters) log(`word clusters: ${clusters.size} words of ${unlabelled.length} sentences (${polnear.length} PolNeAR train articles), depth ${CLUSTER_OPTIONS.depth}`);
  const features: DocumentFeatures[] = prepared.map((d) => documentFeatures(d.doc, mask, clusters));
  const first: TrainingDocument[] = prepared.map((d, i) => ({ sentences: features[i].sentences, gold: d.gold }));
  log('pass-1 features made');
  // 2-fold cross-prediction: pass 1's labels of every training document come from a model that never saw it.
  const crossLabels = new Array<Uint8Array[]>(prepared.length);
  for (const fold of [0, 1]) {
    const trainOn = first.filter((_, i) => i % 2 !== fold);
    const weights = trainPass(trainOn, BITS, EPOCHS, SEED + fold, DECODER);
    first.forEach((d, i) => {
      if (i % 2 === fold) crossLabels[i] = d.sentences.map((s) => decodeWith(DECODER, weights, s, mask));
    });
    log(`fold ${fold} trained and cross-predicted`);
  }
  const pass1 = trainPass(first, BITS, EPOCHS, SEED, DECODER);
  log('pass 1 trained');
  const second: TrainingDocument[] = prepared.map((d, i) => ({
    sentences: features[i].sentences,
    extra: historyFeatures(d.doc, features[i], documentHistory(d.doc, features[i], crossLabels[i]), mask),
    gold: d.gold,
  }));
  const pass2 = trainPass(second, BITS, EPOCHS, SEED + 2, DECODER);
  log('pass 2 trained');
  const q1 = quantize(pass1, PRUNE);
  const q2 = quantize(pass2, PRUNE);
  const hash = createHash('sha256');
  hash.update(Buffer.from(q1.table.buffer));
  hash.update(Buffer.from(q2.table.buffer));
  if (clusters) hash.update(clustersText(clusters));
  const version = `ner-1.${hash.digest('hex').slice(0, 12)}`;
  const trainedOn =
    `CoNLL-2003 eng.train (${conll.length} documents) + gum-dev ${[...GUM_GENRES].join('/')} (${gum.length} documents); ` +
    `every fifth document held out; ${EPOCHS} epochs, ${DECODER}, seed ${SEED}` +
    (clusters ? `; word clusters from the same documents' text and ${polnear.length} PolNeAR train articles` : '');
  const clusterBytes = clusters ? clustersText(clusters) : undefined;
  const header = { version, decoder: DECODER, bits: BITS, labels: [...LABELS], scales: [q1.scale, q2.scale], trainedOn, clusterBytes: clusterBytes?.length };
  const bytes = serialize(header, [q1.table, q2.table], clusterBytes);
  const out = join(repoRoot, 'server', 'src', 'core', 'entities', 'tagger', 'ner.model.bin');
  writeFileSync(out, bytes);
  const nonZero = (t: Int16Array): number => t.reduce((n, x) => n + (x ? 1 : 0), 0);
  log(`wrote ${out}: ${version}, ${(bytes.length / 1024).toFixed(0)} KB, ${nonZero(q1.table)} + ${nonZero(q2.table)} non-zero weights`);
}

main();
