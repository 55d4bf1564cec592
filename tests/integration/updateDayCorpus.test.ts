// The update-day corpus (tests/bench/updateDayCorpus.ts): deterministic by seed, alerts the real parser reads as
// FIM events, and records the test servers answer as the corpus says: asking CIRCL then MalwareBazaar over HTTP
// leaves exactly the share of files the benchmark goal names for VirusTotal. And the risky-drop scenario: the risk
// score puts the dropped executable first where arrival order puts it last.
import { afterEach, describe, expect, it } from 'vitest';
import { assessRisk } from '../../electron/core/lookups/risk';
import { CirclClient } from '../../electron/core/providers/circl/circlClient';
import { EmptyFileClient } from '../../electron/core/providers/local/emptyFileClient';
import { MalwareBazaarClient } from '../../electron/core/providers/malwarebazaar/malwareBazaarClient';
import type { HashQuery } from '../../electron/core/providers/types';
import { parseJsonAlert } from '../../electron/core/wazuh/alertsJson';
import { riskyDropScenario, startUpdateDayServers, updateDayCorpus } from '../bench/updateDayCorpus';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe('update-day corpus', () => {
  it('is the same for the same seed and different for another', () => {
    const a = updateDayCorpus({ seed: 5, files: 300 });
    expect(updateDayCorpus({ seed: 5, files: 300 })).toEqual(a);
    expect(updateDayCorpus({ seed: 6, files: 300 }).alerts).not.toEqual(a.alerts);
  });

  it('writes one FIM alert per file and agent, in time order, that the real parser reads back', () => {
    const day = updateDayCorpus({ seed: 3, files: 400 });
    expect(day.summary).toMatchObject({ uniqueFiles: 400, knownGood: 340, malicious: 5, empty: 3, unknown: 52 });
    expect(day.summary.alerts).toBe(day.files.reduce((n, f) => n + f.agents.length, 0));
    expect(day.summary.alerts).toBeGreaterThan(day.summary.uniqueFiles); // vendor updates reach several agents
    const events = day.alerts.map((line) => {
      const r = parseJsonAlert(line);
      if (r.kind !== 'fim') throw new Error(`not a FIM alert: ${line}`);
      return r.event;
    });
    expect(events.map((e) => e.epochMs)).toEqual([...events.map((e) => e.epochMs)].sort((x, y) => x - y));
    const byPath = new Map(day.files.map((f) => [f.path, f]));
    for (const e of events) {
      const f = byPath.get(e.path)!;
      expect(e.after).toEqual(f.hashes);
      expect(f.agents.map((a) => a.id)).toContain(e.agent.id);
      expect(e.size).toBe(f.size);
    }
    expect(day.vtFiles).toHaveLength(400 - 3);
    expect(day.mbRecords.map((r) => r.signature)).toEqual([
      'AgentTesla',
      'Formbook',
      'AsyncRAT',
      'RedLineStealer',
      'Mirai',
    ]);
  });

  it('leaves VirusTotal exactly the files no free source knows to be good (asked over HTTP)', async () => {
    const day = updateDayCorpus({ seed: 9, files: 1_200 });
    const servers = await startUpdateDayServers(day);
    closers.push(() => servers.close());
    const circl = new CirclClient({ config: { baseUrl: servers.circl.url }, proxy: { httpProxy: '', httpsProxy: '' } });
    const mb = new MalwareBazaarClient({
      config: { baseUrl: servers.mb.url, authKey: servers.mbKey },
      proxy: { httpProxy: '', httpsProxy: '' },
    });
    closers.push(
      () => circl.close(),
      () => mb.close(),
    );

    const queries: HashQuery[] = day.files.map((f) => ({ ...f.hashes, size: f.size }));
    const local = await new EmptyFileClient().lookup(queries);
    const remote = queries.filter((_, i) => local[i].kind !== 'found');
    const fromCircl = await circl.lookup(remote);
    const knownGood = fromCircl.filter((r) => r.kind === 'found' && r.finding.verdict === 'known-good').length;
    const rest = remote.filter((_, i) => fromCircl[i].kind !== 'found');
    const fromMb = await mb.lookup(rest);
    const malicious = fromMb.filter((r) => r.kind === 'found').length;

    expect(local.filter((r) => r.kind === 'found')).toHaveLength(day.summary.empty);
    expect(knownGood).toBe(day.summary.knownGood);
    expect(malicious).toBe(day.summary.malicious);
    expect(servers.circl.requests).toHaveLength(Math.ceil(remote.length / 500)); // bulk SHA-1, 500 a request
    expect(servers.circl.askedAbout(day.files.find((f) => f.kind === 'empty')!.hashes.sha1)).toBe(0);
    const forVirusTotal = rest.length; // not known good: unknown files, and malware for its engine count
    expect(forVirusTotal / day.summary.uniqueFiles).toBe(day.summary.goalVtRequestsPerUniqueFile);
    const whys = fromCircl.flatMap((r) => (r.kind === 'found' ? [r.finding.why] : []));
    expect(whys).toContain('known good: NSRL, Windows 10 22H2');
    expect(whys.some((w) => /^known good: Debian [\w.-]+ \d+\.\d+-\d+$/.test(w))).toBe(true);
  });
});

describe('risky-drop scenario', () => {
  it('queues the drop last by arrival and first by risk', () => {
    const s = riskyDropScenario({ seed: 2 });
    expect(s.alerts).toHaveLength(1_001);
    const entries = [
      ...s.queued.map((f) => ({ ...f, event: 'modified' as const })),
      { ...s.drop, event: 'added' as const },
    ];
    const byRisk = entries
      .map((f) => ({ f, risk: assessRisk({ path: f.path, event: f.event, firstSeenInFleet: true, agentCount: 1 }) }))
      .sort((a, b) => b.risk.score - a.risk.score || b.f.epochMs - a.f.epochMs);
    expect(entries.indexOf(byRisk[0].f)).toBe(1_000); // arrival order: 1,000 requests before it
    expect(byRisk[0].f).toBe(entries[1_000]); // risk order: the next request
    expect(byRisk[0].risk.explanation).toBe('high: executable in a user temp folder, first seen, one agent, new file');
    expect(byRisk[1].risk.score).toBeLessThan(byRisk[0].risk.score);
    expect(riskyDropScenario({ seed: 2 })).toEqual(s);
  });
});
