// What each source has read of each file, by content: the fingerprint of the file's first bytes (the cursor's), so
// a day keeps its record when Wazuh compresses it. One byte range per file, widened by every batch in that batch's
// own transaction (tailer and backfill alike). Backfill reads only what lies outside it: importing days that were
// followed live, or that are being followed, counts nothing twice.
import { fingerprint } from '../sources/fileIdentity';
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

/** Fewer leading bytes than this could be shared by two files: such a key is not trusted to name a file. */
export const MIN_CONTENT_KEY = 64;

export class ReadRangesStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      mark: db.prepare(`INSERT INTO read_ranges (source_id, fp_len, fp_hash, start_offset, end_offset, path)
          VALUES (@sourceId, @fpLen, @fpHash, @start, @end, @path)
          ON CONFLICT (source_id, fp_len, fp_hash) DO UPDATE SET start_offset = MIN(start_offset, excluded.start_offset),
            end_offset = MAX(end_offset, excluded.end_offset), path = COALESCE(excluded.path, path)`),
      ofSource: db.prepare('SELECT fp_len, fp_hash, start_offset, end_offset FROM read_ranges WHERE source_id = ?'),
    };
  }

  mark(sourceId: number, m: ReadMark): void {
    if (m.fpLen < MIN_CONTENT_KEY) return;
    this.s.mark.run({ sourceId, ...m });
  }

  /**
   * The range this source read of the file whose first bytes are `prefix` (the file's first 1 KiB, or all of a
   * shorter file), or null. A file seen while short and then longer has two keys: their ranges are joined.
   */
  rangeOf(sourceId: number, prefix: Buffer): { start: number; end: number } | null {
    let range: { start: number; end: number } | null = null;
    const rows = this.s.ofSource.all(sourceId) as {
      fp_len: number;
      fp_hash: string;
      start_offset: number;
      end_offset: number;
    }[];
    for (const r of rows) {
      if (r.fp_len > prefix.length || fingerprint(prefix.subarray(0, r.fp_len)) !== r.fp_hash) continue;
      range = range
        ? { start: Math.min(range.start, r.start_offset), end: Math.max(range.end, r.end_offset) }
        : { start: r.start_offset, end: r.end_offset };
    }
    return range;
  }
}
