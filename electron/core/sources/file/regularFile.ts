// Only regular files are read as alerts. Opening a FIFO for reading blocks until a writer comes (forever, for one of
// libuv's four file-I/O threads: four such sources and no file is read any more, the UI stops answering, and a stop
// waits for them); /dev/zero never ends; a socket cannot be opened. So every source file is opened here: looked at
// first (stat never blocks), then opened with O_NONBLOCK (a FIFO swapped in meanwhile opens at once instead of
// blocking), and the open handle itself checked (fstat) before a byte is read.
import fs, { type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';

/** What a path is, in words, when it is neither a regular file nor a folder ("a FIFO (named pipe)"); else null. */
export function otherKindOf(st: Stats): string | null {
  if (st.isFile() || st.isDirectory()) return null;
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/** A path that is not a regular file where one is read: a FIFO, a socket, a device, or a folder. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR';
  constructor(
    readonly path: string,
    /** "a FIFO (named pipe)", "a folder", ... */
    readonly kind: string,
  ) {
    super(notRegularMessage(path, kind));
    this.name = 'NotRegularFileError';
  }
}

export function notRegularMessage(path: string, kind: string): string {
  return `${path} is not a regular file (it is ${kind}): only alert files (alerts.json, alerts.log) and logs/alerts folders are read`;
}

export function isNotRegular(e: unknown): e is NotRegularFileError {
  return e instanceof NotRegularFileError;
}

function kindOf(st: Stats): string | null {
  return st.isDirectory() ? 'a folder' : otherKindOf(st);
}

// O_NONBLOCK: opening a FIFO returns at once; it changes nothing for a regular file. O_NOCTTY: a terminal device
// never becomes the process's controlling terminal. (Both are 0 where they do not exist: Windows has no FIFOs.)
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/** Opens a regular file for reading, or throws NotRegularFileError (ENOENT, EACCES... as fs.open does). */
export async function openRegularFile(path: string): Promise<FileHandle> {
  const seen = kindOf(await stat(path));
  if (seen) throw new NotRegularFileError(path, seen);
  return openChecked(path);
}

/** The open itself: never blocks (O_NONBLOCK), and the handle is checked before it is handed out. */
export async function openChecked(path: string): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(path, OPEN_FLAGS);
  } catch (e) {
    // ENXIO: a socket (or a FIFO with O_NONBLOCK for writing) was put there after the stat
    if ((e as NodeJS.ErrnoException).code === 'ENXIO') throw new NotRegularFileError(path, 'a socket or a device');
    throw e;
  }
  try {
    const now = kindOf(await fh.stat());
    if (now) throw new NotRegularFileError(path, now);
  } catch (e) {
    await fh.close().catch(() => undefined);
    throw e;
  }
  return fh;
}

/**
 * Why `path` cannot be a source, or null: a source is a regular file or a folder (or does not exist yet). A folder's
 * alerts.json, when there, must be a regular file too.
 */
export function sourcePathProblem(path: string, followed: string | null): string | null {
  const kindAt = (p: string): string | null => {
    try {
      return otherKindOf(fs.statSync(p));
    } catch {
      return null; // missing (waited for) or unreadable (said by the tailer)
    }
  };
  const own = kindAt(path);
  if (own) return notRegularMessage(path, own);
  if (followed && followed !== path) {
    const inner = kindAt(followed);
    if (inner) return notRegularMessage(followed, inner);
    try {
      if (fs.statSync(followed).isDirectory()) return notRegularMessage(followed, 'a folder');
    } catch {
      // not there yet
    }
  }
  return null;
}
