// Follows a reanalysis VirusTotal accepted: polls /analyses/{id} every 15 s (each poll is a request, so it
// waits for the quota like any other) until it completes or 10 minutes pass, reporting progress as it goes.
import type { ReanalyseProgress } from '../../../shared/contract';
import type { Clock } from '../engineTypes';
import type { CountersStore } from '../store/countersStore';
import type { VtClient } from '../vt/vtClient';
import type { QuotaGate } from './quota';

export interface ReanalyserDeps {
  quota: QuotaGate;
  clock: Clock;
  client: () => VtClient | null;
  counters: CountersStore;
  onProgress: (p: ReanalyseProgress) => void;
  onDone: (fileId: number) => void;
  pollMs?: number;
  maxMs?: number;
}

export class Reanalyser {
  readonly pollMs: number;
  readonly maxMs: number;
  private stopped = false;
  private readonly started = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly d: ReanalyserDeps) {
    this.pollMs = d.pollMs ?? 15_000;
    this.maxMs = d.maxMs ?? 600_000;
  }

  progress(hash: string, status: ReanalyseProgress['status'], message: string): ReanalyseProgress {
    const now = this.d.clock.now();
    const startedAt = this.started.get(hash) ?? now;
    return { hash, status, startedAt: new Date(startedAt).toISOString(), elapsedMs: now - startedAt, message };
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(t);
  }

  follow(fileId: number, hash: string, analysisId: string): void {
    this.started.set(hash, this.d.clock.now());
    this.d.onProgress(this.progress(hash, 'requested', 'VirusTotal accepted the reanalysis; waiting for the engines'));
    const deadline = this.d.clock.now() + this.maxMs;
    const finish = (status: ReanalyseProgress['status'], message: string) => {
      this.d.onProgress(this.progress(hash, status, message));
      this.started.delete(hash);
      this.d.onDone(fileId);
    };
    const poll = async () => {
      const now = this.d.clock.now();
      if (now >= deadline) return finish('timed-out', 'no result after 10 minutes; fetching the current report');
      const slot = this.d.quota.nextSlot();
      if (slot.blockedBy || !this.d.quota.tryAcquire('analysis')) {
        return this.later(Math.max(1000, slot.at - now), () => void poll());
      }
      this.d.counters.increment('lookups');
      const client = this.d.client();
      if (!client) return finish('failed', 'the key was removed');
      const result = await client.getAnalysis(analysisId);
      if (!result.ok) {
        if (result.error.type === 'credentials') return finish('failed', result.error.message);
        this.d.onProgress(this.progress(hash, 'queued', `${result.error.message}; trying again`));
        return this.later(this.pollMs, () => void poll());
      }
      if (result.status === 'completed')
        return finish('completed', 'the analysis is complete; fetching the new report');
      this.d.onProgress(this.progress(hash, result.status, `analysis ${result.status}`));
      this.later(this.pollMs, () => void poll());
    };
    this.later(this.pollMs, () => void poll());
  }
}
