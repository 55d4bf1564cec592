// Property tests of the alerts.json parser and the VirusTotal record: whatever the input, no exception, and
// either an error with a reason or a well-formed record (lower-case valid hashes, finite numbers, ...).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { parseWazuhVt } from '../../../../electron/core/wazuh/vtRecord';
import { WazuhAlertGenerator } from '../../../generators/wazuhAlerts';
import { expectWellFormed, fim, recordProblems } from './helpers';

type Json = Record<string, unknown>;
const gen = new WazuhAlertGenerator({ seed: 99 });
const samples: string[] = [
  gen.fimAlert({ event: 'modified', whodata: { user: 'root', process: '/bin/sh' } }),
  gen.fimAlert({ event: 'deleted', os: 'windows', nonAscii: true }),
  gen.registryAlert(),
  gen.wazuhVtAlert({ outcome: 'detected', sourceAgent: gen.agents[2] }),
  gen.wazuhVtAlert({ outcome: 'rate-limit' }),
  gen.otherAlert('sshd'),
];
const check = (line: string): void => {
  const r = parseJsonAlert(line);
  expect(recordProblems(r)).toEqual([]);
};
const DEEP = 100_000;
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepObject = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);
/** Smaller nesting for the per-field loop (hundreds of parses). */
const deep20k = {
  array: '['.repeat(20_000) + ']'.repeat(20_000),
  object: '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
};

/** Every path to a value inside a JSON object (objects, arrays and leaves). */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [prefix, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...prefix, k]))];
}
function setAt(root: Json, path: (string | number)[], value: unknown): Json {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

describe('parseJsonAlert never throws', () => {
  it('on random strings (any code points, lone surrogates included)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), check), { numRuns: 1000 });
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), check), { numRuns: 500 });
  });

  it('on random bytes decoded with replacement characters', () => {
    const decoder = new TextDecoder('utf-8');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => check(decoder.decode(b))),
      { numRuns: 1000 },
    );
  });

  it('on every prefix of valid lines (each one an "invalid JSON" error)', () => {
    for (const line of samples) {
      for (let n = 0; n < line.length; n++) {
        const r = parseJsonAlert(line.slice(0, n));
        expect(r.kind).toBe('error');
      }
      expect(parseJsonAlert(line).kind).not.toBe('error');
    }
  });

  it('on mutated lines (deleted, inserted and replaced characters)', () => {
    const mutation = fc.record({
      sample: fc.constantFrom(...samples),
      at: fc.nat(),
      len: fc.nat({ max: 40 }),
      insert: fc.string({ unit: 'binary', maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        let line = ms[0].sample;
        for (const m of ms) {
          const at = m.at % (line.length + 1);
          line = line.slice(0, at) + m.insert + line.slice(at + m.len);
        }
        check(line);
      }),
      { numRuns: 1500 },
    );
  });

  it('on huge lines and deeply nested JSON', () => {
    check('{"a":"' + 'x'.repeat(8_000_000) + '"}');
    check('x'.repeat(8_000_000));
    check('['.repeat(DEEP));
    check('{"a":'.repeat(DEEP));
    check(deepArray);
    check(deepObject);
    const big = JSON.parse(samples[0]) as Json;
    (big as { full_log: string }).full_log = '\n'.repeat(1_000_000);
    (big.syscheck as Json).path = '/x/' + 'é'.repeat(500_000);
    expect(fim(parseJsonAlert(JSON.stringify(big))).path).toHaveLength(500_003);
  });
});

describe('parseJsonAlert with wrong types in every field', () => {
  const wrongValues: unknown[] = [
    null,
    0,
    -1,
    1.5,
    1e300,
    '',
    'x',
    'NaN',
    true,
    [],
    {},
    [1, 'a'],
    { a: { b: 1 } },
    '__DEEP__',
  ];

  it.each(samples.slice(0, 5).map((s, i) => [i, s]))(
    'sample %i: each field replaced by each wrong value',
    (_i, line) => {
      const alert = JSON.parse(line as string) as Json;
      const all = paths(alert).filter((p) => p.length > 0);
      expect(all.length).toBeGreaterThan(10);
      for (const p of all) {
        for (const value of wrongValues) {
          let text = JSON.stringify(setAt(alert, p, value));
          text = text.replace('"__DEEP__"', p.length % 2 ? deep20k.array : deep20k.object);
          const r = parseJsonAlert(text);
          expect(recordProblems(r), `${p.join('.')} = ${JSON.stringify(value)?.slice(0, 20)}`).toEqual([]);
        }
        const without = structuredClone(alert);
        let node = without as Record<string | number, unknown>;
        for (const k of p.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
        delete node[p[p.length - 1]];
        check(JSON.stringify(without));
      }
    },
  );

  it('random JSON values anywhere in a FIM alert', () => {
    const alert = JSON.parse(samples[0]) as Json;
    const all = paths(alert).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 3 }), (p, value) => {
        check(JSON.stringify(setAt(alert, p, value)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hashes', () => {
  const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`));

  it('are lower-cased', () => {
    fc.assert(
      fc.property(hex(32), hex(40), hex(64), (md5, sha1, sha256) => {
        const e = fim(parseJsonAlert(gen.fimAlert({ event: 'added', hashes: { md5, sha1, sha256 } })));
        expect(e.after).toEqual({ md5: md5.toLowerCase(), sha1: sha1.toLowerCase(), sha256: sha256.toLowerCase() });
      }),
      { numRuns: 200 },
    );
  });

  it('that are not hashes become null', () => {
    const notHash = fc
      .string({ maxLength: 70 })
      .filter((s) => !/^\s*([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})\s*$/.test(s));
    fc.assert(
      fc.property(notHash, notHash, (a, b) => {
        const line = gen.fimAlert({ event: 'modified', hashes: { md5: a, sha1: b, sha256: a } });
        const e = fim(parseJsonAlert(line));
        expect(e.after).toEqual({ md5: null, sha1: null, sha256: null });
        expectWellFormed({ kind: 'fim', event: e });
      }),
      { numRuns: 300 },
    );
  });

  it('of the wrong kind for their field become null (a sha1 in md5_after is not an md5)', () => {
    const h = { md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64) };
    const e = fim(
      parseJsonAlert(gen.fimAlert({ event: 'added', hashes: { md5: h.sha1, sha1: h.md5, sha256: h.sha256 } })),
    );
    expect(e.after).toEqual({ md5: null, sha1: null, sha256: h.sha256 });
  });
});

describe('parseWazuhVt never throws', () => {
  const meta = { alertId: '1.2', timestamp: '', epochMs: 0, manager: '', ruleId: '87105' };
  it('on anything', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true }), (v) => {
        const r = parseWazuhVt(v, meta);
        if (r) expectWellFormed({ kind: 'wazuh-vt', record: r });
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'found',
            'malicious',
            'positives',
            'total',
            'error',
            'description',
            'scan_date',
            'sha1',
            'source',
            'permalink',
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        (v) => {
          const r = parseWazuhVt(v, meta);
          if (r) expectWellFormed({ kind: 'wazuh-vt', record: r });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
