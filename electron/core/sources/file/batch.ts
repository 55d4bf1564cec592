// Builds the batch handed to the consumer from a framed chunk, and walks its records.
import type { SourceFormat } from '../../../../shared/domain';
import type { SplitOutput } from './splitter';
import type { TailBatch, TailCursor } from './tailerTypes';

/** `from`: the cursor offset before this batch (-1: unknown, bytesConsumed = 0). */
export function makeBatch(
  out: SplitOutput,
  format: SourceFormat,
  cursor: TailCursor,
  from: number,
  filePath: string,
  fromRotatedFile: boolean,
): TailBatch {
  const recordOffsets = new Array<number>(out.records.length);
  for (let i = 0; i < out.records.length; i++) recordOffsets[i] = out.chunkOffset + out.records[i].start;
  return {
    format,
    chunk: out.chunk,
    chunkOffset: out.chunkOffset,
    records: out.records,
    recordOffsets,
    oversize: out.oversize,
    cursor,
    bytesConsumed: from < 0 ? 0 : Math.max(0, out.cursor - from),
    filePath,
    fromRotatedFile,
  };
}

/** Calls `visit` for each record: the bytes chunk[start, end) found at `offset` in the file (no copies). */
export function forEachRecord(
  batch: TailBatch,
  visit: (buf: Buffer, start: number, end: number, offset: number) => void,
): void {
  const { chunk, records, chunkOffset } = batch;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    visit(chunk, r.start, r.end, chunkOffset + r.start);
  }
}
