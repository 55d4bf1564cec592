// The FIM events of a year of a fleet, deterministic by seed, in time order: N events over N/10 file contents on
// ~N/20 paths. A few paths are busy (the busiest change hundreds of times: config files rewritten by a management
// tool, flapping between two contents); most change a few times. Events: added (a path's first event), modified
// (new content, or an attribute-only change), deleted (no hash), and some without hashes (Wazuh did not hash the
// file). Right after the first alert of some files comes Wazuh's own VirusTotal answer about it.
import type { FimEventKind } from '../../../shared/domain';
import { createRng, type Rng } from '../../generators/prng';
import { FIM_RULES, type FimSpec, type VtSpec } from '../../generators/wazuhJson';
import { DEFAULT_MANAGER } from '../../generators/wazuhSamples';
import { contentOf, NO_HASHES, type Content } from './contents';
import { fleetAgents, FleetPaths, type FleetAgent } from './fleet';

export const YEAR_MS = 365 * 86_400_000;
const DELETED_SHARE = 0.08;
const READDED_SHARE = 0.05;
const NO_HASH_SHARE = 0.02;

export type StreamItem =
  { kind: 'fim'; spec: FimSpec; content: Content | null } | { kind: 'wazuh-vt'; spec: VtSpec; content: Content };

const OWNERS: [string, string][] = [
  ['root', '0'],
  ['www-data', '33'],
  ['alice', '1000'],
  ['deploy', '1001'],
];
const PERMS = ['rw-r--r--', 'rwxr-xr-x', 'rw-------', 'rwxrwxr-x'];
const PROCESSES = {
  linux: ['/usr/bin/dpkg', '/usr/bin/vim.basic', '/usr/bin/curl', '/usr/bin/python3', '/tmp/.x/dropper'],
  windows: ['C:\\Windows\\System32\\msiexec.exe', 'C:\\Windows\\explorer.exe', 'C:\\Users\\Public\\svc.exe'],
};
const HOT_PLACE = /[\\/](Startup|Temp|tmp|dev[\\/]shm|Downloads)[\\/]/i;
const SENSITIVE = /^\/etc\/(shadow|sudoers|passwd|ld\.so\.preload)|\\drivers\\/;

export class ScaleEventStream {
  readonly agents: FleetAgent[];
  readonly paths: FleetPaths;
  readonly contents: number;
  readonly pathCount: number;
  private readonly rng: Rng;
  private readonly contentSeed: number;
  private readonly start: number;
  private readonly step: number;
  private readonly current: Int32Array;
  private readonly previous: Int32Array;
  private readonly flapping: number;
  private readonly seenContent: Uint8Array;
  private made = 0;
  private offset = 0;
  private i = 0;

  constructor(
    private readonly seed: number,
    readonly total: number,
    endEpochMs: number,
    /** the time the events spread over, ending at endEpochMs; default a year */
    spanMs = YEAR_MS,
    /** another stream of the same fleet (same agents and paths, other events and contents) */
    salt = 0,
  ) {
    this.contentSeed = salt === 0 ? seed : (Math.imul(seed, 7919) + salt) >>> 0;
    this.rng = createRng(this.contentSeed);
    this.agents = fleetAgents(seed);
    this.paths = new FleetPaths(seed, this.agents);
    this.contents = Math.max(1, Math.round(total / 10));
    this.pathCount = Math.max(1, Math.round(this.contents / 2));
    this.flapping = Math.max(1, Math.floor(this.pathCount / 1000));
    this.current = new Int32Array(this.pathCount).fill(-1);
    this.previous = new Int32Array(this.pathCount).fill(-1);
    this.seenContent = new Uint8Array(this.contents);
    this.start = endEpochMs - spanMs;
    this.step = spanMs / total;
  }

  contentOf(k: number): Content {
    return contentOf(this.contentSeed, k);
  }

  get done(): boolean {
    return this.i >= this.total;
  }

  /** The next `count` FIM events (fewer at the end), each followed by Wazuh's answer when it has one. */
  next(count: number): StreamItem[] {
    const out: StreamItem[] = [];
    for (let n = 0; n < count && this.i < this.total; n++, this.i++) this.event(out);
    return out;
  }

  private event(out: StreamItem[]): void {
    const r = this.rng;
    const epochMs = Math.floor(this.start + this.i * this.step + r.next() * this.step * 0.5);
    const p = Math.floor(this.pathCount * r.next() ** 2);
    const fp = this.paths.get(p);
    const agent = this.agents[r.pick(fp.agents)];
    const cur = this.current[p];
    const roll = r.next();
    const kind: FimEventKind =
      cur < 0
        ? 'added'
        : roll < DELETED_SHARE
          ? 'deleted'
          : roll < DELETED_SHARE + READDED_SHARE
            ? 'added'
            : 'modified';
    let k = cur;
    if (kind !== 'deleted') {
      k = this.contentFor(p, cur);
      if (k !== cur) {
        this.previous[p] = cur;
        this.current[p] = k;
      }
    } else this.current[p] = -1;
    const content = k >= 0 ? contentOf(this.contentSeed, k) : null;
    const noHash = kind !== 'deleted' && r.next() < NO_HASH_SHARE;
    const stored = kind === 'deleted' || noHash || !content ? null : content;
    const before = kind === 'modified' && cur >= 0 && cur !== k ? contentOf(this.contentSeed, cur) : null;
    const spec = this.spec(r, epochMs, kind, fp.path, fp.os, agent, content, before, noHash);
    out.push({ kind: 'fim', spec, content: stored });
    if (stored && !this.seenContent[stored.k]) {
      this.seenContent[stored.k] = 1;
      if (stored.wazuh) out.push({ kind: 'wazuh-vt', spec: this.wazuhAnswer(r, spec, stored), content: stored });
    }
  }

