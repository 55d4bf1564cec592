// The log is checkpointed on a worker thread: the engine's connection never copies it back itself (while the worker
// runs), a writer that settles between batches lets the log start over once it is large, a read that keeps frames
// from being copied makes a batch wait no longer than its limit, the engine checkpoints itself again when the
// worker cannot run, and the worker's connection is closed before the engine's (which then removes the log).
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Checkpointer,
  ENGINE_CHECKPOINT_FRAMES,
  SAFETY_NET_FRAMES,
  type CheckpointerOptions,
} from '../../../../electron/core/db/checkpointer';
import { openDatabase } from '../../../../electron/core/db/database';
import { makeTempDir } from '../../../helpers/tempDir';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setUp(options: CheckpointerOptions = {}) {
  const t = makeTempDir('fimv-checkpointer-');
  const { db } = openDatabase(t.dir);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, k TEXT, v BLOB); CREATE INDEX filler_k ON filler (k)');
  const warnings: string[] = [];
  const checkpointer = new Checkpointer(db, { everyMs: 2, idleMs: 20, warn: (m) => warnings.push(m), ...options });
  cleanups.push(t.cleanup, async () => {
    await checkpointer.stop();
    if (db.open) db.close();
  });
  const insert = db.prepare('INSERT INTO filler (k, v) VALUES (?, randomblob(300))');
  // one batch: its own transaction, as a source's chunk is stored (~60 pages of log with its index)
  const batch = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(Math.random().toString(36));
  });
  return { db, checkpointer, batch, warnings };
}

const autocheckpoint = (db: Database.Database) => db.pragma('wal_autocheckpoint', { simple: true }) as number;

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the checkpointer', () => {
  it('copies the log on its worker; past its size a batch waits until all is copied, and the next starts it over', async () => {
    const { db, checkpointer, batch } = setUp({ restartFrames: 256 });
    checkpointer.start();
    // the engine's own checkpoint only as a safety net
    expect(autocheckpoint(db)).toBe(SAFETY_NET_FRAMES);
    let written = 0;
    const write = () => {
      batch(200);
      written += 200;
    };
    // no waiting while the log is small
    write();
    await checkpointer.settle();
    expect(checkpointer.current().settles).toBe(0);
    while ((checkpointer.current().logFrames ?? 0) < 256) {
      write();
      await new Promise((r) => setTimeout(r, 2)); // the worker's reports come in
    }
    const grown = checkpointer.current().logFrames!;
    await checkpointer.settle();
    expect(checkpointer.current().settles).toBe(1);
    // every frame was copied while the batch waited, so the next one writes the log from its beginning (the worker
    // starting a pass at that very moment can keep it from starting over: the next wait tries again)
    let startedOver = false;
    for (let tries = 0; tries < 5 && !startedOver; tries++) {
      write();
      await until(() => checkpointer.current().logFrames !== null);
      startedOver = checkpointer.current().logFrames! < grown / 2;
      if (!startedOver) await checkpointer.settle();
    }
    expect(startedOver).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(written);
  });

  it('lets a batch go on after settleMaxMs when a read holds the log, waits no more while it lasts, and again after', async () => {
    const { db, checkpointer, batch } = setUp({ restartFrames: 64, settleMaxMs: 150 });
    checkpointer.start();
    // a reader on another connection holds its snapshot: frames written after it cannot be copied back
    const reader = new Database(db.name, { readonly: true });
    cleanups.push(() => {
      reader.close();
    });
    const read = reader.prepare('SELECT id FROM filler').raw();
    batch(10);
    const it = read.iterate();
    it.next();
    for (let i = 0; i < 5; i++) batch(200);
    await until(() => (checkpointer.current().logFrames ?? 0) >= 64);
    const started = Date.now();
    await checkpointer.settle();
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(2_000);
    // the read still holds the log: the next batches go on without waiting again, until the log has grown by
    // another restartFrames
    batch(10);
    await until(() => checkpointer.current().logFrames !== null);
    const again = Date.now();
    await checkpointer.settle();
    expect(Date.now() - again).toBeLessThan(100);
    expect(checkpointer.current().settles).toBe(1);
    // the read ends: the worker copies the rest, and batches wait again once the log is large
    it.return?.();
    await until(() => {
      const s = checkpointer.current();
      return s.logFrames !== null && s.logFrames >= 64;
    });
    let waitedAgain = false;
    for (let tries = 0; tries < 20 && !waitedAgain; tries++) {
      batch(200);
      await new Promise((r) => setTimeout(r, 5));
      await checkpointer.settle();
      waitedAgain = checkpointer.current().settles > 1;
    }
    expect(waitedAgain).toBe(true);
  });

  it('hands checkpoints back to the engine when its worker cannot run', async () => {
    const { db, checkpointer, batch, warnings } = setUp({ nativeBinding: '/nonexistent/better_sqlite3.node' });
    checkpointer.start();
    await until(() => !checkpointer.current().running);
    expect(warnings.join('\n')).toMatch(/checkpoint worker failed: .*; the engine checkpoints the database itself/);
    expect(autocheckpoint(db)).toBe(ENGINE_CHECKPOINT_FRAMES);
    batch(10);
    // no waiting on a worker that is not there
    await checkpointer.settle();
    expect(checkpointer.current().settles).toBe(0);
  });

  it('says a failed checkpoint once while it keeps failing, and lets a waiting batch go on', async () => {
    const { checkpointer, warnings } = setUp();
    // what the worker answers when a pass fails (the database's disk gone, an I/O error): driven by hand
    const hear = (m: unknown) => (checkpointer as unknown as { heard(m: unknown): void }).heard(m);
    hear({ id: 0, error: 'disk I/O error' });
    hear({ id: 0, error: 'disk I/O error' });
    expect(warnings).toEqual(['a checkpoint of the database failed (disk I/O error); retrying']);
    hear({ id: 0, log: 10, copied: 10 });
    hear({ id: 0, error: 'disk I/O error' });
    expect(warnings).toHaveLength(2);
  });

  it('lets a batch go on after settleMaxMs when the worker does not answer at all', async () => {
    const { checkpointer } = setUp({ restartFrames: 64, settleMaxMs: 100 });
    checkpointer.start();
    // a pass stuck in the worker (a stalled disk, another process's lock): the requests go nowhere
    const internals = checkpointer as unknown as { worker: { postMessage(m: unknown): void }; heard(m: unknown): void };
    internals.worker.postMessage = () => {};
    internals.heard({ id: 0, log: 1_000, copied: 0 });
    const started = Date.now();
    await checkpointer.settle();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(checkpointer.current().settles).toBe(1);
  });

  it('closes its connection first: the engine closing next is the last one, and removes the log', async () => {
    const { db, checkpointer, batch } = setUp();
    checkpointer.start();
    batch(500);
    await until(() => checkpointer.current().logFrames !== null);
    await checkpointer.stop();
    expect(checkpointer.current().running).toBe(false);
    db.close();
    expect(fs.existsSync(`${db.name}-wal`)).toBe(false);
  });
});
