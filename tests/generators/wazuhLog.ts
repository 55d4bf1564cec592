// alerts.log blocks for generated alerts, in the three generations Wazuh wrote (see the fixtures in
// tests/fixtures/wazuh/*.log and analysisd's OS_Log). A block ends with "\n" and has no trailing blank
// line; joinAlerts() adds the blank line that separates alerts. A 4.x FIM block holds a blank line of its own
// (between the full log and "Attributes:"), exactly as Wazuh writes it.
import type { FileHashes } from '../../shared/hashes';
import {
  type AlertBase,
  type FimSpec,
  fimFullLog,
  type OtherSpec,
  otherFullLog,
  otherLocation,
  otherRule,
  type RegistrySpec,
  type VtSpec,
  vtRecordObject,
} from './wazuhJson';
import { ctimeDate, logDate, pyJson } from './wazuhSamples';

export type LogGeneration = '2.x' | '3.x' | '4.x';

/** The three header lines. */
function header(
  s: AlertBase,
  groups: string[],
  location: string,
  rule: { id: string; level: number; description: string },
): string[] {
  const mail = rule.level >= 12 ? ' mail ' : '';
  const where =
    s.agent.id === '000' ? `${s.manager}->${location}` : `(${s.agent.name}) ${s.agent.ip ?? 'any'}->${location}`;
  return [
    `** Alert ${s.alertId}:${mail} - ${groups.join(',')},`,
    `${logDate(s.epochMs, s.tzMinutes)} ${where}`,
    `Rule: ${rule.id} (level ${rule.level}) -> '${rule.description}'`,
  ];
}

const block = (lines: string[]): string => lines.join('\n') + '\n';

function owner(name: string | null, id: string | null): string {
  return name ? `${name} (${id ?? ''})` : (id ?? '');
}

/** 3.x "New permissions: %6o" from a symbolic Linux permission ("rw-r--r--" -> "100644"). */
function octalPerm(perm: string | null): string | null {
  if (perm === null || !/^[rwx-]{9}$/.test(perm)) return null;
  let n = 0;
  for (const c of perm) n = n * 2 + (c === '-' ? 0 : 1);
  return `100${n.toString(8).padStart(3, '0')}`;
}

function fim4(s: FimSpec): string[] {
  const lines = fimFullLog(s).split('\n'); // ends with "" -> the blank line before "Attributes:"
  lines.push('Attributes:');
  lines.push(` - Size: ${s.size}`);
  if (s.perm !== null) lines.push(` - Permissions: ${s.perm}`);
  lines.push(` - Date: ${ctimeDate(s.mtimeMs, s.tzMinutes)}`);
  if (s.inode !== null) lines.push(` - Inode: ${s.inode}`);
  lines.push(` - User: ${s.uname} (${s.uid})`);
  if (s.gname !== null) lines.push(` - Group: ${s.gname} (${s.gid ?? ''})`);
  if (s.after.md5) lines.push(` - MD5: ${s.after.md5}`);
  if (s.after.sha1) lines.push(` - SHA1: ${s.after.sha1}`);
  if (s.after.sha256) lines.push(` - SHA256: ${s.after.sha256}`);
  if (s.whodata) {
    lines.push(` - (Audit) User name: ${s.whodata.user}`);
    lines.push(` - (Audit) Process id: 4242`);
    lines.push(` - (Audit) Process name: ${s.whodata.process}`);
  }
  return lines;
}

function sentences(s: FimSpec, withSha256: boolean): string[] {
  if (s.event === 'added') return [`New file '${s.path}' added to the file system.`];
  if (s.event === 'deleted') return [`File '${s.path}' was deleted. Unable to retrieve checksum.`];
  const lines = [`Integrity checksum changed for: '${s.path}'`];
  if (s.sizeBefore !== null) lines.push(`Size changed from '${s.sizeBefore}' to '${s.size}'`);
  const before = s.before ?? { md5: null, sha1: null, sha256: null };
  lines.push(`Old md5sum was: '${before.md5 ?? ''}'`, `New md5sum is : '${s.after.md5 ?? ''}'`);
  lines.push(`Old sha1sum was: '${before.sha1 ?? ''}'`, `New sha1sum is : '${s.after.sha1 ?? ''}'`);
  if (withSha256)
    lines.push(`Old sha256sum was: '${before.sha256 ?? ''}'`, `New sha256sum is : '${s.after.sha256 ?? ''}'`);
  return lines;
}

