// Runs a reanalysis in the background: VirusTotal's polling flow (vt/vtClient.ts reanalyseAndWait: analyse, then
// /analyses/{id} every 15 s, 10 minutes at most) with every request waiting for the quota like any other, and
// progress reported as it goes. The new report itself is fetched through the queue when it ends (reason
// 'reanalyse'); once it is stored, reportStored() says the reanalysis is over.
import type { ReanalyseProgress } from '../../../../../shared/contract';
import type { Clock } from '../../../base/runtime';
import { reanalyseAndWait, type VtClient } from '../../../vt/vtClient';
import type { QuotaGate } from '../../quota';

export interface ReanalyserDeps {
  quota: QuotaGate;
  clock: Clock;
  onProgress: (p: ReanalyseProgress) => void;
  /** the analysis ended (completed, failed or timed out): fetch the report now */
  onDone: (fileId: number) => void;
  pollMs?: number;
  maxMs?: number;
}

class Stopped extends Error {}

export class Reanalyser {
  readonly pollMs: number;
  readonly maxMs: number;
  private stopped = false;
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly running = new Set<Promise<void>>();
  /** the last progress of each file's reanalysis, until its report is stored */
  private readonly last = new Map<number, ReanalyseProgress>();

  constructor(private readonly d: ReanalyserDeps) {
    this.pollMs = d.pollMs ?? 15_000;
    this.maxMs = d.maxMs ?? 600_000;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const [t, wake] of this.timers) {
      clearTimeout(t);
      wake();
    }
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  /** A sleep that stop() ends early. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.set(t, resolve);
    });
  }

  /** Waits for a free quota slot and takes it: a poll is a request like any other. */
  private async slot(kind: string): Promise<void> {
    for (;;) {
      if (this.stopped) throw new Stopped('stopped');
      const slot = this.d.quota.nextSlot();
      if (!slot.blockedBy && this.d.quota.spend(kind)) return;
      await this.sleep(Math.max(1000, slot.at - this.d.clock.now()));
    }
  }

  /**
   * The report fetched after the analysis (queue reason 'reanalyse') is stored: the reanalysis is over, and says
   * so with what the report holds. (After a restart nothing is known of it here: the history row says it.)
   */
  reportStored(fileId: number, summary: string): void {
    const p = this.last.get(fileId);
    if (!p) return;
    this.last.delete(fileId);
    const now = this.d.clock.now();
    const done = p.status === 'completed' ? 'the analysis is complete' : p.message;
    this.d.onProgress({
      ...p,
      elapsedMs: Math.max(0, now - Date.parse(p.startedAt)),
      message: `${done}; the new report is stored: ${summary}`,
      reportAt: new Date(now).toISOString(),
    });
  }

  /** Start the reanalysis of `hash` (file `fileId`) in the background. */
  start(fileId: number, hash: string, client: VtClient): void {
    const startedAt = this.d.clock.now();
    const progress = (status: ReanalyseProgress['status'], message: string): void => {
      const p: ReanalyseProgress = {
        hash,
        status,
        startedAt: new Date(startedAt).toISOString(),
        elapsedMs: Math.max(0, this.d.clock.now() - startedAt),
        message,
        reportAt: null,
      };
      this.last.set(fileId, p);
      this.d.onProgress(p);
    };
    const gated = {
      requestReanalyse: async (h: string) => {
        await this.slot('analyse');
        return client.requestReanalyse(h);
      },
      getAnalysis: async (id: string) => {
        await this.slot('analysis');
        return client.getAnalysis(id);
      },
      lookupFile: (h: string) => client.lookupFile(h),
    };
    progress('requested', 'asking VirusTotal to reanalyse the file');
    const task = reanalyseAndWait(gated, hash, {
      pollMs: this.pollMs,
      maxMs: this.maxMs,
      now: () => this.d.clock.now(),
      sleep: (ms) => this.sleep(ms),
      fetchReport: false,
      onProgress: (e) => {
        if (e.status === 'completed') progress('completed', 'the analysis is complete; fetching the new report');
        else if (e.status === 'timed-out')
          progress('timed-out', 'no result after 10 minutes; fetching the current report');
        else progress(e.status, e.message);
      },
    })
      .then(() => {
        if (!this.stopped) this.d.onDone(fileId);
      })
      .catch((error: unknown) => {
        if (error instanceof Stopped) return; // the queue entry fetches the report after a restart
        progress('failed', (error as Error).message);
        this.d.onDone(fileId);
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }
}
