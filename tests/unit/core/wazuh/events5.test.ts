// Wazuh 5.x events -> ParsedRecord: the real fixtures, the generated corpus (exact counts against its manifest),
// the engine's file output, and what untrusted input can hold. Also 4.x indexer documents through the alerts.json
// parser (parseIndexerAlert4).
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { FimEvent, ParsedRecord } from '../../../../shared/domain';
import { compileFilter } from '../../../../electron/core/ingest/filter';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import {
  classifyEvent5,
  fimRule5,
  looksLikeEvent5,
  parseEvent5Line,
  parseEvent5Object,
} from '../../../../electron/core/wazuh/events5';
import { parseIndexerAlert4 } from '../../../../electron/core/wazuh/indexerAlert4';
import { WAZUH5_FIXTURES } from '../../../helpers/fixtures';
import { makeTempDir } from '../../../helpers/tempDir';
import { summarize } from '../../../generators/indexerCorpus';
import { generateEvents5Corpus } from '../../../generators/wazuhEvents5';
import { generateIndexer4Corpus } from '../../../generators/wazuhIndexer4';
import { writeEngineOutput } from '../../../generators/wazuhEngineOutput5';
import { alertDocument } from '../../../emulator/indexer/wazuhFeed';

type Json = Record<string, unknown>;
const fixture = (name: string): Json => JSON.parse(fs.readFileSync(path.join(WAZUH5_FIXTURES, name), 'utf8'));
const fim = (r: ParsedRecord): FimEvent => {
  if (r.kind !== 'fim') throw new Error(`expected fim, got ${JSON.stringify(r)}`);
  return r.event;
};
const reason = (r: ParsedRecord) => (r.kind === 'error' ? r.reason : `not an error: ${r.kind}`);
const clone = (v: Json): Json => structuredClone(v);

describe('Wazuh 5 FIM events (the real fixtures)', () => {
  it('an added file: agent, synthetic rule, path, hashes, alert id, manager, time, attributes', () => {
    const e = fim(classifyEvent5(fixture('fim-added-event.json')));
    expect(e).toMatchObject({
      alertId: '5f0c2d7e-9a4b-4c1e-8f3d-2b6a1c9e7d40',
      timestamp: '2026-07-05T09:16:48.012Z',
      epochMs: Date.UTC(2026, 6, 5, 9, 16, 48, 12),
      manager: 'node01',
      agent: { id: '003', name: 'wazuh-agent-name', ip: null },
      rule: {
        id: '554',
        level: 5,
        description: 'File added to the system.',
        groups: ['syscheck', 'syscheck_file', 'syscheck_entry_added', 'wazuh-fim'],
      },
      location: 'syscheck',
      path: '/tmp/.systemd-private-cache/agent',
      event: 'added',
      mode: 'realtime',
      after: {
        md5: 'f3a523107d78e5f4ee7bc98958814355',
        sha1: 'd942b1004f0aad94387b63417f52cacbca7a9910',
        sha256: '009b2e4be7c5406a27e58078b9320891c7a5ace5e4537fadb3a62eacac930934',
      },
      before: { md5: null, sha1: null, sha256: null },
      size: 51328,
      perm: 'rwxr-xr-x',
      uname: 'root',
      gname: 'root',
      uid: '0',
      gid: '0',
      inode: 204981,
      mtime: '2026-07-05T09:16:47.000Z',
    });
  });

  it('a modified file: the previous hashes and the changed fields as 4.x named them', () => {
    const e = fim(classifyEvent5(fixture('fim-modified-event.json')));
    expect(e.event).toBe('modified');
    expect(e.rule).toMatchObject({ id: '550', level: 7, description: 'Integrity checksum changed.' });
    expect(e.path).toBe('/etc/passwd');
    expect(e.agent).toEqual({ id: '001', name: 'wazuh-agent-name', ip: null });
    expect(e.before.sha256).toBe('5546f7f668991b976e20347a540ec3384ddc6efee928ea2963307c8f4b8656e5');
    expect(e.after.sha256).toBe('df8c34fb6aa692e31c3119c0b0d58f97904ecd65c6439cf8cd75fed4fa1d77d3');
    expect(e.changedAttributes).toEqual(['size', 'mtime', 'md5', 'sha1', 'sha256']);
  });

  it('passes the default filters (group syscheck, level 0); rule-id and group filters keep their 4.x meaning', () => {
    const filter = compileFilter(DEFAULT_SETTINGS.filters);
    const added = fim(classifyEvent5(fixture('fim-added-event.json')));
    const modified = fim(classifyEvent5(fixture('fim-modified-event.json')));
    expect([filter(added), filter(modified)]).toEqual([{ pass: true }, { pass: true }]);
    const onlyModified = compileFilter({ ...DEFAULT_SETTINGS.filters, ruleIds: ['550'] });
    expect(onlyModified(modified)).toEqual({ pass: true });
    expect(onlyModified(added).pass).toBe(false);
    const only5 = compileFilter({ ...DEFAULT_SETTINGS.filters, groups: ['wazuh-fim'], minLevel: 6 });
    expect([only5(added).pass, only5(modified).pass]).toEqual([false, true]);
  });

  it('the same event from a file line and from an indexer document is the same alert', () => {
    const raw = fs.readFileSync(path.join(WAZUH5_FIXTURES, 'fim-added-event.json'), 'utf8');
    expect(parseEvent5Line(raw.trim() + '\r')).toEqual(parseEvent5Object(JSON.parse(raw)));
    expect(parseEvent5Line('\ufeff' + raw.trim()).kind).toBe('fim');
  });
});

