// The tailer on real files in a temp folder: partial records, odd appends, CRLF, oversize lines, invalid UTF-8,
// a store that refuses batches, stop/start from a stored cursor, fromEnd, missing files, permissions, alerts.log.
import { chmod, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { append, line, Sink, tailerScope } from './tailerHarness';
import { WAZUH_FIXTURES } from '../helpers/fixtures';

const scope = tailerScope();
const follow = scope.follow;

describe('Tailer: records', () => {
  it('reads appends in odd pieces (1 byte, 7 bytes, a record split across writes) and waits for partial lines', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, '');
    const sink = new Sink();
    const t = follow(sink, { path: file, format: 'json' });
    const text = [line(1), line(2, 30), line(3)].map((l) => `${l}\n`).join('');
    const pieces = [1, 7, 3, 1, 20, 7, 1, 1000];
    let at = 0;
    for (const n of pieces) {
      const piece = text.slice(at, at + n);
      if (!piece) break;
      at += piece.length;
      await append(file, piece);
      t.poke();
      const done = text.slice(0, at);
      const complete = done.lastIndexOf('\n') + 1;
      // the tailer has seen the piece: the complete lines are out, the rest waits
      await sink.until(
        () => sink.cursor?.offset === complete || (complete === 0 && t.status().pending === at),
        `cursor at ${complete}`,
      );
      await sink.until(() => t.status().pending === at - complete, `${at - complete} bytes pending`);
    }
    expect(sink.records).toEqual([line(1), line(2, 30), line(3)]);
    expect(sink.offsets).toEqual([0, line(1).length + 1, line(1).length + line(2, 30).length + 2]);
    expect(sink.cursor?.offset).toBe(Buffer.byteLength(text));
    expect(sink.cursor?.identity?.ino).toBe((await stat(file)).ino);
    await sink.until(() => sink.hasState('following', `following ${file}`), 'following');
  });

  it('a partial last line waits for its newline, however long', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, `${line(1)}\n{"partial":`);
    const sink = new Sink();
    const t = follow(sink, { path: file, format: 'json' });
    await sink.count(1);
    await sink.until(() => t.status().pending === '{"partial":'.length, 'the partial line read');
    expect(sink.records).toEqual([line(1)]);
    await append(file, 'true}\n');
    await sink.count(2);
    expect(sink.records[1]).toBe('{"partial":true}');
  });

  it('strips CR, consumes empty lines, passes invalid UTF-8 through untouched', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    const bad = Buffer.from([0x7b, 0x22, 0x70, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]); // {"p":"\xff\xfe\xc3("}
    await writeFile(file, Buffer.concat([Buffer.from('{"a":1}\r\n\r\n\n'), bad, Buffer.from('\r\n\n{"b":2}\n')]));
    const sink = new Sink();
    follow(sink, { path: file });
    await sink.count(3);
    expect(sink.records[0]).toBe('{"a":1}');
    expect(sink.raw[1].equals(bad)).toBe(true);
    expect(sink.records[2]).toBe('{"b":2}');
    expect(sink.batches[0].format).toBe('json'); // detected
    expect(sink.cursor?.offset).toBe((await stat(file)).size);
  });

  it('skips lines over 1 MiB and counts them, also one still incomplete at EOF (its cursor waits at its start)', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    const long = `{"big":"${'x'.repeat(1536 * 1024)}"}`;
    const growing = `{"growing":"${'y'.repeat(1200 * 1024)}`;
    await writeFile(file, `${line(1)}\n${long}\n${line(2)}\n${growing}`);
    const sink = new Sink();
    const t = follow(sink, { path: file, format: 'json', chunkBytes: 256 * 1024 });
    await sink.count(2);
    expect(sink.oversize).toEqual([{ offset: line(1).length + 1, length: long.length }]);
    const growingAt = line(1).length + long.length + line(2).length + 3;
    await sink.until(() => t.status().pending === growing.length, 'the growing line read');
    expect(sink.cursor?.offset).toBe(growingAt);
    await append(file, `${'y'.repeat(1000)}"}\n${line(3)}\n`);
    await sink.count(3);
    expect(sink.records).toEqual([line(1), line(2), line(3)]);
    expect(sink.oversize[1]).toEqual({ offset: growingAt, length: growing.length + 1002 });
    expect(sink.cursor?.offset).toBe((await stat(file)).size);
  });
});

