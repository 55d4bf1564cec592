// The dated files Wazuh keeps under logs/alerts: <YYYY>/<Mon>/ossec-alerts-<DD>.json, -<DD>-<NNN>.json (extra
// files of a day with rotate_interval / max_output_size) and their .json.gz once compressed (the day after); the
// same names in .log for alerts.log.
// - listDatedFiles: the files of a day range, in order. When a day has both X.json and X.json.gz (Wazuh is
//   compressing it right now: it deletes the .json only after the .gz is complete), the .json is taken: it is
//   complete, and the .gz may not be yet.
// - locateRotatedInFolder: where the file of a stored cursor went (for the tailer of a folder source).
// - missedDatedFiles: the files written after that one and before today's alerts.json (days the app was stopped).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fingerprint, sameFile, sameInode, type FileIdentity } from './fileIdentity';
import { openRegularFile } from './regularFile';
import { readGzipPrefix } from './streamRead';
import { errorCode } from './tailerSupport';

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export interface DatedFile {
  path: string;
  /** YYYY-MM-DD */
  day: string;
  /** 0 for ossec-alerts-DD.json, N for ossec-alerts-DD-00N.json */
  seq: number;
  sizeBytes: number;
  compressed: boolean;
}

/** alerts.json rotates into ossec-alerts-DD.json, alerts.log into ossec-alerts-DD.log (both maybe -NNN, .gz). */
export type DatedKind = 'json' | 'log';
const NAMES: Record<DatedKind, RegExp> = {
  json: /^ossec-alerts-(\d{2})(?:-(\d{3}))?\.json(\.gz)?$/,
  log: /^ossec-alerts-(\d{2})(?:-(\d{3}))?\.log(\.gz)?$/,
};

/** Which dated files a followed file rotates into: alerts.log's are .log, everything else's .json. */
export const datedKindOf = (followed: string): DatedKind => (followed.endsWith('.log') ? 'log' : 'json');
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** <folder>/<YYYY>/<Mon> of a date (local time, as Wazuh names them). */
export function datedFolder(folder: string, date: Date): string {
  return path.join(folder, String(date.getFullYear()), MONTHS[date.getMonth()]);
}

async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR') return [];
    throw e;
  }
}

/** The dated alert files of [fromDay, toDay] (inclusive, 'YYYY-MM-DD'), sorted by day then sequence. */
export async function listDatedFiles(
  folder: string,
  fromDay: string,
  toDay: string,
  kind: DatedKind = 'json',
): Promise<DatedFile[]> {
  const from = DAY.exec(fromDay);
  const to = DAY.exec(toDay);
  if (!from || !to) throw new Error(`days must be YYYY-MM-DD (got ${fromDay} and ${toDay})`);
  const found = new Map<string, DatedFile>();
  let year = Number(from[1]);
  let month = Number(from[2]) - 1;
  const lastYear = Number(to[1]);
  const lastMonth = Number(to[2]) - 1;
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    const dir = path.join(folder, String(year), MONTHS[month]);
    for (const name of await names(dir)) {
      const m = NAMES[kind].exec(name);
      if (!m) continue;
      const day = `${year}-${pad(month + 1)}-${m[1]}`;
      if (day < fromDay || day > toDay) continue;
      const seq = m[2] ? Number(m[2]) : 0;
      const compressed = m[3] !== undefined;
      const key = `${day}/${seq}`;
      const seen = found.get(key);
      if (seen && !seen.compressed) continue; // the .json wins over its .gz
      const file = path.join(dir, name);
      let st;
      try {
        st = await stat(file);
      } catch {
        continue; // deleted meanwhile (compressed and removed): its .gz is listed instead
      }
      if (!st.isFile()) continue;
      found.set(key, { path: file, day, seq, sizeBytes: st.size, compressed });
    }
    month++;
    if (month === 12) {
      month = 0;
      year++;
    }
  }
  return [...found.values()].sort((a, b) => (a.day === b.day ? a.seq - b.seq : a.day < b.day ? -1 : 1));
}

/** A .gz is matched on its decompressed first bytes; fewer than this would match any file of the same day. */
const MIN_GZIP_FINGERPRINT = 64;

