// The scheduler on its own: real tables, a fake clock and a fake provider on the seam. Each test drives step() by
// hand (no timers, no loop) and waits for the requests it started with settled().
import { describe, expect, it } from 'vitest';
import type { LookupReason, VerdictState } from '../../../../shared/domain';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import { ATTEMPTS_BEFORE_ERROR } from '../../../../electron/core/base/backoff';
import { Answers } from '../../../../electron/core/lookups/answers';
import type {
  ProviderOutcome,
  ProviderQuery,
  ProviderState,
  ReputationProvider,
} from '../../../../electron/core/lookups/providers/provider';
import { Scheduler } from '../../../../electron/core/lookups/scheduler';
import { FilesStore } from '../../../../electron/core/store/filesStore';
import { LookupsStore } from '../../../../electron/core/store/lookupsStore';
import { QueueStore } from '../../../../electron/core/store/queueStore';
import { useTempDatabase } from '../../../helpers/tempDatabase';

const SHA256 = (c: string) => c.repeat(64);

const openDb = useTempDatabase('fimv-scheduler-');

/** A provider whose limits, concurrency and answers the test decides; it records what it was asked. */
class FakeProvider implements ReputationProvider {
  readonly name = 'virustotal' as const;
  readonly role = 'engines' as const;
  readonly bit = 0;
  readonly batchSize = 1;
  asked: ProviderQuery[] = [];
  before = 0;
  limits = 0;
  slots = 1;
  idled = 0;
  notes: string[] = [];
  answer: (q: ProviderQuery) => ProviderOutcome | Promise<ProviderOutcome> = () => found(3, 70);
  reanalysed: [number, string][] = [];
  reanalysis?: ReputationProvider['reanalysis'];
  state(): ProviderState {
    return { status: 'ok', message: 'ready', resumesAt: null, lastError: null };
  }
  requests(): number {
    return this.asked.length;
  }
  hits(): number {
    return 0;
  }
  waitBeforeAsking(): number {
    return this.before;
  }
  concurrency(): number {
    return this.slots;
  }
  waitForLimits(): number {
    return this.limits;
  }
  idle(): void {
    this.idled++;
  }
  noteError(message: string): void {
    this.notes.push(message);
  }
  async ask(queries: readonly ProviderQuery[]): Promise<ProviderOutcome[]> {
    this.asked.push(...queries);
    return Promise.all(queries.map((q) => this.answer(q)));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function found(positives: number, total: number): ProviderOutcome {
  return {
    kind: 'answer',
    finding: {
      verdict: { state: positives > 0 ? 'malicious' : 'clean', positives, total },
      why: null,
      providerDetails: null,
      scanDate: 1_000,
      permalink: null,
      revealed: null,
      details: null,
      api: 'v3',
      httpStatus: 200,
      raw: '{}',
    },
  };
}

function setup(over: { warn?: (message: string) => void; failedRoundPauseMs?: number } = {}) {
  const db = openDb();
  const clock = {
    t: 1_000_000,
    now() {
      return this.t;
    },
  };
  const files = new FilesStore(db);
  const queue = new QueueStore(db);
  const lookups = new LookupsStore(db);
  const answers = new Answers({ db, files, lookups, queue, settings: () => DEFAULT_SETTINGS, now: () => clock.now() });
  const provider = new FakeProvider();
  const updated: [number, VerdictState | null][] = [];
  const scheduler = new Scheduler({
    queue,
    files,
    answers,
    providers: [provider],
    clock,
    random: () => 1,
    onFileUpdated: (fileId, previous) => updated.push([fileId, previous]),
    ...over,
  });
  const add = (c: string, reason: LookupReason = 'live', level = 5) => {
    const id = files.ensure({ sha256: SHA256(c), sha1: null, md5: null }, clock.now());
    queue.enqueue(id, reason, level, clock.now());
    return id;
  };
  return { clock, files, queue, lookups, answers, provider, scheduler, updated, add };
}

describe('Scheduler', () => {
  it('asks for the first entry in queue order and records the answer through the one answer path', async () => {
    const { scheduler, provider, add, files, queue, lookups, updated } = setup();
    const backfill = add('b', 'backfill', 12);
    const live = add('a', 'live', 3);
    expect(scheduler.step()).toBe(0);
    await scheduler.settled();
    expect(provider.asked.map((q) => q.fileId)).toEqual([live]);
    expect(provider.asked[0]).toMatchObject({ hash: SHA256('a'), reason: 'live' });
    expect(files.get(live)).toMatchObject({ state: 'malicious', positives: 3, total: 70, origin: 'virustotal' });
    expect(lookups.ofFile(live)).toMatchObject([{ origin: 'virustotal', reason: 'live', state: 'malicious' }]);
    expect(queue.get(live)).toBeUndefined();
    expect(queue.get(backfill)).toBeDefined();
    expect(updated).toEqual([[live, 'pending']]);
  });

  it('waits for what the provider says before looking for work, and for its limits once work waits', () => {
    const { scheduler, provider, add } = setup();
    add('a');
    provider.before = 5_000;
    expect(scheduler.step()).toBe(5_000);
    provider.before = 0;
    provider.limits = 61_000;
    expect(scheduler.step()).toBe(61_000);
    expect(provider.asked).toEqual([]);
  });

  it('keeps to the provider concurrency: a second request waits until the first is answered', async () => {
    const { scheduler, provider, add } = setup();
    add('a');
    add('b');
    const waiting: (() => void)[] = [];
    provider.answer = () => new Promise((r) => waiting.push(() => r(found(0, 70))));
    expect(scheduler.step()).toBe(0);
    expect(scheduler.inFlightCount()).toBe(1);
    expect(scheduler.step()).toBe(Infinity);
    provider.slots = 2;
    expect(scheduler.step()).toBe(0);
    expect(provider.asked).toHaveLength(2);
    for (const release of waiting) release();
    await scheduler.settled();
    expect(scheduler.inFlightCount()).toBe(0);
  });

  it('with nothing due, the provider goes idle and the next retry time is the wait', () => {
    const { scheduler, provider, add, queue, clock } = setup();
    expect(scheduler.step()).toBe(Infinity);
    expect(provider.idled).toBe(1);
    const id = add('a');
    queue.retryLater(id, clock.now() + 7_000, 'later');
    expect(scheduler.step()).toBe(7_000);
  });

  it('a failed attempt waits longer each time, and the file shows error after a few (still queued)', async () => {
    const { scheduler, provider, add, queue, files, clock, updated } = setup();
    const id = add('a');
    provider.answer = () => ({ kind: 'error', message: 'Error: no answer in time', countsAsAttempt: true });
    const delays: number[] = [];
    for (let i = 1; i <= ATTEMPTS_BEFORE_ERROR; i++) {
      expect(scheduler.step()).toBe(0);
      await scheduler.settled();
      const entry = queue.get(id)!;
      expect(entry.attempts).toBe(i);
      delays.push(entry.nextAttemptAt - clock.now());
      clock.t = entry.nextAttemptAt;
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]); // random = 1: the full delay
    expect(files.get(id)).toMatchObject({ state: 'error' });
    expect(files.get(id)!.reason).toMatch(/no answer in time \(after 5 attempts; retried later\)/);
    expect(updated).toEqual([[id, null]]);
  });

  it('a provider that stopped itself (a refused key, a rate limit) leaves the entry in its place', async () => {
    const { scheduler, provider, add, queue } = setup();
    const id = add('a');
    provider.answer = () => ({ kind: 'error', message: 'Error: Check credentials', countsAsAttempt: false });
    scheduler.step();
    await scheduler.settled();
    expect(queue.get(id)).toMatchObject({ attempts: 0, nextAttemptAt: 0, lastError: null });
  });

  it('a rescan asked while a live request is out keeps its entry: the analyst wants a fresh answer', async () => {
    const { scheduler, provider, add, queue, clock } = setup();
    const id = add('a');
    provider.answer = () => {
      queue.enqueue(id, 'rescan', 16, clock.now());
      return found(0, 70);
    };
    scheduler.step();
    await scheduler.settled();
    expect(queue.get(id)).toMatchObject({ reason: 'rescan' });
  });

  it('a round that throws (out of file descriptors reading the key) is said and tried again; the loop goes on', async () => {
    const warnings: string[] = [];
    const { scheduler, provider, add, files } = setup({ warn: (m) => warnings.push(m), failedRoundPauseMs: 5 });
    let failures = 3;
    const attempts: number[] = [];
    provider.waitBeforeAsking = () => {
      attempts.push(performance.now());
      if (failures-- > 0) throw new Error('cannot read the stored key (/data/vt-api-key): EMFILE');
      return 0;
    };
    const id = add('e');
    scheduler.start();
    // new work all the time meanwhile (alerts coming in): the pauses are kept whole all the same
    const waking = setInterval(() => scheduler.wake(), 1);
    try {
      const deadline = Date.now() + 10_000;
      while (files.get(id)?.state !== 'malicious' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(files.get(id)?.state).toBe('malicious');
      // 5, 10 and 20 ms after each failure (doubling), never sooner
      const gaps = attempts.slice(1, 4).map((t, i) => t - attempts[i]);
      expect(gaps.map((g, i) => g >= [5, 10, 20][i] - 1)).toEqual([true, true, true]);
      expect(warnings).toEqual([
        'look-ups: a round failed (cannot read the stored key (/data/vt-api-key): EMFILE); trying again in 0 s',
        'look-ups: a round failed (cannot read the stored key (/data/vt-api-key): EMFILE); trying again in 0 s',
        'look-ups: a round failed (cannot read the stored key (/data/vt-api-key): EMFILE); trying again in 0 s',
      ]);
    } finally {
      clearInterval(waking);
      await scheduler.stop();
    }
  });

  it('a bug in a provider keeps the entry for a minute and is kept as its last error', async () => {
    const { scheduler, provider, add, queue, clock } = setup();
    const id = add('a');
    provider.answer = () => {
      throw new Error('boom');
    };
    scheduler.step();
    await scheduler.settled();
    expect(queue.get(id)).toMatchObject({ nextAttemptAt: clock.now() + 60_000, lastError: 'internal error: boom' });
    expect(provider.notes).toEqual(['internal error: boom']);
  });

  it("a batch's answers are kept in one transaction: a bug while keeping one keeps none, and all are retried", async () => {
    const { scheduler, provider, add, queue, lookups, answers } = setup();
    Object.defineProperty(provider, 'batchSize', { value: 5 });
    const ids = ['a', 'b', 'c', 'd', 'e'].map((c) => add(c));
    const record = answers.record.bind(answers);
    answers.record = (input) => {
      if ('id' in input.file && input.file.id === ids[2]) throw new Error('boom');
      return record(input);
    };
    scheduler.step();
    await scheduler.settled();
    expect(provider.asked).toHaveLength(5);
    // none of the five answers is kept (one commit for the batch, rolled back), every entry waits for its retry
    for (const id of ids) {
      expect(lookups.ofFile(id)).toEqual([]);
      expect(queue.get(id)).toMatchObject({ lastError: 'internal error: boom' });
    }
  });

  it('a reanalysis goes to the provider that can reanalyse; the report is fetched when it ends', () => {
    const { scheduler, provider, files, queue, clock } = setup();
    provider.reanalysis = {
      maxMs: 600_000,
      start: (fileId, hash) => provider.reanalysed.push([fileId, hash]),
      reportStored: () => {},
      stop: () => Promise.resolve(),
    };
    const id = files.ensure({ sha256: SHA256('c'), sha1: null, md5: null }, clock.now());
    queue.enqueue(id, 'rescan', 16, clock.now(), true);
    expect(scheduler.step()).toBe(0);
    expect(provider.reanalysed).toEqual([[id, SHA256('c')]]);
    expect(provider.asked).toEqual([]);
    expect(queue.get(id)).toMatchObject({
      reason: 'reanalyse',
      reanalyse: false,
      nextAttemptAt: clock.now() + 600_000 + 60_000,
      lastError: 'reanalysing',
    });
  });
});
