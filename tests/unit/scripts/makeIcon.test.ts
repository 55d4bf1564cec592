import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, rasterise, SHAPES, toSvg } from '../../../scripts/makeIcon';

function chunks(png: Buffer) {
  const out: { type: string; data: Buffer; crc: number }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length), crc: png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

describe('icon generator', () => {
  it('writes a valid RGBA PNG (signature, CRCs, rows)', () => {
    const rgba = Buffer.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    const png = encodePng(rgba, 2, 2);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const c of parts) expect(c.crc).toBe(zlib.crc32(Buffer.concat([Buffer.from(c.type, 'ascii'), c.data])));
    expect(parts[0].data.readUInt32BE(0)).toBe(2);
    expect([...parts[0].data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    const raw = zlib.inflateSync(parts[1].data);
    expect([...raw]).toEqual([0, ...rgba.subarray(0, 8), 0, ...rgba.subarray(8)]);
  });

  it('draws the same shapes as the SVG: opaque inside, transparent outside the rounded corners', () => {
    const px = rasterise(SHAPES, 64);
    const alpha = (x: number, y: number) => px[(y * 64 + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(32, 32)).toBe(255);
    expect(toSvg(SHAPES)).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="512" height="512"/);
    expect(toSvg(SHAPES).match(/<(rect|circle|polygon|polyline) /g)).toHaveLength(SHAPES.length);
  });
});
