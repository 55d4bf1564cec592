// The byte-level validator of counted-only alerts.json lines must agree with JSON.parse (plus: an object) on
// every input: real alerts, generated JSON, and the same broken in every way a line can break.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonObject, scanJsonObject } from '../../../../electron/core/wazuh/jsonValidate';
import { WazuhAlertGenerator } from '../../../generators/wazuhAlerts';

/** What JSON.parse says of the bytes (decoded as the ingest would decode them). */
function parsesToObject(bytes: Buffer): boolean {
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * The line inside a larger buffer, between other bytes, as it is in a chunk: nothing past `end` may count. Each
 * of the bytes that follow could complete a cut line; the answer must be the same whatever follows.
 */
function validate(bytes: Buffer): boolean {
  const answers = [':1}', '"}', '1}', ']}', 'e}', '\n:1}]"'].map((after) => {
    const before = '{"x":1}\n';
    const buf = Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]);
    return isJsonObject(buf, before.length, before.length + bytes.length);
  });
  expect(new Set(answers).size).toBe(1);
  return answers[0];
}

const agree = (bytes: Buffer): void => {
  expect(validate(bytes), JSON.stringify(bytes.toString('latin1'))).toBe(parsesToObject(bytes));
};

const gen = new WazuhAlertGenerator({ seed: 7 });
const alerts = [
  gen.otherAlert('sshd'),
  gen.otherAlert('web'),
  gen.fimAlert({ event: 'modified', os: 'windows', nonAscii: true }),
  gen.registryAlert(),
  gen.wazuhVtAlert({ outcome: 'detected', sourceAgent: gen.agents[1] }),
];

describe('isJsonObject agrees with JSON.parse', () => {
  it('on real-looking alerts, whole and cut at every byte', () => {
    for (const line of alerts) {
      const bytes = Buffer.from(line);
      agree(bytes);
      for (let cut = 0; cut < bytes.length; cut++) agree(bytes.subarray(0, cut));
    }
  });

  it('on alerts with one byte replaced, deleted or doubled anywhere', () => {
    const line = Buffer.from(gen.otherAlert('sshd'));
    const replacements = [0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x5c, 0x2c, 0x3a, 0x20, 0x00, 0x0a, 0x41, 0x30, 0xff];
    for (let at = 0; at < line.length; at++) {
      for (const r of replacements) {
        const replaced = Buffer.from(line);
        replaced[at] = r;
        agree(replaced);
      }
      agree(Buffer.concat([line.subarray(0, at), line.subarray(at + 1)]));
      agree(Buffer.concat([line.subarray(0, at + 1), line.subarray(at)]));
    }
  });

  it('on hand-picked edge cases', () => {
    const cases = [
      '{}',
      ' \t{ } \r',
      '{"a":}',
      '{bad json}',
      '{"a":1,}',
      '{"a":[1,]}',
      '{"a":[,1]}',
      '{"a" 1}',
      '{"a":1}{"b":2}',
      '{"a":1} x',
      '[1]',
      '"str"',
      '12',
      'null',
      '{"a":01}',
      '{"a":-}',
      '{"a":1.}',
      '{"a":.5}',
      '{"a":1e}',
      '{"a":1E+5,"b":-0.5e-3,"c":-0}',
      '{"a":tru}',
      '{"a":true,"b":false,"c":null}',
      '{"a":"\\u00e9\\ud800\\n\\/"}',
      '{"a":"\\x41"}',
      '{"a":"\\u12G4"}',
      '{"a":"tab\there"}',
      '{"a":"é 漢字 🙂"}',
      '{"a":{"b":{"c":[[],{}]}}}',
      '{"a":[1 2]}',
      '{"a":1:2}',
      '{,}',
      '{"a":"\\',
      '{"a":"x\\"}',
      '',
      '   ',
    ];
    for (const c of cases) agree(Buffer.from(c));
    // invalid UTF-8 inside a string is text to JSON.parse (U+FFFD); outside a string it is an error
    agree(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]));
    agree(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x7d]));
    // deep nesting: no stack overflow
    const deep = '{"a":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}';
    expect(validate(Buffer.from(deep))).toBe(true);
    expect(validate(Buffer.from(deep.slice(0, -2) + '}'))).toBe(false);
  });

  it('on generated JSON objects and their mutations (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.nat(),
        fc.constantFrom('none', 'cut', 'replace', 'insert'),
        fc.integer({ min: 0, max: 255 }),
        (obj, pos, mutation, byte) => {
          const text = Buffer.from(JSON.stringify(obj));
          const at = pos % (text.length + 1);
          const mutated =
            mutation === 'cut'
              ? text.subarray(0, at)
              : mutation === 'replace' && at < text.length
                ? Buffer.concat([text.subarray(0, at), Buffer.from([byte]), text.subarray(at + 1)])
                : mutation === 'insert'
                  ? Buffer.concat([text.subarray(0, at), Buffer.from([byte]), text.subarray(at)])
                  : text;
          agree(mutated);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('scanJsonObject: the top-level members a counted-only alert must have', () => {
  const members = [
    { key: Buffer.from('id'), firstByte: 0x22 },
    { key: Buffer.from('rule'), firstByte: 0x7b },
  ];
  const scan = (text: string) => scanJsonObject(Buffer.from(text), 0, Buffer.byteLength(text), members);

  it('finds them at the top level only, with the right kind of value', () => {
    expect(scan(gen.otherAlert('sshd'))).toBe(0b11);
    expect(scan('{"rule":{"id":"5"},"id":"1.2"}')).toBe(0b11);
    expect(scan('{ "id" : "1.2" , "rule" : { } }')).toBe(0b11);
    expect(scan('{"foo":1}')).toBe(0);
    expect(scan('{"id":5,"rule":{}}')).toBe(0b10); // an id that is not a string
    expect(scan('{"id":"1","rule":"x"}')).toBe(0b01);
    expect(scan('{"data":{"id":"1","rule":{}}}')).toBe(0); // nested: not the alert's
    expect(scan('{"idx":"1","rul":{}}')).toBe(0);
    expect(scan('{"id":"1","rule":{}')).toBe(-1); // not JSON at all
  });
});
