// At start, the file of the stored cursor is no longer at the followed path (rotated while we were stopped):
// finish it where it went — cursor.path (a renamed file), or what locateRotated() finds (a dated .json, or its
// .json.gz read through gunzip, skipping `offset` decompressed bytes) — then read whole the dated files written
// after it (missedRotated(): days that went by while we were stopped), before the tailer reads the new file.
// Each of those files is handed over with its own identity in the cursor: a stop halfway resumes in that file.
import { readdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { makeBatch } from './batch';
import { fingerprint, FINGERPRINT_BYTES, readIdentity, sameFile, sameInode, type FileIdentity } from './fileIdentity';
import { DETECT_BYTES, detectFormat } from './framing';
import { OpenFile, type ReadHost } from './openFile';
import { readGzipPrefix, streamRecords } from './streamRead';
import { errorMessage } from './tailerSupport';
import type { TailCursor, TailerOptions } from './tailerTypes';

export interface DrainDeps {
  openFile(p: string): Promise<FileHandle>;
  locateRotated: TailerOptions['locateRotated'];
  missedRotated?: TailerOptions['missedRotated'];
  /** the file being read now (for status()) */
  setCurrent(f: OpenFile | null): void;
}

/**
 * done: the stored file and the days missed are read (or the stored file was not found: `not-found`); `wait-for-live`:
 * the stored file is finished, but which days were missed is told against the live file, which is not there yet.
 */
export type CatchUp = 'done' | 'not-found' | 'wait-for-live' | 'stopped';

/** At start, the stored cursor's file is no longer at the path: finish it where it went, then the days missed. */
export async function catchUpRotated(
  host: ReadHost & { readonly path: string },
  c: TailCursor,
  identity: FileIdentity,
  live: FileIdentity | null,
  deps: DrainDeps,
): Promise<CatchUp> {
  const drained = await drainStored(host, c, identity, deps);
  if (drained.result !== 'drained') return drained.result;
  if (!deps.missedRotated) return 'done';
  if (!live) return 'wait-for-live';
  const missed = await deps.missedRotated(drained.from, live).catch((e: unknown) => {
    host.notice(`cannot list the files rotated while the app was stopped: ${errorMessage(e)}`);
    return [];
  });
  return (await readMissed(host, missed, deps)) ? 'done' : 'stopped';
}

/** drained: `from` is the file that was finished (where the stored cursor's file was found). */
export type DrainResult = { result: 'drained'; from: string } | { result: 'not-found' } | { result: 'stopped' };

const STOPPED: DrainResult = { result: 'stopped' };

/**
 * Reads the rest of the stored cursor's file, wherever it went: cursor.path, what locateRotated() finds, or a file
 * of the followed path's folder with its inode (renamed while we were stopped, or before its new name was stored).
 * A file that fails midway is given up (said).
 */
async function drainStored(
  host: ReadHost & { readonly path: string },
  c: TailCursor,
  identity: FileIdentity,
  deps: DrainDeps,
): Promise<DrainResult> {
  const tried = new Set<string>([host.path]);
  const attempt = async (p: string | null): Promise<DrainResult | null> => {
    if (!p || tried.has(p)) return null;
    tried.add(p);
    return drainAt(host, p, c.offset, identity, deps);
  };
  const fromCursor = await attempt(c.path);
  if (fromCursor) return fromCursor;
  let located: string | null = null;
  try {
    located = (await deps.locateRotated?.(identity)) ?? null;
  } catch (e) {
    host.notice(`cannot look for the rotated file of ${host.path}: ${errorMessage(e)}`);
  }
  return (await attempt(located)) ?? (await attempt(await renamedIn(path.dirname(host.path), identity))) ?? NOT_FOUND;
}

const NOT_FOUND: DrainResult = { result: 'not-found' };

/** Finishes the stored file if `p` is it (null: it is not, or cannot be opened). */
async function drainAt(
  host: ReadHost & { readonly path: string },
  p: string,
  offset: number,
  identity: FileIdentity,
  deps: DrainDeps,
): Promise<DrainResult | null> {
  try {
    if (p.endsWith('.gz'))
      return (await drainGzip(host, p, offset, identity)) ? { result: 'drained', from: p } : STOPPED;
    const fh = await deps.openFile(p).catch(() => null);
    if (!fh) return null;
    const r = await sameFile(identity, fh);
    if (!r.same) {
      await fh.close();
      return null;
    }
    host.setState('catching-up', `finishing the rotated file ${p} from offset ${offset}`);
    await readToEnd(new OpenFile(host, fh, r.identity, p, true, Math.min(offset, r.size), false), deps);
    return host.isRunning() ? { result: 'drained', from: p } : STOPPED;
  } catch (e) {
    if (!host.isRunning()) return STOPPED;
    host.notice(`could not finish the rotated file ${p}: ${errorMessage(e)}; going on with ${host.path}`);
    return { result: 'drained', from: p };
  }
}

/** The plain file of `dir` with the stored file's device, inode and first bytes, or null. */
async function renamedIn(dir: string, identity: FileIdentity): Promise<string | null> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const p = path.join(dir, name);
    try {
      const st = await stat(p);
      if (st.isFile() && sameInode(st, identity) && (await sameFile(identity, p)).same) return p;
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** Reads a rotated (no longer growing) plain file to its end, as the tailer's current file meanwhile. */
async function readToEnd(file: OpenFile, deps: DrainDeps): Promise<void> {
  deps.setCurrent(file);
  try {
    await file.finish(0);
  } finally {
    deps.setCurrent(null);
    await file.close();
  }
}

/**
 * Reads whole the files missed while stopped (see the top of this file), in order. False when stopped halfway.
 * A file that cannot be read is said and skipped: the next ones are still read.
 */
async function readMissed(host: ReadHost, files: string[], deps: DrainDeps): Promise<boolean> {
  for (const p of files) {
    try {
      if (p.endsWith('.gz')) {
        const st = await stat(p);
        const prefix = await readGzipPrefix(p, FINGERPRINT_BYTES);
        const identity = { dev: st.dev, ino: st.ino, fpLen: prefix.length, fpHash: fingerprint(prefix) };
        if (!(await drainGzip(host, p, 0, identity, 'reading the missed file'))) return false;
        continue;
      }
      const fh = await deps.openFile(p);
      host.setState('catching-up', `reading the missed file ${p}`);
      await readToEnd(new OpenFile(host, fh, await readIdentity(fh), p, true, 0, false), deps);
      if (!host.isRunning()) return false;
    } catch (e) {
      if (!host.isRunning()) return false;
      host.notice(`could not read ${p}, written while the app was stopped: ${errorMessage(e)}; going on`);
    }
  }
  return true;
}

/** Reads a .gz from `offset` (decompressed bytes) to its end. False when stopped halfway. */
async function drainGzip(
  host: ReadHost,
  p: string,
  offset: number,
  identity: FileIdentity,
  doing = 'finishing the rotated file',
): Promise<boolean> {
  host.format ??= detectFormat(await readGzipPrefix(p, DETECT_BYTES));
  const format = host.format;
  if (!format) return true; // nothing telling in it: nothing to hand over
  host.setState('catching-up', offset > 0 ? `${doing} ${p} from offset ${offset}` : `${doing} ${p}`);
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
      await host.settle();
      return host.isRunning();
    },
  });
  return result.completed;
}
