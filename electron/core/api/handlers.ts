// The contract's methods over the engine. Both transports call these with zod-parsed input; an ApiError keeps
// its code and message across the transport.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiOutput, EngineResult, HashDetail } from '../../../shared/contract';
import { hashKind, hashProblem, parseHashList, type FileHashes } from '../../../shared/hashes';
import { SettingsUpdate, type SettingsView } from '../../../shared/settings';
import type { EngineCore } from '../engineCore';
import { isFresh } from '../lookups/planner';
import { sourceKindOf } from '../sources/sourceManager';
import type { FileRow } from '../store/filesStore';
import { verdictOfFile } from '../store/verdictRow';
import { csvRow } from './csv';
import { ApiError, type ApiHandlers } from './types';

const APP_VERSION = (() => {
  try {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

const LICENCES = [
  { name: 'FIM Verdict', licence: 'MIT' },
  { name: 'React, React DOM', licence: 'MIT' },
  { name: 'better-sqlite3', licence: 'MIT' },
  { name: 'SQLite', licence: 'Public domain' },
  { name: 'zod', licence: 'MIT' },
  { name: 'TanStack Virtual', licence: 'MIT' },
  { name: 'Chart.js', licence: 'MIT' },
  { name: 'hash-wasm', licence: 'MIT' },
  { name: 'undici', licence: 'MIT' },
  { name: 'picomatch', licence: 'MIT' },
  { name: 'Electron', licence: 'MIT' },
];

function parseJsonList<T>(text: string | null): T[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

const CATEGORY_ORDER: Record<string, number> = { malicious: 0, suspicious: 1 };

/** Detections first, then the others, each by engine name. */
export function sortEngines(engines: EngineResult[]): EngineResult[] {
  return [...engines].sort(
    (a, b) => (CATEGORY_ORDER[a.category] ?? 2) - (CATEGORY_ORDER[b.category] ?? 2) || a.engine.localeCompare(b.engine),
  );
}

function hashesOf(hash: string): FileHashes {
  const kind = hashKind(hash);
  return {
    md5: kind === 'md5' ? hash : null,
    sha1: kind === 'sha1' ? hash : null,
    sha256: kind === 'sha256' ? hash : null,
  };
}

function requireHash(input: string): string {
  const problem = hashProblem(input);
  if (problem)
    throw new ApiError('bad-request', `"${input.slice(0, 80)}" is not a hash: ${problem}`, { hash: problem });
  return input.trim().toLowerCase();
}

function isAbsolutePath(p: string): boolean {
  return path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p);
}

export function settingsView(core: EngineCore): SettingsView {
  const key = core.apiKey();
  return {
    ...core.getSettings(),
    apiKeySet: key.key !== null,
    apiKeySource: key.source,
    keyStorage: { kind: core.secrets.kind, encrypted: core.secrets.encrypted, message: core.secrets.message },
    overriddenByFlags: core.overriddenByFlags(),
  };
}

function fileDetail(core: EngineCore, file: FileRow): HashDetail {
  const alerts = core.alerts.list({ limit: 200, offset: 0, fileId: file.id });
  const queued = core.queue.get(file.id);
  const hash = file.sha256 ?? file.sha1 ?? file.md5 ?? '';
  const reanalyse =
    core.reanalyses.get(hash) ??
    [file.sha256, file.sha1, file.md5].map((h) => h && core.reanalyses.get(h)).find(Boolean) ??
    null;
  return {
    sha256: file.sha256,
    sha1: file.sha1,
    md5: file.md5,
    names: parseJsonList<string>(file.names),
    type: file.type,
    size: file.size,
    threatLabel: file.threat_label,
    reputation: file.reputation,
    tags: parseJsonList<string>(file.tags),
    firstSeen: file.first_seen === null ? null : new Date(file.first_seen).toISOString(),
    verdict: verdictOfFile(file),
    engines: sortEngines(parseJsonList<EngineResult>(file.engines)),
    history: core.lookups.ofFile(file.id),
    alerts: alerts.items,
    alertsTotal: alerts.total,
    queued: queued
      ? {
          reason: queued.reason,
          since: new Date(queued.enqueued_at).toISOString(),
          nextAttemptAt:
            queued.next_attempt_at > core.clock.now() ? new Date(queued.next_attempt_at).toISOString() : null,
        }
      : null,
    reanalyse: reanalyse || null,
  };
}

/** Put a hash at the head of the queue (a rescan), or answer it from a fresh cache when `force` is false. */
function queueHash(
  core: EngineCore,
  hash: string,
  force: boolean,
  reanalyse: boolean,
): { queued: boolean; fileId: number } {
  const now = core.clock.now();
  const fileId = core.db.transaction(() => core.files.ensure(hashesOf(hash), now))();
  const file = core.files.get(fileId)!;
  if (!force && isFresh(file, core.getSettings().freshness, now)) return { queued: false, fileId };
  core.queue.enqueue(fileId, 'rescan', 16, now, reanalyse);
  core.scheduler.wake();
  core.statsChanged();
  return { queued: true, fileId };
}

export function createHandlers(core: EngineCore): ApiHandlers {
  return {
    getInfo: () => ({
      name: 'FIM Verdict',
      version: APP_VERSION,
      dataDir: core.options.dataDir,
      demo: core.options.demo ?? false,
      transport: core.options.transport,
      keyStorage: { kind: core.secrets.kind, encrypted: core.secrets.encrypted, message: core.secrets.message },
      licences: LICENCES,
    }),

    getStats: () => core.stats.build(),

    listAlerts: (q) => core.alerts.list(q),

    listAgents: () => core.alerts.agents(),

    getHash: ({ hash }) => {
      const h = requireHash(hash);
      const file = core.files.byHash(h);
      if (!file) {
        throw new ApiError('not-found', `no alert or look-up has seen ${h} yet: look it up to ask VirusTotal`);
      }
      return fileDetail(core, file);
    },

    rescan: ({ hash, reanalyse }) => {
      const h = requireHash(hash);
      queueHash(core, h, true, reanalyse ?? false);
      const noKey = core.apiKey().key === null;
      return {
        hash: h,
        queued: true,
        reanalyse: reanalyse ?? false,
        message: noKey
          ? 'queued first; no VirusTotal API key yet: add one in Settings and it is looked up at once'
          : reanalyse
            ? 'VirusTotal will be asked to reanalyse the file, then the new report is fetched'
            : 'queued first: a fresh report is fetched as soon as the quota allows',
      };
    },

    lookupHashes: ({ text }) => {
      const parsed = parseHashList(text);
      if (parsed.accepted.length > 10_000) throw new ApiError('bad-request', 'at most 10,000 hashes at a time');
      for (const a of parsed.accepted) queueHash(core, a.hash, false, false);
      return parsed;
    },

    listHistory: ({ limit, offset, ...filter }) => core.lookups.list(filter, limit, offset),

    exportHistory: ({ format, ...filter }) => {
      const stamp = new Date(core.clock.now()).toISOString().slice(0, 10);
      let rows = 0;
      if (format === 'json') {
        const items = [...core.lookups.iterate(filter)];
        return {
          filename: `fim-verdict-history-${stamp}.json`,
          mimeType: 'application/json',
          content: JSON.stringify(items, null, 2),
          rows: items.length,
        };
      }
      const header = [
        'at',
        'origin',
        'state',
        'positives',
        'total',
        'scan_date',
        'sha256',
        'sha1',
        'md5',
        'name',
        'permalink',
        'reason',
        'error',
      ];
      const lines = [header.join(',')];
      for (const e of core.lookups.iterate(filter)) {
        rows++;
        lines.push(
          csvRow([
            e.at,
            e.origin,
            e.state,
            e.positives,
            e.total,
            e.scanDate,
            e.sha256,
            e.sha1,
            e.md5,
            e.name,
            e.permalink,
            e.reason,
            e.error,
          ]),
        );
      }
      return {
        filename: `fim-verdict-history-${stamp}.csv`,
        mimeType: 'text/csv',
        content: lines.join('\r\n') + '\r\n',
        rows,
      };
    },

    historySummary: ({ days }) => {
      const since = new Date(core.clock.now());
      since.setHours(0, 0, 0, 0);
      since.setDate(since.getDate() - (days - 1));
      return core.lookups.summary(since.getTime());
    },

    getSettings: () => settingsView(core),

    putSettings: (update) => {
      const checked = SettingsUpdate.safeParse(update);
      if (!checked.success) throw new ApiError('bad-request', checked.error.issues[0]?.message ?? 'invalid settings');
      try {
        core.updateSettings(checked.data);
      } catch (error) {
        const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
        if (issues) {
          const fields = Object.fromEntries(issues.map((i) => [i.path.map(String).join('.'), i.message]));
          throw new ApiError('bad-request', issues[0].message, fields);
        }
        throw error;
      }
      return settingsView(core);
    },

    testKey: async ({ apiKey }) => testKey(core, apiKey),

    listSources: () => core.sourceManager.statuses(),

    addSource: ({ path: p, fromEnd }) => {
      if (!isAbsolutePath(p)) {
        throw new ApiError(
          'bad-request',
          `"${p}" is not an absolute path: give the full path of alerts.json, alerts.log or a logs/alerts folder`,
          { path: 'an absolute path' },
        );
      }
      const resolved = path.resolve(p);
      const row = core.sources.add(resolved, sourceKindOf(resolved), fromEnd, core.clock.now());
      core.sourceManager.start(row);
      core.saveMirror();
      return core.sourceManager.status(row.id)!;
    },

    removeSource: async ({ id }) => {
      const row = core.sources.get(id);
      if (!row) return { removed: false };
      await core.sourceManager.stop(id);
      core.db.transaction(() => {
        // what was read stays counted after the source goes
        for (const [name, value] of Object.entries({
          alertsRead: row.alerts_read,
          parseErrors: row.parse_errors,
          registryEvents: row.registry_events,
          otherAlerts: row.other_alerts,
          oversizeLines: row.oversize_lines,
          wazuhVerdicts: row.wazuh_verdicts,
        }))
          core.counters.increment(`retired.${name}`, value);
        core.sources.remove(id);
      })();
      core.saveMirror();
      core.statsChanged();
      return { removed: true };
    },

    startBackfill: async ({ id, from, to }) => {
      const row = core.sources.get(id);
      if (!row) throw new ApiError('not-found', `no source ${id}`);
      if (row.kind !== 'folder') {
        throw new ApiError(
          'bad-request',
          'backfill reads the dated files of a logs/alerts folder: add the folder as a source',
        );
      }
      if (from > to) throw new ApiError('bad-request', 'the first day is after the last day', { from: 'after "to"' });
      if (core.backfills.running(id)) throw new ApiError('conflict', 'a backfill of this source is already running');
      return core.backfills.start(id, row.path, from, to);
    },

    listBackfills: () => core.backfills.list(),

    getDiagnostics: () => {
      const stats = core.stats.build();
      const rows = core.db
        .prepare(
          'SELECT source_id, source_path, offset, reason, excerpt, at FROM parse_errors ORDER BY id DESC LIMIT 100',
        )
        .all() as {
        source_id: number | null;
        source_path: string;
        offset: number;
        reason: string;
        excerpt: string;
        at: number;
      }[];
      const pageCount = core.db.pragma('page_count', { simple: true }) as number;
      const pageSize = core.db.pragma('page_size', { simple: true }) as number;
      return {
        parseErrors: rows.map((r) => ({
          sourceId: r.source_id,
          sourcePath: r.source_path,
          offset: r.offset,
          reason: r.reason,
          excerpt: r.excerpt,
          at: new Date(r.at).toISOString(),
        })),
        sources: stats.sources,
        vtStatus: stats.vtStatus,
        vtStatusMessage: stats.vtStatusMessage,
        lastVtError: core.scheduler.status.lastError,
        dataDir: core.options.dataDir,
        database: {
          sizeBytes: pageCount * pageSize,
          alerts: stats.fimEvents,
          files: stats.uniqueHashes,
          lookups: core.lookups.count(),
        },
        notices: core.integrationLogError ? [...core.notices, core.integrationLogError] : core.notices,
      };
    },
  };
}

const EICAR_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

/** "Test key": read the allowance (GET /users/{key}/overall_quotas); if that endpoint is refused, look up EICAR. */
async function testKey(core: EngineCore, typed: string | undefined): Promise<ApiOutput<'testKey'>> {
  const key = typed?.trim() || core.apiKey().key;
  if (!key)
    return {
      ok: false,
      status: 'no-key',
      message: 'No key to test: type one or save one first.',
      allowance: null,
      plan: null,
    };
  const slot = core.quota.nextSlot();
  if (slot.blockedBy) {
    return {
      ok: false,
      status: 'rate-limited',
      message: `The ${slot.blockedBy}'s quota is used up; try again after ${new Date(slot.at).toLocaleTimeString()}.`,
      allowance: null,
      plan: null,
    };
  }
  const client = core.makeClient(key);
  try {
    core.quota.tryAcquire('quota');
    core.counters.increment('lookups');
    const quotas = await client.getOverallQuotas();
    if (quotas.ok) {
      const daily = quotas.allowance.daily?.allowed ?? null;
      const plan = daily !== null && daily <= 500 ? 'public' : 'premium';
      if (!typed || typed.trim() === core.apiKey().key) core.stats.allowance = quotas.allowance;
      return {
        ok: true,
        status: 'ok',
        message: `The key works (${plan === 'public' ? 'public API' : 'premium API'}).`,
        allowance: quotas.allowance,
        plan,
      };
    }
    if (quotas.error.type === 'credentials' || quotas.error.type === 'forbidden') {
      // the key in use was refused: stop look-ups now rather than spend a file look-up to learn it
      if (!typed || typed.trim() === core.apiKey().key) core.scheduler.credentialsRefused(quotas.error);
      return { ok: false, status: 'credentials', message: quotas.error.message, allowance: null, plan: null };
    }
    if (quotas.error.type === 'network' || quotas.error.type === 'timeout') {
      return { ok: false, status: 'offline', message: quotas.error.message, allowance: null, plan: null };
    }
    // some proxies and keys cannot read quotas: a real look-up tells whether the key works
    if (!core.quota.tryAcquire('file')) {
      return {
        ok: false,
        status: 'rate-limited',
        message: 'The quota endpoint is not available and the minute quota is used up; try again in a minute.',
        allowance: null,
        plan: null,
      };
    }
    core.counters.increment('lookups');
    const lookup = await client.lookupFile(EICAR_SHA256);
    if (lookup.kind !== 'error')
      return {
        ok: true,
        status: 'ok',
        message: 'The key works (its quota could not be read).',
        allowance: null,
        plan: null,
      };
    const status =
      lookup.error.type === 'credentials' || lookup.error.type === 'forbidden'
        ? 'credentials'
        : lookup.error.type === 'quota'
          ? 'rate-limited'
          : 'offline';
    return { ok: false, status, message: lookup.error.message, allowance: null, plan: null };
  } finally {
    await client.close();
  }
}
