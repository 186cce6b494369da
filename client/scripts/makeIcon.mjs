#!/usr/bin/env node
// Draws the extension icon (images/icon.png, 128×128): a page of text lines under a magnifying
// lens, the lines inside the lens coloured like the entity highlights. Pure node (zlib), no
// image library: shapes are signed-distance tests, 4×4 supersampled for smooth edges.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SAMPLES = 4;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'images', 'icon.png');

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const BACKGROUND = hex('#1F2A44');
const PAGE = hex('#F4F1EA');
const INK = hex('#A9B1BF');
const LENS_RIM = hex('#F2B705');
const HANDLE = hex('#C98A00');
const GLASS = hex('#DCEBFA');
const ENTITY = [hex('#2F80ED'), hex('#EB5757'), hex('#27AE60'), hex('#9B51E0')];

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const hx = (right - left) / 2 - radius;
  const hy = (bottom - top) / 2 - radius;
  const dx = Math.abs(x - cx) - hx;
  const dy = Math.abs(y - cy) - hy;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - radius;
}
/** Distance to a segment minus half its width (a capsule). */
function capsule(x, y, ax, ay, bx, by, halfWidth) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - ax - t * vx, y - ay - t * vy) - halfWidth;
}

const LENS = { x: 74, y: 70, r: 26, rim: 6 };
const LINES = [
  [30, 98, 30],
  [30, 84, 42],
  [30, 92, 54],
  [30, 70, 66],
  [30, 96, 78],
  [30, 88, 90],
  [30, 60, 102],
];

/** The colour of one sample point, painter's order: background, page, lines, lens, handle. */
function sample(x, y) {
  let colour = null;
  if (roundedRect(x, y, 4, 4, 124, 124, 22) <= 0) colour = BACKGROUND;
  if (roundedRect(x, y, 20, 16, 108, 114, 8) <= 0) colour = PAGE;
  const inLens = Math.hypot(x - LENS.x, y - LENS.y) <= LENS.r;
  if (inLens) colour = GLASS;
  LINES.forEach(([left, right, top], i) => {
    if (capsule(x, y, left, top, right, top, 3) <= 0) colour = inLens ? ENTITY[i % ENTITY.length] : INK;
  });
  const d = Math.hypot(x - LENS.x, y - LENS.y);
  if (d > LENS.r && d <= LENS.r + LENS.rim) colour = LENS_RIM;
  const angle = Math.PI / 4;
  const start = LENS.r + LENS.rim - 1;
  if (capsule(x, y, LENS.x + Math.cos(angle) * start, LENS.y + Math.sin(angle) * start, LENS.x + Math.cos(angle) * (start + 24), LENS.y + Math.sin(angle) * (start + 24), 6) <= 0) colour = HANDLE;
  return colour;
}

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        covered++;
      }
    }
    const o = (py * SIZE + px) * 4;
    if (covered) {
      pixels[o] = Math.round(r / covered);
      pixels[o + 1] = Math.round(g / covered);
      pixels[o + 2] = Math.round(b / covered);
    }
    pixels[o + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
  }
}

// PNG: signature, IHDR (RGBA, 8 bits), one IDAT of filter-0 scanlines, IEND; CRC-32 per chunk.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
