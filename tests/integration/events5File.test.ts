// The Wazuh 5 engine's file output as a source of the real headless process (`--alerts` on
// /var/wazuh-manager/logs/standard-wazuh-events-v5/, or the .json in it): the format told by content, the stable
// hard link followed across the daily rotation, the dated .json(.gz) files backfilled, non-FIM events counted and
// not stored; every FIM event of the generated corpus stored exactly once.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertItem, BackfillJob, SourceStatus, Stats } from '../../shared/contract';
import { startHeadless, waitUntil, type HeadlessProcess } from '../helpers/headlessProcess';
import { makeTempDir } from '../helpers/tempDir';
import { summarize } from '../generators/indexerCorpus';
import { ENGINE_OUTPUT_LIVE, datedFile, eventsNdjson, writeEngineOutput } from '../generators/wazuhEngineOutput5';
import { generateEvents5Corpus, type Events5Corpus } from '../generators/wazuhEvents5';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const DAY = 86_400_000;
const D1 = Date.UTC(2026, 10, 27, 9);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function corpus(seed: number, startEpochMs: number, count = 300): Events5Corpus {
  return generateEvents5Corpus({ seed, count, startEpochMs });
}

function setup() {
  const t = makeTempDir('fimv-events5-');
  cleanups.push(t.cleanup);
  const folder = path.join(t.dir, 'logs', 'standard-wazuh-events-v5');
  fs.mkdirSync(folder, { recursive: true });
  return { root: t.dir, folder, data: path.join(t.dir, 'data') };
}

async function headless(args: string[]): Promise<HeadlessProcess> {
  const h = await startHeadless(args);
  cleanups.push(() => h.stop());
  return h;
}

const fimIds = (c: Events5Corpus) => c.entries.filter((e) => e.kind === 'fim').map((e) => e.docId);

async function allAlertIds(h: HeadlessProcess): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await h.api<{ items: AlertItem[] }>(`/api/alerts?limit=1000&offset=${offset}`);
    ids.push(...page.items.map((a) => a.alertId));
    if (page.items.length < 1000) return ids.sort();
  }
}

const statsOf = (h: HeadlessProcess) => h.api<Stats>('/api/stats');

