// Resolves generator options into complete alert specs (every field decided, from the seeded PRNG when the
// caller did not say). The base of WazuhAlertGenerator (wazuhAlerts.ts).
import type { FimEventKind } from '../../shared/domain';
import type { FileHashes } from '../../shared/hashes';
import { createRng, type Rng } from './prng';
import {
  FIM_RULES,
  type FimModeName,
  type FimSpec,
  type OtherKind,
  type OtherSpec,
  type RegistrySpec,
} from './wazuhJson';
import type { VtOutcome, VtSpec } from './wazuhJson';
import { AGENTS, type AgentOs, DEFAULT_MANAGER, type GenAgent, randomHashes, randomPath } from './wazuhSamples';

export interface GeneratorOptions {
  /** PRNG seed; default 1 */
  seed?: number;
  /** time of the first alert; default 2024-04-05T12:00:00Z */
  startEpochMs?: number;
  /** manager.name; default "wazuh-manager" */
  manager?: string;
  /** the manager's UTC offset in minutes (timestamps "+0200" etc.); default 0 */
  tzOffsetMinutes?: number;
  /** agents to pick from; default AGENTS (the manager, 3 Linux and 3 Windows agents) */
  agents?: readonly GenAgent[];
}

/** Options every generated alert accepts. */
export interface CommonAlertOptions {
  /** an agent, or its id or name; default: random (of the right OS) */
  agent?: GenAgent | string;
  manager?: string;
  epochMs?: number;
  alertId?: string;
}

export interface FimAlertOptions extends CommonAlertOptions {
  event?: FimEventKind;
  path?: string;
  /** the OS of the random path and agent; default: the agent's, else Linux with 70% */
  os?: AgentOs;
  nonAscii?: boolean;
  /** the file's hashes now: given kinds used as is (null = the field is absent), missing ones random */
  hashes?: Partial<FileHashes>;
  /** modified: the previous content (null = an attribute-only change); default random */
  before?: FileHashes | null;
  ruleId?: string;
  level?: number;
  description?: string;
  extraGroups?: string[];
  mode?: FimModeName;
  whodata?: { user: string; process: string } | null;
  size?: number;
  sizeBefore?: number;
  /** deleted events: write the last attributes as *_after (default true) */
  deletedKeepsAfter?: boolean;
}

export interface RegistryAlertOptions extends CommonAlertOptions {
  kind?: 'key' | 'value';
  event?: FimEventKind;
  ruleId?: string;
  groups?: string[];
  /** default true; false writes no syscheck.path (value_name/arch only) */
  withPath?: boolean;
}

export type OtherAlertOptions = CommonAlertOptions;

export interface WazuhVtAlertOptions extends CommonAlertOptions {
  outcome?: VtOutcome;
  file?: string;
  md5?: string;
  sha1?: string;
  sha256?: string;
  sourceAlertId?: string;
  /** the agent of the FIM alert looked up; null = no source.agent (as in recent alerts.json) */
  sourceAgent?: GenAgent | null;
  positives?: number;
  total?: number;
  errorCode?: number;
  scanDateMs?: number;
}

const LINUX_OWNERS = [
  ['root', '0'],
  ['www-data', '33'],
  ['alice', '1000'],
] as const;
const LINUX_PERMS = ['rw-r--r--', 'rwxr-xr-x', 'rw-------', 'rwxrwxrwx'];
const PROCESSES = ['/usr/bin/touch', '/usr/bin/curl', '/usr/bin/vim.basic', '/tmp/.x/dropper'];
const REGISTRY_KEYS = [
  'HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\Netlogon',
  'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows Defender',
];
const REGISTRY_RULES = {
  key: {
    modified: ['594', 'Registry Key Integrity Checksum Changed'],
    deleted: ['597', 'Registry Key Entry Deleted'],
    added: ['598', 'Registry Key Entry Added'],
  },
  value: {
    modified: ['750', 'Registry Value Integrity Checksum Changed'],
    deleted: ['751', 'Registry Value Entry Deleted'],
    added: ['752', 'Registry Value Entry Added'],
  },
} as const;
const VT_RULES: Record<VtOutcome, { id: string; level: number; error?: [number, string] }> = {
  'rate-limit': { id: '87101', level: 3, error: [204, 'Error: Public API request rate limit reached'] },
  credentials: { id: '87102', level: 3, error: [403, 'Error: Check credentials'] },
  'not-found': { id: '87103', level: 3 },
  clean: { id: '87104', level: 3 },
  detected: { id: '87105', level: 12 },
  timeout: { id: '87106', level: 3, error: [408, 'Error: API request timed out'] },
};