describe('the event kind: the agent own type first, then the WCS fields', () => {
  it('event.original says deleted while WCS is ambiguous: deleted, no hashes to look up', () => {
    const doc = fixture('fim-modified-event.json');
    const original = JSON.parse((doc.event as Json).original as string);
    original.data.event.type = 'deleted';
    (doc.event as Json).original = JSON.stringify(original);
    (doc.event as Json).type = ['change', 'deletion'];
    const e = fim(classifyEvent5(doc));
    expect(e.event).toBe('deleted');
    expect(e.after).toEqual({ md5: null, sha1: null, sha256: null });
    expect(e.rule).toMatchObject({ id: '553', level: 7, description: 'File deleted.' });
  });

  it('without event.original: event.type, then event.action', () => {
    const doc = fixture('fim-added-event.json');
    delete (doc.event as Json).original;
    expect(fim(classifyEvent5(doc)).event).toBe('added');
    (doc.event as Json).type = ['info'];
    (doc.event as Json).action = 'file-modified';
    expect(fim(classifyEvent5(doc)).event).toBe('modified');
    delete (doc.event as Json).action;
    expect(reason(classifyEvent5(doc))).toMatch(/unknown event type/);
  });

  it('an unreadable or huge event.original falls back to the WCS fields', () => {
    const doc = fixture('fim-added-event.json');
    (doc.event as Json).original = '{"collector": broken';
    expect(fim(classifyEvent5(doc))).toMatchObject({ event: 'added', mode: null, perm: null });
    (doc.event as Json).original = '{"x":"' + 'a'.repeat(1 << 20) + '"}';
    expect(fim(classifyEvent5(doc)).event).toBe('added');
  });

  it('hashes from event.original when the WCS file has none', () => {
    const doc = fixture('fim-added-event.json');
    delete (doc.file as Json).hash;
    expect(fim(classifyEvent5(doc)).after.sha256).toBe(
      '009b2e4be7c5406a27e58078b9320891c7a5ace5e4537fadb3a62eacac930934',
    );
  });
});

