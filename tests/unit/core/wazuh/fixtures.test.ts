// Every real alert in tests/fixtures/wazuh, parsed field by field.
import { describe, expect, it } from 'vitest';
import type { FimEvent, WazuhVtRecord } from '../../../../shared/domain';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { parseLogAlert } from '../../../../electron/core/wazuh/alertsLog';
import { splitAlertsLog } from '../../../generators/wazuhAlerts';
import { expectWellFormed, fim, fixture, fixtureNames, vt } from './helpers';

const NONE = { md5: null, sha1: null, sha256: null };
/** The hashes of an empty file (size 0), as several fixtures carry them. */
const EMPTY_FILE = {
  md5: 'd41d8cd98f00b204e9800998ecf8427e',
  sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
};
const noSource = { alertId: null, file: null, md5: null, sha1: null, agent: null };

describe('fixture files', () => {
  it('are all covered by this file', () => {
    expect(fixtureNames().sort()).toEqual([
      'alerts-2016-fim.log',
      'alerts-2017-seed.log',
      'alerts-4.4-fim-and-vt.log',
      'fim-added-agent.json',
      'fim-modified-manager.json',
      'virustotal-87102-credentials.json',
      'virustotal-87105-detected.json',
    ]);
  });

  it.each(fixtureNames())('%s parses into well-formed records, none an error', (name) => {
    const text = fixture(name);
    const records = name.endsWith('.json')
      ? text
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map(parseJsonAlert)
      : splitAlertsLog(text).map(parseLogAlert);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expectWellFormed(r);
      expect(r.kind).not.toBe('error');
    }
  });
});

describe('alerts.json fixtures', () => {
  it('fim-modified-manager.json: a modified file on the manager (agent 000, no ip), +0200 timestamp', () => {
    const e = fim(parseJsonAlert(fixture('fim-modified-manager.json')));
    expect(e).toEqual<FimEvent>({
      alertId: '1662759795.647670',
      timestamp: '2022-09-09T23:43:15.168+0200',
      epochMs: Date.UTC(2022, 8, 9, 21, 43, 15, 168),
      manager: 'jellyfish',
      agent: { id: '000', name: 'jellyfish', ip: null },
      rule: {
        id: '550',
        level: 7,
        description: 'Integrity checksum changed.',
        groups: ['ossec', 'syscheck', 'syscheck_entry_modified', 'syscheck_file'],
      },
      location: 'syscheck',
      path: '/tmp/test/test.txt',
      event: 'modified',
      mode: 'realtime',
      after: {
        md5: '5192496b8adc2f0d705ca01bf3b4adba',
        sha1: 'dc090d4e165df77333ccf6adaf0d4f96541fb22b',
        sha256: '5583bbc9f63d24e44bbe34298d2f8421da25cdaada00e6c9ac765a16ded4204b',
      },
      before: {
        md5: '1e6f0765ec3e57572afde86319d460bf',
        sha1: '652c1e4a301df0d1e7236689cb1e0bd071f2ea14',
        sha256: '1b32b746fe70a01ddd274f6b71bfaffd8a7fcd8023e18516078f31184da1135c',
      },
      size: 57,
      perm: 'rw-r--r--',
      uname: 'root',
      gname: 'root',
      uid: '0',
      gid: '0',
      inode: 2362547,
      mtime: '2022-09-09T23:43:15',
      changedAttributes: ['size', 'mtime', 'md5', 'sha1', 'sha256'],
      whodataUser: null,
      whodataProcess: null,
    });
  });

  it('fim-added-agent.json: an added file on agent 010 with its ip', () => {
    const e = fim(parseJsonAlert(fixture('fim-added-agent.json')));
    expect(e).toEqual<FimEvent>({
      alertId: '1668705462.50453',
      timestamp: '2022-11-17T19:17:42.694+0200',
      epochMs: Date.UTC(2022, 10, 17, 17, 17, 42, 694),
      manager: 'localhost.localdomain',
      agent: { id: '010', name: 'Ubuntu', ip: '10.0.2.15' },
      rule: {
        id: '554',
        level: 5,
        description: 'File added to the system.',
        groups: ['ossec', 'syscheck', 'syscheck_entry_added', 'syscheck_file'],
      },
      location: 'syscheck',
      path: '/media/user/software/suspicious-file.exe',
      event: 'added',
      mode: 'realtime',
      // the hashes of the empty file (size 0)
      after: EMPTY_FILE,
      before: NONE,
      size: 0,
      perm: 'rw-r--r--',
      uname: 'root',
      gname: 'root',
      uid: '0',
      gid: '0',
      inode: 1704505,
      mtime: '2022-11-17T19:17:42',
      changedAttributes: [],
      whodataUser: null,
      whodataProcess: null,
    });
  });

  it('virustotal-87105-detected.json: string values coerced, no source.agent', () => {
    expect(vt(parseJsonAlert(fixture('virustotal-87105-detected.json')))).toEqual<WazuhVtRecord>({
      alertId: '1668706225.104492',
      timestamp: '2022-11-17T19:30:25.085+0200',
      epochMs: Date.UTC(2022, 10, 17, 17, 30, 25, 85),
      manager: 'localhost.localdomain',
      ruleId: '87105',
      error: null,
      found: true,
      malicious: true,
      positives: 66,
      total: 68,
      scanDate: '2022-11-17 17:15:04',
      scanDateMs: Date.UTC(2022, 10, 17, 17, 15, 4),
      permalink:
        'https://www.virustotal.com/gui/file/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f/detection/f-275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f-1668705304',
      sha1: '3395856ce81f2b7382dee72602f798b642f14140',
      source: {
        alertId: '1668706222.103798',
        file: '/media/user/software/eicar.com',
        md5: '44d88612fea8a8f36de82e1278abb02f',
        sha1: '3395856ce81f2b7382dee72602f798b642f14140',
        agent: null,
      },
    });
  });

  it('virustotal-87102-credentials.json: error "401" as a number, +0000 timestamp', () => {
    expect(vt(parseJsonAlert(fixture('virustotal-87102-credentials.json')))).toEqual<WazuhVtRecord>({
      alertId: '1712321232.669676',
      timestamp: '2024-04-05T12:47:12.339+0000',
      epochMs: Date.UTC(2024, 3, 5, 12, 47, 12, 339),
      manager: 'wazuh-master',
      ruleId: '87102',
      error: { code: 401, description: 'Error: Check credentials' },
      found: null,
      malicious: null,
      positives: null,
      total: null,
      scanDate: null,
      scanDateMs: null,
      permalink: null,
      sha1: null,
      source: noSource,
    });
  });
});

