// When the whole database is read at start: after a run that did not stop cleanly (its lock left, or its
// write-ahead log), or when the last background check asked for it; otherwise the engine serves at once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, takeDataDirLock } from '../../../../electron/core/dataDirLock';
import { DB_FILE } from '../../../../electron/core/db/database';
import { askCheckAtNextStart, checkDone, CHECK_MARKER, planStartCheck } from '../../../../electron/core/db/startCheck';
import { makeTempDir } from '../../../helpers/tempDir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function dir(): string {
  const t = makeTempDir('fimv-plan-');
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('planStartCheck', () => {
  it('skips the full check after a clean stop', () => {
    expect(planStartCheck(dir(), false)).toEqual({ full: false, reason: 'the last run stopped cleanly' });
  });

  it('checks first after an unclean stop, a background check that asked for it, or a write-ahead log left', () => {
    const d = dir();
    expect(planStartCheck(d, true)).toEqual({ full: true, reason: 'the last run did not stop cleanly' });
    askCheckAtNextStart(d, 'damaged: page 9');
    expect(fs.statSync(path.join(d, CHECK_MARKER)).mode & 0o777).toBe(0o600);
    expect(planStartCheck(d, false)).toMatchObject({ full: true, reason: /background asked/ });
    checkDone(d);
    expect(planStartCheck(d, false).full).toBe(false);
    fs.writeFileSync(path.join(d, `${DB_FILE}-wal`), 'x');
    expect(planStartCheck(d, false)).toMatchObject({ full: true, reason: /write-ahead log/ });
    fs.writeFileSync(path.join(d, `${DB_FILE}-wal`), ''); // an empty log: nothing was left in it
    expect(planStartCheck(d, false).full).toBe(false);
  });
});

describe('the lock tells how the last run stopped', () => {
  it('released: clean; left behind by a process that is gone: unclean', () => {
    const d = dir();
    const first = takeDataDirLock(d);
    expect(first.previousRunUnclean).toBe(false);
    first.release();
    const second = takeDataDirLock(d);
    expect(second.previousRunUnclean).toBe(false);
    second.release();
    fs.writeFileSync(path.join(d, LOCK_FILE), '999999999 1'); // its owner was killed
    const third = takeDataDirLock(d);
    expect(third.previousRunUnclean).toBe(true);
    third.release();
  });
});
