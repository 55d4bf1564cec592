// One alerts.log block -> ParsedRecord (fim | registry | wazuh-vt | other | error). Never throws.
//
// A block is written by analysisd's OS_Log as:
//   ** Alert <epoch>.<offset>:[ mail ] - <group>,<group>,
//   <YYYY Mon DD HH:MM:SS> <host>-><location>          the manager itself (agent 000), e.g. `PC->syscheck`
//   <YYYY Mon DD HH:MM:SS> (<agent>) <ip|any>-><location>
//   [<label>: <value> lines]
//   Rule: <id> (level <n>) -> '<description>'
//   [Src IP: / User: ... lines] <full log> [FIM attributes | `key: value` fields]
// and ends with a blank line. Careful for whoever frames the file: 4.x FIM alerts hold a blank line of their own
// (between the full log and `Attributes:`), so a record ends at a blank line FOLLOWED BY `** Alert` (or at the
// end of the file), not at any blank line. This parser accepts a block with or without the inner blank lines
// and with or without its trailing newline(s).
//
// alerts.log carries neither the agent id (except for the manager, "000") nor the manager name (manager = '').
import type { AgentRef, FimEvent, ParsedRecord } from '../../../shared/domain';
import { FIM_EVENT_BY_RULE, NO_HASHES, REGISTRY_RULE_IDS } from './alertsJson';
import { isObject, oneLine } from './coerce';
import { readFimBody } from './logFim';
import { parseWazuhVt, type WazuhVtMeta } from './vtRecord';

type Fail = { kind: 'error'; reason: string };
const fail = (reason: string): Fail => ({ kind: 'error', reason });

const HEADER = /^\*\* Alert (\d{1,12})\.(\d{1,20}):(.*)$/;
const HEADER_GROUPS = /^\s*(?:mail\s+)?-\s*(.*)$/;
const DATE_PREFIX = /^(\d{4} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}) /;
const AGENT_LOCATION = /^\(([^)]*)\) (\S*?)->(.*)$/;
const HOST_LOCATION = /^([^\s()]+?)->(.*)$/;
const RULE = /^Rule: (\d{1,10}) \(level (\d{1,3})\) -> (?:'(.*)'|(.*))$/;
/** Labels (`key: value`) may sit between the location line and the Rule line; this many at most are skipped. */
const MAX_LABEL_LINES = 64;

interface LogHeader {
  alertId: string;
  epochMs: number;
  groups: string[];
  agent: AgentRef;
  location: string;
  ruleId: string;
  level: number;
  description: string;
  body: string[];
}

function splitLines(block: string): string[] {
  const lines = block.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}

function agentAndLocation(line: string): { agent: AgentRef; location: string } | null {
  const date = DATE_PREFIX.exec(line);
  const rest = date ? line.slice(date[0].length) : line;
  const a = AGENT_LOCATION.exec(rest);
  if (a)
    return { agent: { id: null, name: a[1] || null, ip: a[2] === '' || a[2] === 'any' ? null : a[2] }, location: a[3] };
  const h = HOST_LOCATION.exec(rest);
  if (h) return { agent: { id: '000', name: h[1], ip: null }, location: h[2] };
  // Without a host (the location is all there is): only when the line clearly is the date line.
  if (date && rest !== '') return { agent: { id: null, name: null, ip: null }, location: rest };
  return null;
}

function readHeader(lines: string[]): LogHeader | Fail {
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i >= lines.length) return fail('empty alert block');
  const h = HEADER.exec(lines[i].trimStart());
  if (!h)
    // the line itself is not quoted: a reason is shown whatever the file is (see ingest/excerpts.ts)
    return fail('not an alert block: the first line is not "** Alert <epoch>.<id>:"');
  const epochMs = Number(h[1]) * 1000;
  const g = HEADER_GROUPS.exec(h[3]);
  const groups = g
    ? g[1]
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];
  const where = i + 1 < lines.length ? agentAndLocation(lines[i + 1]) : null;
  if (!where) return fail('alert block without its "<date> <agent>-><location>" line');
  let r = i + 2;
  const lastLabel = Math.min(lines.length, i + 2 + MAX_LABEL_LINES);
  let rule: RegExpExecArray | null = null;
  for (; r < lastLabel; r++) {
    rule = RULE.exec(lines[r]);
    if (rule || lines[r] === '') break;
  }
  if (!rule) return fail('alert block without its "Rule: <id> (level <n>) -> \'...\'" line');
  let end = r + 1;
  // A following `** Alert` line means two records were glued together: this one stops there.
  while (end < lines.length && !lines[end].startsWith('** Alert ')) end++;
  return {
    alertId: `${h[1]}.${h[2]}`,
    epochMs,
    groups,
    agent: where.agent,
    location: where.location,
    ruleId: rule[1],
    level: Number(rule[2]),
    description: rule[3] ?? rule[4] ?? '',
    body: lines.slice(r + 1, end),
  };
}

