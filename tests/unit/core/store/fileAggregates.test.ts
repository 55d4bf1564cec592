// The Files view reads per-file aggregates kept by triggers on alert_rows (migration 10) instead of grouping the
// whole `alerts` view on every page. On a varied data set (agents, one of them under two addresses, paths, files
// added, modified and deleted, Wazuh's own rows, a merge of two rows of one file, names, triage, answers and failed
// lookups), through ingest, a merge and retention: the aggregates stay what a fresh GROUP BY over the alerts gives,
// and every answer of the Files view (rows, order, totals, filters, sorts, places, paths, export rows) is the one the
// GROUP BY queries gave (tests/helpers/fileListByGroupBy.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../../../shared/domain';
import type { EngineCore } from '../../../../electron/core/engineCore';
import { AlertRetentionStore } from '../../../../electron/core/store/alertRetentionStore';
import { AlertsStore } from '../../../../electron/core/store/alertsStore';
import { FilesStore } from '../../../../electron/core/store/filesStore';
import { LookupsStore } from '../../../../electron/core/store/lookupsStore';
import { SourcesStore } from '../../../../electron/core/store/sourcesStore';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { generateAlerts, WazuhAlertGenerator } from '../../../generators/wazuhAlerts';
import { openCore } from '../../../helpers/engine';
import { aggregatesByGroupBy, expectSameFilesAnswers, keptAggregates } from '../../../helpers/fileListByGroupBy';
import { makeTempDir } from '../../../helpers/tempDir';

const NOW = Date.UTC(2025, 5, 1, 12);
const DAY = 86_400_000;

let cleanup: () => void = () => {};
let core: EngineCore | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
  cleanup();
});

function engine(): EngineCore {
  const t = makeTempDir('fimv-file-aggregates-');
  cleanup = t.cleanup;
  return (core = openCore(t.dir, () => NOW));
}

function store(c: EngineCore, lines: string[]): void {
  const sources = new SourcesStore(c.db);
  const sourceId = sources.list()[0]?.id ?? sources.add('/var/ossec/logs/alerts/alerts.json', 'file', false, NOW).id;
  const records: ParsedRecord[] = lines.map((l) => parseJsonAlert(l));
  c.alerts.store(sourceId, {
    records: { kind: 'parsed', records: records.map((record, offset) => ({ record, offset })) },
    origin: 'test',
    reason: 'live',
    bytes: 0,
    commit: (delta) => sources.count(sourceId, delta),
  });
}

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');

