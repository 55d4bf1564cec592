// A year of the fleet through the engine's own storage: FIM events (and Wazuh's answers) are stored one chunk per
// transaction as ingest does, and after each chunk the files the engine queued are answered a few minutes after
// their alert, as the scheduler would with a premium key (found, not found, or failing), so the planner sees fresh
// answers, attaches cached verdicts and queues refreshes exactly as it does live. The manifest counts what was
// stored, from the generator's side, for the builder's test (tests/integration/scaleDataDir.test.ts).
import type { FimEvent } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';
import { vtJson } from '../../generators/wazuhJson';
import type { Content, Destiny } from './contents';
import { ScaleEventStream } from './events';
import { fimEventOf } from './toDomain';
import { vtAnswerFor, type VtAnswer } from './vtAnswers';

/** What the simulation needs of the engine (tests/bench/scale/engineStore.ts). */
export interface ScaleStore {
  /** one ingest transaction; `nowMs` is the engine's clock for it */
  storeChunk(items: ({ kind: 'fim'; event: FimEvent } | { kind: 'wazuh-vt'; line: string })[], nowMs: number): void;
  /** the file's id when it is in the look-up queue */
  queuedFile(hashes: FileHashes): number | null;
  /** record answers as the scheduler does; returns how many were recorded (a file no longer queued is skipped) */
  recordAnswers(answers: { fileId: number; answer: VtAnswer; atMs: number }[]): number;
}

export interface Manifest {
  alerts: number;
  /** alerts stored without a file: deleted, or no hash */
  skipped: number;
  byEvent: Record<string, number>;
  byAgent: Record<string, number>;
  /** alerts of files in each final state (skipped ones not counted) */
  alertsByState: Partial<Record<Destiny, number>>;
  filesByState: Partial<Record<Destiny, number>>;
  files: number;
  /** look-up history rows: VirusTotal answers and Wazuh's */
  lookups: number;
  wazuhAnswers: number;
  /** the content with the most alerts */
  busiest: { sha256: string; alerts: number; lookups: number; path: string };
  contents: number;
  paths: number;
  agents: number;
}

interface Scheduled {
  content: Content;
  fileId: number;
  path: string;
  dueMs: number;
}

export const CHUNK_EVENTS = 2_000;

export function simulate(
  o: { alerts: number; seed: number; endEpochMs: number },
  store: ScaleStore,
  progress: (done: number) => void = () => {},
): Manifest {
  const stream = new ScaleEventStream(o.seed, o.alerts, o.endEpochMs);
  const F = stream.contents;
  const alertsOf = new Int32Array(F);
  const lookupsOf = new Int32Array(F);
  const lastPath: string[] = new Array<string>(F);
  const answered = new Uint8Array(F); // failed (errors) or scheduled now
  const m: Manifest = {
    alerts: 0,
    skipped: 0,
    byEvent: {},
    byAgent: {},
    alertsByState: {},
    filesByState: {},
    files: 0,
    lookups: 0,
    wazuhAnswers: 0,
    busiest: { sha256: '', alerts: 0, lookups: 0, path: '' },
    contents: F,
    paths: stream.pathCount,
    agents: stream.agents.length,
  };
  const destinyOf = new Map<number, Destiny>();
  let waiting: Scheduled[] = [];

  const answerDue = (nowMs: number) => {
    const due = waiting.filter((s) => s.dueMs <= nowMs);
    waiting = waiting.filter((s) => s.dueMs > nowMs);
    const answers: { fileId: number; answer: VtAnswer; atMs: number; s: Scheduled }[] = [];
    for (const s of due) {
      const answer = vtAnswerFor(s.content, s.path, s.dueMs);
      if (s.content.destiny !== 'error') answered[s.content.k] = 0;
      if (answer) answers.push({ fileId: s.fileId, answer, atMs: s.dueMs, s });
    }
    store.recordAnswers(answers);
    for (const a of answers) {
      if (a.answer.kind === 'failed') continue;
      lookupsOf[a.s.content.k]++;
      m.lookups++;
    }
  };

  const chunk = () => {
    const items = stream.next(CHUNK_EVENTS);
    const touched = new Map<number, { content: Content; atMs: number; path: string }>();
    const out: Parameters<ScaleStore['storeChunk']>[0] = [];
    let nowMs = 0;
    for (const item of items) {
      if (item.kind === 'wazuh-vt') {
        out.push({ kind: 'wazuh-vt', line: JSON.stringify(vtJson(item.spec)) });
        lookupsOf[item.content.k]++;
        m.lookups++;
        m.wazuhAnswers++;
        continue;
      }
      const s = item.spec;
      out.push({ kind: 'fim', event: fimEventOf(s) });
      nowMs = s.epochMs;
      m.alerts++;
      m.byEvent[s.event] = (m.byEvent[s.event] ?? 0) + 1;
      m.byAgent[s.agent.id] = (m.byAgent[s.agent.id] ?? 0) + 1;
      const c = item.content;
      if (!c) {
        m.skipped++;
        continue;
      }
      alertsOf[c.k]++;
      lastPath[c.k] = s.path;
      destinyOf.set(c.k, c.destiny);
      m.alertsByState[c.destiny] = (m.alertsByState[c.destiny] ?? 0) + 1;
      if (!touched.has(c.k)) touched.set(c.k, { content: c, atMs: s.epochMs, path: s.path });
    }
    store.storeChunk(out, nowMs);
    // what the engine queued now gets its answer a few minutes after the alert that queued it
    for (const [k, t] of touched) {
      if (answered[k] || t.content.destiny === 'pending') continue;
      const fileId = store.queuedFile(t.content.hashes);
      if (fileId === null) continue;
      answered[k] = 1;
      const delay = 60_000 + Math.floor(t.content.detail * 29 * 60_000);
      waiting.push({ content: t.content, fileId, path: t.path, dueMs: t.atMs + delay });
    }
    answerDue(nowMs);
  };
  // one commit per chunk, as ingest does: several chunks in one outer transaction (each chunk's own a savepoint
  // inside it) spent ~80% of a build in SQLite's savepoint bookkeeping (190 s -> 39 s for 100k alerts without it)
  while (!stream.done) {
    chunk();
    progress(m.alerts);
  }
  answerDue(Number.MAX_SAFE_INTEGER);

  for (const [k, destiny] of destinyOf) {
    m.files++;
    m.filesByState[destiny] = (m.filesByState[destiny] ?? 0) + 1;
    if (alertsOf[k] > m.busiest.alerts) {
      const c = stream.contentOf(k);
      m.busiest = { sha256: c.hashes.sha256, alerts: alertsOf[k], lookups: lookupsOf[k], path: lastPath[k] };
    }
  }
  return m;
}
