import fc from 'fast-check';
import { isJsonObject } from '../../../../electron/core/wazuh/jsonValidate';
import { describe, expect, it } from 'vitest';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { detectFormat, keyPositions, needsFullParse } from '../../../../electron/core/wazuh/prefilter';
import { generateAlerts, joinAlerts, WazuhAlertGenerator } from '../../../generators/wazuhAlerts';
import { fixture } from './helpers';

const gen = new WazuhAlertGenerator({ seed: 21 });
const whole = (s: string) => {
  const b = Buffer.from(s);
  return [b, 0, b.length] as const;
};

/** Each line of a chunk as [start, end) offsets, as a framer would hand them over. */
function lines(buf: Buffer): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, start)) {
    out.push([start, nl]);
    start = nl + 1;
  }
  if (start < buf.length) out.push([start, buf.length]);
  return out;
}

describe('needsFullParse', () => {
  it('flags FIM, registry and Wazuh VirusTotal lines, not the others', () => {
    expect(needsFullParse(...whole(fixture('fim-added-agent.json')))).toBe(true);
    expect(needsFullParse(...whole(fixture('virustotal-87102-credentials.json')))).toBe(true);
    expect(needsFullParse(...whole(gen.registryAlert()))).toBe(true);
    for (const kind of ['sshd', 'rootcheck', 'web'] as const)
      expect(needsFullParse(...whole(gen.otherAlert(kind)))).toBe(false);
  });

  it('tolerates blanks before the colon and ignores the key inside a string or as a value', () => {
    expect(needsFullParse(...whole('{"syscheck" \t: {}}'))).toBe(true);
    expect(needsFullParse(...whole('{"rule":{"groups":["syscheck"]},"location":"syscheck"}'))).toBe(false);
    expect(needsFullParse(...whole('{"full_log":"{\\"syscheck\\":1}"}'))).toBe(false);
    expect(needsFullParse(...whole('{"virustotal"'))).toBe(false);
  });

  it('looks only inside [start, end) of a bigger buffer', () => {
    const other = gen.otherAlert('sshd');
    const buf = Buffer.from(`${other}\n${gen.fimAlert()}\n`);
    expect(needsFullParse(buf, 0, Buffer.byteLength(other))).toBe(false);
    expect(needsFullParse(buf, Buffer.byteLength(other) + 1, buf.length - 1)).toBe(true);
    // the key cut by the end bound does not count
    const fimLine = Buffer.from('{"syscheck":{}}');
    expect(needsFullParse(fimLine, 0, 8)).toBe(false);
    expect(needsFullParse(fimLine, 5, 5)).toBe(false);
  });

  it('agrees with the full parse on generated streams: every FIM, registry and VirusTotal line is a candidate', () => {
    for (const seed of [1, 2, 3]) {
      const buf = Buffer.from(
        joinAlerts(generateAlerts(seed, { count: 2000, format: 'json', nonAsciiShare: 0.3 }), 'json'),
      );
      let candidates = 0;
      const disagreements: string[] = [];
      for (const [s, e] of lines(buf)) {
        const parsed = parseJsonAlert(buf.toString('utf8', s, e));
        const needed = parsed.kind === 'fim' || parsed.kind === 'registry' || parsed.kind === 'wazuh-vt';
        const candidate = needsFullParse(buf, s, e);
        if (needed && !candidate) disagreements.push(`missed ${parsed.kind} at ${s}`);
        if (parsed.kind === 'other' && candidate) disagreements.push(`needless parse of an other alert at ${s}`);
        if (!candidate && !isJsonObject(buf, s, e)) disagreements.push(`structural check refused ${s}`);
        if (candidate) candidates++;
      }
      expect(disagreements).toEqual([]);
      expect(candidates).toBeGreaterThan(800);
    }
  });
});

