import { describe, expect, it } from 'vitest';
import { parseLogAlert } from '../../../../electron/core/wazuh/alertsLog';
import { MAX_RULE_LINES } from '../../../../electron/core/wazuh/logFim';
import { expectedLogAfter, fimLog, WazuhAlertGenerator } from '../../../generators/wazuhAlerts';
import { expectWellFormed, fim, vt } from './helpers';

const gen = new WazuhAlertGenerator({ seed: 3 });
const reason = (r: ReturnType<typeof parseLogAlert>): string =>
  r.kind === 'error' ? r.reason : `not an error: ${r.kind}`;
const NONE = { md5: null, sha1: null, sha256: null };
const MD5 = '7947eba5d9cc58d440fb06912e302949';
const SHA1 = '379b74ac9b2d2b09ff6ad7fa876c79f914a755e1';

function block(second: string, rule: string, ...body: string[]): string {
  return ['** Alert 1670328936.40129: - ossec,syscheck,', second, rule, ...body].join('\n') + '\n';
}
const R550 = "Rule: 550 (level 7) -> 'Integrity checksum changed.'";

describe('parseLogAlert: header', () => {
  it('reads groups with or without "mail", and the three forms of the location line', () => {
    const withMail = parseLogAlert(
      [
        '** Alert 1460948255.25442: mail  - ossec,syscheck,pci_dss_11.5,',
        '2016 Apr 17 19:57:35 (ubuntu) 10.0.0.144->syscheck',
        R550,
        "Integrity checksum changed for: '/a'",
      ].join('\n'),
    );
    expect(fim(withMail).rule.groups).toEqual(['ossec', 'syscheck', 'pci_dss_11.5']);
    expect(fim(withMail).agent).toEqual({ id: null, name: 'ubuntu', ip: '10.0.0.144' });
    const host = fim(parseLogAlert(block('2017 Nov 14 18:43:03 PC->syscheck', R550, "File '/a' modified")));
    expect(host.agent).toEqual({ id: '000', name: 'PC', ip: null });
    expect(host.location).toBe('syscheck');
    const any = fim(parseLogAlert(block('(agent) any->syscheck', R550, "File '/a' modified")));
    expect(any.agent).toEqual({ id: null, name: 'agent', ip: null });
  });

  it('takes the time from the alert id, builds an ISO timestamp, and leaves manager empty', () => {
    const e = fim(parseLogAlert(block('2022 Dec 06 12:15:36 (a) any->syscheck', R550, "File '/a' modified")));
    expect(e).toMatchObject({
      alertId: '1670328936.40129',
      epochMs: 1670328936000,
      timestamp: '2022-12-06T12:15:36.000Z',
      manager: '',
    });
  });

  it('skips labels between the location line and the Rule line', () => {
    const r = parseLogAlert(
      block('2022 Dec 06 12:15:36 (a) any->syscheck', 'env: production', 'team: blue', R550, "File '/a' added"),
    );
    expect(fim(r).event).toBe('added');
  });

  it('accepts CRLF, missing or extra trailing newlines and leading blank lines', () => {
    const b = block('(a) any->syscheck', R550, "File '/a' modified", '', 'Attributes:', ` - MD5: ${MD5}`);
    for (const variant of [b, b.trimEnd(), b + '\n\n', '\n\n' + b, b.replace(/\n/g, '\r\n')]) {
      const e = fim(parseLogAlert(variant));
      expect(e.path).toBe('/a');
      expect(e.after.md5).toBe(MD5);
    }
  });

  it('is an error, with a reason, without a valid header', () => {
    expect(reason(parseLogAlert(''))).toBe('empty alert block');
    expect(reason(parseLogAlert('\n \n'))).toBe('empty alert block');
    expect(reason(parseLogAlert('Attributes:\n - MD5: x\n'))).toMatch(/^not an alert block/);
    expect(reason(parseLogAlert('** Alert abc: - syscheck,\n'))).toMatch(/^not an alert block/);
    expect(reason(parseLogAlert('** Alert 1.2: - syscheck,\n'))).toMatch(/location/);
    expect(reason(parseLogAlert('** Alert 1.2: - syscheck,\n(a) any->syscheck\nFile x\n'))).toMatch(/Rule:/);
  });

  it('stops at a glued second "** Alert" header', () => {
    const first = block('(a) any->syscheck', R550, "File '/a' modified");
    const second = block('(b) any->syscheck', R550, "File '/b' added", '', 'Attributes:', ` - MD5: ${MD5}`);
    const e = fim(parseLogAlert(first + second));
    expect(e.path).toBe('/a');
    expect(e.after).toEqual(NONE);
  });
});