describe('alerts.log fixtures', () => {
  it('alerts-2016-fim.log (2.x): sentences only, "mail" in the header, agent with ip', () => {
    const blocks = splitAlertsLog(fixture('alerts-2016-fim.log'));
    expect(blocks).toHaveLength(1);
    expect(fim(parseLogAlert(blocks[0]))).toEqual<FimEvent>({
      alertId: '1460948255.25442',
      timestamp: '2016-04-18T02:57:35.000Z',
      epochMs: 1460948255000,
      manager: '',
      agent: { id: null, name: 'ubuntu', ip: '10.0.0.144' },
      rule: {
        id: '550',
        level: 7,
        description: 'Integrity checksum changed.',
        groups: ['ossec', 'syscheck', 'pci_dss_11.5'],
      },
      location: 'syscheck',
      path: '/test/hello',
      event: 'modified',
      mode: null,
      after: {
        md5: '7947eba5d9cc58d440fb06912e302949',
        sha1: '379b74ac9b2d2b09ff6ad7fa876c79f914a755e1',
        sha256: null,
      },
      before: {
        md5: 'e59ff97941044f85df5297e1c302d260',
        sha1: '648a6a6ffffdaa0badb23b8baf90b6168dd16b3a',
        sha256: null,
      },
      size: 17,
      perm: null,
      uname: null,
      gname: null,
      uid: null,
      gid: null,
      inode: null,
      mtime: null,
      changedAttributes: ['size', 'md5', 'sha1'],
      whodataUser: null,
      whodataProcess: null,
    });
  });

  it('alerts-2017-seed.log (3.x): a FIM addition on the manager host and four VirusTotal results', () => {
    const records = splitAlertsLog(fixture('alerts-2017-seed.log')).map(parseLogAlert);
    expect(records.map((r) => r.kind)).toEqual(['fim', 'wazuh-vt', 'wazuh-vt', 'wazuh-vt', 'wazuh-vt']);
    expect(fim(records[0])).toEqual<FimEvent>({
      alertId: '1510684983.55139',
      timestamp: '2017-11-14T18:43:03.000Z',
      epochMs: 1510684983000,
      manager: '',
      agent: { id: '000', name: 'PC', ip: null },
      rule: {
        id: '554',
        level: 5,
        description: 'File added to the system.',
        groups: ['ossec', 'syscheck', 'pci_dss_11.5', 'gpg13_4.11'],
      },
      location: 'syscheck',
      path: '/media/user/software/suspicious-file.exe',
      event: 'added',
      mode: null,
      after: {
        md5: '9519135089d69ad7ae6b00a78480bb2b',
        sha1: '68b92d885317929e5b283395400ec3322bc9db5e',
        sha256: null,
      },
      before: NONE,
      size: 1568509,
      perm: '100777',
      uname: 'user',
      gname: 'user',
      uid: '1000',
      gid: '1000',
      inode: 104062,
      mtime: 'Tue Nov 14 18:42:41 2017',
      changedAttributes: [],
      whodataUser: null,
      whodataProcess: null,
    });
    const meta = (alertId: string, epoch: number, ruleId: string) => ({
      alertId,
      timestamp: new Date(epoch * 1000).toISOString(),
      epochMs: epoch * 1000,
      manager: '',
      ruleId,
    });
    const empty = { found: null, malicious: null, positives: null, total: null, scanDate: null, scanDateMs: null };
    expect(vt(records[1])).toEqual<WazuhVtRecord>({
      ...meta('1510676062.9653', 1510676062, '87102'),
      error: { code: 403, description: 'Error: Check credentials' },
      ...empty,
      permalink: null,
      sha1: null,
      source: noSource,
    });
    expect(vt(records[2])).toEqual<WazuhVtRecord>({
      ...meta('1510684990.60518', 1510684990, '87101'),
      error: { code: 204, description: 'Error: Public API request rate limit reached' },
      ...empty,
      permalink: null,
      sha1: null,
      source: noSource,
    });
    const agentCentos = { id: '006', name: 'agent_centos' };
    expect(vt(records[3])).toEqual<WazuhVtRecord>({
      ...meta('1510684376.32386', 1510684376, '87103'),
      error: null,
      ...empty,
      found: false,
      malicious: false,
      permalink: null,
      sha1: null,
      source: {
        alertId: '1510684374.31421',
        file: '/media/user/software/my-clean-program.exe',
        md5: '9c8a83c9f4c39e8200661c33e188e79b',
        sha1: 'e4450be2f9a1a97cf0c71ce3efc802cea274fe9a',
        agent: agentCentos,
      },
    });
    expect(vt(records[4])).toEqual<WazuhVtRecord>({
      ...meta('1510684984.55826', 1510684984, '87105'),
      error: null,
      found: true,
      malicious: true,
      positives: 7,
      total: 67,
      scanDate: '2017-11-14 17:24:37',
      scanDateMs: Date.UTC(2017, 10, 14, 17, 24, 37),
      permalink:
        'https://www.virustotal.com/file/8604adffc091a760deb4f4d599ab07540c300a0ccb5581de437162e940663a1e/analysis/1510680277/',
      sha1: '68b92d885317929e5b283395400ec3322bc9db5e',
      source: {
        alertId: '1510684983.55139',
        file: '/media/user/software/suspicious-file.exe',
        md5: '9519135089d69ad7ae6b00a78480bb2b',
        sha1: '68b92d885317929e5b283395400ec3322bc9db5e',
        agent: agentCentos,
      },
    });
  });

  it('alerts-4.4-fim-and-vt.log (4.x): custom rule 100200, "(agent) any", Attributes block after a blank line', () => {
    const blocks = splitAlertsLog(fixture('alerts-4.4-fim-and-vt.log'));
    expect(blocks).toHaveLength(2);
    expect(fim(parseLogAlert(blocks[0]))).toEqual<FimEvent>({
      alertId: '1670328936.40129',
      timestamp: '2022-12-06T12:15:36.000Z',
      epochMs: 1670328936000,
      manager: '',
      agent: { id: null, name: 'agent', ip: null },
      rule: {
        id: '100200',
        level: 7,
        description: 'File modified in /root directory.',
        groups: ['syscheck', 'pci_dss_11.5', 'nist_800_53_SI.7'],
      },
      location: 'syscheck',
      path: '/root/evil.bin',
      event: 'modified',
      mode: 'realtime',
      after: EMPTY_FILE,
      before: NONE,
      size: 0,
      perm: 'rw-r--r--',
      uname: 'root',
      gname: 'root',
      uid: '0',
      gid: '0',
      inode: 405,
      mtime: 'Tue Dec  6 12:15:36 2022',
      changedAttributes: ['mtime'],
      whodataUser: null,
      whodataProcess: null,
    });
    const r = vt(parseLogAlert(blocks[1]));
    expect(r).toMatchObject({
      alertId: '1670328936.40742',
      ruleId: '87101',
      error: { code: 204, description: 'Error: Public API request rate limit reached' },
      found: null,
      source: noSource,
    });
  });

  it('a 4.x FIM block cut at its inner blank line still yields the event, without the Attributes hashes', () => {
    const first = splitAlertsLog(fixture('alerts-4.4-fim-and-vt.log'))[0].split('\n\n')[0];
    const e = fim(parseLogAlert(first));
    expect(e.path).toBe('/root/evil.bin');
    expect(e.event).toBe('modified');
    expect(e.after).toEqual(NONE);
  });
});
