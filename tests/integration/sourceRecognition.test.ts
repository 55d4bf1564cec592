// What a new user adds as a source: a file that holds no Wazuh alert says so ('unrecognized') and is kept
// followed; an alerts.log whose last alert has no blank line after it is read whole after a quiet moment; bytes
// held for the end of an alert are shown in diagnostics.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UNRECOGNIZED_MESSAGE } from '../../electron/core/wazuh/recognize';
import { startTestEngine, type TestEngine } from '../helpers/engine';
import { WAZUH_FIXTURES } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/tempDir';

const fixture = (name: string) => fs.readFileSync(path.join(WAZUH_FIXTURES, name), 'utf8');
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function engineOn(fileName: string, content: string): Promise<{ t: TestEngine; file: string }> {
  const tmp = makeTempDir('fimv-recognize-');
  cleanups.push(tmp.cleanup);
  const file = path.join(tmp.dir, fileName);
  fs.writeFileSync(file, content);
  const t = await startTestEngine({ dataDir: path.join(tmp.dir, 'data'), sources: [{ path: file, fromEnd: false }] });
  cleanups.push(() => t.stop());
  return { t, file };
}

describe('a source that holds no Wazuh alert', () => {
  it('is "unrecognized" with the reason and its real size, nothing of it read, and still followed', async () => {
    const { t, file } = await engineOn('passwd', PASSWD);
    const s = await t.until((s) => s.sources[0]?.state === 'unrecognized', 10_000, 'unrecognized');
    expect(s.sources[0]).toMatchObject({
      message: UNRECOGNIZED_MESSAGE,
      size: PASSWD.length, // not "0 of 0 bytes"
      offset: 0,
      bytesRead: 0,
      pendingBytes: 0,
    });
    expect(UNRECOGNIZED_MESSAGE).toBe(
      'this does not look like Wazuh alerts (alerts.json, alerts.log or a Wazuh 5 event file)',
    );
    expect(s.parseErrors).toBe(0); // none of its lines was parsed, none kept in diagnostics
    expect((await t.h.getDiagnostics({})).parseErrors).toEqual([]);

    // still followed: the first alert turns it into a source like any other
    fs.appendFileSync(file, fixture('fim-added-agent.json').trim() + '\n');
    await t.until((s) => s.fimEvents === 1 && s.sources[0].state === 'following', 10_000, 'the alert read');
  });

  it('an empty file waits for its first alert (a log that starts empty), then follows', async () => {
    const { t, file } = await engineOn('alerts.json', '');
    await t.until((s) => s.sources[0]?.state === 'waiting', 10_000, 'waiting');
    fs.appendFileSync(file, fixture('fim-added-agent.json').trim() + '\n');
    await t.until((s) => s.fimEvents === 1 && s.sources[0].state === 'following', 10_000, 'following');
  });
});

describe('alerts.log whose last alert has no blank line after it', () => {
  it('a file of one complete 2.x alert is read after a quiet moment', async () => {
    const { t } = await engineOn('alerts.log', fixture('alerts-2016-fim.log'));
    const s = await t.until((s) => s.fimEvents === 1, 15_000, 'the alert read');
    expect(s.sources[0]).toMatchObject({ pendingBytes: 0, offset: fixture('alerts-2016-fim.log').length });
    const page = await t.h.listAlerts({ limit: 10, offset: 0 });
    expect(page.items[0]).toMatchObject({ path: '/test/hello', md5: '7947eba5d9cc58d440fb06912e302949' });
  });

  it('the last alert of the 4.4 fixture is not held back', async () => {
    const { t } = await engineOn('alerts.log', fixture('alerts-4.4-fim-and-vt.log'));
    const s = await t.until((s) => s.alertsRead === 2, 15_000, 'both alerts read');
    expect(s.wazuhVerdicts).toBe(1);
    expect(s.sources[0].pendingBytes).toBe(0);
  });
});

it('diagnostics say how many bytes wait for the end of an alert', async () => {
  const first = fixture('fim-added-agent.json').trim() + '\n';
  const partial = fixture('fim-modified-manager.json').trim().slice(0, 300); // no newline yet: still being written
  const { t } = await engineOn('alerts.json', first + partial);
  await t.until((s) => s.fimEvents === 1, 10_000, 'the first alert read');
  const d = await t.h.getDiagnostics({});
  expect(d.sources[0]).toMatchObject({ offset: first.length, pendingBytes: partial.length });
});
