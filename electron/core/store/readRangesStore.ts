// What each source has read of each file, by content: the fingerprint of the file's first bytes (the cursor's), so
// a day keeps its record when Wazuh compresses it. Each batch adds the byte range it covered, in that batch's own
// transaction (tailer and backfill alike); ranges that touch are joined, others stay apart (a backfill stopped
// halfway leaves a hole that the next one fills). Backfill reads only what lies outside them: importing days that
// were followed live, or that are being followed, counts nothing twice.
import { fingerprint, MIN_CONTENT_KEY } from '../base/contentKey';
import type { Db } from '../db/database';

export interface ReadMark {
  /** the content key: sha1 of the file's first fpLen bytes (decompressed for a .gz) */
  fpLen: number;
  fpHash: string;
  /** the bytes [start, end) a batch covered (decompressed offsets) */
  start: number;
  end: number;
  path: string | null;
}

export interface ByteRange {
  start: number;
  end: number;
}

export { MIN_CONTENT_KEY } from '../base/contentKey';

interface RangeRow {
  fp_len: number;
  fp_hash: string;
  start_offset: number;
  end_offset: number;
}

/** Sorted, with ranges that overlap or touch joined. */
export function joinRanges(ranges: ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: ByteRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** The parts of [0, limit) (limit undefined: to the end of the file) outside `read` (joined ranges). */
export function unreadParts(read: ByteRange[], limit?: number): { from: number; to?: number }[] {
  const parts: { from: number; to?: number }[] = [];
  let at = 0;
  for (const r of read) {
    if (limit !== undefined && r.start >= limit) break;
    if (r.start > at) parts.push({ from: at, to: r.start });
    at = Math.max(at, r.end);
  }
  if (limit === undefined) parts.push({ from: at });
  else if (at < limit) parts.push({ from: at, to: limit });
  return parts;
}

export class ReadRangesStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      touching: db.prepare(`SELECT start_offset, end_offset FROM read_ranges
          WHERE source_id = @sourceId AND fp_len = @fpLen AND fp_hash = @fpHash
            AND start_offset <= @end AND end_offset >= @start`),
      remove: db.prepare(`DELETE FROM read_ranges
          WHERE source_id = @sourceId AND fp_len = @fpLen AND fp_hash = @fpHash
            AND start_offset <= @end AND end_offset >= @start`),
      insert: db.prepare(`INSERT INTO read_ranges (source_id, fp_len, fp_hash, start_offset, end_offset, path)
          VALUES (@sourceId, @fpLen, @fpHash, @start, @end, @path)`),
      ofSource: db.prepare('SELECT fp_len, fp_hash, start_offset, end_offset FROM read_ranges WHERE source_id = ?'),
    };
  }

  /** Adds [start, end) of a file, joined with the ranges of that file it overlaps or touches. */
  mark(sourceId: number, m: ReadMark): void {
    if (m.fpLen < MIN_CONTENT_KEY) return;
    const params = { sourceId, ...m };
    const touching = this.s.touching.all(params) as { start_offset: number; end_offset: number }[];
    let { start, end } = m;
    for (const r of touching) {
      start = Math.min(start, r.start_offset);
      end = Math.max(end, r.end_offset);
    }
    if (touching.length > 0) this.s.remove.run(params);
    this.s.insert.run({ ...params, start, end });
  }

  /**
   * What this source read of the file whose first bytes are `prefix` (its first 1 KiB, or all of a shorter file):
   * joined ranges, in order. A file seen while short and then longer has two keys: both count.
   */
  rangesOf(sourceId: number, prefix: Buffer): ByteRange[] {
    const rows = this.s.ofSource.all(sourceId) as RangeRow[];
    const hashes = new Map<number, string>(); // one sha1 per key length, not per row
    const ranges: ByteRange[] = [];
    for (const r of rows) {
      if (r.fp_len > prefix.length) continue;
      let h = hashes.get(r.fp_len);
      if (h === undefined) {
        h = fingerprint(prefix.subarray(0, r.fp_len));
        hashes.set(r.fp_len, h);
      }
      if (h === r.fp_hash) ranges.push({ start: r.start_offset, end: r.end_offset });
    }
    return joinRanges(ranges);
  }
}
