import { describe, expect, it } from 'vitest';
import { ArgsError } from '../../../electron/headless/args';
import { parseDesktopArgs, pickOurFlags } from '../../../electron/main/launchArgs';

describe('the desktop app takes the headless flags', () => {
  it('picks our flags out of Electron argv, leaving Chromium switches alone', () => {
    const argv = [
      '/opt/electron',
      '.',
      '--enable-logging',
      '--alerts',
      '/var/ossec/logs/alerts/alerts.json',
      '--user-data-dir=/tmp/p',
      '--from-end',
      '--vt-url=http://127.0.0.1:9/',
      '--demo',
    ];
    expect(pickOurFlags(argv)).toEqual([
      '--alerts',
      '/var/ossec/logs/alerts/alerts.json',
      '--from-end',
      '--vt-url=http://127.0.0.1:9/',
      '--demo',
    ]);
    const launch = parseDesktopArgs(argv, '/home/analyst');
    expect(launch.args).toMatchObject({
      alerts: ['/var/ossec/logs/alerts/alerts.json'],
      fromEnd: true,
      vtUrl: 'http://127.0.0.1:9/',
      demo: true,
    });
    expect(launch.dataDirGiven).toBe(false);
  });

  it('resolves relative paths and notices --data-dir', () => {
    const launch = parseDesktopArgs(['electron', '.', '--alerts', 'alerts.json', '--data-dir', 'data'], '/srv/x');
    expect(launch.args.alerts).toEqual(['/srv/x/alerts.json']);
    expect(launch.args.dataDir).toBe('/srv/x/data');
    expect(launch.dataDirGiven).toBe(true);
  });

  it('a wrong value is refused with the flag named', () => {
    expect(() => parseDesktopArgs(['electron', '.', '--quota-per-minute', 'lots'], '/')).toThrow(ArgsError);
    expect(() => parseDesktopArgs(['electron', '.', '--quota-per-minute', 'lots'], '/')).toThrow(/--quota-per-minute/);
  });
});
