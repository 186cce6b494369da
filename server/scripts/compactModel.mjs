// Build time (esbuild.mjs): the tagger model's compact form, embedded in the bundles instead of the committed
// ner.model.bin. The committed file is the gzipped dense tables ("NLTG", see tagger/model.ts); ~95 % of its
// weights are 0, and un-gzipping 7 MB cost every start 25–130 ms. The compact form keeps only the non-zero
// weights: "NLTS", the JSON header's length (u32) and the header, the number of weights (u32) and of non-zero
// ones (u32), the non-zero values (Int16, aligned), the gaps between their indices as unsigned LEB128, then the
// word-cluster text unchanged (the header's `clusterBytes`, when the model has clusters).
// Read by tagger/compact.ts. A file in another format is passed through unchanged (the loader reads both).
import { gunzipSync } from 'node:zlib';

export function compactModel(bytes) {
  let raw;
  try {
    raw = gunzipSync(bytes);
  } catch {
    return bytes;
  }
  if (raw.toString('ascii', 0, 4) !== 'NLTG') return bytes;
  const jsonLength = raw.readUInt32LE(4);
  const json = raw.subarray(8, 8 + jsonLength);
  const clusterBytes = JSON.parse(json.toString('utf8')).clusterBytes ?? 0;
  const clusters = raw.subarray(raw.length - clusterBytes);
  const at = 8 + jsonLength;
  const count = (raw.length - clusterBytes - at) >> 1;
  const values = [];
  const gaps = [];
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const v = raw.readInt16LE(at + 2 * i);
    if (v === 0) continue;
    values.push(v);
    gaps.push(i - previous);
    previous = i;
  }
  const headLength = 8 + json.length + 8;
  const pad = headLength % 2;
  const varints = [];
  for (let g of gaps) {
    while (g >= 0x80) {
      varints.push((g & 0x7f) | 0x80);
      g >>>= 7;
    }
    varints.push(g);
  }
  const out = Buffer.alloc(headLength + pad + 2 * values.length + varints.length + clusterBytes);
  out.write('NLTS', 0, 'ascii');
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  out.writeUInt32LE(count, 8 + json.length);
  out.writeUInt32LE(values.length, 12 + json.length);
  let p = headLength + pad;
  for (const v of values) {
    out.writeInt16LE(v, p);
    p += 2;
  }
  Buffer.from(varints).copy(out, p);
  clusters.copy(out, p + varints.length);
  return out;
}
