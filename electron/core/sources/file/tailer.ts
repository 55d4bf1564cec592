// Follows one alert file with a stored cursor (file identity + byte offset after the last complete record).
// - Positional FileHandle reads, chunk by chunk (memory: about chunkBytes + maxRecordBytes), yielding to the event
//   loop between chunks (openFile.ts).
// - Keeps the fd open while following. A new inode at the path (Wazuh re-links alerts.json at the day change;
//   rename + create; delete + re-create): the old file is drained through the still-open fd first (a partial last
//   record gets rotateGraceMs for its terminator, then goes out as it is), then the new file is read from 0; with
//   dated files to look at (missedRotated), any written between the two are read first (two re-points went by).
// - Same inode but shorter than what was read (copytruncate), or its first bytes changed: read again from 0.
// - At start with a stored cursor: the same file at the path -> resume at the offset; else drain the old file where
//   it went (cursor.path, or locateRotated(): a plain file or a .gz) from the offset, then whole the dated files
//   written after it (missedRotated(): days that went by while stopped), then the new one from 0.
// - A partial last record waits for its terminator with no timeout (json: '\n'). log: a block is complete when the
//   next '** Alert ' line starts; the last block of the file goes out once it ends with a blank line and the file
//   has been quiet for logSettleMs (framing.ts says why a blank line alone cannot end a block); a last block that
//   reads like a whole alert without that blank line (a file that ends so) after logWholeAlertMs (3 s).
// - onBatch is synchronous (one SQLite transaction); a throw -> state 'error', the same batch again after a backoff.
//   The cursor always sits after the last complete record handed over.
import { stat, type FileHandle } from 'node:fs/promises';
import type { SourceFormat } from '../../../../shared/domain';
import { readIdentity, sameFile, sameInode, type FileIdentity } from './fileIdentity';
import { CycleRunner } from './cycleRunner';
import { DEFAULT_MAX_RECORD_BYTES } from './framing';
import { OpenFile, type ReadHost } from './openFile';
import { isNotRegular, openRegularFile } from './regularFile';
import { catchUpRotated } from './rotatedDrain';
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

/** How long a stored file looked for in vain (with the live file missing too) is not looked for again. */
const NOT_FOUND_RETRY_MS = 30_000;

type OpenFailure = 'missing' | 'denied' | { notRegular: string };
type Opened = { fh: FileHandle } | { failure: OpenFailure };

export class Tailer implements ReadHost {
  readonly path: string;
  /** bytes read (and stored in one transaction) at a time: the source may pace it between two reads */
  chunkBytes: number;
  readonly maxRecordBytes: number;
  readonly pollMs: number;
  readonly logSettleMs: number;
  readonly logWholeAlertMs: number;
  format: SourceFormat | null;
  readonly recognize: TailerOptions['recognize'];
  private readonly o: TailerOptions;
  private readonly graceMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly runner: CycleRunner;
  private state: TailState = 'stopped';
  private message = 'not started';
  private silenced = false;
  private cur: OpenFile | null = null;
  /** a stored cursor not matched to a file yet */
  private resume: TailCursor | null;
  /** the cursor of the last batch handed over (or the stored one) */
  private lastCursor: TailCursor | null;
  /** when the stored cursor's file was last looked for in vain while the live file was missing too */
  private storedNotFoundAt = 0;
  /** finishing the stored file where it went, or reading the days missed while stopped */
  private inRotatedFiles = false;
  /** no file seen yet: fromEnd applies */
  private firstSight: boolean;
  private readonly watchers: TailWatchers;

  constructor(options: TailerOptions) {
    this.o = options;
    this.path = options.path;
    this.format = options.format ?? null;
    this.recognize = options.recognize;
    this.chunkBytes = Math.max(1, options.chunkBytes ?? 4 * 1024 * 1024);
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.pollMs = options.pollMs ?? 1000;
    this.logSettleMs = options.logSettleMs ?? 500;
    this.logWholeAlertMs = options.logWholeAlertMs ?? 3000;
    this.graceMs = options.rotateGraceMs ?? 2000;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    this.runner = new CycleRunner({
      pollMs: this.pollMs,
      retryBaseMs: this.retryBaseMs,
      retryMaxMs: this.retryMaxMs,
      cycle: () => this.cycle(),
      onError: async (e) => {
        this.setState('error', `${this.path}: ${errorMessage(e)}; retrying`);
        await this.drop();
      },
    });
    // a cursor without identity and with offset 0 is "nothing seen yet": first sight
    const c = options.cursor;
    this.resume = c && (c.identity || c.offset > 0) ? c : null;
    this.lastCursor = this.resume;
    this.firstSight = this.resume === null;
    this.watchers = new TailWatchers(this.path, options.watch ?? true, this.runner.kick);
  }

  start(): void {
    if (this.runner.running) return;
    this.silenced = false;
    this.watchers.activate();
    this.setState('starting', `opening ${this.path}`);
    this.runner.start();
  }

