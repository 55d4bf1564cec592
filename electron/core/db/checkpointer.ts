// The write-ahead log is copied back into the database file (checkpointed) on a worker thread with its own
// connection, so the engine's thread never waits for it. A checkpoint copies the pages the last commits wrote and
// syncs the file: at 1M stored alerts ~40 ms for 2,500 pages, ~150 ms for 10,000, and a request that came meanwhile
// waited for it (docs/BENCHMARKS.md, "The checkpoints on a worker thread").
//
// The worker copies what the engine writes every CHECKPOINT_EVERY_MS while there is something to copy. The log
// itself can only start over from its beginning when a write transaction begins with every frame copied, and a
// catch-up writes back to back, so the sources call `settle()` between two batches: past RESTART_FRAMES it waits
// (the event loop free, requests answered) until a fresh pass of the worker has copied everything, and the next
// batch starts the log over. The engine's own automatic checkpoint stays on at SAFETY_NET_FRAMES for writers
// that do not settle (the scheduler, retention, a write while a long read holds the log), and goes back to its
// usual threshold if the worker cannot run.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { yieldToLoop } from '../base/runtime';

type Db = Database.Database;

/** The engine's own threshold when it checkpoints alone (a backlog stores ~19% faster than with SQLite's 1,000). */
export const ENGINE_CHECKPOINT_FRAMES = 10_000;
/** Past this many frames in the log (~32 MB), the next batch waits for the worker to copy them all. */
export const RESTART_FRAMES = 8_192;
/** With the worker on, the engine checkpoints only past this (~128 MB of log: nothing settled in time). */
export const SAFETY_NET_FRAMES = 32_768;
/** The log's file is cut back to this size when it starts over (it is reused from its beginning, not shrunk). */
export const LOG_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
export const CHECKPOINT_EVERY_MS = 25;
/** Nothing was left to copy: the worker looks again this much later (a laptop at rest is not woken 40 times a second). */
export const IDLE_CHECK_MS = 500;
/** The longest a batch waits for the worker (a long read can keep frames from being copied). */
export const SETTLE_MAX_MS = 1_000;

interface Pass {
  /** the request it answers (0: a periodic pass) */
  id: number;
  /** frames in the log, and how many of them are copied into the database file */
  log: number;
  copied: number;
}

type WorkerMessage = Pass | { id: number; error: string };

