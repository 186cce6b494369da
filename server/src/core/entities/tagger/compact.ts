/**
 * Loading the tagger model from the form the bundles embed: esbuild.mjs stores only the non-zero weights of
 * ner.model.bin ("NLTS", written by server/scripts/compactModel.mjs), so a start fills one zeroed table
 * instead of un-gzipping 7 MB of mostly zeros (25–130 ms, issue 14). Any other bytes (the committed gzipped
 * file, as a bundle made without that step embeds it) go to `deserialize`.
 */
import { LABELS, N_LABELS } from './features';
import { deserialize, pairedIndex, parseClusters } from './model';
import type { TaggerHeader, TaggerModel } from './model';

const COMPACT_MAGIC = [0x4e, 0x4c, 0x54, 0x53]; // "NLTS"

export function loadModel(bytes: Uint8Array): TaggerModel {
  if (!COMPACT_MAGIC.every((b, i) => bytes[i] === b)) return deserialize(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength))) as TaggerHeader;
  if (header.labels.join() !== LABELS.join()) throw new Error(`tagger model ${header.version}: labels ${header.labels.join()} are not this code's`);
  const total = view.getUint32(8 + jsonLength, true);
  const nonZero = view.getUint32(12 + jsonLength, true);
  const size = (1 << header.bits) * N_LABELS;
  if (total !== size * header.scales.length) throw new Error(`tagger model ${header.version}: ${total} weights, expected ${size * header.scales.length}`);
  const valuesAt = 16 + jsonLength + ((16 + jsonLength) % 2);
  const valueBytes = bytes.subarray(valuesAt, valuesAt + 2 * nonZero);
  // A view when the values start on an even address, else a copy (Int16Array needs the alignment).
  const values = (bytes.byteOffset + valuesAt) % 2 === 0 ? new Int16Array(bytes.buffer, bytes.byteOffset + valuesAt, nonZero) : new Int16Array(valueBytes.slice().buffer);
  // Viterbi over two passes reads them from one paired table (model.ts, pairedWeights): then only that table is
  // filled, and the per-pass tables are made from it if something asks for them (training, evaluation scripts).
  const paired = header.decoder === 'viterbi' && header.scales.length === 2 ? new Int16Array((size / N_LABELS) * 16) : null;
  const all = paired ? null : new Int16Array(total);
  let p = valuesAt + 2 * nonZero;
  let index = -1;
  for (let k = 0; k < nonZero; k++) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[p++];
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    index += gap;
    if (all) all[index] = values[k];
    else if (paired && index < total) paired[index < size ? pairedIndex(index, 0) : pairedIndex(index - size, 1)] = values[k];
  }
  const clusterBytes = header.clusterBytes ?? 0;
  if (index >= total || p !== bytes.length - clusterBytes) throw new Error(`tagger model ${header.version}: damaged compact form`);
  const clusters = clusterBytes ? parseClusters(new TextDecoder().decode(bytes.subarray(p))) : undefined;
  if (all) return { header, mask: (1 << header.bits) - 1, passes: header.scales.map((_, i) => all.subarray(i * size, (i + 1) * size)), clusters };
  let passes: Int16Array[] | undefined;
  return {
    header,
    mask: (1 << header.bits) - 1,
    get passes(): Int16Array[] {
      return (passes ??= unpaired(paired as Int16Array, size));
    },
    clusters,
    paired: paired as Int16Array,
  };
}

/** The two per-pass tables of a paired one. */
function unpaired(paired: Int16Array, size: number): Int16Array[] {
  const passes = [new Int16Array(size), new Int16Array(size)];
  for (let k = 0; k < size; k++) {
    passes[0][k] = paired[pairedIndex(k, 0)];
    passes[1][k] = paired[pairedIndex(k, 1)];
  }
  return passes;
}
