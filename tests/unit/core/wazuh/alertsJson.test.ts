import { describe, expect, it } from 'vitest';
import { classifyJsonAlert, parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { WazuhAlertGenerator } from '../../../generators/wazuhAlerts';
import { expectWellFormed, fim, fixture, vt } from './helpers';

type Json = Record<string, unknown>;
const gen = new WazuhAlertGenerator({ seed: 11 });
/** A FIM alert object to mutate. */
const base = (opts: Parameters<WazuhAlertGenerator['fimAlertObject']>[0] = {}): Json =>
  gen.fimAlertObject({ event: 'modified', path: '/etc/passwd', ...opts });
const sc = (a: Json): Json => a.syscheck as Json;
const rule = (a: Json): Json => a.rule as Json;
const parse = (a: unknown) => parseJsonAlert(JSON.stringify(a));
const reason = (r: ReturnType<typeof parseJsonAlert>): string =>
  r.kind === 'error' ? r.reason : `not an error: ${r.kind}`;

describe('parseJsonAlert: what is not an alert', () => {
  it('invalid JSON gives a short "invalid JSON" reason', () => {
    for (const line of ['', '{', '{"id":', 'not json', '{"a":1}}', `{"x":"${'a'.repeat(100_000)}`]) {
      const r = parseJsonAlert(line);
      expect(reason(r)).toMatch(/^invalid JSON: /);
      expect(reason(r).length).toBeLessThan(130);
    }
  });

  it('valid JSON that is not an object, or lacks id or rule, is an error that says why', () => {
    expect(reason(parseJsonAlert('[]'))).toMatch(/array/);
    expect(reason(parseJsonAlert('42'))).toMatch(/number/);
    expect(reason(parseJsonAlert('null'))).toMatch(/null/);
    expect(reason(parseJsonAlert('"x"'))).toMatch(/string/);
    expect(reason(parseJsonAlert('{}'))).toMatch(/no "id"/);
    expect(reason(parse({ id: 1662759795.64767, rule: { id: '550' } }))).toMatch(/"id" is a number/);
    expect(reason(parse({ id: '1.2' }))).toMatch(/"rule" is missing/);
    expect(reason(parse({ id: '1.2', rule: [] }))).toMatch(/"rule" is an array/);
    expect(reason(parse({ id: '1.2', rule: { level: 3 } }))).toMatch(/"rule.id"/);
  });

  it('a UTF-8 BOM and a trailing CR are ignored', () => {
    const line = fixture('fim-added-agent.json').trim();
    expect(parseJsonAlert('\ufeff' + line + '\r').kind).toBe('fim');
  });

  it('deep nesting neither crashes nor recurses', () => {
    expect(reason(parseJsonAlert('['.repeat(100_000)))).toMatch(/^invalid JSON/);
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    expect(reason(parseJsonAlert(deep))).toMatch(/array/);
    const a = base();
    const r = parseJsonAlert(JSON.stringify(a).replace('"groups":[', `"groups":[${deep},`));
    expect(fim(r).rule.groups).toContain('syscheck');
  });
});

describe('parseJsonAlert: FIM file events', () => {
  it('maps a generated event completely', () => {
    const a = base({ whodata: { user: 'root', process: '/usr/bin/touch' }, os: 'linux' });
    const e = fim(parse(a));
    const s = sc(a);
    expect(e.path).toBe('/etc/passwd');
    expect(e.event).toBe('modified');
    expect(e.mode).toBe('whodata');
    expect(e.after).toEqual({ md5: s.md5_after, sha1: s.sha1_after, sha256: s.sha256_after });
    expect(e.before).toEqual({ md5: s.md5_before, sha1: s.sha1_before, sha256: s.sha256_before });
    expect(e.size).toBe(Number(s.size_after));
    expect(e.inode).toBe(s.inode_after);
    expect(e.whodataUser).toBe('root');
    expect(e.whodataProcess).toBe('/usr/bin/touch');
    expect(e.manager).toBe('wazuh-manager');
    expectWellFormed({ kind: 'fim', event: e });
  });

  it('location "syscheck" makes a FIM event even without the syscheck group', () => {
    const a = base();
    rule(a).groups = ['ossec'];
    expect(parse(a).kind).toBe('fim');
    a.location = 'elsewhere';
    expect(parse(a)).toEqual({ kind: 'other', ruleId: '550', groups: ['ossec'] });
  });

  it('a syscheck that is not an object is an error', () => {
    for (const bad of [[], 'x', 1, null]) {
      const a = base();
      a.syscheck = bad;
      expect(reason(parse(a))).toMatch(/malformed "syscheck"/);
    }
  });

  it('infers the event from the rule id when syscheck.event is missing', () => {
    for (const [id, event] of [
      ['554', 'added'],
      ['550', 'modified'],
      ['553', 'deleted'],
    ] as const) {
      const a = base();
      delete sc(a).event;
      rule(a).id = id;
      expect(fim(parse(a)).event).toBe(event);
    }
    const custom = base();
    delete sc(custom).event;
    rule(custom).id = '100200';
    expect(reason(parse(custom))).toBe('FIM event with unknown event type');
    const renamed = base();
    sc(renamed).event = 'renamed';
    expect(reason(parse(renamed))).toBe('FIM event with unknown event type');
    const proto = base();
    delete sc(proto).event;
    rule(proto).id = 'constructor';
    expect(reason(parse(proto))).toBe('FIM event with unknown event type');
  });

  it('a deleted event never carries after hashes, whatever Wazuh repeats; before is kept', () => {
    const a = base({ event: 'deleted', deletedKeepsAfter: true });
    sc(a).md5_before = 'E59FF97941044F85DF5297E1C302D260';
    expect(sc(a).md5_after).toBeTypeOf('string');
    const e = fim(parse(a));
    expect(e.after).toEqual({ md5: null, sha1: null, sha256: null });
    expect(e.before.md5).toBe('e59ff97941044f85df5297e1c302d260');
  });

  it('lower-cases hashes and drops values that are not hashes', () => {
    const a = base();
    sc(a).md5_after = ' D41D8CD98F00B204E9800998ECF8427E ';
    sc(a).sha1_after = 'xxx';
    sc(a).sha256_after = 42;
    sc(a).md5_before = '';
    sc(a).sha1_before = 'da39a3ee5e6b4b0d3255bfef95601890afd8070g';
    const e = fim(parse(a));
    expect(e.after).toEqual({ md5: 'd41d8cd98f00b204e9800998ecf8427e', sha1: null, sha256: null });
    expect(e.before.md5).toBeNull();
    expect(e.before.sha1).toBeNull();
  });

  it('coerces sizes, inodes, ids and levels given as strings; rejects nonsense', () => {
    const a = base();
    Object.assign(sc(a), {
      size_after: 'NaN',
      inode_after: '123',
      uid_after: 0,
      gid_after: {},
      mtime_after: 1662759795,
    });
    rule(a).level = '7';
    rule(a).id = 550;
    const e = fim(parse(a));
    expect(e).toMatchObject({ size: null, inode: 123, uid: '0', gid: null, mtime: '1662759795' });
    expect(e.rule).toMatchObject({ id: '550', level: 7 });
    sc(a).size_after = -5;
    sc(a).inode_after = 1.5;
    expect(fim(parse(a))).toMatchObject({ size: null, inode: null });
    rule(a).level = { n: 7 };
    expect(reason(parse(a))).toMatch(/"rule.level" is an object/);
  });

  it('keeps optional parts optional: no manager, agent, audit, changed_attributes', () => {
    const a = base();
    delete a.manager;
    delete a.agent;
    sc(a).changed_attributes = 'size';
    sc(a).audit = { user: 'root', process: { name: 7 } };
    const e = fim(parse(a));
    expect(e.manager).toBe('');
    expect(e.agent).toEqual({ id: null, name: null, ip: null });
    expect(e.changedAttributes).toEqual([]);
    expect(e.whodataUser).toBeNull();
    expect(e.whodataProcess).toBeNull();
  });

  it('needs a path', () => {
    const a = base();
    delete sc(a).path;
    expect(reason(parse(a))).toMatch(/without a file path/);
    sc(a).path = '';
    expect(reason(parse(a))).toMatch(/without a file path/);
  });

  it('reads the time from the timestamp (with or without a colon in the offset), else from the alert id', () => {
    const a = base();
    a.id = '1662759795.647670';
    const at = (ts: unknown) => {
      a.timestamp = ts;
      return fim(parse(a));
    };
    expect(at('2022-09-09T23:43:15.168+0200').epochMs).toBe(Date.UTC(2022, 8, 9, 21, 43, 15, 168));
    expect(at('2022-09-09T23:43:15.168+02:00').epochMs).toBe(Date.UTC(2022, 8, 9, 21, 43, 15, 168));
    expect(at('2022-09-09T21:43:15.168Z').epochMs).toBe(Date.UTC(2022, 8, 9, 21, 43, 15, 168));
    expect(at('2022-09-09T23:43:15.168-0330').epochMs).toBe(Date.UTC(2022, 8, 10, 3, 13, 15, 168));
    const fallback = at('2022-13-09T23:43:15.168+0200');
    expect(fallback.epochMs).toBe(1662759795000);
    // years 0-99 are not read as 1900-1999 (Date.UTC's rule): the alert id's time instead
    expect(at('0024-04-05T12:00:00.000+0000').epochMs).toBe(1662759795000);
    expect(at('0000-02-29T12:00:00.000+0000').epochMs).toBe(1662759795000);
    expect(at('0100-04-05T12:00:00.000+0000').epochMs).toBe(Date.parse('0100-04-05T12:00:00.000Z'));
    expect(fallback.timestamp).toBe('2022-13-09T23:43:15.168+0200');
    const missing = at(undefined);
    expect(missing.timestamp).toBe(new Date(1662759795000).toISOString());
    a.id = 'abc';
    a.timestamp = 'yesterday';
    expect(reason(parse(a))).toMatch(/usable time/);
  });

  it('keeps Windows and non-ASCII paths as they are', () => {
    for (const path of [
      'C:\\Windows\\System32\\drivers\\etc\\hosts',
      '/home/josé/請求書.exe',
      'c:\\users\\zoë\\😀.txt',
    ]) {
      expect(fim(parse(base({ path }))).path).toBe(path);
    }
    const replaced = `/tmp/bad-\ufffd\ufffd.bin`;
    expect(fim(parse(base({ path: replaced }))).path).toBe(replaced);
  });
});

describe('parseJsonAlert: registry events', () => {
  it('by group (syscheck_registry and syscheck_registry_*)', () => {
    expect(parseJsonAlert(gen.registryAlert({ alertId: '1.2', ruleId: '750' }))).toEqual({
      kind: 'registry',
      alertId: '1.2',
      ruleId: '750',
    });
    const a = base();
    rule(a).groups = ['ossec', 'syscheck', 'syscheck_registry_value'];
    expect(parse(a).kind).toBe('registry');
  });

  it('by rule id (594, 597, 598, 750, 751, 752) without the group', () => {
    for (const id of ['594', '597', '598', '750', '751', '752']) {
      const line = gen.registryAlert({ ruleId: id, groups: ['ossec', 'syscheck'] });
      expect(parseJsonAlert(line).kind).toBe('registry');
    }
  });

  it('by shape: no path but a value_name or arch', () => {
    const line = gen.registryAlert({ kind: 'value', ruleId: '100001', groups: ['syscheck'], withPath: false });
    expect(parseJsonAlert(line).kind).toBe('registry');
    const a = base();
    delete sc(a).path;
    sc(a).arch = '[x64]';
    expect(parse(a).kind).toBe('registry');
  });
});

describe('parseJsonAlert: Wazuh VirusTotal alerts and others', () => {
  it('recognises data.virustotal, and location/group + data.integration', () => {
    const a = JSON.parse(fixture('virustotal-87105-detected.json')) as Json;
    expect(vt(parse(a)).positives).toBe(66);
    a.location = 'elsewhere';
    expect(parse(a).kind).toBe('wazuh-vt');
    const noData = { ...a, data: { integration: 'virustotal' } };
    expect(reason(parse(noData))).toMatch(/data.virustotal/);
    expect(reason(parse({ ...a, data: { virustotal: 'oops' } }))).toMatch(/data.virustotal/);
    expect(parse({ ...a, data: {}, location: 'x', rule: { ...(a.rule as Json), groups: ['virustotal'] } })).toEqual({
      kind: 'other',
      ruleId: '87105',
      groups: ['virustotal'],
    });
  });

  it('every other valid alert is "other" with its rule id and groups', () => {
    expect(parseJsonAlert(gen.otherAlert('sshd'))).toEqual({
      kind: 'other',
      ruleId: '5716',
      groups: ['syslog', 'sshd', 'authentication_failed'],
    });
    expect(parseJsonAlert(gen.otherAlert('rootcheck')).kind).toBe('other');
    expect(parseJsonAlert(gen.otherAlert('web')).kind).toBe('other');
  });

  it('classifyJsonAlert takes an already parsed value', () => {
    expect(classifyJsonAlert(JSON.parse(gen.otherAlert('web')))).toMatchObject({ kind: 'other', ruleId: '31101' });
  });
});
