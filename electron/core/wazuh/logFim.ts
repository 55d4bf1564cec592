// The FIM part of an alerts.log block (the lines after `Rule: ...`), for the three generations Wazuh wrote:
// - 4.x: `File '/x' modified` / `Mode: realtime` / `Changed attributes: ...`, the changes in words, then (after
//   a blank line) `Attributes:` with ` - Size:`, ` - Permissions:`, ` - Date:`, ` - Inode:`, ` - User: n (id)`,
//   ` - Group:`, ` - MD5:`, ` - SHA1:`, ` - SHA256:`, ` - (Audit) User name:`, ` - (Audit) Process name:`...
// - 3.x: `New file '/x' added to the file system.` (or the 2.x sentences below), then `File: /x`, `New size:`,
//   `New permissions:`, `New user: n (id)`, `New group:`, `Old/New MD5:`, `Old/New SHA1:`, `Old/New SHA256:`,
//   `Username:`, `Process:`, `New date:`, `New inode:`; whodata as `(Audit) User: 'n (id)'`.
// - 2.x: only sentences: `Integrity checksum changed for: '/x'`, `Size changed from 'a' to 'b'`,
//   `Old md5sum was: '...'` / `New md5sum is : '...'` (sha1sum, sha256sum), `File '/x' was deleted.`
// The `Attributes:` block (4.x) wins over the sentences; lines of a `What changed:` diff are never read as fields.
import type { FimEvent, FimEventKind, FimMode } from '../../../shared/domain';
import { bestHash } from '../../../shared/hashes';
import { hashesProblem, hashOf } from './coerce';

/** What an alerts.log body gives of a FimEvent; path and event may be missing until the header or rule decides. */
export type LogFimFields = Omit<
  FimEvent,
  'alertId' | 'timestamp' | 'epochMs' | 'manager' | 'agent' | 'rule' | 'location' | 'path' | 'event'
> & {
  path: string | null;
  event: FimEventKind | null;
};

/** Field slots filled by the line rules; the first value seen wins within a source. */
type Slot =
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'md5Before'
  | 'sha1Before'
  | 'sha256Before'
  | 'size'
  | 'perm'
  | 'user'
  | 'group'
  | 'inode'
  | 'mtime'
  | 'whoUser'
  | 'whoProcess';

type Values = Partial<Record<Slot, string>>;

/** Lines of the 4.x `Attributes:` block (after the leading " - "). */
const ATTRIBUTE_RULES: [RegExp, Slot][] = [
  [/^Size: (\d{1,15})$/, 'size'],
  [/^Permissions: (.+)$/, 'perm'],
  [/^Date: (.+)$/, 'mtime'],
  [/^Inode: (\d{1,15})$/, 'inode'],
  [/^User: (.+)$/, 'user'],
  [/^Group: (.+)$/, 'group'],
  [/^MD5: (\S+)$/, 'md5'],
  [/^SHA1: (\S+)$/, 'sha1'],
  [/^SHA256: (\S+)$/, 'sha256'],
  [/^\(Audit\) User name: (.+)$/, 'whoUser'],
  [/^\(Audit\) Process name: (.+)$/, 'whoProcess'],
];

