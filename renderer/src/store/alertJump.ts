// A jump in the Live table: what the analyst typed (a Wazuh alert id, a day, a day and a time) becomes a row index.
// Rows that came by events (on top of the snapshot) are looked at here; the snapshot's rows are placed by the server
// (GET /api/alerts/position), under the same filters and snapshot as the pages.
import type { Api, ApiInput } from '../../../shared/contract';
import { filterQuery } from './alertFilter';
import type { AlertsFeed } from './alertsFeed';

export type JumpTarget = { kind: 'alertId'; alertId: string } | { kind: 'time'; at: string; atMs: number };

const ALERT_ID = /^\d{1,12}\.\d{1,20}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function isDay(y: number, month: number, d: number): boolean {
  const date = new Date(y, month - 1, d);
  return date.getFullYear() === y && date.getMonth() === month - 1 && date.getDate() === d;
}

/** The analyst's text as a target, or a message saying what is understood. */
export function parseJump(text: string): JumpTarget | { error: string } {
  const t = text.trim();
  const help = 'type an alert id (1717171717.123456), a day (2026-03-01) or a day and a time (2026-03-01 14:30)';
  if (!t) return { error: help };
  if (ALERT_ID.test(t)) return { kind: 'alertId', alertId: t };
  const day = DAY.exec(t);
  if (day) {
    const [, y, mo, d] = day.map(Number);
    if (!isDay(y, mo, d)) return { error: `${t} is not a day of the calendar` };
    const atMs = new Date(y, mo - 1, d + 1).getTime() - 1; // the whole day, in the analyst's time zone
    return { kind: 'time', at: new Date(atMs).toISOString(), atMs };
  }
  const dayTime = DAY_TIME.exec(t);
  if (dayTime) {
    const [, y, mo, d, h, mi, sec] = dayTime.map(Number);
    const s = Number.isNaN(sec) ? 0 : sec;
    if (!isDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return { error: `${t} is not a time of the calendar` };
    const at = new Date(y, mo - 1, d, h, mi, s, 999); // the whole second
    return { kind: 'time', at: at.toISOString(), atMs: at.getTime() };
  }
  return { error: help };
}

/** The table index of the target; when no row shown is it, the server's 404 (its message says so). */
export async function locateRow(api: Api, feed: AlertsFeed, target: JumpTarget): Promise<number> {
  // rows added by events since the snapshot, newest first, above it
  const live = feed.live;
  const inLive =
    target.kind === 'alertId'
      ? live.findIndex((row) => row.alertId === target.alertId)
      : live.findIndex((row) => row.epochMs <= target.atMs);
  if (inLive >= 0) return inLive;
  const input: ApiInput<'locateAlert'> = {
    ...filterQuery(feed.filter),
    maxId: feed.maxId,
    ...(target.kind === 'alertId' ? { alertId: target.alertId } : { at: target.at }),
  };
  const place = await api.locateAlert(input);
  return live.length + place.offset;
}
