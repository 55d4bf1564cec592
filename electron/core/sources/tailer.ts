// Follows one alert file with a stored cursor (file identity + byte offset after the last complete record).
// - Positional FileHandle reads, chunk by chunk (memory: about chunkBytes + maxRecordBytes), yielding to the event
//   loop between chunks (openFile.ts).
// - Keeps the fd open while following. A new inode at the path (Wazuh re-links alerts.json at the day change;
//   rename + create; delete + re-create): the old file is drained through the still-open fd first (a partial last
//   record gets rotateGraceMs for its terminator, then goes out as it is), then the new file is read from 0.
// - Same inode but shorter than what was read (copytruncate), or its first bytes changed: read again from 0.
// - At start with a stored cursor: the same file at the path -> resume at the offset; else drain the old file where
//   it went (cursor.path, or locateRotated(): a plain file or a .gz) from the offset, then the new one from 0.
// - A partial last record waits for its terminator with no timeout (json: '\n'). log: a block is complete when the
//   next '** Alert ' line starts; the last block of the file goes out once it ends with a blank line and the file
//   has been quiet for logSettleMs (framing.ts says why a blank line alone cannot end a block).
// - onBatch is synchronous (one SQLite transaction); a throw -> state 'error', the same batch again after a backoff.
//   The cursor always sits after the last complete record handed over.
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { SourceFormat } from '../../../shared/domain';
import { makeBatch } from './batch';
import { readIdentity, sameFile, sameInode, type FileIdentity } from './fileIdentity';
import { DEFAULT_MAX_RECORD_BYTES, DETECT_BYTES, detectFormat } from './framing';
import { OpenFile, type ReadHost } from './openFile';
import { readGzipPrefix, streamRecords } from './streamRead';
import { TailWatchers } from './tailWatchers';
import {
  currentName,
  deniedMessage,
  errorMessage,
  isDenied,
  isMissing,
  storeErrorMessage,
  waitingMessage,
  yieldToLoop,
} from './tailerSupport';
import type { TailBatch, TailCursor, TailerOptions, TailState, TailStatus } from './tailerTypes';

export type { TailBatch, TailCursor, TailerOptions, TailState, TailStatus } from './tailerTypes';

type Opened = { fh: FileHandle } | { failure: 'missing' | 'denied' };

export class Tailer implements ReadHost {
  readonly path: string;
  readonly chunkBytes: number;
  readonly maxRecordBytes: number;
  readonly pollMs: number;
  readonly logSettleMs: number;
  format: SourceFormat | null;
  private readonly o: TailerOptions;
  private readonly graceMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private state: TailState = 'stopped';
  private message = 'not started';
  private running = false;
  private silenced = false;
  private cur: OpenFile | null = null;
  /** a stored cursor not matched to a file yet */
  private resume: TailCursor | null;
  /** the cursor of the last batch handed over (or the stored one) */
  private lastCursor: TailCursor | null;
  /** no file seen yet: fromEnd applies */
  private firstSight: boolean;
  private loop: Promise<void> | null = null;
  private again = false;
  private soonMs: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private notBefore = 0;
  private errorDelay: number;
  private readonly sleepers = new Set<() => void>();
  private readonly watchers: TailWatchers;

  constructor(options: TailerOptions) {
    this.o = options;
    this.path = options.path;
    this.format = options.format ?? null;
    this.chunkBytes = Math.max(1, options.chunkBytes ?? 4 * 1024 * 1024);
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.pollMs = options.pollMs ?? 1000;
    this.logSettleMs = options.logSettleMs ?? 500;
    this.graceMs = options.rotateGraceMs ?? 2000;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    this.errorDelay = this.retryBaseMs;
    // a cursor without identity and with offset 0 is "nothing seen yet": first sight
    const c = options.cursor;
    this.resume = c && (c.identity || c.offset > 0) ? c : null;
    this.lastCursor = this.resume;
    this.firstSight = this.resume === null;
    this.watchers = new TailWatchers(this.path, options.watch ?? true, () => this.kick());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.silenced = false;
    this.notBefore = 0;
    this.watchers.activate();
    this.setState('starting', `opening ${this.path}`);
    this.kick();
  }

  /** Waits for the batch in progress; no callback is made after it resolves. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watchers.close();
    for (const wake of [...this.sleepers]) wake();
    await this.loop?.catch(() => undefined);
    await this.drop();
    this.setState('stopped', `stopped following ${this.path}`);
    this.silenced = true;
  }

  /** Read now (e.g. the engine knows the file changed). */
  poke(): void {
    this.notBefore = 0;
    this.kick();
  }

  status(): TailStatus {
    return {
      state: this.state,
      message: this.message,
      offset: this.cur?.cursor() ?? this.lastCursor?.offset ?? 0,
      size: this.cur?.size ?? 0,
      pending: this.cur?.pending() ?? 0,
      filePath: this.cur?.path ?? this.path,
    };
  }

