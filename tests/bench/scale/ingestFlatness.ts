// Is ingest flat across a large run? The real engine (tailer, parse, store) reads an alerts.json of N FIM alerts
// (the scale builder's year of the fleet, as Wazuh writes it, with Wazuh's own VirusTotal answers among them) into
// an empty data directory, in a process of its own; the rate of each tenth of the run shows whether it slows as
// the database grows. The file is kept in the temp folder for the next runs (about 1.2 kB a FIM alert).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fimJson, vtJson } from '../../generators/wazuhJson';
import { startOfTodayUtc } from './buildDataDir';
import { ScaleEventStream } from './events';
import { round1 } from './timing';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface FlatnessFigures {
  fimEvents: number;
  corpusMB: number;
  /** FIM events stored per second in each tenth of the run */
  perTenth: number[];
  /** the last tenth's rate over the first's (1.0 = flat) */
  lastOverFirst: number;
  ingestSeconds: number;
  peakRssMB: number;
  /** writing the alerts.json, when it was not kept from an earlier run */
  writeSeconds: number;
}

async function corpus(events: number, seed: number, log: (m: string) => void) {
  const file = path.join(os.tmpdir(), `fimv-bench-flat-n${events}-s${seed}.json`);
  const meta = `${file}.meta.json`;
  try {
    const m = JSON.parse(fs.readFileSync(meta, 'utf8')) as { bytes: number; lines: number };
    if (fs.statSync(file).size === m.bytes) return { file, ...m, writeSeconds: 0 };
  } catch {
    // write it
  }
  log(`ingest flatness: writing ${events.toLocaleString('en')} FIM alerts to ${file} (kept for the next runs)`);
  const started = Date.now();
  const stream = new ScaleEventStream(seed, events, startOfTodayUtc());
  const out = fs.createWriteStream(file);
  let bytes = 0;
  let lines = 0;
  while (!stream.done) {
    const text =
      stream
        .next(5_000)
        .map((i) => JSON.stringify(i.kind === 'fim' ? fimJson(i.spec) : vtJson(i.spec)))
        .join('\n') + '\n';
    lines += text.split('\n').length - 1;
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  fs.writeFileSync(meta, JSON.stringify({ bytes, lines }));
  return { file, bytes, lines, writeSeconds: Math.round((Date.now() - started) / 1000) };
}

export async function ingestFlatness(
  o: { events: number; seed: number },
  log: (m: string) => void,
): Promise<FlatnessFigures> {
  const c = await corpus(o.events, o.seed, log);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-bench-flat-'));
  try {
    log(
      `ingest flatness: the engine reads ${(c.bytes / 1e6).toFixed(0)} MB (${o.events.toLocaleString('en')} FIM alerts)`,
    );
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'tests/bench/scale/flatnessChild.ts'), c.file, dataDir, String(c.lines)],
      { cwd: ROOT, maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
    ).toString();
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      fimEvents: number;
      marks: { fimEvents: number; seconds: number }[];
      peakRssMB: number;
    };
    if (r.fimEvents !== o.events) throw new Error(`the engine stored ${r.fimEvents} FIM events of ${o.events}`);
    const perTenth = r.marks.map((m, i) => {
      const prev = i === 0 ? { fimEvents: 0, seconds: 0 } : r.marks[i - 1];
      return Math.round((m.fimEvents - prev.fimEvents) / (m.seconds - prev.seconds));
    });
    return {
      fimEvents: r.fimEvents,
      corpusMB: round1(c.bytes / 1e6),
      perTenth,
      lastOverFirst: Math.round((perTenth[perTenth.length - 1] / perTenth[0]) * 100) / 100,
      ingestSeconds: round1(r.marks[r.marks.length - 1].seconds),
      peakRssMB: round1(r.peakRssMB),
      writeSeconds: c.writeSeconds,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