function fim3(s: FimSpec): string[] {
  const lines = s.event === 'deleted' ? [`File '${s.path}' was deleted.`] : sentences(s, true);
  if (s.whodata) lines.push(`(Audit) User: '${s.whodata.user} (0)'`, `(Audit) Process name: '${s.whodata.process}'`);
  lines.push(`File: ${s.path}`);
  if (s.sizeBefore !== null) lines.push(`Old size: ${s.sizeBefore}`);
  lines.push(`New size: ${s.size}`);
  const perm = octalPerm(s.perm);
  if (perm) lines.push(`New permissions: ${perm}`);
  lines.push(`New user: ${owner(s.uname, s.uid)}`);
  if (s.gname !== null || s.gid !== null) lines.push(`New group: ${owner(s.gname, s.gid)}`);
  const hashLines = (h: FileHashes | null, prefix: 'Old' | 'New'): void => {
    if (!h) return;
    if (h.md5) lines.push(`${prefix} MD5: ${h.md5}`);
    if (h.sha1) lines.push(`${prefix} SHA1: ${h.sha1}`);
    if (h.sha256) lines.push(`${prefix} SHA256: ${h.sha256}`);
  };
  hashLines(s.before, 'Old');
  hashLines(s.after, 'New');
  lines.push(`New date: ${ctimeDate(s.mtimeMs, s.tzMinutes)}`);
  if (s.inode !== null) lines.push(`New inode: ${s.inode}`);
  return lines;
}

/** A FIM alert as alerts.log of the given generation writes it. */
export function fimLog(s: FimSpec, generation: LogGeneration): string {
  // before 4.x the FIM rules had no syscheck_entry_* / syscheck_file groups
  const groups = generation === '4.x' ? s.groups : s.groups.filter((g) => !/^syscheck_(entry|file)/.test(g));
  const body = generation === '4.x' ? fim4(s) : generation === '3.x' ? fim3(s) : sentences(s, false);
  return block([
    ...header(s, groups, 'syscheck', { id: s.ruleId, level: s.level, description: s.description }),
    ...body,
  ]);
}

/** The hashes a parser should report as `after` for this block (deleted files and 2.x additions have none). */
export function expectedLogAfter(s: FimSpec, generation: LogGeneration): FileHashes {
  const none = { md5: null, sha1: null, sha256: null };
  if (s.event === 'deleted') return none;
  if (generation === '2.x') return s.event === 'added' ? none : { md5: s.after.md5, sha1: s.after.sha1, sha256: null };
  return { ...s.after };
}

export function registryLog(s: RegistrySpec): string {
  const what = s.valueName === null ? 'Key' : 'Value';
  const target = s.valueName === null ? s.key : `${s.key}\\${s.valueName}`;
  const lines = header(s, s.groups, 'syscheck', { id: s.ruleId, level: s.level, description: s.description });
  lines.push(`Registry ${what} '${s.arch} ${target}' ${s.event}`, 'Mode: scheduled', '', 'Attributes:');
  if (s.valueName !== null)
    lines.push(` - MD5: ${s.hashes.md5}`, ` - SHA1: ${s.hashes.sha1}`, ` - SHA256: ${s.hashes.sha256}`);
  return block(lines);
}

/** Wazuh's VirusTotal alert: the integration's JSON (Python style, numbers) and its flattened fields. */
export function vtLog(s: VtSpec): string {
  const lines = header(s, ['virustotal'], 'virustotal', { id: s.ruleId, level: s.level, description: s.description });
  const record = vtRecordObject(s);
  lines.push(pyJson({ virustotal: record, integration: 'virustotal' }));
  const flat = (prefix: string, v: unknown): void => {
    if (v === undefined || v === null) return;
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) flat(`${prefix}.${k}`, x);
    } else lines.push(`${prefix}: ${String(v)}`);
  };
  flat('virustotal', record);
  lines.push('integration: virustotal');
  return block(lines);
}

export function otherLog(s: OtherSpec): string {
  const r = otherRule(s.kind);
  const lines = header(s, r.groups, otherLocation(s.kind), r);
  if (s.kind === 'sshd') lines.push(`Src IP: ${s.srcip}`, `User: ${s.user}`);
  if (s.kind === 'web') lines.push(`Src IP: ${s.srcip}`);
  lines.push(otherFullLog(s));
  return block(lines);
}