export class SpecFactory {
  readonly rng: Rng;
  readonly manager: string;
  readonly tzOffsetMinutes: number;
  readonly agents: readonly GenAgent[];
  private clock: number;
  private offset = 0;

  constructor(o: GeneratorOptions = {}) {
    this.rng = createRng(o.seed ?? 1);
    this.manager = o.manager ?? DEFAULT_MANAGER;
    this.tzOffsetMinutes = o.tzOffsetMinutes ?? 0;
    this.agents = o.agents && o.agents.length > 0 ? o.agents : AGENTS;
    this.clock = o.startEpochMs ?? Date.UTC(2024, 3, 5, 12, 0, 0);
  }

  /** The next alert id and time: time moves forward 0-2.5 s, the offset like alerts.log's byte offset. */
  nextId(w: CommonAlertOptions = {}): { alertId: string; epochMs: number } {
    this.clock += this.rng.int(0, 2500);
    this.offset += this.rng.int(400, 3000);
    const epochMs = w.epochMs ?? this.clock;
    return { epochMs, alertId: w.alertId ?? `${Math.floor(epochMs / 1000)}.${this.offset}` };
  }

  agentFor(want: GenAgent | string | undefined, os?: AgentOs): GenAgent {
    if (typeof want === 'object') return want;
    if (typeof want === 'string') {
      const found = this.agents.find((a) => a.id === want || a.name === want);
      if (found) return found;
      return { id: String(this.agents.length + 100).padStart(3, '0'), name: want, ip: null, os: os ?? 'linux' };
    }
    const candidates = os ? this.agents.filter((a) => a.os === os) : this.agents;
    return this.rng.pick(candidates.length > 0 ? candidates : this.agents);
  }

  private base(w: CommonAlertOptions, agent: GenAgent) {
    return { ...this.nextId(w), manager: w.manager ?? this.manager, tzMinutes: this.tzOffsetMinutes, agent };
  }

  fimSpec(o: FimAlertOptions = {}): FimSpec {
    const rng = this.rng;
    const pre = typeof o.agent === 'object' ? o.agent : undefined;
    const os: AgentOs = o.os ?? pre?.os ?? (rng.bool(0.7) ? 'linux' : 'windows');
    const agent = this.agentFor(o.agent, os);
    const event = o.event ?? rng.pick(['added', 'modified', 'modified', 'deleted'] as const);
    const rule = FIM_RULES[event];
    const after = randomHashes(rng);
    for (const k of ['md5', 'sha1', 'sha256'] as const)
      if (o.hashes && o.hashes[k] !== undefined) after[k] = o.hashes[k] ?? null;
    const before = event === 'modified' ? (o.before === undefined ? randomHashes(rng) : o.before) : null;
    const mode: FimModeName = o.mode ?? (o.whodata ? 'whodata' : rng.bool(0.6) ? 'realtime' : 'scheduled');
    const whodata =
      o.whodata !== undefined ? o.whodata : mode === 'whodata' ? { user: 'root', process: rng.pick(PROCESSES) } : null;
    const [uname, uid] = os === 'windows' ? ['Administrators', 'S-1-5-32-544'] : rng.pick(LINUX_OWNERS);
    const b = this.base(o, agent);
    const size = o.size ?? rng.int(0, 5_000_000);
    const contentChanged = before !== null;
    return {
      ...b,
      event,
      path: o.path ?? randomPath(rng, { os, nonAscii: o.nonAscii }),
      os,
      ruleId: o.ruleId ?? rule.id,
      level: o.level ?? rule.level,
      description: o.description ?? rule.description,
      groups: ['ossec', 'syscheck', `syscheck_entry_${event}`, 'syscheck_file', ...(o.extraGroups ?? [])],
      mode,
      after,
      before,
      size,
      sizeBefore: contentChanged ? (o.sizeBefore ?? rng.int(0, 5_000_000)) : null,
      perm: os === 'windows' ? null : rng.pick(LINUX_PERMS),
      uname,
      uid,
      gname: os === 'windows' ? null : uname,
      gid: os === 'windows' ? null : uid,
      inode: os === 'windows' ? null : rng.int(1000, 9_000_000),
      mtimeMs: b.epochMs - rng.int(0, 5000),
      mtimeBeforeMs: event === 'modified' ? b.epochMs - rng.int(60_000, 86_400_000) : null,
      changedAttributes:
        event !== 'modified' ? [] : contentChanged ? ['size', 'mtime', 'md5', 'sha1', 'sha256'] : ['mtime'],
      whodata,
      deletedKeepsAfter: o.deletedKeepsAfter ?? true,
    };
  }

