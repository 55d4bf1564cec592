// The Live table's rows in the store: a paged snapshot, rows added by events once a frame, each row's verdict
// from the one verdict cache, and what happens after a reconnection.
import { describe, expect, it } from 'vitest';
import type { ApiInput } from '../../../../shared/contract';
import { PAGE_SIZE } from '../../../../renderer/src/store/alertsFeed';
import { alert, openStore, reconnect, settle, verdict, verdictEvent } from '../storeHarness';

function setup() {
  const opened = openStore();
  const feed = opened.store.feed;
  const ids = () => Array.from({ length: feed.count }, (_, i) => feed.rowAt(i)?.id);
  return { ...opened, feed, ids };
}

const malicious = verdict('malicious', '2024-05-01T10:00:00Z', 7);

describe('the alert feed', () => {
  it('shows the first page, then rows from events on top, once a frame', async () => {
    const { server, frames, feed, told, ids, draws } = setup();
    expect(feed.loaded).toBe(false);
    const first = (await server.answer('listAlerts', {
      total: 2,
      maxId: 2,
      items: [alert(2, 2), alert(1, 1)],
    })) as ApiInput<'listAlerts'>;
    expect(first).toMatchObject({ limit: PAGE_SIZE, offset: 0 });
    expect(told.firstPages).toBe(1);
    expect(ids()).toEqual([2, 1]);

    const before = draws();
    server.emit({ type: 'alerts', items: [alert(3, 3)], dropped: 0 });
    server.emit({ type: 'alerts', items: [alert(5, 5), alert(4, 4)], dropped: 0 });
    expect(ids()).toEqual([2, 1]);
    frames.run();
    expect(draws()).toBe(before + 1);
    expect(ids()).toEqual([5, 4, 3, 2, 1]);
    frames.run(); // the frame after: those rows are painted (the benchmark's mark)
    expect(told.painted).toEqual([3]);
  });

  it('rows that came by event before the first page are shown once, after it', async () => {
    const { server, frames, ids } = setup();
    server.emit({ type: 'alerts', items: [alert(3, 3), alert(2, 2)], dropped: 0 });
    frames.run();
    await server.answer('listAlerts', { total: 2, maxId: 2, items: [alert(2, 2), alert(1, 1)] });
    frames.run();
    expect(ids()).toEqual([3, 2, 1]);
  });

  it('a verdict event updates every alert row of that file, paged or live, in one draw with new rows', async () => {
    const { server, frames, feed, draws } = setup();
    await server.answer('listAlerts', {
      total: 3,
      maxId: 3,
      items: [alert(3, 1), alert(2, 2), alert(1, 1)],
    });
    server.emit({ type: 'alerts', items: [alert(4, 1)], dropped: 0 });
    server.emit(verdictEvent(1, malicious));
    const before = draws();
    frames.run();
    expect(draws()).toBe(before + 1);
    const verdicts = [0, 1, 2, 3].map((i) => feed.verdictOf(feed.rowAt(i)!).state);
    expect(verdicts).toEqual(['malicious', 'malicious', 'pending', 'malicious']);
  });

  it('a verdict that came before its alert is shown on the alert when it arrives', async () => {
    const { server, frames, feed } = setup();
    await server.answer('listAlerts', { total: 0, maxId: 0, items: [] });
    server.emit(verdictEvent(7, malicious));
    frames.run();
    server.emit({ type: 'alerts', items: [alert(1, 7)], dropped: 0 });
    frames.run();
    expect(feed.verdictOf(feed.rowAt(0)!)).toBe(malicious);
  });

  it('a verdict filter judges the rows that arrive by their cached verdict', async () => {
    const { server, frames, feed, ids } = setup();
    await server.answer('listAlerts', { total: 0, maxId: 0, items: [] });
    feed.setFilter({ q: '', state: 'malicious', agent: '', event: '' });
    const input = await server.answer('listAlerts', { total: 0, maxId: 0, items: [] });
    expect(input).toMatchObject({ state: 'malicious', offset: 0 });
    server.emit(verdictEvent(2, malicious));
    server.emit({ type: 'alerts', items: [alert(3, 3), alert(2, 2)], dropped: 0 });
    frames.run();
    expect(ids()).toEqual([2]);
  });

  it('while the analyst reads further down, new rows wait behind the pill', async () => {
    const { server, frames, feed, ids } = setup();
    await server.answer('listAlerts', { total: 1, maxId: 1, items: [alert(1, 1)] });
    feed.setFollowing(false);
    server.emit({ type: 'alerts', items: [alert(2, 2)], dropped: 0 });
    frames.run();
    expect(ids()).toEqual([1]);
    expect(feed.waitingCount).toBe(1);
    feed.showWaiting();
    expect(ids()).toEqual([2, 1]);
    expect(feed.waitingCount).toBe(0);
  });

  it('rows the server left out of its events are read again with a new first page', async () => {
    const { server, frames, ids } = setup();
    await server.answer('listAlerts', { total: 1, maxId: 1, items: [alert(1, 1)] });
    server.emit({ type: 'alerts', items: [alert(600, 6)], dropped: 599 });
    frames.run();
    expect(server.waiting('listAlerts')).toBe(1);
    // following at the top: the rows on screen stay until the new page replaces them
    expect(ids()).toEqual([600, 1]);
    await server.answer('listAlerts', { total: 600, maxId: 600, items: [alert(600, 6)] });
    expect(ids()[0]).toBe(600);
  });

  describe('after a reconnection', () => {
    it('following: a new first page replaces the rows without emptying the table first', async () => {
      const { server, connection, ids } = setup();
      await server.answer('listAlerts', { total: 1, maxId: 1, items: [alert(1, 1)] });
      reconnect(connection);
      expect(ids()).toEqual([1]);
      const input = (await server.answer('listAlerts', {
        total: 2,
        maxId: 2,
        items: [alert(2, 2), alert(1, 1)],
      })) as ApiInput<'listAlerts'>;
      expect(input.offset).toBe(0);
      expect(ids()).toEqual([2, 1]);
    });

    it('reading further down: the rows missed meanwhile wait behind the pill', async () => {
      const { server, frames, connection, feed, ids } = setup();
      await server.answer('listAlerts', { total: 1, maxId: 1, items: [alert(1, 1)] });
      feed.setFollowing(false);
      reconnect(connection);
      const input = (await server.answer('listAlerts', {
        total: 3,
        maxId: 3,
        items: [alert(3, 3), alert(2, 2), alert(1, 1)],
      })) as ApiInput<'listAlerts'>;
      expect(input.limit).toBe(1000);
      frames.run();
      expect(ids()).toEqual([1]);
      expect(feed.waitingCount).toBe(2);
      await settle();
    });
  });
});
