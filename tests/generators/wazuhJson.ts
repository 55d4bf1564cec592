// The resolved descriptions of generated alerts (specs) and their alerts.json form, shaped like Wazuh 4.x
// writes them (key order, string sizes and uids, numeric inodes, data.virustotal values as strings).
import type { FimEventKind } from '../../shared/domain';
import type { FileHashes } from '../../shared/hashes';
import { type AgentOs, type GenAgent, isoLocalSeconds, scanDate, wazuhTimestamp } from './wazuhSamples';

/** What every generated alert has. */
export interface AlertBase {
  alertId: string;
  epochMs: number;
  manager: string;
  /** the manager's UTC offset in minutes (timestamps are written in its local time) */
  tzMinutes: number;
  agent: GenAgent;
}

export type FimModeName = 'scheduled' | 'realtime' | 'whodata';

export interface FimSpec extends AlertBase {
  event: FimEventKind;
  path: string;
  os: AgentOs;
  ruleId: string;
  level: number;
  description: string;
  groups: string[];
  mode: FimModeName;
  /** the file's hashes now; for a deleted event its last known hashes (which a parser must NOT look up) */
  after: FileHashes;
  /** the previous content's hashes (modified events whose content changed), else null */
  before: FileHashes | null;
  size: number;
  sizeBefore: number | null;
  perm: string | null;
  uname: string;
  uid: string;
  gname: string | null;
  gid: string | null;
  inode: number | null;
  mtimeMs: number;
  mtimeBeforeMs: number | null;
  changedAttributes: string[];
  whodata: { user: string; process: string } | null;
  /** deleted events: write the last known attributes as *_after (as some 4.x versions do) */
  deletedKeepsAfter: boolean;
}

export interface RegistrySpec extends AlertBase {
  event: FimEventKind;
  ruleId: string;
  level: number;
  description: string;
  groups: string[];
  key: string;
  /** null for a key event */
  valueName: string | null;
  arch: '[x64]' | '[x32]';
  hashes: FileHashes;
  /** false: write syscheck.path (true Wazuh form); the no-path form exercises the value_name/arch detection */
  withPath: boolean;
}

export type OtherKind = 'sshd' | 'rootcheck' | 'web';

export interface OtherSpec extends AlertBase {
  kind: OtherKind;
  srcip: string;
  user: string;
}

export type VtOutcome = 'detected' | 'clean' | 'not-found' | 'rate-limit' | 'credentials' | 'timeout';

export interface VtSpec extends AlertBase {
  outcome: VtOutcome;
  ruleId: string;
  level: number;
  description: string;
  error: { code: number; description: string } | null;
  found: 0 | 1 | null;
  malicious: 0 | 1 | null;
  positives: number | null;
  total: number | null;
  scanDateMs: number | null;
  permalink: string | null;
  sha1: string | null;
  source: {
    alertId: string;
    file: string;
    md5: string;
    sha1: string;
    agent: { id: string; name: string } | null;
  } | null;
}

export const FIM_RULES: Record<FimEventKind, { id: string; level: number; description: string; decoder: string }> = {
  added: { id: '554', level: 5, description: 'File added to the system.', decoder: 'syscheck_new_entry' },
  modified: { id: '550', level: 7, description: 'Integrity checksum changed.', decoder: 'syscheck_integrity_changed' },
  deleted: { id: '553', level: 7, description: 'File deleted.', decoder: 'syscheck_deleted' },
};

const COMPLIANCE = {
  pci_dss: ['11.5'],
  gpg13: ['4.11'],
  gdpr: ['II_5.1.f'],
  nist_800_53: ['SI.7'],
};

function agentJson(a: GenAgent): Record<string, string> {
  return a.ip === null ? { id: a.id, name: a.name } : { id: a.id, name: a.name, ip: a.ip };
}

function head(s: AlertBase, rule: Record<string, unknown>): Record<string, unknown> {
  return {
    timestamp: wazuhTimestamp(s.epochMs, s.tzMinutes),
    rule,
    agent: agentJson(s.agent),
    manager: { name: s.manager },
    id: s.alertId,
  };
}

