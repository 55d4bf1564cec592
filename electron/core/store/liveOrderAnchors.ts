// Positions in the Live order (ts DESC, id DESC) at any depth, for the table without filters: a key every few
// thousand rows, each with the number of rows newer than it. A page at offset 5,000,000 then walks at most a few
// thousand index entries from the anchor before it, and a jump to a date or an alert id counts the rows between its
// target and the nearest anchor, instead of walking millions of entries (at 10M stored alerts ~0.5 s each).
//
// The counts are of the rows newer than each key, so the two common changes are cheap to follow:
// - rows added (the newest, or a late alert anywhere in the order) are folded in by their ids, lazily: every row
//   with foldedTo < id is read once and adds one to each anchor older than it;
// - retention removes the oldest rows: the anchors newer than every removed row keep their counts, the others go.
// A row moved in the order (a Wazuh row replaced by its FIM alert) moves the counts it crosses. Every row removed
// or moved is also counted by triggers on this connection (temporary: no migration), so a change nobody told us of,
// or a transaction that rolls back after telling us, drops every anchor; they are built again in the background,
// one bounded step at a time, and until then the pages walk as before (alertPages.ts). Kept in memory only:
// building them reads the order's index once (~1 s at 10M alerts, in steps of a few milliseconds). Rows added
// between two anchors widen the gap (the newest above the first one, above all): wide gaps are split again.
import type { Db } from '../db/database';

export interface OrderKey {
  ts: number;
  id: number;
}

interface Anchor extends OrderKey {
  /** rows with id <= foldedTo strictly newer than this key in the Live order */
  newer: number;
}

/** Rows between two anchors: what a page or a position walks at most. */
export const ANCHOR_SPACING = 8_192;
/**
 * A snapshot older than the anchors by more rows than this is walked as before. Its unseen rows' keys are read once
 * (at 10M: 15 ms for 10k rows, 80 ms for 50k, 200-300 ms for 150-200k, about one walk) and kept up to date as rows
 * are folded in, so the snapshot's next pages take 1-11 ms: an analyst reading deep in the table while a catch-up
 * stores 4,000 alerts a second keeps fast pages for the first ~50 s of it. One snapshot's at a time (~10 MB at most).
 */
const MAX_CORRECTION_ROWS = 200_000;
/** Rows folded in per read (a catch-up adds them by the hundred thousand). */
const FOLD_CHUNK = 100_000;
/** Each instance has its own triggers and function on the connection (tests open several stores on one). */
let instances = 0;

/** a strictly newer than b in the Live order */
function isNewer(a: OrderKey, b: OrderKey): boolean {
  return a.ts > b.ts || (a.ts === b.ts && a.id > b.id);
}

const newestFirst = (a: OrderKey, b: OrderKey): number => (isNewer(a, b) ? -1 : 1);

