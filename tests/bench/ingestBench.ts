// Ingest benchmark: the same large alerts.json read twice, each in its own process so that each peak RSS is its
// own: the baseline (split lines, JSON.parse every line) and the real engine (tailer, prefilter, parse, filter,
// store in SQLite). Two more runs explain the ingest figure: the parse stage alone, and the storage floor (what
// SQLite alone spends storing the same FIM events, see ingestChild.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCorpus, type Corpus } from './makeCorpus';

export interface IngestFigures {
  corpusMB: number;
  corpusLines: number;
  corpusFimEvents: number;
  baselineMBps: number;
  baselineAlertsPerSec: number;
  ingestMBps: number;
  ingestAlertsPerSec: number;
  ingestRatio: number;
  /** the tailer and parse stage alone (nothing stored), beside the baseline */
  parseMBps: number;
  parseRatio: number;
  /** SQLite alone storing the same FIM events (three INSERTs each, no application logic), beside the baseline */
  storageFloorSeconds: number;
  storageFloorRatio: number;
  peakRssMB: number;
  baselinePeakRssMB: number;
  maxEventLoopLagMs: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The corpus is kept between runs (it takes a while to write); its sidecar says what is in it. */
async function corpus(targetMB: number, log: (m: string) => void): Promise<Corpus> {
  const file = path.join(os.tmpdir(), `fimv-bench-${targetMB}MB.json`);
  const meta = `${file}.meta.json`;
  try {
    const c = JSON.parse(fs.readFileSync(meta, 'utf8')) as Corpus;
    if (fs.statSync(file).size === c.bytes) return c;
  } catch {
    // write it
  }
  log(`writing a ${targetMB} MB alerts.json (kept in ${file} for the next runs)`);
  const c = await makeCorpus(file, targetMB * 1e6);
  fs.writeFileSync(meta, JSON.stringify(c));
  return c;
}

function child(mode: 'baseline' | 'ingest' | 'parse' | 'floor', c: Corpus, dataDir: string) {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'tests/bench/ingestChild.ts'), mode, c.path, dataDir, String(c.lines)],
    { cwd: ROOT, maxBuffer: 1 << 20 },
  ).toString();
  return JSON.parse(out.trim().split('\n').pop()!) as {
    lines: number;
    fimEvents?: number;
    seconds: number;
    peakRssMB: number;
    maxLoopDelayMs?: number;
  };
}

export async function ingestBench(targetMB: number, log: (m: string) => void): Promise<IngestFigures> {
  const c = await corpus(targetMB, log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-bench-ingest-'));
  try {
    log('baseline: split lines + JSON.parse every line');
    const base = child('baseline', c, path.join(work, 'unused'));
    log('parse stage alone: tailer, prefilter, JSON.parse of FIM lines (nothing stored)');
    const parse = child('parse', c, path.join(work, 'unused'));
    log('storage floor: SQLite alone storing the same FIM events');
    const floor = child('floor', c, path.join(work, 'unused'));
    log('ingest: the engine (tailer, parse, filter, SQLite)');
    const ing = child('ingest', c, path.join(work, 'data'));
    if (parse.lines !== c.lines || floor.fimEvents !== c.fimEvents) {
      throw new Error(`the parse stage read ${parse.lines} lines, the floor stored ${floor.fimEvents} FIM events`);
    }
    if (ing.lines !== c.lines || ing.fimEvents !== c.fimEvents) {
      throw new Error(
        `ingest read ${ing.lines} lines / ${ing.fimEvents} FIM events, the corpus has ${c.lines} / ${c.fimEvents}`,
      );
    }
    const mb = c.bytes / 1e6;
    return {
      corpusMB: round(mb),
      corpusLines: c.lines,
      corpusFimEvents: c.fimEvents,
      baselineMBps: round(mb / base.seconds),
      baselineAlertsPerSec: Math.round(c.lines / base.seconds),
      ingestMBps: round(mb / ing.seconds),
      ingestAlertsPerSec: Math.round(c.lines / ing.seconds),
      ingestRatio: round(base.seconds / ing.seconds, 2),
      parseMBps: round(mb / parse.seconds),
      parseRatio: round(base.seconds / parse.seconds, 2),
      storageFloorSeconds: round(floor.seconds, 2),
      storageFloorRatio: round(base.seconds / floor.seconds, 2),
      peakRssMB: round(ing.peakRssMB),
      baselinePeakRssMB: round(base.peakRssMB),
      maxEventLoopLagMs: round(ing.maxLoopDelayMs ?? 0),
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
