// Reanalyses and backfill jobs only move forward: the report further along wins whatever the order.
import { describe, expect, it } from 'vitest';
import type { ReanalyseProgress } from '../../../../shared/contract';
import { Progress, laterJob, laterProgress } from '../../../../renderer/src/store/progress';
import { job } from '../storeHarness';

const run = (startedAt: string, elapsedMs: number, reportAt: string | null = null): ReanalyseProgress => ({
  hash: 'a'.repeat(64),
  status: reportAt ? 'completed' : 'in-progress',
  startedAt,
  elapsedMs,
  message: '',
  reportAt,
});

describe('laterProgress', () => {
  const first = run('2024-05-01T10:00:00Z', 30_000);
  const further = run('2024-05-01T10:00:00Z', 45_000);
  const done = run('2024-05-01T10:00:00Z', 40_000, '2024-05-01T10:00:41Z');
  const next = run('2024-05-01T11:00:00Z', 1_000);

  it('a newer run, then a stored report, then the longer elapsed time wins, in either order', () => {
    for (const [a, b, winner] of [
      [first, further, further],
      [further, done, done],
      [done, next, next],
    ]) {
      expect(laterProgress(a, b)).toBe(winner);
      expect(laterProgress(b, a)).toBe(winner);
    }
  });
});

describe('laterJob', () => {
  it('an ended job, else the one that read more, wins in either order', () => {
    const a = job(1, { filesDone: 2, bytesDone: 2000 });
    const b = job(1, { filesDone: 3, bytesDone: 2500 });
    const ended = job(1, { state: 'failed', filesDone: 2, message: 'cannot read' });
    expect(laterJob(a, b)).toBe(b);
    expect(laterJob(b, a)).toBe(b);
    expect(laterJob(b, ended)).toBe(ended);
    expect(laterJob(ended, b)).toBe(ended);
  });
});

describe('Progress', () => {
  it('keeps each reanalysis by its hash and finds it by any of the file', () => {
    const progress = new Progress();
    expect(progress.reanalyse(run('2024-05-01T10:00:00Z', 1000))).toBe(true);
    expect(progress.reanalyse(run('2024-05-01T10:00:00Z', 500))).toBe(false);
    expect(progress.reanalysisOf([null, 'b'.repeat(40), 'a'.repeat(64)])?.elapsedMs).toBe(1000);
  });
});
