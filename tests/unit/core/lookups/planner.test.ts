// The planner on its own: real tables, a fake clock. What an alert of a file costs (nothing when a fresh answer is
// cached), and Wazuh's own answers imported through the one answer path.
import { describe, expect, it } from 'vitest';
import type { WazuhVtRecord } from '../../../../shared/domain';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings';
import { Answers } from '../../../../electron/core/lookups/answers';
import { Planner } from '../../../../electron/core/lookups/planner';
import { FilesStore } from '../../../../electron/core/store/filesStore';
import { LookupsStore } from '../../../../electron/core/store/lookupsStore';
import { QueueStore } from '../../../../electron/core/store/queueStore';
import { useTempDatabase } from '../../../helpers/tempDatabase';

const DAY = 86_400_000;
const MD5 = '44d88612fea8a8f36de82e1278abb02f';
const SHA1 = '3395856ce81f2b7382dee72602f798b642f14140';

const openDb = useTempDatabase('fimv-planner-');

function setup(settings: Partial<Settings> = {}) {
  const db = openDb();
  const clock = {
    t: 100 * DAY,
    now() {
      return this.t;
    },
  };
  const files = new FilesStore(db);
  const queue = new QueueStore(db);
  const lookups = new LookupsStore(db);
  const s = { ...DEFAULT_SETTINGS, ...settings };
  const answers = new Answers({ db, files, lookups, queue, settings: () => s, now: () => clock.now() });
  const planner = new Planner(queue, answers, () => s);
  const importing = (rec: WazuhVtRecord) => db.transaction(() => planner.importWazuh(rec))();
  return { clock, files, queue, lookups, planner, importing };
}

function wazuhAnswer(fields: Partial<WazuhVtRecord> = {}): WazuhVtRecord {
  return {
    manager: 'wazuh-manager',
    alertId: '1700000000.1',
    ruleId: '87105',
    epochMs: 100 * DAY,
    timestamp: new Date(100 * DAY).toISOString(),
    error: null,
    found: true,
    malicious: true,
    positives: 2,
    total: 70,
    scanDate: '2024-01-01 00:00:00',
    scanDateMs: 99 * DAY,
    permalink: null,
    sha1: null,
    source: { alertId: '1700000000.0', file: '/tmp/x', md5: MD5, sha1: SHA1, agent: null },
    ...fields,
  };
}

describe('Planner.plan', () => {
  it('queues a new file once; a second alert of it joins the entry', () => {
    const { files, queue, planner, clock } = setup();
    const file = files.ensureRow({ md5: MD5, sha1: null, sha256: null }, clock.now());
    expect(planner.plan(file, 7, 'live', clock.now())).toBe('queued');
    expect(planner.plan(file, 12, 'backfill', clock.now())).toBe('attached');
    expect(queue.get(file.id)).toMatchObject({ reason: 'live', level: 12 });
  });

  it('serves an alert from a fresh answer, and refreshes a stale one at the lowest rank', () => {
    const { files, queue, planner, importing, clock } = setup({ freshness: { foundDays: 7, notFoundHours: 24 } });
    importing(wazuhAnswer({ scanDateMs: clock.now() - DAY }));
    const file = files.byHash(MD5)!;
    expect(planner.plan(file, 7, 'live', clock.now())).toBe('cached');
    expect(queue.get(file.id)).toBeUndefined();
    clock.t += 7 * DAY;
    expect(planner.plan(files.byHash(MD5)!, 7, 'live', clock.now())).toBe('queued');
    expect(queue.get(file.id)).toMatchObject({ reason: 'refresh' });
  });
});

describe('Planner.importWazuh', () => {
  it('records the answer under our threshold, as old as its scan date, once', () => {
    const { files, lookups, importing } = setup({ threshold: 3 });
    const first = importing(wazuhAnswer());
    expect(first).toMatchObject({ changed: true });
    expect(files.get(first!.fileId)).toMatchObject({
      state: 'suspicious', // 2 engines, below the threshold of 3
      positives: 2,
      total: 70,
      origin: 'wazuh',
      checkedAt: 99 * DAY,
      md5: MD5,
      sha1: SHA1,
    });
    expect(lookups.ofFile(first!.fileId)).toMatchObject([{ origin: 'wazuh', reason: 'wazuh', state: 'suspicious' }]);
    expect(importing(wazuhAnswer())).toBeNull(); // the same Wazuh alert: imported once
  });

  it('keeps a newer answer the file already has, and a not-found answer is unknown', () => {
    const { files, importing } = setup();
    importing(wazuhAnswer({ alertId: '1.1', scanDateMs: 99 * DAY }));
    const older = importing(wazuhAnswer({ alertId: '1.2', scanDateMs: 50 * DAY, positives: 9 }));
    expect(older).toMatchObject({ changed: false });
    expect(files.byHash(MD5)).toMatchObject({ positives: 2 });
    const unknown = importing(
      wazuhAnswer({
        alertId: '1.3',
        found: false,
        positives: null,
        total: null,
        source: { ...wazuhAnswer().source, md5: 'a'.repeat(32), sha1: null },
      }),
    );
    expect(files.get(unknown!.fileId)).toMatchObject({ state: 'unknown', positives: null, total: null });
  });

  it('settles a queued file when the imported answer is fresh, never one asked for by hand', () => {
    const { files, queue, importing, clock } = setup();
    const live = files.ensure({ md5: MD5, sha1: null, sha256: null }, clock.now());
    queue.enqueue(live, 'live', 5, clock.now());
    importing(wazuhAnswer({ alertId: '2.1', scanDateMs: clock.now() - DAY }));
    expect(queue.get(live)).toBeUndefined();
    const asked = files.ensure({ md5: 'b'.repeat(32), sha1: null, sha256: null }, clock.now());
    queue.enqueue(asked, 'rescan', 16, clock.now());
    importing(
      wazuhAnswer({
        alertId: '2.2',
        scanDateMs: clock.now() - DAY,
        source: { ...wazuhAnswer().source, md5: 'b'.repeat(32), sha1: null },
      }),
    );
    expect(queue.get(asked)).toMatchObject({ reason: 'rescan' });
  });

  it('imports nothing from an error answer or one that names no file', () => {
    const { importing } = setup();
    expect(importing(wazuhAnswer({ error: { code: 401, description: 'Check credentials' }, found: null }))).toBeNull();
    expect(
      importing(wazuhAnswer({ source: { alertId: null, file: null, md5: null, sha1: null, agent: null } })),
    ).toBeNull();
  });
});
