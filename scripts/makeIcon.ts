// Draws the app icon from one description into build/icon.svg and build/icon.png (512x512, RGBA), with Node's
// built-ins only: shapes rasterised with 4x4 supersampling, PNG chunks written by hand, zlib for the image data.
// Run: npx tsx scripts/makeIcon.ts   (electron-builder derives the .icns and .ico from build/icon.png)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

type RGBA = [number, number, number, number];
type Shape =
  | { kind: 'rrect'; x: number; y: number; w: number; h: number; r: number; fill: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  | { kind: 'polygon'; points: [number, number][]; fill: string }
  | { kind: 'polyline'; points: [number, number][]; width: number; stroke: string };

const SIZE = 512;
// a report page with a verdict badge: the file is looked up, the answer is in
export const SHAPES: Shape[] = [
  { kind: 'rrect', x: 0, y: 0, w: 512, h: 512, r: 112, fill: '#123047' },
  {
    kind: 'polygon',
    points: [
      [128, 116],
      [128, 380],
      [148, 400],
      [300, 400],
      [320, 380],
      [320, 144],
      [272, 96],
      [148, 96],
    ],
    fill: '#eaf1f7',
  },
  {
    kind: 'polygon',
    points: [
      [272, 96],
      [272, 144],
      [320, 144],
    ],
    fill: '#b4c6d6',
  },
  { kind: 'rrect', x: 160, y: 176, w: 112, h: 16, r: 8, fill: '#8fa6ba' },
  { kind: 'rrect', x: 160, y: 216, w: 128, h: 16, r: 8, fill: '#8fa6ba' },
  { kind: 'rrect', x: 160, y: 256, w: 96, h: 16, r: 8, fill: '#8fa6ba' },
  { kind: 'circle', cx: 340, cy: 352, r: 112, fill: '#123047' },
  { kind: 'circle', cx: 340, cy: 352, r: 96, fill: '#1f9d74' },
  {
    kind: 'polyline',
    points: [
      [292, 354],
      [326, 388],
      [390, 318],
    ],
    width: 28,
    stroke: '#ffffff',
  },
];

export function toSvg(shapes: Shape[]): string {
  const pts = (p: [number, number][]) => p.map(([x, y]) => `${x},${y}`).join(' ');
  const body = shapes.map((s) => {
    switch (s.kind) {
      case 'rrect':
        return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`;
      case 'circle':
        return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`;
      case 'polygon':
        return `<polygon points="${pts(s.points)}" fill="${s.fill}"/>`;
      case 'polyline':
        return `<polyline points="${pts(s.points)}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}" stroke-linecap="round" stroke-linejoin="round"/>`;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">\n  <title>FIM Verdict</title>\n  ${body.join('\n  ')}\n</svg>\n`;
}

const hex = (c: string): RGBA => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)).concat(255) as RGBA;

function segmentDistance(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inside(s: Shape, x: number, y: number): boolean {
  switch (s.kind) {
    case 'rrect': {
      const cx = Math.max(s.x + s.r, Math.min(x, s.x + s.w - s.r));
      const cy = Math.max(s.y + s.r, Math.min(y, s.y + s.h - s.r));
      return x >= s.x && x <= s.x + s.w && y >= s.y && y <= s.y + s.h && Math.hypot(x - cx, y - cy) <= s.r;
    }
    case 'circle':
      return Math.hypot(x - s.cx, y - s.cy) <= s.r;
    case 'polygon': {
      let odd = false;
      for (let i = 0, j = s.points.length - 1; i < s.points.length; j = i++) {
        const [xi, yi] = s.points[i];
        const [xj, yj] = s.points[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
      }
      return odd;
    }
    case 'polyline':
      return s.points.slice(1).some((p, i) => segmentDistance(x, y, s.points[i], p) <= s.width / 2);
  }
}

export function rasterise(shapes: Shape[], size = SIZE): Buffer {
  const colours = shapes.map((s) => hex(s.kind === 'polyline' ? s.stroke : s.fill));
  const scale = SIZE / size;
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) * scale;
          const y = (py + (sy + 0.5) / n) * scale;
          let c: RGBA = [0, 0, 0, 0];
          for (let i = 0; i < shapes.length; i++) if (inside(shapes[i], x, y)) c = colours[i];
          // premultiplied so transparent corners do not darken the edge
          acc[0] += (c[0] * c[3]) / 255;
          acc[1] += (c[1] * c[3]) / 255;
          acc[2] += (c[2] * c[3]) / 255;
          acc[3] += c[3];
        }
      }
      const a = acc[3] / (n * n);
      const o = (py * size + px) * 4;
      out[o] = a ? Math.round((acc[0] / (n * n)) * (255 / a)) : 0;
      out[o + 1] = a ? Math.round((acc[1] / (n * n)) * (255 / a)) : 0;
      out[o + 2] = a ? Math.round((acc[2] / (n * n)) * (255 / a)) : 0;
      out[o + 3] = Math.round(a);
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels -> PNG (colour type 6, 8 bits, filter 0 on each row). */
export function encodePng(rgba: Buffer, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'icon.svg'), toSvg(SHAPES));
  fs.writeFileSync(path.join(dir, 'icon.png'), encodePng(rasterise(SHAPES), SIZE, SIZE));
  console.log(`wrote ${path.join(dir, 'icon.svg')} and icon.png (${SIZE}x${SIZE})`);
}