describe('keyPositions (one scan per chunk)', () => {
  it('marks exactly the lines needsFullParse marks, on a generated chunk', () => {
    const alerts = generateAlerts(77, { count: 600, format: 'json' });
    const buf = Buffer.from(joinAlerts(alerts, 'json') + '{"broken":');
    const keys = keyPositions(buf, 0, buf.length);
    let start = 0;
    let k = 0;
    let lines = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      while (k < keys.length && keys[k] < start) k++;
      expect(k < keys.length && keys[k] < nl).toBe(needsFullParse(buf, start, nl));
      start = nl + 1;
      lines++;
    }
    expect(lines).toBe(600);
  });

  it('ignores a key without a colon and finds one with blanks before it', () => {
    const buf = Buffer.from('{"a":"\\"syscheck\\""}\n{"syscheck" :{}}\n');
    expect(keyPositions(buf, 0, buf.length)).toEqual([buf.indexOf('"syscheck" :')]);
  });
});

describe('isJsonObject on counted-only lines (see also jsonValidate.test.ts)', () => {
  it('accepts whole objects, with blanks and CR around them', () => {
    expect(isJsonObject(...whole(gen.otherAlert('web')))).toBe(true);
    expect(isJsonObject(...whole(`  ${gen.otherAlert('web')} \r`))).toBe(true);
    expect(isJsonObject(...whole('{}'))).toBe(true);
  });

  it('rejects empty, truncated and glued lines', () => {
    const line = gen.otherAlert('sshd');
    expect(isJsonObject(...whole(''))).toBe(false);
    expect(isJsonObject(...whole('  \r'))).toBe(false);
    expect(isJsonObject(...whole('{'))).toBe(false);
    expect(isJsonObject(...whole('}'))).toBe(false);
    expect(isJsonObject(...whole('[1]'))).toBe(false);
    for (let cut = 1; cut < line.length - 1; cut += 7) {
      expect(isJsonObject(...whole(line.slice(0, cut)))).toBe(false); // the head of a line
      expect(isJsonObject(...whole(line.slice(cut)))).toBe(false); // the tail of a line
      expect(isJsonObject(...whole(line.slice(0, cut) + line))).toBe(false); // a head glued to the next
    }
  });

  it('never throws and never reads outside [start, end)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const buf = Buffer.from(bytes);
        const start = Math.min(a, buf.length);
        const end = Math.min(start + b, buf.length);
        const inside = Buffer.from(buf.subarray(start, end));
        expect(isJsonObject(buf, start, end)).toBe(isJsonObject(inside, 0, inside.length));
        expect(needsFullParse(buf, start, end)).toBe(needsFullParse(inside, 0, inside.length));
      }),
      { numRuns: 500 },
    );
  });
});

describe('detectFormat', () => {
  it('decides from the first record', () => {
    expect(detectFormat(Buffer.from(fixture('fim-added-agent.json')))).toBe('json');
    expect(detectFormat(Buffer.from(fixture('alerts-2016-fim.log')))).toBe('log');
    expect(detectFormat(Buffer.from('\n\n  \t{"timestamp":'))).toBe('json');
    expect(detectFormat(Buffer.from('\ufeff** Alert 1.2: - x,'))).toBe('log');
  });

  it('is undecided for empty or blank heads and an unfinished "** Alert"', () => {
    for (const s of ['', '\n', '   \r\n\t', '** Al', '\n** Aler']) expect(detectFormat(Buffer.from(s))).toBeNull();
  });

  it('decides a head that starts inside a record by its first recognisable line', () => {
    expect(detectFormat(Buffer.from('stamp":"2022"}\n{"timestamp":"x"}\n'))).toBe('json');
    expect(detectFormat(Buffer.from('Rule: 550 (level 7)\nFile x\n\n** Alert 1.2: - syscheck,\n'))).toBe('log');
    // the integration's JSON line of an alerts.log body is not mistaken for alerts.json
    const vtTail = gen.wazuhVtLogBlock().split('\n').slice(3).join('\n') + '\n' + gen.fimLogBlock('4.x');
    expect(detectFormat(Buffer.from(vtTail))).toBe('log');
    expect(detectFormat(Buffer.from('garbage\n{"a":1}\n'))).toBe('json');
    expect(detectFormat(Buffer.from('garbage\nmore garbage\n'))).toBeNull();
  });

  it('looks no further than 64 KiB', () => {
    const far = Buffer.from('x'.repeat(70 * 1024) + '\n{"timestamp":"x"}\n');
    expect(detectFormat(far)).toBeNull();
    const near = Buffer.from('x'.repeat(60 * 1024) + '\n** Alert 1.2: - a,\n');
    expect(detectFormat(near)).toBe('log');
  });
});
