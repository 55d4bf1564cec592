// The headless command line: defaults, every flag, and a clear refusal (exit code 2) for each wrong one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArgsError, DEFAULT_PORT, defaultDataDir, parseHeadlessArgs } from '../../../electron/headless/args';

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
      '--indexer',
      'https://wazuh-indexer-1:9200',
      '--indexer=https://wazuh-indexer-2:9200',
      '--indexer-ca',
      'certs/root-ca.pem',
      '--wazuh-version',
      '5',
      '--demo',
    );
    expect(a).toEqual({
      alerts: [path.resolve('/work/a/alerts.json'), '/var/ossec/logs/alerts'],
      dataDir: path.resolve('/work/data'),
      port: 0,
      token: 'my-token_123',
      tokenGenerated: false,
      tokenSource: 'flag',
      fromEnd: true,
      vtUrl: 'http://127.0.0.1:9999',
      quotaPerMinute: 10,
      quotaPerDay: 1000,
      quotaPerMonth: 30000,
      integrationLog: path.resolve('/work/out/vt.json'),
      indexer: ['https://wazuh-indexer-1:9200', 'https://wazuh-indexer-2:9200'],
      indexerCa: path.resolve('/work/certs/root-ca.pem'),
      indexerInsecure: false,
      wazuhVersion: '5',
      wazuhSocket: undefined,
      demo: true,
      help: false,
    });
    expect(parse('--help').help).toBe(true);
    expect(parse('-h').help).toBe(true);
  });

  it('reads the indexer flags, and refuses a password on the command line with the reason', () => {
    expect(parse('--indexer', 'http://lab:9200', '--indexer-insecure')).toMatchObject({
      indexer: ['http://lab:9200'],
      indexerInsecure: true,
      indexerCa: undefined,
      wazuhVersion: 'auto',
    });
    for (const flag of ['--indexer-password', '--indexer-password=x', '--wazuh-indexer-pass', '--indexer_pwd']) {
      expect(refusal(flag, 'secret')).toMatch(
        /WAZUH_INDEXER_PASSWORD or Settings → Sources, never from the command line/,
      );
    }
    expect(refusal('--indexer', 'https://u:p@host:9200')).toMatch(/^--indexer .*no user or password in the URL/);
    expect(refusal('--indexer', 'ftp://host')).toMatch(/^--indexer .*only https:\/\//);
    expect(refusal('--wazuh-version', '6')).toMatch(/^--wazuh-version must be auto, 4 or 5/);
    expect(refusal('--indexer', 'https://h:9200', '--indexer-ca', 'ca.pem', '--indexer-insecure')).toMatch(
      /either --indexer-ca or --indexer-insecure/,
    );
    expect(refusal('--indexer-insecure')).toMatch(/--indexer-insecure goes with --indexer/);
    expect(parse('--wazuh-socket', 'q/queue-http.sock').wazuhSocket).toBe(path.resolve('/work/q/queue-http.sock'));
    // a path no Unix socket can have, and something that is not a socket, are refused with the flag's name
    expect(refusal('--wazuh-socket', `/${'q'.repeat(120)}.sock`)).toMatch(/^--wazuh-socket: .*at most 107 bytes/);
    expect(refusal('--wazuh-socket', '/q/queue\nhttp.sock')).toMatch(/control characters/);
    expect(refusal('--wazuh-socket', '/')).toMatch(/^--wazuh-socket: it is a folder/);
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

  it('never takes the MalwareBazaar key from the command line either', () => {
    for (const flag of ['--malwarebazaar-key', '--mb-key', '--malwarebazaar-api-key', '--auth-key', '--abuse-ch-key']) {
      const message = refusal('--port', '1', flag, 'SECRET123');
      expect(message).toContain('MALWAREBAZAAR_API_KEY');
      expect(message).not.toContain('SECRET123');
    }
  });

  it('reads the providers to ask, in order, VirusTotal last, and names a wrong one', () => {
    const parse = (...argv: string[]) => parseHeadlessArgs(argv, env);
    expect(parse().providers).toBeUndefined(); // the stored setting: VirusTotal alone by default
    expect(parse('--providers', 'circl,malwarebazaar,virustotal').providers).toEqual([
      'circl',
      'malwarebazaar',
      'virustotal',
    ]);
    expect(parse('--providers', 'virustotal, CIRCL').providers).toEqual(['circl', 'virustotal']);
    expect(parse('--providers', 'malwarebazaar').providers).toEqual(['malwarebazaar']);
    expect(refusal('--providers', 'circl,nsrl')).toMatch(/^--providers .*circl, malwarebazaar, virustotal.*"nsrl"/);
    expect(refusal('--providers', ',')).toMatch(/^--providers /);
    expect(refusal('--providers', 'circl,circl')).toBe('--providers names each provider once');
    expect(parse('--circl-url', 'http://127.0.0.1:9/').circlUrl).toBe('http://127.0.0.1:9/');
    expect(refusal('--circl-url', 'file:///etc/passwd')).toMatch(/^--circl-url /);
    expect(refusal('--malwarebazaar-url', 'https://u:p@mb.example')).toMatch(/^--malwarebazaar-url /);
  });
});

describe('the token, kept out of the process arguments', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-token-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const tokenFile = (content: string, mode: number) => {
    const file = path.join(dir, `token-${mode.toString(8)}`);
    fs.writeFileSync(file, content);
    fs.chmodSync(file, mode);
    return file;
  };
  const withEnv = (vars: Record<string, string>, ...argv: string[]) =>
    parseHeadlessArgs(argv, { ...env, env: { ...env.env, ...vars } });

  it('reads FIM_VERDICT_TOKEN, and a flag wins over it', () => {
    expect(withEnv({ FIM_VERDICT_TOKEN: 'from-the-environment-123' })).toMatchObject({
      token: 'from-the-environment-123',
      tokenSource: 'env',
      tokenGenerated: false,
    });
    expect(withEnv({ FIM_VERDICT_TOKEN: 'from-env' }, '--token', 'from-flag').token).toBe('from-flag');
    expect(() => withEnv({ FIM_VERDICT_TOKEN: 'has space' })).toThrow(/^FIM_VERDICT_TOKEN must be 1-512 visible/);
    expect(() => withEnv({ FIM_VERDICT_TOKEN: 'secret;value' })).not.toThrow(/secret/);
  });

  it.skipIf(process.platform === 'win32')('reads --token-file when only its owner can read it', () => {
    for (const mode of [0o600, 0o400]) {
      const file = tokenFile('from-a-file-0123456789\n', mode);
      expect(parse('--token-file', file)).toMatchObject({ token: 'from-a-file-0123456789', tokenSource: 'file' });
    }
    const file = tokenFile('from-a-file-0123456789', 0o600);
    expect(withEnv({ FIM_VERDICT_TOKEN: 'from-env' }, '--token-file', file).token).toBe('from-a-file-0123456789');
    expect(refusal('--token', 'x', '--token-file', file)).toBe('give either --token or --token-file, not both');
  });

  it.skipIf(process.platform === 'win32')('refuses a token file others can read, with the reason and the fix', () => {
    const cases: [number, RegExp][] = [
      [0o644, /every user of this machine can read it \(mode 644\): make it readable by its owner only \(chmod 600 /],
      [0o640, /its group can read it \(mode 640\)/],
      [0o604, /every user of this machine can read it \(mode 604\)/],
      [0o620, /its group can change it \(mode 620\)/],
      [0o602, /every user of this machine can change it/],
    ];
    for (const [mode, reason] of cases) {
      const file = tokenFile('a-token-nobody-else-should-see', mode);
      const message = refusal('--token-file', file);
      expect(message, mode.toString(8)).toMatch(new RegExp(`^--token-file ${file}: `));
      expect(message, mode.toString(8)).toMatch(reason);
      expect(message).not.toContain('a-token-nobody-else-should-see');
    }
  });

  it.skipIf(process.platform === 'win32')('refuses a missing, empty, malformed or non-regular token file', () => {
    expect(refusal('--token-file', path.join(dir, 'nope'))).toMatch(/: no such file$/);
    expect(refusal('--token-file', tokenFile('', 0o600))).toMatch(/: it is empty$/);
    expect(refusal('--token-file', tokenFile('two words', 0o600))).toMatch(/the token in it must be 1-512 visible/);
    expect(refusal('--token-file', dir)).toMatch(/: not a regular file$/);
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', ['-m', '600', fifo]);
    expect(refusal('--token-file', fifo)).toMatch(/: not a regular file$/); // and it did not block on the FIFO
  });
});

describe('--webhook and --webhook-format', () => {
  it('take an http(s) URL and a format', () => {
    expect(parse('--webhook', 'https://hooks.slack.com/services/T/B/x', '--webhook-format', 'slack')).toMatchObject({
      webhookUrl: 'https://hooks.slack.com/services/T/B/x',
      webhookFormat: 'slack',
    });
    expect(parse()).toMatchObject({ webhookUrl: undefined, webhookFormat: undefined, webhookTriage: undefined });
    expect(parse('--webhook', 'https://hooks.example.com/h', '--webhook-triage')).toMatchObject({
      webhookTriage: true,
    });
  });

  it('refuse what is not a destination, naming the flag', () => {
    expect(refusal('--webhook', 'file:///etc/passwd')).toMatch(/^--webhook: only http/);
    expect(refusal('--webhook', 'http://user:pw@hooks.example.com/')).toMatch(/^--webhook: credentials .* refused/);
    expect(refusal('--webhook', 'not a url')).toMatch(/^--webhook: /);
    expect(refusal('--webhook-format', 'xml')).toMatch(/--webhook-format is json or slack/);
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