/** Alerts over a year (distinct times), of shared and own files, on agents with shared and own paths. */
function dataSet(c: EngineCore): void {
  const gen = new WazuhAlertGenerator({ seed: 21 });
  // the generator's mix: FIM (added, modified, deleted), Wazuh's VirusTotal alerts, registry and other alerts
  const stream = generateAlerts(21, { count: 900, format: 'json', distinctFiles: 120 }).map((a) => a.text);
  store(c, stream);
  const agents = [
    { id: '001', name: 'web-01', ip: '10.0.1.11', os: 'linux' as const },
    // the same agent under another address: another dictionary row, the same agent to the Files view
    { id: '001', name: 'web-01', ip: '10.0.1.99', os: 'linux' as const },
    { id: '002', name: 'db-01', ip: '10.0.1.12', os: 'linux' as const },
    { id: '007', name: 'build-7', ip: null, os: 'linux' as const },
  ];
  const paths = ['/srv/app/bin/run', '/srv/app/lib/a.so', '/usr/local/bin/tool', '/tmp/x/payload.elf', '/opt/Z/zz'];
  const lines: string[] = [];
  // file k % 37 in a few places at a time, that move (agent and path) as time goes: retention takes whole places,
  // and the first rows of others
  const fim = (k: number, alertId: string) => {
    const file = k % 37;
    return gen.fimAlert({
      event: (['modified', 'added', 'deleted', 'modified'] as const)[k % 4],
      path: paths[(file + Math.floor(k / 200)) % paths.length] + (file % 3 === 0 ? '' : `.${file % 5}`),
      hashes: { md5: hex(file + 1, 32), sha1: hex(file + 1, 40), sha256: hex(file + 1, 64) },
      agent: agents[(file + Math.floor(k / 150) + (k % 5 === 0 ? 1 : 0)) % agents.length],
      epochMs: NOW - 360 * DAY + k * 13 * 3_600_000 + 7,
      alertId,
    });
  };
  const base = Math.floor((NOW - 360 * DAY) / 1000);
  for (let k = 0; k < 600; k++) lines.push(fim(k, `${base + k}.${1000 + k}`));
  // two alerts of one place at the same time: the newest is the one stored last
  for (const k of [301, 593]) lines.push(fim(k, `${base + k}.${5000 + k}`));
  // one file seen first by its md5 alone, then by its sha256 alone, then by both: its two rows are merged
  const md5 = hex(9001, 32);
  const sha256 = hex(9001, 64);
  const merged = [
    { md5, sha1: null, sha256: null },
    { md5: null, sha1: null, sha256 },
    { md5, sha1: null, sha256 },
  ];
  merged.forEach((hashes, i) =>
    lines.push(
      gen.fimAlert({
        event: 'modified',
        path: `/srv/merged/${i}`,
        hashes,
        agent: agents[i],
        epochMs: NOW - 5 * DAY + i * 1000 + 3,
        alertId: `${Math.floor((NOW - 5 * DAY) / 1000)}.${90_000 + i}`,
      }),
    ),
  );
  // Wazuh's answers about FIM alerts not stored (yet): rows of their own, the first replaced by its FIM alert later
  const answered = (i: number) => `${Math.floor((NOW - 3 * DAY) / 1000)}.${95_000 + i}`;
  for (let i = 0; i < 4; i++)
    lines.push(
      gen.wazuhVtAlert({
        outcome: i % 2 ? 'detected' : 'clean',
        file: `/srv/wazuh/answered-${i}`,
        md5: hex(i + 1, 32),
        sha1: hex(i + 1, 40),
        sha256: hex(i + 1, 64),
        sourceAlertId: answered(i),
        sourceAgent: agents[i],
        epochMs: NOW - 3 * DAY + i * 1000 + 11,
        alertId: `${Math.floor((NOW - 3 * DAY) / 1000)}.${96_000 + i}`,
      }),
    );
  store(c, lines);
  store(c, [
    gen.fimAlert({
      event: 'modified',
      path: '/srv/wazuh/answered-0',
      hashes: { md5: hex(1, 32), sha1: hex(1, 40), sha256: hex(1, 64) },
      agent: agents[0],
      epochMs: NOW - 3 * DAY - 5000 + 13,
      alertId: answered(0),
    }),
  ]);

  // names (VirusTotal's), triage and answers on some files; a failed lookup is no answer
  const files = c.db.prepare('SELECT id FROM files ORDER BY id').pluck().all() as number[];
  expect(files.length).toBeGreaterThan(100);
  files.forEach((id, i) => {
    if (i % 5 === 0) c.db.prepare('UPDATE files SET names = ? WHERE id = ?').run(`Name-${(i * 37) % 11}.exe`, id);
    if (i % 7 === 0) {
      c.db
        .prepare('INSERT OR REPLACE INTO triage (file_id, state, note, actor, at) VALUES (?, ?, ?, ?, ?)')
        .run(id, ['acknowledged', 'escalated', 'false-positive', 'resolved'][i % 4], 'n', 'ana', NOW - i);
    }
    const states = ['clean', 'malicious', 'suspicious', 'unknown', 'pending'];
    c.db
      .prepare('UPDATE files SET state = ?, positives = ?, origin = ? WHERE id = ?')
      .run(states[i % 5], i % 5 === 1 ? 3 + (i % 4) : 0, i % 3 ? 'virustotal' : 'circl', id);
    if (i % 4 !== 3) {
      const insert = c.db.prepare(
        "INSERT INTO lookups (file_id, at, origin, state, error) VALUES (?, ?, 'virustotal', ?, ?)",
      );
      insert.run(id, NOW - 300 * DAY + i * 3_600_000, 'error', 'quota');
      if (i % 4 !== 2) insert.run(id, NOW - 200 * DAY + i * 7_200_000, 'clean', null);
    }
  });
}

