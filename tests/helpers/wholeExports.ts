// The Live alerts and Files exports as they were built before they streamed (the whole list in memory, one
// string): the bytes the streaming exports must keep. Copied from electron/core/api/alertsExport.ts and
// filesExport.ts as they were, for the equality tests only.
import type { AlertItem, ApiParsedInput } from '../../shared/contract';
import { bestHash } from '../../shared/hashes';
import { escapeControlsInJson } from '../../shared/visibleText';
import type { AlertsService } from '../../electron/core/ingest/alertsService';
import type { LookupsService } from '../../electron/core/lookups/lookupsService';
import type { TriageService } from '../../electron/core/triage/triageService';
import { csvRow } from '../../electron/core/api/csv';
import type { FileListFilter, FileListStore } from '../../electron/core/store/fileListStore';

const PAGE = 1000;
const COLUMNS = [
  'alertId',
  'timestamp',
  'manager',
  'agentId',
  'agentName',
  'agentIp',
  'ruleId',
  'ruleLevel',
  'event',
  'path',
  'sha256',
  'sha1',
  'md5',
  'state',
  'positives',
  'total',
  'provider',
  'triage',
] as const;

type Row = Record<(typeof COLUMNS)[number], string | number | null>;

export function wholeAlertsExport(
  d: {
    alerts: Pick<AlertsService, 'list'>;
    lookups: Pick<LookupsService, 'fileByHash'>;
    triage: Pick<TriageService, 'triageOf'>;
  },
  { format, ...filter }: ApiParsedInput<'exportAlerts'>,
  now: number,
): { filename: string; mimeType: string; content: string; rows: number } {
  const triageByHash = new Map<string, string | null>();
  const triageOf = (a: AlertItem): string | null => {
    const hash = bestHash(a);
    if (!hash) return null;
    if (!triageByHash.has(hash)) {
      const file = d.lookups.fileByHash(hash);
      triageByHash.set(hash, file ? d.triage.triageOf(file.id).state : null);
    }
    return triageByHash.get(hash) ?? null;
  };
  const rows: Row[] = [];
  let maxId: number | undefined;
  for (let offset = 0; ; offset += PAGE) {
    const page = d.alerts.list({ ...filter, limit: PAGE, offset, maxId });
    maxId = page.maxId;
    for (const a of page.items) {
      rows.push({
        alertId: a.alertId,
        timestamp: a.timestamp,
        manager: a.manager,
        agentId: a.agent.id,
        agentName: a.agent.name,
        agentIp: a.agent.ip,
        ruleId: a.rule.id,
        ruleLevel: a.rule.level,
        event: a.event,
        path: a.path,
        sha256: a.sha256,
        sha1: a.sha1,
        md5: a.md5,
        state: a.verdict.state,
        positives: a.verdict.positives,
        total: a.verdict.total,
        provider: a.verdict.origin,
        triage: triageOf(a),
      });
    }
    if (page.items.length < PAGE) break;
  }
  const stamp = new Date(now).toISOString().slice(0, 10);
  if (format === 'json') {
    return {
      filename: `fim-verdict-alerts-${stamp}.json`,
      mimeType: 'application/json',
      content: escapeControlsInJson(JSON.stringify(rows, null, 2)),
      rows: rows.length,
    };
  }
  const lines = [COLUMNS.join(','), ...rows.map((r) => csvRow(COLUMNS.map((c) => r[c])))];
  return {
    filename: `fim-verdict-alerts-${stamp}.csv`,
    mimeType: 'text/csv',
    content: lines.join('\r\n') + '\r\n',
    rows: rows.length,
  };
}

const FILE_COLUMNS = [
  'sha256',
  'sha1',
  'md5',
  'state',
  'positives',
  'total',
  'provider',
  'triage',
  'triageNote',
  'triageBy',
  'triageAt',
  'agentId',
  'agentName',
  'path',
  'alertId',
  'alertAt',
  'alerts',
] as const;

export function wholeFilesExport(
  list: Pick<FileListStore, 'iterate' | 'exportRows'>,
  filter: FileListFilter,
  format: 'csv' | 'json',
  now: number,
): { filename: string; mimeType: string; content: string; rows: number } {
  const stamp = new Date(now).toISOString().slice(0, 10);
  const rows = [];
  for (const file of list.iterate(filter)) rows.push(...list.exportRows(file));
  if (format === 'json') {
    return {
      filename: `fim-verdict-files-${stamp}.json`,
      mimeType: 'application/json',
      content: escapeControlsInJson(JSON.stringify(rows, null, 2)),
      rows: rows.length,
    };
  }
  const lines = [FILE_COLUMNS.join(',')];
  for (const r of rows) lines.push(csvRow(FILE_COLUMNS.map((c) => r[c])));
  return {
    filename: `fim-verdict-files-${stamp}.csv`,
    mimeType: 'text/csv',
    content: lines.join('\r\n') + '\r\n',
    rows: rows.length,
  };
}
