// One translation of the command-line flags into the engine's options, for the headless mode and the desktop app.
import { describe, expect, it } from 'vitest';
import { engineOptionsFromArgs } from '../../../electron/headless/engineOptions';
import { memorySecretStore } from '../../helpers/engine';

const ARGS = {
  alerts: ['/var/ossec/logs/alerts'],
  fromEnd: true,
  vtUrl: undefined,
  quotaPerMinute: undefined,
  quotaPerDay: undefined,
  quotaPerMonth: undefined,
  integrationLog: undefined,
  demo: false,
};

describe('engineOptionsFromArgs', () => {
  it('gives the sources, the flags that win over saved settings, and the key from VT_API_KEY', () => {
    const secrets = memorySecretStore();
    const o = engineOptionsFromArgs(
      { ...ARGS, vtUrl: 'http://127.0.0.1:8999', quotaPerDay: 100, integrationLog: '/var/log/fimv.json' },
      { dataDir: '/d', secrets, transport: 'http', notices: ['moved'] },
      { VT_API_KEY: '  abc  ' },
    );
    expect(o).toMatchObject({
      dataDir: '/d',
      secrets,
      transport: 'http',
      notices: ['moved'],
      sources: [{ path: '/var/ossec/logs/alerts', fromEnd: true }],
      vtBaseUrl: 'http://127.0.0.1:8999',
      quota: { perMinute: undefined, perDay: 100, perMonth: undefined },
      integrationLog: '/var/log/fimv.json',
      apiKeyFromEnv: 'abc',
      demo: false,
    });
  });

  it('without quota flags the saved plan stands, and an empty VT_API_KEY is none', () => {
    const o = engineOptionsFromArgs(
      ARGS,
      { dataDir: '/d', secrets: memorySecretStore(), transport: 'ipc' },
      {
        VT_API_KEY: ' ',
      },
    );
    expect(o.quota).toBeUndefined();
    expect(o.apiKeyFromEnv).toBeNull();
  });
});