/** Every answer of the Files view on the data set, by the maintained aggregates and by the GROUP BY queries. */
/** The History summary's agents with the most malicious files, from the files' places: as the alerts count them. */
function expectSameTopAgents(c: EngineCore): void {
  const byAlerts = c.db
    .prepare(
      `SELECT ag.agent_id AS agentId, ag.agent_name AS agentName, COUNT(DISTINCT a.file_id) AS maliciousFiles
      FROM files f JOIN alert_rows a ON a.file_id = f.id JOIN alert_agents ag ON ag.id = a.agent_ref
      WHERE f.state = 'malicious' GROUP BY ag.agent_id, ag.agent_name`,
    )
    .all() as { agentId: string | null; agentName: string | null; maliciousFiles: number }[];
  const key = (r: { agentId: string | null; agentName: string | null }) => `${r.agentId}\u0000${r.agentName}`;
  const expected = new Map(byAlerts.map((r) => [key(r), r.maliciousFiles]));
  const top = new LookupsStore(c.db).summary(0).topAgents;
  expect(top.length).toBe(Math.min(10, expected.size));
  for (const r of top) expect(r.maliciousFiles, key(r)).toBe(expected.get(key(r)));
  expect(top.map((r) => r.maliciousFiles)).toEqual([...expected.values()].sort((a, b) => b - a).slice(0, top.length));
}

function expectSameAnswers(c: EngineCore): void {
  const fileIds = c.db.prepare('SELECT id FROM files ORDER BY id').pluck().all() as number[];
  // every sort both ways unfiltered and with a filter of each kind; the other filters with a few
  const compared = expectSameFilesAnswers(c.db, [
    [{}, 'every'],
    [{ triage: 'new' }, 'every'],
    [{ triage: 'escalated' }, 'some'],
    [{ state: 'detected' }, 'some'],
    [{ state: 'clean' }, 'some'],
    [{ agent: 'db-01' }, 'some'],
    [{ agent: '001' }, 'every'],
    [{ agent: 'build-7', state: 'malicious' }, 'some'],
    [{ agent: 'nobody' }, 'some'],
    [{ q: 'name-3' }, 'some'],
    [{ q: 'srv/app' }, 'every'],
    [{ q: '00000000000000000000000000000000000000000000000000000000000012' }, 'some'],
    // the start of SHA-1s only (too long for an MD5, too few zeros for a SHA-256 of this data set)
    [{ q: `${'0'.repeat(38)}1` }, 'some'],
    [{ q: 'ABCDEF0' }, 'some'],
    [{ q: '%' }, 'some'],
    [{ q: 'payload', triage: 'new' }, 'some'],
    [{ fileIds: fileIds.filter((_, i) => i % 9 === 0) }, 'some'],
  ]);
  expect(compared).toBeGreaterThan(5000);
  expectSameFileFacts(c);
  expectSameDayFigures(c);
  expectSameTopAgents(c);
}

/**
 * The stats' figures of a day (the files its alerts carried, by verdict; the files VirusTotal answered) from the
 * order rows and the history's index, against the questions over the alerts and the answers they were.
 */
