// Which sources get Wazuh's rotation handling (finding the dated file again, reading the days missed while stopped),
// and which dated files they rotate into.
import { describe, expect, it } from 'vitest';
import { datedFileAt, datedKindOf } from '../../../../../electron/core/sources/file/datedFiles';
import { followedPath, rotationFolderOf } from '../../../../../electron/core/sources/file/paths';

describe('rotation folders', () => {
  it('a logs/alerts folder, and a file source named alerts.json or alerts.log; no other file', () => {
    expect(rotationFolderOf({ path: '/var/ossec/logs/alerts', kind: 'folder' })).toBe('/var/ossec/logs/alerts');
    expect(rotationFolderOf({ path: '/var/ossec/logs/alerts/alerts.json', kind: 'file' })).toBe(
      '/var/ossec/logs/alerts',
    );
    expect(rotationFolderOf({ path: '/var/ossec/logs/alerts/alerts.log', kind: 'file' })).toBe(
      '/var/ossec/logs/alerts',
    );
    expect(rotationFolderOf({ path: '/tmp/export.json', kind: 'file' })).toBeNull();
  });

  it('alerts.json rotates into .json files, alerts.log into .log files', () => {
    expect(datedKindOf(followedPath({ path: '/x/logs/alerts', kind: 'folder' }))).toBe('json');
    expect(datedKindOf('/x/logs/alerts/alerts.log')).toBe('log');
    expect(datedFileAt('/x', '/x/2026/Nov/ossec-alerts-05-002.log.gz')).toEqual({
      day: '2026-11-05',
      seq: 2,
      kind: 'log',
    });
    expect(datedFileAt('/x', '/x/2026/Nov/ossec-alerts-05.json')).toEqual({ day: '2026-11-05', seq: 0, kind: 'json' });
    expect(datedFileAt('/x', '/x/2026/Foo/ossec-alerts-05.json')).toBeNull();
    expect(datedFileAt('/x', '/x/alerts.json')).toBeNull();
  });
});
