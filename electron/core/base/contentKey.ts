// The key of a file's content: the sha1 of its first bytes (at most FINGERPRINT_BYTES; decompressed for a .gz), so a
// file keeps its key when Wazuh compresses it. Cursors name their file with it (sources/fileIdentity.ts), and what a
// source read of each file is kept under it (store/readRangesStore.ts).
import { createHash } from 'node:crypto';

/** How many leading bytes the fingerprint covers at most. */
export const FINGERPRINT_BYTES = 1024;

/** Fewer leading bytes than this could be shared by two files: such a key is not trusted to name a file. */
export const MIN_CONTENT_KEY = 64;

export function fingerprint(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The key of a file's content: the fingerprint of its first fpLen bytes (decompressed), as in a cursor's identity. */
export interface ContentKey {
  fpLen: number;
  fpHash: string;
}
