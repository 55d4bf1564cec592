// The headless key store: <dataDir>/vt-api-key, readable and writable by this user only (0600), replaced
// atomically (temporary file in the same folder, then rename). There is no keyring in headless mode; the file's
// permissions are the protection, so they are checked and repaired every time it is read.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger, SecretStore } from '../core/engineTypes';

export const SECRET_FILE = 'vt-api-key';
/** The names of other credentials: lower-case words, digits and dashes (they become file names). */
export const SECRET_SLOT = /^[a-z0-9][a-z0-9-]{0,62}$/;
const OWNER_ONLY = 0o600;
const POSIX = process.platform !== 'win32';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function readOwnerOnly(file: string, log: Logger | undefined): string | null {
  let fd: number;
  try {
    // O_NOFOLLOW: a symbolic link planted at this name is refused, not followed
    fd = fs.openSync(file, fs.constants.O_RDONLY | (POSIX ? fs.constants.O_NOFOLLOW : 0));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    if (errorCode(error) === 'ELOOP') throw new Error(`${file} is a symbolic link: refusing to read the key from it`);
    throw new Error(`cannot read the stored key (${file}): ${errorCode(error) ?? 'unknown error'}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error(`${file} is not a regular file`);
    if (POSIX && (stat.mode & 0o077) !== 0) {
      fs.fchmodSync(fd, OWNER_ONLY);
      log?.warn(
        `${file} was readable by others (mode ${(stat.mode & 0o777).toString(8)}): set it to 600; ` +
          'if others could read it, replace the key at VirusTotal',
      );
    }
    const value = fs.readFileSync(fd, 'utf8').trim();
    return value === '' ? null : value;
  } finally {
    fs.closeSync(fd);
  }
}

function writeOwnerOnly(file: string, value: string): void {
  const base = path.basename(file);
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${base}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': a new file, created with the mode (the umask can only remove bits), then chmod in case it did anyway
  const fd = fs.openSync(temp, 'wx', OWNER_ONLY);
  try {
    try {
      fs.fchmodSync(fd, OWNER_ONLY);
      fs.writeFileSync(fd, `${value}\n`, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new Error(`cannot store the key in ${file}: ${errorCode(error) ?? (error as Error).message}`);
  }
  if (POSIX) {
    // the rename itself is durable once the folder is synced (best effort: not every filesystem allows it)
    try {
      const dirFd = fs.openSync(dir, 'r');
      try {
        fs.fsyncSync(dirFd);
      } finally {
        fs.closeSync(dirFd);
      }
    } catch {
      // ignored
    }
  }
}

/** `name`: the file in dataDir; the VirusTotal key's by default, another credential's with secretFileName(). */
/** The file of a named credential (an indexer's password, MalwareBazaar's key): `secret-<name>`. */
export function secretFileName(slot: string): string {
  if (!SECRET_SLOT.test(slot)) throw new Error(`not a secret name: ${slot}`);
  return `secret-${slot}`;
}

export function fileSecretStore(dataDir: string, log?: Logger, name: string = SECRET_FILE): SecretStore {
  const file = path.join(path.resolve(dataDir), name);
  return {
    kind: 'owner-only-file',
    encrypted: false,
    message: `stored in ${file}, readable by this user only`,
    get: () => readOwnerOnly(file, log),
    set(value) {
      if (value === null) {
        fs.rmSync(file, { force: true });
        return;
      }
      if (value.trim() === '' || /[\r\n\0]/.test(value)) throw new Error('the key is empty or spans several lines');
      writeOwnerOnly(file, value.trim());
    },
  };
}
