// Where the integration log may be written. The app appends text that comes from alerts (file paths, agent names)
// with this user's rights, so the file must be one this user meant: in an existing folder owned by this user or by
// root that others cannot write into (unless it is sticky, as /tmp), and, if it exists, a regular file of this user
// (never a symbolic link, a FIFO or a device). The path is settable only by the local user (a flag, or the desktop
// app's Settings); the writer checks again before every append, as the path can change after it was chosen.
import fs from 'node:fs';
import path from 'node:path';

const POSIX = process.platform !== 'win32';

function isAbsolute(p: string): boolean {
  return path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p);
}

/** Why `file` may not be the integration log, or null when it may. */
export function integrationLogPathProblem(file: string): string | null {
  if (!isAbsolute(file)) return 'it is not an absolute path';
  const parent = path.dirname(file);
  let dir: fs.Stats;
  try {
    dir = fs.statSync(parent);
  } catch {
    return `its folder ${parent} does not exist (create it first)`;
  }
  if (!dir.isDirectory()) return `${parent} is not a folder`;
  const uid = POSIX ? process.getuid?.() : undefined;
  if (uid !== undefined) {
    if (dir.uid !== uid && dir.uid !== 0) return `its folder ${parent} belongs to another user (uid ${dir.uid})`;
    const sticky = (dir.mode & 0o1000) !== 0;
    if ((dir.mode & 0o022) !== 0 && !sticky) return `other users can write into its folder ${parent}`;
  }
  let entry: fs.Stats;
  try {
    entry = fs.lstatSync(file);
  } catch {
    return null; // created on the first append, mode 0640
  }
  if (entry.isSymbolicLink()) return 'it is a symbolic link (the log is never written through one)';
  if (!entry.isFile()) return 'it is not a regular file';
  if (uid !== undefined && entry.uid !== uid) return `it belongs to another user (uid ${entry.uid})`;
  return null;
}

/**
 * Appends `text` to `file` after checking it again: O_NOFOLLOW refuses a symbolic link swapped in since the check,
 * O_NONBLOCK keeps a FIFO from blocking the engine, and the opened file must be a regular file of this user.
 */
export function appendToLog(file: string, text: string): void {
  const problem = integrationLogPathProblem(file);
  if (problem) throw new Error(problem);
  const flags =
    fs.constants.O_WRONLY |
    fs.constants.O_APPEND |
    fs.constants.O_CREAT |
    (POSIX ? fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK : 0);
  const fd = fs.openSync(file, flags, 0o640);
  try {
    const stat = fs.fstatSync(fd);
    const uid = POSIX ? process.getuid?.() : undefined;
    if (!stat.isFile()) throw new Error('it is not a regular file');
    if (uid !== undefined && stat.uid !== uid) throw new Error(`it belongs to another user (uid ${stat.uid})`);
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}
