// Millions of Live-table rows without storing them: a backend that answers the Live table's two questions (a page of
// /api/alerts, the position of an alert) by arithmetic over N made-up alerts, one a minute back from `newestMs`, and
// leaves every other method to a real engine. It lets a browser test scroll a table taller than the browser's
// height cap (33,554,432 px: ~932,000 rows of 36 px) in seconds; the real position query has its own tests
// (tests/integration/alertPosition.test.ts).
import type { AlertItem } from '../../shared/contract';
import { ApiError, type ApiBackend, type ApiHandlers } from '../../electron/core/api/types';

const MINUTE = 60_000;

export interface ManyAlerts {
  rows: number;
  newestMs: number;
  /** the alert at table index `index` (0: the newest) */
  at(index: number): AlertItem;
  backend(real: ApiBackend): ApiBackend;
}

export function manyAlerts(rows: number, newestMs: number): ManyAlerts {
  const at = (index: number): AlertItem => {
    const id = rows - index;
    const epochMs = newestMs - index * MINUTE;
    const hex = id.toString(16).padStart(8, '0');
    return {
      id,
      alertId: `${Math.floor(epochMs / 1000)}.${id}`,
      timestamp: new Date(epochMs).toISOString(),
      epochMs,
      manager: 'wazuh-manager',
      agent: { id: String(1 + (id % 50)).padStart(3, '0'), name: `agent-${1 + (id % 50)}`, ip: null },
      rule: { id: '554', level: 5, description: 'File added to the system.' },
      path: `/srv/data/file-${id}.bin`,
      event: 'added',
      mode: 'realtime',
      md5: hex.repeat(4),
      sha1: hex.repeat(5),
      sha256: hex.repeat(8),
      size: 1000 + id,
      uname: 'root',
      whodata: null,
      sourceId: 1,
      verdict: {
        state: 'pending',
        positives: null,
        total: null,
        permalink: null,
        scanDate: null,
        checkedAt: null,
        origin: null,
        reason: null,
      },
    };
  };

  const listAlerts: ApiHandlers['listAlerts'] = ({ limit, offset }) => {
    const items: AlertItem[] = [];
    for (let i = offset; i < Math.min(rows, offset + limit); i++) items.push(at(i));
    return { total: rows, items, maxId: rows };
  };

  const locateAlert: ApiHandlers['locateAlert'] = ({ at: time, alertId }) => {
    let index: number;
    if (alertId !== undefined) {
      const id = Number(alertId.split('.')[1]);
      index = rows - id;
      if (!(id >= 1 && id <= rows) || at(index).alertId !== alertId) {
        throw new ApiError('not-found', `no alert ${alertId} among the alerts shown (the filters may hide it)`);
      }
    } else {
      index = Math.max(0, Math.ceil((newestMs - Date.parse(time!)) / MINUTE));
      if (index >= rows) throw new ApiError('not-found', `no alert at or before ${time} among the alerts shown`);
    }
    const row = at(index);
    return { offset: index, id: row.id, alertId: row.alertId, epochMs: row.epochMs };
  };

  return {
    rows,
    newestMs,
    at,
    backend: (real) => ({ ...real, handlers: { ...real.handlers, listAlerts, locateAlert } }),
  };
}
