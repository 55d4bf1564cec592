// The integration log file: what the app appends (attacker-chosen text from alerts) and where it may append it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationLogWriter, logLine, type VirusTotalRecord } from '../../../../electron/core/output/integrationLog';
import { integrationLogPathProblem } from '../../../../electron/core/output/logPath';
import { startTestEngine } from '../../../helpers/engine';

const posixOnly = it.skipIf(process.platform === 'win32');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-log-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const record = (file: string): VirusTotalRecord => ({
  virustotal: { found: 0, malicious: 0, source: { alert_id: '1.2', file, md5: '', sha1: '' } },
  integration: 'virustotal',
});

describe('what is written', () => {
  it('escapes every control character: C0, DEL, C1, line separators and the bidi controls', () => {
    const hostile =
      'a\u0000b\u001b[31mc\nd\u007fe\u0085f\u009b2Jg\u2028h\u2029i\u202aj\u202ek\u2066l\u2069m\u061cn\u200eo\u200fp';
    const line = logLine(record(hostile));
    // nothing below U+0020, no DEL, C1, separator or bidi control left raw on the line
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(line).toContain('\\u202e');
    expect(line).toContain('\\u009b');
    // a JSON reader (Wazuh's decoder) still gets the path exactly
    expect((JSON.parse(line) as { virustotal: { source: { file: string } } }).virustotal.source.file).toBe(hostile);
  });

  posixOnly('a new log is created 0640, and each append is one line per record', () => {
    const file = path.join(dir, 'vt.json');
    const writer = new IntegrationLogWriter(file);
    writer.append([record('/a'), record('/b')]);
    writer.append([record('/c')]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(3);
  });
});

describe('where it may be written', () => {
  posixOnly('never through a symbolic link, into a FIFO, or where the folder is missing or open to others', () => {
    const target = path.join(dir, '.bashrc');
    fs.writeFileSync(target, '# mine\n');
    const link = path.join(dir, 'vt.json');
    fs.symlinkSync(target, link);
    expect(integrationLogPathProblem(link)).toMatch(/symbolic link/);
    expect(() => new IntegrationLogWriter(link).append([record('/x')])).toThrow(/symbolic link/);
    expect(fs.readFileSync(target, 'utf8')).toBe('# mine\n');

    const fifo = path.join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    expect(integrationLogPathProblem(fifo)).toBe('it is not a regular file');

    expect(integrationLogPathProblem(path.join(dir, 'nope', 'vt.json'))).toMatch(/does not exist \(create it first\)/);
    expect(integrationLogPathProblem('relative/vt.json')).toBe('it is not an absolute path');
    const open = path.join(dir, 'open');
    fs.mkdirSync(open);
    fs.chmodSync(open, 0o777);
    expect(integrationLogPathProblem(path.join(open, 'vt.json'))).toMatch(/other users can write into/);
    fs.chmodSync(open, 0o1777); // sticky, as /tmp: others cannot replace this user's file
    expect(integrationLogPathProblem(path.join(open, 'vt.json'))).toBeNull();
  });

  posixOnly('the desktop app’s Settings refuse such a path with the reason next to the field', async () => {
    const t = await startTestEngine({ dataDir: path.join(dir, 'data'), transport: 'ipc' });
    try {
      const target = path.join(dir, 'target');
      fs.writeFileSync(target, '');
      fs.symlinkSync(target, path.join(dir, 'link.json'));
      for (const p of [path.join(dir, 'link.json'), path.join(dir, 'missing', 'vt.json')]) {
        await expect(Promise.resolve().then(() => t.h.putSettings({ integrationLog: p }))).rejects.toMatchObject({
          code: 'bad-request',
          fields: { integrationLog: expect.stringContaining(p) },
        });
      }
      const ok = path.join(dir, 'vt.json');
      expect((await t.h.putSettings({ integrationLog: ok })).integrationLog).toBe(ok);
    } finally {
      await t.stop();
    }
  });
});
