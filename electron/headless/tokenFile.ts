// Where the headless token comes from when it is not made up at start: `--token-file <path>` (a file only its
// owner can read) or the FIM_VERDICT_TOKEN environment variable. Both keep the token out of the process arguments,
// which every user of the machine can read (ps, /proc/<pid>/cmdline); --token stays for compatibility, with a warning.
import fs from 'node:fs';

/** Cookie-octets only (RFC 6265): the token travels in a header and derives the browser session's cookie. */
export const TOKEN_PATTERN = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]{1,512}$/;
export const TOKEN_SHAPE_MESSAGE =
  'must be 1-512 visible characters without spaces, quotes, commas, semicolons or backslashes';
export const TOKEN_ENV = 'FIM_VERDICT_TOKEN';

const MAX_TOKEN_FILE_BYTES = 4096;
const POSIX = process.platform !== 'win32';

export class TokenFileError extends Error {
  constructor(file: string, reason: string) {
    super(`--token-file ${file}: ${reason}`);
    this.name = 'TokenFileError';
  }
}

function who(mode: number): string | null {
  if (mode & 0o004) return 'every user of this machine can read it';
  if (mode & 0o040) return 'its group can read it';
  if (mode & 0o002) return 'every user of this machine can change it';
  if (mode & 0o020) return 'its group can change it';
  if (mode & 0o011) return 'others may execute it';
  return null;
}

/**
 * The token in `file`: a regular file owned by this user and readable by nobody else (mode 600 or 400), holding
 * one token (a final newline is allowed). Anything else is refused with the reason and the fix.
 */
export function readTokenFile(file: string): string {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (POSIX ? fs.constants.O_NONBLOCK : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new TokenFileError(file, 'no such file');
    if (code === 'EACCES') throw new TokenFileError(file, 'this user cannot read it');
    throw new TokenFileError(file, `cannot open it (${code ?? (error as Error).message})`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new TokenFileError(file, 'not a regular file');
    if (POSIX) {
      const uid = process.getuid?.();
      if (uid !== undefined && stat.uid !== uid) {
        throw new TokenFileError(
          file,
          `it belongs to uid ${stat.uid}, not to this user (uid ${uid}), who could read it`,
        );
      }
      const exposed = who(stat.mode);
      if (exposed) {
        const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
        throw new TokenFileError(
          file,
          `${exposed} (mode ${mode}): make it readable by its owner only (chmod 600 '${file}')`,
        );
      }
    }
    if (stat.size > MAX_TOKEN_FILE_BYTES) throw new TokenFileError(file, 'too large to hold a token');
    const text = fs.readFileSync(fd, 'utf8').replace(/\r?\n$/, '');
    if (text === '') throw new TokenFileError(file, 'it is empty');
    if (!TOKEN_PATTERN.test(text)) throw new TokenFileError(file, `the token in it ${TOKEN_SHAPE_MESSAGE}`);
    return text;
  } finally {
    fs.closeSync(fd);
  }
}
