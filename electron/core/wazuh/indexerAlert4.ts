// One Wazuh 4.x indexer document (`_source` of a `wazuh-alerts-4.x-*` document) -> ParsedRecord. The document is
// the alerts.json object Filebeat shipped, plus `@timestamp` (parsed from `timestamp` by Wazuh's ingest pipeline)
// and `input`; the same parser as alerts.json applies, so an alert read from both is the same alert (same id,
// same manager, same rule) and is stored once. Never throws.
import type { ParsedRecord } from '../../../shared/domain';
import { classifyJsonAlert } from './alertsJson';
import { oneLine } from './coerce';

export function parseIndexerAlert4(source: unknown): ParsedRecord {
  try {
    return classifyJsonAlert(source);
  } catch (err) {
    // not expected (every access in the parser is guarded); one odd document must never stop a source
    return {
      kind: 'error',
      reason: `unreadable alert: ${oneLine(err instanceof Error ? err.message : 'unknown failure', 100)}`,
    };
  }
}