describe('a finding (a 5.x detection rule matched the event)', () => {
  it('takes the rule title and maps the level word', () => {
    const doc = fixture('fim-added-event.json');
    (doc.wazuh as Json).rule = {
      id: 'd5cc0e71-bcbb-4adc-98de-caed210cebf2',
      title: 'Binary dropped in /tmp',
      level: 'high',
    };
    expect(fim(classifyEvent5(doc)).rule).toMatchObject({
      id: '554',
      level: 12,
      description: 'Binary dropped in /tmp',
    });
    expect(fimRule5('modified', { level: 'informational' }).level).toBe(3);
    expect(fimRule5('modified', { level: 'bogus' }).level).toBe(7);
  });
});

describe('what is not a FIM file event', () => {
  it('registry events (collector registry_key / registry_value) are registry', () => {
    const doc = fixture('fim-modified-event.json');
    delete doc.file;
    doc.registry = { key: 'HKEY_LOCAL_MACHINE\\Software\\x', hive: 'HKLM' };
    (doc.event as Json).original = JSON.stringify({ collector: 'registry_value', module: 'fim', data: {} });
    expect(classifyEvent5(doc)).toEqual({
      kind: 'registry',
      alertId: 'a81f3c55-0d2e-4b7a-9c61-7e4f2d8b1a03',
      ruleId: 'registry',
    });
  });

  it('events of other integrations are other, with the integration as group', () => {
    const corpus = generateEvents5Corpus({ seed: 4, count: 200, otherShare: 1 });
    expect(classifyEvent5(corpus.docs[0])).toEqual({ kind: 'other', ruleId: null, groups: ['system'] });
  });

  it('malformed input is an error with a reason, never a throw', () => {
    expect(reason(parseEvent5Line(''))).toMatch(/^invalid JSON/);
    expect(reason(parseEvent5Line('[1]'))).toMatch(/an array/);
    expect(reason(parseEvent5Line('{}'))).toMatch(/no "wazuh.event.id"/);
    const doc = fixture('fim-added-event.json');
    const mutate = (f: (d: Json) => void) => {
      const d = clone(doc);
      f(d);
      return reason(classifyEvent5(d));
    };
    expect(mutate((d) => ((d.wazuh as Json).event = { id: 42 }))).toMatch(/"wazuh.event.id" is a number/);
    expect(mutate((d) => ((d.wazuh as Json).event = null))).toMatch(/"wazuh.event.id" is missing/);
    expect(
      mutate((d) => {
        delete d.file;
        (d.event as Json).original = '{}';
      }),
    ).toMatch(/without a file path/);
    expect(mutate((d) => (d['@timestamp'] = 'yesterday'))).toMatch(/"@timestamp" is a string/);
    expect(mutate((d) => delete d['@timestamp'])).toMatch(/"@timestamp" is missing/);
    // values of the wrong type are ignored, not trusted
    const odd = clone(doc);
    odd.file = { path: '/x', hash: { md5: 5, sha256: ['a'] }, size: '-1', owner: {}, inode: 'x' };
    (odd.wazuh as Json).agent = { id: { x: 1 }, name: 7, host: { ip: ['10.0.0.7', '::1'] } };
    const e = fim(classifyEvent5(odd));
    expect(e.after).toEqual({
      md5: 'f3a523107d78e5f4ee7bc98958814355',
      sha1: 'd942b1004f0aad94387b63417f52cacbca7a9910',
      sha256: '009b2e4be7c5406a27e58078b9320891c7a5ace5e4537fadb3a62eacac930934',
    });
    expect(e.agent).toEqual({ id: null, name: null, ip: '10.0.0.7' });
    expect(e).toMatchObject({ size: 51328, uname: null, inode: null });
  });

  it('a path with any bytes is kept as it is (control characters, invalid UTF-8 replaced by JSON.parse, RTL marks)', () => {
    const hostile = '/tmp/\u0000\u001b[31mred\u202e\ud800\n.txt';
    const doc = fixture('fim-added-event.json');
    (doc.file as Json).path = hostile;
    const line = JSON.stringify(doc);
    expect(fim(parseEvent5Line(line)).path).toBe(hostile);
    const proto = JSON.parse(line.replace('"file":{', '"file":{"__proto__":{"path":"/evil"},'));
    expect(fim(classifyEvent5(proto)).path).toBe(hostile);
    expect(({} as Json).path).toBeUndefined();
  });

  it('tells 5.x events from 4.x alerts by content', () => {
    expect(looksLikeEvent5(fixture('fim-added-event.json'))).toBe(true);
    const alert = generateIndexer4Corpus({ seed: 1, count: 5 }).docs[0];
    expect(looksLikeEvent5(alert)).toBe(false);
    expect(looksLikeEvent5(null)).toBe(false);
  });
});

