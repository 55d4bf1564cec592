// The shapes the source layer hands to its consumer (the ingestor), shared by the tailer and the backfill reader.
import type { FileHandle } from 'node:fs/promises';
import type { SourceFormat } from '../../../../shared/domain';
import type { FileIdentity } from './fileIdentity';
import type { RecordRange } from './framing';

/** Where reading stands: stored with the records it covers, in one transaction (sources.cur_* columns). */
export interface TailCursor {
  /** the file being read; null = nothing seen yet (treated as first sight) */
  identity: FileIdentity | null;
  /** byte offset after the last complete record (for a .gz: in decompressed bytes) */
  offset: number;
  /** the path the bytes are read from (the live path, or where the rotated file was found) */
  path: string | null;
}

/**
 * The records of one chunk. Records are byte ranges into `chunk`, not copies: the consumer runs its byte-level
 * prefilter on `chunk` between `start` and `end` and decodes only what it needs (`chunk.subarray(r.start, r.end)`
 * is a view, also free). `chunk` is valid only during the onBatch call (the reader reuses its buffer): copy or
 * decode what you keep. A batch may have no records at all (a cursor-only batch: the reader switched files, was
 * told to start at the end, or skipped an oversize record): store its cursor all the same.
 */
export interface TailBatch {
  format: SourceFormat;
  chunk: Buffer;
  /** absolute file offset of chunk[0] */
  chunkOffset: number;
  /** complete records, ranges into chunk, terminators excluded, in file order */
  records: RecordRange[];
  /** absolute byte offset of each record in the file (chunkOffset + start), for diagnostics */
  recordOffsets: number[];
  /** records over maxRecordBytes, skipped (absolute offsets) */
  oversize: { offset: number; length: number }[];
  /** the cursor to store with this batch: identity + offset after the last consumed byte */
  cursor: TailCursor;
  /** how far this batch moved the cursor */
  bytesConsumed: number;
  /** the file these bytes came from: the live path, or a rotated one */
  filePath: string;
  fromRotatedFile: boolean;
}

export type TailState =
  | 'starting'
  | 'catching-up'
  | 'following'
  | 'waiting'
  | 'permission-denied'
  | 'error'
  | 'stopped'
  /** the file's first bytes hold nothing this source reads (wazuh/recognize.ts): followed, not read */
  | 'unrecognized';

export interface TailStatus {
  state: TailState;
  message: string;
  /** the cursor offset (after the last record handed over) */
  offset: number;
  /** the size of the file being read, as last seen */
  size: number;
  /** bytes read after the cursor but not handed over: a partial record waiting for its terminator */
  pending: number;
  format: SourceFormat | null;
  filePath: string;
}

export interface TailerOptions {
  path: string;
  /** else detected on the file's first bytes */
  format?: SourceFormat;
  /**
   * before the format is detected: does the file hold what this source reads? 'not-wazuh' -> state
   * 'unrecognized', nothing read, asked again at every poll (default: any file whose format is told)
   */
  recognize?: (head: Buffer, whole: boolean) => 'wazuh' | 'not-wazuh' | 'undecided';
  /** the stored cursor */
  cursor: TailCursor | null;
  /** first sight (no stored cursor): skip what is there, start after its last complete record */
  fromEnd: boolean;
  /** bytes read at a time (default 4 MiB) */
  chunkBytes?: number;
  /** longer records are skipped and reported as oversize (default 1 MiB) */
  maxRecordBytes?: number;
  /** the poll that always runs besides fs.watch (default 1000 ms) */
  pollMs?: number;
  /** log: the file's last block (ended by a blank line) goes out after the file is quiet this long (default 500 ms) */
  logSettleMs?: number;
  /** log: the file's last block, a whole alert without its blank line, goes out after this long quiet (3000 ms) */
  logWholeAlertMs?: number;
  /** a rotated file that ends in a partial record gets this long for its terminator (default 2000 ms) */
  rotateGraceMs?: number;
  /** retry after a failed onBatch or an unexpected error: base, doubling up to max (default 1 s, 30 s) */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** use fs.watch on the file and its folder (default true); the poll runs either way */
  watch?: boolean;
  /** synchronous: stores the records and the cursor in one transaction; a throw means "not stored, retry" */
  onBatch(batch: TailBatch): void;
  /** between two batches (default: yield to the event loop); the engine's waits while its log is copied back */
  settle?: () => Promise<void>;
  onState(state: TailState, message: string): void;
  /** where the file of a stored cursor went (folder sources): a plain path or a .gz, or null */
  locateRotated?: (identity: FileIdentity) => string | null | Promise<string | null>;
  /**
   * the files rotated away after `finished` (the stored cursor's file, just read to its end) and before the live
   * file (`live`: its identity, null when missing): read whole, in order, before the live file (folder sources)
   */
  missedRotated?: (finished: string, live: FileIdentity | null) => Promise<string[]>;
  /** how files are opened (tests inject EACCES with it); default openRegularFile (regularFile.ts) */
  openFile?: (path: string) => Promise<FileHandle>;
}
