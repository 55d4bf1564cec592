// At start, the file of the stored cursor is no longer at the followed path (rotated while we were stopped):
// finish it where it went — cursor.path (a renamed file), or what locateRotated() finds (a dated .json, or its
// .json.gz read through gunzip, skipping `offset` decompressed bytes) — before the tailer reads the new file.
import type { FileHandle } from 'node:fs/promises';
import { makeBatch } from './batch';
import { sameFile, type FileIdentity } from './fileIdentity';
import { DETECT_BYTES, detectFormat } from './framing';
import { OpenFile, type ReadHost } from './openFile';
import { readGzipPrefix, streamRecords } from './streamRead';
import { errorMessage, yieldToLoop } from './tailerSupport';
import type { TailCursor, TailerOptions } from './tailerTypes';

export interface DrainDeps {
  openFile(p: string): Promise<FileHandle>;
  locateRotated: TailerOptions['locateRotated'];
  /** the file being read now (for status()) */
  setCurrent(f: OpenFile | null): void;
}

export type DrainResult = 'drained' | 'not-found' | 'stopped';

/** Reads the rest of the stored cursor's file, wherever it went. A file that fails midway is given up (said). */
export async function drainStored(
  host: ReadHost & { readonly path: string },
  c: TailCursor,
  identity: FileIdentity,
  deps: DrainDeps,
): Promise<DrainResult> {
  const candidates: string[] = [];
  if (c.path && c.path !== host.path) candidates.push(c.path);
  try {
    const located = await deps.locateRotated?.(identity);
    if (located && !candidates.includes(located)) candidates.push(located);
  } catch (e) {
    host.notice(`cannot look for the rotated file of ${host.path}: ${errorMessage(e)}`);
  }
  for (const p of candidates) {
    try {
      if (p.endsWith('.gz')) return await drainGzip(host, p, c.offset, identity);
      const fh = await deps.openFile(p).catch(() => null);
      if (!fh) continue;
      const r = await sameFile(identity, fh);
      if (!r.same) {
        await fh.close();
        continue;
      }
      host.setState('catching-up', `finishing the rotated file ${p} from offset ${c.offset}`);
      const old = new OpenFile(host, fh, r.identity, p, true, Math.min(c.offset, r.size), false);
      deps.setCurrent(old);
      try {
        await old.finish(0);
      } finally {
        deps.setCurrent(null);
        await old.close();
      }
      return host.isRunning() ? 'drained' : 'stopped';
    } catch (e) {
      if (!host.isRunning()) return 'stopped';
      host.notice(`could not finish the rotated file ${p}: ${errorMessage(e)}; going on with ${host.path}`);
      return 'drained';
    }
  }
  return 'not-found';
}

async function drainGzip(host: ReadHost, p: string, offset: number, identity: FileIdentity): Promise<DrainResult> {
  host.format ??= detectFormat(await readGzipPrefix(p, DETECT_BYTES));
  const format = host.format;
  if (!format) return 'drained'; // nothing telling in it: nothing to hand over
  host.setState('catching-up', `finishing the rotated file ${p} from offset ${offset}`);
  let handedOver = offset;
  const result = await streamRecords({
    path: p,
    compressed: true,
    format,
    startOffset: offset,
    chunkBytes: host.chunkBytes,
    maxRecordBytes: host.maxRecordBytes,
    emit: async (out) => {
      if (out.records.length > 0 || out.oversize.length > 0 || out.cursor !== handedOver) {
        const batch = makeBatch(out, format, { identity, offset: out.cursor, path: p }, handedOver, p, true);
        if (!(await host.deliver(batch))) return false;
        handedOver = out.cursor;
      }
      await yieldToLoop();
      return host.isRunning();
    },
  });
  return result.completed ? 'drained' : 'stopped';
}