function isRegistry(h: LogHeader): boolean {
  if (REGISTRY_RULE_IDS.has(h.ruleId)) return true;
  if (h.groups.some((g) => g.startsWith('syscheck_registry'))) return true;
  return h.body.some((l) => l.startsWith('Registry Key ') || l.startsWith('Registry Value '));
}

function fimEvent(h: LogHeader, timestamp: string): ParsedRecord {
  const f = readFimBody(h.body);
  if (f.path === null) return fail('FIM alert without a file path');
  const event = f.event ?? (Object.hasOwn(FIM_EVENT_BY_RULE, h.ruleId) ? FIM_EVENT_BY_RULE[h.ruleId] : null);
  if (event === null) return fail('FIM event with unknown event type');
  const ev: FimEvent = {
    alertId: h.alertId,
    timestamp,
    epochMs: h.epochMs,
    manager: '',
    agent: h.agent,
    rule: { id: h.ruleId, level: h.level, description: h.description, groups: h.groups },
    location: h.location,
    path: f.path,
    event,
    mode: f.mode,
    after: event === 'deleted' ? { ...NO_HASHES } : f.after,
    ...(event !== 'deleted' && f.hashProblem ? { hashProblem: f.hashProblem } : {}),
    before: f.before,
    size: f.size,
    perm: f.perm,
    uname: f.uname,
    gname: f.gname,
    uid: f.uid,
    gid: f.gid,
    inode: f.inode,
    mtime: f.mtime,
    changedAttributes: f.changedAttributes,
    whodataUser: f.whodataUser,
    whodataProcess: f.whodataProcess,
  };
  return { kind: 'fim', event: ev };
}

const DOTTED = /^virustotal\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+){0,3}): (.*)$/;

/** The record from its `virustotal.a.b: value` lines (all strings), for a block whose JSON line is missing. */
function fromDottedLines(body: string[]): Record<string, unknown> | null {
  const root: Record<string, unknown> = {};
  let any = false;
  for (const line of body) {
    const m = DOTTED.exec(line);
    if (!m) continue;
    const keys = m[1].split('.');
    if (keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')) continue;
    let node = root;
    for (const k of keys.slice(0, -1)) {
      const next = node[k];
      if (!isObject(next)) node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = m[2];
    any = true;
  }
  return any ? root : null;
}

function wazuhVt(h: LogHeader, timestamp: string): ParsedRecord {
  const meta: WazuhVtMeta = { alertId: h.alertId, timestamp, epochMs: h.epochMs, manager: '', ruleId: h.ruleId };
  const jsonLine = h.body.find((l) => l.startsWith('{"virustotal"'));
  let vt: unknown = undefined;
  if (jsonLine !== undefined) {
    try {
      const parsed: unknown = JSON.parse(jsonLine);
      vt = isObject(parsed) ? parsed.virustotal : undefined;
    } catch {
      vt = undefined;
    }
  }
  const record = parseWazuhVt(vt, meta) ?? parseWazuhVt(fromDottedLines(h.body), meta);
  if (!record) return fail('VirusTotal alert without a readable {"virustotal": ...} record');
  const alert = { agent: h.agent, rule: { level: h.level, description: h.description, groups: h.groups } };
  return { kind: 'wazuh-vt', record, alert };
}

function classify(block: string): ParsedRecord {
  const h = readHeader(splitLines(block));
  if ('kind' in h) return h;
  const timestamp = new Date(h.epochMs).toISOString();
  const fim = h.groups.includes('syscheck') || h.location === 'syscheck';
  if (fim) return isRegistry(h) ? { kind: 'registry', alertId: h.alertId, ruleId: h.ruleId } : fimEvent(h, timestamp);
  if (h.groups.includes('virustotal') || h.location === 'virustotal') return wazuhVt(h, timestamp);
  return { kind: 'other', ruleId: h.ruleId, groups: h.groups };
}

/** One alerts.log block (2.x, 3.x or 4.x; trailing newline optional) -> ParsedRecord. Never throws. */
export function parseLogAlert(block: string): ParsedRecord {
  try {
    return classify(block);
  } catch (err) {
    // Not expected (every step above is total); kept so that one odd block can never stop an ingest.
    return fail(`unreadable alert block: ${oneLine(err instanceof Error ? err.message : 'unknown failure', 100)}`);
  }
}