/** How far back a stored cursor's file is looked for: an app stopped for a long holiday still finds its place. */
export const LOCATE_DAYS = 62;

/**
 * Where the file of `identity` went: the dated .json (or .log) files of today and the `days` before (local time) by
 * dev+ino+fingerprint, then their .gz by the fingerprint of the decompressed first bytes. null: not found.
 */
export async function locateRotatedInFolder(
  folder: string,
  identity: FileIdentity,
  now: number | Date = Date.now(),
  days = LOCATE_DAYS,
  kind: DatedKind = 'json',
): Promise<string | null> {
  const gzipped: string[] = [];
  for (let back = 0; back < days; back++) {
    const date = new Date(typeof now === 'number' ? now : now.getTime());
    date.setDate(date.getDate() - back);
    const dir = datedFolder(folder, date);
    for (const name of await names(dir)) {
      const m = NAMES[kind].exec(name);
      if (!m || Number(m[1]) !== date.getDate()) continue;
      const file = path.join(dir, name);
      if (m[3]) {
        gzipped.push(file);
        continue;
      }
      try {
        if (sameInode(await stat(file), identity) && (await sameFile(identity, file)).same) return file;
      } catch {
        // gone meanwhile
      }
    }
  }
  if (identity.fpLen < MIN_GZIP_FINGERPRINT) return null;
  for (const file of gzipped) {
    try {
      const prefix = await readGzipPrefix(file, identity.fpLen);
      if (prefix.length === identity.fpLen && fingerprint(prefix) === identity.fpHash) return file;
    } catch {
      // damaged or still being written
    }
  }
  return null;
}

/** A dated file under `folder` (…/<YYYY>/<Mon>/ossec-alerts-DD[-NNN].json|log[.gz]): its day, part and kind. */
export function datedFileAt(folder: string, file: string): { day: string; seq: number; kind: DatedKind } | null {
  const rel = path.relative(folder, file).split(path.sep);
  if (rel.length !== 3) return null;
  const [year, mon, name] = rel;
  const month = MONTHS.indexOf(mon as (typeof MONTHS)[number]);
  const kind: DatedKind = NAMES.log.test(name) ? 'log' : 'json';
  const m = NAMES[kind].exec(name);
  if (!/^\d{4}$/.test(year) || month < 0 || !m) return null;
  return { day: `${year}-${pad(month + 1)}-${m[1]}`, seq: m[2] ? Number(m[2]) : 0, kind };
}

function localDay(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Is the dated file the live file: its hard link (same inode, even empty), or a copy (same first bytes)? */
async function holdsLiveFile(file: DatedFile, live: FileIdentity): Promise<boolean> {
  try {
    if (!file.compressed && sameInode(await stat(file.path), live)) return true;
    if (live.fpLen === 0) return false;
    const prefix = await contentPrefix(file.path, live.fpLen);
    return prefix.length === live.fpLen && fingerprint(prefix) === live.fpHash;
  } catch {
    return false;
  }
}

/** The first `n` bytes of a dated file's content (decompressed for a .gz), fewer if it is shorter. */
export async function contentPrefix(file: string, n: number): Promise<Buffer> {
  if (file.endsWith('.gz')) return readGzipPrefix(file, n);
  const fh = await openRegularFile(file);
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * The dated files Wazuh wrote after `finished` (a dated file just read to its end; .json or .log, the same kind is
 * listed) and before the live alerts.json (alerts.log),
 * in order: the days (and -NNN parts) that rotated away while the app was stopped. The list stops at the dated file
 * that is the live file (same first bytes): the tailer reads that one next, as alerts.json.
 */
export async function missedDatedFiles(
  folder: string,
  finished: string,
  live: FileIdentity | null,
  now: number = Date.now(),
): Promise<string[]> {
  const at = datedFileAt(folder, finished);
  if (!at) return [];
  const missed: string[] = [];
  for (const f of await listDatedFiles(folder, at.day, localDay(now), at.kind)) {
    if (f.day === at.day && f.seq <= at.seq) continue;
    if (live && (await holdsLiveFile(f, live))) break;
    missed.push(f.path);
  }
  return missed;
}
