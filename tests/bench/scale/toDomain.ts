// A generated FIM alert (the generator's FimSpec) as the engine's parser reads it (shared/domain FimEvent), without
// writing and parsing its JSON: the scale builder stores millions of them. tests/integration/scaleDataDir.test.ts
// checks that this equals parseJsonAlert(JSON.stringify(fimJson(spec))) for every kind of event the builder makes.
import type { FimEvent } from '../../../shared/domain';
import type { FimSpec } from '../../generators/wazuhJson';
import { isoLocalSeconds, wazuhTimestamp } from '../../generators/wazuhSamples';
import { NO_HASHES } from './contents';

export function fimEventOf(s: FimSpec): FimEvent {
  // what fimJson writes as *_after: everything but for a deleted file (unless it keeps its last attributes)
  const after = s.event !== 'deleted' || s.deletedKeepsAfter;
  return {
    alertId: s.alertId,
    timestamp: wazuhTimestamp(s.epochMs, s.tzMinutes),
    epochMs: s.epochMs,
    manager: s.manager,
    agent: { id: s.agent.id, name: s.agent.name, ip: s.agent.ip },
    rule: { id: s.ruleId, level: s.level, description: s.description, groups: s.groups },
    location: 'syscheck',
    path: s.path,
    event: s.event,
    mode: s.mode,
    after: s.event === 'deleted' ? { ...NO_HASHES } : { ...s.after },
    before: s.before ? { ...s.before } : { ...NO_HASHES },
    size: after ? s.size : null,
    perm: after && s.os !== 'windows' ? s.perm : null,
    uname: after ? s.uname : null,
    gname: after ? s.gname : null,
    uid: after ? s.uid : null,
    gid: after ? s.gid : null,
    inode: after ? s.inode : null,
    mtime: after ? isoLocalSeconds(s.mtimeMs, s.tzMinutes) : null,
    changedAttributes: s.event === 'modified' ? [...s.changedAttributes] : [],
    whodataUser: s.whodata?.user ?? null,
    whodataProcess: s.whodata?.process ?? null,
  };
}
