// quota.json: the quota's memory beside the database, counted when the database's request log lost it.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QuotaGate, memoryRequestLog } from '../../../../electron/core/lookups/quota';
import { QUOTA_FILE, rememberedRequestLog } from '../../../../electron/core/lookups/quotaMemory';
import { makeTempDir } from '../../../helpers/tempDir';

let cleanup = () => {};
afterEach(() => cleanup());

const limits = { perMinute: 4, perDay: 6, perMonth: 8 };
function clockAt(t: number) {
  const c = { t, now: () => c.t };
  return c;
}

describe('rememberedRequestLog', () => {
  it('a new (empty) request log still counts the minute, the day and the month remembered in quota.json', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const clock = clockAt(Date.UTC(2026, 10, 28, 12, 0, 0));
    const first = new QuotaGate(rememberedRequestLog(memoryRequestLog(), t.dir), limits, clock);
    for (let i = 0; i < 4; i++) expect(first.tryAcquire('file')).toBe(true);
    expect(first.tryAcquire('file')).toBe(false); // the minute is full
    expect(fs.statSync(path.join(t.dir, QUOTA_FILE)).mode & 0o777).toBe(0o600);

    // the database is rebuilt: its log is empty, the memory is not
    const rebuilt = new QuotaGate(rememberedRequestLog(memoryRequestLog(), t.dir), limits, clock);
    expect(rebuilt.usage().minute.used).toBe(4);
    expect(rebuilt.tryAcquire('file')).toBe(false);
    expect(rebuilt.nextSlot()).toEqual({ at: clock.t + 61_000 + 1, blockedBy: 'minute' });
    clock.t += 62_000;
    expect(rebuilt.tryAcquire('file')).toBe(true);
    expect(rebuilt.tryAcquire('file')).toBe(true);
    expect(rebuilt.tryAcquire('file')).toBe(false); // 6 today
    expect(rebuilt.nextSlot().blockedBy).toBe('day');

    // the next UTC day: the day is free again, the month remembers 6 of 8
    clock.t = Date.UTC(2026, 10, 29, 0, 0, 1);
    const nextDay = new QuotaGate(rememberedRequestLog(memoryRequestLog(), t.dir), limits, clock);
    expect(nextDay.usage().day.used).toBe(0);
    expect(nextDay.usage().month.used).toBe(6);
    expect(nextDay.tryAcquire('file')).toBe(true);
    expect(nextDay.tryAcquire('file')).toBe(true);
    expect(nextDay.tryAcquire('file')).toBe(false);
    expect(nextDay.nextSlot().blockedBy).toBe('month');

    // the next month: free
    clock.t = Date.UTC(2026, 11, 1, 0, 0, 1);
    const nextMonth = new QuotaGate(rememberedRequestLog(memoryRequestLog(), t.dir), limits, clock);
    expect(nextMonth.usage().month.used).toBe(0);
  });

  it('an unreadable quota.json counts nothing (the database log still counts) and is said', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    fs.writeFileSync(path.join(t.dir, QUOTA_FILE), '{"days": 3');
    const said: string[] = [];
    const inner = memoryRequestLog();
    const clock = clockAt(Date.UTC(2026, 10, 28, 12, 0, 0));
    inner.record(clock.t, 'file');
    const gate = new QuotaGate(
      rememberedRequestLog(inner, t.dir, (m) => said.push(m)),
      limits,
      clock,
    );
    expect(gate.usage().day.used).toBe(1);
    expect(said.join(' ')).toMatch(/cannot read .*quota\.json/);
  });
});
