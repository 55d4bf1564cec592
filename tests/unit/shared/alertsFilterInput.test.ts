// The Live filters are declared once (AlertsFilterInput) and extended by the list, its export and a row's position:
// their public fields stay what they were, and each input reads them alike.
import { describe, expect, it } from 'vitest';
import { apiContract } from '../../../shared/contract';

const FILTERS = ['q', 'state', 'agent', 'event', 'triage'];
const keys = (name: 'listAlerts' | 'exportAlerts' | 'locateAlert') => Object.keys(apiContract[name].input.shape).sort();

describe('the Live filters in the contract', () => {
  it('keep the public fields of each input', () => {
    expect(keys('listAlerts')).toEqual([...FILTERS, 'limit', 'offset', 'maxId'].sort());
    // the export's maxId: the snapshot a count from the list gave (added with the streamed download)
    expect(keys('exportAlerts')).toEqual([...FILTERS, 'format', 'maxId'].sort());
    expect(keys('locateAlert')).toEqual([...FILTERS, 'at', 'alertId', 'maxId'].sort());
  });

  it('are read alike by the list, the export and the position', () => {
    const filters = { q: '  /etc/passwd ', state: 'malicious', agent: ' 001 ', event: 'modified', triage: 'escalated' };
    const read = { q: '/etc/passwd', state: 'malicious', agent: '001', event: 'modified', triage: 'escalated' };
    expect(apiContract.listAlerts.input.parse({ ...filters, maxId: '7' })).toEqual({
      ...read,
      limit: 100,
      offset: 0,
      maxId: 7,
    });
    expect(apiContract.exportAlerts.input.parse({ ...filters, format: 'csv' })).toEqual({ ...read, format: 'csv' });
    expect(apiContract.locateAlert.input.parse({ ...filters, alertId: '1.2', maxId: '7' })).toEqual({
      ...read,
      alertId: '1.2',
      maxId: 7,
    });
    for (const name of ['listAlerts', 'exportAlerts', 'locateAlert'] as const) {
      const input = apiContract[name].input;
      expect(input.safeParse({ format: 'json', alertId: '1.2', event: 'renamed' }).success, name).toBe(false);
      expect(input.safeParse({ format: 'json', alertId: '1.2', agent: 'x'.repeat(201) }).success, name).toBe(false);
    }
  });
});
