// Triage in the renderer's store: the untriaged count from the stats, then from triage events and the analyst's own
// changes until the next stats; a triage change tells views showing those files to read them again.
import { describe, expect, it } from 'vitest';
import { hashesOf, openStore, stats } from '../storeHarness';

function setup() {
  const opened = openStore();
  opened.server.take('listAlerts');
  return opened;
}

describe('triage in the engine store', () => {
  it('follows the untriaged count: stats, triage events, the next stats', async () => {
    const { server, frames, store } = setup();
    await server.answer('getStats', stats({ untriaged: 4 }));
    expect(store.getSnapshot().untriaged).toBe(4);
    const file = hashesOf(1);
    const before = store.changesOf([file.sha256]);
    server.emit({
      type: 'triage',
      files: [{ ...file, triage: { state: 'resolved', note: null, by: 'alice', at: '2026-01-01T00:00:00.000Z' } }],
      reopened: false,
      untriaged: 3,
    });
    frames.run();
    expect(store.getSnapshot().untriaged).toBe(3);
    expect(store.getSnapshot().triageEvents).toBe(1);
    expect(store.changesOf([file.sha256])).toBeGreaterThan(before);
    server.emit({ type: 'stats', stats: stats({ untriaged: 5 }) });
    frames.run();
    expect(store.getSnapshot().untriaged).toBe(5);
  });

  it("shows the analyst's own change at once, from the answer", async () => {
    const { server, store } = setup();
    await server.answer('getStats', stats({ untriaged: 2 }));
    const file = hashesOf(2);
    const done = store.setTriage({ hashes: [file.sha256!], state: 'escalated' });
    await server.answer('setTriage', {
      changed: 1,
      files: [{ ...file, triage: { state: 'escalated', note: null, by: 'bob', at: '2026-01-01T00:00:00.000Z' } }],
      untriaged: 1,
    });
    expect((await done).changed).toBe(1);
    expect(store.getSnapshot().untriaged).toBe(1);
  });
});
