// The Live list's export, with its filters: one row per alert with its agent, path, alert id, the file's verdict
// and who gave it, and the file's triage. CSV (visible control characters, no formulas) or JSON (exact values,
// control characters as \u escapes), as the other exports. A snapshot: alerts stored meanwhile are left out.
import type { AlertItem, ApiParsedInput } from '../../../shared/contract';
import { bestHash } from '../../../shared/hashes';
import { escapeControlsInJson } from '../../../shared/visibleText';
import type { AlertsService } from '../ingest/alertsService';
import type { LookupsService } from '../lookups/lookupsService';
import type { TriageService } from '../triage/triageService';
import { csvRow } from './csv';

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
