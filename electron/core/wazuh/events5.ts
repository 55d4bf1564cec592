// One Wazuh 5.x event -> ParsedRecord: the `_source` of a `wazuh-events-v5-*` document, or one NDJSON line of the
// 5.x engine's file output (the same object). Never throws: events are untrusted input (paths can hold any bytes).
//
// What the fields are (FACTS.md section 4, fixtures in tests/fixtures/wazuh5/): Wazuh Common Schema (WCS) fields
// `file.path`, `file.hash.*`, `event.type`/`event.action`, `wazuh.agent.*`, `wazuh.event.id` (the unique id), and the
// agent's own message in `event.original` (`{"collector":"file","module":"fim","data":{"event":{"type":
// "added|modified|deleted"},"file":{...}}}`, wazuh/wazuh src/syscheckd/src/file/file.c). The agent's own event type
// wins over the WCS fields, which are derived from it by the decoder.
//
// 5.x has no rule ids like 4.x's 550/553/554. The rule given to the filters is synthetic and stable (fimRule5): the
// id, level and description 4.x's own rule gave the same event (554 added level 5, 550 modified level 7, 553 deleted
// level 7), because the rule-id filter takes numbers only (shared/settings.ts) and an analyst's "550,554" should keep
// its meaning after an upgrade; the groups are 4.x's FIM groups (so the default group filter "syscheck" passes) plus
// `wazuh-fim`, which tells 5.x events apart. When the document is a finding (a detection rule matched it), the
// rule's title and level word replace the description and the level.
import type { AgentRef, FimEvent, FimEventKind, FimMode, ParsedRecord, RuleRef } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';
import { NO_HASHES } from './alertsJson';
import {
  describe,
  hashOf,
  ident,
  isObject,
  oneLine,
  parseTimestamp,
  prop,
  strings,
  text,
  uint,
  type Obj,
} from './coerce';

export const FIM_INTEGRATION_5 = 'wazuh-fim';

const fail = (reason: string): ParsedRecord => ({ kind: 'error', reason });

/** The WCS action of each event kind. */
export const ACTION_5: Readonly<Record<FimEventKind, string>> = {
  added: 'file-created',
  modified: 'file-modified',
  deleted: 'file-deleted',
};
/** 4.x's rules for the same events: ids, levels and descriptions (rules 554, 550, 553). */
export const RULE_ID_5: Readonly<Record<FimEventKind, string>> = { added: '554', modified: '550', deleted: '553' };
const LEVEL_4X: Readonly<Record<FimEventKind, number>> = { added: 5, modified: 7, deleted: 7 };
const DESCRIPTION: Readonly<Record<FimEventKind, string>> = {
  added: 'File added to the system.',
  modified: 'Integrity checksum changed.',
  deleted: 'File deleted.',
};
/** A finding's level word as a 4.x number (the upper end of each band of Wazuh's own migration table; high = 12
 * as 4.x's 87105). */
const LEVEL_OF_WORD: Readonly<Record<string, number>> = {
  informational: 3,
  low: 6,
  medium: 9,
  high: 12,
  critical: 15,
};

const WCS_TYPE: Readonly<Record<string, FimEventKind>> = { creation: 'added', change: 'modified', deletion: 'deleted' };
const MODES: ReadonlySet<string> = new Set(['scheduled', 'realtime', 'whodata']);
/** event.original is the agent's message, a few KB; a larger one is not decoded (its WCS fields still are). */
const MAX_ORIGINAL = 1 << 20;

