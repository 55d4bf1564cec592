// What a generated indexer corpus holds, document by document, so tests can count exactly what an engine
// must have stored: every FIM document once, how many carry a hash, how many distinct hashes, per agent...
// and a way to feed it to the test indexer with documents that become searchable late.
import type { FimEventKind } from '../../shared/domain';
import type { FileHashes } from '../../shared/hashes';

export type CorpusKind = 'fim' | 'registry' | 'other';

export interface CorpusEntry {
  /** the document's own unique id: 4.x `id`, 5.x `wazuh.event.id` */
  docId: string;
  kind: CorpusKind;
  agentId: string;
  /** FIM: the file path; null otherwise */
  path: string | null;
  event: FimEventKind | null;
  /** FIM: the hashes a parser must report (all null for a deletion) */
  hashes: FileHashes | null;
  /** the document's timestamp (4.x `timestamp`, 5.x `@timestamp`) in epoch millis */
  epochMs: number;
  /** how long after its timestamp the document becomes searchable (refresh, Filebeat batching, late flush) */
  delayMs: number;
}

export interface Corpus<Doc> {
  docs: Doc[];
  entries: CorpusEntry[];
}

export interface CorpusSummary {
  documents: number;
  fim: number;
  /** FIM documents with at least one hash (deletions have none) */
  fimWithHash: number;
  fimDeleted: number;
  registry: number;
  other: number;
  /** distinct sha256 of FIM documents with a hash */
  uniqueSha256: number;
  /** distinct sha256 seen on more than one agent */
  sharedAcrossAgents: number;
  agents: number;
  /** the largest number of documents sharing one timestamp */
  largestSameTimestamp: number;
  windowsPaths: number;
  linuxPaths: number;
  late: number;
}

const hasHash = (h: FileHashes | null): boolean => !!h && (h.md5 !== null || h.sha1 !== null || h.sha256 !== null);

/** Exact counts of a corpus (or of any part of one, e.g. the entries up to a time). */
export function summarize(entries: readonly CorpusEntry[], lateThresholdMs = 20_000): CorpusSummary {
  const fim = entries.filter((e) => e.kind === 'fim');
  const withHash = fim.filter((e) => hasHash(e.hashes));
  const agentsBySha = new Map<string, Set<string>>();
  for (const e of withHash) {
    const sha = e.hashes?.sha256;
    if (!sha) continue;
    const set = agentsBySha.get(sha) ?? new Set<string>();
    set.add(e.agentId);
    agentsBySha.set(sha, set);
  }
  const perTimestamp = new Map<number, number>();
  for (const e of entries) perTimestamp.set(e.epochMs, (perTimestamp.get(e.epochMs) ?? 0) + 1);
  return {
    documents: entries.length,
    fim: fim.length,
    fimWithHash: withHash.length,
    fimDeleted: fim.filter((e) => e.event === 'deleted').length,
    registry: entries.filter((e) => e.kind === 'registry').length,
    other: entries.filter((e) => e.kind === 'other').length,
    uniqueSha256: agentsBySha.size,
    sharedAcrossAgents: [...agentsBySha.values()].filter((s) => s.size > 1).length,
    agents: new Set(entries.map((e) => e.agentId)).size,
    largestSameTimestamp: Math.max(0, ...perTimestamp.values()),
    windowsPaths: fim.filter((e) => e.path !== null && /^[A-Za-z]:\\/.test(e.path)).length,
    linuxPaths: fim.filter((e) => e.path !== null && e.path.startsWith('/')).length,
    late: entries.filter((e) => e.delayMs >= lateThresholdMs).length,
  };
}

/** The FIM documents with a hash: what an engine must have stored once each. */
export function fimDocIdsWithHash(entries: readonly CorpusEntry[]): Set<string> {
  return new Set(entries.filter((e) => e.kind === 'fim' && hasHash(e.hashes)).map((e) => e.docId));
}

export interface DelayOptions {
  /** share of documents that arrive late (5.x engine flush, Filebeat backlog); default 0.1 */
  lateShare?: number;
  /** late delays are 20 s up to this; default 150_000 */
  maxLateMs?: number;
  /** normal delays are up to this (refresh interval); default 3_000 */
  maxNormalMs?: number;
}

export function delayFor(
  rng: { bool(p?: number): boolean; int(a: number, b: number): number },
  o: DelayOptions,
): number {
  return rng.bool(o.lateShare ?? 0.1) ? rng.int(20_000, o.maxLateMs ?? 150_000) : rng.int(0, o.maxNormalMs ?? 3_000);
}