describe('the generated corpora, counted exactly against their manifests', () => {
  it('5.x: every FIM document a FIM event with the manifest path, event, agent and hashes; the rest other', () => {
    const corpus = generateEvents5Corpus({ seed: 23, count: 3_000 });
    const s = summarize(corpus.entries);
    const kinds = { fim: 0, other: 0, registry: 0, error: 0, 'wazuh-vt': 0 };
    corpus.docs.forEach((doc, i) => {
      const r = parseEvent5Object(doc);
      kinds[r.kind]++;
      const entry = corpus.entries[i];
      if (entry.kind !== 'fim') return expect(r.kind).toBe('other');
      const e = fim(r);
      expect(e.alertId).toBe(entry.docId);
      expect(e.epochMs).toBe(entry.epochMs);
      expect([e.path, e.event, e.agent.id]).toEqual([entry.path, entry.event, entry.agentId]);
      expect(e.after).toEqual(entry.hashes);
    });
    expect(kinds).toEqual({ fim: s.fim, other: s.other, registry: 0, error: 0, 'wazuh-vt': 0 });
    expect(s.windowsPaths).toBeGreaterThan(0);
    expect(s.fimDeleted).toBeGreaterThan(0);
  });

  describe('5.x engine file output', () => {
    let cleanup: (() => void) | null = null;
    afterEach(() => {
      cleanup?.();
      cleanup = null;
    });
    it('every line of the dated files (gzip too) parses; counts match the manifest', () => {
      const tmp = makeTempDir();
      cleanup = tmp.cleanup;
      const dir = tmp.dir;
      const corpus = generateEvents5Corpus({ seed: 8, count: 1_500, startEpochMs: Date.UTC(2026, 6, 4, 23, 56, 0) });
      const files = writeEngineOutput(dir, corpus.docs);
      expect(files.dated.length).toBeGreaterThan(1);
      let fimCount = 0;
      let other = 0;
      for (const f of files.dated) {
        const bytes = fs.readFileSync(f.file);
        const text = (f.gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
        for (const line of text.split('\n').filter(Boolean)) {
          const r = parseEvent5Line(line);
          if (r.kind === 'fim') fimCount++;
          else if (r.kind === 'other') other++;
          else throw new Error(`unexpected ${r.kind}`);
        }
      }
      const s = summarize(corpus.entries);
      expect([fimCount, other]).toEqual([s.fim, s.other]);
    });
  });

  it('4.x indexer documents (alerts.json + @timestamp + input) go through the alerts.json parser', () => {
    const corpus = generateIndexer4Corpus({ seed: 9, count: 2_000, tzOffsetMinutes: 120 });
    const s = summarize(corpus.entries);
    const kinds: Record<string, number> = {};
    corpus.docs.forEach((alert, i) => {
      const { doc } = alertDocument(alert);
      expect(doc.source).toHaveProperty('@timestamp');
      const r = parseIndexerAlert4(doc.source);
      kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
      const entry = corpus.entries[i];
      if (entry.kind === 'fim') {
        const e = fim(r);
        expect([e.alertId, e.path, e.event, e.agent.id]).toEqual([entry.docId, entry.path, entry.event, entry.agentId]);
        expect(e.after).toEqual(entry.hashes);
        expect(e.epochMs).toBe(entry.epochMs);
      }
    });
    expect(kinds).toEqual({ fim: s.fim, registry: s.registry, other: s.other });
    expect(parseIndexerAlert4('nope')).toMatchObject({ kind: 'error' });
  });
});
