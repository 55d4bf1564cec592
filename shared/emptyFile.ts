// The empty file: every system has thousands (lock files, placeholders, truncated logs), Wazuh reports each one,
// and its hashes are the same everywhere. It is answered on this machine and never sent to any provider: asking a
// third party about it spends a request and says nothing about the file (any tool can be told "empty").
import type { FileHashes } from './hashes';

/** The hashes of zero bytes of content. */
export const EMPTY_FILE_HASHES: Readonly<{ md5: string; sha1: string; sha256: string }> = Object.freeze({
  md5: 'd41d8cd98f00b204e9800998ecf8427e',
  sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
});

/** The one line the file page shows for it. */
export const EMPTY_FILE_WHY = 'known good: the empty file';

export interface EmptyFileQuestion {
  /** the size the alert reports, when it says */
  size?: number | null;
  hashes?: Partial<FileHashes> | null;
}

/**
 * Is this the empty file? When the alert carries hashes they decide, and every one of them must be the empty
 * content's (a size of 0 next to another hash means the file changed between Wazuh's stat and its read: the hash
 * is the truth, and it is looked up). Without any hash, a size of 0 is enough.
 */
export function isEmptyFile(q: EmptyFileQuestion): boolean {
  const given = (['md5', 'sha1', 'sha256'] as const).flatMap((kind) => {
    const value = q.hashes?.[kind];
    return typeof value === 'string' && value.trim() !== '' ? [[kind, value.trim().toLowerCase()] as const] : [];
  });
  if (given.length > 0) return given.every(([kind, value]) => value === EMPTY_FILE_HASHES[kind]);
  return q.size === 0;
}
