// A deterministic Wazuh 5.x event corpus for the wazuh-events-v5-system-activity data stream (and the engine's
// file output): FIM events shaped like tests/fixtures/wazuh5/ (Wazuh Common Schema fields, the agent's raw
// message in event.original, wazuh.event.id a UUIDv4), from a Fleet, plus non-FIM events (sshd
// authentication failures), with a manifest entry per document (tests/generators/indexerCorpus.ts).
//
//   const corpus = generateEvents5Corpus({ seed: 5, count: 3_000 });
//   indexer.addEvents(corpus.docs);                 // or feedCorpus5(indexer, corpus, { visibility: 'by-delay' })
//   fimStates5(corpus.fleet)                        // the same fleet's wazuh-states-fim-files documents
//
// Field choices not visible in the two real samples (Windows owner/permissions, deletions, the non-FIM event)
// follow the WCS field list (wazuh-indexer-plugins wcs/stateless/events/main) and are marked below.
import { createRng, type Rng } from './prng';
import { type Corpus, type CorpusEntry, delayFor, type DelayOptions } from './indexerCorpus';
import { Fleet, type FleetEvent, type FleetOptions } from './fleet';
import type { GenAgent } from './wazuhSamples';

export interface Events5Options extends FleetOptions, DelayOptions {
  count: number;
  /** share of non-FIM events; default 0.3 */
  otherShare?: number;
  clusterName?: string;
  clusterNode?: string;
}

export interface Events5Corpus extends Corpus<Record<string, unknown>> {
  /** the fleet after the last event (its files are the FIM state) */
  fleet: Fleet;
}

const TYPE = { added: 'creation', modified: 'change', deleted: 'deletion' } as const;
const ACTION = { added: 'file-created', modified: 'file-modified', deleted: 'file-deleted' } as const;
const CHANGED = ['file.size', 'file.mtime', 'file.hash.md5', 'file.hash.sha1', 'file.hash.sha256'];

export function uuid4(rng: Rng): string {
  const h = rng.hex(32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16], 16) & 3];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** wazuh.agent as the 5.x manager writes it (the fuller form for some agents, as in the real samples). */
export function agentFields(agent: GenAgent, full: boolean): Record<string, unknown> {
  if (!full) return { id: agent.id, name: agent.name };
  const windows = agent.os === 'windows';
  return {
    id: agent.id,
    name: agent.name,
    version: '5.0.0',
    groups: ['default', windows ? 'windows' : 'linux'],
    host: {
      hostname: agent.name.toLowerCase(),
      architecture: 'x86_64',
      os: windows
        ? { name: 'Microsoft Windows Server 2022', platform: 'windows' }
        : { name: 'Ubuntu', platform: 'ubuntu' },
    },
  };
}

function dirname(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? path.slice(0, 1) : path.slice(0, cut);
}

/** The file attributes an agent reports (Windows: owner and SID, no gid/group; marked as our choice). */
function fileAttrs(ev: FleetEvent, rng: Rng, mtimeMs: number) {
  const windows = ev.os === 'windows';
  return windows
    ? { size: ev.size, uid: 'S-1-5-32-544', owner: 'Administrators', attributes: ['ARCHIVE'], mtime: iso(mtimeMs) }
    : {
        size: ev.size,
        permissions: [rng.pick(['rw-r--r--', 'rwxr-xr-x', 'rw-------'])],
        uid: '0',
        owner: 'root',
        gid: '0',
        group: 'root',
        inode: String(ev.inode),
        device: '2049',
        mtime: iso(mtimeMs),
      };
}

/** The WCS `file` of an event carries the attributes but not the agent's `permissions` list (real samples). */
function wcsFile(attrs: Record<string, unknown>): Record<string, unknown> {
  const { permissions: _permissions, ...rest } = attrs;
  return rest;
}

export function fimEvent5(
  ev: FleetEvent,
  rng: Rng,
  o: { clusterName: string; clusterNode: string; fullAgent: boolean },
) {
  const created = ev.epochMs - rng.int(40, 400);
  const mtimeMs = Math.floor(created / 1000) * 1000;
  const attrs = ev.event === 'deleted' ? { size: ev.size } : fileAttrs(ev, rng, mtimeMs);
  const hash = ev.hashes ? { ...ev.hashes } : undefined;
  const changed = ev.event === 'modified' ? (ev.previous ? CHANGED : ['file.mtime']) : undefined;
  const original = {
    collector: 'file',
    module: 'fim',
    data: {
      event: { created: iso(created), type: ev.event, ...(changed ? { changed_fields: changed } : {}) },
      file: {
        ...attrs,
        ...(hash ? { hash } : {}),
        path: ev.path,
        mode: rng.pick(['realtime', 'realtime', 'scheduled', 'whodata']),
        ...(ev.previous
          ? {
              previous: {
                size: ev.sizeBefore,
                mtime: iso(mtimeMs - rng.int(60_000, 86_400_000)),
                hash: { ...ev.previous },
              },
            }
          : {}),
      },
    },
  };
  return {
    '@timestamp': iso(ev.epochMs),
    event: {
      kind: 'event',
      category: ['file'],
      type: [TYPE[ev.event]],
      action: ACTION[ev.event],
      created: iso(created),
      ...(changed ? { changed_fields: changed } : {}),
      original: JSON.stringify(original),
    },
    file: { path: ev.path, directory: dirname(ev.path), ...wcsFile(attrs), ...(hash ? { hash } : {}) },
    wazuh: {
      event: { id: uuid4(rng) },
      agent: agentFields(ev.agent, o.fullAgent),
      cluster: { name: o.clusterName, node: o.clusterNode },
      protocol: { queue: 56, location: 'syscheck' },
      integration: {
        name: 'wazuh-fim',
        category: 'system-activity',
        ...(o.fullAgent
          ? { decoders: ['decoder/core-wazuh-message/0', 'decoder/integrations/0', 'decoder/wazuh-fim/0'] }
          : {}),
      },
      space: { name: 'standard' },
    },
  };
}

