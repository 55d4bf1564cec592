// Incremental framing over a byte sequence read in pieces (positional file reads, or a gunzip stream).
// It keeps the unconsumed tail (a partial record, at most maxRecordBytes + a few bytes) and, when the record in
// progress is already too long, switches to skip mode: it remembers only where that record started and scans on
// for its terminator, so memory stays at about one read + maxRecordBytes whatever the input holds.
// The cursor only ever sits on a record boundary: during a skip it stays at the start of the oversize record.
import type { SourceFormat } from '../../../../shared/domain';
import {
  awaitsAttributes,
  endsWithBlankLine,
  findRecordEnd,
  frame,
  looksLikeWholeAlert,
  openRecordIsOversize,
  trimNewlines,
  type RecordRange,
} from './framing';

/** At most this many newline bytes are kept while skipping (to place the end of an oversize record exactly). */
const KEEP_NEWLINES_MAX = 64 * 1024;
const NL = 0x0a;
const CR = 0x0d;
const NO_RECORDS: RecordRange[] = [];

export interface SplitOutput {
  /** the bytes the records point into; valid until the next prepare() */
  chunk: Buffer;
  /** absolute offset of chunk[0] */
  chunkOffset: number;
  records: RecordRange[];
  oversize: { offset: number; length: number }[];
  /** absolute offset after the last consumed byte */
  cursor: number;
}

export class RecordSplitter {
  private buf: Buffer = Buffer.alloc(0);
  /** index in buf where the kept bytes start, and how many */
  private keepStart = 0;
  private keepLen = 0;
  /** absolute offset of the first kept byte */
  private keepOffset: number;
  private consumedTo: number;
  private skip: { start: number; atLineStart: boolean } | null = null;

  constructor(
    readonly format: SourceFormat,
    readonly maxRecordBytes: number,
    startOffset: number,
  ) {
    this.keepOffset = startOffset;
    this.consumedTo = startOffset;
  }

  /** absolute offset of the next byte to feed */
  get position(): number {
    return this.keepOffset + this.keepLen;
  }

  /** absolute offset after the last consumed byte: the cursor */
  get cursor(): number {
    return this.consumedTo;
  }

  /** bytes seen but not consumed yet (a partial record, or an oversize record being skipped) */
  get pending(): number {
    return this.position - this.consumedTo;
  }

  /** bytes held in memory between pieces (a partial record of at most maxRecordBytes, plus newlines) */
  get held(): number {
    return this.keepLen;
  }

  get skipping(): boolean {
    return this.skip !== null;
  }

  /** A buffer of `n` bytes to fill with the bytes at `position`; then call commit(bytesFilled, eof). */
  prepare(n: number): Buffer {
    const need = this.keepLen + n;
    if (this.buf.length < need) {
      const next = Buffer.allocUnsafe(need);
      this.buf.copy(next, 0, this.keepStart, this.keepStart + this.keepLen);
      this.buf = next;
    } else if (this.keepStart > 0 && this.keepLen > 0) {
      this.buf.copyWithin(0, this.keepStart, this.keepStart + this.keepLen);
    }
    this.keepStart = 0;
    return this.buf.subarray(this.keepLen, need);
  }

  /** Frames the kept bytes + `filled` new ones. eof: the input ends here (a final partial record is returned). */
  commit(filled: number, eof: boolean): SplitOutput {
    const total = this.keepLen + filled;
    const data = this.buf.subarray(0, total);
    const base = this.keepOffset;
    const max = this.maxRecordBytes;
    const oversize: { offset: number; length: number }[] = [];
    let records = NO_RECORDS;
    let pos = 0;
    for (;;) {
      const skip = this.skip;
      if (skip) {
        // bytes of the skipped record still in data, and newlines before a line start (the record ends before them)
        const mine = (i: number): boolean => i >= 0 && base + i >= skip.start;
        const backOverNewlines = (from: number): number => {
          let b = from;
          while (mine(b - 1) && from - b < KEEP_NEWLINES_MAX && (data[b - 1] === NL || data[b - 1] === CR)) b--;
          return b;
        };
        let from = pos;
        if (skip.atLineStart) from = backOverNewlines(pos);
        const r = findRecordEnd(data.subarray(from), this.format, from < pos ? false : skip.atLineStart);
        if (r.found) {
          oversize.push({ offset: skip.start, length: base + from + r.recordEnd - skip.start });
          pos = from + r.next;
          this.consumedTo = base + pos;
          this.skip = null;
          continue;
        }
        if (eof) {
          const end = trimNewlines(data, Math.max(0, skip.start - base), total);
          oversize.push({ offset: skip.start, length: base + end - skip.start });
          pos = total;
          this.consumedTo = base + total;
          this.skip = null;
          break;
        }
        // keep a line that may still become a header, and the newlines before it (the record's end goes before them)
        const resume = from + r.resumeAt;
        pos = backOverNewlines(resume);
        skip.atLineStart = pos < resume ? false : r.atLineStart;
        break;
      }
      const f = frame(this.format, data, max, { from: pos, eof });
      if (records === NO_RECORDS) records = f.records;
      else for (const r of f.records) records.push(r);
      for (const o of f.oversize) oversize.push({ offset: base + o.start, length: o.end - o.start });
      pos = f.consumed;
      this.consumedTo = base + pos;
      if (eof || pos === total) break;
      if (!openRecordIsOversize(data, pos, this.format, max) && total - pos <= 2 * max + KEEP_NEWLINES_MAX) break;
      // the record in progress is already over the limit: skip it, keeping none of it
      this.skip = { start: base + pos, atLineStart: false };
      let scan = total;
      if (this.format === 'log') {
        // resume at the last line start: the complete lines before it are not headers (they would have ended it)
        const lastNl = data.lastIndexOf(NL, total - 1);
        if (lastNl >= pos) {
          scan = lastNl + 1;
          this.skip.atLineStart = true;
        }
      }
      pos = scan;
    }
    this.keepStart = pos;
    this.keepLen = total - pos;
    this.keepOffset = base + pos;
    return { chunk: data, chunkOffset: base, records, oversize, cursor: this.consumedTo };
  }

  /** Does the pending data (or the skipped record) end with a blank line? (log: Wazuh ends every alert so) */
  pendingEndsWithBlankLine(): boolean {
    return this.keepLen > 0 && endsWithBlankLine(this.buf.subarray(this.keepStart, this.keepStart + this.keepLen));
  }

  /** log: is the pending data a whole alert that only lacks its closing blank line? (framing.ts) */
  pendingLooksWhole(): boolean {
    return this.keepLen > 0 && looksLikeWholeAlert(this.buf.subarray(this.keepStart, this.keepStart + this.keepLen));
  }

  /** Is the pending data a 4.x FIM block whose `Attributes:` part has not come yet? (framing.ts) */
  pendingAwaitsAttributes(): boolean {
    return this.keepLen > 0 && awaitsAttributes(this.buf.subarray(this.keepStart, this.keepStart + this.keepLen));
  }

  /** Feeds a piece (copies it once into the internal buffer). */
  push(piece: Buffer, eof: boolean): SplitOutput {
    const target = this.prepare(piece.length);
    piece.copy(target);
    return this.commit(piece.length, eof);
  }
}
