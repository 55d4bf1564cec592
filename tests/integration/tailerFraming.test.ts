// Framing (json lines, log blocks), format detection and the incremental splitter (skip mode, any split of the input).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WAZUH_FIXTURES } from '../helpers/fixtures';
import {
  detectFormat,
  frame,
  frameJsonLines,
  frameLogBlocks,
  lastRecordBoundary,
  type FrameResult,
} from '../../electron/core/sources/file/framing';
import { RecordSplitter } from '../../electron/core/sources/file/splitter';

const FIXTURES = WAZUH_FIXTURES;
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));
const texts = (buf: Buffer, r: FrameResult): string[] => r.records.map((x) => buf.toString('utf8', x.start, x.end));

describe('frameJsonLines', () => {
  it('returns complete lines, strips CR, consumes empty lines, leaves a partial line', () => {
    const buf = Buffer.from('{"a":1}\r\n\n\r\n{"b":2}\n{"c":');
    const r = frameJsonLines(buf, 100);
    expect(texts(buf, r)).toEqual(['{"a":1}', '{"b":2}']);
    expect(r.consumed).toBe(buf.indexOf('{"c":'));
    expect(r.oversize).toEqual([]);
  });

  it('reports lines over the limit as oversize and consumes them; eof returns the last partial line', () => {
    const long = 'x'.repeat(50);
    const buf = Buffer.from(`${long}\nok\ntail`);
    const r = frameJsonLines(buf, 10);
    expect(texts(buf, r)).toEqual(['ok']);
    expect(r.oversize).toEqual([{ start: 0, end: 50 }]);
    expect(frameJsonLines(buf, 10, { eof: true }).records.map((x) => buf.toString('utf8', x.start, x.end))).toEqual([
      'ok',
      'tail',
    ]);
  });
});

describe('frameLogBlocks', () => {
  const cases: [string, string[]][] = [
    ['alerts-2016-fim.log', ['1460948255.25442']],
    [
      'alerts-2017-seed.log',
      ['1510684983.55139', '1510676062.9653', '1510684990.60518', '1510684376.32386', '1510684984.55826'],
    ],
    ['alerts-4.4-fim-and-vt.log', ['1670328936.40129', '1670328936.40742']],
  ];
  it.each(cases)('frames %s into its blocks (the last one is complete at the next header, or at eof)', (name, ids) => {
    const buf = fixture(name);
    const open = frameLogBlocks(buf, 1 << 20);
    expect(open.records).toHaveLength(ids.length - 1);
    expect(open.consumed).toBe(buf.lastIndexOf('** Alert '));
    const ended = frameLogBlocks(buf, 1 << 20, { eof: true });
    const blocks = texts(buf, ended);
    expect(blocks.map((b) => /^\*\* Alert (\d+\.\d+):/.exec(b)?.[1])).toEqual(ids);
    expect(blocks.every((b) => !b.endsWith('\n'))).toBe(true);
    expect(ended.consumed).toBe(buf.length);
    // the next alert's header completes the last block just as well
    const more = Buffer.concat([buf, Buffer.from('** Alert 1.2: - next\n')]);
    expect(texts(more, frameLogBlocks(more, 1 << 20))).toEqual(blocks);
  });

  it('keeps the blank line inside a 4.x FIM alert (before Attributes:) in its block', () => {
    const buf = fixture('alerts-4.4-fim-and-vt.log');
    const [fim] = texts(buf, frameLogBlocks(buf, 1 << 20));
    expect(fim).toContain("now it is '1670328936'\n\nAttributes:\n");
    expect(fim).toMatch(/ - SHA256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855$/);
  });

  it('a header line completes the block before it; junk before the first header is a record too', () => {
    const buf = Buffer.from(
      'tail of an earlier block\n** Alert 1.1: - a\nx\n** Alert 2.2: - b\ny\n\n** Alert 3.3: - c\n',
    );
    const r = frameLogBlocks(buf, 1000);
    expect(texts(buf, r)).toEqual(['tail of an earlier block', '** Alert 1.1: - a\nx', '** Alert 2.2: - b\ny']);
    expect(r.consumed).toBe(buf.indexOf('** Alert 3.3'));
  });

  it('handles CRLF and oversize blocks', () => {
    const buf = Buffer.from(`\r\n** Alert 1.1: - a\r\n${'z'.repeat(40)}\r\n\r\n** Alert 2.2: - b\r\nok\r\n\r\n`);
    const r = frameLogBlocks(buf, 30);
    expect(r.records).toEqual([]);
    expect(r.oversize).toEqual([{ start: 2, end: buf.indexOf('\r\n\r\n** Alert 2.2') }]);
    expect(texts(buf, frameLogBlocks(buf, 30, { eof: true }))).toEqual(['** Alert 2.2: - b\r\nok']);
  });
});

