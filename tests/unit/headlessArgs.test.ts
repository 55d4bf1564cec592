// The headless command line: defaults, every flag, and a clear refusal (exit code 2) for each wrong one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgsError, DEFAULT_PORT, defaultDataDir, parseHeadlessArgs } from '../../electron/headless/args';

const env = { env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux' as const, homedir: '/home/ana', cwd: '/work' };
const parse = (...argv: string[]) => parseHeadlessArgs(argv, env);

function refusal(...argv: string[]): string {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(ArgsError);
    expect((error as ArgsError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parseHeadlessArgs', () => {
  it('has defaults and generates a token', () => {
    const a = parse();
    expect(a).toMatchObject({
      alerts: [],
      dataDir: '/xdg/FIM Verdict', // the desktop app's folder (tests/unit/dataDirs.test.ts)
      port: DEFAULT_PORT,
      fromEnd: false,
      help: false,
    });
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(a.tokenGenerated).toBe(true);
    expect(parse().token).not.toBe(a.token);
  });

  it('reads every flag, resolving paths against the working folder', () => {
    const a = parse(
      '--alerts',
      'a/alerts.json',
      '--alerts=/var/ossec/logs/alerts',
      '--data-dir',
      'data',
      '--port',
      '0',
      '--token',
      'my-token_123',
      '--from-end',
      '--vt-url',
      'http://127.0.0.1:9999',
      '--quota-per-minute',
      '10',
      '--quota-per-day',
      '1000',
      '--quota-per-month',
      '30000',
      '--integration-log',
      'out/vt.json',
      '--demo',
    );
    expect(a).toEqual({
      alerts: [path.resolve('/work/a/alerts.json'), '/var/ossec/logs/alerts'],
      dataDir: path.resolve('/work/data'),
      port: 0,
      token: 'my-token_123',
      tokenGenerated: false,
      fromEnd: true,
      vtUrl: 'http://127.0.0.1:9999',
      quotaPerMinute: 10,
      quotaPerDay: 1000,
      quotaPerMonth: 30000,
      integrationLog: path.resolve('/work/out/vt.json'),
      demo: true,
      help: false,
    });
    expect(parse('--help').help).toBe(true);
    expect(parse('-h').help).toBe(true);
  });

  it('names the flag of a wrong value', () => {
    expect(refusal('--port', 'abc')).toMatch(/^--port /);
    expect(refusal('--port', '70000')).toMatch(/^--port /);
    expect(refusal('--port', '-1')).toMatch(/--port/);
    expect(refusal('--quota-per-day', '0')).toMatch(/^--quota-per-day /);
    expect(refusal('--quota-per-minute', '1.5')).toMatch(/^--quota-per-minute /);
    expect(refusal('--vt-url', 'ftp://x')).toMatch(/^--vt-url /);
    expect(refusal('--vt-url', 'https://user:pw@vt.example')).toMatch(/^--vt-url /);
    expect(refusal('--token', 'a b')).toMatch(/^--token /);
    expect(refusal('--token', 'a;b')).toMatch(/^--token /);
    expect(refusal('--alerts', '')).toMatch(/^--alerts /);
    expect(refusal('--alerts')).toMatch(/^--alerts needs a value/);
    expect(refusal('--from-end=yes')).toMatch(/^--from-end takes no value/);
    expect(refusal('--bogus')).toBe('unknown flag --bogus');
    expect(refusal('--bogus=1')).toBe('unknown flag --bogus');
    expect(refusal('stray')).toMatch(/^unexpected argument/);
  });

  it('never takes the VirusTotal key from the command line, nor echoes it', () => {
    for (const flag of ['--api-key', '--key', '--apikey', '--api_key', '--vt-key', '--vt-api-key', '--VT_API_KEY']) {
      const message = refusal('--port', '1', flag, 'SECRET123');
      expect(message).toContain('the key comes from VT_API_KEY or the settings, never from the command line');
      expect(message).not.toContain('SECRET123');
    }
    expect(refusal('--api-key=SECRET123')).not.toContain('SECRET123');
  });
});

describe('defaultDataDir', () => {
  it("is the desktop app's folder on each platform (one database whichever way the app starts)", () => {
    expect(defaultDataDir({ env: {}, platform: 'linux', homedir: '/home/ana' })).toBe('/home/ana/.config/FIM Verdict');
    expect(defaultDataDir({ env: { XDG_CONFIG_HOME: 'relative' }, platform: 'linux', homedir: '/h' })).toBe(
      '/h/.config/FIM Verdict',
    );
    expect(defaultDataDir({ env: {}, platform: 'darwin', homedir: '/Users/ana' })).toBe(
      '/Users/ana/Library/Application Support/FIM Verdict',
    );
    expect(
      defaultDataDir({
        env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
        platform: 'win32',
        homedir: 'C:\\Users\\ana',
      }),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\FIM Verdict');
  });
});
