// A deterministic fleet of agents whose files change, the common source of the 4.x and 5.x indexer corpora:
// vendor files at the same paths on every agent of an OS, whose content changes fleet-wide with updates (the
// same hashes on many agents), user files per agent (some copied to other agents: one hash, several agents),
// additions, modifications (content or attributes only) and deletions (no hash), and timestamps that come in
// bursts sharing the very same millisecond, as a scheduled scan reports them.
//
//   const fleet = new Fleet({ seed: 7 });
//   const events = fleet.events(5_000);      // FleetEvent[], in time order
//   fleet.files()                           // every agent's current files (for the 5.x FIM state index)
import type { FimEventKind } from '../../shared/domain';
import type { FileHashes } from '../../shared/hashes';
import { createRng, type Rng } from './prng';
import { AGENTS, type AgentOs, type GenAgent, randomHashes, randomPath } from './wazuhSamples';

export interface FleetOptions {
  seed?: number;
  /** default: AGENTS (the manager, 3 Linux and 3 Windows agents) */
  agents?: readonly GenAgent[];
  /** time of the first event; default 2026-07-05T09:00:00Z */
  startEpochMs?: number;
  /** the largest group of events sharing one timestamp; default 12 */
  maxBurst?: number;
  /** share of events that start a burst; default 0.3 */
  burstShare?: number;
  /** share of events on vendor files; default 0.5 */
  vendorShare?: number;
  /** share of events on existing files that delete them; default 0.08 */
  deletedShare?: number;
  /** share of user files created as a copy of another agent's file (same hash); default 0.15 */
  copiedShare?: number;
  /** share of user file paths with non-ASCII characters; default 0.1 */
  nonAsciiShare?: number;
}

export interface FleetFile {
  agent: GenAgent;
  path: string;
  os: AgentOs;
  hashes: FileHashes;
  size: number;
  vendor: boolean;
  /** the last change */
  changedAtMs: number;
  inode: number;
  version: number;
}

export interface FleetEvent {
  seq: number;
  agent: GenAgent;
  path: string;
  os: AgentOs;
  event: FimEventKind;
  /** the content now; null when deleted */
  hashes: FileHashes | null;
  /** the content before a content change; null otherwise */
  previous: FileHashes | null;
  size: number;
  sizeBefore: number | null;
  epochMs: number;
  vendor: boolean;
  inode: number;
}

const VENDOR_PATHS: Record<AgentOs, string[]> = {
  linux: [
    '/usr/bin/ls',
    '/usr/bin/sudo',
    '/usr/sbin/sshd',
    '/usr/lib/x86_64-linux-gnu/libc.so.6',
    '/usr/lib/x86_64-linux-gnu/libssl.so.3',
    '/usr/bin/python3.11',
    '/etc/ssh/sshd_config',
    '/usr/lib/systemd/systemd',
  ],
  windows: [
    'C:\\Windows\\System32\\svchost.exe',
    'C:\\Windows\\System32\\kernel32.dll',
    'C:\\Windows\\System32\\ntdll.dll',
    'C:\\Windows\\System32\\drivers\\etc\\hosts',
    'C:\\Program Files\\Windows Defender\\MsMpEng.exe',
    'C:\\Windows\\WinSxS\\amd64_microsoft-windows-kernel32_31bf3856ad364e35\\kernel32.dll',
  ],
};

export class Fleet {
  readonly rng: Rng;
  readonly agents: readonly GenAgent[];
  private readonly opts: Required<Omit<FleetOptions, 'seed' | 'agents' | 'startEpochMs'>>;
  private clock: number;
  private seq = 0;
  private burstLeft = 0;
  /** the fleet-wide current content of each vendor path */
  private readonly vendorContent = new Map<string, { hashes: FileHashes; size: number; version: number }>();
  private readonly byAgent = new Map<string, Map<string, FleetFile>>();
  private readonly userPaths = new Map<string, string[]>();

  constructor(o: FleetOptions = {}) {
    this.rng = createRng(o.seed ?? 1);
    this.agents = o.agents && o.agents.length > 0 ? o.agents : AGENTS;
    this.clock = o.startEpochMs ?? Date.UTC(2026, 6, 5, 9, 0, 0);
    this.opts = {
      maxBurst: o.maxBurst ?? 12,
      burstShare: o.burstShare ?? 0.3,
      vendorShare: o.vendorShare ?? 0.5,
      deletedShare: o.deletedShare ?? 0.08,
      copiedShare: o.copiedShare ?? 0.15,
      nonAsciiShare: o.nonAsciiShare ?? 0.1,
    };
    for (const a of this.agents) this.byAgent.set(a.id, new Map());
  }

