import { describe, expect, it } from 'vitest';
import { QuotaGate, memoryRequestLog, utcDayStart, utcMonthStart } from '../../../../electron/core/lookups/quota';

function clockAt(t: number) {
  const c = { t, now: () => c.t };
  return c;
}

describe('QuotaGate: a sliding minute, the UTC day and the UTC month', () => {
  it('never allows more than N requests in any window of a minute (plus the margin)', () => {
    const clock = clockAt(Date.UTC(2026, 10, 28, 12, 0, 0));
    const log = memoryRequestLog();
    const gate = new QuotaGate(log, { perMinute: 4, perDay: 500, perMonth: 15_500 }, clock, 1000);
    const sent: number[] = [];
    // try every 250 ms for 5 minutes
    for (let i = 0; i < 1200; i++) {
      if (gate.tryAcquire('file')) sent.push(clock.t);
      clock.t += 250;
    }
    for (let i = 0; i < sent.length; i++) {
      const inWindow = sent.filter((t) => t >= sent[i] && t < sent[i] + 61_000).length;
      expect(inWindow).toBeLessThanOrEqual(4);
    }
    // and it is not idle either: 4 per 61 s over 300 s
    expect(sent.length).toBeGreaterThanOrEqual(4 * 4);
  });

  it('says when the minute window frees: 61 s after the oldest of the last N', () => {
    const start = Date.UTC(2026, 10, 28, 12, 0, 0);
    const clock = clockAt(start);
    const gate = new QuotaGate(memoryRequestLog(), { perMinute: 2, perDay: 500, perMonth: 15_500 }, clock, 1000);
    expect(gate.tryAcquire('file')).toBe(true);
    clock.t += 10_000;
    expect(gate.tryAcquire('file')).toBe(true);
    expect(gate.tryAcquire('file')).toBe(false);
    const slot = gate.nextSlot();
    expect(slot.blockedBy).toBe('minute');
    expect(slot.at).toBe(start + 61_001);
    expect(gate.usage().minute).toMatchObject({ used: 2, limit: 2, left: 0 });
    clock.t = slot.at;
    expect(gate.tryAcquire('file')).toBe(true);
  });

  it('stops for the day at the daily quota and resumes at 00:00 UTC', () => {
    const clock = clockAt(Date.UTC(2026, 10, 28, 23, 50, 0));
    const gate = new QuotaGate(memoryRequestLog(), { perMinute: 100, perDay: 3, perMonth: 15_500 }, clock, 0);
    for (let i = 0; i < 3; i++) expect(gate.tryAcquire('file')).toBe(true);
    expect(gate.tryAcquire('file')).toBe(false);
    expect(gate.nextSlot()).toEqual({ at: Date.UTC(2026, 10, 29), blockedBy: 'day' });
    clock.t = Date.UTC(2026, 10, 29, 0, 0, 0);
    expect(gate.tryAcquire('file')).toBe(true);
  });

  it('stops for the month at the monthly quota and resumes on the 1st', () => {
    const clock = clockAt(Date.UTC(2026, 10, 30, 10, 0, 0));
    const gate = new QuotaGate(memoryRequestLog(), { perMinute: 100, perDay: 100, perMonth: 2 }, clock, 0);
    expect(gate.tryAcquire('a')).toBe(true);
    expect(gate.tryAcquire('b')).toBe(true);
    expect(gate.nextSlot()).toEqual({ at: Date.UTC(2026, 11, 1), blockedBy: 'month' });
  });

  it('the longest block wins when several windows are full', () => {
    const clock = clockAt(Date.UTC(2026, 10, 28, 10, 0, 0));
    const gate = new QuotaGate(memoryRequestLog(), { perMinute: 1, perDay: 1, perMonth: 100 }, clock, 0);
    gate.tryAcquire('a');
    expect(gate.nextSlot().blockedBy).toBe('day');
  });

  it('computes UTC day and month starts', () => {
    const t = Date.UTC(2026, 0, 31, 23, 59, 59);
    expect(utcDayStart(t)).toBe(Date.UTC(2026, 0, 31));
    expect(utcMonthStart(t)).toBe(Date.UTC(2026, 0, 1));
  });
});
