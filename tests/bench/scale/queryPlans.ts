// Where the time of the slow requests goes, statement by statement: the stores' own queries run in-process on a
// built data directory (read-only), each timed, with SQLite's EXPLAIN QUERY PLAN beside it. A diagnostic for the
// engine work of issue 15, not part of `npm run bench`:
//
//   npx tsx tests/bench/scale/queryPlans.ts <data dir | N (the cached directory of N alerts, seed 15)>
//
// The statements are captured as SQLite runs them (better-sqlite3's `verbose` hook, values inlined), so this
// follows the stores as they change; the cases are the Live, History, stats and Files requests of requests.ts.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AlertsStore } from '../../../electron/core/store/alertsStore';
import { FileListStore, type FileListFilter } from '../../../electron/core/store/fileListStore';
import { FilesStore } from '../../../electron/core/store/filesStore';
import { LookupsStore } from '../../../electron/core/store/lookupsStore';
import { DB_FILE } from './buildDataDir';
import { schemaKey } from './engineStore';

interface Captured {
  sql: string;
  at: number;
}

function dataDirOf(arg: string): string {
  if (/^\d+$/.test(arg)) {
    const root = path.join(os.tmpdir(), 'fimv-bench-scale');
    const key = fs.readdirSync(root).find((d) => d === `n${arg}-s15-schema${schemaKey()}-b1`);
    if (!key) throw new Error(`no cached data directory of ${arg} alerts in ${root}: run the bench first`);
    return path.join(root, key, 'data');
  }
  return arg;
}

const captured: Captured[] = [];
const db = new Database(path.join(dataDirOf(process.argv[2] ?? '1000000'), DB_FILE), {
  readonly: true,
  verbose: (sql) => captured.push({ sql: String(sql), at: performance.now() }),
});
const alerts = new AlertsStore(db);
const lookups = new LookupsStore(db);
const files = new FilesStore(db);
const fileList = new FileListStore(db);

const total = alerts.count();
const maxId = alerts.maxId();
const page = (offset: number) => Math.floor(offset / 100) * 100;
const busyAgent = alerts.agents()[0]?.id ?? '';
// a file name seen a few times (a rare search scans the most)
const rare =
  alerts
    .list({ limit: 100, offset: page(total / 2), maxId })
    .items.map((a) => a.path.split(/[\\/]/).pop() ?? '')
    .find((name) => name.length >= 8) ?? 'invoice';
// the file with the most alerts (its page lists the most places)
const busiestFile = db
  .prepare('SELECT file_id FROM alert_rows WHERE file_id IS NOT NULL GROUP BY file_id ORDER BY COUNT(*) DESC LIMIT 1')
  .pluck()
  .get() as number;
const fileCount = fileList.list({ sort: 'risk' }, 1, 0).total;
// a page of the Files view as GET /api/files answers it: the rows, and each row's newest paths
const filesPage = (filter: FileListFilter, offset = 0) => {
  const { rows } = fileList.list(filter, 100, offset);
  for (const r of rows) fileList.paths(r.id);
};
const today = new Date();
today.setHours(0, 0, 0, 0);

const cases: [string, () => unknown][] = [
  ['alerts: first page', () => alerts.list({ limit: 100, offset: 0 })],
  ['alerts: middle (maxId)', () => alerts.list({ limit: 100, offset: page(total / 2), maxId })],
  ['alerts: last (maxId)', () => alerts.list({ limit: 100, offset: page(total - 1), maxId })],
  ['alerts state=clean: first page', () => alerts.list({ limit: 100, offset: 0, state: 'clean' })],
  ['alerts state=malicious: first page', () => alerts.list({ limit: 100, offset: 0, state: 'malicious' })],
  ['alerts state=skipped: first page', () => alerts.list({ limit: 100, offset: 0, state: 'skipped' })],
  ['alerts agent: first page', () => alerts.list({ limit: 100, offset: 0, agent: busyAgent })],
  ['alerts event=deleted: first page', () => alerts.list({ limit: 100, offset: 0, event: 'deleted' })],
  ['alerts q= common folder: first page', () => alerts.list({ limit: 100, offset: 0, q: 'System32' })],
  ['alerts q= rare file name: first page', () => alerts.list({ limit: 100, offset: 0, q: rare })],
  ['agents', () => alerts.agents()],
  ['stats: files by state', () => files.countByState()],
  ['stats: alerts today', () => alerts.countSince(today.getTime())],
  ['stats: files of today by state', () => alerts.fileStatesSince(today.getTime())],
  ['stats: files looked up today', () => lookups.filesLookedUpSince(today.getTime())],
  ['files: first page', () => filesPage({ sort: 'risk' })],
  ['files: sort by name', () => filesPage({ sort: 'name' })],
  ['files: sort by time to verdict', () => filesPage({ sort: '-ttv' })],
  ['files agent: first page', () => filesPage({ sort: 'risk', agent: busyAgent })],
  ['files q= rare file name', () => filesPage({ sort: 'risk', q: rare })],
  ['files: last page', () => filesPage({ sort: 'risk' }, page(fileCount - 1))],
  ['file page: places of the busiest file', () => fileList.places(busiestFile)],
  ['files export: rows of the busiest file', () => fileList.exportRows({ id: busiestFile, triage_at: null } as never)],
  ['history: first page', () => lookups.list({}, 100, 0)],
  ['history: last', () => lookups.list({}, 100, page(lookups.count() - 1))],
  ['history q= rare file name', () => lookups.list({ q: rare }, 100, 0)],
  ['history summary', () => lookups.summary(today.getTime() - 29 * 86_400_000)],
];

const ms = (n: number) => (n < 10 ? n.toFixed(1) : String(Math.round(n)));
const out: string[] = [`# Statements of the slow requests (${total.toLocaleString('en')} alert rows)`, ''];
for (const [name, run] of cases) {
  run(); // statements prepared, pages cached
  captured.length = 0;
  const started = performance.now();
  run();
  const ended = performance.now();
  out.push(`## ${name}: ${ms(ended - started)} ms`, '');
  captured.forEach((c, i) => {
    const took = (captured[i + 1]?.at ?? ended) - c.at;
    // LIMIT/OFFSET values are inlined as reals ("100.0"), which EXPLAIN refuses: back to integers
    const sql = c.sql.replace(/\b(LIMIT|OFFSET) (\d+)\.0\b/g, '$1 $2');
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>();
    const lines = plan.map((p) => {
      depth.set(p.id, (depth.get(p.parent) ?? -1) + 1);
      return `${'  '.repeat(depth.get(p.id)!)}${p.detail}`;
    });
    out.push(`- ${ms(took)} ms: \`${sql.replace(/\s+/g, ' ').slice(0, 300)}\``, '', '```', ...lines, '```', '');
  });
}
process.stdout.write(out.join('\n') + '\n');
