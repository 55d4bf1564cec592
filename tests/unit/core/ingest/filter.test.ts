import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FimEvent } from '../../../../shared/domain';
import { DEFAULT_SETTINGS, FilterSettings } from '../../../../shared/settings';
import {
  compileFilter,
  compileLocationPattern,
  extensionOf,
  isWindowsPath,
} from '../../../../electron/core/ingest/filter';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { WazuhAlertGenerator } from '../../../generators/wazuhAlerts';

const gen = new WazuhAlertGenerator({ seed: 77 });

function event(over: Partial<FimEvent> & { groups?: string[]; level?: number; ruleId?: string } = {}): FimEvent {
  const r = parseJsonAlert(gen.fimAlert({ event: 'modified', path: '/var/www/html/index.php' }));
  if (r.kind !== 'fim') throw new Error('generator broke');
  const { groups, level, ruleId, ...rest } = over;
  const e = { ...r.event, ...rest };
  e.rule = { ...e.rule, groups: groups ?? e.rule.groups, level: level ?? e.rule.level, id: ruleId ?? e.rule.id };
  return e;
}
const filter = (over: Partial<FilterSettings>) => compileFilter({ ...DEFAULT_SETTINGS.filters, ...over });
const why = (f: ReturnType<typeof compileFilter>, e: FimEvent): string => {
  const r = f(e);
  return r.pass ? 'pass' : r.reason;
};

describe('compileFilter: integratord filters', () => {
  it('the default settings let a FIM event through', () => {
    expect(compileFilter(DEFAULT_SETTINGS.filters)(event())).toEqual({ pass: true });
  });

  it('groups: at least one in common; empty list = any', () => {
    const f = filter({ groups: ['syscheck', 'rootcheck'] });
    expect(why(f, event({ groups: ['ossec', 'syscheck'] }))).toBe('pass');
    expect(why(f, event({ groups: ['ossec', 'web'] }))).toBe(
      'rule groups ossec, web include none of syscheck, rootcheck',
    );
    expect(why(f, event({ groups: [] }))).toBe('the rule has no groups (one of syscheck, rootcheck is required)');
    expect(why(filter({ groups: [] }), event({ groups: [] }))).toBe('pass');
    expect(why(f, event({ groups: ['Syscheck'] }))).not.toBe('pass');
  });

  it('minLevel: rule.level >= minLevel', () => {
    const f = filter({ minLevel: 5 });
    expect(why(f, event({ level: 3 }))).toBe('rule level 3 is below the minimum 5');
    expect(why(f, event({ level: 5 }))).toBe('pass');
    expect(why(f, event({ level: 12 }))).toBe('pass');
  });

  it('ruleIds: one of them (leading zeros ignored); empty = any', () => {
    const f = filter({ ruleIds: ['550', '0553'] });
    expect(why(f, event({ ruleId: '550' }))).toBe('pass');
    expect(why(f, event({ ruleId: '553' }))).toBe('pass');
    expect(why(f, event({ ruleId: '554' }))).toBe('rule 554 is not in the rule id list');
    expect(why(filter({ ruleIds: [] }), event({ ruleId: '100200' }))).toBe('pass');
  });

  it('location: OS_Match style pattern', () => {
    const ok = (pattern: string, location = 'syscheck') =>
      filter({ location: pattern })(event({ location })).pass === true &&
      (compileLocationPattern(pattern)?.(location) ?? true);
    for (const p of [
      'syscheck',
      'sys',
      'CHECK',
      'foo|syscheck',
      ' foo | sys ',
      '^sys',
      'check$',
      '^syscheck$',
      'sys*',
      '*check',
      's*c*k',
      '!foo',
      '!foo|bar',
    ])
      expect(ok(p), p).toBe(true);
    for (const p of ['foo', '^check', 'sys$', '^sys$', 'ys*', '!syscheck', '!foo|sys', 'syscheck2'])
      expect(ok(p), p).toBe(false);
    expect(compileLocationPattern('')).toBeNull();
    expect(compileLocationPattern(' | ')).toBeNull();
    expect(compileLocationPattern('!')).toBeNull();
    expect(compileLocationPattern('a.b')?.('aXb')).toBe(false);
    expect(compileLocationPattern('/var/log/*.log')?.('/var/log/auth.log')).toBe(true);
    const f = filter({ location: 'rootcheck|/var/log/*' });
    expect(why(f, event({ location: 'syscheck' }))).toBe(
      'location "syscheck" does not match the location pattern "rootcheck|/var/log/*"',
    );
    expect(why(filter({ location: '' }), event({ location: 'anything' }))).toBe('pass');
  });

  it('checks in order and reports the first failure', () => {
    const f = filter({
      groups: ['web'],
      minLevel: 10,
      ruleIds: ['1'],
      location: 'nowhere',
      extensions: ['exe'],
      pathExclude: ['**'],
    });
    expect(why(f, event({ level: 1 }))).toMatch(/^rule groups/);
    expect(why(f, event({ groups: ['web'], level: 1 }))).toMatch(/^rule level/);
    expect(why(f, event({ groups: ['web'], level: 10 }))).toMatch(/^rule \d+ is not/);
    expect(why(f, event({ groups: ['web'], level: 10, ruleId: '1' }))).toMatch(/^location/);
    expect(why(f, event({ groups: ['web'], level: 10, ruleId: '1', location: 'nowhere' }))).toMatch(/^extension/);
    expect(why(f, event({ groups: ['web'], level: 10, ruleId: '1', location: 'nowhere', path: '/a.exe' }))).toMatch(
      /^path matches exclude/,
    );
  });
});

