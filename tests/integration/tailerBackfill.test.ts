// Backfill of the dated files: listing a day range, reading .json and .json.gz with progress, aborting, and
// finding where a rotated file went.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords } from '../../electron/core/sources/file/backfill';
import { listDatedFiles, locateRotatedInFolder } from '../../electron/core/sources/file/datedFiles';
import { readIdentity } from '../../electron/core/sources/file/fileIdentity';
import type { TailBatch } from '../../electron/core/sources/file/tailerTypes';
import { line, tempDir } from './tailerHarness';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const content = (from: number, to: number): string => {
  let s = '';
  for (let n = from; n <= to; n++) s += `${line(n, n % 97)}\n`;
  return s;
};

function collect() {
  const records: string[] = [];
  const batches: TailBatch[] = [];
  return {
    records,
    batches,
    onBatch: (b: TailBatch) => {
      for (const r of b.records) records.push(b.chunk.toString('utf8', r.start, r.end));
      batches.push({ ...b, chunk: Buffer.alloc(0) });
    },
  };
}

describe('listDatedFiles', () => {
  it('lists <YYYY>/<Mon>/ossec-alerts-DD[-NNN].json[.gz] of a day range, by day then sequence, .json over .gz', async () => {
    const nov = path.join(dir, '2026', 'Nov');
    const dec = path.join(dir, '2026', 'Dec');
    await mkdir(nov, { recursive: true });
    await mkdir(dec, { recursive: true });
    const files: Record<string, string> = {
      [path.join(nov, 'ossec-alerts-27.json')]: 'x\n', // before the range
      [path.join(nov, 'ossec-alerts-28.json.gz')]: 'x\n',
      [path.join(nov, 'ossec-alerts-29-001.json')]: 'x\n',
      [path.join(nov, 'ossec-alerts-29.json')]: 'x\n',
      [path.join(nov, 'ossec-alerts-30.json.gz')]: 'half', // being written by the compressor
      [path.join(nov, 'ossec-alerts-30.json')]: 'complete\n',
      [path.join(nov, 'ossec-alerts-30.log')]: 'x\n',
      [path.join(nov, 'alerts.json')]: 'x\n',
      [path.join(dec, 'ossec-alerts-01.json')]: 'x\n',
      [path.join(dec, 'ossec-alerts-02.json')]: 'x\n', // after the range
    };
    for (const [p, text] of Object.entries(files)) await writeFile(p, text);
    const listed = await listDatedFiles(dir, '2026-11-28', '2026-12-01');
    expect(listed.map((f) => [path.relative(dir, f.path), f.day, f.seq, f.compressed])).toEqual([
      ['2026/Nov/ossec-alerts-28.json.gz', '2026-11-28', 0, true],
      ['2026/Nov/ossec-alerts-29.json', '2026-11-29', 0, false],
      ['2026/Nov/ossec-alerts-29-001.json', '2026-11-29', 1, false],
      ['2026/Nov/ossec-alerts-30.json', '2026-11-30', 0, false],
      ['2026/Dec/ossec-alerts-01.json', '2026-12-01', 0, false],
    ]);
    expect(listed[3].sizeBytes).toBe('complete\n'.length);
    expect(await listDatedFiles(path.join(dir, 'nowhere'), '2026-11-01', '2026-11-30')).toEqual([]);
    await expect(listDatedFiles(dir, '2026-11', '2026-12-01')).rejects.toThrow(/YYYY-MM-DD/);
  });
});

