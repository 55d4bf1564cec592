// Does a file hold Wazuh alerts? Told from its first 64 KiB (wazuh/recognize.ts).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { recognizeWazuh } from '../../../../electron/core/wazuh/recognize';
import { FIXTURES_DIR } from '../../../helpers/fixtures';
import { fixture, fixtureNames } from './helpers';

const b = (text: string) => Buffer.from(text);
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';

describe('recognizeWazuh', () => {
  it.each(fixtureNames())('the real fixture %s is Wazuh', (name) => {
    expect(recognizeWazuh(b(fixture(name)), true)).toBe('wazuh');
  });

  it('a Wazuh 5 event file is Wazuh', () => {
    const event = fs.readFileSync(path.join(FIXTURES_DIR, 'wazuh5', 'fim-added-event.json'));
    expect(recognizeWazuh(event, true)).toBe('wazuh');
  });

  it('/etc/passwd, a shell script, another program’s JSON log are not', () => {
    expect(recognizeWazuh(b(PASSWD), true)).toBe('not-wazuh');
    expect(recognizeWazuh(b('#!/bin/sh\necho hello\n'), true)).toBe('not-wazuh');
    expect(recognizeWazuh(b('{"level":"info","msg":"started"}\n{"level":"warn"}\n'), true)).toBe('not-wazuh');
    expect(recognizeWazuh(b('hostname-without-newline'), true)).toBe('not-wazuh');
    // JSON with an "id" and a "rule" that is no object is no alert either
    expect(recognizeWazuh(b('{"id":"1","rule":"x"}\n'), true)).toBe('not-wazuh');
  });

  it('empty, blank, or an alert still being written: undecided (the source waits)', () => {
    expect(recognizeWazuh(b(''), true)).toBe('undecided');
    expect(recognizeWazuh(b('\n\n  \n'), true)).toBe('undecided');
    expect(recognizeWazuh(b('{"timestamp":"2024-01-01T00:00:00.000+0000","rule":{"lev'), true)).toBe('undecided');
    expect(recognizeWazuh(b('** Al'), true)).toBe('undecided');
    expect(recognizeWazuh(b('** Alert 1700000000.1: - syscheck,\n2023 Nov 14'), true)).toBe('wazuh');
  });

  it('an alert after a few lines of something else is found (a file that starts elsewhere)', () => {
    const alert = fixture('fim-added-agent.json').trim();
    expect(recognizeWazuh(b(`garbage line\n${alert}\n`), true)).toBe('wazuh');
  });

  it('the 64 KiB window: no alert in it is "not Wazuh"; a first alert longer than the window is Wazuh', () => {
    const filler = 'x'.repeat(100) + '\n';
    const head = b(filler.repeat(700).slice(0, 64 * 1024));
    expect(recognizeWazuh(head, false)).toBe('not-wazuh');
    const huge = b(`{"timestamp":"2024-01-01T00:00:00.000+0000","full_log":"${'a'.repeat(70_000)}`).subarray(0, 65536);
    expect(recognizeWazuh(huge, false)).toBe('wazuh');
  });
});
