// The Live table's pages at any depth without walking the whole table per request:
// - a page's ids are found on an index alone (alert_rows_ts holds the order and what the filters test), the rows
//   are read for those ids only;
// - totals are counted once per filter and snapshot, then moved by the rows between two snapshots (`maxId`), and
//   counted again only when rows were removed or moved to another file, or (for a state filter) a verdict moved;
// - a filter that few rows match is read through its own index and sorted; a page far from the start starts at a
//   known position (a bookmark left by an earlier page of the same snapshot), or is read from the end backwards.
import type { Db } from '../db/database';
import { Statements } from '../db/statements';
import type { LiveOrderAnchors } from './liveOrderAnchors';

/** A filter as SQL over alert_rows a (no maxId), the parameters it binds, and how selective it may be. */
export interface AlertFilter {
  key: string;
  where: string[];
  params: Record<string, unknown>;
  /** depends on the files' verdicts */
  byState: boolean;
  /** the same rows found through a selective index (null: none better than the Live order) */
  sparse: { from: string; where: string[] } | null;
}

interface Bookmark {
  pos: number;
  ts: number;
  id: number;
}

interface Snapshot {
  total: number;
  marks: Bookmark[];
}

/** Below this many matches a filter's rows are read through its own index and sorted. */
const SPARSE_ROWS = 20_000;
/** Recount rather than move a total by more rows than this. */
const MAX_DELTA_ROWS = 200_000;
const MAX_SNAPSHOTS = 64;
/** Bookmarks kept per snapshot: past this, every other one goes (thinned, not capped: see remember()). */
const MAX_MARKS = 4_000;

export class AlertPages {
  private readonly statements: Statements;
  /** per filter: the last snapshot a total was counted for (moved from one maxId to the next) */
  private readonly totals = new Map<string, { maxId: number; version: string; total: number }>();
  /** per filter and snapshot: its total and the positions known */
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(
    db: Db,
    private readonly maxMarks = MAX_MARKS,
    /** positions along the order of every row (liveOrderAnchors.ts): a page without filters starts near them */
    private readonly anchors: LiveOrderAnchors | null = null,
  ) {
    this.statements = new Statements(db);
  }

  /** What a cached figure of this filter depends on besides maxId. */
  private version(f: AlertFilter, versions: { rows: number; states: number }): string {
    return f.byState ? `${versions.rows}:${versions.states}` : `${versions.rows}`;
  }