  /** The next `count` events, in time order (a burst shares one exact millisecond). */
  events(count: number): FleetEvent[] {
    const out: FleetEvent[] = [];
    for (let i = 0; i < count; i++) out.push(this.next());
    return out;
  }

  /** Every agent's current files. */
  files(): FleetFile[] {
    return [...this.byAgent.values()].flatMap((m) => [...m.values()]);
  }

  private tick(): number {
    if (this.burstLeft > 0) {
      this.burstLeft -= 1;
      return this.clock;
    }
    this.clock += this.rng.int(1, 3000);
    if (this.rng.bool(this.opts.burstShare)) this.burstLeft = this.rng.int(1, this.opts.maxBurst - 1);
    return this.clock;
  }

  private vendorVersion(path: string, bump: boolean) {
    let v = this.vendorContent.get(path);
    if (!v || bump) {
      v = { hashes: randomHashes(this.rng), size: this.rng.int(1_000, 9_000_000), version: (v?.version ?? 0) + 1 };
      this.vendorContent.set(path, v);
    }
    return v;
  }

  private userPath(agent: GenAgent): string {
    const paths = this.userPaths.get(agent.id) ?? [];
    this.userPaths.set(agent.id, paths);
    if (paths.length < 6 || this.rng.bool(0.3)) {
      const p = randomPath(this.rng, { os: agent.os, nonAscii: this.rng.bool(this.opts.nonAsciiShare) });
      if (!paths.includes(p)) paths.push(p);
      return p;
    }
    return this.rng.pick(paths);
  }

  /** A user file's new content: fresh, or a copy of a file another agent has (same hashes). */
  private userContent(agent: GenAgent): { hashes: FileHashes; size: number } {
    if (this.rng.bool(this.opts.copiedShare)) {
      const elsewhere = this.files().filter((f) => !f.vendor && f.agent.id !== agent.id);
      if (elsewhere.length > 0) {
        const f = this.rng.pick(elsewhere);
        return { hashes: { ...f.hashes }, size: f.size };
      }
    }
    return { hashes: randomHashes(this.rng), size: this.rng.int(0, 5_000_000) };
  }

  private next(): FleetEvent {
    const rng = this.rng;
    const agent = rng.pick(this.agents);
    const vendor = rng.bool(this.opts.vendorShare);
    const path = vendor ? rng.pick(VENDOR_PATHS[agent.os]) : this.userPath(agent);
    const files = this.byAgent.get(agent.id)!;
    const existing = files.get(path);
    const epochMs = this.tick();
    this.seq += 1;
    const base = { seq: this.seq, agent, path, os: agent.os, epochMs, vendor };

    if (existing && rng.bool(this.opts.deletedShare)) {
      files.delete(path);
      return {
        ...base,
        event: 'deleted',
        hashes: null,
        previous: null,
        size: existing.size,
        sizeBefore: null,
        inode: existing.inode,
      };
    }
    if (!existing) {
      const content = vendor ? this.vendorVersion(path, false) : this.userContent(agent);
      const file: FleetFile = {
        agent,
        path,
        os: agent.os,
        hashes: { ...content.hashes },
        size: content.size,
        vendor,
        changedAtMs: epochMs,
        inode: rng.int(1000, 9_000_000),
        version: 1,
      };
      files.set(path, file);
      return {
        ...base,
        event: 'added',
        hashes: { ...file.hashes },
        previous: null,
        size: file.size,
        sizeBefore: null,
        inode: file.inode,
      };
    }
    const contentChange = rng.bool(0.8);
    const previous = contentChange ? { ...existing.hashes } : null;
    const sizeBefore = contentChange ? existing.size : null;
    if (contentChange) {
      // a vendor update: the first agent to get it makes the new version, the others receive the same one
      const v = vendor ? this.vendorVersion(path, rng.bool(0.4)) : this.userContent(agent);
      if (vendor && v.hashes.sha256 === existing.hashes.sha256) {
        const bumped = this.vendorVersion(path, true);
        existing.hashes = { ...bumped.hashes };
        existing.size = bumped.size;
      } else {
        existing.hashes = { ...v.hashes };
        existing.size = v.size;
      }
    }
    existing.changedAtMs = epochMs;
    existing.version += 1;
    return {
      ...base,
      event: 'modified',
      hashes: { ...existing.hashes },
      previous,
      size: existing.size,
      sizeBefore,
      inode: existing.inode,
    };
  }
}
