// Which file is this? Device + inode, plus a fingerprint of the first bytes so that an inode number reused by a new
// file (the old one deleted while nobody held it open) is not taken for the old file.
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fingerprint, FINGERPRINT_BYTES } from '../../base/contentKey';
import { openRegularFile } from './regularFile';

export { fingerprint, FINGERPRINT_BYTES } from '../../base/contentKey';

export interface FileIdentity {
  dev: number;
  ino: number;
  /** how many leading bytes fpHash covers: min(size, 1024) when it was taken */
  fpLen: number;
  /** sha1 (hex) of those bytes */
  fpHash: string;
}

/** A file to look at: an open FileHandle, a raw fd, or a path (opened for the call: a regular file only). */
export type FileRef = FileHandle | number | string;

export type SameFileResult =
  | {
      same: true;
      /** the current identity: upgraded to a longer fingerprint when the file has grown past stored.fpLen */
      identity: FileIdentity;
      upgraded: boolean;
      size: number;
    }
  | { same: false; reason: 'other-inode' | 'other-content'; size: number };

interface Reader {
  stat(): Promise<fs.Stats>;
  read(buf: Buffer, position: number): Promise<number>;
}

const fstat = promisify(fs.fstat);
const readFd = promisify(fs.read);

async function withReader<T>(file: FileRef, fn: (r: Reader) => Promise<T>): Promise<T> {
  if (typeof file === 'number') {
    return fn({
      stat: () => fstat(file),
      read: async (buf, position) => (await readFd(file, buf, 0, buf.length, position)).bytesRead,
    });
  }
  const fh = typeof file === 'string' ? await openRegularFile(file) : file;
  try {
    return await fn({
      stat: () => fh.stat(),
      read: async (buf, position) => (await fh.read(buf, 0, buf.length, position)).bytesRead,
    });
  } finally {
    if (typeof file === 'string') await fh.close();
  }
}

async function readPrefix(r: Reader, size: number): Promise<Buffer> {
  const buf = Buffer.alloc(Math.min(size, FINGERPRINT_BYTES));
  let got = 0;
  while (got < buf.length) {
    const n = await r.read(buf.subarray(got), got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

export async function readIdentity(file: FileRef): Promise<FileIdentity> {
  return withReader(file, async (r) => {
    const st = await r.stat();
    const prefix = await readPrefix(r, st.size);
    return { dev: st.dev, ino: st.ino, fpLen: prefix.length, fpHash: fingerprint(prefix) };
  });
}

/** Same device and inode (no content check). */
export function sameInode(a: { dev: number; ino: number }, b: { dev: number; ino: number }): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Is `current` the file `stored` describes? dev+ino equal AND its first stored.fpLen bytes hash to stored.fpHash.
 * When the file has grown past a short stored fingerprint, the returned identity covers the longer prefix.
 */
export async function sameFile(stored: FileIdentity, current: FileRef): Promise<SameFileResult> {
  return withReader(current, async (r) => {
    const st = await r.stat();
    if (!sameInode(stored, st)) return { same: false, reason: 'other-inode', size: st.size };
    if (st.size < stored.fpLen) return { same: false, reason: 'other-content', size: st.size };
    const prefix = await readPrefix(r, st.size);
    if (prefix.length < stored.fpLen || fingerprint(prefix.subarray(0, stored.fpLen)) !== stored.fpHash)
      return { same: false, reason: 'other-content', size: st.size };
    const upgraded = prefix.length > stored.fpLen;
    const identity = upgraded
      ? { dev: st.dev, ino: st.ino, fpLen: prefix.length, fpHash: fingerprint(prefix) }
      : stored;
    return { same: true, identity, upgraded, size: st.size };
  });
}
