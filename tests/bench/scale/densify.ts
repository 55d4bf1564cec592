// A data directory of N x k stored FIM alerts made from the built one of N (buildDataDir.ts), for the 10M run: each
// FIM alert of the year is stored k times, the copies 1 s apart after it (each with its own alert id), in time order
// as ingest would have stored them; the files, their answers and the answer history stay those of the N-alert year
// (so a file has k times the alerts, on the same agents and paths). Wazuh's own VirusTotal rows stay once.
//
// Why not the builder: it stores through the engine's own path, chunk by chunk with the answers, and each 250k
// alerts took longer than the last at 1M (a 10M build would take hours here). This is plain SQL on the built
// directory: the alert rows rebuilt in one ordered pass without their indexes and triggers, the indexes made once at
// the end, the per-file aggregates (file_places, file_alerts, and through their triggers file_order and the files'
// sort names) made again from the rows by migration 10's own statements, the counters set from the rows. The
// result is kept in the same cache under the key of N x k alerts, with `method` in its meta saying how it was made.
//
//   npx tsx tests/bench/scale/densify.ts [k=10] [N=1000000] [seed=15]   (or `npm run bench -- --scale 10000000 --densify`)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { cachedEntryDir, DB_FILE, scaleDataDir, type BuildMeta } from './buildDataDir';
import { schemaKey } from './engineStore';

/** the FIM events (0 modified, 1 added, 2 deleted): Wazuh's own VirusTotal rows (3) are not copied */
const FIM = 'event IN (0, 1, 2)';
/** a copy's alert id: its offset moved past any real one (Wazuh's offsets are bytes into a day's log) */
const ID_STEP = 1_000_000_000_000;

const COLUMNS = `manager_id, alert_s, alert_n, ts, tz, source_id, agent_ref, shape_id, path_id, event, file_id,
  hash_mask, after_hashes_id, before_hashes_id, size, inode, mtime, integration_logged`;

/** Migration 10's statements that build file_places and file_alerts from the rows (its schema is already there). */
function aggregatesFill(): string {
  const sql = MIGRATIONS.find((m) => m.version === 10)!.sql;
  const from = sql.indexOf('INSERT INTO file_places');
  const to = sql.indexOf('CREATE TRIGGER', from);
  if (from < 0 || to < 0) throw new Error('migration 10 no longer fills file_places first: repoint densify.ts');
  return sql.slice(from, to);
}

