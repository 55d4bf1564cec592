// Rotation on real files: rename + create, Wazuh's hard-link re-creation, copytruncate, rewrite in place, delete +
// re-create, reused inodes (identity fingerprints), and restarts after a rotation that happened while stopped.
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, open, readFile, rename, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { datedFolder, locateRotatedInFolder, missedDatedFiles } from '../../electron/core/sources/file/datedFiles';
import { readIdentity, sameFile } from '../../electron/core/sources/file/fileIdentity';
import type { Tailer, TailerOptions } from '../../electron/core/sources/file/tailer';
import { append, line, Sink, tailerScope } from './tailerHarness';

const scope = tailerScope();
const follow = scope.follow;
const lines = (...ns: number[]): string => ns.map((n) => `${line(n, 50)}\n`).join('');
const expected = (...ns: number[]): string[] => ns.map((n) => line(n, 50));

describe('Tailer: rotation while following', () => {
  it('rename + create: drains the old file (also what was written after the rename) before the new one', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, lines(1, 2) + line(3, 50).slice(0, 10));
    const sink = new Sink();
    follow(sink, { path: file, format: 'json' });
    await sink.count(2);
    await rename(file, `${file}.1`);
    await append(`${file}.1`, line(3, 50).slice(10) + '\n' + lines(4)); // the writer still has the old file
    await writeFile(file, lines(5));
    await sink.count(5);
    expect(sink.records).toEqual(expected(1, 2, 3, 4, 5));
    expect(sink.files[4]).toBe(file);
    const newIno = (await stat(file)).ino;
    expect(sink.cursor).toMatchObject({ offset: (await stat(file)).size, path: file });
    expect(sink.cursor?.identity?.ino).toBe(newIno);
    // the switch to the new file was stored before its records: a crash in between restarts it from 0
    const switchAt = sink.batches.findIndex((b) => b.cursor.identity?.ino === newIno);
    expect(sink.batches[switchAt]).toMatchObject({ records: [], cursor: { offset: 0 } });
  });

  it("Wazuh's day change: alerts.json is a hard link to the dated file and gets a new inode", async () => {
    const root = path.join(scope.dir, 'logs', 'alerts');
    const nov = path.join(root, '2026', 'Nov');
    await mkdir(nov, { recursive: true });
    const live = path.join(root, 'alerts.json');
    const day27 = path.join(nov, 'ossec-alerts-27.json');
    const day28 = path.join(nov, 'ossec-alerts-28.json');
    await writeFile(day27, lines(1, 2));
    await link(day27, live);
    const sink = new Sink();
    follow(sink, { path: live, format: 'json' });
    await sink.count(2);
    await append(day27, lines(3)); // analysisd writes through the dated name
    await sink.count(3);
    await append(day27, lines(4)); // the day's last alert, then the day change:
    await unlink(live);
    await writeFile(day28, lines(5));
    await link(day28, live);
    await writeFile(`${day27}.gz`, gzipSync(await readFile(day27))); // yesterday compressed, the original deleted
    await unlink(day27);
    await append(day28, lines(6));
    await sink.count(6);
    expect(sink.records).toEqual(expected(1, 2, 3, 4, 5, 6));
    expect(sink.cursor?.identity?.ino).toBe((await stat(live)).ino);
    expect(sink.cursor?.offset).toBe((await stat(live)).size);
  });

  it('copytruncate: a file shorter than the cursor is read again from 0; so is one rewritten in place', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, lines(1, 2, 3));
    const sink = new Sink();
    follow(sink, { path: file, format: 'json' });
    await sink.count(3);
    await copyFile(file, `${file}.1`);
    await truncate(file, 0);
    await append(file, lines(4));
    await sink.count(4);
    const said = (re: RegExp) => sink.states.some((s) => re.test(s.message));
    expect(said(/alerts\.json was truncated: reading it from the start/)).toBe(true);
    await writeFile(file, lines(5, 6, 7, 8)); // same inode, longer than what was read, other first bytes
    await sink.count(8);
    expect(said(/was (truncated|rewritten in place): reading it from the start/)).toBe(true);
    expect(sink.records).toEqual(expected(1, 2, 3, 4, 5, 6, 7, 8));
    expect(sink.cursor?.offset).toBe((await stat(file)).size);
  });

  it('delete + re-create: drains what the writer still adds to the deleted file, then reads the new one', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, lines(1, 2));
    const writer = await open(file, 'a');
    const sink = new Sink();
    follow(sink, { path: file, format: 'json' });
    await sink.count(2);
    await unlink(file);
    await sink.until(() => sink.hasState('waiting', `waiting for ${file}`), 'waiting');
    await writer.write(lines(3));
    await writer.close();
    await sink.count(3);
    await writeFile(file, lines(4));
    await sink.count(4);
    expect(sink.records).toEqual(expected(1, 2, 3, 4));
  });
});

