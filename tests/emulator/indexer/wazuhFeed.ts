// How Wazuh's shippers put documents into the indexer, so tests can feed the server the way a real manager
// does:
// - 4.x: Filebeat's wazuh-module alerts pipeline (wazuh/wazuh extensions/filebeat/7.x/wazuh-module/alerts/
//   ingest/pipeline.json) parses `timestamp` into `@timestamp`, picks the daily index
//   `wazuh-alerts-4.x-YYYY.MM.DD` from it (date_index_name, UTC day) and removes Filebeat's fields but
//   `input`; the _id is OpenSearch's own.
// - 5.x: the manager's indexer connector appends events to the `wazuh-events-v5-<category>` data stream (FIM:
//   system-activity); the _id is OpenSearch's own.
// - 5.x FIM state: one document per agent and file in `wazuh-states-fim-files`, id
//   `<cluster>_<agent id>_<sha1(path)>` (FACTS.md section 5), updated in place when the file changes.
import { createHash } from 'node:crypto';
import type { NewDoc } from './store';

export const ALERTS_4X_PREFIX = 'wazuh-alerts-4.x-';
export const EVENTS_5X_STREAM = 'wazuh-events-v5-system-activity';
export const FIM_STATES_INDEX = 'wazuh-states-fim-files';

/** The daily index of a 4.x alert and the alert as stored (with `@timestamp`). */
export function alertDocument(alert: Record<string, unknown>): { index: string; doc: NewDoc } {
  const ts = alert.timestamp;
  const ms = typeof ts === 'string' ? Date.parse(ts.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
  if (!Number.isFinite(ms)) throw new Error(`alert without a parseable timestamp: ${JSON.stringify(ts)}`);
  const day = new Date(ms).toISOString().slice(0, 10).replace(/-/g, '.');
  // what the pipeline leaves of Filebeat's own fields: `input`; `@timestamp` parsed from `timestamp`
  const source = { input: { type: 'log' }, ...alert, '@timestamp': new Date(ms).toISOString() };
  return { index: `${ALERTS_4X_PREFIX}${day}`, doc: { source } };
}

export function fimStateId(state: Record<string, unknown>): string {
  const wazuh = (state.wazuh ?? {}) as { cluster?: { name?: unknown }; agent?: { id?: unknown } };
  const file = (state.file ?? {}) as { path?: unknown };
  if (typeof file.path !== 'string' || typeof wazuh.agent?.id !== 'string') {
    throw new Error('a FIM state document needs file.path and wazuh.agent.id');
  }
  const cluster = typeof wazuh.cluster?.name === 'string' ? wazuh.cluster.name : 'wazuh';
  return `${cluster}_${wazuh.agent.id}_${createHash('sha1').update(file.path, 'utf8').digest('hex')}`;
}
