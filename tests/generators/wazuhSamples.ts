// Sample data and formatting helpers for the Wazuh alert generator (see wazuhAlerts.ts): agents, Linux and
// Windows paths (some non-ASCII), hashes, and the time formats Wazuh writes.
import type { FileHashes } from '../../shared/hashes';
import type { Rng } from './prng';

export type AgentOs = 'linux' | 'windows';

export interface GenAgent {
  /** "000" is the manager itself */
  id: string;
  name: string;
  /** null: no address in alerts.json; alerts.log then shows "any" for an agent (nothing for the manager) */
  ip: string | null;
  os: AgentOs;
}

export const DEFAULT_MANAGER = 'wazuh-manager';

/** The manager (000), Linux agents and Windows agents. Agent names are ASCII, as Wazuh requires. */
export const AGENTS: readonly GenAgent[] = Object.freeze([
  { id: '000', name: DEFAULT_MANAGER, ip: null, os: 'linux' },
  { id: '001', name: 'web-01', ip: '10.0.1.11', os: 'linux' },
  { id: '002', name: 'db-01', ip: '10.0.1.12', os: 'linux' },
  { id: '003', name: 'build-runner', ip: null, os: 'linux' },
  { id: '004', name: 'WIN-FIN-07', ip: '10.0.3.21', os: 'windows' },
  { id: '005', name: 'DESKTOP-8J2KQ4', ip: '192.168.56.14', os: 'windows' },
  { id: '006', name: 'win-dc01.corp.local', ip: '10.0.0.5', os: 'windows' },
]);

const LINUX_DIRS = [
  '/etc',
  '/etc/ssh',
  '/usr/bin',
  '/usr/sbin',
  '/bin',
  '/var/www/html',
  '/var/www/html/wp-content/uploads',
  '/home/alice/Downloads',
  '/tmp',
  '/opt/app/bin',
  '/root',
  '/media/user/software',
];
const LINUX_NAMES = [
  'passwd',
  'shadow',
  'sshd_config',
  'index.php',
  'backdoor.sh',
  'invoice.pdf',
  'update.bin',
  'libssl.so.3',
  'crontab',
  'config.yml',
  'kworker',
  'payload.elf',
  '.bashrc',
  'suspicious-file.exe',
];
const LINUX_NON_ASCII_DIRS = ['/home/josé/Téléchargements', '/srv/共有/データ', '/home/дмитрий/Загрузки'];
const LINUX_NON_ASCII_NAMES = ['résumé.pdf', 'отчёт.docx', '請求書.exe', 'naïve café.sh', 'emoji-😀.txt'];

const WINDOWS_DIRS = [
  'C:\\Windows\\System32',
  'c:\\windows\\system32\\drivers',
  'C:\\Windows\\SysWOW64',
  'C:\\Program Files\\Contoso App',
  'C:\\Program Files (x86)\\Common Files',
  'C:\\Users\\Public\\Downloads',
  'C:\\Users\\bob\\AppData\\Local\\Temp',
  'c:\\programdata\\microsoft\\windows\\start menu\\programs\\startup',
];
const WINDOWS_NAMES = [
  'svchost.exe',
  'hosts',
  'payload.dll',
  'Invoice.PDF.exe',
  'setup.msi',
  'script.ps1',
  'update.bat',
  'mimikatz.exe',
  'WINWORD.EXE',
];
const WINDOWS_NON_ASCII_DIRS = ['C:\\Users\\Jürgen\\Downloads', 'C:\\Users\\Zoë\\Desktop', 'D:\\共有\\資料'];
const WINDOWS_NON_ASCII_NAMES = ['Überweisung.docm', 'Ñandú.exe', '测试.bat', 'счёт.xlsm'];

export interface PathOptions {
  os?: AgentOs;
  /** a directory or file name with non-ASCII characters */
  nonAscii?: boolean;
}

/** A realistic monitored path for the OS (Windows paths with backslashes and a drive letter). */
export function randomPath(rng: Rng, opts: PathOptions = {}): string {
  const os = opts.os ?? 'linux';
  const nonAscii = opts.nonAscii ?? false;
  if (os === 'windows') {
    const dir = rng.pick(nonAscii && rng.bool() ? WINDOWS_NON_ASCII_DIRS : WINDOWS_DIRS);
    const name = rng.pick(nonAscii ? WINDOWS_NON_ASCII_NAMES : WINDOWS_NAMES);
    return `${dir}\\${name}`;
  }
  const dir = rng.pick(nonAscii && rng.bool() ? LINUX_NON_ASCII_DIRS : LINUX_DIRS);
  const name = rng.pick(nonAscii ? LINUX_NON_ASCII_NAMES : LINUX_NAMES);
  return `${dir}/${name}`;
}

/** Three fresh lower-case hashes (md5, sha1, sha256). */
export function randomHashes(rng: Rng): FileHashes {
  return { md5: rng.hex(32), sha1: rng.hex(40), sha256: rng.hex(64) };
}

/** The hashes of the empty file (Wazuh fixtures are full of them). */
export const EMPTY_FILE_HASHES: Readonly<FileHashes> = Object.freeze({
  md5: 'd41d8cd98f00b204e9800998ecf8427e',
  sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
});

// ---- time formats ----------------------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** The wall clock of a manager at UTC offset `tzMinutes`, as a Date whose UTC fields are that local time. */
function wall(epochMs: number, tzMinutes: number): Date {
  return new Date(epochMs + tzMinutes * 60_000);
}

/** alerts.json `timestamp`: "2022-09-09T23:43:15.168+0200". */
export function wazuhTimestamp(epochMs: number, tzMinutes = 0): string {
  const d = wall(epochMs, tzMinutes);
  const sign = tzMinutes < 0 ? '-' : '+';
  const abs = Math.abs(tzMinutes);
  const ms = String(d.getUTCMilliseconds()).padStart(3, '0');
  return (
    `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${ms}${sign}${p2(Math.floor(abs / 60))}${p2(abs % 60)}`
  );
}

/** alerts.log second line: "2016 Apr 17 19:57:35" (the manager's local time). */
export function logDate(epochMs: number, tzMinutes = 0): string {
  const d = wall(epochMs, tzMinutes);
  return `${d.getUTCFullYear()} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** C's ctime() without the newline: "Tue Dec  6 12:15:36 2022". */
export function ctimeDate(epochMs: number, tzMinutes = 0): string {
  const d = wall(epochMs, tzMinutes);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** syscheck mtime_after: "2022-11-17T19:17:42" (agent local time, no offset). */
export function isoLocalSeconds(epochMs: number, tzMinutes = 0): string {
  return wazuhTimestamp(epochMs, tzMinutes).slice(0, 19);
}

/** VirusTotal v2 scan_date: "2017-11-14 17:24:37" (UTC). */
export function scanDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** Python's json.dumps (", " and ": " separators, ensure_ascii): how the integration script wrote its JSON. */
export function pyJson(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    const s = JSON.stringify(v) ?? 'null';
    return s.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  const parts = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${pyJson(k)}: ${pyJson(x)}`);
  return `{${parts.join(', ')}}`;
}