export async function densify(
  o: { factor: number; alerts: number; seed: number; cacheRoot?: string; rebuild?: boolean },
  log: (m: string) => void,
): Promise<{ dataDir: string; meta: BuildMeta }> {
  const entry = cachedEntryDir(o.alerts * o.factor, o.seed, o.cacheRoot);
  if (!o.rebuild && fs.existsSync(path.join(entry, 'meta.json'))) {
    const meta = JSON.parse(fs.readFileSync(path.join(entry, 'meta.json'), 'utf8')) as BuildMeta;
    log(`densify: reusing ${entry} (${meta.buildSeconds} s)`);
    return { dataDir: path.join(entry, 'data'), meta };
  }
  const source = await scaleDataDir({ alerts: o.alerts, seed: o.seed, cacheRoot: o.cacheRoot }, log);
  const building = `${entry}.densifying-${process.pid}`;
  const started = Date.now();
  fs.rmSync(building, { recursive: true, force: true });
  log(`densify: copying ${source.dataDir}`);
  fs.cpSync(path.dirname(source.dataDir), building, { recursive: true });
  fs.rmSync(path.join(building, 'meta.json'));
  const db = new Database(path.join(building, 'data', DB_FILE));
  const step = (what: string, fn: () => void) => {
    const t = Date.now();
    fn();
    log(`densify: ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -4000000');
    db.pragma('foreign_keys = OFF');
    const objects = db
      .prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'alert_rows' AND type IN ('index', 'trigger') AND sql IS NOT NULL",
      )
      .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
    const copies = Array.from({ length: o.factor }, (_, k) => `(${k})`).join(', ');
    step('the rows rebuilt in time order, each FIM alert k times', () =>
      db.transaction(() => {
        for (const x of objects) db.exec(`DROP ${x.type.toUpperCase()} ${x.name}`);
        db.exec(`CREATE TABLE dense AS
          SELECT manager_id, alert_s,
            CASE WHEN k.column1 = 0 THEN alert_n WHEN alert_s >= 0 THEN alert_n + k.column1 * ${ID_STEP}
              ELSE alert_n || '#' || k.column1 END AS alert_n,
            ts + k.column1 * 1000 AS ts, tz, source_id, agent_ref, shape_id, path_id, event, file_id, hash_mask,
            after_hashes_id, before_hashes_id, size, inode, mtime, integration_logged
          FROM alert_rows JOIN (VALUES ${copies}) k ON k.column1 = 0 OR ${FIM}
          ORDER BY ts + k.column1 * 1000, id, k.column1`);
        db.exec('DELETE FROM alert_rows');
        db.exec(`INSERT INTO alert_rows (${COLUMNS}) SELECT ${COLUMNS} FROM dense ORDER BY rowid`);
        db.exec('DROP TABLE dense');
      })(),
    );
    for (const x of objects.filter((x) => x.type === 'index')) step(`index ${x.name}`, () => db.exec(x.sql));
    step('per-file aggregates (file_places, file_alerts; file_order and sort names by their triggers)', () =>
      db.transaction(() => {
        db.exec('DELETE FROM file_places; DELETE FROM file_alerts;');
        db.exec(aggregatesFill());
      })(),
    );
    step('triggers and counters', () =>
      db.transaction(() => {
        for (const x of objects.filter((x) => x.type === 'trigger')) db.exec(x.sql);
        db.exec(`
          UPDATE counters SET value = (SELECT COUNT(*) FROM alert_rows) WHERE name = 'alertRows';
          UPDATE counters SET value = value + 1 WHERE name IN ('alertRowsVersion', 'alertStatesVersion');
          UPDATE alert_agents SET alerts = (SELECT COUNT(*) FROM alert_rows WHERE agent_ref = alert_agents.id);
          UPDATE sources SET fim_events = fim_events * ${o.factor},
            alerts_read = alerts_read + fim_events * ${o.factor - 1},
            bytes_read = bytes_read * ${o.factor};`);
      })(),
    );
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the densified database does not check: ${String(check)}`);
    const fim = db.prepare(`SELECT COUNT(*) FROM alert_rows WHERE ${FIM}`).pluck().get() as number;
    if (fim !== o.alerts * o.factor) throw new Error(`expected ${o.alerts * o.factor} FIM alerts, found ${fim}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db
      .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as { name: string; bytes: number }[];
    db.close();
    const diskBytes = fs.statSync(path.join(building, 'data', DB_FILE)).size;
    const m = source.meta.manifest;
    const times = (r: Record<string, number>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v * o.factor]));
    const meta: BuildMeta = {
      ...source.meta,
      alerts: o.alerts * o.factor,
      schema: schemaKey(),
      buildSeconds: Math.round((Date.now() - started) / 1000),
      method: `densified: the ${o.alerts}-alert year with each FIM alert stored ${o.factor} times (tests/bench/scale/densify.ts)`,
      manifest: {
        ...m,
        alerts: m.alerts * o.factor,
        skipped: m.skipped * o.factor,
        byEvent: times(m.byEvent),
        byAgent: times(m.byAgent),
        alertsByState: times(m.alertsByState as Record<string, number>),
        busiest: { ...m.busiest, alerts: m.busiest.alerts * o.factor },
      },
      diskBytes,
      objects: pages,
    };
    fs.writeFileSync(path.join(building, 'meta.json'), JSON.stringify(meta, null, 1));
    fs.rmSync(entry, { recursive: true, force: true });
    fs.renameSync(building, entry);
    log(
      `densify: ${meta.alerts.toLocaleString('en')} FIM alerts in ${meta.buildSeconds} s, ${(diskBytes / 1e6).toFixed(0)} MB`,
    );
    return { dataDir: path.join(entry, 'data'), meta };
  } catch (e) {
    if (db.open) db.close();
    fs.rmSync(building, { recursive: true, force: true });
    throw e;
  }
}

const entryPoint = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entryPoint === fileURLToPath(import.meta.url)) {
  const [factor, alerts, seed] = process.argv.slice(2).map(Number);
  const made = await densify({ factor: factor || 10, alerts: alerts || 1_000_000, seed: seed || 15 }, (m) =>
    process.stderr.write(`${m}\n`),
  );
  process.stdout.write(
    `${JSON.stringify({ dataDir: made.dataDir, alerts: made.meta.alerts, diskBytes: made.meta.diskBytes })}\n`,
  );
}
