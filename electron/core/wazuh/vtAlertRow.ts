// Wazuh's own VirusTotal alert as an alert row. Its record names the FIM alert it answered (source.alert_id), the
// file (source.file), the hashes and often the agent: that is a FIM event all the same, even when the FIM alert
// itself was not read (another file, a day not imported). The row carries that alert id, path and agent, the
// VirusTotal rule, and the event 'unknown'; the FIM alert, if it is read later, replaces it (alertsStore.ts).
import type { AgentRef, WazuhVtAlertHeader, WazuhVtAlertRow, WazuhVtRecord } from '../../../shared/domain';
import { normalizeHash, type FileHashes } from '../../../shared/hashes';
import { epochFromAlertId } from './coerce';

const SHA256_IN_PERMALINK = /\/file\/([0-9a-fA-F]{64})(?:[/?#]|$)/;

/** The hashes a Wazuh VirusTotal record names: md5 and sha1 of the source, the sha256 of its permalink. */
export function wazuhVtHashes(rec: WazuhVtRecord): FileHashes {
  return {
    sha256: normalizeHash(rec.permalink?.match(SHA256_IN_PERMALINK)?.[1] ?? null),
    sha1: normalizeHash(rec.source.sha1 ?? rec.sha1),
    md5: normalizeHash(rec.source.md5),
  };
}

/** The counter of the rows built here that no FIM alert has replaced yet (they are no FIM event read). */
export const WAZUH_VERDICT_ROWS = 'wazuhVerdictRows';

export { WAZUH_VT_LOCATION, type WazuhVtAlertRow } from '../../../shared/domain';

/** The row of a Wazuh VirusTotal answer about a file, or null (an error answer, or no file named). */
export function wazuhVtAlertRow(rec: WazuhVtRecord, alert: WazuhVtAlertHeader | null): WazuhVtAlertRow | null {
  if (rec.error || rec.found === null || !rec.source.file) return null;
  const alertId = rec.source.alertId ?? rec.alertId;
  // the FIM alert's own time is in its id ("<epoch>.<offset>"); else the time of Wazuh's answer
  const epochMs = (rec.source.alertId && epochFromAlertId(rec.source.alertId)) || rec.epochMs;
  const source = rec.source.agent;
  const agent: AgentRef =
    source && (source.id || source.name)
      ? { id: source.id, name: source.name, ip: null }
      : (alert?.agent ?? { id: null, name: null, ip: null });
  return {
    manager: rec.manager,
    alertId,
    epochMs,
    timestamp: epochMs === rec.epochMs ? rec.timestamp : new Date(epochMs).toISOString(),
    agent,
    rule: {
      id: rec.ruleId,
      level: alert?.rule.level ?? 0,
      description: alert?.rule.description ?? 'VirusTotal',
      groups: alert?.rule.groups ?? ['virustotal'],
    },
    path: rec.source.file,
    hashes: wazuhVtHashes(rec),
  };
}
