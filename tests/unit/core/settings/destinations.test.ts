// The declared destinations: the engine's own (the VirusTotal address with its key, the integration log path), and
// a new entry of another shape (a source's URLs and trust with its password) guarded by the same code.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings, type SettingsUpdate } from '../../../../shared/settings';
import {
  BASE_URL_REFUSAL,
  checkLocalUpdate,
  guardHttpUpdate,
  INTEGRATION_LOG_REFUSAL,
  WEBHOOK_REFUSAL,
  WAZUH_SOCKET_REFUSAL,
  CIRCL_URL_REFUSAL,
  lockedOverHttp,
  SETTINGS_DESTINATIONS,
  shownOverHttp,
  type GuardedSetting,
} from '../../../../electron/core/settings/destinations';

describe('the declared destinations', () => {
  it('over HTTP: an unchanged destination is dropped, a new address needs its key, a file path is refused', () => {
    const current: Settings = { ...DEFAULT_SETTINGS, integrationLog: '/var/log/fimv.json' };
    const guard = (u: SettingsUpdate) => guardHttpUpdate(SETTINGS_DESTINATIONS, u, current);
    expect(guard({ baseUrl: 'https://WWW.virustotal.com/', threshold: 2 })).toEqual({
      threshold: 2,
    });
    expect(() => guard({ baseUrl: 'http://127.0.0.1:9' })).toThrow(BASE_URL_REFUSAL);
    const withKey = { baseUrl: 'http://127.0.0.1:9', apiKey: 'k'.repeat(64) };
    expect(guard(withKey)).toEqual(withKey);
    expect(guard({ integrationLog: '/var/log/fimv.json' })).toEqual({});
    expect(() => guard({ integrationLog: '/home/a/.bashrc' })).toThrow(INTEGRATION_LOG_REFUSAL);
    expect(lockedOverHttp(SETTINGS_DESTINATIONS)).toEqual([
      'baseUrl',
      'integrationLog',
      'malwareBazaarUrl',
      'webhookUrl',
      'circlUrl',
      'wazuhSocket',
    ]);
    // where the app posts what it knows: never chosen over HTTP, whatever the value; unchanged is dropped
    expect(() => guard({ webhookUrl: 'https://attacker.example/x' })).toThrow(WEBHOOK_REFUSAL);
    expect(() => guard({ webhookUrl: 'https://attacker.example/x', apiKey: 'k'.repeat(64) })).toThrow(WEBHOOK_REFUSAL);
    expect(guard({ webhookUrl: null, webhookFormat: 'slack' })).toEqual({ webhookFormat: 'slack' });
    const withHook: Settings = { ...current, webhookUrl: 'https://hooks.slack.com/services/T0/B0/secret' };
    const shown = shownOverHttp(SETTINGS_DESTINATIONS, withHook);
    expect(shown.webhookUrl).toBe('https://hooks.slack.com/…');
    expect(shown.integrationLog).toBe(withHook.integrationLog);
    // the shown value sent back by a form is "unchanged"
    expect(guardHttpUpdate(SETTINGS_DESTINATIONS, { webhookUrl: 'https://hooks.slack.com/…' }, withHook)).toEqual({});
  });

  it('over HTTP: the CIRCL address is never chosen (it gets every hash, its "known good" is trusted)', () => {
    const guard = (u: SettingsUpdate) => guardHttpUpdate(SETTINGS_DESTINATIONS, u, DEFAULT_SETTINGS);
    expect(() => guard({ circlUrl: 'http://127.0.0.1:9900' })).toThrow(CIRCL_URL_REFUSAL);
    expect(() => guard({ circlUrl: 'http://127.0.0.1:9900', apiKey: 'k'.repeat(64) })).toThrow(CIRCL_URL_REFUSAL);
    expect(guard({ circlUrl: DEFAULT_SETTINGS.circlUrl, threshold: 2 })).toEqual({ threshold: 2 });
    expect(CIRCL_URL_REFUSAL).toMatch(/--circl-url .* desktop app/);
    expect(() =>
      checkLocalUpdate<Settings, SettingsUpdate>(
        SETTINGS_DESTINATIONS,
        { circlUrl: 'http://127.0.0.1:9900' },
        DEFAULT_SETTINGS,
      ),
    ).not.toThrow();
  });

  it('over HTTP: the Wazuh 5 queue socket is never chosen, set or removed; unchanged is dropped', () => {
    const current: Settings = { ...DEFAULT_SETTINGS, wazuhSocket: '/var/wazuh-manager/queue/sockets/queue-http.sock' };
    const guard = (u: SettingsUpdate) => guardHttpUpdate(SETTINGS_DESTINATIONS, u, current);
    expect(() => guard({ wazuhSocket: '/tmp/attacker.sock' })).toThrow(WAZUH_SOCKET_REFUSAL);
    expect(() => guard({ wazuhSocket: null })).toThrow(WAZUH_SOCKET_REFUSAL);
    expect(() => guard({ wazuhSocket: '/tmp/attacker.sock', apiKey: 'k'.repeat(64) })).toThrow(WAZUH_SOCKET_REFUSAL);
    expect(guard({ wazuhSocket: current.wazuhSocket, threshold: 3 })).toEqual({ threshold: 3 });
    expect(WAZUH_SOCKET_REFUSAL).toMatch(/--wazuh-socket .* desktop app/);
    // not a secret: shown as it is
    expect(shownOverHttp(SETTINGS_DESTINATIONS, current).wazuhSocket).toBe(current.wazuhSocket);
  });

  it('for the local user: a new queue socket path is checked (absent is fine: the output waits for it)', () => {
    const local = (wazuhSocket: string) =>
      checkLocalUpdate<Settings, SettingsUpdate>(SETTINGS_DESTINATIONS, { wazuhSocket }, DEFAULT_SETTINGS);
    expect(() => local(`/nonexistent-${process.pid}/queue-http.sock`)).not.toThrow();
    expect(() => local('relative/queue-http.sock')).toThrow(
      /The Wazuh 5 queue socket cannot be .*not an absolute path/,
    );
    expect(() => local('/run/x\u202e.sock')).toThrow(/no control characters/);
    expect(() => local(`/${'s'.repeat(107)}`)).toThrow(/at most 107 bytes; this one has 108/);
    expect(() => local(`/${'s'.repeat(106)}`)).not.toThrow();
    expect(() => local('/')).toThrow(/it is a folder/);
    expect(() => local('/etc/passwd')).toThrow(/it is not a socket/);
  });

  it('for the local user: a new webhook URL is checked before it is saved', () => {
    expect(() =>
      checkLocalUpdate<Settings, SettingsUpdate>(
        SETTINGS_DESTINATIONS,
        { webhookUrl: 'http://user:pw@hooks.example.com/' },
        DEFAULT_SETTINGS,
      ),
    ).toThrow(/The webhook URL cannot be .*refused over http/);
  });

  it('for the local user: a new file destination is checked before it is saved', () => {
    expect(() =>
      checkLocalUpdate<Settings, SettingsUpdate>(
        SETTINGS_DESTINATIONS,
        { integrationLog: '/nonexistent-folder/x/fimv.json' },
        DEFAULT_SETTINGS,
      ),
    ).toThrow(/The integration log cannot be \/nonexistent-folder\/x\/fimv.json/);
  });

  it('a new credential is one more entry: the same guard keeps its destination', () => {
    type Indexer = { urls: string[]; caFile: string | null };
    type IndexerUpdate = Partial<Indexer> & { password?: string };
    const rules: GuardedSetting<Indexer, IndexerUpdate>[] = [
      {
        kind: 'credential',
        field: 'urls',
        credential: 'password',
        same: (a, b) => JSON.stringify(a) === JSON.stringify(b),
        refusal: 'a new indexer address needs its password',
      },
    ];
    const current: Indexer = { urls: ['https://indexer:9200'], caFile: null };
    expect(guardHttpUpdate(rules, { urls: ['https://indexer:9200'] }, current)).toEqual({});
    expect(() => guardHttpUpdate(rules, { urls: ['https://elsewhere:9200'] }, current)).toThrow('needs its password');
    expect(guardHttpUpdate(rules, { urls: ['https://elsewhere:9200'], password: 'p' }, current)).toMatchObject({
      password: 'p',
    });
  });
});