describe('Tailer: the store refuses a batch', () => {
  it('does not advance, says so, retries the same batch: nothing lost, nothing repeated', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, `${line(1)}\n${line(2)}\n`);
    const sink = new Sink();
    sink.failNext = 3;
    follow(sink, { path: file, format: 'json' });
    await sink.until(
      () => sink.hasState('error', 'cannot store alerts: disk full; nothing is lost, retrying'),
      'error',
    );
    expect(sink.records).toEqual([]);
    await sink.count(2);
    await append(file, `${line(3)}\n`);
    await sink.count(3);
    expect(sink.failures).toBe(3);
    expect(sink.records).toEqual([line(1), line(2), line(3)]);
    expect(sink.cursor?.offset).toBe((await stat(file)).size);
  });
});

describe('Tailer: a crash between two batches', () => {
  it.each([1, 3, 8])('resuming from the cursor of batch %i gives exactly the records not stored yet', async (k) => {
    const file = path.join(scope.dir, 'alerts.json');
    const all = Array.from({ length: 40 }, (_, i) => line(i, i % 13));
    await writeFile(file, all.map((l) => `${l}\n`).join('') + '{"partial":');
    const first = new Sink(); // what the store kept
    const dying = new Sink();
    let stored = 0;
    const a = follow(dying, {
      path: file,
      format: 'json',
      chunkBytes: 97,
      // the store takes k batches, then refuses everything: the process "dies" before the next commit
      onBatch: (b) => {
        if (stored === k) throw new Error('killed');
        stored++;
        first.onBatch(b);
      },
    });
    await dying.until(() => dying.hasState('error'), 'the refused batch');
    await a.stop();
    dying.closed = true;
    const second = new Sink();
    follow(second, { path: file, format: 'json', chunkBytes: 97, cursor: first.cursor });
    await second.until(() => first.records.length + second.records.length >= all.length, 'all records');
    expect(first.records.length).toBeGreaterThan(0);
    expect([...first.records, ...second.records]).toEqual(all);
    expect(dying.lateCallbacks).toBe(0);
  });
});

describe('Tailer: stop and start', () => {
  it('resumes from a stored cursor with exactly the records that followed; no callback after stop()', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, `${line(1)}\n${line(2)}\n{"half":`);
    const first = new Sink();
    const a = follow(first, { path: file, format: 'json' });
    await first.count(2);
    await a.stop();
    first.closed = true;
    expect(first.states.at(-1)?.state).toBe('stopped');
    await append(file, `1}\n${line(3)}\n`);
    const second = new Sink();
    follow(second, { path: file, format: 'json', cursor: first.cursor });
    await second.count(2);
    expect(second.records).toEqual(['{"half":1}', line(3)]);
    expect(first.lateCallbacks).toBe(0);
    expect(first.records).toEqual([line(1), line(2)]);
  });

  it('fromEnd skips what is there, only complete lines, and stores that start at once', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, `${line(1)}\n${line(2)}\n{"half":`);
    const sink = new Sink();
    follow(sink, { path: file, format: 'json', fromEnd: true });
    const start = line(1).length + line(2).length + 2;
    await sink.until(() => sink.cursor?.offset === start, 'the start cursor');
    expect(sink.batches[0].records).toEqual([]);
    await append(file, `2}\n${line(3)}\n`);
    await sink.count(2);
    expect(sink.records).toEqual(['{"half":2}', line(3)]);
  });

  it('fromEnd on an empty file starts at 0 (what comes next is new)', async () => {
    const file = path.join(scope.dir, 'alerts.json');
    await writeFile(file, '');
    const sink = new Sink();
    const t = follow(sink, { path: file, fromEnd: true });
    await sink.until(() => t.status().state === 'waiting', 'waiting for the format');
    await append(file, `${line(1)}\n`);
    await sink.count(1);
    expect(sink.records).toEqual([line(1)]);
    expect(sink.batches[0]).toMatchObject({ records: [], cursor: { offset: 0 } }); // the start, stored first
  });
});