/** Among keys sorted newest first: how many are newer than or equal to k (the index of the first older one). */
function notOlderCount(keys: readonly OrderKey[], k: OrderKey): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isNewer(k, keys[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Among keys sorted newest first: how many are strictly newer than k. */
function newerCount(keys: readonly OrderKey[], k: OrderKey): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isNewer(keys[mid], k)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LiveOrderAnchors {
  private readonly s;
  /** newest first */
  private anchors: Anchor[] = [];
  /** every row with id <= foldedTo is counted in the anchors */
  private foldedTo = 0;
  /** rows removed or moved in the order, as the triggers saw them */
  private changes = 0;
  /** the changes the anchors account for: when the two differ, they are dropped */
  private seen = 0;
  /** the anchors reach the oldest row (fewer than `spacing` rows lie beyond the last) */
  private complete = false;
  /** for a snapshot older than foldedTo: the keys of the rows it does not see, newest first */
  private correction: { maxId: number; foldedTo: number; keys: OrderKey[] } | null = null;

  constructor(
    db: Db,
    private readonly spacing = ANCHOR_SPACING,
  ) {
    const n = ++instances;
    const changed = `fimv_live_order_changed_${n}`;
    db.function(changed, () => {
      this.changes++;
      return null;
    });
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS fimv_live_order_removed_${n} AFTER DELETE ON main.alert_rows
        BEGIN SELECT ${changed}(); END;
      CREATE TEMP TRIGGER IF NOT EXISTS fimv_live_order_moved_${n} AFTER UPDATE OF ts, id ON main.alert_rows
        BEGIN SELECT ${changed}(); END;`);
    this.s = {
      maxId: db.prepare('SELECT COALESCE(MAX(id), 0) FROM alert_rows').pluck(),
      // the rows of an id range (the rowid: no index), their keys
      keysBetween: db.prepare('SELECT ts, id FROM alert_rows WHERE id > ? AND id <= ? ORDER BY id LIMIT ?'),
      countBetween: db
        .prepare('SELECT COUNT(*) FROM (SELECT 1 FROM alert_rows WHERE id > ? AND id <= ? LIMIT ?)')
        .pluck(),
      // the next anchor: `spacing` rows on from the last one (or from the newest), along the Live order's index
      first: db.prepare(
        `SELECT ts, id FROM alert_rows INDEXED BY alert_rows_ts WHERE id <= @maxId
         ORDER BY ts DESC, id DESC LIMIT 1 OFFSET @skip`,
      ),
      next: db.prepare(
        `SELECT ts, id FROM alert_rows INDEXED BY alert_rows_ts WHERE id <= @maxId AND (ts, id) < (@ts, @id)
         ORDER BY ts DESC, id DESC LIMIT 1 OFFSET @skip`,
      ),
      isRow: db.prepare('SELECT COUNT(*) FROM alert_rows WHERE id = ? AND ts = ? AND id <= ?').pluck(),
    };
  }

  /** Drop every anchor (built again by step()). */
  forget(): void {
    this.anchors = [];
    this.foldedTo = 0;
    this.seen = this.changes;
    this.complete = false;
    this.correction = null;
  }

  /** What is built (the tests and tests/bench/scale/anchorsBench.ts). */
  state(): { anchors: number; complete: boolean; foldedTo: number } {
    return { anchors: this.anchors.length, complete: this.complete, foldedTo: this.foldedTo };
  }

  /** Count every row with foldedTo < id <= upTo in the anchors. */
  private fold(upTo: number): void {
    // no anchor to count them in (a build starts, or a small table grew): they are below the anchors to come
    if (this.anchors.length === 0 && upTo > this.foldedTo) {
      this.foldedTo = upTo;
      this.complete = false;
    }
    // the older snapshot's unseen rows gain the rows folded now (all newer than its maxId)
    let c = this.correction?.foldedTo === this.foldedTo ? this.correction : null;
    this.correction = null;
    while (this.foldedTo < upTo) {
      const rows = this.s.keysBetween.all(this.foldedTo, upTo, FOLD_CHUNK) as OrderKey[];
      if (rows.length === 0) break;
      if (c && c.keys.length + rows.length <= MAX_CORRECTION_ROWS) for (const r of rows) c.keys.push(r);
      else c = null;
      // each row adds one to every anchor older than it: a difference array, then its running sum
      const adds = new Array<number>(this.anchors.length + 1).fill(0);
      for (const r of rows) adds[notOlderCount(this.anchors, r)]++;
      let running = 0;
      for (let i = 0; i < this.anchors.length; i++) {
        running += adds[i];
        this.anchors[i].newer += running;
      }
      // rows older than the last anchor: the old end may need one more
      if (adds[this.anchors.length] > 0) this.complete = false;
      this.foldedTo = rows[rows.length - 1].id;
    }
    this.foldedTo = Math.max(this.foldedTo, upTo);
    if (c) {
      c.keys.sort(newestFirst);
      this.correction = { ...c, foldedTo: this.foldedTo };
    }
  }

  /** The anchor `spacing` rows older than `from` (the newest row when null), or null when there are fewer. */
  private anchorAfter(from: Anchor | null): Anchor | null {
    if (!from) {
      const row = this.s.first.get({ maxId: this.foldedTo, skip: this.spacing - 1 }) as OrderKey | undefined;
      return row ? { ts: row.ts, id: row.id, newer: this.spacing - 1 } : null;
    }
    const row = this.s.next.get({ maxId: this.foldedTo, ts: from.ts, id: from.id, skip: this.spacing - 1 }) as
      OrderKey | undefined;
    if (!row) return null;
    // the rows newer than `from`, its own row (unless it moved or went), the rows skipped
    const isRow = this.s.isRow.get(from.id, from.ts, this.foldedTo) as number;
    return { ts: row.ts, id: row.id, newer: from.newer + isRow + this.spacing - 1 };
  }

  /**
   * Where an anchor is missing: before anchors[i] (more than two spacings of rows since the one before), after the
   * last (anchors.length: the old end not reached), or nowhere (-1).
   */
  private wideGap(): number {
    for (let i = 0; i < this.anchors.length; i++) {
      const below = i === 0 ? 0 : this.anchors[i - 1].newer;
      if (this.anchors[i].newer - below > 2 * this.spacing) return i;
    }
    return this.complete ? -1 : this.anchors.length;
  }

  /**
   * One bounded piece of the background work: (re)build the anchors down to the oldest row, fold in the rows added
   * meanwhile, and split the gaps they widened. Returns true while there is more to do.
   */
  step(budgetMs = 8): boolean {
    const started = performance.now();
    if (this.seen !== this.changes) this.forget();
    this.fold(this.s.maxId.get() as number);
    for (;;) {
      const gap = this.wideGap();
      if (gap < 0) return false;
      const inside = this.anchorAfter(gap === 0 ? null : this.anchors[gap - 1]);
      if (gap === this.anchors.length) {
        if (inside) this.anchors.push(inside);
        else this.complete = true;
      } else if (inside && isNewer(inside, this.anchors[gap])) {
        this.anchors.splice(gap, 0, inside);
      } else {
        // the counts said more than two spacings of rows lay before anchors[gap]: they do not hold, build again
        this.forget();
      }
      if (performance.now() - started >= budgetMs) return this.wideGap() >= 0;
    }
  }

  /**
   * The anchors as the snapshot `maxId` sees them: a function giving each anchor's count of newer rows in it, or
   * null when they cannot say (not built for the rows as they are, or the snapshot too far behind them).
   */
  private counted(maxId: number): ((i: number) => number) | null {
    if (this.seen !== this.changes || this.anchors.length === 0) return null;
    const newest = this.s.maxId.get() as number;
    if (maxId > this.foldedTo) this.fold(Math.min(maxId, newest));
    if (maxId >= this.foldedTo) return (i) => this.anchors[i].newer;
    // an older snapshot: the rows it does not see come off each anchor's count
    let c = this.correction;
    if (!c || c.maxId !== maxId || c.foldedTo !== this.foldedTo) {
      const unseen = this.s.countBetween.get(maxId, this.foldedTo, MAX_CORRECTION_ROWS + 1) as number;
      if (unseen > MAX_CORRECTION_ROWS) return null;
      const keys = (this.s.keysBetween.all(maxId, this.foldedTo, MAX_CORRECTION_ROWS + 1) as OrderKey[]).sort(
        newestFirst,
      );
      c = this.correction = { maxId, foldedTo: this.foldedTo, keys };
    }
    const keys = c.keys;
    return (i) => this.anchors[i].newer - newerCount(keys, this.anchors[i]);
  }

  /**
   * The nearest anchor at or before `offset` in the snapshot `maxId`: its key and position (the rows of the
   * snapshot newer than it). The page's rows are then those at or older than the key, `offset - pos` on. Null:
   * no anchor before the offset, or none usable.
   */
  before(offset: number, maxId: number): { key: OrderKey; pos: number } | null {
    const newerOf = this.counted(maxId);
    if (!newerOf) return null;
    let lo = 0;
    let hi = this.anchors.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newerOf(mid) <= offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    const a = this.anchors[lo - 1];
    return { key: { ts: a.ts, id: a.id }, pos: newerOf(lo - 1) };
  }

  /**
   * The nearest anchor at or newer than `key` in the snapshot `maxId` and its count of newer rows: the rows newer
   * than `key` are that count plus those between the key and the anchor. Null: no anchor usable (or none newer).
   */
  atOrNewer(key: OrderKey, maxId: number): { key: OrderKey; newer: number } | null {
    const newerOf = this.counted(maxId);
    if (!newerOf) return null;
    const n = notOlderCount(this.anchors, key);
    if (n === 0) return null;
    const a = this.anchors[n - 1];
    return { key: { ts: a.ts, id: a.id }, newer: newerOf(n - 1) };
  }

  /**
   * In the transaction that moved a row from one key to another, after the move: the counts the row crossed move
   * with it. (The store's rolledBack() forgets everything should the transaction not commit.)
   */
  moved(from: OrderKey, toTs: number): void {
    if (this.changes !== this.seen + 1) return this.forget();
    this.seen = this.changes;
    this.correction = null;
    if (from.id > this.foldedTo) return; // not counted yet: fold() reads it where it is now
    const to = { ts: toTs, id: from.id };
    for (const a of this.anchors) {
      if (isNewer(from, a)) a.newer--;
      if (isNewer(to, a)) a.newer++;
    }
  }

  /**
   * In the transaction that removed the `count` oldest rows (the newest of them: `newest`), after the removal: the
   * anchors newer than every removed row keep their counts; the others go.
   */
  removedOldest(newest: OrderKey, count: number): void {
    if (this.changes !== this.seen + count) return this.forget();
    this.seen = this.changes;
    this.correction = null;
    this.anchors.length = newerCount(this.anchors, newest);
    // the newest ids may have gone (a late alert is among the oldest): a new row may be given one of them again
    this.foldedTo = Math.min(this.foldedTo, this.s.maxId.get() as number);
  }
}
