// The Wazuh 5.x FIM state index (wazuh-states-fim-files) for a Fleet: one document per agent and current
// file, with exactly the fields of the index template (wazuh-indexer-plugins templates/states/fim-files.json,
// `dynamic: strict`: the test indexer refuses anything else), id `<cluster>_<agent>_<sha1(path)>`.
//
//   const states = fimStates5(corpus.fleet);      // after generateEvents5Corpus(...)
//   indexer.upsertFimStates(states.docs);
//   states.uniqueSha256                          // what a sweep must queue at most
import { createHash } from 'node:crypto';
import type { Fleet, FleetFile } from './fleet';
import { agentFields } from './wazuhEvents5';

export interface FimStates5 {
  docs: Record<string, unknown>[];
  /** distinct sha256 over every agent's files */
  uniqueSha256: number;
  /** files per sha256 (a hash on several agents counts once in uniqueSha256) */
  filesBySha256: Map<string, number>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function fimStateDoc(
  f: FleetFile,
  o: { clusterName?: string; clusterNode?: string } = {},
): Record<string, unknown> {
  const windows = f.os === 'windows';
  const mtime = iso(Math.floor((f.changedAtMs - 300) / 1000) * 1000);
  const file = windows
    ? {
        path: f.path,
        size: f.size,
        uid: 'S-1-5-32-544',
        owner: 'Administrators',
        attributes: ['ARCHIVE'],
        mtime,
        hash: { ...f.hashes },
      }
    : {
        path: f.path,
        size: f.size,
        uid: '0',
        owner: 'root',
        gid: '0',
        group: 'root',
        inode: String(f.inode),
        device: '2049',
        mtime,
        permissions: [f.path.startsWith('/usr/') ? 'rwxr-xr-x' : 'rw-r--r--'],
        hash: { ...f.hashes },
      };
  const checksum = createHash('sha1').update(JSON.stringify(file)).digest('hex');
  return {
    checksum: { hash: { sha1: checksum } },
    file,
    state: { modified_at: iso(f.changedAtMs + 1200), document_version: f.version },
    wazuh: {
      agent: agentFields(f.agent, true),
      cluster: { name: o.clusterName ?? 'wazuh', node: o.clusterNode ?? 'node01' },
      schema: { version: '1.0.0' },
    },
  };
}

export function fimStates5(fleet: Fleet, o: { clusterName?: string; clusterNode?: string } = {}): FimStates5 {
  const files = fleet.files();
  const filesBySha256 = new Map<string, number>();
  for (const f of files)
    if (f.hashes.sha256) filesBySha256.set(f.hashes.sha256, (filesBySha256.get(f.hashes.sha256) ?? 0) + 1);
  return { docs: files.map((f) => fimStateDoc(f, o)), uniqueSha256: filesBySha256.size, filesBySha256 };
}
