// One file the tailer reads through an open FileHandle: positional reads chunk by chunk from its cursor, framing,
// the hand-over of each chunk's batch, truncation/rewrite checks, and the final drain once it is rotated away.
import type { FileHandle } from 'node:fs/promises';
import type { SourceFormat } from '../../../../shared/domain';
import { makeBatch } from './batch';
import { FINGERPRINT_BYTES, readIdentity, sameFile, type FileIdentity } from './fileIdentity';
import { DETECT_BYTES, detectFormat } from './framing';
import { RecordSplitter, type SplitOutput } from './splitter';
import { UNRECOGNIZED_MESSAGE, type Recognition } from '../../wazuh/recognize';
import { findResumePoint } from './tailerSupport';
import type { TailBatch, TailState } from './tailerTypes';

/** What an OpenFile needs from its tailer. */
export interface ReadHost {
  readonly chunkBytes: number;
  readonly maxRecordBytes: number;
  readonly pollMs: number;
  /** log: how long a final block that ends with a blank line waits for more before it goes out */
  readonly logSettleMs: number;
  /** log: how long a final block that reads like a whole alert, without its blank line, waits before it goes out */
  readonly logWholeAlertMs: number;
  format: SourceFormat | null;
  /** does the file hold what this source reads, from its first bytes? (default: anything with a format) */
  readonly recognize?: (head: Buffer, whole: boolean) => Recognition;
  isRunning(): boolean;
  setState(state: TailState, message: string): void;
  notice(message: string): void;
  sleep(ms: number): Promise<void>;
  /** hands a batch over (retrying while the store refuses); false when the tailer stopped */
  deliver(batch: TailBatch): Promise<boolean>;
  /** between two batches: yields to the event loop (and waits while the database's log is copied back) */
  settle(): Promise<void>;
}

export class OpenFile {
  /** null until the format is known and the start point found */
  splitter: RecordSplitter | null = null;
  /** the cursor offset last handed over (-1: none yet) */
  private handedOver = -1;
  size = 0;
  private lastGrowth = Date.now();

  constructor(
    private readonly host: ReadHost,
    readonly fh: FileHandle,
    public identity: FileIdentity,
    /** the name its bytes are reported under */
    public path: string,
    /** no longer the file at the tailer's path */
    public rotated: boolean,
    /** where to start; 'end': after the last complete record (fromEnd) */
    private startAt: number | 'end',
    /** hand over a cursor-only batch once the start point is known (so that a restart starts there too) */
    private announce: boolean,
  ) {}

  /** Knows the format and the start point. false: the format cannot be told yet (or the tailer stopped). */
  async prepare(): Promise<boolean> {
    if (this.splitter) return true;
    const host = this.host;
    if (!host.format) {
      const head = Buffer.alloc(DETECT_BYTES);
      const { bytesRead } = await this.fh.read(head, 0, DETECT_BYTES, 0);
      this.size = (await this.fh.stat()).size;
      const window = head.subarray(0, bytesRead);
      // a file that holds no alert is told so, and none of it is read (asked again at every poll: it may be a log
      // that starts empty, or one being written)
      const recognized = host.recognize?.(window, this.size <= bytesRead) ?? 'wazuh';
      const format = recognized === 'wazuh' ? detectFormat(window) : null;
      if (!format) {
        if (recognized === 'not-wazuh') host.setState('unrecognized', UNRECOGNIZED_MESSAGE);
        else
          host.setState(
            'waiting',
            bytesRead >= DETECT_BYTES
              ? `cannot tell the format of ${this.path}: no line starts like alerts.json or alerts.log`
              : `waiting for the first alert in ${this.path} (to tell alerts.json from alerts.log)`,
          );
        return false;
      }
      host.format = format;
    }
    this.size = (await this.fh.stat()).size;
    const start = this.startAt === 'end' ? await findResumePoint(this.fh, this.size, host.format) : this.startAt;
    this.startAt = start;
    this.splitter = new RecordSplitter(host.format, host.maxRecordBytes, start);
    if (this.announce) {
      this.announce = false;
      const out: SplitOutput = { chunk: Buffer.alloc(0), chunkOffset: start, records: [], oversize: [], cursor: start };
      if (!(await this.handOver(out))) return false;
    }
    this.handedOver = start;
    return true;
  }

