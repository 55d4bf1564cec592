// The Wazuh 5 engine's file output told apart from alerts.json by its content, and its lines read: FIM events
// parsed, other events counted, a broken line an error whose excerpt is shown only when it looks like an event.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../../../electron/core/ingest/parseBatch';
import { jsonLinesFlavour } from '../../../../electron/core/wazuh/event5Format';
import { detectFormat } from '../../../../electron/core/wazuh/prefilter';
import type { SourceBatch } from '../../../../electron/core/sources/alertSource';
import { WAZUH5_FIXTURES, WAZUH_FIXTURES } from '../../../helpers/fixtures';

const event = (name: string) => fs.readFileSync(path.join(WAZUH5_FIXTURES, name), 'utf8').trim();
const alert = fs.readFileSync(path.join(WAZUH_FIXTURES, 'fim-added-agent.json'), 'utf8').trim();
const added = event('fim-added-event.json');
const modified = event('fim-modified-event.json');
const sshd = JSON.stringify({
  '@timestamp': '2026-07-05T09:17:00.000Z',
  event: { kind: 'event', category: ['authentication'] },
  wazuh: { event: { id: '0d5c1a3e-7b2f-4c8d-9e1a-2b3c4d5e6f70' }, integration: { name: 'sshd' } },
});

function batchOf(lines: string[]): SourceBatch {
  const buf = Buffer.from(lines.join('\n') + '\n');
  const ranges: [number, number][] = [];
  let at = 0;
  for (const l of lines) {
    ranges.push([at, at + Buffer.byteLength(l)]);
    at += Buffer.byteLength(l) + 1;
  }
  return {
    records: {
      kind: 'raw',
      format: 'event5',
      forEachRecord: (visit) => ranges.forEach(([s, e]) => visit(buf, s, e, s)),
      oversize: [],
    },
    origin: '/var/wazuh-manager/logs/standard-wazuh-events-v5/standard-wazuh-events-v5.json',
    reason: 'live',
    bytes: buf.length,
    commit: () => {},
  };
}

describe('telling the 5.x event output from alerts.json', () => {
  it('by the first complete line that is an alert or an event', () => {
    expect(detectFormat(Buffer.from(`${added}\n${sshd}\n`))).toBe('event5');
    expect(detectFormat(Buffer.from(`${sshd}\n${added}\n`))).toBe('event5');
    expect(detectFormat(Buffer.from(`${alert}\n`))).toBe('json');
    // a broken first line (the tail of a cut record) is passed over
    expect(detectFormat(Buffer.from(`{"cut": \n${modified}\n`))).toBe('event5');
    // nothing complete yet: alerts.json, as before
    expect(detectFormat(Buffer.from(added.slice(0, 200)))).toBe('json');
    expect(jsonLinesFlavour(Buffer.from(added.slice(0, 200)))).toBeNull();
  });

  it('an object with "@timestamp" and "wazuh" that is no 5.x event is not taken for one', () => {
    expect(jsonLinesFlavour(Buffer.from('{"@timestamp":"x","wazuh":{"other":1}}\n'))).toBeNull();
  });
});

describe('reading the 5.x event output', () => {
  it('FIM events parsed, other events counted, broken lines are errors (excerpt only of what looks like an event)', () => {
    const brokenFim = added.replace('"file":{', '"file":{"size":');
    const out = parseBatch(batchOf([added, sshd, modified, '{"password":"hunter2"}', 'not json', brokenFim]));
    expect(out.items.map((i) => i.kind === 'fim' && i.event.event)).toEqual(['added', 'modified']);
    expect(out.other).toBe(1);
    expect(out.errors.map((e) => e.reason)).toEqual([
      'not a Wazuh 5 event: no "@timestamp" string and no "wazuh" object',
      expect.stringMatching(/not a valid JSON event/),
      expect.stringMatching(/invalid JSON/),
    ]);
    expect(out.errors[0].excerpt).toMatch(/^\(withheld: .*"@timestamp", "wazuh" and event "id"/);
    expect(out.errors[0].excerpt).not.toMatch(/hunter2/);
    expect(out.errors[2].excerpt.startsWith('{"@timestamp"')).toBe(true);
  });
});
