// Migration 10 (per-file alert aggregates) on a database made by an older release (tests/fixtures/release-db, at
// schema 4; migrations 5 to the last run on it): the aggregates it builds from the stored rows are what a GROUP BY over the
// alerts gives, the Files view answers as its GROUP BY queries did, and both stay so through retention.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../electron/core/db/migrations';
import type { EngineCore } from '../../../../electron/core/engineCore';
import { AlertRetentionStore } from '../../../../electron/core/store/alertRetentionStore';
import { RELEASE_NOW } from '../../../fixtures/release-db/queries';
import { openCore } from '../../../helpers/engine';
import { aggregatesByGroupBy, expectSameFilesAnswers, keptAggregates } from '../../../helpers/fileListByGroupBy';
import { makeTempDir } from '../../../helpers/tempDir';

const FIXTURE = path.join(__dirname, '../../../fixtures/release-db');

let cleanup: () => void = () => {};
let core: EngineCore | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
  cleanup();
});

describe('migration 10: per-file alert aggregates, on a database of an older release', () => {
  it('builds them from the stored alerts, answers as the GROUP BY queries did, and keeps them through retention', () => {
    const t = makeTempDir('fimv-release-db-');
    cleanup = t.cleanup;
    for (const f of ['fim-verdict.sqlite', 'config.json']) fs.copyFileSync(path.join(FIXTURE, f), path.join(t.dir, f));
    const c = (core = openCore(t.dir, () => RELEASE_NOW));
    const { db } = c;
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // migration 13: one order row per file (compared with the files, triage, alerts and answers in keptAggregates)
    expect(count('SELECT COUNT(*) FROM file_order')).toBe(count('SELECT COUNT(*) FROM files'));
    expect(count('SELECT COUNT(*) FROM file_order WHERE ttv IS NOT NULL')).toBeGreaterThan(5);
    // migration 11: each file's sort name (its names, else its greatest path), kept on the file
    expect(
      count(`SELECT COUNT(*) FROM files f WHERE f.sort_name IS NOT COALESCE(f.names,
        (SELECT p.path FROM file_alerts a JOIN alert_paths p ON p.id = a.max_path_id WHERE a.file_id = f.id))`),
    ).toBe(0);
    expect(count('SELECT COUNT(*) FROM files WHERE sort_name IS NOT NULL')).toBeGreaterThan(20);
    // the triggers' statement journals stay in memory (a temp file more than doubled the ingest time)
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(count('SELECT COUNT(*) FROM file_alerts')).toBeGreaterThan(20);
    expect(count('SELECT COUNT(*) FROM file_places')).toBeGreaterThan(count('SELECT COUNT(*) FROM file_alerts'));
    expect(count('SELECT SUM(alerts) FROM file_places')).toBe(
      count('SELECT COUNT(*) FROM alert_rows WHERE file_id IS NOT NULL'),
    );
    expect(keptAggregates(db)).toEqual(aggregatesByGroupBy(db));

    const agents = db.prepare('SELECT DISTINCT agent_id, agent_name FROM alert_agents').all() as {
      agent_id: string | null;
      agent_name: string | null;
    }[];
    expect(agents.length).toBeGreaterThan(2);
    const path0 = db.prepare('SELECT path FROM alerts WHERE file_id IS NOT NULL LIMIT 1').pluck().get() as string;
    const folder = path0.split(/[\\/]/).slice(0, -1).join('/').slice(-6);
    const answers = () =>
      expectSameFilesAnswers(db, [
        [{}, 'every'],
        [{ state: 'detected' }, 'some'],
        ...agents.flatMap((a): [{ agent: string }, 'some'][] => [
          ...(a.agent_id ? [[{ agent: a.agent_id }, 'some'] as [{ agent: string }, 'some']] : []),
          ...(a.agent_name ? [[{ agent: a.agent_name }, 'some'] as [{ agent: string }, 'some']] : []),
        ]),
        [{ q: folder }, 'every'],
      ]);
    expect(answers()).toBeGreaterThan(500);

    // retention takes the oldest half
    const half = Math.floor(count('SELECT COUNT(*) FROM alert_rows') / 2);
    db.transaction(() => new AlertRetentionStore(db).removeOldest(half, null))();
    expect(keptAggregates(db)).toEqual(aggregatesByGroupBy(db));
    answers();
  });
});