describe('File identity', () => {
  it('tells a reused inode (same dev+ino, other first bytes) from the stored file, and grows short fingerprints', async () => {
    const file = path.join(scope.dir, 'a.json');
    await writeFile(file, 'abc\n');
    const stored = await readIdentity(file);
    expect(stored).toMatchObject({ fpLen: 4, fpHash: createHash('sha1').update('abc\n').digest('hex') });
    await append(file, 'def\n');
    const grown = await sameFile(stored, file);
    expect(grown).toMatchObject({ same: true, upgraded: true, identity: { fpLen: 8, ino: stored.ino } });
    await writeFile(file, 'xyz\nother content\n'); // the same inode, another file's content
    expect(await sameFile(stored, file)).toMatchObject({ same: false, reason: 'other-content' });
    const other = path.join(scope.dir, 'b.json');
    await writeFile(other, 'abc\n');
    expect(await sameFile(stored, other)).toMatchObject({ same: false, reason: 'other-inode' });
  });

  it('a stored cursor on the same inode with another fingerprint: the file is read from 0, and it says so', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, lines(1, 2));
    const real = await readIdentity(file);
    const cursor = {
      identity: { ...real, fpHash: createHash('sha1').update('old').digest('hex') },
      offset: 30,
      path: file,
    };
    const sink = new Sink();
    follow(sink, { path: file, format: 'json', cursor });
    await sink.count(2);
    expect(sink.records).toEqual(expected(1, 2));
    expect(sink.hasState('starting', /stored cursor is gone and was not found: reading .* from the start/)).toBe(true);
  });
});

