// One translation of the command-line flags into the engine's options, for the headless mode and the desktop app.
import { describe, expect, it } from 'vitest';
import { parseHeadlessArgs } from '../../../electron/headless/args';
import { engineOptionsFromArgs } from '../../../electron/headless/engineOptions';
import { memorySecretStore } from '../../helpers/engine';

/** The flags as the one parser gives them. */
const parsed = (...argv: string[]) => parseHeadlessArgs(['--alerts', '/var/ossec/logs/alerts', '--from-end', ...argv]);

describe('engineOptionsFromArgs', () => {
  it('gives the sources, the flags that win over saved settings, and the key from VT_API_KEY', () => {
    const secrets = memorySecretStore();
    const o = engineOptionsFromArgs(
      parsed('--vt-url', 'http://127.0.0.1:8999', '--quota-per-day', '100', '--integration-log', '/var/log/fimv.json'),
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
      parsed(),
      { dataDir: '/d', secrets: memorySecretStore(), transport: 'ipc' },
      {
        VT_API_KEY: ' ',
      },
    );
    expect(o.quota).toBeUndefined();
    expect(o.apiKeyFromEnv).toBeNull();
  });
});
