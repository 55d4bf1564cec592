// The scheduler over a chain of providers, with real tables, a fake clock and fakes on the seam: the riskiest file
// is VirusTotal's next request whatever waits ahead of it; a free source's known good ends the chain, its malicious
// sends the file to VirusTotal at a raised priority; a free source that cannot answer holds nothing back and asks
// about the files that went past it once it can again.
import { describe, expect, it } from 'vitest';
import type { LookupReason } from '../../../../shared/domain';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import { Answers } from '../../../../electron/core/lookups/answers';
import type {
  ProviderOutcome,
  ProviderQuery,
  ProviderRole,
  ProviderState,
  ReputationProvider,
} from '../../../../electron/core/lookups/providers/provider';
import { assessRisk } from '../../../../electron/core/lookups/risk';
import { Scheduler, type ChainRules } from '../../../../electron/core/lookups/scheduler';
import { FilesStore } from '../../../../electron/core/store/filesStore';
import { LookupsStore } from '../../../../electron/core/store/lookupsStore';
import { QueueStore } from '../../../../electron/core/store/queueStore';
import { useTempDatabase } from '../../../helpers/tempDatabase';

const openDb = useTempDatabase('fimv-chain-');

class Fake implements ReputationProvider {
  asked: ProviderQuery[][] = [];
  before = 0;
  answer: (q: ProviderQuery) => ProviderOutcome = () => ({
    kind: 'no-opinion',
    why: 'not known',
    raw: null,
    httpStatus: null,
  });
  constructor(
    readonly name: 'circl' | 'virustotal',
    readonly role: ProviderRole,
    readonly bit: number,
    readonly batchSize: number,
  ) {}
  requests = () => this.asked.length;
  hits = () => 0;
  state(): ProviderState {
    return { status: 'ok', message: 'ready', resumesAt: null, lastError: null };
  }
  waitBeforeAsking = () => this.before;
  concurrency = () => 1;
  waitForLimits = () => 0;
  idle(): void {}
  noteError(): void {}
  ask(queries: readonly ProviderQuery[]): Promise<ProviderOutcome[]> {
    this.asked.push([...queries]);
    return Promise.resolve(queries.map((q) => this.answer(q)));
  }
  close = () => Promise.resolve();
}

const vtFound = (positives: number): ProviderOutcome => ({
  kind: 'answer',
  finding: {
    verdict: { state: positives > 0 ? 'malicious' : 'clean', positives, total: 72 },
    why: null,
    providerDetails: null,
    scanDate: 1,
    permalink: null,
    revealed: null,
    details: null,
    api: 'v3',
    httpStatus: 200,
    raw: '{}',
  },
});

const opinion = (state: 'known-good' | 'malicious', why: string): ProviderOutcome => ({
  kind: 'answer',
  finding: {
    verdict: { state, positives: null, total: null },
    why,
    providerDetails: null,
    scanDate: null,
    permalink: null,
    revealed: null,
    details: null,
    api: null,
    httpStatus: null,
    raw: '{}',
  },
});

function setup(rules: Partial<ChainRules> = {}, withCircl = true) {
  const db = openDb();
  const clock = { t: 1_000_000, now: () => clock.t };
  const files = new FilesStore(db);
  const queue = new QueueStore(db);
  const lookups = new LookupsStore(db);
  const answers = new Answers({ db, files, lookups, queue, settings: () => DEFAULT_SETTINGS, now: () => clock.now() });
  const circl = new Fake('circl', 'free', 1, 500);
  const vt = new Fake('virustotal', 'engines', 0, 1);
  vt.answer = () => vtFound(0);
  const scheduler = new Scheduler({
    queue,
    files,
    answers,
    providers: withCircl ? [circl, vt] : [vt],
    rules: () => ({ askVirusTotalAboutKnownGood: false, askVirusTotalAboutMalicious: true, ...rules }),
    clock,
    random: () => 1,
    onFileUpdated: () => {},
  });
  let n = 0;
  /** a file seen at `path`, queued as an alert there would queue it (its risk from the path) */
  const add = (path: string, reason: LookupReason = 'live', at = clock.now()) => {
    const hex = (++n).toString(16).padStart(64, '0');
    const id = files.ensure({ sha256: hex, sha1: null, md5: null }, at);
    queue.enqueue(id, reason, 5, at, { risk: assessRisk({ path, event: 'added', ruleLevel: 5 }).score });
    return id;
  };
  /** one round and its answers */
  const round = async () => {
    scheduler.step();
    await scheduler.settled();
  };
  return { clock, files, queue, lookups, circl, vt, scheduler, add, round };
}