function expectSameDayFigures(c: EngineCore): void {
  const alerts = new AlertsStore(c.db);
  const lookups = new LookupsStore(c.db);
  const states = c.db.prepare(
    'SELECT f.state, COUNT(*) AS n FROM files f WHERE f.id IN (SELECT file_id FROM alert_rows WHERE ts >= ?) GROUP BY f.state',
  );
  const lookedUp = c.db
    .prepare("SELECT COUNT(DISTINCT file_id) FROM lookups WHERE origin = 'virustotal' AND at >= ?")
    .pluck();
  let seen = 0;
  for (const days of [400, 300, 200, 120, 30, 3, 1, 0]) {
    const since = NOW - days * DAY;
    const expected = Object.fromEntries(
      (states.all(since) as { state: string; n: number }[]).map((r) => [r.state, r.n]),
    );
    expect({ days, states: alerts.fileStatesSince(since) }).toEqual({ days, states: expected });
    expect({ days, lookedUp: lookups.filesLookedUpSince(since) }).toEqual({ days, lookedUp: lookedUp.get(since) });
    seen += Object.keys(expected).length;
  }
  expect(seen).toBeGreaterThan(5);
}

/**
 * What the look-ups read of each file (its risk's fleet facts at ingest, its paths for the allowlist, its newest
 * size) from the aggregates, against the same questions over its alerts.
 */
function expectSameFileFacts(c: EngineCore): void {
  const files = new FilesStore(c.db);
  const ids = c.db.prepare('SELECT id FROM files ORDER BY id').pluck().all() as number[];
  const fleet = c.db.prepare(`SELECT COUNT(*) AS alerts,
      COUNT(DISTINCT coalesce(agent_id, '') || char(0) || coalesce(agent_name, '')) AS agents
    FROM alerts WHERE file_id = ?`);
  const paths = c.db.prepare('SELECT path FROM alerts WHERE file_id = ? GROUP BY path ORDER BY MAX(ts) DESC LIMIT ?');
  const size = c.db.prepare('SELECT size FROM alerts WHERE file_id = ? ORDER BY ts DESC, id DESC LIMIT 1').pluck();
  let withSize = 0;
  for (const id of ids) {
    expect(files.fleetOf(id), `fleet of file ${id}`).toEqual(fleet.get(id));
    expect(files.pathsOf(id, 3), `paths of file ${id}`).toEqual(paths.pluck().all(id, 3));
    const latest = (size.get(id) as number | null | undefined) ?? null;
    expect(files.latestSizeOf(id), `size of file ${id}`).toBe(latest);
    if (latest !== null) withSize++;
  }
  expect(withSize).toBeGreaterThan(10);
}