describe('Tailer: restart after a rotation that happened while stopped', () => {
  async function wazuhLayout() {
    const root = path.join(scope.dir, 'logs', 'alerts');
    const today = new Date();
    const yesterday = new Date(today);
    yesterday.setDate(today.getDate() - 1);
    const dd = (d: Date) => String(d.getDate()).padStart(2, '0');
    await mkdir(datedFolder(root, today), { recursive: true });
    await mkdir(datedFolder(root, yesterday), { recursive: true });
    return {
      root,
      live: path.join(root, 'alerts.json'),
      old: path.join(datedFolder(root, yesterday), `ossec-alerts-${dd(yesterday)}.json`),
      now: path.join(datedFolder(root, today), `ossec-alerts-${dd(today)}.json`),
    };
  }

  it.each([
    ['still a .json', false],
    ['already a .json.gz', true],
  ])('finds the old file (%s) with locateRotated, drains it from the cursor, then the new one', async (_, gz) => {
    const w = await wazuhLayout();
    await writeFile(w.old, lines(1, 2));
    await link(w.old, w.live);
    const first = new Sink();
    const a = follow(first, { path: w.live, format: 'json' });
    await first.count(2);
    await a.stop();
    await append(w.old, lines(3, 4)); // written while we were stopped
    await unlink(w.live);
    await writeFile(w.now, lines(5));
    await link(w.now, w.live);
    if (gz) {
      await writeFile(`${w.old}.gz`, gzipSync(await readFile(w.old)));
      await unlink(w.old);
    }
    expect(await locateRotatedInFolder(w.root, first.cursor!.identity!, Date.now())).toBe(gz ? `${w.old}.gz` : w.old);
    const second = new Sink();
    follow(second, {
      path: w.live,
      format: 'json',
      cursor: first.cursor,
      locateRotated: (id) => locateRotatedInFolder(w.root, id, Date.now()),
    });
    await second.count(3);
    expect(second.records).toEqual(expected(3, 4, 5));
    expect(second.files).toEqual([gz ? `${w.old}.gz` : w.old, gz ? `${w.old}.gz` : w.old, w.live]);
    expect(second.batches.filter((b) => b.records.length > 0).map((b) => b.fromRotatedFile)).toEqual([true, false]);
    expect(second.cursor?.identity?.ino).toBe((await stat(w.live)).ino);
  });

  it('without a locator, a renamed old file is found again through the stored cursor path', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, lines(1));
    const first = new Sink();
    const a = follow(first, { path: file, format: 'json' });
    await first.count(1);
    await rename(file, `${file}.1`);
    await first.until(() => first.hasState('waiting'), 'waiting');
    await append(`${file}.1`, lines(2));
    await first.count(2);
    expect(first.cursor?.path).toBe(`${file}.1`); // its name now (Linux: /proc/self/fd)
    await a.stop();
    await append(`${file}.1`, lines(3));
    await writeFile(file, lines(4));
    const second = new Sink();
    follow(second, { path: file, format: 'json', cursor: first.cursor });
    await second.count(2);
    expect(second.records).toEqual(expected(3, 4));
  });

  it('a file renamed while stopped (the cursor still names the followed path) is found next to it by its inode', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, lines(1, 2));
    const first = new Sink();
    const a = follow(first, { path: file, format: 'json' });
    await first.count(2);
    await a.stop();
    expect(first.cursor?.path).toBe(file);
    await append(file, lines(3)); // written, then renamed, while we were stopped
    await rename(file, path.join(scope.dir, 'alerts-old.json'));
    await writeFile(path.join(scope.dir, 'unrelated.json'), lines(9));
    await writeFile(file, lines(4));
    const second = new Sink();
    follow(second, { path: file, format: 'json', cursor: first.cursor });
    await second.count(2);
    expect(second.records).toEqual(expected(3, 4));
    expect(second.files).toEqual([path.join(scope.dir, 'alerts-old.json'), file]);
  });

  describe('stopped across several day changes', () => {
    /** logs/alerts with the dated folders of today and the two days before (local time, as Wazuh names them). */
    async function days() {
      const root = path.join(scope.dir, 'logs', 'alerts');
      const at = (back: number) => {
        const d = new Date();
        d.setDate(d.getDate() - back);
        return d;
      };
      const dated = (back: number, suffix = '') => {
        const d = at(back);
        return path.join(datedFolder(root, d), `ossec-alerts-${String(d.getDate()).padStart(2, '0')}${suffix}.json`);
      };
      for (const back of [0, 1, 2]) await mkdir(datedFolder(root, at(back)), { recursive: true });
      return { root, live: path.join(root, 'alerts.json'), dated };
    }
    /** What the source manager gives the tailer of a logs/alerts folder. */
    const rotationIn = (root: string): Pick<TailerOptions, 'locateRotated' | 'missedRotated'> => ({
      locateRotated: (id) => locateRotatedInFolder(root, id),
      missedRotated: (finished, live) => missedDatedFiles(root, finished, live),
    });
    /** Day -2 is alerts.json, followed up to its `n` lines; then the app stops (what the tests start from). */
    const followedThenStopped = async (w: Awaited<ReturnType<typeof days>>, n: number): Promise<Sink> => {
      await writeFile(w.dated(2), lines(...Array.from({ length: n }, (_, i) => i + 1)));
      await link(w.dated(2), w.live);
      const a = new Sink();
      const t = follow(a, { path: w.live, format: 'json' });
      await a.count(n);
      await t.stop();
      return a;
    };
    const gzipAway = async (file: string) => {
      await writeFile(`${file}.gz`, gzipSync(await readFile(file)));
      await unlink(file);
    };

    it.each([
      ['left as .json', false],
      ['compressed to .json.gz', true],
    ])('reads whole the days in between (%s), in order, then today', async (_, gz) => {
      const w = await days();
      const first = w.dated(2);
      await writeFile(first, lines(1, 2));
      await link(first, w.live);
      const a = new Sink();
      const t = follow(a, { path: w.live, format: 'json' });
      await a.count(2);
      await t.stop();
      // while stopped: the rest of day -2, all of day -1 in two parts (-001: max_output_size), and today
      await append(first, lines(3));
      await writeFile(w.dated(1), lines(4, 5));
      await writeFile(w.dated(1, '-001'), lines(6));
      await writeFile(w.dated(0), lines(7));
      await unlink(w.live);
      await link(w.dated(0), w.live);
      if (gz) for (const f of [first, w.dated(1), w.dated(1, '-001')]) await gzipAway(f);

      const b = new Sink();
      follow(b, {
        path: w.live,
        format: 'json',
        cursor: a.cursor,
        ...rotationIn(w.root),
      });
      await b.count(5);
      await append(w.live, lines(8));
      await b.count(6);
      expect(b.records).toEqual(expected(3, 4, 5, 6, 7, 8));
      const z = gz ? '.gz' : '';
      expect([...new Set(b.files)]).toEqual([first + z, w.dated(1) + z, w.dated(1, '-001') + z, w.live]);
      expect(b.hasState('catching-up', /reading the missed file/)).toBe(true);
    });

    it('a stop in the middle of a missed day resumes in that file, with nothing read twice', async () => {
      const w = await days();
      const a = await followedThenStopped(w, 1);
      const many = Array.from({ length: 400 }, (_, i) => 100 + i);
      await writeFile(w.dated(1), lines(...many));
      await writeFile(w.dated(0), lines(2));
      await unlink(w.live);
      await link(w.dated(0), w.live);
      await gzipAway(w.dated(1));
      const rotation = rotationIn(w.root);

      // small chunks: the missed day comes in several batches; the tailer is stopped after the first of them
      const b = new Sink();
      const tb = follow(b, { path: w.live, format: 'json', cursor: a.cursor, chunkBytes: 4096, ...rotation });
      await b.until(() => b.records.length > 0, 'a first batch of the missed day');
      await tb.stop();
      expect(b.records.length).toBeLessThan(many.length);
      expect(b.cursor?.path).toBe(`${w.dated(1)}.gz`);

      const c = new Sink();
      follow(c, { path: w.live, format: 'json', cursor: b.cursor, chunkBytes: 4096, ...rotation });
      await c.count(many.length - b.records.length + 1);
      expect([...b.records, ...c.records]).toEqual(expected(...many, 2));
    });

    it('an empty alerts.json (just after midnight) is told by its inode; a missing one is waited for first', async () => {
      const w = await days();
      const a = await followedThenStopped(w, 1);
      await writeFile(w.dated(1), lines(2, 3));
      await unlink(w.live); // the manager is re-linking: alerts.json is missing for now
      const b = new Sink();
      const rotation = rotationIn(w.root);
      const rotatedDuringBatches: boolean[] = [];
      const tb: Tailer = follow(b, {
        path: w.live,
        format: 'json',
        cursor: a.cursor,
        ...rotation,
        onBatch: (batch) => {
          rotatedDuringBatches.push(tb.readingRotatedFiles());
          b.onBatch(batch);
        },
      });
      await b.until(() => b.hasState('waiting'), 'waiting for alerts.json');
      await new Promise((r) => setTimeout(r, 100));
      expect(b.records).toEqual([]); // which days were missed is told against today's file: not yet
      await writeFile(w.dated(0), '');
      await link(w.dated(0), w.live); // today's file, empty
      await b.count(2);
      await append(w.live, lines(4));
      await b.count(3);
      await new Promise((r) => setTimeout(r, 100));
      expect(b.records).toEqual(expected(2, 3, 4)); // today's file not read as a missed day, then again as alerts.json
      expect(rotatedDuringBatches.filter((r, i) => b.batches[i].records.length > 0)).toEqual([true, false]);
      expect(tb.readingRotatedFiles()).toBe(false);
    });

    it('alerts.log rotates into ossec-alerts-DD.log: the same catch-up, block by block', async () => {
      const w = await days();
      const block = (n: number) =>
        `** Alert 1700000000.${n}: - sshd,\n2023 Nov 14 22:13:20 host->/var/log/auth.log\nRule: 5715 (level 3) -> 'sshd: authentication success.'\nline ${n}\n\n`;
      const blocks = (...ns: number[]) => ns.map(block).join('');
      const logOf = (back: number) => w.dated(back).replace(/\.json$/, '.log');
      const live = path.join(w.root, 'alerts.log');
      await writeFile(logOf(2), blocks(1));
      await link(logOf(2), live);
      const a = new Sink();
      const t = follow(a, { path: live, logSettleMs: 20 });
      await a.count(1);
      await t.stop();
      await append(logOf(2), blocks(2));
      await writeFile(logOf(1), blocks(3, 4));
      await writeFile(logOf(0), blocks(5));
      await writeFile(w.dated(1), lines(99)); // the alerts.json of that day: not this source's
      await unlink(live);
      await link(logOf(0), live);
      await gzipAway(logOf(1));
      const b = new Sink();
      follow(b, {
        path: live,
        cursor: a.cursor,
        logSettleMs: 20,
        locateRotated: (id) => locateRotatedInFolder(w.root, id, Date.now(), 62, 'log'),
        missedRotated: (finished, liveId) => missedDatedFiles(w.root, finished, liveId),
      });
      await b.count(4);
      expect(b.records.map((r) => r.split('\n')[3])).toEqual(['line 2', 'line 3', 'line 4', 'line 5']);
      expect([...new Set(b.files)]).toEqual([logOf(2), `${logOf(1)}.gz`, live]);
    });

    it('two re-points before the tailer looks again (a -001 part, then the next day): the middle file is read too', async () => {
      const w = await days();
      await writeFile(w.dated(2), lines(1));
      await link(w.dated(2), w.live);
      const b = new Sink();
      // no fs.watch and a slow poll: both re-points happen between two looks
      follow(b, { path: w.live, format: 'json', watch: false, pollMs: 400, ...rotationIn(w.root) });
      await b.count(1);
      await append(w.dated(2), lines(2));
      await unlink(w.live);
      await writeFile(w.dated(2, '-001'), lines(3));
      await link(w.dated(2, '-001'), w.live);
      await unlink(w.live);
      await writeFile(w.dated(1), lines(4));
      await link(w.dated(1), w.live);
      await b.count(4);
      await append(w.live, lines(5));
      await b.count(5);
      expect(b.records).toEqual(expected(1, 2, 3, 4, 5));
    });

    it('lists nothing after a file that is not a dated one, and stops at the dated file that is alerts.json', async () => {
      const w = await days();
      await writeFile(w.dated(1), lines(1));
      await writeFile(w.dated(0), lines(2));
      await link(w.dated(0), w.live);
      const live = await readIdentity(w.live);
      expect(await missedDatedFiles(w.root, path.join(scope.dir, 'elsewhere.json'), live)).toEqual([]);
      expect(await missedDatedFiles(w.root, w.dated(2), live)).toEqual([w.dated(1)]);
      // a copy (not a hard link) is recognised by its first bytes
      await unlink(w.live);
      await copyFile(w.dated(0), w.live);
      expect(await missedDatedFiles(w.root, w.dated(2), await readIdentity(w.live))).toEqual([w.dated(1)]);
      // no live file: everything up to today is missed
      expect(await missedDatedFiles(w.root, w.dated(2), null)).toEqual([w.dated(1), w.dated(0)]);
      // an empty alerts.json has no first bytes to tell: its inode does (a hard link)
      await unlink(w.live);
      await writeFile(w.dated(0), '');
      await link(w.dated(0), w.live);
      const empty = await readIdentity(w.live);
      expect(empty.fpLen).toBe(0);
      expect(await missedDatedFiles(w.root, w.dated(2), empty)).toEqual([w.dated(1)]);
    });
  });
});