describe('the Wazuh 5 event output as a file source', () => {
  it('follows the folder through its hard link, backfills the dated files, and follows the day change', async () => {
    const { folder, data } = setup();
    const c1 = corpus(51, D1);
    const c2 = corpus(52, D1 + DAY);
    const files = writeEngineOutput(folder, [...c1.docs, ...c2.docs], { todayMs: D1 + DAY });
    expect(files.dated.map((f) => f.gzipped)).toEqual([true, false]);

    const h = await headless(['--data-dir', data, '--alerts', folder]);
    const s2 = summarize(c2.entries);
    const following = await waitUntil(
      () => statsOf(h),
      (s) => s.fimEvents === s2.fim && s.sources[0]?.state === 'following',
      30_000,
      "today's events",
    );
    const source = following.sources[0];
    expect(source).toMatchObject({ format: 'event5', kind: 'folder', type: 'file' });
    expect(source.followedPath).toBe(path.join(folder, ENGINE_OUTPUT_LIVE));
    // non-FIM events (sshd) are counted, not stored
    expect(following.otherAlerts).toBe(s2.other);
    expect(following.parseErrors).toBe(0);
    expect(await allAlertIds(h)).toEqual(fimIds(c2).sort());

    // backfill the day before, from its .json.gz; then the whole range again: nothing twice
    const job = await h.api<BackfillJob>(`/api/sources/${source.id}/backfill`, {
      method: 'POST',
      body: { from: dayOf(D1), to: dayOf(D1) },
    });
    expect(job.filesTotal).toBe(1);
    const s1 = summarize(c1.entries);
    await waitUntil(
      () => h.api<BackfillJob[]>('/api/backfills'),
      (jobs) => jobs.find((j) => j.id === job.id)?.state === 'done',
      30_000,
      'the backfill',
    );
    expect((await statsOf(h)).fimEvents).toBe(s1.fim + s2.fim);
    const again = await h.api<BackfillJob>(`/api/sources/${source.id}/backfill`, {
      method: 'POST',
      body: { from: dayOf(D1), to: dayOf(D1 + DAY) },
    });
    const done = await waitUntil(
      () => h.api<BackfillJob[]>('/api/backfills'),
      (jobs) => jobs.find((j) => j.id === again.id)?.state === 'done',
      30_000,
      'the second backfill',
    );
    expect(done.find((j) => j.id === again.id)).toMatchObject({ filesAlreadyRead: 2, fimEvents: 0 });

    // the day change: the day's last events, then the link re-created on a new file, yesterday compressed
    const c3 = corpus(53, D1 + 2 * DAY);
    const lastOfDay2 = corpus(54, D1 + DAY + 12 * 3_600_000, 40);
    const day2 = path.join(folder, datedFile(D1 + DAY));
    const day3 = path.join(folder, datedFile(D1 + 2 * DAY));
    const live = path.join(folder, ENGINE_OUTPUT_LIVE);
    fs.appendFileSync(day2, eventsNdjson(lastOfDay2.docs));
    fs.mkdirSync(path.dirname(day3), { recursive: true });
    fs.writeFileSync(day3, eventsNdjson(c3.docs.slice(0, 100)));
    fs.rmSync(live);
    fs.linkSync(day3, live);
    fs.writeFileSync(`${day2}.gz`, gzipSync(fs.readFileSync(day2)));
    fs.rmSync(day2);
    fs.appendFileSync(day3, eventsNdjson(c3.docs.slice(100)));
    const all = [c1, c2, lastOfDay2, c3];
    const fim = all.reduce((n, c) => n + summarize(c.entries).fim, 0);
    await waitUntil(
      () => statsOf(h),
      (s) => s.fimEvents === fim,
      30_000,
      'the events after the day change',
    );
    expect(await allAlertIds(h)).toEqual(all.flatMap(fimIds).sort());
    const after = await statsOf(h);
    expect(after.otherAlerts).toBe(all.reduce((n, c) => n + summarize(c.entries).other, 0));
    expect(after.sources[0].offset).toBe(fs.statSync(live).size);
  });

  it('the .json itself as the source; a restart after days missed reads the rest of each, in order, once', async () => {
    const { folder, data } = setup();
    const c2 = corpus(62, D1 + DAY);
    writeEngineOutput(folder, c2.docs, { todayMs: D1 + DAY });
    const live = path.join(folder, ENGINE_OUTPUT_LIVE);
    let h = await headless(['--data-dir', data, '--alerts', live]);
    const s2 = summarize(c2.entries);
    const first = await waitUntil(
      () => statsOf(h),
      (s) => s.fimEvents === s2.fim,
      30_000,
      'the first day',
    );
    expect(first.sources[0]).toMatchObject<Partial<SourceStatus>>({ format: 'event5', kind: 'file', path: live });
    await h.stop();

    // while stopped: the rest of day 2, day 3 rotated away (compressed), day 4 is today
    const rest2 = corpus(63, D1 + DAY + 10 * 3_600_000, 50);
    const c3 = corpus(64, D1 + 2 * DAY, 120);
    const c4 = corpus(65, D1 + 3 * DAY, 120);
    const day2 = path.join(folder, datedFile(D1 + DAY));
    fs.appendFileSync(day2, eventsNdjson(rest2.docs));
    writeEngineOutput(folder, [...c3.docs, ...c4.docs], { todayMs: D1 + 3 * DAY });
    fs.writeFileSync(`${day2}.gz`, gzipSync(fs.readFileSync(day2)));
    fs.rmSync(day2);

    h = await headless(['--data-dir', data]);
    const all = [c2, rest2, c3, c4];
    const fim = all.reduce((n, c) => n + summarize(c.entries).fim, 0);
    await waitUntil(
      () => statsOf(h),
      (s) => s.fimEvents === fim,
      30_000,
      'the days missed',
    );
    expect(await allAlertIds(h)).toEqual(all.flatMap(fimIds).sort());
    expect((await statsOf(h)).parseErrors).toBe(0);
  });
});
