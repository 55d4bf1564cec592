// One Live-table row as the API answers it (AlertItem): a FIM "added" alert of web-01, pending, with the fields a
// test cares about given in `over`.
import type { AlertItem } from '../../shared/contract';
import { verdictWithoutAnswer } from '../../shared/verdict';

export function alertItem(over: Partial<AlertItem> & { id: number; epochMs: number }): AlertItem {
  const { id, epochMs } = over;
  return {
    alertId: `${Math.floor(epochMs / 1000)}.${id}`,
    timestamp: new Date(epochMs).toISOString(),
    manager: 'wazuh-manager',
    agent: { id: '001', name: 'web-01', ip: null },
    rule: { id: '554', level: 5, description: 'File added to the system.' },
    path: `/srv/data/file-${id}.bin`,
    event: 'added',
    mode: 'realtime',
    md5: null,
    sha1: null,
    sha256: null,
    size: null,
    uname: null,
    whodata: null,
    sourceId: 1,
    verdict: verdictWithoutAnswer('pending'),
    ...over,
  };
}
