// The declared destinations: the engine's own (the VirusTotal address with its key, the integration log path), and
// a new entry of another shape (a source's URLs and trust with its password) guarded by the same code.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings, type SettingsUpdate } from '../../../../shared/settings';
import {
  BASE_URL_REFUSAL,
  checkLocalUpdate,
  guardHttpUpdate,
  INTEGRATION_LOG_REFUSAL,
  lockedOverHttp,
  SETTINGS_DESTINATIONS,
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
    expect(lockedOverHttp(SETTINGS_DESTINATIONS)).toEqual(['baseUrl', 'integrationLog']);
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
