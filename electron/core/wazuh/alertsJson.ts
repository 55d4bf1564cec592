// One alerts.json line -> ParsedRecord: a FIM file event, a registry event (nothing to look up), Wazuh's own
// VirusTotal result, any other alert, or an error with a reason. Never throws: the line is untrusted input.
//
// What makes a FIM file event: a `syscheck` object, and `syscheck` among rule.groups (or location "syscheck"),
// and not a registry event (a `syscheck_registry*` group, rules 594/597/598/750/751/752, or a syscheck record
// with a value_name/arch and no path).
import { bestHash, type FileHashes, type HashKind } from '../../../shared/hashes';
import type { AgentRef, FimEvent, FimEventKind, FimMode, ParsedRecord, RuleRef } from '../../../shared/domain';
import {
  describe,
  epochFromAlertId,
  hashesProblem,
  hashOf,
  ident,
  isObject,
  oneLine,
  parseTimestamp,
  prop,
  str,
  strings,
  text,
  uint,
  type Obj,
} from './coerce';
import { parseWazuhVt } from './vtRecord';

/** Wazuh's registry rules: key changed/deleted/added (594/597/598), value changed/deleted/added (750-752). */
export const REGISTRY_RULE_IDS: ReadonlySet<string> = new Set(['594', '597', '598', '750', '751', '752']);

/** Event type by FIM rule id, for records that do not say (older managers): 554 added, 550 modified, 553 deleted. */
export const FIM_EVENT_BY_RULE: Readonly<Record<string, FimEventKind>> = {
  '554': 'added',
  '550': 'modified',
  '553': 'deleted',
};

const EVENTS: ReadonlySet<string> = new Set(['added', 'modified', 'deleted']);
const MODES: ReadonlySet<string> = new Set(['scheduled', 'realtime', 'whodata']);

export const NO_HASHES: Readonly<FileHashes> = Object.freeze({ md5: null, sha1: null, sha256: null });

type Fail = { kind: 'error'; reason: string };
const fail = (reason: string): Fail => ({ kind: 'error', reason });

/** The alert's header fields, validated. */
interface Header {
  alertId: string;
  rule: Obj;
  ruleId: string;
  groups: string[];
  location: string;
}

function header(v: unknown): Header | Fail {
  if (!isObject(v)) return fail(`not an alert: the line is ${describe(v)}, not a JSON object`);
  const alertId = v.id;
  if (alertId === undefined) return fail('not an alert: no "id"');
  if (typeof alertId !== 'string' || alertId === '')
    return fail(`not an alert: "id" is ${describe(alertId)}, not an alert id string`);
  const rule = v.rule;
  if (!isObject(rule)) return fail(`not an alert: "rule" is ${describe(rule)}`);
  const ruleId = ident(rule.id);
  if (ruleId === null) return fail(`not an alert: "rule.id" is ${describe(rule.id)}`);
  return { alertId, rule, ruleId, groups: strings(rule.groups), location: str(v.location) ?? '' };
}

/** epochMs from `timestamp`, else from the alert id; the timestamp string as Wazuh wrote it (or built). */
function timeOf(v: Obj, alertId: string): { timestamp: string; epochMs: number } | null {
  const raw = str(v.timestamp);
  const fromTs = parseTimestamp(raw);
  if (fromTs !== null) return { timestamp: raw as string, epochMs: fromTs };
  const fromId = epochFromAlertId(alertId);
  if (fromId === null) return null;
  return { timestamp: raw || new Date(fromId).toISOString(), epochMs: fromId };
}

function ruleRef(h: Header): RuleRef | Fail {
  const level = uint(h.rule.level);
  if (level === null) return fail(`"rule.level" is ${describe(h.rule.level)}, not a level number`);
  return { id: h.ruleId, level, description: str(h.rule.description) ?? '', groups: h.groups };
}

function agentRef(a: unknown): AgentRef {
  return { id: ident(prop(a, 'id')), name: text(prop(a, 'name')), ip: text(prop(a, 'ip')) };
}

function hashes(sc: Obj, suffix: '_after' | '_before'): FileHashes {
  return {
    md5: hashOf(sc['md5' + suffix], 'md5'),
    sha1: hashOf(sc['sha1' + suffix], 'sha1'),
    sha256: hashOf(sc['sha256' + suffix], 'sha256'),
  };
}

function rawHashes(sc: Obj, suffix: '_after' | '_before'): Record<HashKind, unknown> {
  return { md5: sc['md5' + suffix], sha1: sc['sha1' + suffix], sha256: sc['sha256' + suffix] };
}

/** FimEvent.hashProblem is there only when there is one. */
const problemOf = (problem: string | null): { hashProblem?: string } => (problem ? { hashProblem: problem } : {});

function isRegistry(h: Header, sc: Obj): boolean {
  if (REGISTRY_RULE_IDS.has(h.ruleId)) return true;
  if (h.groups.some((g) => g.startsWith('syscheck_registry'))) return true;
  const hasPath = typeof sc.path === 'string' && sc.path !== '';
  return !hasPath && (sc.value_name !== undefined || sc.arch !== undefined);
}

