// The contract's methods over the engine. Both transports call these with zod-parsed input; an ApiError keeps
// its code and message across the transport.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOOKUP_LIMITS, parseHashList } from '../../../shared/hashes';
import { SettingsUpdate, type SettingsView } from '../../../shared/settings';
import { escapeControlsInJson } from '../../../shared/visibleText';
import type { EngineCore } from '../engineCore';
import { datedKindOf } from '../sources/datedFiles';
import { sourcePathProblem } from '../sources/regularFile';
import { followedPath, rotationFolderOf, sourceKindOf } from '../sources/sourceManager';
import { csvRow } from './csv';
import { fileDetail, queueHash, requireHash } from './fileDetail';
import { checkLocalSettingsUpdate, guardHttpSettingsUpdate } from './settingsGuard';
import { testKey } from './testKey';
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
  { name: 'Electron', licence: 'MIT' },
];

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
    apiKeyWithheld: key.withheld,
    lockedOverHttp: core.options.transport === 'http' ? ['baseUrl', 'integrationLog'] : [],
  };
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
      const { maxValues, maxHashes } = LOOKUP_LIMITS;
      if (parsed.values > maxValues)
        throw new ApiError(
          'bad-request',
          `at most ${maxValues.toLocaleString('en')} values at a time: paste them in parts`,
        );
      if (parsed.accepted.length > maxHashes)
        throw new ApiError('bad-request', `at most ${maxHashes.toLocaleString('en')} hashes at a time`);
      for (const a of parsed.accepted) queueHash(core, a.hash, false, false);
      return { accepted: parsed.accepted, rejected: parsed.rejected, rejectedTotal: parsed.rejectedTotal };
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
          // the exact values, with every control character as a JSON \u escape (nothing raw reorders a viewer's text)
          content: escapeControlsInJson(JSON.stringify(items, null, 2)),
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
      const overHttp = core.options.transport === 'http';
      const allowed = overHttp
        ? guardHttpSettingsUpdate(checked.data, core.getSettings())
        : (checkLocalSettingsUpdate(checked.data, core.getSettings()), checked.data);
      try {
        core.updateSettings(allowed, overHttp ? 'http' : 'local');
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
      const kind = sourceKindOf(resolved);
      // a FIFO, socket or device would hold a file-I/O thread (or never end): refused now, and again at each open
      const problem = sourcePathProblem(resolved, followedPath({ path: resolved, kind }));
      if (problem) throw new ApiError('bad-request', problem, { path: 'not a regular file' });
      const row = core.sources.add(resolved, kind, fromEnd, core.clock.now());
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
        const c = row.counters;
        for (const [name, value] of Object.entries({
          alertsRead: c.alertsRead,
          parseErrors: c.parseErrors,
          registryEvents: c.registryEvents,
          otherAlerts: c.otherAlerts,
          oversizeLines: c.oversizeLines,
          wazuhVerdicts: c.wazuhVerdicts,
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
      const folder = rotationFolderOf(row);
      if (!folder || datedKindOf(followedPath(row)) !== 'json') {
        throw new ApiError(
          'bad-request',
          'backfill reads the dated files of a logs/alerts folder: add the folder (or its alerts.json) as a source',
        );
      }
      if (from > to) throw new ApiError('bad-request', 'the first day is after the last day', { from: 'after "to"' });
      if (core.backfills.running(id)) throw new ApiError('conflict', 'a backfill of this source is already running');
      // what the tailer is about to read (days it missed, the file it waits for) a backfill now would read as well
      const wait = core.sourceManager.backfillMustWait(id);
      if (wait) throw new ApiError('conflict', wait);
      return core.backfills.start(id, folder, from, to);
    },

    listBackfills: () => core.backfills.list(),

    getDiagnostics: () => {
      const stats = core.stats.build();
      const pageCount = core.db.pragma('page_count', { simple: true }) as number;
      const pageSize = core.db.pragma('page_size', { simple: true }) as number;
      return {
        parseErrors: core.parseErrors.recent().map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
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
        notices: core.integration.failure ? [...core.notices, core.integration.failure] : core.notices,
      };
    },
  };
}
