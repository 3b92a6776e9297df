#!/usr/bin/env node
/**
 * Draws the add-in's icons (assets/icon-16.png … icon-80.png): three linked nodes — a small
 * partnership network — in white on an Excel-green rounded square. No dependencies: the shapes are
 * rendered with 4×4 supersampling and the PNG is encoded by hand (zlib deflate + CRC-32).
 *
 * Usage: node scripts/make-icons.mjs [outDir]   (default: assets)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80];
const BACKGROUND = [0x10, 0x7c, 0x41]; // Excel green
const FOREGROUND = [0xff, 0xff, 0xff];
const SUBSAMPLES = 4;

// The glyph in unit coordinates (0..1): a triangle of nodes joined by links.
const NODES = [
  { x: 0.5, y: 0.28 },
  { x: 0.27, y: 0.7 },
  { x: 0.73, y: 0.7 },
];
const LINKS = [
  [0, 1],
  [1, 2],
  [2, 0],
];

function distanceToSegment(px, py, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}

function insideRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** Coverage of the background and of the glyph at one sample point. */
function sample(x, y, size) {
  // Small icons get bolder strokes so that they stay legible.
  const nodeRadius = size <= 16 ? 0.14 : 0.12;
  const linkHalfWidth = size <= 16 ? 0.055 : 0.04;
  const background = insideRoundedSquare(x, y, 0.18);
  if (!background) return { background: false, glyph: false };
  const onNode = NODES.some((n) => Math.hypot(x - n.x, y - n.y) <= nodeRadius);
  const onLink = LINKS.some(([i, j]) => distanceToSegment(x, y, NODES[i], NODES[j]) <= linkHalfWidth);
  return { background: true, glyph: onNode || onLink };
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const s = sample(
            (px + (sx + 0.5) / SUBSAMPLES) / size,
            (py + (sy + 0.5) / SUBSAMPLES) / size,
            size,
          );
          if (s.background) bg++;
          if (s.glyph) fg++;
        }
      }
      const total = SUBSAMPLES * SUBSAMPLES;
      const alpha = bg / total;
      const glyphShare = bg === 0 ? 0 : fg / bg;
      const o = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        rgba[o + c] = Math.round(BACKGROUND[c] * (1 - glyphShare) + FOREGROUND[c] * glyphShare);
      }
      rgba[o + 3] = Math.round(alpha * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const outDir = process.argv[2] ?? "assets";
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = join(outDir, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, size, render(size)));
  process.stdout.write(`wrote ${file}\n`);
}