/** The 4.x full_log of a FIM event. */
export function fimFullLog(s: FimSpec): string {
  let log = `File '${s.path}' ${s.event}\nMode: ${s.mode}\n`;
  if (s.event === 'modified') {
    log += `Changed attributes: ${s.changedAttributes.join(',')}\n`;
    if (s.sizeBefore !== null) log += `Size changed from '${s.sizeBefore}' to '${s.size}'\n`;
    if (s.before) {
      log += `Old md5sum was: '${s.before.md5}'\nNew md5sum is : '${s.after.md5}'\n`;
      log += `Old sha1sum was: '${s.before.sha1}'\nNew sha1sum is : '${s.after.sha1}'\n`;
      log += `Old sha256sum was: '${s.before.sha256}'\nNew sha256sum is : '${s.after.sha256}'\n`;
    }
  }
  return log;
}

export function fimJson(s: FimSpec): Record<string, unknown> {
  const rule = {
    level: s.level,
    description: s.description,
    id: s.ruleId,
    firedtimes: 1,
    mail: false,
    groups: s.groups,
  };
  const sc: Record<string, unknown> = { path: s.path, mode: s.mode };
  const writeAfter = s.event !== 'deleted' || s.deletedKeepsAfter;
  if (s.sizeBefore !== null) sc.size_before = String(s.sizeBefore);
  if (writeAfter) {
    sc.size_after = String(s.size);
    if (s.os === 'windows') {
      sc.win_perm_after = [{ name: 'Administrators', allowed: ['full_control'] }];
      sc.attrs_after = 'ARCHIVE';
    } else if (s.perm !== null) sc.perm_after = s.perm;
    sc.uid_after = s.uid;
    if (s.gid !== null) sc.gid_after = s.gid;
  }
  if (s.before) sc.md5_before = s.before.md5;
  if (writeAfter && s.after.md5) sc.md5_after = s.after.md5;
  if (s.before) sc.sha1_before = s.before.sha1;
  if (writeAfter && s.after.sha1) sc.sha1_after = s.after.sha1;
  if (s.before) sc.sha256_before = s.before.sha256;
  if (writeAfter && s.after.sha256) sc.sha256_after = s.after.sha256;
  if (writeAfter) {
    sc.uname_after = s.uname;
    if (s.gname !== null) sc.gname_after = s.gname;
  }
  if (s.mtimeBeforeMs !== null) sc.mtime_before = isoLocalSeconds(s.mtimeBeforeMs, s.tzMinutes);
  if (writeAfter) {
    sc.mtime_after = isoLocalSeconds(s.mtimeMs, s.tzMinutes);
    if (s.inode !== null) sc.inode_after = s.inode;
  }
  if (s.event === 'modified') sc.changed_attributes = s.changedAttributes;
  sc.event = s.event;
  if (s.whodata) {
    sc.audit = {
      user: { id: s.whodata.user === 'root' ? '0' : '1000', name: s.whodata.user },
      process: { id: '4242', name: s.whodata.process, ppid: '1' },
    };
  }
  return {
    ...head(s, { ...rule, ...COMPLIANCE }),
    full_log: fimFullLog(s),
    syscheck: sc,
    decoder: { name: FIM_RULES[s.event].decoder },
    location: 'syscheck',
  };
}

export function registryJson(s: RegistrySpec): Record<string, unknown> {
  const what = s.valueName === null ? 'Key' : 'Value';
  const target = s.valueName === null ? s.key : `${s.key}\\${s.valueName}`;
  const sc: Record<string, unknown> = {};
  if (s.withPath) sc.path = s.key;
  sc.mode = 'scheduled';
  sc.arch = s.arch;
  if (s.valueName !== null) {
    sc.value_name = s.valueName;
    sc.value_type = 'REG_EXPAND_SZ';
    sc.size_after = '40';
    sc.md5_after = s.hashes.md5;
    sc.sha1_after = s.hashes.sha1;
    sc.sha256_after = s.hashes.sha256;
  }
  sc.event = s.event;
  return {
    ...head(s, {
      level: s.level,
      description: s.description,
      id: s.ruleId,
      firedtimes: 1,
      mail: false,
      groups: s.groups,
    }),
    full_log: `Registry ${what} '${s.arch} ${target}' ${s.event}\nMode: scheduled\n`,
    syscheck: sc,
    decoder: { name: `syscheck_registry_${what.toLowerCase()}_${s.event}` },
    location: 'syscheck',
  };
}

