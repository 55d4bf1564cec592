// Backfill's reader: streams one dated file (gunzip for .gz), frames its JSON lines and hands over batches of the
// tailer's shape, from an offset and up to a stop offset; progress in bytes of the file on disk (compressed bytes
// for a .gz). Which files a day range holds: datedFiles.ts.
import { stat } from 'node:fs/promises';
import type { SourceFormat } from '../../../../shared/domain';
import { makeBatch } from './batch';
import type { DatedFile } from './datedFiles';
import { readIdentity } from './fileIdentity';
import { DEFAULT_MAX_RECORD_BYTES } from './framing';
import { streamRecords } from './streamRead';
import { yieldToLoop } from './tailerSupport';
import type { SplitOutput } from './splitter';
import type { TailBatch } from './tailerTypes';

export interface ReadRecordsOptions {
  /** synchronous, like the tailer's; a throw stops the read and rejects */
  onBatch(batch: TailBatch): void;
  onProgress?(progress: { bytesDone: number; bytesTotal: number }): void;
  signal?: AbortSignal;
  chunkBytes?: number;
  maxRecordBytes?: number;
  /** default json (the dated files are alerts.json's) */
  format?: SourceFormat;
  /** start after this many (decompressed) bytes */
  startOffset?: number;
  /** stop at this (decompressed) offset, a record boundary: records from there on are not handed over */
  stopAt?: number;
  /** between two batches (default: yield to the event loop); the engine's waits while its log is copied back */
  settle?: () => Promise<void>;
}

export interface ReadRecordsResult {
  records: number;
  oversize: number;
  /** (decompressed) offset after the last record handed over */
  endOffset: number;
  /** false when aborted */
  completed: boolean;
}

/**
 * Reads one dated file (a path or a listed file) to its end. Batches have the tailer's shape; their cursor names
 * the file (identity null for a .gz, whose offsets are in decompressed bytes) and is informative only: backfill
 * is idempotent in the store (one alert per manager + alert id).
 */
export async function readRecords(file: string | DatedFile, o: ReadRecordsOptions): Promise<ReadRecordsResult> {
  const p = typeof file === 'string' ? file : file.path;
  const compressed = p.endsWith('.gz');
  const format = o.format ?? 'json';
  const startOffset = o.startOffset ?? 0;
  const bytesTotal = (await stat(p)).size;
  const identity = compressed ? null : await readIdentity(p);
  let records = 0;
  let oversize = 0;
  let handedOver = startOffset;
  const result = await streamRecords({
    path: p,
    compressed,
    format,
    startOffset,
    chunkBytes: o.chunkBytes ?? 4 * 1024 * 1024,
    maxRecordBytes: o.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
    signal: o.signal,
    emit: async (whole, bytesRead) => {
      const out = o.stopAt === undefined ? whole : cutAt(whole, o.stopAt);
      if (out.records.length > 0 || out.oversize.length > 0 || out.cursor !== handedOver) {
        o.onBatch(makeBatch(out, format, { identity, offset: out.cursor, path: p }, handedOver, p, false));
        records += out.records.length;
        oversize += out.oversize.length;
        handedOver = out.cursor;
      }
      o.onProgress?.({ bytesDone: Math.min(bytesTotal, (compressed ? 0 : startOffset) + bytesRead), bytesTotal });
      await (o.settle ?? yieldToLoop)();
      return !o.signal?.aborted && out === whole;
    },
  });
  const reachedStop = o.stopAt !== undefined && handedOver >= o.stopAt;
  const completed = result.completed || (reachedStop && !o.signal?.aborted);
  if (completed) o.onProgress?.({ bytesDone: bytesTotal, bytesTotal });
  return { records, oversize, endOffset: handedOver, completed };
}

/** The part of a framed chunk before `stopAt` (the same object when all of it is). */
function cutAt(out: SplitOutput, stopAt: number): SplitOutput {
  if (out.cursor <= stopAt) return out;
  return {
    ...out,
    records: out.records.filter((r) => out.chunkOffset + r.start < stopAt),
    oversize: out.oversize.filter((r) => r.offset < stopAt),
    cursor: stopAt,
  };
}
