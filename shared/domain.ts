// The domain model, shared by the engine, both transports and the renderer. Pure TypeScript.
import type { FileHashes } from './hashes';

export type FimEventKind = 'added' | 'modified' | 'deleted';
export type FimMode = 'scheduled' | 'realtime' | 'whodata' | null;

export interface AgentRef {
  id: string | null; // "000" is the manager itself; alerts.log does not carry the id
  name: string | null;
  ip: string | null;
}

export interface RuleRef {
  id: string;
  level: number;
  description: string;
  groups: string[];
}

/** One FIM file event, parsed from alerts.json or alerts.log. */
export interface FimEvent {
  alertId: string; // "<epoch>.<offset>"
  timestamp: string; // Wazuh's own timestamp string (alerts.json) or ISO UTC built from the alert id (alerts.log)
  epochMs: number;
  manager: string; // manager.name; "" when the format does not say (alerts.log)
  agent: AgentRef;
  rule: RuleRef;
  location: string;
  path: string;
  event: FimEventKind;
  mode: FimMode;
  after: FileHashes; // hashes of the file as it is now (none for deleted files)
  /** only when `after` holds no usable hash although Wazuh wrote one: what was wrong ("a malformed SHA-256 (...)") */
  hashProblem?: string;
  before: FileHashes;
  size: number | null;
  perm: string | null;
  uname: string | null;
  gname: string | null;
  uid: string | null;
  gid: string | null;
  inode: number | null;
  mtime: string | null;
  changedAttributes: string[];
  whodataUser: string | null;
  whodataProcess: string | null;
}

/** Wazuh's own VirusTotal result alert (rules 87100-87106), values coerced from strings. */
export interface WazuhVtRecord {
  alertId: string;
  timestamp: string;
  epochMs: number;
  manager: string;
  ruleId: string;
  /** error answers carry no file: error code (204, 401, 403, 408...) and description */
  error: { code: number | null; description: string } | null;
  found: boolean | null;
  malicious: boolean | null;
  positives: number | null;
  total: number | null;
  /** "YYYY-MM-DD HH:MM:SS" as Wazuh wrote it, and the same instant in ms (UTC) */
  scanDate: string | null;
  scanDateMs: number | null;
  permalink: string | null;
  sha1: string | null;
  source: {
    alertId: string | null;
    file: string | null;
    md5: string | null;
    sha1: string | null;
    agent: { id: string | null; name: string | null } | null;
  };
}

/**
 * The Wazuh alert that carried a VirusTotal record: its own agent and rule. (The record's source.agent, when
 * Wazuh wrote one, is the agent of the FIM alert it answered; else this agent is that agent.)
 */
export interface WazuhVtAlertHeader {
  agent: AgentRef;
  rule: { level: number; description: string; groups: string[] };
}

/** The location Wazuh gives its VirusTotal alerts: marks the alert rows built from them. */
export const WAZUH_VT_LOCATION = 'virustotal';

/**
 * A file Wazuh's own VirusTotal integration answered about, as an alert row (electron/core/wazuh/vtAlertRow.ts):
 * the FIM alert it answered (its id, path and agent), Wazuh's VirusTotal rule, and the hashes it names.
 */
export interface WazuhVtAlertRow {
  manager: string;
  alertId: string;
  epochMs: number;
  timestamp: string;
  agent: AgentRef;
  rule: { id: string; level: number; description: string; groups: string[] };
  path: string;
  hashes: FileHashes;
}

/** What one alert record (a line or a block) turned out to be. */
export type ParsedRecord =
  | { kind: 'fim'; event: FimEvent }
  | { kind: 'registry'; alertId: string; ruleId: string } // syscheck_registry_*: nothing to look up
  | { kind: 'wazuh-vt'; record: WazuhVtRecord; alert?: WazuhVtAlertHeader }
  | { kind: 'other'; ruleId: string | null; groups: string[] | null }
  | { kind: 'error'; reason: string };

export type SourceFormat = 'json' | 'log';

export const VERDICT_STATES = ['pending', 'clean', 'malicious', 'suspicious', 'unknown', 'error', 'skipped'] as const;
export type VerdictState = (typeof VERDICT_STATES)[number];

export type VtStatus = 'ok' | 'no-key' | 'credentials' | 'rate-limited' | 'offline';

/**
 * Why a file is (or was) looked up: also its rank in the queue, first to last. 'reanalyse': the report fetched
 * after VirusTotal reanalysed the file (asked for by hand, like a rescan).
 */
export type LookupReason = 'rescan' | 'reanalyse' | 'live' | 'backfill' | 'refresh';