describe('the risk-ordered queue', () => {
  it('a dropped temp-folder executable is the next VirusTotal request, ahead of 1,000 vendor files queued before it', async () => {
    const { add, clock, vt, round } = setup({}, false);
    for (let i = 0; i < 1000; i++) add(`C:\\Windows\\WinSxS\\amd64_x\\f${i}.dll`, 'live', clock.now() - 60_000 + i);
    const dropped = add('C:\\Users\\bob\\AppData\\Local\\Temp\\inv.exe');
    await round();
    expect(vt.asked.flat().map((q) => q.fileId)).toEqual([dropped]);
  });

  it('a rescan first, then live alerts by risk, backfill below, refreshes last; newest first among equals', async () => {
    const { add, clock, vt, round } = setup({}, false);
    const refresh = add('/tmp/x.sh', 'refresh');
    const backfill = add('/tmp/y.sh', 'backfill');
    const older = add('/opt/app/data.bin', 'live', clock.now() - 1000);
    const newer = add('/opt/app/other.bin', 'live', clock.now());
    const risky = add('/home/bob/Downloads/setup.exe', 'live', clock.now() - 5000);
    const rescan = add('/usr/lib/x86_64-linux-gnu/libc.so.6', 'rescan');
    for (let i = 0; i < 6; i++) await round();
    expect(vt.asked.flat().map((q) => q.fileId)).toEqual([rescan, risky, newer, older, backfill, refresh]);
  });
});

describe('the chain', () => {
  it('known-good checks are batched before the VirusTotal queue: a flood of vendor files never reaches it', async () => {
    const { add, circl, vt, files, queue, round } = setup();
    const ids = Array.from({ length: 600 }, (_, i) => add(`/usr/lib/pkg/f${i}.so`));
    circl.answer = () => opinion('known-good', 'known good: NSRL, Debian libfoo 1.0');
    await round();
    await round();
    expect(circl.asked.map((b) => b.length)).toEqual([500, 100]);
    expect(vt.asked).toEqual([]);
    expect(queue.count()).toBe(0);
    expect(files.get(ids[0])).toMatchObject({ state: 'known-good', origin: 'circl' });
  });

  it('a known-good file is asked of VirusTotal anyway, last, when the setting says so', async () => {
    const { add, circl, vt, queue, round } = setup({ askVirusTotalAboutKnownGood: true });
    const good = add('/usr/lib/pkg/a.so');
    circl.answer = () => opinion('known-good', 'known good: NSRL');
    await round();
    expect(queue.get(good)).toMatchObject({ provider: 'virustotal', reason: 'known-good-check' });
    await round();
    expect(vt.asked.flat().map((q) => q.fileId)).toEqual([good]);
  });

  it("a free source's malicious shows at once and VirusTotal is asked for its engines at a raised priority", async () => {
    const { add, circl, vt, files, queue, round } = setup();
    vt.before = Infinity; // VirusTotal busy: what CIRCL does not know waits for it
    const live = add('/tmp/first.sh');
    await round();
    expect(queue.get(live)).toMatchObject({ provider: 'virustotal', reason: 'live' });
    const bad = add('/opt/app/bad.bin');
    circl.answer = (q) =>
      q.fileId === bad
        ? opinion('malicious', 'malicious: CIRCL hashlookup (MISP)')
        : { kind: 'no-opinion', why: 'not known', raw: null, httpStatus: null };
    vt.answer = () => vtFound(40);
    await round();
    expect(files.get(bad)).toMatchObject({ state: 'malicious', origin: 'circl' });
    expect(queue.get(bad)).toMatchObject({ provider: 'virustotal', reason: 'engine-count' });
    // ahead of the live file queued before it
    vt.before = 0;
    await round();
    expect(vt.asked.flat()[0].fileId).toBe(bad);
    expect(files.get(bad)!.why).toBe('malicious: CIRCL hashlookup (MISP); 40/72 on VirusTotal');
    expect(queue.get(live)).toBeDefined();
  });

  it('a free source that cannot answer holds nothing back, and asks about the files that went past it once back', async () => {
    const { add, circl, vt, files, queue, round } = setup();
    vt.before = Infinity; // VirusTotal without a key: files wait for it
    const id = add('/usr/lib/pkg/a.so');
    circl.before = 30_000;
    await round();
    expect(circl.asked).toEqual([]);
    expect(queue.get(id)).toMatchObject({ provider: 'virustotal', skipped: 1 });
    circl.before = 0;
    circl.answer = () => opinion('known-good', 'known good: NSRL');
    await round();
    expect(circl.asked.flat().map((q) => q.fileId)).toEqual([id]);
    expect(files.get(id)).toMatchObject({ state: 'known-good' });
    expect(queue.get(id)).toBeUndefined();
  });
});
