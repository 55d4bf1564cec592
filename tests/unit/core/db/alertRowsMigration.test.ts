// Migration 5 (compact alert rows) on a database made by the release before it (tests/fixtures/release-db, made by
// that release's own code: makeReleaseDb.ts): every stored alert is kept with every column it had (the view
// `alerts` gives the old columns back), and every question the release answered gets the same answer.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineCore } from '../../../../electron/core/engineCore';
import { SourcesStore } from '../../../../electron/core/store/sourcesStore';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { RELEASE_NOW, type ReleaseQuery } from '../../../fixtures/release-db/queries';
import { generateAlerts } from '../../../generators/wazuhAlerts';
import { openCore } from '../../../helpers/engine';
import { makeTempDir } from '../../../helpers/tempDir';

const FIXTURE = path.join(__dirname, '../../../fixtures/release-db');
const recorded = JSON.parse(
  gunzipSync(fs.readFileSync(path.join(FIXTURE, 'answers.json.gz'))).toString('utf8'),
) as (ReleaseQuery & { answer: unknown })[];

let cleanup: () => void = () => {};
let core: EngineCore | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
  cleanup();
});

function releaseDataDir(): string {
  const t = makeTempDir('fimv-release-db-');
  cleanup = t.cleanup;
  for (const f of ['fim-verdict.sqlite', 'config.json']) fs.copyFileSync(path.join(FIXTURE, f), path.join(t.dir, f));
  return t.dir;
}

function oldRows(dataDir: string): Record<string, unknown>[] {
  const db = new Database(path.join(dataDir, 'fim-verdict.sqlite'), { readonly: true });
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    return db.prepare('SELECT * FROM alerts ORDER BY id').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

function open(dataDir: string): EngineCore {
  core = openCore(dataDir, () => RELEASE_NOW);
  return core;
}

describe('migration 9: compact alert rows, on a database of the release before it', () => {
  it('keeps every stored alert with every column it had', () => {
    const dataDir = releaseDataDir();
    const before = oldRows(dataDir);
    expect(before.length).toBeGreaterThan(300);
    // what the fixture holds: skipped rows with hashes, hashes before a change, Wazuh's rows, odd ids and times
    expect(before.some((r) => r.file_id === null && r.sha256 !== null)).toBe(true);
    expect(before.some((r) => r.md5_before !== null)).toBe(true);
    expect(before.some((r) => r.event === 'unknown')).toBe(true);
    expect(before.some((r) => r.alert_id === '0001700000000.012' && r.timestamp === '2024-04-07T11:00:00.5Z')).toBe(
      true,
    );
    const { db } = open(dataDir);
    expect(db.prepare('SELECT * FROM alerts ORDER BY id').all()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT value FROM counters WHERE name = 'alertRows'").pluck().get()).toBe(before.length);
    expect(db.prepare('SELECT SUM(alerts) FROM alert_agents').pluck().get()).toBe(before.length);
  });

  it('answers every question as the release did', async () => {
    const c = open(releaseDataDir());
    expect(recorded.length).toBeGreaterThan(40);
    for (const q of recorded) {
      const handler = c.handlers[q.method] as (input: unknown) => unknown;
      // every field the release answered, with the same value; fields added since (the contract is extended, never
      // changed: a verdict's why, a file's triage...) may come beside them
      expect({ q: q.input, answer: await handler(q.input) }).toMatchObject({ q: q.input, answer: q.answer as object });
    }
  });

  it('stores an alert it already held once: replays after the migration add nothing', () => {
    const c = open(releaseDataDir());
    const sources = new SourcesStore(c.db);
    const sourceId = sources.list()[0].id;
    const lines = generateAlerts(15, { count: 500, format: 'json', distinctFiles: 150 }).map((a) => a.text);
    const result = c.alerts.store(sourceId, {
      records: { kind: 'parsed', records: lines.map((l, offset) => ({ record: parseJsonAlert(l), offset })) },
      origin: 'replay',
      reason: 'live',
      bytes: 0,
      commit: (delta) => sources.count(sourceId, delta),
    });
    expect(result.delta.alertsRead).toBeGreaterThan(400);
    expect(result.insertedAlerts).toBe(0);
  });
});
