// The Live order's anchors (store/liveOrderAnchors.ts): the table without filters pages and jumps from a key whose
// count of newer rows is known, so these tests hold every page and every position to what ORDER BY over the rows
// gives, at every depth, for the snapshot of now and an older one, while rows are added (the newest and late ones),
// removed by retention (the oldest), and moved (a Wazuh row replaced by its FIM alert). The spacing is small so the
// anchors are many; every page's walk (the OFFSET it binds) is held under it, so a page that ignored them fails.
import { describe, expect, it, vi } from 'vitest';
import { silentLog } from '../../../../electron/core/base/runtime';
import type { Db } from '../../../../electron/core/db/database';
import { Retention } from '../../../../electron/core/ingest/retention';
import { AlertPages } from '../../../../electron/core/store/alertPages';
import { AlertPositions } from '../../../../electron/core/store/alertPosition';
import { AlertRetentionStore } from '../../../../electron/core/store/alertRetentionStore';
import type { CountersStore } from '../../../../electron/core/store/countersStore';
import { LiveOrderAnchors } from '../../../../electron/core/store/liveOrderAnchors';
import { EVERY_ROW, recordPageSkips, seededAlertDatabases } from '../../../helpers/alertRowsFixture';

const SPACING = 16;
const LIMIT = 7;
const T0 = 1_748_779_200_000;

const databases = seededAlertDatabases('fimv-live-order-');

function openSeeded(): Db {
  nextAlert = 0; // a row's alert id is <epoch>.<id - 1>
  return databases.open();
}

let nextAlert = 0;
/** Rows at these times (several share one), in one transaction; the counters as the store keeps them. */
function addRows(d: Db, times: number[]): void {
  const insert = d.prepare(`INSERT INTO alert_rows (manager_id, alert_s, alert_n, ts, tz, agent_ref, shape_id, path_id,
    event, hash_mask) VALUES (1, 1748779200, ?, ?, 0, 1, 1, 1, 0, 0)`);
  d.transaction(() => {
    for (const ts of times) insert.run(nextAlert++, ts);
    d.prepare(
      `INSERT INTO counters (name, value) VALUES ('alertRows', ?)
       ON CONFLICT (name) DO UPDATE SET value = value + excluded.value`,
    ).run(times.length);
  })();
}

/** n times out of id order, three rows to a time or so. */
const scattered = (n: number, from = 0) => Array.from({ length: n }, (_, i) => T0 + (((from + i) * 7919) % n) * 333);

function build(anchors: LiveOrderAnchors): void {
  let slices = 0;
  while (anchors.step(1)) if (++slices > 10_000) throw new Error('the anchors never finish');
}

const rowsOf = (d: Db, maxId: number) =>
  d.prepare('SELECT id FROM alert_rows WHERE id <= ? ORDER BY ts DESC, id DESC').pluck().all(maxId) as number[];
const maxIdOf = (d: Db) => d.prepare('SELECT MAX(id) FROM alert_rows').pluck().get() as number;
const versionOf = (d: Db) =>
  d.prepare("SELECT COALESCE((SELECT value FROM counters WHERE name = 'alertRowsVersion'), 0)").pluck().get() as number;

/**
 * Every page of the snapshot `maxId` read alone (a fresh snapshot for each, no bookmarks: each page starts from an
 * anchor or an end), against ORDER BY; each page's walk under the spacing.
 */
function expectEveryPage(d: Db, anchors: LiveOrderAnchors, maxId: number, maxWalk = 2 * SPACING): void {
  const expected = rowsOf(d, maxId);
  const total = expected.length;
  const versions = { rows: versionOf(d), states: 0 };
  const skips = recordPageSkips();
  for (let offset = 0; offset < total; offset += LIMIT) {
    const pages = new AlertPages(d, undefined, anchors);
    const page = pages.page(
      EVERY_ROW,
      maxId,
      LIMIT,
      offset,
      versions,
      () => d.prepare("SELECT value FROM counters WHERE name = 'alertRows'").pluck().get() as number,
    );
    expect(page.total).toBe(total);
    expect(page.ids, `offset ${offset} of ${total}`).toEqual(expected.slice(offset, offset + LIMIT));
  }
  expect(Math.max(...skips)).toBeLessThanOrEqual(maxWalk);
  vi.restoreAllMocks();
}