  /** New content on schedule (N/10 contents spread over the year), else flap back, else the same content. */
  private contentFor(p: number, cur: number): number {
    const r = this.rng;
    const due = Math.floor((this.contents * (this.i + 1)) / this.total);
    const prev = this.previous[p];
    const flapping = p < this.flapping && cur >= 0 && prev >= 0;
    if (flapping) return r.next() < 0.9 ? prev : cur;
    if (this.made < due && this.made < this.contents) return this.made++;
    if (cur >= 0) return prev >= 0 && r.next() < 0.5 ? prev : cur;
    // a first event once the year's contents are all made: a copy of a file seen elsewhere
    return this.made > 0 ? r.int(0, this.made - 1) : this.made++;
  }

  private spec(
    r: Rng,
    epochMs: number,
    event: FimEventKind,
    path: string,
    os: 'linux' | 'windows',
    agent: FleetAgent,
    content: Content | null,
    before: Content | null,
    noHash: boolean,
  ): FimSpec {
    this.offset += r.int(900, 1600);
    const base = FIM_RULES[event];
    const hot = event !== 'deleted' && HOT_PLACE.test(path);
    const sensitive = SENSITIVE.test(path);
    const [ruleId, level, description] = hot
      ? ['100200', 12, 'File changed in an autostart, download or temporary folder.']
      : sensitive
        ? ['100210', 10, 'Sensitive system file changed.']
        : [base.id, base.level, base.description];
    const mode = r.next() < 0.5 ? 'scheduled' : r.next() < 0.7 ? 'realtime' : 'whodata';
    const [uname, uid] = os === 'windows' ? ['Administrators', 'S-1-5-32-544'] : r.pick(OWNERS);
    const contentChanged = before !== null;
    return {
      alertId: `${Math.floor(epochMs / 1000)}.${this.offset}`,
      epochMs,
      manager: DEFAULT_MANAGER,
      tzMinutes: 0,
      agent,
      event,
      path,
      os,
      ruleId,
      level,
      description,
      groups: ['ossec', 'syscheck', `syscheck_entry_${event}`, 'syscheck_file', ...(hot || sensitive ? ['local'] : [])],
      mode,
      after: noHash || !content ? { ...NO_HASHES } : { ...content.hashes },
      before: before ? { ...before.hashes } : null,
      size: noHash ? 2_000_000_000 + r.int(0, 1e9) : (content?.size ?? 0),
      sizeBefore: before ? before.size : null,
      perm: os === 'windows' ? null : r.pick(PERMS),
      uname,
      uid,
      gname: os === 'windows' ? null : uname,
      gid: os === 'windows' ? null : uid,
      inode: os === 'windows' ? null : r.int(1000, 90_000_000),
      mtimeMs: epochMs - r.int(0, 5000),
      mtimeBeforeMs: event === 'modified' ? epochMs - r.int(60_000, 86_400_000) : null,
      changedAttributes:
        event !== 'modified' ? [] : contentChanged ? ['size', 'mtime', 'md5', 'sha1', 'sha256'] : ['mtime'],
      whodata:
        mode === 'whodata' ? { user: os === 'windows' ? 'CORP\\bob' : 'root', process: r.pick(PROCESSES[os]) } : null,
      deletedKeepsAfter: false,
    };
  }

  /** Wazuh's integration answering the alert a second later: recent scans (fresh) mostly, some months old. */
  private wazuhAnswer(r: Rng, fim: FimSpec, c: Content): VtSpec {
    const epochMs = fim.epochMs + r.int(500, 3000);
    this.offset += r.int(700, 1100);
    const found = c.destiny !== 'unknown';
    const total = 66 + Math.floor(c.detail * 7);
    const positives = c.destiny === 'malicious' ? 3 + Math.floor(c.detail * 50) : 0;
    const age = r.next() < 0.7 ? r.int(3_600_000, 2 * 86_400_000) : r.int(30 * 86_400_000, 300 * 86_400_000);
    const scanMs = Math.floor((epochMs - age) / 1000) * 1000;
    const { sha256, sha1, md5 } = c.hashes;
    const outcome = !found ? 'not-found' : positives > 0 ? 'detected' : 'clean';
    return {
      alertId: `${Math.floor(epochMs / 1000)}.${this.offset}`,
      epochMs,
      manager: fim.manager,
      tzMinutes: 0,
      agent: this.agents[0],
      outcome,
      ruleId: outcome === 'detected' ? '87105' : outcome === 'clean' ? '87104' : '87103',
      level: outcome === 'detected' ? 12 : 3,
      description:
        outcome === 'detected'
          ? `VirusTotal: Alert - ${fim.path} - ${positives} engines detected this file`
          : outcome === 'clean'
            ? `VirusTotal: Alert - ${fim.path} - No positives found`
            : 'VirusTotal: Alert - No records in VirusTotal database',
      error: null,
      found: found ? 1 : 0,
      malicious: positives > 0 ? 1 : 0,
      positives: found ? positives : null,
      total: found ? total : null,
      scanDateMs: found ? scanMs : null,
      permalink: found ? `https://www.virustotal.com/gui/file/${sha256}/detection/f-${sha256}-${scanMs / 1000}` : null,
      sha1: found ? sha1 : null,
      source: { alertId: fim.alertId, file: fim.path, md5, sha1, agent: { id: fim.agent.id, name: fim.agent.name } },
    };
  }
}
