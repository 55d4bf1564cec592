// Small helpers of the tailer: error classification and messages, the fromEnd start point, a file's current name.
import { readlink, type FileHandle } from 'node:fs/promises';
import type { SourceFormat } from '../../../../shared/domain';
import { endsWithBlankLine, lastRecordBoundary } from './framing';

export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The file (or a folder on its way) does not exist. */
export function isMissing(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function isDenied(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'EACCES' || code === 'EPERM';
}

export const waitingMessage = (path: string): string => `waiting for ${path}`;

export const deniedMessage = (path: string): string =>
  `cannot read ${path}: add this user to the wazuh group (or run where the file is readable)`;

/** The database refused a batch: say why in words, and that nothing is lost (the cursor did not move). */
export function storeErrorMessage(e: unknown): string {
  const code = errorCode(e) ?? '';
  const why =
    code === 'SQLITE_FULL'
      ? 'the disk is full (free some space)'
      : code.startsWith('SQLITE_READONLY')
        ? 'the database is read-only (check the permissions of the data directory)'
        : errorMessage(e);
  return `cannot store alerts: ${why}; nothing is lost, retrying`;
}

export { yieldToLoop } from '../../base/runtime';

async function readFully(fh: FileHandle, buf: Buffer, position: number): Promise<number> {
  let got = 0;
  while (got < buf.length) {
    const { bytesRead } = await fh.read(buf, got, buf.length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/**
 * fromEnd: the offset after the last complete record of a file of `size` bytes (0 if it holds none), found by
 * reading backwards in 64 KiB windows. json: after the last '\n'. log: the end, if the file ends with a blank line;
 * else the start of the last '** Alert ' line (that alert is still being written).
 */
export async function findResumePoint(fh: FileHandle, size: number, format: SourceFormat): Promise<number> {
  const WINDOW = 64 * 1024;
  const OVERLAP = 16; // a boundary pattern ('\n** Alert ') cut by a window edge is seen by the next window
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - WINDOW);
    const buf = Buffer.allocUnsafe(end - start);
    const got = await readFully(fh, buf, start);
    // log: a file that ends with a blank line ends after a complete alert
    if (end === size && format === 'log' && endsWithBlankLine(buf.subarray(0, got))) return start + got;
    const at = lastRecordBoundary(buf.subarray(0, got), format);
    if (at !== -1) return start + at;
    if (start === 0) return 0;
    end = start + OVERLAP;
  }
  return 0;
}

/** The name an open file has now (Linux: /proc/self/fd), or null when unknown or deleted. */
export async function currentName(fh: FileHandle): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  try {
    const name = await readlink(`/proc/self/fd/${fh.fd}`);
    return name.endsWith(' (deleted)') || !name.startsWith('/') ? null : name;
  } catch {
    return null;
  }
}