  /** The same inode is at the path: truncated (copytruncate) or rewritten in place -> read it again from 0. */
  async checkSameContent(): Promise<void> {
    const check = await sameFile(this.identity, this.fh);
    if (check.same) {
      this.identity = check.identity;
      if (!this.splitter || check.size >= this.splitter.position) return;
    }
    await this.restart(check.size < (this.splitter?.position ?? 0) ? 'truncated' : 'rewritten in place');
  }

  private async restart(how: string): Promise<void> {
    this.host.notice(`${this.path} was ${how}: reading it from the start`);
    this.identity = await readIdentity(this.fh);
    this.splitter = null;
    this.startAt = 0;
    this.announce = true;
    this.handedOver = -1;
  }

  /** Reads to the current end. eof: the file is finished (a final partial record goes out as it is). */
  async readAvailable(eof: boolean): Promise<void> {
    const sp = this.splitter;
    const host = this.host;
    if (!sp) return;
    this.size = (await this.fh.stat()).size;
    if (this.size - sp.position > host.chunkBytes)
      host.setState('catching-up', `catching up on ${this.path} (${this.size - sp.position} bytes to read)`);
    for (;;) {
      if (!host.isRunning()) return;
      const target = sp.prepare(host.chunkBytes);
      const { bytesRead } = await this.fh.read(target, 0, target.length, sp.position);
      const atEnd = bytesRead < target.length;
      if (bytesRead > 0) this.lastGrowth = Date.now();
      const out = sp.commit(bytesRead, eof && atEnd);
      if (sp.position > this.size) this.size = sp.position;
      if (this.identity.fpLen < Math.min(FINGERPRINT_BYTES, sp.position)) {
        // the fingerprint must cover the bytes read before their cursor is stored: a file rewritten in place
        // later (or while stopped) is then told from this one
        const check = await sameFile(this.identity, this.fh);
        if (!check.same) return this.restart('rewritten in place'); // while we read it: start over
        this.identity = check.identity;
      }
      if (!(await this.handOver(out)) || atEnd) return;
      await host.settle();
    }
  }

  /** log: the pending data is a whole alert (it ends with a blank line). */
  private pendingLooksComplete(): boolean {
    return this.host.format === 'log' && this.splitter !== null && this.splitter.pendingEndsWithBlankLine();
  }

  /**
   * log: a last block followed by its blank line goes out once the file has been quiet for logSettleMs (no next
   * header may come for a long time); one that reads like a whole alert but lacks the blank line (a file that ends
   * so) after logWholeAlertMs; a 4.x FIM block cut before its `Attributes:` gets ten times as long. Returns how
   * long to wait before asking again, or null (nothing waiting).
   */
  async settle(): Promise<number | null> {
    const sp = this.splitter;
    if (!sp || this.host.format !== 'log') return null;
    let quiet: number;
    if (sp.pendingEndsWithBlankLine()) quiet = this.host.logSettleMs;
    else if (!sp.skipping && sp.pendingLooksWhole()) quiet = this.host.logWholeAlertMs;
    else return null;
    if (sp.pendingAwaitsAttributes()) quiet *= 10;
    const left = this.lastGrowth + quiet - Date.now();
    if (left > 0) return left;
    await this.handOver(sp.push(Buffer.alloc(0), true));
    return null;
  }

  /** Drains a file that is no longer at the path: to its end, `graceMs` for a partial record, then eof. */
  async finish(graceMs: number): Promise<void> {
    const host = this.host;
    if (await this.prepare()) {
      await this.readAvailable(false);
      const deadline = Date.now() + graceMs;
      while (host.isRunning() && this.pending() > 0 && !this.pendingLooksComplete() && Date.now() < deadline) {
        await host.sleep(Math.min(host.pollMs, Math.max(1, deadline - Date.now())));
        await this.readAvailable(false);
      }
      if (!host.isRunning()) return;
      await this.readAvailable(true);
    }
    await this.close();
  }

  pending(): number {
    return this.splitter?.pending ?? 0;
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }

  private async handOver(out: SplitOutput): Promise<boolean> {
    if (out.records.length === 0 && out.oversize.length === 0 && out.cursor === this.handedOver) return true;
    const cursor = { identity: this.identity, offset: out.cursor, path: this.path };
    const batch = makeBatch(out, this.host.format ?? 'json', cursor, this.handedOver, this.path, this.rotated);
    const ok = await this.host.deliver(batch);
    if (ok) this.handedOver = out.cursor;
    return ok;
  }
}
