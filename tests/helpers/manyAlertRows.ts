// Millions of Live-table rows without storing them: N made-up alerts, one a minute back from `newestMs`, made by
// arithmetic (row i is the i-th newest), with the answers to the Live table's position questions. The browser test
// of a table taller than the browser's height cap (tests/e2e/reachable.spec.ts) reads them; the server that serves
// them is manyAlertsServer.ts.
import type { AlertItem } from '../../shared/contract';
import { alertItem } from './alertItem';

const MINUTE = 60_000;

export interface ManyAlerts {
  rows: number;
  newestMs: number;
  /** the alert at table index `index` (0: the newest) */
  at(index: number): AlertItem;
  /** the index of a Wazuh alert id, null when no row has it */
  indexOfAlertId(alertId: string): number | null;
  /** the index of the newest row at or before `ms`, null when every row is newer */
  indexAtOrBefore(ms: number): number | null;
}

export function manyAlertRows(rows: number, newestMs: number): ManyAlerts {
  const at = (index: number): AlertItem => {
    const id = rows - index;
    const epochMs = newestMs - index * MINUTE;
    const hex = id.toString(16).padStart(8, '0');
    return alertItem({
      id,
      epochMs,
      agent: { id: String(1 + (id % 50)).padStart(3, '0'), name: `agent-${1 + (id % 50)}`, ip: null },
      md5: hex.repeat(4),
      sha1: hex.repeat(5),
      sha256: hex.repeat(8),
      size: 1000 + id,
      uname: 'root',
    });
  };

  return {
    rows,
    newestMs,
    at,
    indexOfAlertId(alertId) {
      const id = Number(alertId.split('.')[1]);
      const index = rows - id;
      return id >= 1 && id <= rows && at(index).alertId === alertId ? index : null;
    },
    indexAtOrBefore(ms) {
      const index = Math.max(0, Math.ceil((newestMs - ms) / MINUTE));
      return index < rows ? index : null;
    },
  };
}