  registrySpec(o: RegistryAlertOptions = {}): RegistrySpec {
    const kind = o.kind ?? (this.rng.bool() ? 'value' : 'key');
    const event = o.event ?? this.rng.pick(['added', 'modified', 'deleted'] as const);
    const [id, description] = REGISTRY_RULES[kind][event];
    return {
      ...this.base(o, this.agentFor(o.agent, 'windows')),
      event,
      ruleId: o.ruleId ?? id,
      level: 5,
      description,
      groups: o.groups ?? ['ossec', 'syscheck', `syscheck_entry_${event}`, 'syscheck_registry'],
      key: this.rng.pick(REGISTRY_KEYS),
      valueName: kind === 'value' ? this.rng.pick(['ImagePath', 'Start', 'OneDrive', 'DisableAntiSpyware']) : null,
      arch: this.rng.bool() ? '[x64]' : '[x32]',
      hashes: randomHashes(this.rng),
      withPath: o.withPath ?? true,
    };
  }

  otherSpec(kind: OtherKind, o: OtherAlertOptions = {}): OtherSpec {
    const agent = this.agentFor(o.agent, 'linux');
    return {
      ...this.base(o, agent),
      kind,
      srcip: `203.0.113.${this.rng.int(1, 254)}`,
      user: this.rng.pick(['root', 'admin', 'oracle', 'ubnt']),
    };
  }

  vtSpec(o: WazuhVtAlertOptions = {}): VtSpec {
    const rng = this.rng;
    const outcome = o.outcome ?? rng.pick(['detected', 'clean', 'not-found', 'rate-limit'] as const);
    const r = VT_RULES[outcome];
    const b = this.base(o, this.agentFor(o.agent ?? '000'));
    const file = o.file ?? randomPath(rng, { os: 'linux' });
    const h = randomHashes(rng);
    const sha256 = o.sha256 ?? h.sha256 ?? '';
    const total = o.total ?? rng.int(60, 75);
    const positives = outcome === 'detected' ? (o.positives ?? rng.int(1, total)) : 0;
    const scanMs = o.scanDateMs ?? Math.floor((b.epochMs - rng.int(60_000, 90 * 86_400_000)) / 1000) * 1000;
    const found = outcome === 'detected' || outcome === 'clean' ? 1 : 0;
    const description =
      outcome === 'detected'
        ? `VirusTotal: Alert - ${file} - ${positives} engines detected this file`
        : outcome === 'clean'
          ? `VirusTotal: Alert - ${file} - No positives found`
          : outcome === 'not-found'
            ? 'VirusTotal: Alert - No records in VirusTotal database'
            : `VirusTotal: ${r.error?.[1] ?? ''}`;
    const sourceAgent = o.sourceAgent === undefined ? null : o.sourceAgent;
    const isError = r.error !== undefined;
    return {
      ...b,
      outcome,
      ruleId: r.id,
      level: r.level,
      description,
      error: r.error ? { code: o.errorCode ?? r.error[0], description: r.error[1] } : null,
      found: isError ? null : found,
      malicious: isError ? null : outcome === 'detected' ? 1 : 0,
      positives: found ? positives : null,
      total: found ? total : null,
      scanDateMs: found ? scanMs : null,
      permalink: found ? `https://www.virustotal.com/gui/file/${sha256}/detection/f-${sha256}-${scanMs / 1000}` : null,
      sha1: found ? (o.sha1 ?? h.sha1) : null,
      source: isError
        ? null
        : {
            alertId: o.sourceAlertId ?? `${Math.floor(b.epochMs / 1000) - 2}.${rng.int(1000, 999_999)}`,
            file,
            md5: o.md5 ?? h.md5 ?? '',
            sha1: o.sha1 ?? h.sha1 ?? '',
            agent: sourceAgent ? { id: sourceAgent.id, name: sourceAgent.name } : null,
          },
    };
  }
}
