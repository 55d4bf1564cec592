// One benchmark measurement in its own process (so its peak RSS is its own). Prints one JSON line. Modes:
// - baseline: split lines and JSON.parse every line;
// - ingest: the full ingest (the real engine: tailer, parse, filter, store);
// - parse: the real tailer and parse stage only (prefilter, JSON.parse of FIM lines), nothing stored;
// - floor: what SQLite alone costs to store the same FIM events: the stores' own statements each one needs (its file,
//   a queue entry, the alert; for a new file one INSERT each) into the app's schema with its pragmas, one transaction
//   per chunk, without the ingestor, planner, counters or cursor. Only the time in those transactions is counted.
//   No design with one SQLite writer can store faster.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FimEvent } from '../../shared/domain';
import { openDatabase } from '../../electron/core/db/database';
import { AlertsStore } from '../../electron/core/store/alertsStore';
import { FilesStore } from '../../electron/core/store/filesStore';
import { QueueStore } from '../../electron/core/store/queueStore';
import { bestHash } from '../../shared/hashes';
import { startEngine } from '../../electron/core/engine';
import { sourceBatchOf } from '../../electron/core/sources/file/fileSource';
import { parseBatch, type ParsedBatch } from '../../electron/core/ingest/parseBatch';
import { Tailer } from '../../electron/core/sources/file/tailer';
import { LIVE_CHUNK_BYTES } from '../../electron/core/sources/file/fileSource';
import { memorySecretStore } from '../helpers/engine';

const [mode, file, dataDir, expectedLines] = process.argv.slice(2);

async function baseline(): Promise<{ lines: number }> {
  let lines = 0;
  let rest = '';
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 4 * 1024 * 1024 });
  for await (const chunk of stream) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      if (line.length === 0) continue;
      JSON.parse(line);
      lines++;
    }
  }
  if (rest) {
    JSON.parse(rest);
    lines++;
  }
  return { lines };
}

/** The engine starts first (database, scheduler); the clock runs from adding the source to its last line. */
async function ingest(): Promise<{ lines: number; fimEvents: number; maxLoopDelayMs: number; seconds: number }> {
  const want = Number(expectedLines);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const engine = await startEngine({
    dataDir,
    secrets: memorySecretStore(),
    transport: 'http',
  });
  const h = engine.backend.handlers;
  const started = process.hrtime.bigint();
  loop.enable();
  await h.addSource({ path: file, fromEnd: false });
  for (;;) {
    // the sources table only: cheap enough to ask often without slowing what is measured
    const [src] = await h.listSources({});
    if (src && src.alertsRead + src.errors >= want) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      loop.disable();
      const s = await h.getStats({});
      await engine.stop();
      return { lines: s.alertsRead, fimEvents: s.fimEvents, maxLoopDelayMs: loop.max / 1e6, seconds };
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The same tailer and chunk size as the engine's sources; `use` sees each parsed chunk (kept or dropped). */
async function readParsed(use: (parsed: ParsedBatch) => void): Promise<{ lines: number }> {
  const want = Number(expectedLines);
  let lines = 0;
  let failed: unknown = null;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const tailer = new Tailer({
    path: file,
    cursor: null,
    fromEnd: false,
    chunkBytes: LIVE_CHUNK_BYTES, // as a file source reads
    watch: false,
    onBatch: (batch) => {
      try {
        const parsed = parseBatch(sourceBatchOf(batch, 'live', () => {}));
        use(parsed);
        lines += parsed.items.length + parsed.registry + parsed.other + parsed.errors.length;
      } catch (error) {
        failed = error;
        finish();
      }
      if (lines >= want) finish();
    },
    onState: () => {},
  });
  tailer.start();
  await done;
  await tailer.stop();
  if (failed) throw failed;
  return { lines };
}

async function storageFloor(): Promise<{ lines: number; fimEvents: number; seconds: number }> {
  const chunks: FimEvent[][] = [];
  const { lines } = await readParsed((parsed) => {
    const events: FimEvent[] = [];
    for (const item of parsed.items) if (item.kind === 'fim') events.push(item.event);
    chunks.push(events);
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-bench-floor-'));
  const { db } = openDatabase(dir);
  try {
    // the app's own statements, nothing around them: a new file is one INSERT in each store
    const files = new FilesStore(db);
    const queue = new QueueStore(db);
    const alerts = new AlertsStore(db);
    let fimEvents = 0;
    const started = process.hrtime.bigint();
    for (const events of chunks) {
      db.transaction(() => {
        for (const e of events) {
          const file = bestHash(e.after) ? files.ensureRow(e.after, e.epochMs) : null;
          if (file !== null) queue.enqueue(file.id, 'live', e.rule.level, e.epochMs);
          alerts.insert(e, null, null, true, file);
          fimEvents++;
        }
        alerts.flushCounts();
      })();
    }
    return { lines, fimEvents, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function timed<T extends object>(run: () => Promise<T>): Promise<T & { seconds: number }> {
  const started = process.hrtime.bigint();
  const result = await run();
  return { ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function timedBaseline() {
  const started = process.hrtime.bigint();
  const result = await baseline();
  return { ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

const result =
  mode === 'baseline'
    ? await timedBaseline()
    : mode === 'parse'
      ? await timed(() => readParsed(() => {}))
      : mode === 'floor'
        ? await storageFloor()
        : await ingest();
process.stdout.write(JSON.stringify({ ...result, peakRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
