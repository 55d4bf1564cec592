// Which Wazuh generation an indexer serves, from the indices present: `wazuh-events-v5-*` (5.x) or
// `wazuh-alerts-4.x-*` (4.x). GET / cannot tell: a Wazuh 4.x indexer answers "7.10.2" with no distribution (it
// sets compatibility.override_main_response_version for Filebeat). Presence is read with `_count` (a wildcard
// that matches nothing answers 0 shards), which needs only the read permission the source needs anyway.
// An indexer holding both (upgraded from 4.x to 5.x) is read as 5.x: new events go there.
import { IndexerError } from './errors';
import type { IndexerApi } from './indexerApi';
import { PROFILES, type WazuhMajor } from './profiles';

export type IndexPresence = 'present' | 'absent' | 'forbidden';

export interface VersionFinding {
  version: WazuhMajor | null;
  how: 'forced' | 'indices';
  presence: Record<WazuhMajor, IndexPresence>;
  /** one sentence: what was found, and why this version */
  message: string;
}

async function presence(api: IndexerApi, pattern: string): Promise<IndexPresence> {
  try {
    const r = await api.count(pattern, { match_all: {} });
    return r.shards.total > 0 ? 'present' : 'absent';
  } catch (e) {
    if (e instanceof IndexerError && e.problem === 'forbidden') return 'forbidden';
    if (e instanceof IndexerError && e.problem === 'no-index') return 'absent';
    throw e;
  }
}

/** `choice` 4 or 5 forces the generation (the indices are still looked at, to warn when they are missing). */
export async function detectWazuhVersion(
  api: IndexerApi,
  choice: 'auto' | WazuhMajor = 'auto',
): Promise<VersionFinding> {
  const p5 = PROFILES[5].detectPattern;
  const p4 = PROFILES[4].detectPattern;
  const found: Record<WazuhMajor, IndexPresence> = { 5: await presence(api, p5), 4: await presence(api, p4) };
  if (choice !== 'auto') {
    const pattern = PROFILES[choice].detectPattern;
    const state = found[choice];
    const note =
      state === 'present'
        ? `${pattern} found`
        : state === 'forbidden'
          ? `forbidden: this user cannot read ${pattern} (403)`
          : `no ${pattern} index on this indexer yet`;
    return { version: choice, how: 'forced', presence: found, message: `Wazuh ${choice} (chosen; ${note})` };
  }
  if (found[5] === 'present') {
    const also = found[4] === 'present' ? `; ${p4} too, from before the upgrade` : '';
    return { version: 5, how: 'indices', presence: found, message: `Wazuh 5 (${p5} found${also})` };
  }
  if (found[4] === 'present') return { version: 4, how: 'indices', presence: found, message: `Wazuh 4 (${p4} found)` };
  const forbidden = [5, 4]
    .filter((v) => found[v as WazuhMajor] === 'forbidden')
    .map((v) => PROFILES[v as WazuhMajor].detectPattern);
  if (forbidden.length > 0)
    throw new IndexerError('forbidden', `forbidden: this user cannot read ${forbidden.join(' or ')} (403)`, 403);
  return {
    version: null,
    how: 'indices',
    presence: found,
    message: `no Wazuh indices found (${p4} or ${p5}): is this the Wazuh indexer?`,
  };
}
