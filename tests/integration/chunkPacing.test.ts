// Ingest paces its transactions (sources/file/fileSource.ts): a catch-up reads 256 KiB at a time, one transaction
// each, and the views' requests wait behind the one in progress. On a database whose indexes are not all in memory
// (10M alerts) the same 256 KiB took 130-200 ms; the chunks are then halved, down to 32 KiB, and doubled back once
// a full chunk stores in under half the target. Here the engine is real and each transaction is made slow (or not)
// by the test; what is checked is the size of the chunks it is handed, and that every alert is stored once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlertsService } from '../../electron/core/ingest/alertsService';
import { LIVE_CHUNK_BYTES, MIN_LIVE_CHUNK_BYTES, pacedChunkBytes } from '../../electron/core/sources/file/fileSource';
import type { SourceBatch } from '../../electron/core/sources/alertSource';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { startTestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/**
 * From now until the mocks are restored: every batch the engine stores takes at least `ms()` (a busy wait after the
 * real transaction); the bytes of each batch, in order.
 */
function slowTransactions(ms: () => number): number[] {
  const sizes: number[] = [];
  const store = AlertsService.prototype.store;
  vi.spyOn(AlertsService.prototype, 'store').mockImplementation(function (
    this: AlertsService,
    sourceId: number,
    batch: SourceBatch,
  ) {
    sizes.push(batch.bytes);
    const started = performance.now();
    const result = store.call(this, sourceId, batch);
    while (performance.now() - started < ms());
    return result;
  });
  return sizes;
}

describe('pacedChunkBytes', () => {
  it('halves a chunk whose transaction took over 30 ms, to 32 KiB at least; doubles a full fast one, to 256 KiB', () => {
    expect(pacedChunkBytes(LIVE_CHUNK_BYTES, LIVE_CHUNK_BYTES, 180)).toBe(LIVE_CHUNK_BYTES / 2);
    expect(pacedChunkBytes(MIN_LIVE_CHUNK_BYTES, MIN_LIVE_CHUNK_BYTES, 180)).toBe(MIN_LIVE_CHUNK_BYTES);
    expect(pacedChunkBytes(64 * 1024, 64 * 1024, 25)).toBe(64 * 1024); // within the target: kept
    expect(pacedChunkBytes(64 * 1024, 64 * 1024, 10)).toBe(128 * 1024);
    expect(pacedChunkBytes(64 * 1024, 64 * 1024, 31)).toBe(32 * 1024);
    expect(pacedChunkBytes(LIVE_CHUNK_BYTES, LIVE_CHUNK_BYTES, 1)).toBe(LIVE_CHUNK_BYTES);
    // a few lines appended (the live end of the file): fast, but says nothing of a full chunk
    expect(pacedChunkBytes(64 * 1024, 2_000, 1)).toBe(64 * 1024);
  });
});

describe('ingest paces its transactions', () => {
  it('slow transactions get smaller chunks, fast ones larger again; every alert stored once', async () => {
    const t = makeTempDir('fimv-pacing-');
    cleanups.push(t.cleanup);
    const gen = new WazuhAlertGenerator({ seed: 21, startEpochMs: Date.UTC(2026, 11, 5, 8) });
    const mix = { fim: 100, other: 0, 'wazuh-vt': 0, registry: 0 } as const;
    const first = gen.stream({ count: 1_500, format: 'json', mix });
    const second = gen.stream({ count: 1_500, format: 'json', mix });
    const file = path.join(t.dir, 'alerts.json');
    fs.writeFileSync(file, first.map((a) => a.text + '\n').join(''));
    expect(fs.statSync(file).size).toBeGreaterThan(4 * LIVE_CHUNK_BYTES);

    let slowMs = 70; // a transaction on a database larger than memory
    const sizes = slowTransactions(() => slowMs);
    const e = await startTestEngine({ dataDir: path.join(t.dir, 'data'), sources: [{ path: file, fromEnd: false }] });
    cleanups.push(() => e.stop());
    await e.until((s) => s.fimEvents === first.length, 30_000, 'the first alerts stored');
    expect(sizes[0]).toBeGreaterThan(LIVE_CHUNK_BYTES - 4_096);
    // halved at each slow one: 128, 64, then 32 KiB chunks (less the part of a line each leaves for the next)
    expect(sizes.slice(1, 4).map((b) => Math.round(b / 1024))).toEqual([
      expect.closeTo(128, 0),
      expect.closeTo(64, 0),
      expect.closeTo(32, 0),
    ]);
    expect(Math.max(...sizes.slice(4, -1))).toBeLessThanOrEqual(MIN_LIVE_CHUNK_BYTES + 4_096);

    slowMs = 0;
    sizes.length = 0;
    fs.appendFileSync(file, second.map((a) => a.text + '\n').join(''));
    await e.until((s) => s.fimEvents === first.length + second.length, 30_000, 'the second alerts stored');
    // fast again: doubled back (at least twice from 32 KiB; the full 256 KiB when the machine is not loaded)
    expect(sizes[0]).toBeLessThanOrEqual(MIN_LIVE_CHUNK_BYTES + 4_096);
    expect(Math.max(...sizes)).toBeGreaterThan(96 * 1024);
    const page = await e.h.listAlerts({ limit: 1, offset: 0 });
    expect(page.total).toBe(first.length + second.length);
  });

  it('at the smallest chunk, a 700 KB alert is stored whole and a 1.5 MB line is counted as oversize; nothing hangs', async () => {
    const t = makeTempDir('fimv-pacing-big-');
    cleanups.push(t.cleanup);
    const gen = new WazuhAlertGenerator({ seed: 22, startEpochMs: Date.UTC(2026, 11, 5, 9) });
    const mix = { fim: 100, other: 0, 'wazuh-vt': 0, registry: 0 } as const;
    const before = gen.stream({ count: 400, format: 'json', mix }).map((a) => a.text);
    const after = gen.stream({ count: 400, format: 'json', mix }).map((a) => a.text);
    // a FIM alert carrying 700 KB of full_log (20 of the smallest chunks), and a line over the 1 MiB record limit
    const big = JSON.parse(gen.stream({ count: 1, format: 'json', mix })[0].text) as Record<string, unknown>;
    big.full_log = 'x'.repeat(700 * 1024);
    const oversize = JSON.stringify({ rule: { id: '550' }, full_log: 'y'.repeat(1536 * 1024) });
    const file = path.join(t.dir, 'alerts.json');
    fs.writeFileSync(file, [...before, oversize, JSON.stringify(big), ...after].join('\n') + '\n');

    const sizes = slowTransactions(() => 40); // every transaction slow: the chunks stay at 32 KiB
    const e = await startTestEngine({ dataDir: path.join(t.dir, 'data'), sources: [{ path: file, fromEnd: false }] });
    cleanups.push(() => e.stop());
    const s = await e.until((s) => s.fimEvents === 801, 60_000, 'every alert stored');
    expect(s.oversizeLines).toBe(1);
    expect(sizes.slice(4).some((b) => b > 600 * 1024)).toBe(true); // a long line goes in one batch, however small the chunk
    expect(Math.min(...sizes.slice(4, -1))).toBeLessThanOrEqual(MIN_LIVE_CHUNK_BYTES + 4_096);
    const found = await e.h.listAlerts({ limit: 1000, offset: 0 });
    expect(found.total).toBe(801);
  });
});
