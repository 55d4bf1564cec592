// An alert row as the views read it (the joined columns, decoded to the contract's AlertItem) and as ingest writes
// it (the columns of alert_rows, in order). The encodings are alertCodec.ts's.
import type { AlertItem } from '../../../shared/contract';
import type { FimEvent } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';
import { verdictOfStored, verdictWithoutAnswer } from '../../../shared/verdict';
import {
  decodeAlertId,
  decodeTimestamp,
  EVENT_CODES,
  EVENT_NAMES,
  parseShape,
  shapeKey,
  type Shape,
} from './alertCodec';

/** The file an alert belongs to, with the hashes its row holds (an alert's own hashes are often those). */
export type AlertFile = { id: number } & FileHashes;

export interface AlertJoinRow {
  id: number;
  manager: string;
  alert_s: number;
  alert_n: number | string;
  ts: number;
  tz: number | string | null;
  source_id: number | null;
  agent_id: string | null;
  agent_name: string | null;
  agent_ip: string | null;
  shape_id: number;
  shape: string;
  path: string;
  event: number;
  size: number | null;
  hash_mask: number;
  a_md5: string | null;
  a_sha1: string | null;
  a_sha256: string | null;
  explicit_hashes: number;
  file_id: number | null;
  f_md5: string | null;
  f_sha1: string | null;
  f_state: string | null;
  f_positives: number | null;
  f_total: number | null;
  f_scan_date: number | null;
  f_checked_at: number | null;
  f_origin: string | null;
  f_reason: string | null;
  f_sha256: string | null;
  f_why: string | null;
  f_engines_state: string | null;
}

/** The alert rows with their file's verdict, as the views read them (integrationLogStore.ts reads them too). */
export const SELECT_ITEMS = `SELECT a.id, m.name AS manager, a.alert_s, a.alert_n, a.ts, a.tz, a.source_id,
  ag.agent_id, ag.agent_name, ag.agent_ip, a.shape_id, s.key AS shape, p.path, a.event, a.size, a.hash_mask,
  ah.md5 AS a_md5, ah.sha1 AS a_sha1, ah.sha256 AS a_sha256, a.after_hashes_id IS NOT NULL AS explicit_hashes,
  a.file_id, f.md5 AS f_md5, f.sha1 AS f_sha1,
  f.state AS f_state, f.positives AS f_positives, f.total AS f_total, f.scan_date AS f_scan_date,
  f.checked_at AS f_checked_at, f.origin AS f_origin, f.reason AS f_reason, f.sha256 AS f_sha256,
  f.why AS f_why, f.engines_state AS f_engines_state
FROM alert_rows a
  JOIN alert_managers m ON m.id = a.manager_id
  JOIN alert_agents ag ON ag.id = a.agent_ref
  JOIN alert_shapes s ON s.id = a.shape_id
  JOIN alert_paths p ON p.id = a.path_id
  LEFT JOIN alert_hashes ah ON ah.id = a.after_hashes_id
  LEFT JOIN files f ON f.id = a.file_id`;

const shapes = new Map<string, Shape>();

function shapeOf(key: string): Shape {
  let shape = shapes.get(key);
  if (!shape) {
    if (shapes.size > 10_000) shapes.clear();
    shape = parseShape(key);
    shapes.set(key, shape);
  }
  return shape;
}

/** The alert's own hash of one kind: kept whole, or its file's (hash_mask says which it carried). */
function carried(r: AlertJoinRow, bit: number, explicit: string | null, file: string | null): string | null {
  if (r.explicit_hashes) return explicit;
  return r.hash_mask & bit ? file : null;
}

export function toAlertItem(r: AlertJoinRow): AlertItem {
  const shape = shapeOf(r.shape);
  return {
    id: r.id,
    alertId: decodeAlertId(r.alert_s, r.alert_n),
    timestamp: decodeTimestamp(r.tz ?? 0, r.ts),
    epochMs: r.ts,
    manager: r.manager,
    agent: { id: r.agent_id, name: r.agent_name, ip: r.agent_ip },
    rule: { id: shape.ruleId, level: shape.ruleLevel, description: shape.ruleDescription },
    path: r.path,
    event: EVENT_NAMES[r.event] ?? 'unknown',
    mode: shape.mode,
    md5: carried(r, 1, r.a_md5, r.f_md5),
    sha1: carried(r, 2, r.a_sha1, r.f_sha1),
    sha256: carried(r, 4, r.a_sha256, r.f_sha256),
    size: r.size,
    uname: shape.uname,
    whodata:
      shape.whodataUser || shape.whodataProcess ? { user: shape.whodataUser, process: shape.whodataProcess } : null,
    sourceId: r.source_id,
    verdict:
      r.file_id === null || r.f_state === null
        ? verdictWithoutAnswer('skipped', shape.skipReason)
        : verdictOfStored({
            state: r.f_state,
            positives: r.f_positives,
            total: r.f_total,
            scanDate: r.f_scan_date,
            checkedAt: r.f_checked_at,
            origin: r.f_origin,
            reason: r.f_reason,
            sha256: r.f_sha256,
            why: r.f_why,
            enginesState: r.f_engines_state,
          }),
  };
}

/** LIKE pattern for a substring, with the wildcards of the input escaped. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** The row's columns, in the order of INSERT_COLUMNS. */
export const INSERT_COLUMNS = [
  'manager_id',
  'alert_s',
  'alert_n',
  'ts',
  'tz',
  'source_id',
  'agent_ref',
  'shape_id',
  'path_id',
  'event',
  'file_id',
  'hash_mask',
  'after_hashes_id',
  'before_hashes_id',
  'size',
  'inode',
  'mtime',
  'integration_logged',
] as const;

/** What one row holds of an alert, before its dictionary ids are known. */
export interface RowInput {
  manager: string;
  alertId: string;
  epochMs: number;
  timestamp: string;
  sourceId: number | null;
  agent: FimEvent['agent'];
  shape: string;
  path: string;
  event: keyof typeof EVENT_CODES;
  file: AlertFile | null;
  after: FileHashes;
  before: FileHashes;
  size: number | null;
  inode: number | null;
  mtime: string | null;
  logged: boolean;
}

export function fimRow(
  e: FimEvent,
  sourceId: number | null,
  skipReason: string | null,
  logged: boolean,
  file: AlertFile | null,
): RowInput {
  const changedAttributes = e.changedAttributes.length ? e.changedAttributes.join(',') : null;
  return {
    manager: e.manager,
    alertId: e.alertId,
    epochMs: e.epochMs,
    timestamp: e.timestamp,
    sourceId,
    agent: e.agent,
    shape: shapeKey(
      { ...e, changedAttributes, whodataUser: e.whodataUser, whodataProcess: e.whodataProcess },
      skipReason,
    ),
    path: e.path,
    event: e.event,
    file,
    after: e.after,
    before: e.before,
    size: e.size,
    inode: e.inode,
    mtime: e.mtime,
    logged: logged || skipReason !== null,
  };
}
