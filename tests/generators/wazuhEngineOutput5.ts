// The Wazuh 5.x engine's optional file output (etc/outputs/default/file-output-integrations.yml): every decoded
// event as one JSON line in `logs/standard-wazuh-events-v5/YYYY/Mmm/wazuh-standard-wazuh-events-v5-DD.json`,
// the day's file also reachable through the stable hard link `standard-wazuh-events-v5.json`, earlier days
// compressed to `.json.gz` (FACTS.md section 4).
//
//   const files = writeEngineOutput(dir, corpus.docs);   // dir stands for /var/wazuh-manager/logs/standard-wazuh-events-v5
//   files.live            // the hard link, same inode as today's dated file
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const ENGINE_OUTPUT_LIVE = 'standard-wazuh-events-v5.json';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** NDJSON: one event a line, each line ending with a newline. */
export function eventsNdjson(events: readonly Record<string, unknown>[]): string {
  return events.map((e) => JSON.stringify(e) + '\n').join('');
}

/** `YYYY/Mmm/wazuh-standard-wazuh-events-v5-DD.json` for a UTC day. */
export function datedFile(epochMs: number): string {
  const d = new Date(epochMs);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return path.join(String(d.getUTCFullYear()), MONTHS[d.getUTCMonth()], `wazuh-standard-wazuh-events-v5-${dd}.json`);
}

const eventMs = (e: Record<string, unknown>): number => {
  const ms = Date.parse(String(e['@timestamp']));
  if (!Number.isFinite(ms)) throw new Error(`event without @timestamp: ${JSON.stringify(e).slice(0, 120)}`);
  return ms;
};

export interface EngineOutputFiles {
  /** the hard link (absent when `today` has no events and no file) */
  live: string | null;
  /** every dated file written, oldest first, with how many events it holds */
  dated: { file: string; gzipped: boolean; events: number }[];
}

export interface EngineOutputOptions {
  /** the day the manager is in (its file is plain and linked); default: the last event's day */
  todayMs?: number;
  /** gzip the days before today (default true, as the rotation does) */
  gzipPast?: boolean;
}

/** Writes the events into `dir` as the engine would have by the end of `today` (events grouped by UTC day). */
export function writeEngineOutput(
  dir: string,
  events: readonly Record<string, unknown>[],
  o: EngineOutputOptions = {},
): EngineOutputFiles {
  const byDay = new Map<string, Record<string, unknown>[]>();
  for (const e of events) {
    const key = datedFile(eventMs(e));
    const list = byDay.get(key) ?? [];
    list.push(e);
    byDay.set(key, list);
  }
  const todayKey = datedFile(o.todayMs ?? (events.length ? eventMs(events[events.length - 1]) : Date.now()));
  const dated: EngineOutputFiles['dated'] = [];
  for (const [key, list] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const full = path.join(dir, key);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    const text = eventsNdjson(list);
    const gzip = key !== todayKey && o.gzipPast !== false;
    if (gzip) fs.writeFileSync(`${full}.gz`, gzipSync(text));
    else fs.writeFileSync(full, text);
    dated.push({ file: gzip ? `${full}.gz` : full, gzipped: gzip, events: list.length });
  }
  const todayFile = path.join(dir, todayKey);
  let live: string | null = null;
  if (fs.existsSync(todayFile)) {
    live = path.join(dir, ENGINE_OUTPUT_LIVE);
    fs.rmSync(live, { force: true });
    fs.linkSync(todayFile, live);
  }
  return { live, dated };
}
