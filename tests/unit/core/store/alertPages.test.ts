// The Live table's pages at any depth (store/alertPages.ts): a page far from the start begins at a bookmark an
// earlier page of the same snapshot left. The bookmarks are bounded; the 10M run found that capping them made an
// export (page after page, past the cap) walk from the last bookmark for every page: quadratic. These tests keep
// the bound small and count the index entries each page skips (the OFFSET it binds).
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../../electron/core/db/database';
import { AlertPages } from '../../../../electron/core/store/alertPages';
import { EVERY_ROW, recordPageSkips, seededAlertDatabases } from '../../../helpers/alertRowsFixture';

const ROWS = 3_000;
const MAX_MARKS = 8;
const LIMIT = 50;
const VERSIONS = { rows: 0, states: 0 };

const databases = seededAlertDatabases('fimv-alert-pages-');

/** ROWS alert rows, several to a timestamp (the order is ts, then id, newest first). */
function seeded(): Db {
  const d = databases.open();
  const insert = d.prepare(`INSERT INTO alert_rows (manager_id, alert_s, alert_n, ts, tz, agent_ref, shape_id, path_id,
    event, hash_mask) VALUES (1, 1748779200, ?, ?, 0, 1, 1, 1, 0, 0)`);
  d.transaction(() => {
    // timestamps out of id order, three rows to each
    for (let i = 0; i < ROWS; i++) insert.run(i, 1_748_779_200_000 + ((i * 7919) % ROWS) * 333);
  })();
  return d;
}

describe('AlertPages: every depth from a bookmark near it', () => {
  it('reads every row once, in order, page after page past the bookmarks bound, each page from the one before', () => {
    const db = seeded();
    const pages = new AlertPages(db, MAX_MARKS);
    const maxId = ROWS;
    const skips = recordPageSkips();
    const ids: number[] = [];
    for (let offset = 0; offset < ROWS; offset += LIMIT) {
      const page = pages.page(EVERY_ROW, maxId, LIMIT, offset, VERSIONS, () => ROWS);
      expect(page.total).toBe(ROWS);
      ids.push(...page.ids);
    }
    expect(ids).toEqual(db.prepare('SELECT id FROM alert_rows ORDER BY ts DESC, id DESC').pluck().all());
    // 60 pages, 8 bookmarks at most: no page walks past the rows before it (the cap made the last ones walk
    // from the 8th page's end, or from the table's end: up to ~1,200 entries here, millions at 10M)
    expect(skips).toHaveLength(ROWS / LIMIT);
    expect(Math.max(...skips)).toBe(0);
  });

  it('keeps bookmarks spread over what was read: a jump back lands near one', () => {
    const db = seeded();
    const pages = new AlertPages(db, MAX_MARKS);
    for (let offset = 0; offset < ROWS; offset += LIMIT)
      pages.page(EVERY_ROW, ROWS, LIMIT, offset, VERSIONS, () => ROWS);
    const skips = recordPageSkips();
    const expected = db.prepare('SELECT id FROM alert_rows ORDER BY ts DESC, id DESC').pluck().all() as number[];
    for (const offset of [333, 1_111, 1_777, 2_222]) {
      expect(pages.page(EVERY_ROW, ROWS, LIMIT, offset, VERSIONS, () => ROWS).ids).toEqual(
        expected.slice(offset, offset + LIMIT),
      );
    }
    // bookmarks at most ~ROWS / (MAX_MARKS / 2) apart once thinned
    expect(Math.max(...skips)).toBeLessThanOrEqual((2 * ROWS) / MAX_MARKS);
  });
});
