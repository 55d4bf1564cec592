// Where each Wazuh generation keeps its FIM events in the indexer, how to ask for them and how to page through
// them without losing or repeating one (FACTS.md section 5):
// - 4.x: `wazuh-alerts-4.x-*`, the alerts.json objects; FIM = `rule.groups: syscheck`; time `timestamp`; unique id
//   `id`. The poll also reads `rule.groups: virustotal` (Wazuh's own VirusTotal answers), which the engine imports as
//   it does from alerts.json, so an analyst moving from Wazuh's integration keeps those answers.
// - 5.x: `wazuh-events-v5-system-activity*` (a data stream), FIM = `wazuh.integration.name: wazuh-fim`; time
//   `@timestamp`; unique id `wazuh.event.id`.
// Sort: (time asc, unique id asc). The id is the tiebreaker: search_after skips documents that tie on every sort
// value, and `_shard_doc` exists only from OpenSearch 3.3 (4.x indexers run 2.x). `unmapped_type` keeps a new
// backing index (after a rollover, no document yet) from failing its shards. The query requires both fields, so a
// sort value is never missing (a missing date sorts as 9223372036854775807, which JavaScript cannot hold exactly).
import type { ParsedRecord } from '../../../shared/domain';
import { parseEvent5Object } from '../wazuh/events5';
import { parseIndexerAlert4 } from '../wazuh/indexerAlert4';

export type WazuhMajor = 4 | 5;

export interface VersionProfile {
  version: WazuhMajor;
  /** what the poll reads */
  index: string;
  /** the indices whose presence says this generation is here */
  detectPattern: string;
  timeField: string;
  idField: string;
  /** FIM events only (counts) */
  fimFilter: Record<string, unknown>;
  /** what the poll reads: FIM events, and for 4.x Wazuh's own VirusTotal answers */
  readFilter: Record<string, unknown>;
  /** `_source` filter: what the parser does not need stays on the indexer */
  source: unknown;
  parse(source: unknown): ParsedRecord;
}

export const PROFILES: Readonly<Record<WazuhMajor, VersionProfile>> = {
  4: {
    version: 4,
    index: 'wazuh-alerts-4.x-*',
    detectPattern: 'wazuh-alerts-4.x-*',
    timeField: 'timestamp',
    idField: 'id',
    fimFilter: { term: { 'rule.groups': 'syscheck' } },
    readFilter: { terms: { 'rule.groups': ['syscheck', 'virustotal'] } },
    source: { excludes: ['full_log', 'previous_log'] },
    parse: parseIndexerAlert4,
  },
  5: {
    version: 5,
    index: 'wazuh-events-v5-system-activity*',
    detectPattern: 'wazuh-events-v5-*',
    timeField: '@timestamp',
    idField: 'wazuh.event.id',
    fimFilter: { term: { 'wazuh.integration.name': 'wazuh-fim' } },
    readFilter: { term: { 'wazuh.integration.name': 'wazuh-fim' } },
    source: true,
    parse: parseEvent5Object,
  },
};

export interface TimeRange {
  /** from this instant (inclusive), epoch ms */
  fromMs?: number;
  /** to this instant (exclusive), epoch ms */
  toMs?: number;
}

function rangeClause(field: string, r: TimeRange): Record<string, unknown> {
  const bounds: Record<string, unknown> = { format: 'epoch_millis' };
  if (r.fromMs !== undefined) bounds.gte = r.fromMs;
  if (r.toMs !== undefined) bounds.lt = r.toMs;
  return { range: { [field]: bounds } };
}

/** The documents to read (or, with `fimOnly`, to count) in a time range. */
export function fimQuery(p: VersionProfile, range: TimeRange, o: { fimOnly?: boolean } = {}): Record<string, unknown> {
  return {
    bool: {
      filter: [
        o.fimOnly ? p.fimFilter : p.readFilter,
        { exists: { field: p.idField } },
        rangeClause(p.timeField, range),
      ],
    },
  };
}

/** (time asc, unique id asc), never failing on an index that has not mapped them yet. */
export function fimSort(p: VersionProfile): Record<string, unknown>[] {
  return [
    { [p.timeField]: { order: 'asc', unmapped_type: 'date' } },
    { [p.idField]: { order: 'asc', unmapped_type: 'keyword' } },
  ];
}