const OTHER_RULES: Record<OtherKind, { id: string; level: number; description: string; groups: string[] }> = {
  sshd: {
    id: '5716',
    level: 5,
    description: 'sshd: authentication failed.',
    groups: ['syslog', 'sshd', 'authentication_failed'],
  },
  rootcheck: {
    id: '510',
    level: 7,
    description: 'Host-based anomaly detection event (rootcheck).',
    groups: ['ossec', 'rootcheck'],
  },
  web: { id: '31101', level: 5, description: 'Web server 400 error code.', groups: ['web', 'accesslog', 'attack'] },
};

export function otherRule(kind: OtherKind): { id: string; level: number; description: string; groups: string[] } {
  return OTHER_RULES[kind];
}

/** The raw log line of an "other" alert (what Wazuh keeps as full_log). */
export function otherFullLog(s: OtherSpec): string {
  const d = new Date(s.epochMs);
  if (s.kind === 'sshd')
    return `${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${s.agent.name} sshd[2211]: Failed password for ${s.user} from ${s.srcip} port 51234 ssh2`;
  if (s.kind === 'rootcheck')
    return "Trojaned version of file '/bin/diff' detected. Signature used: 'bash|^/bin/sh|file\\.h|proc\\.h|/dev/[^n]|^/bin/.*sh' (Generic)";
  return `${s.srcip} - - [06/Dec/2022:12:15:35 +0000] "GET /wp-login.php?syscheck=1 HTTP/1.1" 404 153 "-" "Mozilla/5.0 {\\"virustotal\\":1}"`;
}

export function otherLocation(kind: OtherKind): string {
  return kind === 'sshd' ? '/var/log/auth.log' : kind === 'rootcheck' ? 'rootcheck' : '/var/log/nginx/access.log';
}

export function otherJson(s: OtherSpec): Record<string, unknown> {
  const r = OTHER_RULES[s.kind];
  const rule = { level: r.level, description: r.description, id: r.id, firedtimes: 3, mail: false, groups: r.groups };
  const data =
    s.kind === 'sshd'
      ? { srcip: s.srcip, srcport: '51234', srcuser: s.user }
      : s.kind === 'rootcheck'
        ? { title: 'Trojaned version of file detected.', file: '/bin/diff' }
        : { protocol: 'GET', srcip: s.srcip, id: '404', url: '/wp-login.php?syscheck=1' };
  const decoder =
    s.kind === 'sshd' ? { parent: 'sshd', name: 'sshd' } : { name: s.kind === 'web' ? 'web-accesslog' : 'rootcheck' };
  return { ...head(s, rule), full_log: otherFullLog(s), decoder, data, location: otherLocation(s.kind) };
}

/** data.virustotal as the integration sent it (numbers); alerts.json turns every value into a string. */
export function vtRecordObject(s: VtSpec): Record<string, unknown> {
  if (s.error) return { error: s.error.code, description: s.error.description };
  const o: Record<string, unknown> = { found: s.found, malicious: s.malicious };
  if (s.source) {
    const src: Record<string, unknown> = {
      alert_id: s.source.alertId,
      file: s.source.file,
      md5: s.source.md5,
      sha1: s.source.sha1,
    };
    if (s.source.agent) src.agent = s.source.agent;
    o.source = src;
  }
  if (s.found === 1) {
    o.sha1 = s.sha1;
    o.scan_date = s.scanDateMs === null ? undefined : scanDate(s.scanDateMs);
    o.positives = s.positives;
    o.total = s.total;
    o.permalink = s.permalink;
  }
  return o;
}

function stringify(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (typeof v === 'object' && !Array.isArray(v))
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, stringify(x)]));
  return typeof v === 'number' ? String(v) : v;
}

export function vtJson(s: VtSpec): Record<string, unknown> {
  const rule = {
    level: s.level,
    description: s.description,
    id: s.ruleId,
    firedtimes: 1,
    mail: s.level >= 12,
    groups: ['virustotal'],
  };
  return {
    ...head(s, rule),
    decoder: { name: 'json' },
    data: { virustotal: stringify(vtRecordObject(s)), integration: 'virustotal' },
    location: 'virustotal',
  };
}
