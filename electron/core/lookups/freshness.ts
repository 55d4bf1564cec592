// How long an answer serves new alerts of its file without asking again: a found file for `foundDays`, a file not
// on VirusTotal for `notFoundHours` (the analyst's freshness settings); errors and pending files never.
import type { Settings } from '../../../shared/settings';
import type { FileRecord } from '../store/filesStore';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function isFresh(
  file: Pick<FileRecord, 'state' | 'checkedAt'>,
  freshness: Settings['freshness'],
  now: number,
): boolean {
  if (file.checkedAt === null) return false;
  const age = now - file.checkedAt;
  switch (file.state) {
    case 'clean':
    case 'malicious':
    case 'suspicious':
      return age < freshness.foundDays * DAY_MS;
    case 'unknown':
      return age < freshness.notFoundHours * HOUR_MS;
    default:
      return false;
  }
}
