// One benchmark measurement in its own process (so its peak RSS is its own): either the baseline (split lines and
// JSON.parse every line) or the full ingest (the real engine: tailer, parse, filter, store). Prints one JSON line.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startEngine } from '../../electron/core/engine';
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

async function timedBaseline() {
  const started = process.hrtime.bigint();
  const result = await baseline();
  return { ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

const result = mode === 'baseline' ? await timedBaseline() : await ingest();
process.stdout.write(JSON.stringify({ ...result, peakRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