describe('compileFilter: file filters', () => {
  it('extensions: case-insensitive, with or without the dot, Windows paths too', () => {
    const f = filter({ extensions: ['.exe', 'DLL', ' ps1 '] });
    for (const path of [
      'C:\\x\\Y.EXE',
      '/tmp/a.exe',
      'c:\\windows\\system32\\kernel32.dll',
      'D:\\s\\run.PS1',
      '/x/archive.tar.exe',
    ])
      expect(why(f, event({ path })), path).toBe('pass');
    expect(why(f, event({ path: '/tmp/a.txt' }))).toBe('extension .txt is not in the list');
    expect(why(f, event({ path: '/etc/passwd' }))).toBe(
      'the file has no extension (only .exe, .dll, .ps1 are looked up)',
    );
    expect(why(f, event({ path: 'C:\\app.d\\run' }))).toMatch(/no extension/);
    expect(why(f, event({ path: '/home/a/.exe' }))).toMatch(/no extension/);
  });

  it('pathInclude / pathExclude: globs, dotfiles, file-name patterns', () => {
    const f = filter({ pathInclude: ['/var/www/**', '/home/**'], pathExclude: ['/var/www/cache/**', '*.tmp'] });
    expect(why(f, event({ path: '/var/www/html/index.php' }))).toBe('pass');
    expect(why(f, event({ path: '/home/a/.ssh/authorized_keys' }))).toBe('pass');
    expect(why(f, event({ path: '/etc/passwd' }))).toBe(
      'path matches none of the include patterns (/var/www/**, /home/**)',
    );
    expect(why(f, event({ path: '/var/www/cache/x.php' }))).toBe('path matches exclude pattern /var/www/cache/**');
    expect(why(f, event({ path: '/home/a/b/c.tmp' }))).toBe('path matches exclude pattern *.tmp');
    expect(why(filter({ pathExclude: ['/tmp/**'] }), event({ path: '/tmp/x/y' }))).toBe(
      'path matches exclude pattern /tmp/**',
    );
    expect(why(filter({ pathExclude: ['/TMP/**'] }), event({ path: '/tmp/x' }))).toBe('pass');
  });

  it('Windows paths: backslashes and case do not matter', () => {
    const f = filter({ pathExclude: ['C:\\Windows\\**', '**/Temp/**', '*.TMP'] });
    expect(why(f, event({ path: 'c:\\windows\\system32\\x.dll' }))).toBe(
      'path matches exclude pattern C:\\Windows\\**',
    );
    expect(why(f, event({ path: 'C:\\Users\\bob\\AppData\\Local\\temp\\a.exe' }))).toBe(
      'path matches exclude pattern **/Temp/**',
    );
    expect(why(f, event({ path: 'D:\\data\\x.tmp' }))).toBe('path matches exclude pattern *.TMP');
    expect(why(f, event({ path: 'D:\\data\\x.exe' }))).toBe('pass');
    const unc = filter({ pathInclude: ['//fileserver/share/**'] });
    expect(why(unc, event({ path: '\\\\FileServer\\Share\\doc.docm' }))).toBe('pass');
    const inc = filter({ pathInclude: ['c:/users/*/downloads/**'] });
    expect(why(inc, event({ path: 'C:\\Users\\Jürgen\\Downloads\\Überweisung.docm' }))).toBe('pass');
  });

  it('non-ASCII paths match', () => {
    expect(
      why(
        filter({ pathInclude: ['/srv/共有/**'], extensions: ['exe'] }),
        event({ path: '/srv/共有/データ/請求書.exe' }),
      ),
    ).toBe('pass');
  });

  it('never throws, for any valid settings and any path', () => {
    const settings = fc.record({
      groups: fc.array(fc.constantFrom('syscheck', 'ossec', 'web', 'x y'), { maxLength: 3 }),
      minLevel: fc.integer({ min: 0, max: 16 }),
      ruleIds: fc.array(fc.constantFrom('550', '553', '554', '0', '9999999'), { maxLength: 3 }),
      location: fc.string({ maxLength: 20 }),
      extensions: fc.array(fc.stringMatching(/^\.?[a-zA-Z0-9]{1,5}$/), { maxLength: 3 }),
      pathInclude: fc.array(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
        { maxLength: 2 },
      ),
      pathExclude: fc.array(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
        { maxLength: 2 },
      ),
    });
    fc.assert(
      fc.property(settings, fc.string({ unit: 'binary', maxLength: 60 }), (s, path) => {
        const parsed = FilterSettings.safeParse(s);
        if (!parsed.success) return;
        const r = compileFilter(parsed.data)(event({ path: path || '/x' }));
        expect(typeof r.pass).toBe('boolean');
        if (!r.pass) expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('helpers', () => {
  it('extensionOf and isWindowsPath', () => {
    expect(extensionOf('C:\\x\\Y.EXE')).toBe('exe');
    expect(extensionOf('/a/b.tar.gz')).toBe('gz');
    expect(extensionOf('/a/b.')).toBeNull();
    expect(extensionOf('/a.d/b')).toBeNull();
    expect(extensionOf('.bashrc')).toBeNull();
    expect(isWindowsPath('c:\\x')).toBe(true);
    expect(isWindowsPath('C:/x')).toBe(true);
    expect(isWindowsPath('\\\\srv\\share')).toBe(true);
    expect(isWindowsPath('/c:/x')).toBe(false);
  });
});
