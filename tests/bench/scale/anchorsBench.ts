// The Live order's anchors (electron/core/store/liveOrderAnchors.ts) timed on a built scale data directory,
// read-only: how long building them takes, then at several depths a Live page and a row's position without filters,
// walked as before and from the anchors, with the two answers compared (they must be the same).
//
//   npx tsx tests/bench/scale/anchorsBench.ts <data dir>      (the data dir holding fim-verdict.sqlite)
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../../electron/core/db/database';
import { AlertPages } from '../../../electron/core/store/alertPages';
import { alertFilterOf } from '../../../electron/core/store/alertFilter';
import { AlertPositions } from '../../../electron/core/store/alertPosition';
import { LiveOrderAnchors } from '../../../electron/core/store/liveOrderAnchors';
import { DB_FILE } from './buildDataDir';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: anchorsBench.ts <data dir>');
const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true }) as unknown as Db;
const maxId = db.prepare('SELECT MAX(id) FROM alert_rows').pluck().get() as number;
const total = db.prepare("SELECT value FROM counters WHERE name = 'alertRows'").pluck().get() as number;
const EVERY_ROW = alertFilterOf({}); // the Live order with no filter, as the API's pages build it
const VERSIONS = { rows: 0, states: 0 };
const timed = <T>(fn: () => T): [number, T] => {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
};

const anchors = new LiveOrderAnchors(db);
let slices = 0;
const [buildMs] = timed(() => {
  while (anchors.step(8)) slices++;
});
console.log(
  `${total.toLocaleString('en')} rows: anchors built in ${buildMs.toFixed(0)} ms (${slices + 1} slices of 8 ms)`,
  anchors.state(),
);

const fromAnchors = new AlertPages(db, undefined, anchors);
const walked = new AlertPages(db);
const positionsFromAnchors = new AlertPositions(db, anchors);
const positionsWalked = new AlertPositions(db);
const tsOf = db.prepare('SELECT ts FROM alert_rows WHERE id = ?').pluck();
let differ = 0;
for (const depth of [0.001, 0.25, 0.5, 0.75, 0.999]) {
  const offset = Math.floor(total * depth);
  // a new snapshot key each time: no bookmark from an earlier page
  const [a, pageA] = timed(() =>
    fromAnchors.page({ ...EVERY_ROW, key: `a${depth}` }, maxId, 100, offset, VERSIONS, () => total),
  );
  const [w, pageW] = timed(() =>
    walked.page({ ...EVERY_ROW, key: `w${depth}` }, maxId, 100, offset, VERSIONS, () => total),
  );
  const at = tsOf.get(pageA.ids[50]) as number;
  const [pa, placeA] = timed(() => positionsFromAnchors.atOrBefore({ maxId }, at));
  const [pw, placeW] = timed(() => positionsWalked.atOrBefore({ maxId }, at));
  const same = JSON.stringify(pageA) === JSON.stringify(pageW) && JSON.stringify(placeA) === JSON.stringify(placeW);
  if (!same) differ++;
  console.log(
    `depth ${String(depth).padEnd(5)} page: walked ${w.toFixed(1)} ms, from the anchors ${a.toFixed(1)} ms; ` +
      `position: walked ${pw.toFixed(1)} ms, from the anchors ${pa.toFixed(1)} ms; same answers: ${same}`,
  );
}
if (differ > 0) {
  console.error(`${differ} depth(s) answered differently`);
  process.exitCode = 1;
}
