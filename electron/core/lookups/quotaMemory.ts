// The quota's memory outside the database. The request log lives in SQLite, so a damaged database, moved aside and
// rebuilt, took the day's and the month's requests with it, and the rebuilt engine spent the quota a second time.
// quota.json beside the database (owner-only, replaced atomically with each request: a few hundred bytes) keeps
// the requests of each UTC day of this month and the last one, and the times of the last minute's. The gate counts
// the larger of the two: the database's log, or this memory.
// Chosen over "assume the window is full after a rebuild": that would stop look-ups until the next UTC day (or
// month) even when the rebuilt engine had sent nothing today.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MINUTE_MS, utcDayStart, utcMonthStart, type RequestLog } from './quota';

export const QUOTA_FILE = 'quota.json';

/** Times of the last minute's requests kept: enough for any public key; a premium key's minute is its own log's. */
const RECENT_KEPT = 512;
const DAY_MS = 86_400_000;

const Memory = z.object({
  /** requests per UTC day (the day's start, ms), for this month and the one before */
  days: z.record(z.string().regex(/^\d+$/), z.number().int().nonnegative()),
  /** times of the requests of the last minute and a bit (ascending) */
  recent: z.array(z.number()),
});
type Memory = z.infer<typeof Memory>;

function readMemory(file: string, log?: (m: string) => void): Memory {
  try {
    const parsed = Memory.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    log?.(`${file} is not a quota memory; starting from the database's request log`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log?.(`cannot read ${file} (${(error as Error).message}); starting from the database's request log`);
  }
  return { days: {}, recent: [] };
}

/** A RequestLog that also keeps its counts in `<dataDir>/quota.json`, and never counts fewer than it remembers. */
export function rememberedRequestLog(inner: RequestLog, dataDir: string, log?: (m: string) => void): RequestLog {
  const file = path.join(dataDir, QUOTA_FILE);
  const memory = readMemory(file, log);
  let failed = false;

  const save = (now: number) => {
    const keepFrom = utcMonthStart(utcMonthStart(now) - 1); // this month and the one before
    for (const day of Object.keys(memory.days)) if (Number(day) < keepFrom) delete memory.days[day];
    memory.recent = memory.recent.filter((t) => t >= now - 2 * MINUTE_MS).slice(-RECENT_KEPT);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(memory), { mode: 0o600 });
      fs.renameSync(tmp, file);
      failed = false;
    } catch (error) {
      if (!failed) log?.(`cannot write ${file}: ${(error as Error).message}; the quota is counted from the database`);
      failed = true;
    }
  };

  /** What the memory counts since `since`: whole days from a day's start, else the last minute's times. */
  const remembered = (since: number): number => {
    if (since === utcDayStart(since)) {
      let n = 0;
      for (const [day, count] of Object.entries(memory.days)) if (Number(day) >= since) n += count;
      return n;
    }
    return memory.recent.filter((t) => t >= since).length;
  };

  return {
    record(at, kind) {
      inner.record(at, kind);
      const day = String(utcDayStart(at));
      memory.days[day] = (memory.days[day] ?? 0) + 1;
      memory.recent.push(at);
      save(at);
    },
    countSince: (since) => Math.max(inner.countSince(since), remembered(since)),
    nthNewestSince(since, n) {
      const own = inner.nthNewestSince(since, n);
      const inWindow = memory.recent.filter((t) => t >= since);
      const kept = inWindow.length >= n ? inWindow[inWindow.length - n] : null;
      // the later one frees the slot later: the safe answer
      return own === null ? kept : kept === null ? own : Math.max(own, kept);
    },
    prune(before) {
      inner.prune(before);
      for (const day of Object.keys(memory.days)) if (Number(day) + DAY_MS <= before) delete memory.days[day];
    },
  };
}
