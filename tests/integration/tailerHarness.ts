// Test helpers for the source layer: a temp folder, and a sink that records what a Tailer hands over and lets a
// test wait for a condition (checked at every callback, and every few ms for status-based conditions).
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { afterEach, beforeEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Tailer } from '../../electron/core/sources/file/tailer';
import type { TailBatch, TailCursor, TailerOptions, TailState } from '../../electron/core/sources/file/tailerTypes';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fim-tailer-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** One alerts.json-like line (without its newline). */
export const line = (n: number, pad = 0): string => JSON.stringify({ n, pad: 'x'.repeat(pad) });

export async function append(file: string, data: string | Buffer): Promise<void> {
  await appendFile(file, data);
}

export class Sink {
  records: string[] = [];
  raw: Buffer[] = [];
  offsets: number[] = [];
  files: string[] = [];
  oversize: { offset: number; length: number }[] = [];
  batches: TailBatch[] = [];
  states: { state: TailState; message: string }[] = [];
  cursor: TailCursor | null = null;
  /** make the next N onBatch calls throw (a full disk) */
  failNext = 0;
  failures = 0;
  /** set once the owner stopped its tailer: any callback after that is a bug */
  closed = false;
  lateCallbacks = 0;
  private readonly waiters = new Set<() => void>();

  readonly onBatch = (b: TailBatch): void => {
    if (this.closed) this.lateCallbacks++;
    if (this.failNext > 0) {
      this.failNext--;
      this.failures++;
      throw new Error('disk full');
    }
    for (let i = 0; i < b.records.length; i++) {
      const r = b.records[i];
      const bytes = Buffer.from(b.chunk.subarray(r.start, r.end)); // the chunk is reused: copy
      this.raw.push(bytes);
      this.records.push(bytes.toString('utf8'));
      this.offsets.push(b.recordOffsets[i]);
      this.files.push(b.filePath);
    }
    this.oversize.push(...b.oversize);
    this.batches.push({ ...b, chunk: Buffer.alloc(0) });
    this.cursor = b.cursor;
    this.check();
  };

  readonly onState = (state: TailState, message: string): void => {
    if (this.closed) this.lateCallbacks++;
    this.states.push({ state, message });
    this.check();
  };

  options(): Pick<TailerOptions, 'onBatch' | 'onState'> {
    return { onBatch: this.onBatch, onState: this.onState };
  }

  hasState(state: TailState, message?: string | RegExp): boolean {
    return this.states.some(
      (s) =>
        s.state === state &&
        (message === undefined || (typeof message === 'string' ? s.message === message : message.test(s.message))),
    );
  }

  /** Resolves when `pred` holds; rejects after `timeoutMs` saying what was awaited and what was seen. */
  until(pred: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearInterval(tick);
        clearTimeout(timeout);
        this.waiters.delete(check);
      };
      const check = (): void => {
        if (!pred()) return;
        done();
        resolve();
      };
      const tick = setInterval(check, 5);
      const timeout = setTimeout(() => {
        done();
        const last = this.states.slice(-5).map((s) => `${s.state}: ${s.message}`);
        reject(
          new Error(
            `timed out waiting for ${what}; records=${JSON.stringify(this.records)}; states=${last.join(' | ')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  count(n: number): Promise<void> {
    return this.until(() => this.records.length >= n, `${n} records`);
  }

  private check(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** A tailer with test-friendly timings. */
export function tailer(
  sink: Sink,
  o: Omit<TailerOptions, 'onBatch' | 'onState' | 'cursor' | 'fromEnd'> & Partial<TailerOptions>,
): Tailer {
  return new Tailer({
    cursor: null,
    fromEnd: false,
    pollMs: 20,
    retryBaseMs: 20,
    retryMaxMs: 80,
    rotateGraceMs: 200,
    ...sink.options(),
    ...o,
  });
}

/**
 * For a test file: a fresh temp folder per test (`scope.dir`) and `follow()`, which starts a tailer that is stopped
 * after the test, before its folder is removed.
 */
export function tailerScope(): { readonly dir: string; follow(sink: Sink, o: Parameters<typeof tailer>[1]): Tailer } {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  const running: Tailer[] = [];
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((t) => t.stop()));
    await cleanup();
  });
  return {
    get dir() {
      return dir;
    },
    follow(sink, o) {
      const t = tailer(sink, o);
      running.push(t);
      t.start();
      return t;
    },
  };
}
