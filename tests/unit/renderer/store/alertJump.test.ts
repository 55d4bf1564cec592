// A jump in the Live table: the analyst's text read as an alert id, a day or a day and a time (anything else said
// in words), and the row index: rows that came by events first, then the server's position under the table's
// filters and snapshot, below them.
import { describe, expect, it } from 'vitest';
import type { ApiInput } from '../../../../shared/contract';
import { locateRow, parseJump } from '../../../../renderer/src/store/alertJump';
import { alert, openStore, settle } from '../storeHarness';

describe('parseJump', () => {
  it('reads an alert id, a day (its last millisecond, here) and a day with a time', () => {
    expect(parseJump(' 1717171717.123456 ')).toEqual({ kind: 'alertId', alertId: '1717171717.123456' });
    const day = parseJump('2026-03-01');
    const dayEnd = new Date(2026, 2, 2).getTime() - 1;
    expect(day).toEqual({ kind: 'time', at: new Date(dayEnd).toISOString(), atMs: dayEnd });
    const time = parseJump('2026-03-01 14:30');
    expect(time).toMatchObject({ kind: 'time', atMs: new Date(2026, 2, 1, 14, 30, 0, 999).getTime() });
    expect(parseJump('2026-03-01T14:30:15')).toMatchObject({ atMs: new Date(2026, 2, 1, 14, 30, 15, 999).getTime() });
  });

  it('says what it understands when it cannot read the text', () => {
    for (const text of ['', 'yesterday', '2026-13-01 10:00', '2026-02-30', '2026-03-01 25:00', "1' OR 1=1"]) {
      const parsed = parseJump(text);
      expect('error' in parsed, text).toBe(true);
    }
    expect(parseJump('2026-02-30')).toEqual({ error: '2026-02-30 is not a day of the calendar' });
    expect(parseJump('soon')).toEqual({ error: expect.stringMatching(/alert id .* a day .* a day and a time/) });
  });
});

describe('locateRow', () => {
  async function feedWithLive() {
    const opened = openStore();
    const feed = opened.store.feed;
    await opened.server.answer('listAlerts', { total: 1000, maxId: 10, items: [alert(10, 1), alert(9, 1)] });
    opened.server.emit({ type: 'alerts', items: [alert(12, 2), alert(11, 3)], dropped: 0 });
    opened.frames.run();
    expect(feed.live.map((r) => r.id)).toEqual([12, 11]);
    return { ...opened, feed };
  }

  it('finds rows that came by events without asking the server', async () => {
    const { feed, server } = await feedWithLive();
    expect(await locateRow(server.api, feed, { kind: 'alertId', alertId: '1714550400.11' })).toBe(1);
    expect(await locateRow(server.api, feed, { kind: 'time', at: 'x', atMs: 1714550400000 + 11 })).toBe(1);
    expect(server.waiting('locateAlert')).toBe(0);
  });

  it('asks the server for the snapshot, with the filters and maxId, and counts the live rows above it', async () => {
    const { feed, server } = await feedWithLive();
    const found = locateRow(server.api, feed, { kind: 'alertId', alertId: '1700000000.5' });
    await settle();
    const input = (await server.answer('locateAlert', {
      offset: 731,
      id: 5,
      alertId: '1700000000.5',
      epochMs: 1700000000000,
    })) as ApiInput<'locateAlert'>;
    expect(input).toEqual({ alertId: '1700000000.5', maxId: 10 });
    expect(await found).toBe(2 + 731);
    feed.jumpTo(2 + 731);
    expect(feed.activeIndex).toBe(733);
    expect(feed.jump).toEqual({ index: 733 });
  });
});