  private count(f: AlertFilter, extra: string[], params: Record<string, unknown>, hint = ''): number {
    // through the selective index when there is one (the matches only), else along an index of every row
    const from = hint || !f.sparse ? `alert_rows a ${hint}` : f.sparse.from;
    const where = [...(hint || !f.sparse ? f.where : f.sparse.where), ...extra];
    const sql = `SELECT COUNT(*) FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    return this.statements
      .of(sql)
      .pluck()
      .get({ ...f.params, ...params }) as number;
  }

  /** The rows of this filter with id <= maxId. */
  total(f: AlertFilter, maxId: number, versions: { rows: number; states: number }, allRows: () => number): number {
    const version = this.version(f, versions);
    const cached = this.totals.get(f.key);
    let total: number;
    const between = (lo: number, hi: number) =>
      // the rows between two snapshots, by id (the rowid range): NOT INDEXED keeps SQLite on it
      this.count(f, ['a.id > @lo', 'a.id <= @hi'], { lo, hi }, 'NOT INDEXED');
    if (f.where.length === 0) {
      total = allRows() - this.count(f, ['a.id > @maxId'], { maxId }, 'NOT INDEXED');
    } else if (cached && cached.version === version && Math.abs(cached.maxId - maxId) <= MAX_DELTA_ROWS) {
      total =
        cached.maxId <= maxId
          ? cached.total + between(cached.maxId, maxId)
          : cached.total - between(maxId, cached.maxId);
    } else {
      total = this.count(f, ['a.id <= @maxId'], { maxId });
    }
    if (this.totals.size >= MAX_SNAPSHOTS && !this.totals.has(f.key)) this.totals.clear();
    this.totals.set(f.key, { maxId, version, total });
    return total;
  }

  /** The ids of one page, newest first, and the total. */
  page(
    f: AlertFilter,
    maxId: number,
    limit: number,
    offset: number,
    versions: { rows: number; states: number },
    allRows: () => number,
  ): { total: number; ids: number[] } {
    const snapKey = `${f.key}|${maxId}|${this.version(f, versions)}|${JSON.stringify(f.params)}`;
    let snap = this.snapshots.get(snapKey);
    if (!snap) {
      snap = { total: this.total(f, maxId, versions, allRows), marks: [] };
      if (this.snapshots.size >= MAX_SNAPSHOTS) this.snapshots.delete(this.snapshots.keys().next().value!);
      this.snapshots.set(snapKey, snap);
    }
    const { total } = snap;
    if (offset >= total || limit === 0) return { total, ids: [] };
    const n = Math.min(limit, total - offset);
    const params = { ...f.params, maxId };
    const where = [...f.where, 'a.id <= @maxId'];
    let rows: { id: number; ts: number }[];
    if (f.sparse && total <= SPARSE_ROWS) {
      // few rows: through the filter's own index, sorted
      const sql = `SELECT a.id, a.ts FROM ${f.sparse.from} WHERE ${[...f.sparse.where, 'a.id <= @maxId'].join(' AND ')}
        ORDER BY a.ts DESC, a.id DESC LIMIT @limit OFFSET @offset`;
      rows = this.statements.of(sql).all({ ...params, limit: n, offset }) as typeof rows;
    } else {
      rows = this.walk(where, params, snap, offset, n, f.where.length === 0 ? maxId : null);
    }
    this.remember(snap, offset, rows);
    return { total, ids: rows.map((r) => r.id) };
  }

  /**
   * Along the Live order (alert_rows_ts), from the nearest known position before the page (a bookmark, or for
   * every row (`everyRowOf`: the snapshot) an anchor), or from the end.
   */
  private walk(
    where: string[],
    params: Record<string, unknown>,
    snap: Snapshot,
    offset: number,
    n: number,
    everyRowOf: number | null,
  ): { id: number; ts: number }[] {
    const clause = where.join(' AND ');
    let mark: Bookmark | null = null;
    for (const m of snap.marks) if (m.pos < offset && (!mark || m.pos > mark.pos)) mark = m;
    const fromMark = mark ? offset - mark.pos - 1 : offset;
    const fromEnd = snap.total - offset - n;
    const anchor = everyRowOf === null || offset === 0 ? null : this.anchors?.before(offset, everyRowOf);
    if (anchor && offset - anchor.pos < Math.min(fromMark, fromEnd)) {
      // the anchor's row (when the snapshot has it) stands at anchor.pos: the page is offset - pos rows on
      const sql = `SELECT a.id, a.ts FROM alert_rows a INDEXED BY alert_rows_ts WHERE ${clause}
        AND (a.ts, a.id) <= (@anchorTs, @anchorId) ORDER BY a.ts DESC, a.id DESC LIMIT @limit OFFSET @offset`;
      return this.statements.of(sql).all({
        ...params,
        anchorTs: anchor.key.ts,
        anchorId: anchor.key.id,
        limit: n,
        offset: offset - anchor.pos,
      }) as { id: number; ts: number }[];
    }
    if (fromEnd < fromMark) {
      const sql = `SELECT a.id, a.ts FROM alert_rows a INDEXED BY alert_rows_ts WHERE ${clause}
        ORDER BY a.ts ASC, a.id ASC LIMIT @limit OFFSET @offset`;
      return (
        this.statements.of(sql).all({ ...params, limit: n, offset: fromEnd }) as { id: number; ts: number }[]
      ).reverse();
    }
    if (mark) {
      const sql = `SELECT a.id, a.ts FROM alert_rows a INDEXED BY alert_rows_ts WHERE ${clause}
        AND (a.ts, a.id) < (@markTs, @markId) ORDER BY a.ts DESC, a.id DESC LIMIT @limit OFFSET @offset`;
      return this.statements.of(sql).all({
        ...params,
        markTs: mark.ts,
        markId: mark.id,
        limit: n,
        offset: fromMark,
      }) as { id: number; ts: number }[];
    }
    const sql = `SELECT a.id, a.ts FROM alert_rows a INDEXED BY alert_rows_ts WHERE ${clause}
      ORDER BY a.ts DESC, a.id DESC LIMIT @limit OFFSET @offset`;
    return this.statements.of(sql).all({ ...params, limit: n, offset }) as { id: number; ts: number }[];
  }

  /**
   * A bookmark at the page's last row. Bounded by thinning: past maxMarks every other bookmark goes, the newest
   * stays. Capped instead (as it was), a reader going on page after page past 4,000 pages (an export of 10M rows:
   * 200 a page) found no bookmark near its page any more and walked millions of index entries for each: quadratic.
   * Thinned, the page before is always there, and the others stay spread over every depth read so far.
   */
  private remember(snap: Snapshot, offset: number, rows: { id: number; ts: number }[]): void {
    if (rows.length === 0) return;
    const last = rows.length - 1;
    snap.marks.push({ pos: offset + last, ts: rows[last].ts, id: rows[last].id });
    if (snap.marks.length > this.maxMarks) {
      const newest = snap.marks.length - 1;
      snap.marks = snap.marks.filter((_, i) => i % 2 === 1 || i === newest);
    }
  }
}
