// Shared helpers of the Wazuh parser tests: fixture access and a strict shape check of ParsedRecord.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { FimEvent, ParsedRecord, WazuhVtRecord } from '../../../../shared/domain';
import type { FileHashes } from '../../../../shared/hashes';
import { WAZUH_FIXTURES } from '../../../helpers/fixtures';

/** tests/fixtures/wazuh: the real alerts (a copy of the workspace's shared fixtures). */
export const FIXTURES = WAZUH_FIXTURES;

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function fixtureNames(): string[] {
  return fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.json') || n.endsWith('.log'));
}

export function fim(r: ParsedRecord): FimEvent {
  if (r.kind !== 'fim') throw new Error(`expected a FIM event, got ${JSON.stringify(r)}`);
  return r.event;
}

export function vt(r: ParsedRecord): WazuhVtRecord {
  if (r.kind !== 'wazuh-vt') throw new Error(`expected a wazuh-vt record, got ${JSON.stringify(r)}`);
  return r.record;
}

const HASH_LENGTH = { md5: 32, sha1: 40, sha256: 64 } as const;
const isStrOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const isIntOrNull = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);

function problemsOfHashes(h: FileHashes, where: string, out: string[]): void {
  for (const kind of ['md5', 'sha1', 'sha256'] as const) {
    const v = h[kind];
    if (v === null) continue;
    if (typeof v !== 'string' || v.length !== HASH_LENGTH[kind] || !/^[0-9a-f]+$/.test(v))
      out.push(`${where}.${kind} is not a lower-case ${kind}: ${String(v)}`);
  }
}

function problemsOfFim(e: FimEvent): string[] {
  const out: string[] = [];
  if (typeof e.alertId !== 'string' || e.alertId === '') out.push('alertId');
  if (typeof e.timestamp !== 'string') out.push('timestamp');
  if (!Number.isFinite(e.epochMs)) out.push('epochMs');
  if (typeof e.manager !== 'string') out.push('manager');
  if (!isStrOrNull(e.agent.id) || !isStrOrNull(e.agent.name) || !isStrOrNull(e.agent.ip)) out.push('agent');
  if (typeof e.rule.id !== 'string' || !Number.isInteger(e.rule.level) || typeof e.rule.description !== 'string')
    out.push('rule');
  if (!Array.isArray(e.rule.groups) || e.rule.groups.some((g) => typeof g !== 'string')) out.push('rule.groups');
  if (typeof e.location !== 'string') out.push('location');
  if (typeof e.path !== 'string' || e.path === '') out.push('path');
  if (!['added', 'modified', 'deleted'].includes(e.event)) out.push('event');
  if (![null, 'scheduled', 'realtime', 'whodata'].includes(e.mode)) out.push('mode');
  problemsOfHashes(e.after, 'after', out);
  problemsOfHashes(e.before, 'before', out);
  if (e.event === 'deleted' && (e.after.md5 || e.after.sha1 || e.after.sha256)) out.push('deleted event with hashes');
  if (!isIntOrNull(e.size) || !isIntOrNull(e.inode)) out.push('size/inode');
  for (const k of ['perm', 'uname', 'gname', 'uid', 'gid', 'mtime', 'whodataUser', 'whodataProcess'] as const)
    if (!isStrOrNull(e[k])) out.push(k);
  if (!Array.isArray(e.changedAttributes) || e.changedAttributes.some((a) => typeof a !== 'string'))
    out.push('changedAttributes');
  return out;
}

function problemsOfVt(r: WazuhVtRecord): string[] {
  const out: string[] = [];
  if (typeof r.alertId !== 'string' || !Number.isFinite(r.epochMs) || typeof r.ruleId !== 'string') out.push('meta');
  if (r.error !== null && (!isIntOrNull(r.error.code) || typeof r.error.description !== 'string')) out.push('error');
  for (const k of ['found', 'malicious'] as const) if (r[k] !== null && typeof r[k] !== 'boolean') out.push(k);
  if (!isIntOrNull(r.positives) || !isIntOrNull(r.total)) out.push('positives/total');
  if (r.scanDateMs !== null && !Number.isFinite(r.scanDateMs)) out.push('scanDateMs');
  if (!isStrOrNull(r.scanDate) || !isStrOrNull(r.permalink)) out.push('strings');
  problemsOfHashes({ md5: null, sha1: r.sha1, sha256: null }, 'sha1', out);
  problemsOfHashes({ md5: r.source.md5, sha1: r.source.sha1, sha256: null }, 'source', out);
  if (!isStrOrNull(r.source.alertId) || !isStrOrNull(r.source.file)) out.push('source');
  return out;
}

/** Everything wrong with the shape of a ParsedRecord ([] when it is well-formed). */
export function recordProblems(r: ParsedRecord): string[] {
  switch (r.kind) {
    case 'fim':
      return problemsOfFim(r.event);
    case 'wazuh-vt':
      return problemsOfVt(r.record);
    case 'registry':
      return typeof r.alertId === 'string' && typeof r.ruleId === 'string' ? [] : ['registry'];
    case 'other':
      return isStrOrNull(r.ruleId) && (r.groups === null || Array.isArray(r.groups)) ? [] : ['other'];
    case 'error':
      return typeof r.reason === 'string' && r.reason.length > 0 && r.reason.length < 400 ? [] : ['error reason'];
    default:
      return [`unknown kind ${(r as { kind: string }).kind}`];
  }
}

export function expectWellFormed(r: ParsedRecord): void {
  expect(recordProblems(r)).toEqual([]);
}