describe('parseLogAlert: FIM generations', () => {
  it('2.x sentences, deleted with "Unable to retrieve checksum"', () => {
    const e = fim(
      parseLogAlert(
        block(
          '(a) 1.2.3.4->syscheck',
          "Rule: 553 (level 7) -> 'File deleted.'",
          "File '/etc/x y' was deleted. Unable to retrieve checksum.",
        ),
      ),
    );
    expect(e).toMatchObject({ path: '/etc/x y', event: 'deleted', after: NONE });
  });

  it('3.x: a deleted file keeps no after hashes even when New MD5 is written', () => {
    const e = fim(
      parseLogAlert(
        block(
          'PC->syscheck',
          "Rule: 553 (level 7) -> 'File deleted.'",
          "File '/x' was deleted.",
          'File: /x',
          `New MD5: ${MD5}`,
          `Old SHA1: ${SHA1}`,
        ),
      ),
    );
    expect(e.after).toEqual(NONE);
    expect(e.before.sha1).toBe(SHA1);
  });

  it('3.x whodata and ownership lines', () => {
    const e = fim(
      parseLogAlert(
        block(
          'PC->syscheck',
          R550,
          "Integrity checksum changed for: '/x'",
          "Ownership was 'root (0)', now it is 'bob (1001)'",
          "(Audit) User: 'john.doe (1010)'",
          "(Audit) Process name: '/usr/bin/passwd'",
          'File: /x',
          `New MD5: ${MD5.toUpperCase()}`,
        ),
      ),
    );
    expect(e).toMatchObject({
      uname: 'bob',
      uid: '1001',
      whodataUser: 'john.doe',
      whodataProcess: '/usr/bin/passwd',
      changedAttributes: ['uid'],
    });
    expect(e.after.md5).toBe(MD5);
  });

  it('the event comes from the text for custom rules, else from the rule id', () => {
    const custom = "Rule: 100200 (level 7) -> 'File modified in /root directory.'";
    expect(fim(parseLogAlert(block('(a) any->syscheck', custom, "File '/root/x' added"))).event).toBe('added');
    expect(
      fim(parseLogAlert(block('(a) any->syscheck', "Rule: 554 (level 5) -> 'File added to the system.'", 'File: /y')))
        .event,
    ).toBe('added');
    expect(reason(parseLogAlert(block('(a) any->syscheck', custom, 'File: /root/x')))).toBe(
      'FIM event with unknown event type',
    );
    expect(reason(parseLogAlert(block('(a) any->syscheck', R550, 'no path here')))).toMatch(/without a file path/);
  });

  it('never reads a "What changed:" diff as fields', () => {
    const fake = 'New md5sum is : ' + "'" + 'a'.repeat(32) + "'";
    const e4 = fim(
      parseLogAlert(
        block(
          '(a) any->syscheck',
          R550,
          "File '/a' modified",
          '',
          'Attributes:',
          ` - MD5: ${MD5}`,
          '',
          'What changed:',
          fake,
          ' - SHA1: ' + 'b'.repeat(40),
        ),
      ),
    );
    expect(e4.after).toEqual({ md5: MD5, sha1: null, sha256: null });
    const e3 = fim(
      parseLogAlert(
        block(
          'PC->syscheck',
          R550,
          "Integrity checksum changed for: '/a'",
          'What changed:',
          fake,
          'File: /a',
          `New SHA1: ${SHA1}`,
        ),
      ),
    );
    expect(e3.after).toEqual({ md5: null, sha1: SHA1, sha256: null });
  });

  it('reads a block of hundreds of thousands of lines as its first thousand (an agent’s junk costs no more)', () => {
    const head = ["File '/etc/passwd' modified", '', 'Attributes:', ` - MD5: ${MD5}`, ` - SHA1: ${SHA1}`];
    const plain = fim(parseLogAlert(block('(a) any->syscheck', R550, ...head)));
    const junk = Array.from({ length: 480_000 }, () => 'x');
    // the block, then more body lines (too many to pass as arguments)
    const withLines = (more: string[]) => block('(a) any->syscheck', R550, ...head) + more.join('\n') + '\n';
    const padded = fim(parseLogAlert(withLines(junk)));
    expect(padded.path).toBe('/etc/passwd');
    expect(padded.after).toEqual(plain.after);
    // what comes past the thousandth line is not read as a field
    const late = fim(parseLogAlert(withLines([...junk.slice(0, MAX_RULE_LINES), ` - SHA256: ${'c'.repeat(64)}`])));
    expect(late.after.sha256).toBeNull();
    // junk text before the attributes does not hide them: each part has its own thousand lines
    const textFirst = ["File '/etc/passwd' modified", ...junk.slice(0, 5_000), 'Attributes:', ` - MD5: ${MD5}`];
    expect(fim(parseLogAlert(block('(a) any->syscheck', R550) + textFirst.join('\n') + '\n')).after.md5).toBe(MD5);
  });

  it('keeps Windows and non-ASCII paths', () => {
    for (const path of [
      'c:\\windows\\system32\\drivers\\etc\\hosts',
      "/home/josé/it's 請求書.exe",
      'D:\\共有\\😀.txt',
    ]) {
      expect(fim(parseLogAlert(block('(w) any->syscheck', R550, `File '${path}' modified`))).path).toBe(path);
    }
  });

  it.each(['2.x', '3.x', '4.x'] as const)('%s blocks from the generator read back what was written', (generation) => {
    for (const event of ['added', 'modified', 'deleted'] as const) {
      for (const os of ['linux', 'windows'] as const) {
        const whodata = generation === '2.x' ? null : { user: 'root', process: '/usr/bin/touch' };
        const s = gen.fimSpec({ event, os, nonAscii: os === 'windows', whodata });
        const r = parseLogAlert(fimLog(s, generation));
        expectWellFormed(r);
        const e = fim(r);
        expect(e).toMatchObject({
          path: s.path,
          event,
          alertId: s.alertId,
          agent: { name: s.agent.id === '000' ? s.manager : s.agent.name },
        });
        expect(e.rule).toMatchObject({ id: s.ruleId, level: s.level, description: s.description });
        expect(e.after).toEqual(expectedLogAfter(s, generation));
        if (generation === '4.x')
          expect(e).toMatchObject({ mode: 'whodata', size: s.size, whodataProcess: '/usr/bin/touch' });
        if (generation === '3.x' && event !== 'deleted') expect(e.whodataUser).toBe('root');
      }
    }
  });
});