/** Every row's position (a jump to its time and to its alert id) against its index in ORDER BY. */
function expectEveryPosition(d: Db, anchors: LiveOrderAnchors, maxId: number): void {
  const positions = new AlertPositions(d, anchors);
  const expected = rowsOf(d, maxId);
  const rows = d.prepare('SELECT id, ts, alert_n FROM alert_rows WHERE id <= ?').all(maxId) as {
    id: number;
    ts: number;
    alert_n: number;
  }[];
  for (const r of rows) {
    const byId = positions.ofAlertId({ maxId }, `1748779200.${r.alert_n}`);
    expect(byId?.offset, `row ${r.id}`).toBe(expected.indexOf(r.id));
    // a jump to a time lands on the newest row at or before it
    const byTime = positions.atOrBefore({ maxId }, r.ts);
    expect(byTime?.offset).toBe(expected.indexOf(byTime!.id));
    expect(byTime!.epochMs).toBe(r.ts);
  }
}

describe('LiveOrderAnchors: every page and position without filters, at any depth', () => {
  it('builds down to the oldest row in bounded steps; pages and positions match ORDER BY', () => {
    const db = openSeeded();
    addRows(db, scattered(1_000));
    const anchors = new LiveOrderAnchors(db, SPACING);
    expect(anchors.step(0)).toBe(true); // one anchor per step at a budget of 0: not done
    build(anchors);
    expect(anchors.state()).toEqual({ anchors: Math.floor(1_000 / SPACING), complete: true, foldedTo: 1_000 });
    expectEveryPage(db, anchors, 1_000);
    expectEveryPosition(db, anchors, 1_000);
  });

  it('rows added after (the newest and late ones with old times) are folded in; older snapshots see without them', () => {
    const db = openSeeded();
    addRows(db, scattered(600));
    const anchors = new LiveOrderAnchors(db, SPACING);
    build(anchors);
    // late alerts: times among the oldest and the middle ones, ids after every row
    addRows(db, [T0 - 5, T0, T0 + 333 * 300, T0 + 333 * 300, ...scattered(50, 7)]);
    addRows(db, [T0 + 333 * 700, T0 + 333 * 701]);
    const now = maxIdOf(db);
    // folded in by the page itself (the gaps they widened not split yet: walks a little longer)
    expectEveryPage(db, anchors, now, 2 * SPACING + 56);
    expect(anchors.state().foldedTo).toBe(now);
    build(anchors);
    expectEveryPage(db, anchors, now);
    // the newest by the thousand (a catch-up) above the first anchor: split into anchors of their own
    const first = anchors.state().anchors;
    addRows(
      db,
      Array.from({ length: 1_000 }, (_, i) => T0 + 333 * (2_000 + i)),
    );
    build(anchors);
    expect(anchors.state().anchors).toBeGreaterThanOrEqual(first + Math.floor(1_000 / (2 * SPACING)));
    const latest = maxIdOf(db);
    expectEveryPage(db, anchors, latest);
    // a snapshot the user was reading before they came: the anchors count them out
    expectEveryPage(db, anchors, 600);
    expectEveryPage(db, anchors, 603);
    expectEveryPosition(db, anchors, 603);
    expectEveryPosition(db, anchors, latest);
    // the analyst stays on an old snapshot while rows keep coming: its unseen rows grow with each fold (its sorted
    // keys extended there, not read again)
    expectEveryPage(db, anchors, 600);
    addRows(db, [T0 - 7, T0 + 333 * 250, ...Array.from({ length: 40 }, (_, i) => T0 + 333 * (3_000 + i))]);
    anchors.step();
    expectEveryPage(db, anchors, 600);
    expectEveryPosition(db, anchors, 600);
    // late alerts older than every row, by the hundred: the old end gets anchors of its own
    addRows(
      db,
      Array.from({ length: 10 * SPACING }, (_, i) => T0 - 10_000 + i),
    );
    build(anchors);
    expectEveryPage(db, anchors, maxIdOf(db));
  });

  it('retention removes the oldest: the anchors newer than every removed row stay, the rest are built again', () => {
    const db = openSeeded();
    addRows(db, scattered(800));
    // a late alert with the newest id and the oldest time: retention removes it first, and its id is given again
    addRows(db, [T0 - 1_000]);
    const anchors = new LiveOrderAnchors(db, SPACING);
    build(anchors);
    const before = anchors.state().anchors;
    const retention = new AlertRetentionStore(db, anchors);
    db.transaction(() => retention.removeOldest(100, null))();
    const kept = maxIdOf(db);
    expect(kept).toBeLessThan(801);
    // no rebuild: they are usable as they are, fewer of them
    expect(anchors.state()).toMatchObject({ complete: true, foldedTo: kept });
    expect(anchors.state().anchors).toBeLessThan(before);
    expect(anchors.state().anchors).toBeGreaterThanOrEqual(before - Math.ceil(100 / SPACING) - 1);
    expectEveryPage(db, anchors, kept);
    addRows(db, [T0 + 333 * 400, T0 + 1]); // the removed newest ids given again
    expectEveryPage(db, anchors, maxIdOf(db));
    expectEveryPosition(db, anchors, maxIdOf(db));
  });

  it('a row moved in the order moves the counts it crosses; a change not told drops them until built again', () => {
    const db = openSeeded();
    addRows(db, scattered(500));
    const anchors = new LiveOrderAnchors(db, SPACING);
    build(anchors);
    const move = (id: number, ts: number, tell: boolean) =>
      db.transaction(() => {
        const from = db.prepare('SELECT ts, id FROM alert_rows WHERE id = ?').get(id) as { ts: number; id: number };
        db.prepare('UPDATE alert_rows SET ts = ? WHERE id = ?').run(ts, id);
        if (tell) anchors.moved(from, ts);
      })();
    // the oldest row to the newest place, a newest one to the oldest, one into the middle
    const oldest = rowsOf(db, 500).at(-1)!;
    move(oldest, T0 + 333 * 1_000, true);
    move(rowsOf(db, 500)[0], T0 - 1, true);
    move(rowsOf(db, 500)[250], T0 + 333 * 10, true);
    expect(anchors.state().anchors).toBe(Math.floor(500 / SPACING));
    expectEveryPage(db, anchors, 500);
    expectEveryPosition(db, anchors, 500);

    // an anchor's own row moved away: the anchors split after it count without it
    const third = rowsOf(db, 500)[3 * SPACING - 1];
    const thirdTs = db.prepare('SELECT ts FROM alert_rows WHERE id = ?').pluck().get(third) as number;
    move(third, T0 + 333 * 3_000, true);
    addRows(
      db,
      Array.from({ length: 3 * SPACING }, () => thirdTs - 1),
    );
    build(anchors);
    expectEveryPage(db, anchors, maxIdOf(db));
    expectEveryPosition(db, anchors, maxIdOf(db));

    // a move not told, then one told: the second does not make the anchors right again
    move(rowsOf(db, 500)[40], T0 + 333 * 4_000, false);
    move(rowsOf(db, 500)[41], T0 + 333 * 4_001, true);
    expectEveryPosition(db, anchors, maxIdOf(db));

    build(anchors);
    expect(anchors.state().anchors).toBeGreaterThan(0);
    move(rowsOf(db, 500)[5], T0 - 100_000, false); // from the newest to the oldest: every count it crossed
    // not told: the anchors are not used (each page walks as before, still right), then built again
    const positions = new AlertPositions(db, anchors);
    const top = rowsOf(db, 500)[300];
    expect(positions.ofAlertId({ maxId: 500 }, `1748779200.${top - 1}`)?.offset).toBe(300);
    build(anchors);
    expect(anchors.state()).toMatchObject({ complete: true });
    expectEveryPage(db, anchors, maxIdOf(db));
  });

  it('a retention step that told them and rolled back leaves no anchor behind', () => {
    const db = openSeeded();
    addRows(db, scattered(300));
    const anchors = new LiveOrderAnchors(db, SPACING);
    build(anchors);
    const retention = new Retention({
      db,
      // the step's last write fails: its transaction rolls back after the anchors heard of the removal
      counters: {
        get: () => 300,
        increment: () => {
          throw new Error('disk full');
        },
      } as unknown as CountersStore,
      clock: { now: () => T0 },
      log: silentLog,
      settings: () => ({ days: null, maxGB: 1e-9 }),
      removed: () => {},
      oldestRows: anchors,
    });
    expect(() => retention.step(50)).toThrow('disk full');
    expect(db.prepare('SELECT COUNT(*) FROM alert_rows').pluck().get()).toBe(300);
    expect(anchors.state()).toEqual({ anchors: 0, complete: false, foldedTo: 0 });
    build(anchors);
    expectEveryPage(db, anchors, 300);
  });
});