describe('the per-file alert aggregates (migration 10) and order rows (migration 13)', () => {
  it('are what a GROUP BY over the alerts gives, through ingest, a merge and retention, and answer as it did', () => {
    const c = engine();
    dataSet(c);
    // what the data set holds: several agents (one under two addresses), events, files with several places,
    // Wazuh's own rows, a merged file, failed lookups
    const count = (sql: string) => c.db.prepare(sql).pluck().get() as number;
    expect(count('SELECT COUNT(DISTINCT agent_id) FROM alert_agents')).toBeGreaterThan(5);
    expect(
      count("SELECT COUNT(*) FROM alert_agents WHERE agent_id = '001' AND agent_name = 'web-01'"),
    ).toBeGreaterThanOrEqual(2);
    // modified, added and deleted events (a deletion without hashes has no file) and Wazuh's own rows, one replaced
    expect(count('SELECT COUNT(DISTINCT event) FROM alert_rows')).toBe(4);
    expect(count('SELECT COUNT(*) FROM alert_rows WHERE event = 3 AND file_id IS NOT NULL')).toBe(3);
    expect(count(`SELECT COUNT(*) FROM alerts WHERE path = '/srv/wazuh/answered-0' AND event = 'modified'`)).toBe(1);
    expect(count('SELECT COUNT(*) FROM alert_rows WHERE file_id IS NULL')).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) FROM file_alerts WHERE agents > 1')).toBeGreaterThan(10);
    expect(count("SELECT COUNT(*) FROM files WHERE md5 = '" + hex(9001, 32) + "'")).toBe(1);
    expect(count("SELECT COUNT(*) FROM alerts WHERE path LIKE '/srv/merged/%' AND file_id IS NOT NULL")).toBe(3);
    expect(
      count(
        'SELECT COUNT(*) FROM (SELECT 1 FROM alerts WHERE file_id IS NOT NULL GROUP BY file_id, path, agent_id HAVING COUNT(*) > 1)',
      ),
    ).toBeGreaterThan(10);
    expect(keptAggregates(c.db)).toEqual(aggregatesByGroupBy(c.db));
    expectSameAnswers(c);

    // retention, a few rows at a time (the places' first rows go, some places and files lose every row)
    const retention = new AlertRetentionStore(c.db);
    const total = count('SELECT COUNT(*) FROM alert_rows');
    c.db.transaction(() => retention.removeOldest(137, null))();
    c.db.transaction(() => retention.removeOldest(400, NOW - 200 * DAY))();
    expect(count('SELECT COUNT(*) FROM alert_rows')).toBe(total - 537);
    expect(keptAggregates(c.db)).toEqual(aggregatesByGroupBy(c.db));
    expectSameAnswers(c);
    // then the places of older times go whole (a file's greatest path among them)
    const maxPaths = () => c.db.prepare('SELECT file_id, max_path_id FROM file_alerts').all();
    const before = maxPaths();
    c.db.transaction(() => retention.removeOldest(10_000, NOW - 100 * DAY))();
    expect(maxPaths().filter((r) => before.some((b) => JSON.stringify(b) === JSON.stringify(r))).length).toBeLessThan(
      before.length - 5,
    );
    expect(keptAggregates(c.db)).toEqual(aggregatesByGroupBy(c.db));
    expectSameAnswers(c);

    // any row going (not only the oldest): the newest of a place, a file's last
    c.db.prepare('DELETE FROM alert_rows WHERE id % 11 = 0').run();
    expect(keptAggregates(c.db)).toEqual(aggregatesByGroupBy(c.db));
    expectSameAnswers(c);
  });

  it("keep each file's order row (migration 13) through verdicts, triage, answers, merges and files going", () => {
    const c = engine();
    dataSet(c);
    const ids = c.db.prepare('SELECT id FROM files ORDER BY id').pluck().all() as number[];
    const count = (sql: string) => c.db.prepare(sql).pluck().get() as number;
    // what the order row holds varies: every verdict rank, triage states, files without an answer, times to verdict
    expect(count('SELECT COUNT(DISTINCT state) FROM file_order')).toBe(5);
    expect(count("SELECT COUNT(DISTINCT triage) FROM file_order WHERE triage <> 'new'")).toBe(4);
    expect(count('SELECT COUNT(*) FROM file_order WHERE ttv IS NULL')).toBeGreaterThan(10);
    expect(count('SELECT COUNT(*) FROM file_order WHERE ttv > 0')).toBeGreaterThan(10);
    expect(count('SELECT COUNT(*) FROM file_order WHERE ttv = 0')).toBeGreaterThan(0);
    expect(keptAggregates(c.db)).toEqual(aggregatesByGroupBy(c.db));
    // verdicts change; triage changes (an update, an upsert, a row gone, one moved to another file)
    c.db.prepare("UPDATE files SET state = 'malicious' WHERE id % 4 = 0").run();
    c.db.prepare("UPDATE triage SET state = 'escalated' WHERE file_id % 2 = 0").run();
    c.db
      .prepare(
        `INSERT INTO triage (file_id, state, actor, at) VALUES (?, 'acknowledged', 'ana', 1)
         ON CONFLICT (file_id) DO UPDATE SET state = excluded.state`,
      )
      .run(ids[0]);
    c.db.prepare('DELETE FROM triage WHERE file_id % 3 = 0').run();
    const triaged = c.db.prepare('SELECT file_id FROM triage ORDER BY file_id LIMIT 1').pluck().get() as number;
    const untriaged = ids.find((id) => !c.db.prepare('SELECT 1 FROM triage WHERE file_id = ?').get(id))!;
    c.db.prepare('UPDATE triage SET file_id = ? WHERE file_id = ?').run(untriaged, triaged);
    // answers: new ones (before and after the file's first alert), failed ones, one that fails later, some gone
    const answer = c.db.prepare("INSERT INTO lookups (file_id, at, origin, state, error) VALUES (?, ?, 'circl', ?, ?)");
    ids.forEach((id, i) => {
      if (i % 6 === 0) answer.run(id, NOW - 350 * DAY + i, 'clean', null);
      if (i % 6 === 1) answer.run(id, NOW - 10 * DAY + i, 'error', 'timeout');
      if (i % 6 === 2) answer.run(id, NOW - 400 * DAY, 'clean', null);
    });
    c.db
      .prepare(
        "UPDATE lookups SET error = 'quota' WHERE id IN (SELECT MIN(id) FROM lookups GROUP BY file_id) AND file_id % 5 = 0",
      )
      .run();
    c.db.prepare('UPDATE lookups SET at = at - 86400000 WHERE file_id % 7 = 1').run();
    c.db.prepare('DELETE FROM lookups WHERE file_id % 8 = 3').run();
    expect(keptAggregates(c.db)).toEqual(aggregatesByGroupBy(c.db));
    // two files merged (an answer names one by the other's hash: its rows, answers and triage move, it goes); a new
    // file without alerts
    const files = new FilesStore(c.db);
    const merged = c.db
      .prepare('SELECT id, sha256 FROM files WHERE id IN (?, ?) ORDER BY id')
      .all(ids[12], ids[14]) as {
      id: number;
      sha256: string;
    }[];
    expect(files.absorb(merged[0].id, { sha256: merged[1].sha256, sha1: null, md5: null })).toBe(merged[0].id);
    expect(files.get(merged[1].id)).toBeUndefined();
    files.ensure({ sha256: hex(77_777, 64), sha1: null, md5: null }, NOW);
    expect(count('SELECT COUNT(*) FROM file_order')).toBe(count('SELECT COUNT(*) FROM files'));
    expect(keptAggregates(c.db)).toEqual(aggregatesByGroupBy(c.db));
    expectSameAnswers(c);
    // retention takes alerts (first and last times move, files lose every alert)
    c.db.transaction(() => new AlertRetentionStore(c.db).removeOldest(10_000, NOW - 150 * DAY))();
    expect(count('SELECT COUNT(*) FROM file_order WHERE last_ts IS NULL')).toBeGreaterThan(1);
    expect(keptAggregates(c.db)).toEqual(aggregatesByGroupBy(c.db));
    expectSameAnswers(c);
  });

  it('follow rows that move to another file or place, or change time', () => {
    const c = engine();
    dataSet(c);
    const ids = c.db.prepare('SELECT id FROM files ORDER BY id').pluck().all() as number[];
    // a merge moves every row of a file
    c.db.prepare('UPDATE alert_rows SET file_id = ? WHERE file_id = ?').run(ids[0], ids[1]);
    // a row replaced (as a FIM alert takes the place of Wazuh's row): another agent, path, time and file
    const row = c.db.prepare('SELECT id FROM alert_rows WHERE file_id = ? LIMIT 1').pluck().get(ids[2]) as number;
    c.db
      .prepare('UPDATE alert_rows SET file_id = ?, agent_ref = 1, path_id = 1, ts = ? WHERE id = ?')
      .run(ids[3], NOW + 1, row);
    // a row that loses its file, and one that gains one
    c.db
      .prepare('UPDATE alert_rows SET file_id = NULL WHERE id = (SELECT MAX(id) FROM alert_rows WHERE file_id = ?)')
      .run(ids[4]);
    c.db
      .prepare('UPDATE alert_rows SET file_id = ? WHERE id = (SELECT MIN(id) FROM alert_rows WHERE file_id IS NULL)')
      .run(ids[5]);
    // times moved back and forth
    c.db.prepare('UPDATE alert_rows SET ts = ts + 86400000 * ((id % 5) - 2) WHERE id % 3 = 0').run();
    expect(keptAggregates(c.db)).toEqual(aggregatesByGroupBy(c.db));
    expectSameAnswers(c);
  });
});
