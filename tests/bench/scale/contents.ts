// File contents of the scale benchmark: content number k has fixed hashes, a size and a destiny (what VirusTotal or
// Wazuh will answer about it), all derived from (seed, k) so nothing per content is kept in memory.
import { createHash } from 'node:crypto';
import type { FileHashes } from '../../../shared/hashes';

/**
 * What becomes of a file's look-up. Shares of all contents: clean 80%, unknown to VirusTotal 10%, malicious 1.5%,
 * suspicious 0.5%, errors 2% (answers failed five times: the file shows 'error' and stays queued), pending 6%
 * (never reached: the quota ran out first). A few found or unknown files are answered by Wazuh's own integration.
 */
export type Destiny = 'clean' | 'unknown' | 'malicious' | 'suspicious' | 'error' | 'pending';

const DESTINY_BOUNDS: [number, Destiny][] = [
  [0.8, 'clean'],
  [0.9, 'unknown'],
  [0.915, 'malicious'],
  [0.92, 'suspicious'],
  [0.94, 'error'],
  [1, 'pending'],
];
/** share of clean, unknown and malicious files whose first answer is Wazuh's (its integration runs too) */
export const WAZUH_SHARE = 0.05;

export interface Content {
  k: number;
  hashes: { md5: string; sha1: string; sha256: string };
  size: number;
  destiny: Destiny;
  /** answered by Wazuh's own VirusTotal integration first */
  wazuh: boolean;
  /** a number in [0, 1) for the answer's details (how many engines, how old the scan) */
  detail: number;
}

function digest(algo: 'md5' | 'sha1' | 'sha256', text: string): string {
  return createHash(algo).update(text).digest('hex');
}

export function contentOf(seed: number, k: number): Content {
  const key = `fimv-scale:${seed}:${k}`;
  const sha256 = digest('sha256', key);
  const u = (from: number) => parseInt(sha256.slice(from, from + 8), 16) / 0x100000000;
  const d = u(0);
  const destiny = DESTINY_BOUNDS.find(([bound]) => d < bound)![1];
  return {
    k,
    hashes: { md5: digest('md5', key), sha1: digest('sha1', key), sha256 },
    size: Math.floor(u(8) ** 3 * 50_000_000),
    destiny,
    wazuh: (destiny === 'clean' || destiny === 'unknown' || destiny === 'malicious') && u(16) < WAZUH_SHARE,
    detail: u(24),
  };
}

export const NO_HASHES: FileHashes = { md5: null, sha1: null, sha256: null };