describe('readRecords', () => {
  it('reads a .json.gz and its .json alike, with progress in bytes on disk', async () => {
    const text = content(1, 400);
    const json = path.join(dir, 'ossec-alerts-27.json');
    const gz = `${json}.gz`;
    await writeFile(json, text);
    await writeFile(gz, gzipSync(Buffer.from(text)));
    const fromGz = collect();
    const progress: { bytesDone: number; bytesTotal: number }[] = [];
    const r1 = await readRecords(gz, {
      onBatch: fromGz.onBatch,
      onProgress: (p) => progress.push(p),
      chunkBytes: 4096,
    });
    const fromJson = collect();
    const r2 = await readRecords(
      { path: json, day: '', seq: 0, sizeBytes: 0, compressed: false },
      { onBatch: fromJson.onBatch, chunkBytes: 1000 },
    );
    const expected = text.trimEnd().split('\n');
    expect(fromGz.records).toEqual(expected);
    expect(fromJson.records).toEqual(expected);
    expect(r1).toMatchObject({ records: 400, oversize: 0, endOffset: text.length, completed: true });
    expect(r2).toMatchObject({ records: 400, endOffset: text.length, completed: true });
    const gzSize = (await stat(gz)).size;
    expect(progress.length).toBeGreaterThan(1);
    expect(
      progress.every((p, i) => p.bytesTotal === gzSize && (i === 0 || p.bytesDone >= progress[i - 1].bytesDone)),
    ).toBe(true);
    expect(progress.at(-1)).toEqual({ bytesDone: gzSize, bytesTotal: gzSize });
    expect(fromGz.batches.at(-1)?.cursor).toEqual({ identity: null, offset: text.length, path: gz });
    expect(fromJson.batches.at(-1)?.cursor.identity).toEqual(await readIdentity(json));
    expect(fromGz.batches.every((b) => b.format === 'json' && b.filePath === gz)).toBe(true);
  });

  it('starts after a given (decompressed) offset and stops when aborted', async () => {
    const text = content(1, 300);
    const gz = path.join(dir, 'ossec-alerts-27.json.gz');
    await writeFile(gz, gzipSync(Buffer.from(text)));
    const offset = text.indexOf(`${line(101, 101 % 97)}\n`);
    const tail = collect();
    await readRecords(gz, { onBatch: tail.onBatch, startOffset: offset });
    expect(tail.records[0]).toBe(line(101, 101 % 97));
    expect(tail.records).toHaveLength(200);
    const abort = new AbortController();
    const some = collect();
    const result = await readRecords(gz, {
      onBatch: (b) => {
        some.onBatch(b);
        abort.abort();
      },
      signal: abort.signal,
      chunkBytes: 2048,
    });
    expect(result.completed).toBe(false);
    expect(some.records.length).toBeGreaterThan(0);
    expect(some.records.length).toBeLessThan(300);
  });
});

describe('locateRotatedInFolder', () => {
  it('finds a dated file of the last two months by inode + fingerprint, or its .gz by the decompressed first bytes', async () => {
    const now = new Date(2026, 10, 28, 0, 5); // just after midnight, local time
    const nov = path.join(dir, '2026', 'Nov');
    await mkdir(nov, { recursive: true });
    const day27 = path.join(nov, 'ossec-alerts-27.json');
    await writeFile(day27, content(1, 20));
    await writeFile(path.join(nov, 'ossec-alerts-28.json'), content(500, 520));
    const identity = await readIdentity(day27);
    expect(await locateRotatedInFolder(dir, identity, now)).toBe(day27);
    // compressed and deleted: found by its decompressed first bytes
    await writeFile(`${day27}.gz`, gzipSync(Buffer.from(content(1, 20))));
    await writeFile(day27, 'another file under the old name\n');
    expect(await locateRotatedInFolder(dir, identity, now)).toBe(`${day27}.gz`);
    // weeks later it is still found (an app stopped over the holidays); beyond the window it is out of reach
    expect(await locateRotatedInFolder(dir, identity, new Date(2026, 11, 24))).toBe(`${day27}.gz`);
    expect(await locateRotatedInFolder(dir, identity, new Date(2026, 10, 30), 2)).toBeNull();
    expect(await locateRotatedInFolder(dir, identity, new Date(2027, 0, 29))).toBeNull();
    // a fingerprint too short to tell files apart is not trusted
    expect(await locateRotatedInFolder(dir, { ...identity, ino: -1, fpLen: 10 }, now)).toBeNull();
  });
});