/** The agent's own message (`event.original`) decoded, when it is a FIM message; null otherwise. */
function agentMessage(event: unknown): Obj | null {
  const raw = prop(event, 'original');
  if (typeof raw !== 'string' || raw.length > MAX_ORIGINAL || raw[0] !== '{') return null;
  try {
    const v: unknown = JSON.parse(raw);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

function eventKind(event: unknown, original: Obj | null): FimEventKind | null {
  const own = prop(prop(prop(original, 'data'), 'event'), 'type');
  if (own === 'added' || own === 'modified' || own === 'deleted') return own;
  for (const t of strings(prop(event, 'type'))) if (Object.hasOwn(WCS_TYPE, t)) return WCS_TYPE[t];
  const action = prop(event, 'action');
  for (const kind of ['added', 'modified', 'deleted'] as const) if (action === ACTION_5[kind]) return kind;
  return null;
}

function hashesOf(hash: unknown): FileHashes {
  return {
    md5: hashOf(prop(hash, 'md5'), 'md5'),
    sha1: hashOf(prop(hash, 'sha1'), 'sha1'),
    sha256: hashOf(prop(hash, 'sha256'), 'sha256'),
  };
}

const anyHash = (h: FileHashes) => h.md5 !== null || h.sha1 !== null || h.sha256 !== null;

/** `wazuh.rule` (findings) or the WCS top-level `rule`, when the document carries one. */
function findingRule(v: Obj): Obj | null {
  const r = prop(prop(v, 'wazuh'), 'rule') ?? prop(v, 'rule');
  return isObject(r) ? r : null;
}

/** The synthetic rule of a 5.x FIM event (see the head of this file). */
export function fimRule5(kind: FimEventKind, finding: Obj | null = null): RuleRef {
  const title = text(prop(finding, 'title'));
  const word = text(prop(finding, 'level'))?.toLowerCase();
  return {
    id: RULE_ID_5[kind],
    level: word !== undefined && Object.hasOwn(LEVEL_OF_WORD, word) ? LEVEL_OF_WORD[word] : LEVEL_4X[kind],
    description: title ?? DESCRIPTION[kind],
    groups: ['syscheck', 'syscheck_file', `syscheck_entry_${kind}`, FIM_INTEGRATION_5],
  };
}

function agentRef(agent: unknown): AgentRef {
  const ip = prop(prop(agent, 'host'), 'ip');
  const firstIp = Array.isArray(ip) ? ip.find((x) => typeof x === 'string') : ip;
  return { id: ident(prop(agent, 'id')), name: text(prop(agent, 'name')), ip: text(firstIp) };
}

/** WCS `event.changed_fields` ("file.hash.md5") as 4.x named them ("md5"). */
function changedAttributes(event: unknown): string[] {
  return strings(prop(event, 'changed_fields')).map((f) => f.replace(/^file\./, '').replace(/^hash\./, ''));
}

function isRegistry(v: Obj, original: Obj | null): boolean {
  const collector = prop(original, 'collector');
  if (typeof collector === 'string' && collector.startsWith('registry')) return true;
  return prop(v, 'file') === undefined && isObject(prop(v, 'registry'));
}

/** Classify an already decoded 5.x event. */
export function classifyEvent5(v: unknown): ParsedRecord {
  if (!isObject(v)) return fail(`not a Wazuh 5 event: ${describe(v)}, not a JSON object`);
  const wazuh = prop(v, 'wazuh');
  const integration = text(prop(prop(wazuh, 'integration'), 'name'));
  const eventId = prop(prop(wazuh, 'event'), 'id');
  if (integration !== FIM_INTEGRATION_5) {
    if (eventId === undefined && prop(v, '@timestamp') === undefined)
      return fail('not a Wazuh 5 event: no "wazuh.event.id" and no "@timestamp"');
    return { kind: 'other', ruleId: null, groups: integration ? [integration] : null };
  }
  if (typeof eventId !== 'string' || eventId === '')
    return fail(`FIM event without an id: "wazuh.event.id" is ${describe(eventId)}`);
  const event = prop(v, 'event');
  const original = agentMessage(event);
  if (isRegistry(v, original)) return { kind: 'registry', alertId: eventId, ruleId: 'registry' };
  return fimEvent5(v, eventId, event, original);
}

function fimEvent5(v: Obj, eventId: string, event: unknown, original: Obj | null): ParsedRecord {
  const agentFile = prop(prop(original, 'data'), 'file');
  const file = prop(v, 'file');
  const path = text(prop(file, 'path')) ?? text(prop(agentFile, 'path'));
  if (path === null) return fail('FIM event without a file path (file.path)');
  const kind = eventKind(event, original);
  if (kind === null) return fail('FIM event with unknown event type (neither event.original nor event.type say)');
  const rawTs = prop(v, '@timestamp');
  const epochMs = parseTimestamp(rawTs);
  if (epochMs === null) return fail(`FIM event without a usable time: "@timestamp" is ${describe(rawTs)}`);
  const wcsHashes = hashesOf(prop(file, 'hash'));
  const after = anyHash(wcsHashes) ? wcsHashes : hashesOf(prop(agentFile, 'hash'));
  const mode = prop(agentFile, 'mode');
  const audit = prop(agentFile, 'audit');
  const permissions = strings(prop(agentFile, 'permissions'));
  const cluster = prop(prop(v, 'wazuh'), 'cluster');
  const fim: FimEvent = {
    alertId: eventId,
    timestamp: rawTs as string,
    epochMs,
    // the node that processed the event, as 4.x's manager.name; the alert id (a UUID) is unique on its own
    manager: text(prop(cluster, 'node')) ?? text(prop(cluster, 'name')) ?? '',
    agent: agentRef(prop(prop(v, 'wazuh'), 'agent')),
    rule: fimRule5(kind, findingRule(v)),
    location: text(prop(prop(prop(v, 'wazuh'), 'protocol'), 'location')) ?? 'syscheck',
    path,
    event: kind,
    mode: typeof mode === 'string' && MODES.has(mode) ? (mode as FimMode) : null,
    // a deleted file is gone: nothing to look up (as for 4.x)
    after: kind === 'deleted' ? { ...NO_HASHES } : after,
    before: hashesOf(prop(prop(agentFile, 'previous'), 'hash')),
    size: uint(prop(file, 'size')) ?? uint(prop(agentFile, 'size')),
    perm: permissions.length > 0 ? permissions.join(', ') : null,
    uname: text(prop(file, 'owner')),
    gname: text(prop(file, 'group')),
    uid: ident(prop(file, 'uid')),
    gid: ident(prop(file, 'gid')),
    inode: uint(prop(file, 'inode')),
    mtime: text(prop(file, 'mtime')),
    changedAttributes: changedAttributes(event),
    whodataUser: text(prop(audit, 'user_name')),
    whodataProcess: text(prop(audit, 'process_name')),
  };
  return { kind: 'fim', event: fim };
}

/** One line of the 5.x engine's file output (with or without its newline / CR). Never throws. */
export function parseEvent5Line(line: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch (err) {
    return fail(`invalid JSON: ${oneLine(err instanceof Error ? err.message : 'unparsable', 100)}`);
  }
  return parseEvent5Object(value);
}

/** An already decoded 5.x event (an indexer document's `_source`). Never throws. */
export function parseEvent5Object(value: unknown): ParsedRecord {
  try {
    return classifyEvent5(value);
  } catch (err) {
    // not expected (every access is guarded); one odd event must never stop a source
    return fail(`unreadable event: ${oneLine(err instanceof Error ? err.message : 'unknown failure', 100)}`);
  }
}

/** Whether a decoded JSON line looks like a 5.x event rather than a 4.x alert (for telling files apart by content). */
export function looksLikeEvent5(value: unknown): boolean {
  if (!isObject(value)) return false;
  const wazuh = prop(value, 'wazuh');
  return isObject(wazuh) && (isObject(prop(wazuh, 'event')) || isObject(prop(wazuh, 'integration')));
}