describe('parseLogAlert: registry, VirusTotal and other alerts', () => {
  it('registry events by group, by rule id and by their text', () => {
    expect(parseLogAlert(gen.registryLogBlock({ alertId: '1.2', ruleId: '752' }))).toEqual({
      kind: 'registry',
      alertId: '1.2',
      ruleId: '752',
    });
    expect(parseLogAlert(gen.registryLogBlock({ ruleId: '594', groups: ['ossec', 'syscheck'] })).kind).toBe('registry');
    expect(parseLogAlert(gen.registryLogBlock({ ruleId: '100300', groups: ['syscheck'] })).kind).toBe('registry');
  });

  it('VirusTotal: from the JSON line, else from the virustotal.* lines, else an error', () => {
    const b = gen.wazuhVtLogBlock({ outcome: 'detected', positives: 9, total: 70 });
    expect(vt(parseLogAlert(b))).toMatchObject({ found: true, malicious: true, positives: 9, total: 70 });
    const broken = b.replace(/^\{"virustotal".*$/m, '{"virustotal": {');
    expect(vt(parseLogAlert(broken))).toMatchObject({ found: true, malicious: true, positives: 9, total: 70 });
    const noJson = b.replace(/^\{"virustotal".*$/m, '').replace(/^virustotal\..*$/gm, '');
    expect(reason(parseLogAlert(noJson))).toMatch(/VirusTotal alert without/);
    const proto = noJson.replace('integration: virustotal', 'virustotal.__proto__.found: 1\nvirustotal.found: 0');
    expect(vt(parseLogAlert(proto)).found).toBe(false);
  });

  it('everything else is "other"', () => {
    expect(parseLogAlert(gen.otherLogBlock('sshd'))).toEqual({
      kind: 'other',
      ruleId: '5716',
      groups: ['syslog', 'sshd', 'authentication_failed'],
    });
    expect(parseLogAlert(gen.otherLogBlock('rootcheck')).kind).toBe('other');
    expect(parseLogAlert(gen.otherLogBlock('web')).kind).toBe('other');
  });
});