describe('detectFormat and lastRecordBoundary', () => {
  it('tells json from log, or says it cannot yet', () => {
    expect(detectFormat(fixture('fim-added-agent.json'))).toBe('json');
    expect(detectFormat(fixture('alerts-2017-seed.log'))).toBe('log');
    expect(detectFormat(Buffer.from('  \n\n'))).toBeNull();
    expect(detectFormat(Buffer.alloc(0))).toBeNull();
    expect(detectFormat(Buffer.from('garbage\n{"a":1}\n'))).toBe('json');
    expect(detectFormat(Buffer.from('half a block\n** Alert 1.2: - x\n'))).toBe('log');
    expect(detectFormat(Buffer.from('nothing telling'))).toBeNull();
  });

  it('finds where complete records end', () => {
    expect(lastRecordBoundary(Buffer.from('a\nb\npart'), 'json')).toBe(4);
    expect(lastRecordBoundary(Buffer.from('part'), 'json')).toBe(-1);
    const log = Buffer.from('** Alert 1.1: - a\nx\n\n** Alert 2.2: - b\ny\n');
    expect(lastRecordBoundary(log, 'log')).toBe(log.indexOf('** Alert 2.2'));
    expect(lastRecordBoundary(Buffer.from('** Alert 1.1: - a\nx\n\n'), 'log')).toBe(-1);
  });
});

/** Feeds `input` to a splitter in the given piece sizes; returns records, oversize lengths and the final cursor. */
function split(input: Buffer, format: 'json' | 'log', max: number, pieces: number[], eof = true) {
  const sp = new RecordSplitter(format, max, 0);
  const records: string[] = [];
  const oversize: number[] = [];
  let maxHeld = 0;
  let pos = 0;
  let i = 0;
  while (pos < input.length) {
    const n = Math.min(pieces[i++ % pieces.length], input.length - pos);
    const last = pos + n >= input.length;
    const out = sp.push(input.subarray(pos, pos + n), eof && last);
    pos += n;
    for (const r of out.records) records.push(out.chunk.toString('latin1', r.start, r.end));
    for (const o of out.oversize) oversize.push(o.length);
    maxHeld = Math.max(maxHeld, sp.held);
  }
  return { records, oversize, cursor: sp.cursor, maxHeld };
}

describe('RecordSplitter', () => {
  it('gives the same records and oversize for any split of the input (json and log)', () => {
    const lineArb = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '{', '"', ' ', '\r', 'é'), maxLength: 30 }),
      fc.constantFrom('', '** Alert 1.2: - g', 'x'.repeat(70)),
    );
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 25 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<'json' | 'log'>('json', 'log'),
        (lines, pieces, format) => {
          const input = Buffer.from(lines.join('\n') + '\n');
          const whole = frame(format, input, 50, { eof: true });
          const expected = whole.records.map((r) => input.toString('latin1', r.start, r.end));
          const got = split(input, format, 50, pieces);
          expect(got.records).toEqual(expected);
          expect(got.oversize).toEqual(whole.oversize.map((o) => o.end - o.start));
          expect(got.cursor).toBe(input.length);
          expect(got.maxHeld).toBeLessThanOrEqual(2 * 50 + 40);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('skips a 10 MiB line read in 64 KiB pieces while holding no more than the limit', () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x61);
    const input = Buffer.concat([Buffer.from('{"first":1}\n'), big, Buffer.from('\n{"after":2}\n')]);
    const got = split(input, 'json', 1024 * 1024, [64 * 1024], false);
    expect(got.records).toEqual(['{"first":1}', '{"after":2}']);
    expect(got.oversize).toEqual([big.length]);
    expect(got.maxHeld).toBeLessThanOrEqual(1024 * 1024 + 1 + 64 * 1024);
  });

  it('keeps the cursor at the start of an oversize record until its end is seen', () => {
    const sp = new RecordSplitter('log', 20, 100);
    sp.push(Buffer.from('** Alert 1.1: - a\nok\n\n** Alert 2.2: - b\n' + 'y'.repeat(60)), false);
    expect(sp.skipping).toBe(true);
    expect(sp.cursor).toBe(100 + 22);
    const out = sp.push(Buffer.from('\n\n** Alert 3.3: - c\n\n** Alert 4.4: - d\n'), false);
    expect(out.oversize).toEqual([{ offset: 122, length: 18 + 60 }]);
    expect(out.records.map((r) => out.chunk.toString('latin1', r.start, r.end))).toEqual(['** Alert 3.3: - c']);
  });
});
