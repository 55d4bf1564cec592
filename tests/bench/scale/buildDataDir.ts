// A data directory of N stored FIM alerts for the scale benchmark, built through the engine's own storage
// (engineStore.ts) and kept in the temp folder by (N, seed, schema, builder version): the next runs reuse it.
//
//   const built = await scaleDataDir({ alerts: 1_000_000, seed: 15 }, log);
//   built.dataDir   the engine's data directory (copy it before starting anything on it: runs write to it)
//   built.meta      what was built: counts (the manifest), build time, bytes on disk and per table
//
// `npx tsx tests/bench/scale/buildDataDir.ts <alerts> [seed]` builds (or finds) one and prints its meta.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineStore, schemaKey, type DiskUsage } from './engineStore';
import { YEAR_MS } from './events';
import { simulate, type Manifest } from './simulate';

/** Bump when the generated data changes (paths, shares, answers): older cached directories are rebuilt. */
export const BUILDER_VERSION = 1;
export const DB_FILE = 'fim-verdict.sqlite';

export interface BuildOptions {
  alerts: number;
  seed: number;
  /** the newest alert's time; default: the start of today (UTC), so "the last 30 days" hold data */
  endEpochMs?: number;
  /** build again even when a cached directory exists */
  rebuild?: boolean;
  /** where built directories are kept; default <tmp>/fimv-bench-scale */
  cacheRoot?: string;
}

export interface BuildMeta {
  alerts: number;
  seed: number;
  endEpochMs: number;
  schema: string;
  builderVersion: number;
  buildSeconds: number;
  manifest: Manifest;
  /** database + WAL after a checkpoint */
  diskBytes: number;
  objects: DiskUsage['objects'];
  /** how it was made when not by this builder (densify.ts) */
  method?: string;
}

export interface ScaleDataDir {
  dataDir: string;
  /** the (empty) alerts.json its source follows */
  alertsFile: string;
  meta: BuildMeta;
}

export function startOfTodayUtc(now = Date.now()): number {
  return Math.floor(now / 86_400_000) * 86_400_000;
}

function entryOf(root: string, key: string) {
  const dir = path.join(root, key);
  return {
    dir,
    dataDir: path.join(dir, 'data'),
    alertsFile: path.join(dir, 'alerts', 'alerts.json'),
    meta: path.join(dir, 'meta.json'),
  };
}

/** Where the directory of N alerts from this seed is kept (densify.ts keeps its own under the same name). */
export function cachedEntryDir(alerts: number, seed: number, cacheRoot?: string): string {
  const root = cacheRoot ?? path.join(os.tmpdir(), 'fimv-bench-scale');
  return path.join(root, `n${alerts}-s${seed}-schema${schemaKey()}-b${BUILDER_VERSION}`);
}

export async function scaleDataDir(o: BuildOptions, log: (m: string) => void = () => {}): Promise<ScaleDataDir> {
  const dir = cachedEntryDir(o.alerts, o.seed, o.cacheRoot);
  const [root, key] = [path.dirname(dir), path.basename(dir)];
  const entry = entryOf(root, key);
  if (!o.rebuild && fs.existsSync(entry.meta)) {
    const meta = JSON.parse(fs.readFileSync(entry.meta, 'utf8')) as BuildMeta;
    log(`scale: reusing ${entry.dir} (${meta.method ?? 'built'} in ${meta.buildSeconds} s)`);
    return { dataDir: entry.dataDir, alertsFile: entry.alertsFile, meta };
  }
  // built aside, then renamed: an interrupted build is never taken for a finished one
  const building = entryOf(root, `${key}.building-${process.pid}`);
  fs.rmSync(building.dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(building.alertsFile), { recursive: true });
  fs.writeFileSync(building.alertsFile, '');
  const endEpochMs = o.endEpochMs ?? startOfTodayUtc();
  const started = Date.now();
  log(`scale: building ${o.alerts.toLocaleString('en')} FIM alerts (seed ${o.seed}) in ${building.dir}`);
  const store = new EngineStore(building.dataDir, endEpochMs - YEAR_MS);
  let manifest: Manifest;
  let objects: DiskUsage['objects'];
  try {
    // the source as it will be seen from the finished entry (a path, not opened while building)
    store.addSource(entry.alertsFile);
    let shown = 0;
    manifest = simulate({ alerts: o.alerts, seed: o.seed, endEpochMs }, store, (done) => {
      if (done - shown < 250_000 && done < o.alerts) return;
      shown = done;
      log(`scale: ${done.toLocaleString('en')} alerts stored (${Math.round((Date.now() - started) / 1000)} s)`);
    });
    objects = store.diskUsage().objects;
  } finally {
    await store.close();
  }
  const diskBytes = [DB_FILE, `${DB_FILE}-wal`]
    .map((f) => path.join(building.dataDir, f))
    .reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  const meta: BuildMeta = {
    alerts: o.alerts,
    seed: o.seed,
    endEpochMs,
    schema: schemaKey(),
    builderVersion: BUILDER_VERSION,
    buildSeconds: Math.round((Date.now() - started) / 1000),
    manifest,
    diskBytes,
    objects,
  };
  fs.writeFileSync(building.meta, JSON.stringify(meta, null, 1));
  fs.rmSync(entry.dir, { recursive: true, force: true });
  fs.renameSync(building.dir, entry.dir);
  log(`scale: built in ${meta.buildSeconds} s, ${(diskBytes / 1e6).toFixed(0)} MB`);
  return { dataDir: entry.dataDir, alertsFile: entry.alertsFile, meta };
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  const [alerts, seed] = process.argv.slice(2).map(Number);
  const built = await scaleDataDir({ alerts: alerts || 50_000, seed: seed || 15 }, (m) =>
    process.stderr.write(`${m}\n`),
  );
  process.stdout.write(`${JSON.stringify({ dataDir: built.dataDir, ...built.meta }, null, 1)}\n`);
}
