// The Live list's export, with its filters: one row per alert with its agent, path, alert id, the file's verdict
// and who gave it, and the file's triage. CSV or JSON through the exports' writer (exportStream.ts), a page of
// alerts at a time. A snapshot: alerts stored meanwhile are left out.
import type { AlertItem, ApiParsedInput } from '../../../shared/contract';
import { bestHash } from '../../../shared/hashes';
import type { AlertsService } from '../ingest/alertsService';
import type { LookupsService } from '../lookups/lookupsService';
import type { TriageService } from '../triage/triageService';
import { exportAsText, exportStream } from './exportStream';

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

export function exportAlerts(
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
  function* pages(): Generator<Row[]> {
    let maxId: number | undefined;
    for (let offset = 0; ; offset += PAGE) {
      const page = d.alerts.list({ ...filter, limit: PAGE, offset, maxId });
      maxId = page.maxId;
      yield page.items.map((a) => ({
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
      }));
      if (page.items.length < PAGE) return;
    }
  }
  return exportAsText(
    exportStream({
      name: 'alerts',
      format,
      nowMs: now,
      pages: pages(),
      header: COLUMNS,
      cells: (r) => COLUMNS.map((c) => r[c]),
    }),
  );
}