describe('Tailer: missing files and permissions', () => {
  it('waits for a missing file (and folder), then reads it from 0 even with fromEnd', async () => {
    const file = path.join(scope.dir, 'later', 'alerts.json');
    const sink = new Sink();
    follow(sink, { path: file, format: 'json', fromEnd: true });
    await sink.until(() => sink.hasState('waiting', `waiting for ${file}`), 'waiting');
    await mkdir(path.dirname(file));
    await writeFile(file, `${line(1)}\n${line(2)}\n`);
    await sink.count(2);
    expect(sink.records).toEqual([line(1), line(2)]);
  });

  const root = process.getuid?.() === 0;
  it(
    root
      ? 'permission denied -> says how to fix it, keeps retrying (EACCES injected through openFile: root reads a chmod 000 file)'
      : 'permission denied (chmod 000) -> says how to fix it, keeps retrying',
    async () => {
      const file = path.join(scope.dir, 'alerts.json');
      await writeFile(file, `${line(1)}\n`);
      let denied = 3;
      const openFile = root
        ? async (p: string) => {
            if (denied-- > 0)
              throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
            return open(p, 'r');
          }
        : undefined;
      if (!root) await chmod(file, 0o000);
      const sink = new Sink();
      follow(sink, { path: file, format: 'json', openFile });
      const message = `cannot read ${file}: add this user to the wazuh group (or run where the file is readable)`;
      await sink.until(() => sink.hasState('permission-denied', message), 'permission-denied');
      if (!root) await chmod(file, 0o640);
      await sink.count(1);
      expect(sink.records).toEqual([line(1)]);
    },
  );
});

describe('Tailer: alerts.log', () => {
  it('frames blocks, keeps a 4.x inner blank line, sends the last block once it ends with a blank line', async () => {
    const file = path.join(scope.dir, 'alerts.log');
    const fixture = await readFile(path.join(WAZUH_FIXTURES, 'alerts-4.4-fim-and-vt.log'), 'utf8');
    await writeFile(file, fixture.slice(0, fixture.indexOf('Attributes:'))); // the first alert, cut at its blank line
    const sink = new Sink();
    const t = follow(sink, { path: file, logSettleMs: 50 });
    await sink.until(() => t.status().pending > 0 && sink.hasState('following'), 'the cut alert read');
    expect(sink.records).toEqual([]);
    await append(file, fixture.slice(fixture.indexOf('Attributes:')));
    await sink.count(1); // the 2nd block is complete at its header: the 1st goes out
    expect(sink.records[0]).toContain('\n\nAttributes:\n');
    expect(sink.records[0]).toMatch(/^\*\* Alert 1670328936\.40129:/);
    await append(file, '\n'); // the blank line Wazuh writes after every alert: the last block goes out when quiet
    await sink.count(2);
    expect(sink.records[1]).toMatch(/^\*\* Alert 1670328936\.40742:[\s\S]*integration: virustotal$/);
    expect(sink.batches.every((b) => b.format === 'log')).toBe(true);
    expect(sink.cursor?.offset).toBe((await stat(file)).size);
  });

  it('a 4.x FIM alert cut at its inner blank line waits for its Attributes longer than the quiet time', async () => {
    const file = path.join(scope.dir, 'alerts.log');
    const fixture = await readFile(path.join(WAZUH_FIXTURES, 'alerts-4.4-fim-and-vt.log'), 'utf8');
    const first = fixture.slice(0, fixture.indexOf('** Alert', 10)); // the FIM alert with its closing blank line
    const cut = first.indexOf('Attributes:');
    await writeFile(file, first.slice(0, cut));
    const sink = new Sink();
    const t = follow(sink, { path: file, logSettleMs: 50 });
    await sink.until(() => t.status().pending > 0, 'the cut alert read');
    await new Promise((r) => setTimeout(r, 250)); // five quiet times: a block without `File '…'` would be out
    expect(sink.records).toEqual([]);
    await append(file, first.slice(cut));
    await sink.count(1);
    expect(sink.records).toEqual([first.trimEnd()]);
    expect(sink.records[0]).toContain(' - SHA256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

    // if its Attributes never come, it still goes out (after ten quiet times)
    await append(file, first.slice(0, cut).replace('40129', '40130'));
    await sink.count(2);
    expect(sink.records[1]).toMatch(/^\*\* Alert 1670328936\.40130:[\s\S]*Old modification time was/);
  });

  it('fromEnd starts after the last complete alert (a file ending with a blank line: at its end)', async () => {
    const file = path.join(scope.dir, 'alerts.log');
    const fixture = await readFile(path.join(WAZUH_FIXTURES, 'alerts-2017-seed.log'));
    await writeFile(file, fixture);
    const sink = new Sink();
    follow(sink, { path: file, fromEnd: true, logSettleMs: 20 });
    await sink.until(() => sink.cursor?.offset === fixture.length, 'the start cursor at the end');
    await append(
      file,
      '** Alert 1700000000.1: - syscheck,\n2023 Nov 14 22:13:20 host->syscheck\nRule: 550 (level 7)\n\n',
    );
    await sink.count(1);
    expect(sink.records).toEqual([
      '** Alert 1700000000.1: - syscheck,\n2023 Nov 14 22:13:20 host->syscheck\nRule: 550 (level 7)',
    ]);
  });
});
