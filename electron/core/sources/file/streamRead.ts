// Reads a whole file as a stream (through gunzip for .gz) and frames it chunk by chunk: backfill of dated files,
// and the tailer's drain of a rotated file that Wazuh has already compressed.
import { createReadStream } from 'node:fs';
import { openRegularFile } from './regularFile';
import { createGunzip } from 'node:zlib';
import type { SourceFormat } from '../../../../shared/domain';
import { RecordSplitter, type SplitOutput } from './splitter';

export interface StreamReadOptions {
  path: string;
  compressed: boolean;
  format: SourceFormat;
  /** skip this many (decompressed) bytes first: a stored cursor */
  startOffset: number;
  chunkBytes: number;
  maxRecordBytes: number;
  signal?: AbortSignal;
  /** hands a framed chunk over; false = stop reading */
  emit(out: SplitOutput, compressedBytesRead: number): Promise<boolean>;
}

export interface StreamReadResult {
  /** (decompressed) offset after the last consumed byte */
  endOffset: number;
  /** false when stopped by emit() or the signal */
  completed: boolean;
}

export async function streamRecords(o: StreamReadOptions): Promise<StreamReadResult> {
  const raw = createReadStream(o.path, {
    fd: await openRegularFile(o.path),
    start: o.compressed ? 0 : o.startOffset,
    highWaterMark: o.compressed ? 64 * 1024 : Math.max(64 * 1024, Math.min(o.chunkBytes, 4 * 1024 * 1024)),
  });
  const gunzip = o.compressed ? createGunzip() : null;
  if (gunzip) {
    raw.on('error', (e) => gunzip.destroy(e));
    raw.pipe(gunzip);
  }
  const source = gunzip ?? raw;
  const splitter = new RecordSplitter(o.format, o.maxRecordBytes, o.startOffset);
  let target = splitter.prepare(o.chunkBytes);
  let filled = 0;
  let toSkip = o.compressed ? o.startOffset : 0;
  const stopped = (): StreamReadResult => {
    raw.destroy();
    gunzip?.destroy();
    return { endOffset: splitter.cursor, completed: false };
  };
  try {
    for await (const piece of source as AsyncIterable<Buffer>) {
      let p = piece;
      if (toSkip > 0) {
        if (p.length <= toSkip) {
          toSkip -= p.length;
          continue;
        }
        p = p.subarray(toSkip);
        toSkip = 0;
      }
      while (p.length > 0) {
        const n = Math.min(p.length, target.length - filled);
        p.copy(target, filled, 0, n);
        filled += n;
        p = p.subarray(n);
        if (filled < target.length) continue;
        const out = splitter.commit(filled, false);
        if (o.signal?.aborted || !(await o.emit(out, raw.bytesRead))) return stopped();
        target = splitter.prepare(o.chunkBytes);
        filled = 0;
      }
      if (o.signal?.aborted) return stopped();
    }
  } catch (e) {
    stopped();
    throw e;
  }
  if (toSkip > 0) return { endOffset: splitter.cursor, completed: true }; // shorter than the cursor: nothing new
  const out = splitter.commit(filled, true);
  if (o.signal?.aborted || !(await o.emit(out, raw.bytesRead))) return stopped();
  return { endOffset: splitter.cursor, completed: true };
}

/** The first `n` decompressed bytes of a .gz file (fewer if it is shorter). */
export async function readGzipPrefix(path: string, n: number): Promise<Buffer> {
  const raw = createReadStream(path, { fd: await openRegularFile(path), highWaterMark: 16 * 1024 });
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  raw.pipe(gunzip);
  const parts: Buffer[] = [];
  let got = 0;
  try {
    for await (const piece of gunzip as AsyncIterable<Buffer>) {
      parts.push(piece);
      got += piece.length;
      if (got >= n) break;
    }
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(parts).subarray(0, n);
}
