// The WAL is checkpointed in large steps while nobody asks anything (a backlog stores faster) and in small ones
// while someone uses the app (a checkpoint holds the engine's thread, and a request waits behind it): a request
// dispatched by either transport switches to small steps until none has come for RESPONSIVE_FOR_MS.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../../electron/core/api/dispatch';
import { CHECKPOINT_PAGES, CheckpointPace, RESPONSIVE_FOR_MS } from '../../../../electron/core/db/checkpointPace';
import { openDatabase } from '../../../../electron/core/db/database';
import { startTestEngine } from '../../../helpers/engine';
import { makeTempDir } from '../../../helpers/tempDir';

let cleanup: (() => void) | null = null;
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  cleanup?.();
  cleanup = null;
});

const pagesOf = (db: Database.Database) => db.pragma('wal_autocheckpoint', { simple: true }) as number;

describe('the checkpoint pace', () => {
  it('checkpoints in large steps at rest, small ones while requests come, and large again once they stop', () => {
    vi.useFakeTimers();
    const t = makeTempDir('fimv-pace-');
    cleanup = t.cleanup;
    const { db } = openDatabase(t.dir);
    let now = 1_000_000;
    const pace = new CheckpointPace(db, () => now);
    try {
      expect(pagesOf(db)).toBe(CHECKPOINT_PAGES.throughput);
      pace.requestSeen();
      expect(pagesOf(db)).toBe(CHECKPOINT_PAGES.responsive);
      // another request just before the quiet time ends: small steps for RESPONSIVE_FOR_MS after it
      now += RESPONSIVE_FOR_MS - 1_000;
      vi.advanceTimersByTime(RESPONSIVE_FOR_MS - 1_000);
      pace.requestSeen();
      now += 1_000;
      vi.advanceTimersByTime(1_000);
      expect(pagesOf(db)).toBe(CHECKPOINT_PAGES.responsive);
      now += RESPONSIVE_FOR_MS;
      vi.advanceTimersByTime(RESPONSIVE_FOR_MS);
      expect(pagesOf(db)).toBe(CHECKPOINT_PAGES.throughput);
      // stopped: nothing runs on a closed database
      pace.requestSeen();
      pace.stop();
      db.close();
      now += RESPONSIVE_FOR_MS;
      expect(() => vi.advanceTimersByTime(RESPONSIVE_FOR_MS)).not.toThrow();
    } finally {
      if (db.open) db.close();
    }
  });

  it("the engine's transports tell it of each request they dispatch", async () => {
    const t = makeTempDir('fimv-pace-engine-');
    cleanup = t.cleanup;
    const seen = vi.spyOn(CheckpointPace.prototype, 'requestSeen');
    const te = await startTestEngine({ dataDir: t.dir });
    try {
      expect(seen).not.toHaveBeenCalled();
      const answer = await dispatch(te.engine.backend, 'getStats', {});
      expect(answer.ok).toBe(true);
      await dispatch(te.engine.backend, 'listAgents', {});
      expect(seen).toHaveBeenCalledTimes(2);
    } finally {
      await te.stop();
    }
  });
});