/** Sentences of 2.x/3.x/4.x full logs and the 3.x `File:` block. The LAST capture group is the value. */
const TEXT_RULES: [RegExp, Slot][] = [
  [/^New md5sum is : '([^']*)'$/, 'md5'],
  [/^New sha1sum is : '([^']*)'$/, 'sha1'],
  [/^New sha256sum is : '([^']*)'$/, 'sha256'],
  [/^Old md5sum was: '([^']*)'$/, 'md5Before'],
  [/^Old sha1sum was: '([^']*)'$/, 'sha1Before'],
  [/^Old sha256sum was: '([^']*)'$/, 'sha256Before'],
  [/^New MD5: (\S+)$/, 'md5'],
  [/^New SHA1: (\S+)$/, 'sha1'],
  [/^New SHA256: (\S+)$/, 'sha256'],
  [/^Old MD5: (\S+)$/, 'md5Before'],
  [/^Old SHA1: (\S+)$/, 'sha1Before'],
  [/^Old SHA256: (\S+)$/, 'sha256Before'],
  [/^New size: (\d{1,15})$/, 'size'],
  [/^Size changed from '\d*' to '(\d{1,15})'$/, 'size'],
  [/^New permissions: (.+)$/, 'perm'],
  [/^Permissions changed from '[^']*' to '([^']*)'$/, 'perm'],
  [/^New user: (.+)$/, 'user'],
  [/^Ownership was '[^']*', now it is '([^']*)'$/, 'user'],
  [/^New group: (.+)$/, 'group'],
  [/^Group ownership was '[^']*', now it is '([^']*)'$/, 'group'],
  [/^New inode: (\d{1,15})$/, 'inode'],
  [/^Old inode was: '\d*', now it is '(\d{1,15})'$/, 'inode'],
  [/^New date: (.+)$/, 'mtime'],
  [/^Old modification time was: '[^']*', now it is '([^']*)'$/, 'mtime'],
  [/^\(Audit\) User: '(.*)'$/, 'whoUser'],
  [/^\(Audit\) Process name: '(.*)'$/, 'whoProcess'],
  [/^Username: (.+)$/, 'whoUser'],
  [/^Process: (.+)$/, 'whoProcess'],
];

/** Sentences that name the file and what happened to it. */
const PATH_RULES: [RegExp, FimEventKind | null][] = [
  [/^File '(.*)' (added|modified|deleted)$/, null], // 4.x: the event is the second group
  [/^New file '(.*)' added to the file system\.?$/, 'added'],
  [/^Integrity checksum changed for: '(.*)'$/, 'modified'],
  [/^File '(.*)' was deleted\./, 'deleted'], // 2.x adds " Unable to retrieve checksum."
  [/^File '(.*)' was re-added\.?$/, 'added'],
];

/** `Changed attributes:` names for the 2.x/3.x sentences (as Wazuh 4.x names them). */
const CHANGE_SENTENCES: [RegExp, string][] = [
  [/^Size changed from /, 'size'],
  [/^Permissions changed from /, 'permission'],
  [/^Ownership was /, 'uid'],
  [/^Group ownership was /, 'gid'],
  [/^Old modification time was: /, 'mtime'],
  [/^Old inode was: /, 'inode'],
  [/^Old md5sum was: /, 'md5'],
  [/^Old sha1sum was: /, 'sha1'],
  [/^(?:Old|New) sha256sum (?:was|is) ?: /, 'sha256'],
];

const MODE = /^Mode: (scheduled|realtime|whodata)$/;
const CHANGED = /^Changed attributes: (.*)$/;
const FILE_LINE = /^File: (.+)$/;

/** "root (0)" -> name root, id 0; "1000" -> id; "root" -> name. */
export function splitOwner(v: string | undefined): { name: string | null; id: string | null } {
  if (v === undefined) return { name: null, id: null };
  const m = /^(.*) \(([^()]*)\)$/.exec(v);
  if (m) return { name: m[1] || null, id: m[2] || null };
  return /^\d+$/.test(v) ? { name: null, id: v } : { name: v || null, id: null };
}

function apply(rules: [RegExp, Slot][], line: string, into: Values): boolean {
  for (const [re, slot] of rules) {
    const m = re.exec(line);
    if (m) {
      into[slot] ??= m[m.length - 1];
      return true;
    }
  }
  return false;
}

const toUint = (v: string | undefined): number | null => (v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null);

/**
 * The text lines, and the attribute lines, read against the rules at most. A FIM alert has a few dozen; one made of hundreds
 * of thousands of lines (an agent's, 1 MB) cost 0.6-0.8 s of the engine's thread through ~45 rules each.
 */
export const MAX_RULE_LINES = 1000;

/** Read the FIM fields from the body lines of one alert (the lines after `Rule: ...`). Never throws. */
export function readFimBody(lines: readonly string[]): LogFimFields {
  const attr: Values = {};
  const txt: Values = {};
  let path: string | null = null;
  let filePath: string | null = null;
  let event: FimEventKind | null = null;
  let mode: FimMode = null;
  let changed: string[] | null = null;
  const inferred: string[] = [];
  let section: 'text' | 'attributes' | 'diff' | 'tags' = 'text';

  // counted apart: junk text before `Attributes:` must not hide the attributes (the hashes)
  const ruleLines = { text: 0, attributes: 0 };
  for (const line of lines) {
    if (line === 'Attributes:') section = 'attributes';
    else if (line === 'What changed:') section = 'diff';
    else if (line === 'Tags:') section = 'tags';
    else if ((section === 'attributes' || section === 'text') && line !== '' && ++ruleLines[section] > MAX_RULE_LINES)
      continue;
    else if (section === 'attributes' && line.startsWith(' - ')) apply(ATTRIBUTE_RULES, line.slice(3), attr);
    else if (section === 'diff' || section === 'tags') {
      // a 3.x `File:` block follows the diff of its full log
      const m = FILE_LINE.exec(line);
      if (m && section === 'diff') {
        section = 'text';
        filePath ??= m[1];
      }
    } else if (line !== '') {
      if (path === null) {
        for (const [re, ev] of PATH_RULES) {
          const m = re.exec(line);
          if (m) {
            path = m[1];
            event = ev ?? (m[2] as FimEventKind);
            break;
          }
        }
      }
      const fm = FILE_LINE.exec(line);
      if (fm) filePath ??= fm[1];
      const mm = MODE.exec(line);
      if (mm) mode ??= mm[1] as FimMode;
      const cm = CHANGED.exec(line);
      if (cm && changed === null) changed = splitList(cm[1]);
      for (const [re, name] of CHANGE_SENTENCES) if (re.test(line) && !inferred.includes(name)) inferred.push(name);
      apply(TEXT_RULES, line, txt);
    }
  }

  const pick = (slot: Slot): string | undefined => attr[slot] ?? txt[slot];
  const user = splitOwner(pick('user'));
  const group = splitOwner(pick('group'));
  const who = pick('whoUser');
  const after = {
    md5: hashOf(pick('md5'), 'md5'),
    sha1: hashOf(pick('sha1'), 'sha1'),
    sha256: hashOf(pick('sha256'), 'sha256'),
  };
  const problem = bestHash(after)
    ? null
    : hashesProblem({ md5: pick('md5'), sha1: pick('sha1'), sha256: pick('sha256') });
  return {
    path: path ?? filePath,
    event,
    mode,
    after,
    ...(problem ? { hashProblem: problem } : {}),
    before: {
      md5: hashOf(txt.md5Before, 'md5'),
      sha1: hashOf(txt.sha1Before, 'sha1'),
      sha256: hashOf(txt.sha256Before, 'sha256'),
    },
    size: toUint(pick('size')),
    perm: pick('perm')?.trim() || null,
    uname: user.name,
    gname: group.name,
    uid: user.id,
    gid: group.id,
    inode: toUint(pick('inode')),
    mtime: pick('mtime')?.trim() || null,
    changedAttributes: changed ?? inferred,
    // 4.x writes the bare name; 3.x writes "name (id)"
    whodataUser: who === undefined ? null : (splitOwner(who).name ?? (who || null)),
    whodataProcess: pick('whoProcess') || null,
  };
}

function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
