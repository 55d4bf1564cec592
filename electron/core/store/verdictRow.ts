// How a file row becomes the Verdict every view shows (one place, so the Live table, the file page and the
// events agree).
import { verdictWithoutAnswer, type Verdict } from '../../../shared/contract';
import type { VerdictState } from '../../../shared/domain';
import { permalinkFor } from '../../../shared/hashes';

export interface FileVerdictColumns {
  state: string;
  positives: number | null;
  total: number | null;
  scan_date: number | null;
  checked_at: number | null;
  origin: string | null;
  reason: string | null;
  sha256: string | null;
}

const FOUND_STATES = new Set(['clean', 'malicious', 'suspicious']);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function verdictOfFile(f: FileVerdictColumns): Verdict {
  return {
    state: f.state as VerdictState,
    positives: f.positives,
    total: f.total,
    permalink: f.sha256 && FOUND_STATES.has(f.state) ? permalinkFor(f.sha256) : null,
    scanDate: iso(f.scan_date),
    checkedAt: iso(f.checked_at),
    origin: (f.origin as Verdict['origin']) ?? null,
    reason: f.reason,
  };
}

export function skippedVerdict(reason: string | null): Verdict {
  return verdictWithoutAnswer('skipped', reason);
}