function eventOf(sc: Obj, ruleId: string): FimEventKind | Fail {
  const ev = sc.event;
  if (typeof ev === 'string' && EVENTS.has(ev)) return ev as FimEventKind;
  if (ev === undefined || ev === null || ev === '') {
    if (Object.hasOwn(FIM_EVENT_BY_RULE, ruleId)) return FIM_EVENT_BY_RULE[ruleId];
  }
  return fail('FIM event with unknown event type');
}

function fimEvent(v: Obj, h: Header, sc: Obj): ParsedRecord {
  const path = sc.path;
  if (typeof path !== 'string' || path === '') return fail('FIM event without a file path (syscheck.path)');
  const event = eventOf(sc, h.ruleId);
  if (typeof event !== 'string') return event;
  const rule = ruleRef(h);
  if ('kind' in rule) return rule;
  const time = timeOf(v, h.alertId);
  if (!time) return fail('FIM event without a usable time: neither "timestamp" nor the alert id hold one');
  const mode = typeof sc.mode === 'string' && MODES.has(sc.mode) ? (sc.mode as FimMode) : null;
  const audit = sc.audit;
  const mtime = sc.mtime_after;
  const after = event === 'deleted' ? { ...NO_HASHES } : hashes(sc, '_after');
  const ev: FimEvent = {
    alertId: h.alertId,
    timestamp: time.timestamp,
    epochMs: time.epochMs,
    manager: text(prop(v.manager, 'name')) ?? '',
    agent: agentRef(v.agent),
    rule,
    location: h.location,
    path,
    event,
    mode,
    // A deleted file is gone: nothing to look up, whatever attributes Wazuh repeats.
    after,
    ...(event === 'deleted' || bestHash(after) ? {} : problemOf(hashesProblem(rawHashes(sc, '_after')))),
    before: hashes(sc, '_before'),
    size: uint(sc.size_after),
    perm: text(sc.perm_after),
    uname: text(sc.uname_after),
    gname: text(sc.gname_after),
    uid: ident(sc.uid_after),
    gid: ident(sc.gid_after),
    inode: uint(sc.inode_after),
    mtime: typeof mtime === 'number' && Number.isFinite(mtime) ? String(mtime) : text(mtime),
    changedAttributes: strings(sc.changed_attributes),
    whodataUser: text(prop(prop(audit, 'user'), 'name')),
    whodataProcess: text(prop(prop(audit, 'process'), 'name')),
  };
  return { kind: 'fim', event: ev };
}

function isVirusTotal(v: Obj, h: Header): boolean {
  const data = v.data;
  if (prop(data, 'virustotal') !== undefined) return true;
  if (h.location === 'virustotal') return true;
  return h.groups.includes('virustotal') && prop(data, 'integration') === 'virustotal';
}

function wazuhVt(v: Obj, h: Header): ParsedRecord {
  const time = timeOf(v, h.alertId);
  if (!time) return fail('VirusTotal alert without a usable time: neither "timestamp" nor the alert id hold one');
  const record = parseWazuhVt(prop(v.data, 'virustotal'), {
    alertId: h.alertId,
    timestamp: time.timestamp,
    epochMs: time.epochMs,
    manager: text(prop(v.manager, 'name')) ?? '',
    ruleId: h.ruleId,
  });
  if (!record) return fail('VirusTotal alert without a readable "data.virustotal" object');
  const alert = {
    agent: agentRef(v.agent),
    rule: { level: uint(h.rule.level) ?? 0, description: str(h.rule.description) ?? '', groups: h.groups },
  };
  return { kind: 'wazuh-vt', record, alert };
}

/** Classify an already parsed alerts.json value. Exported for callers that parsed the JSON themselves. */
export function classifyJsonAlert(v: unknown): ParsedRecord {
  const h = header(v);
  if ('kind' in h) return h;
  const alert = v as Obj;
  const sc = alert.syscheck;
  const fimGroup = h.groups.includes('syscheck') || h.location === 'syscheck';
  if (fimGroup && sc !== undefined) {
    if (!isObject(sc)) return fail(`FIM alert with a malformed "syscheck": ${describe(sc)}, not an object`);
    if (isRegistry(h, sc)) return { kind: 'registry', alertId: h.alertId, ruleId: h.ruleId };
    return fimEvent(alert, h, sc);
  }
  if (isVirusTotal(alert, h)) return wazuhVt(alert, h);
  return { kind: 'other', ruleId: h.ruleId, groups: h.groups };
}

/** One alerts.json line (without or with its trailing newline / CR) -> ParsedRecord. Never throws. */
export function parseJsonAlert(line: string): ParsedRecord {
  let value: unknown;
  try {
    // A UTF-8 byte order mark can only appear on the very first line of a file, but costs nothing to drop.
    value = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch (err) {
    const message = err instanceof Error ? err.message : 'unparsable';
    // V8 quotes a piece of the line ('Unexpected token ..., "<the line>" is not valid JSON'): not in a reason,
    // which is shown whatever the file is (see ingest/excerpts.ts)
    return fail(`invalid JSON: ${oneLine(message.replace(/,? *".*" is not valid JSON$/s, ''), 100)}`);
  }
  try {
    return classifyJsonAlert(value);
  } catch (err) {
    // Not expected (every access above is guarded); kept so that one odd line can never stop an ingest.
    return fail(`unreadable alert: ${oneLine(err instanceof Error ? err.message : 'unknown failure', 100)}`);
  }
}
