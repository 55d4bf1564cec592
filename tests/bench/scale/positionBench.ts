// The position query (GET /api/alerts/position: jump to a time or a Wazuh alert id) timed on a built scale data
// directory, read-only: per filter, the median and worst of a few targets spread over the table's depth, and the
// offsets found (the same before and after a change of the query).
//
//   npx tsx tests/bench/scale/positionBench.ts <data dir>
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../../electron/core/db/database';
import { AlertPositions } from '../../../electron/core/store/alertPosition';
import { DB_FILE } from './buildDataDir';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: positionBench.ts <data dir>');
const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
const positions = new AlertPositions(db as unknown as Db);

const rows = db.prepare('SELECT ts FROM alert_rows ORDER BY ts').pluck().all() as number[];
const ids = db
  .prepare("SELECT alert_s || '.' || alert_n FROM alert_rows WHERE alert_s >= 0 ORDER BY ts")
  .pluck()
  .all() as string[];
const agent = db.prepare('SELECT agent_name FROM alert_agents ORDER BY alerts DESC LIMIT 1').pluck().get() as string;
const depths = [0.001, 0.25, 0.5, 0.75, 0.999];

const filters: Record<string, object> = {
  none: {},
  agent: { agent },
  event: { event: 'modified' },
  state: { state: 'clean' },
  'q path': { q: '/etc/' },
  'q hash': { q: 'ab' },
};

const time = (fn: () => unknown): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(2)} ms, worst ${s[s.length - 1].toFixed(2)} ms`;
};

console.log(`${rows.length} rows`);
for (const [name, filter] of Object.entries(filters)) {
  const at: number[] = [];
  const byId: number[] = [];
  const found: string[] = [];
  for (const d of depths) {
    // twice: the first run prepares the statement
    found.push(String(positions.atOrBefore(filter, rows[Math.floor(d * (rows.length - 1))])?.offset));
    at.push(time(() => positions.atOrBefore(filter, rows[Math.floor(d * (rows.length - 1))])));
    const id = ids[Math.floor(d * (ids.length - 1))];
    found.push(String(positions.ofAlertId(filter, id)?.offset));
    byId.push(time(() => positions.ofAlertId(filter, id)));
  }
  console.log(`${name.padEnd(8)} at: ${summary(at)}; alertId: ${summary(byId)}; offsets ${found.join(' ')}`);
}
