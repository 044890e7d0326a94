// Draws the application icon (no image tools needed): node assets/icon-generate.mjs
//   assets/icon.png  256×256, used by electron-builder and the window in development
//   assets/icon.ico  16, 32, 48, 256 px (PNG-compressed entries, Windows Vista and later)
// A blue rounded square with a white convention sheet and a green tick: « conventions partenaires, à jour ».
/* global URL, console -- run by node */
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const over = (dst, src, alpha) => mix(dst, src, alpha);

// Signed distance to a rounded rectangle centred at (cx, cy).
function roundRect(px, py, cx, cy, hw, hh, r) {
  const qx = Math.abs(px - cx) - hw + r;
  const qy = Math.abs(py - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (px, py, cx, cy, r) => Math.hypot(px - cx, py - cy) - r;
function segment(px, py, ax, ay, bx, by, w) {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - ax - vx * t, py - ay - vy * t) - w;
}

/** Colour (RGBA 0..1) at a point of the 256-unit design. */
function shade(x, y) {
  let c = [0, 0, 0];
  let a = 0;
  const paint = (d, col) => {
    const cov = Math.max(0, Math.min(1, 0.5 - d));
    if (cov <= 0) return;
    c = a === 0 ? col : over(c, col, cov);
    a = a + (1 - a) * cov;
  };
  const t = y / 256;
  paint(roundRect(x, y, 128, 128, 120, 120, 44), mix([0.13, 0.45, 0.85], [0.04, 0.25, 0.58], t));
  // Sheet with its top-right corner folded down.
  const cut = (x - y - 102) * Math.SQRT1_2;
  paint(Math.max(roundRect(x, y, 118, 132, 62, 80, 8), cut), [1, 1, 1]);
  paint(Math.max(154 - x, y - 78, cut), [0.78, 0.84, 0.92]);
  for (const ly of [92, 116, 140]) paint(segment(x, y, 80, ly, 150, ly, 5), [0.55, 0.62, 0.72]);
  paint(segment(x, y, 80, 164, 124, 164, 5), [0.55, 0.62, 0.72]);
  // Tick badge.
  paint(circle(x, y, 176, 184, 42), [1, 1, 1]);
  paint(circle(x, y, 176, 184, 35), [0.16, 0.66, 0.33]);
  paint(Math.min(segment(x, y, 158, 185, 171, 198, 6.5), segment(x, y, 171, 198, 195, 170, 6.5)), [1, 1, 1]);
  return [...c, a];
}

function render(size) {
  const px = new Uint8Array(size * size * 4);
  const ss = 4; // supersampling for smooth edges
  const scale = 256 / size;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0, g = 0, b = 0, al = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const [cr, cg, cb, ca] = shade((i + (sx + 0.5) / ss) * scale, (j + (sy + 0.5) / ss) * scale);
          r += cr * ca; g += cg * ca; b += cb * ca; al += ca;
        }
      }
      const n = ss * ss;
      const o = (j * size + i) * 4;
      px[o] = al ? Math.round((r / al) * 255) : 0;
      px[o + 1] = al ? Math.round((g / al) * 255) : 0;
      px[o + 2] = al ? Math.round((b / al) * 255) : 0;
      px[o + 3] = Math.round((al / n) * 255);
    }
  }
  return px;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size) {
  const rgba = render(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const big = png(256);
writeFileSync(`${dir}icon.png`, big);
writeFileSync(`${dir}icon.ico`, ico([16, 32, 48].map((size) => ({ size, data: png(size) })).concat([{ size: 256, data: big }])));
console.log('assets/icon.png et assets/icon.ico écrits.');