  // ---- ReadHost

  isRunning(): boolean {
    return this.running;
  }

  setState(state: TailState, message: string): void {
    if (this.silenced || (state === this.state && message === this.message)) return;
    this.state = state;
    this.message = message;
    try {
      this.o.onState(state, message);
    } catch {
      // a failing listener must not stop the tailer
    }
  }

  /** Same state, a new message (something worth telling happened). */
  notice(message: string): void {
    this.setState(this.state === 'stopped' ? 'starting' : this.state, message);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(t);
        this.sleepers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** Hands a batch over; retries it after a backoff until it is stored or the tailer stops. */
  async deliver(batch: TailBatch): Promise<boolean> {
    let delay = this.retryBaseMs;
    for (;;) {
      if (!this.running) return false;
      try {
        this.o.onBatch(batch);
        break;
      } catch (e) {
        this.setState('error', storeErrorMessage(e));
        await this.sleep(delay);
        delay = Math.min(delay * 2, this.retryMaxMs);
      }
    }
    this.lastCursor = batch.cursor;
    if (this.state === 'error') this.setState('catching-up', `catching up on ${batch.filePath}`);
    return true;
  }

  // ---- scheduling: one cycle at a time; the poll always runs, fs.watch and poke() only bring it forward

  private readonly kick = (): void => {
    if (!this.running) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    const wait = this.notBefore - Date.now();
    if (wait > 0) {
      this.timer ??= setTimeout(this.onTimer, wait); // backing off after an error
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.loop = this.runLoop();
  };

  private readonly onTimer = (): void => {
    this.timer = null;
    this.kick();
  };

  private async runLoop(): Promise<void> {
    let delay = this.pollMs;
    do {
      this.again = false;
      this.soonMs = null;
      try {
        await this.cycle();
        this.errorDelay = this.retryBaseMs;
        delay = Math.min(this.pollMs, this.soonMs ?? this.pollMs);
      } catch (e) {
        if (!this.running) break;
        this.setState('error', `${this.path}: ${errorMessage(e)}; retrying`);
        await this.drop();
        delay = this.errorDelay;
        this.errorDelay = Math.min(this.errorDelay * 2, this.retryMaxMs);
        this.notBefore = Date.now() + delay;
        this.again = false;
      }
    } while (this.again && this.running);
    this.loop = null;
    if (this.running) this.timer = setTimeout(this.onTimer, delay);
  }

  /** Closes the file; the next cycle resumes from the last cursor handed over. */
  private async drop(): Promise<void> {
    const cur = this.cur;
    this.cur = null;
    if (this.lastCursor) this.resume = this.lastCursor;
    await cur?.close();
  }

  // ---- one cycle: read what is new, then look at what the path holds now

  private async cycle(): Promise<void> {
    if (!this.cur) await this.resolve();
    const cur = this.cur;
    this.watchers.update(cur && !cur.rotated ? cur.identity : null);
    if (!cur || !this.running) return;
    const at = await this.whatIsAtPath(cur.identity);
    if (at === 'same') {
      cur.rotated = false;
      cur.path = this.path;
      await cur.checkSameContent();
    }
    const ready = await cur.prepare();
    if (ready) await cur.readAvailable(false);
    if (!this.running || (!ready && at !== 'other')) return;
    if (at !== 'other') this.soonMs = await cur.settle();
    if (at === 'same') this.setState('following', `following ${this.path}`);
    else if (at === 'denied') this.setState('permission-denied', deniedMessage(this.path));
    else {
      // renamed or deleted (missing), or another file is at the path now
      if (!cur.rotated) cur.path = (await currentName(cur.fh)) ?? cur.path;
      cur.rotated = true;
      if (at === 'missing') {
        // keep reading the open file until a new one appears at the path
        this.setState('waiting', waitingMessage(this.path));
        return;
      }
      // finish this one, then read the new one from its start
      await cur.finish(this.graceMs);
      if (!this.running) return;
      this.cur = null;
      this.resume = null;
      this.firstSight = false;
      this.again = true;
    }
  }

  private async whatIsAtPath(identity: FileIdentity): Promise<'same' | 'other' | 'missing' | 'denied'> {
    try {
      return sameInode(await stat(this.path), identity) ? 'same' : 'other';
    } catch (e) {
      if (isMissing(e)) return 'missing';
      if (isDenied(e)) return 'denied';
      throw e;
    }
  }

  private openFile(p: string): Promise<FileHandle> {
    return (this.o.openFile ?? ((x: string) => open(x, 'r')))(p);
  }

  private async openPath(p: string): Promise<Opened> {
    try {
      return { fh: await this.openFile(p) };
    } catch (e) {
      if (isMissing(e)) return { failure: 'missing' };
      if (isDenied(e)) return { failure: 'denied' };
      throw e;
    }
  }

  private reportOpenFailure(failure: 'missing' | 'denied'): void {
    if (failure === 'missing') this.setState('waiting', waitingMessage(this.path));
    else this.setState('permission-denied', deniedMessage(this.path));
  }

  /** Which file to read, and from where. */
  private async resolve(): Promise<void> {
    const live = await this.openPath(this.path);
    const c = this.resume;
    if (c?.identity) {
      if ('fh' in live) {
        const r = await sameFile(c.identity, live.fh);
        if (r.same) {
          const truncated = r.size < c.offset;
          if (truncated) this.notice(`${this.path} is shorter than the stored offset (truncated): reading it from 0`);
          this.cur = new OpenFile(this, live.fh, r.identity, this.path, false, truncated ? 0 : c.offset, truncated);
          this.lastCursor = { identity: r.identity, offset: c.offset, path: this.path };
          this.resume = null;
          return;
        }
      }
      const drained = await this.drainStored(c, c.identity);
      if (drained === 'stopped' || (drained === 'not-found' && !('fh' in live))) {
        // stopped, or nothing to read at all yet: keep the stored cursor for the next attempt
        if ('fh' in live) await live.fh.close();
        else this.reportOpenFailure(live.failure);
        return;
      }
      if (drained === 'not-found')
        this.notice(`the file of the stored cursor is gone and was not found: reading ${this.path} from the start`);
      this.resume = null;
      this.firstSight = false;
    }
    if (!('fh' in live)) {
      if (live.failure === 'missing') this.firstSight = false; // it will be new when it appears: read from 0
      this.reportOpenFailure(live.failure);
      return;
    }
    const identity = await readIdentity(live.fh);
    if (c && !c.identity) {
      // only an offset is known: keep it if the file is that long
      const size = (await live.fh.stat()).size;
      this.cur = new OpenFile(this, live.fh, identity, this.path, false, size >= c.offset ? c.offset : 0, true);
      this.resume = null;
      this.firstSight = false;
      return;
    }
    const fromEnd = this.firstSight && this.o.fromEnd;
    const announce = fromEnd || !this.firstSight;
    this.firstSight = false;
    this.cur = new OpenFile(this, live.fh, identity, this.path, false, fromEnd ? 'end' : 0, announce);
  }

  /** The stored cursor's file is not at the path: finish it where it went (cursor.path, or locateRotated). */
  private async drainStored(c: TailCursor, identity: FileIdentity): Promise<'drained' | 'not-found' | 'stopped'> {
    const candidates: string[] = [];
    if (c.path && c.path !== this.path) candidates.push(c.path);
    try {
      const located = await this.o.locateRotated?.(identity);
      if (located && !candidates.includes(located)) candidates.push(located);
    } catch (e) {
      this.notice(`cannot look for the rotated file of ${this.path}: ${errorMessage(e)}`);
    }
    for (const p of candidates) {
      try {
        if (p.endsWith('.gz')) return await this.drainGzip(p, c.offset, identity);
        const fh = await this.openFile(p).catch(() => null);
        if (!fh) continue;
        const r = await sameFile(identity, fh);
        if (!r.same) {
          await fh.close();
          continue;
        }
        this.setState('catching-up', `finishing the rotated file ${p} from offset ${c.offset}`);
        const old = new OpenFile(this, fh, r.identity, p, true, Math.min(c.offset, r.size), false);
        this.cur = old;
        try {
          await old.finish(0);
        } finally {
          if (this.cur === old) this.cur = null;
          await old.close();
        }
        return this.running ? 'drained' : 'stopped';
      } catch (e) {
        if (!this.running) return 'stopped';
        this.notice(`could not finish the rotated file ${p}: ${errorMessage(e)}; going on with ${this.path}`);
        return 'drained';
      }
    }
    return 'not-found';
  }

  private async drainGzip(p: string, offset: number, identity: FileIdentity): Promise<'drained' | 'stopped'> {
    this.format ??= detectFormat(await readGzipPrefix(p, DETECT_BYTES));
    const format = this.format;
    if (!format) return 'drained'; // nothing telling in it: nothing to hand over
    this.setState('catching-up', `finishing the rotated file ${p} from offset ${offset}`);
    let handedOver = offset;
    const result = await streamRecords({
      path: p,
      compressed: true,
      format,
      startOffset: offset,
      chunkBytes: this.chunkBytes,
      maxRecordBytes: this.maxRecordBytes,
      emit: async (out) => {
        if (out.records.length > 0 || out.oversize.length > 0 || out.cursor !== handedOver) {
          const batch = makeBatch(out, format, { identity, offset: out.cursor, path: p }, handedOver, p, true);
          if (!(await this.deliver(batch))) return false;
          handedOver = out.cursor;
        }
        await yieldToLoop();
        return this.running;
      },
    });
    return result.completed ? 'drained' : 'stopped';
  }
}