  /** Waits for the batch in progress; no callback is made after it resolves. */
  async stop(): Promise<void> {
    if (!this.runner.running) return;
    this.watchers.close();
    await this.runner.stop();
    await this.drop();
    this.setState('stopped', `stopped following ${this.path}`);
    this.silenced = true;
  }

  /** Read now (e.g. the engine knows the file changed). */
  poke(): void {
    this.runner.poke();
  }

  status(): TailStatus {
    return {
      state: this.state,
      message: this.message,
      offset: this.lastCursor?.offset ?? 0,
      size: this.cur?.size ?? 0,
      pending: this.cur?.pending() ?? 0,
      format: this.format,
      filePath: this.cur?.path ?? this.path,
    };
  }

  // ---- ReadHost

  isRunning(): boolean {
    return this.runner.running;
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
    return this.runner.sleep(ms);
  }

  settle(): Promise<void> {
    return this.o.settle ? this.o.settle() : yieldToLoop();
  }

  /** Hands a batch over; retries it after a backoff until it is stored or the tailer stops. */
  async deliver(batch: TailBatch): Promise<boolean> {
    let delay = this.retryBaseMs;
    for (;;) {
      if (!this.runner.running) return false;
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
    if (!cur || !this.runner.running) return;
    const at = await this.whatIsAtPath(cur.identity);
    if (at === 'same') {
      cur.rotated = false;
      cur.path = this.path;
      await cur.checkSameContent();
    }
    const ready = await cur.prepare();
    if (ready) await cur.readAvailable(false);
    if (!this.runner.running || (!ready && at !== 'other')) return;
    if (at !== 'other') this.runner.runWithin(await cur.settle());
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
      if (!this.runner.running) return;
      this.cur = null;
      // with dated files to look at, the finished file's cursor leads through any written after it before the new
      // one (more than one rotation went by: a -NNN part, or a day change during a long catch-up)
      this.resume = this.o.missedRotated && this.lastCursor?.identity ? this.lastCursor : null;
      this.firstSight = false;
      this.runner.runAgain();
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
    return (this.o.openFile ?? openRegularFile)(p);
  }

  private async openPath(p: string): Promise<Opened> {
    try {
      return { fh: await this.openFile(p) };
    } catch (e) {
      if (isMissing(e)) return { failure: 'missing' };
      if (isDenied(e)) return { failure: 'denied' };
      if (isNotRegular(e)) return { failure: { notRegular: e.message } };
      throw e;
    }
  }

  private reportOpenFailure(failure: OpenFailure): void {
    if (failure === 'missing') this.setState('waiting', waitingMessage(this.path));
    else if (failure === 'denied') this.setState('permission-denied', deniedMessage(this.path));
    else this.setState('error', failure.notRegular); // looked at again each poll: the path may change
  }

  /** Which file to read, and from where. The live file's handle is closed if this fails before adopting it. */
  private async resolve(): Promise<void> {
    const live = await this.openPath(this.path);
    try {
      await this.resolveWith(live);
    } catch (e) {
      if ('fh' in live && !this.cur) await live.fh.close().catch(() => undefined);
      throw e;
    } finally {
      this.inRotatedFiles = false;
    }
  }

  /**
   * Has it still rotated files to read (the stored file where it went, days missed while stopped), or is it reading
   * them now? Until it has moved on to the followed path, what it will read is not known yet.
   */
  readingRotatedFiles(): boolean {
    return this.inRotatedFiles || !!this.resume?.identity;
  }

  private async resolveWith(live: Opened): Promise<void> {
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
      } else if (Date.now() - this.storedNotFoundAt < NOT_FOUND_RETRY_MS) {
        // the stored file was looked for a moment ago, and the live one is not there either: no search every poll
        this.reportOpenFailure(live.failure);
        return;
      }
      this.inRotatedFiles = true;
      const outcome = await catchUpRotated(this, c, c.identity, 'fh' in live ? await readIdentity(live.fh) : null, {
        openFile: (p: string) => this.openFile(p),
        locateRotated: this.o.locateRotated,
        missedRotated: this.o.missedRotated,
        setCurrent: (f: OpenFile | null) => (this.cur = f),
      });
      if (outcome === 'stopped') {
        if ('fh' in live) await live.fh.close();
        return;
      }
      if (!('fh' in live) && outcome !== 'done') {
        if (outcome === 'not-found')
          this.storedNotFoundAt = Date.now(); // keep the stored cursor, look again later
        // else: the days missed are told against the live file: wait for it, resuming after the file just finished
        else if (this.lastCursor) this.resume = this.lastCursor;
        this.reportOpenFailure(live.failure);
        return;
      }
      if (outcome === 'not-found')
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
    // fromEnd: the start is fixed now (an empty file: 0), and stored at once (announce)
    const fromEnd = this.firstSight && this.o.fromEnd && (await live.fh.stat()).size > 0;
    const announce = fromEnd || !this.firstSight || this.o.fromEnd;
    this.firstSight = false;
    this.cur = new OpenFile(this, live.fh, identity, this.path, false, fromEnd ? 'end' : 0, announce);
  }
}
