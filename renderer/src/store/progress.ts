// Work the engine reports progress on: reanalyses (by hash) and backfill jobs (by id). Events and query answers
// about the same work can arrive in any order; both only move forward, so the one further along wins.
import type { BackfillJob, ReanalyseProgress } from '../../../shared/contract';

/** The later of two reports on a reanalysis: a newer run, else the one with its report stored, else the longer. */
export function laterProgress(current: ReanalyseProgress | null, next: ReanalyseProgress): ReanalyseProgress {
  if (!current) return next;
  const started = (Date.parse(next.startedAt) || 0) - (Date.parse(current.startedAt) || 0);
  if (started !== 0) return started > 0 ? next : current;
  if (current.reportAt && !next.reportAt) return current;
  if (next.reportAt && !current.reportAt) return next;
  return next.elapsedMs >= current.elapsedMs ? next : current;
}

const jobRank = (job: BackfillJob): number[] => [
  job.state === 'running' ? 0 : 1,
  job.filesDone,
  job.bytesDone,
  job.alertsRead,
];

/** The later of two reports on a backfill job: one that ended, else the one that read more; a tie goes to `next`. */
export function laterJob(current: BackfillJob | undefined, next: BackfillJob): BackfillJob {
  if (!current) return next;
  const a = jobRank(current);
  const b = jobRank(next);
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return b[i] > a[i] ? next : current;
  return next;
}

export class Progress {
  /** by the hash the reanalysis was asked with */
  reanalyses: ReadonlyMap<string, ReanalyseProgress> = new Map();
  /** every job heard of, by id */
  jobs: ReadonlyMap<number, BackfillJob> = new Map();

  /** true when the shown progress changed */
  reanalyse(progress: ReanalyseProgress): boolean {
    const current = this.reanalyses.get(progress.hash) ?? null;
    if (laterProgress(current, progress) === current) return false;
    this.reanalyses = new Map(this.reanalyses).set(progress.hash, progress);
    return true;
  }

  /** The latest reanalysis of a file known by any of these hashes. */
  reanalysisOf(hashes: readonly (string | null)[]): ReanalyseProgress | null {
    let best: ReanalyseProgress | null = null;
    for (const hash of hashes) {
      const progress = hash ? this.reanalyses.get(hash) : undefined;
      if (progress) best = laterProgress(best, progress);
    }
    return best;
  }

  /** true when a job changed */
  job(job: BackfillJob): boolean {
    const current = this.jobs.get(job.id);
    if (laterJob(current, job) === current) return false;
    this.jobs = new Map(this.jobs).set(job.id, job);
    return true;
  }

  jobsAnswered(jobs: readonly BackfillJob[]): boolean {
    let changed = false;
    for (const job of jobs) changed = this.job(job) || changed;
    return changed;
  }
}
