// The Wazuh 5 FIM inventory sweep: every agent's current files from `wazuh-states-fim-files` (one document per agent
// and file: path, hashes, agent), read through a point in time with search_after, with each hash reported once
// across agents. It answers "is anything on my fleet already known bad?" with one look-up per distinct file, not
// one per agent. The engine drives the iterator: it checks which hashes it already knows and queues the others at
// a priority below live alerts.
//
// Sort: (agent id, path, cluster name), what the document id is made of (`<cluster>_<agent>_<sha1(path)>`), so the
// order is total and search_after exact; the query requires the agent id and the path, and the cluster name is
// null when absent (search_after accepts null for keyword fields).
import type { FileHashes } from '../../../shared/hashes';
import { bestHash } from '../../../shared/hashes';
import { hashOf, isObject, prop, text } from '../wazuh/coerce';
import type { IndexerApi, ShardCount } from './indexerApi';
import { type PitSupport, searchPages } from './pager';
import { shardsNote } from './poller';

export const FIM_STATES_INDEX = 'wazuh-states-fim-files';

export interface FimStateFile {
  agentId: string;
  agentName: string | null;
  path: string;
  hashes: FileHashes;
  /** state.modified_at: when the agent last saw this state */
  modifiedAt: string | null;
}

export type SweepAfter = [string, string, string | null];

export interface SweepPage {
  files: FimStateFile[];
  /** files whose hash this sweep had not seen yet (first occurrence of each) */
  newHashes: FimStateFile[];
  /** documents of this page that are not a file with an agent (counted, not used) */
  unreadable: number;
  progress: { filesRead: number; uniqueHashes: number; total: number | null };
  /** where this sweep would resume */
  resumeAfter: SweepAfter | null;
  shards: ShardCount;
  shardsNote: string | null;
  complete: boolean;
  last: boolean;
}

export interface SweepRequest {
  pit: PitSupport;
  /** default 1000 */
  pageSize?: number;
  resumeAfter?: SweepAfter | null;
  /** hashes already reported (a resumed sweep passes the set of the first run) */
  seen?: Set<string>;
}

const hashesOf = (h: unknown): FileHashes => ({
  md5: hashOf(prop(h, 'md5'), 'md5'),
  sha1: hashOf(prop(h, 'sha1'), 'sha1'),
  sha256: hashOf(prop(h, 'sha256'), 'sha256'),
});

/** One state document as a file, or null when it is not one. */
export function fimStateFile(source: unknown): FimStateFile | null {
  if (!isObject(source)) return null;
  const agent = prop(prop(source, 'wazuh'), 'agent');
  const agentId = text(prop(agent, 'id'));
  const path = text(prop(prop(source, 'file'), 'path'));
  if (agentId === null || path === null) return null;
  return {
    agentId,
    agentName: text(prop(agent, 'name')),
    path,
    hashes: hashesOf(prop(prop(source, 'file'), 'hash')),
    modifiedAt: text(prop(prop(source, 'state'), 'modified_at')),
  };
}

function sweepAfterOf(sort: unknown[]): SweepAfter | null {
  const [a, p, c] = sort;
  return typeof a === 'string' && typeof p === 'string' && (typeof c === 'string' || c === null) ? [a, p, c] : null;
}

export async function* sweepFimStates(api: IndexerApi, r: SweepRequest): AsyncGenerator<SweepPage> {
  const seen = r.seen ?? new Set<string>();
  let resumeAfter = r.resumeAfter ?? null;
  let filesRead = 0;
  let total: number | null = null;
  const pages = searchPages(
    api,
    {
      index: FIM_STATES_INDEX,
      query: { bool: { filter: [{ exists: { field: 'wazuh.agent.id' } }, { exists: { field: 'file.path' } }] } },
      sort: [
        { 'wazuh.agent.id': { order: 'asc' } },
        { 'file.path': { order: 'asc' } },
        { 'wazuh.cluster.name': { order: 'asc', unmapped_type: 'keyword' } },
      ],
      size: r.pageSize ?? 1000,
      after: resumeAfter,
      source: [
        'wazuh.agent.id',
        'wazuh.agent.name',
        'wazuh.cluster.name',
        'file.path',
        'file.hash',
        'state.modified_at',
      ],
      trackTotal: true,
    },
    { pit: r.pit, pitFromStart: true },
  );
  for await (const page of pages) {
    if (page.total !== null && total === null) total = page.total;
    const note = shardsNote(page.shards);
    const progress = () => ({ filesRead, uniqueHashes: seen.size, total });
    if (note !== null) {
      yield {
        files: [],
        newHashes: [],
        unreadable: 0,
        progress: progress(),
        resumeAfter,
        shards: page.shards,
        shardsNote: note,
        complete: false,
        last: true,
      };
      return;
    }
    const files: FimStateFile[] = [];
    const newHashes: FimStateFile[] = [];
    let unreadable = 0;
    for (const hit of page.hits) {
      const after = sweepAfterOf(hit.sort);
      if (after) resumeAfter = after;
      const file = fimStateFile(hit._source);
      if (!file) {
        unreadable += 1;
        continue;
      }
      files.push(file);
      const key = bestHash(file.hashes);
      if (key !== null && !seen.has(key)) {
        seen.add(key);
        newHashes.push(file);
      }
    }
    filesRead += files.length;
    yield {
      files,
      newHashes,
      unreadable,
      progress: progress(),
      resumeAfter,
      shards: page.shards,
      shardsNote: null,
      complete: true,
      last: page.last,
    };
  }
}
