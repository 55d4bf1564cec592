// A deterministic Wazuh 4.x indexer corpus: the alerts.json objects Filebeat ships to wazuh-alerts-4.x-*
// (FIM alerts from a Fleet, rendered by the alerts.json generator, plus registry and non-FIM alerts), with a
// manifest entry per document (tests/generators/indexerCorpus.ts) for exact counts.
//
//   const corpus = generateIndexer4Corpus({ seed: 3, count: 2_000 });
//   indexer.addAlerts(corpus.docs);                         // or feedCorpus4(indexer, corpus, { now })
//   summarize(corpus.entries).fimWithHash                   // how many FIM documents must be stored
import { createRng } from './prng';
import { type CorpusEntry, type Corpus, delayFor, type DelayOptions } from './indexerCorpus';
import { Fleet, type FleetEvent, type FleetOptions } from './fleet';
import { WazuhAlertGenerator } from './wazuhAlerts';

export interface Indexer4Options extends FleetOptions, DelayOptions {
  /** documents in all */
  count: number;
  /** share of non-FIM alerts (sshd, web, rootcheck); default 0.3 */
  otherShare?: number;
  /** share of Windows registry alerts (group syscheck, no file); default 0.05 */
  registryShare?: number;
  /** the manager's UTC offset in minutes, as written in `timestamp`; default 0 */
  tzOffsetMinutes?: number;
}

const NO_HASHES = { md5: null, sha1: null, sha256: null };

export function generateIndexer4Corpus(o: Indexer4Options): Corpus<Record<string, unknown>> {
  const seed = o.seed ?? 1;
  const fleet = new Fleet(o);
  const gen = new WazuhAlertGenerator({
    seed: seed + 1,
    agents: fleet.agents,
    tzOffsetMinutes: o.tzOffsetMinutes ?? 0,
  });
  const rng = createRng(seed + 2);
  const docs: Record<string, unknown>[] = [];
  const entries: CorpusEntry[] = [];
  let lastMs = o.startEpochMs ?? Date.UTC(2026, 6, 5, 9, 0, 0);

  const push = (doc: Record<string, unknown>, entry: Omit<CorpusEntry, 'docId' | 'delayMs'>) => {
    docs.push(doc);
    entries.push({ ...entry, docId: String(doc.id), delayMs: delayFor(rng, o) });
  };

  for (let i = 0; i < o.count; i++) {
    const roll = rng.next();
    const otherShare = o.otherShare ?? 0.3;
    const registryShare = o.registryShare ?? 0.05;
    if (roll < otherShare) {
      const doc = JSON.parse(gen.otherAlert(rng.pick(['sshd', 'web', 'rootcheck'] as const), { epochMs: lastMs }));
      push(doc, { kind: 'other', agentId: doc.agent.id, path: null, event: null, hashes: null, epochMs: lastMs });
    } else if (roll < otherShare + registryShare && fleet.agents.some((a) => a.os === 'windows')) {
      const agent = rng.pick(fleet.agents.filter((a) => a.os === 'windows'));
      const doc = JSON.parse(gen.registryAlert({ agent, epochMs: lastMs }));
      push(doc, { kind: 'registry', agentId: agent.id, path: null, event: null, hashes: null, epochMs: lastMs });
    } else {
      const ev = fleet.events(1)[0];
      lastMs = ev.epochMs;
      const doc = fimDoc(gen, ev, rng.bool(0.5));
      push(doc, {
        kind: 'fim',
        agentId: ev.agent.id,
        path: ev.path,
        event: ev.event,
        hashes: ev.hashes ? { ...ev.hashes } : { ...NO_HASHES },
        epochMs: ev.epochMs,
      });
    }
  }
  return { docs, entries };
}

function fimDoc(gen: WazuhAlertGenerator, ev: FleetEvent, deletedKeepsAfter: boolean): Record<string, unknown> {
  return gen.fimAlertObject({
    agent: ev.agent,
    os: ev.os,
    path: ev.path,
    event: ev.event,
    epochMs: ev.epochMs,
    size: ev.size,
    sizeBefore: ev.sizeBefore ?? undefined,
    before: ev.event === 'modified' ? ev.previous : undefined,
    ...(ev.hashes ? { hashes: ev.hashes } : {}),
    deletedKeepsAfter,
  });
}

/** Feeds a 4.x corpus to the test indexer: each document searchable `delayMs` after its timestamp, or at once. */
export function feedCorpus4(
  indexer: { addAlerts(alerts: readonly Record<string, unknown>[], o?: { visibleAt?: number | 'refresh' }): unknown },
  corpus: Corpus<Record<string, unknown>>,
  o: { visibility?: 'now' | 'by-delay' | 'refresh' } = {},
): void {
  corpus.docs.forEach((doc, i) => {
    const e = corpus.entries[i];
    const visibleAt =
      o.visibility === 'by-delay' ? e.epochMs + e.delayMs : o.visibility === 'refresh' ? 'refresh' : undefined;
    indexer.addAlerts([doc], visibleAt === undefined ? {} : { visibleAt });
  });
}