/** A non-FIM event in the same stream: an sshd authentication failure (our choice of fields, WCS names). */
export function sshdEvent5(
  agent: GenAgent,
  epochMs: number,
  rng: Rng,
  o: { clusterName: string; clusterNode: string },
) {
  const ip = `203.0.113.${rng.int(1, 254)}`;
  const user = rng.pick(['root', 'admin', 'oracle', 'ubnt']);
  const d = new Date(epochMs);
  const month = d.toUTCString().slice(8, 11);
  const stamp = `${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
  return {
    '@timestamp': iso(epochMs),
    event: {
      kind: 'event',
      category: ['authentication'],
      type: ['start'],
      outcome: 'failure',
      created: iso(epochMs - rng.int(40, 400)),
      original: `${stamp} ${agent.name} sshd[${rng.int(1000, 60000)}]: Failed password for ${user} from ${ip} port ${rng.int(1024, 65535)} ssh2`,
    },
    source: { ip },
    user: { name: user },
    wazuh: {
      event: { id: uuid4(rng) },
      agent: agentFields(agent, false),
      cluster: { name: o.clusterName, node: o.clusterNode },
      protocol: { queue: 49, location: '/var/log/auth.log' },
      integration: { name: 'system', category: 'system-activity' },
      space: { name: 'standard' },
    },
  };
}

export function generateEvents5Corpus(o: Events5Options): Events5Corpus {
  const seed = o.seed ?? 1;
  const fleet = new Fleet(o);
  const rng = createRng(seed + 11);
  const names = { clusterName: o.clusterName ?? 'wazuh', clusterNode: o.clusterNode ?? 'node01' };
  const docs: Record<string, unknown>[] = [];
  const entries: CorpusEntry[] = [];
  let lastMs = o.startEpochMs ?? Date.UTC(2026, 6, 5, 9, 0, 0);
  const linux = fleet.agents.filter((a) => a.os === 'linux');
  for (let i = 0; i < o.count; i++) {
    if (rng.bool(o.otherShare ?? 0.3) && linux.length > 0) {
      const agent = rng.pick(linux);
      const doc = sshdEvent5(agent, lastMs, rng, names);
      docs.push(doc);
      entries.push({
        docId: doc.wazuh.event.id,
        kind: 'other',
        agentId: agent.id,
        path: null,
        event: null,
        hashes: null,
        epochMs: lastMs,
        delayMs: delayFor(rng, o),
      });
      continue;
    }
    const ev = fleet.events(1)[0];
    lastMs = ev.epochMs;
    const doc = fimEvent5(ev, rng, { ...names, fullAgent: ev.agent.id.endsWith('3') || ev.agent.os === 'windows' });
    docs.push(doc);
    entries.push({
      docId: doc.wazuh.event.id,
      kind: 'fim',
      agentId: ev.agent.id,
      path: ev.path,
      event: ev.event,
      hashes: ev.hashes ? { ...ev.hashes } : { md5: null, sha1: null, sha256: null },
      epochMs: ev.epochMs,
      delayMs: delayFor(rng, o),
    });
  }
  return { docs, entries, fleet };
}

/** Feeds a 5.x corpus to the test indexer: each event searchable `delayMs` after its @timestamp, or at once. */
export function feedCorpus5(
  indexer: { addEvents(events: readonly Record<string, unknown>[], o?: { visibleAt?: number | 'refresh' }): unknown },
  corpus: Corpus<Record<string, unknown>>,
  o: { visibility?: 'now' | 'by-delay' | 'refresh' } = {},
): void {
  corpus.docs.forEach((doc, i) => {
    const e = corpus.entries[i];
    const visibleAt =
      o.visibility === 'by-delay' ? e.epochMs + e.delayMs : o.visibility === 'refresh' ? 'refresh' : undefined;
    indexer.addEvents([doc], visibleAt === undefined ? {} : { visibleAt });
  });
}