// CommonJS, evaluated by the worker: better-sqlite3 is given by its resolved path (no bundler reaches this text)
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
db.pragma('synchronous = NORMAL');
let timer = null;
let stopped = false;
function pass(id) {
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    parentPort.postMessage({ id, log: r.log, copied: r.checkpointed });
    return r.log !== r.checkpointed;
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
    return false;
  }
}
function periodic() {
  if (stopped) return;
  const more = pass(0);
  timer = setTimeout(periodic, more ? workerData.everyMs : workerData.idleMs);
}
parentPort.on('message', (m) => {
  if (m === 'stop') {
    stopped = true;
    clearTimeout(timer);
    db.close();
    parentPort.close();
    return;
  }
  pass(m);
});
periodic();
`;

export interface CheckpointerOptions {
  /** better-sqlite3 built for another ABI (the Electron copy) */
  nativeBinding?: string;
  warn?: (message: string) => void;
  /** tests: the worker's periods, the log's size that makes a batch wait, the longest wait */
  everyMs?: number;
  idleMs?: number;
  restartFrames?: number;
  settleMaxMs?: number;
}

export interface CheckpointerStats {
  /** the worker checkpoints (false: it could not start or stopped; the engine checkpoints itself) */
  running: boolean;
  /** batches that waited for the log to be copied, and how long in all */
  settles: number;
  settledMs: number;
  /** frames in the log at the worker's last pass (null: not known since the last wait) */
  logFrames: number | null;
}

export class Checkpointer {
  private worker: Worker | null = null;
  private last: Pass | null = null;
  private nextId = 1;
  /** `done(copied)`: null when every frame was copied, else how many were (a read holds the rest) */
  private waiting: { id: number; deadline: number; done: (copied: number | null) => void } | null = null;
  /**
   * After a wait that ran out, a read holds the log (another process's open transaction, a check): how far the
   * worker could copy then. Batches do not wait again until it copies further (the read ended) or the log starts
   * over: a wait per batch would slow a catch-up to a batch a second for as long as the read lasts.
   */
  private heldAt: number | null = null;
  private readonly stats = { settles: 0, settledMs: 0 };
  /** the last failed pass's message, said once (a pass fails again every 25 ms while the cause lasts) */
  private lastError: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly o: CheckpointerOptions = {},
  ) {}

  /** Starts the worker; where it cannot run, the engine checkpoints itself as before. */
  start(): void {
    if (this.worker || this.db.memory) return;
    try {
      const module = createRequire(import.meta.url).resolve('better-sqlite3');
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          file: this.db.name,
          module,
          nativeBinding: this.o.nativeBinding,
          everyMs: this.o.everyMs ?? CHECKPOINT_EVERY_MS,
          idleMs: this.o.idleMs ?? IDLE_CHECK_MS,
        },
      });
      worker.unref();
      worker.on('message', (m: WorkerMessage) => this.heard(m));
      // the first line: a module not found goes on with its require stack
      worker.on('error', (e) => this.lost(`the checkpoint worker failed: ${e.message.split('\n')[0]}`));
      worker.on('exit', () => this.lost(null));
      this.worker = worker;
    } catch (e) {
      this.lost(`the checkpoint worker could not start: ${(e as Error).message}`);
      return;
    }
    this.db.pragma(`wal_autocheckpoint = ${SAFETY_NET_FRAMES}`);
    this.db.pragma(`journal_size_limit = ${LOG_SIZE_LIMIT_BYTES}`);
  }

  /**
   * Between two batches of a source: yields to the event loop and, when the log has grown past RESTART_FRAMES,
   * waits until the worker has copied all of it (at most SETTLE_MAX_MS), so that the next batch starts it over.
   */
  settle(): Promise<void> {
    const last = this.last;
    const restartFrames = this.o.restartFrames ?? RESTART_FRAMES;
    if (!this.worker || !last || last.log < restartFrames || this.heldAt !== null) return yieldToLoop();
    const started = Date.now();
    this.stats.settles++;
    const maxMs = this.o.settleMaxMs ?? SETTLE_MAX_MS;
    return new Promise<void>((resolve) => {
      // a pass that does not answer (a disk that stalls its sync, another process's lock) cannot hold the batch
      const timer = setTimeout(() => {
        if (this.waiting === waiting) this.release(this.last?.copied ?? last.copied);
      }, maxMs + 50);
      const waiting = {
        id: this.nextId++,
        deadline: started + maxMs,
        done: (copied: number | null) => {
          clearTimeout(timer);
          this.stats.settledMs += Date.now() - started;
          this.heldAt = copied;
          // unknown until the worker's next pass: the batch that follows starts the log over
          this.last = null;
          resolve();
        },
      };
      this.waiting = waiting;
      this.worker!.postMessage(waiting.id);
    });
  }

  current(): CheckpointerStats {
    return { running: this.worker !== null, ...this.stats, logFrames: this.last?.log ?? null };
  }

  /** Stops the worker (its connection closed) before the engine closes the database, which then removes the log. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.release();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    const timer = setTimeout(() => void worker.terminate(), 2_000);
    await exited;
    clearTimeout(timer);
  }

  /** A forced exit: the worker goes with the process. */
  terminate(): void {
    const worker = this.worker;
    this.worker = null;
    this.release();
    void worker?.terminate();
  }

  private heard(m: WorkerMessage): void {
    if ('error' in m) {
      // the next pass tries again; a waiting batch goes on
      if (m.error !== this.lastError) this.o.warn?.(`a checkpoint of the database failed (${m.error}); retrying`);
      this.lastError = m.error;
      if (this.waiting?.id === m.id) this.release(null);
      return;
    }
    this.lastError = null;
    this.last = m;
    // the read that held the log has ended (the worker copied further, or all of it): waits resume
    if (this.heldAt !== null && (m.copied > this.heldAt || m.log === m.copied)) this.heldAt = null;
    const w = this.waiting;
    if (!w || m.id !== w.id) return;
    if (m.log === m.copied) return this.release(null);
    if (Date.now() >= w.deadline) return this.release(m.copied);
    // the engine is waiting, so nothing new is written: the next pass copies what this one could not
    w.id = this.nextId++;
    this.worker?.postMessage(w.id);
  }

  private release(copied: number | null = null): void {
    const w = this.waiting;
    this.waiting = null;
    w?.done(copied);
  }

  private lost(message: string | null): void {
    if (this.worker === null && message === null) return; // stopped on purpose
    this.worker = null;
    this.release();
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${ENGINE_CHECKPOINT_FRAMES}`);
    this.o.warn?.(`${message ?? 'the checkpoint worker stopped'}; the engine checkpoints the database itself`);
  }
}
