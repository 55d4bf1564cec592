// Property tests of the alerts.log parser: no input makes it throw; the result is an error with a reason or a
// well-formed record.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogAlert } from '../../../../electron/core/wazuh/alertsLog';
import { WazuhAlertGenerator } from '../../../generators/wazuhAlerts';
import { fim, fixture, recordProblems } from './helpers';

const gen = new WazuhAlertGenerator({ seed: 1234 });
const samples: string[] = [
  gen.fimLogBlock('2.x', { event: 'modified' }),
  gen.fimLogBlock('3.x', { event: 'added', whodata: { user: 'bob', process: '/bin/cp' } }),
  gen.fimLogBlock('4.x', {
    event: 'modified',
    os: 'windows',
    nonAscii: true,
    whodata: { user: 'root', process: '/x' },
  }),
  gen.fimLogBlock('4.x', { event: 'deleted' }),
  gen.registryLogBlock(),
  gen.wazuhVtLogBlock({ outcome: 'detected' }),
  gen.otherLogBlock('sshd'),
  fixture('alerts-4.4-fim-and-vt.log').split('\n\n** Alert')[0],
];
const check = (block: string): void => {
  expect(recordProblems(parseLogAlert(block))).toEqual([]);
};

/** Real line shapes of alerts.log bodies, to assemble structurally plausible garbage. */
const lineShapes = fc.oneof(
  fc.constantFrom(
    '** Alert 1670328936.40129: - syscheck,',
    '** Alert 1.2: mail  - ossec,syscheck,syscheck_registry,',
    '** Alert 1.2: - virustotal,',
    '2022 Dec 06 12:15:36 (agent) any->syscheck',
    'PC->virustotal',
    "Rule: 550 (level 7) -> 'Integrity checksum changed.'",
    "Rule: 87105 (level 12) -> 'x'",
    'Attributes:',
    'What changed:',
    'Tags:',
    '',
    'Mode: whodata',
    'Changed attributes: ,,,',
    '{"virustotal": {"found": 1, "positives": "x"}}',
    '{"virustotal": [',
    'virustotal.source.agent.id: 006',
    'virustotal.__proto__.polluted: 1',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }).map((v) => `File '${v}' modified`),
  fc.string({ unit: 'binary', maxLength: 60 }).map((v) => ` - MD5: ${v}`),
  fc.string({ unit: 'binary', maxLength: 60 }).map((v) => ` - User: ${v}`),
  fc.string({ unit: 'binary', maxLength: 60 }).map((v) => `New user: ${v}`),
  fc.string({ unit: 'binary', maxLength: 60 }).map((v) => `Size changed from '${v}' to '${v}'`),
  fc.string({ unit: 'binary', maxLength: 60 }).map((v) => `(Audit) User: '${v}'`),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('parseLogAlert never throws', () => {
  it('on random strings and random bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), check), { numRuns: 1000 });
    const decoder = new TextDecoder('utf-8');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 800 }), (b) => check(decoder.decode(b))),
      { numRuns: 1000 },
    );
  });

  it('on random blocks assembled from real line shapes', () => {
    fc.assert(
      fc.property(fc.array(lineShapes, { maxLength: 30 }), (lines) => check(lines.join('\n'))),
      { numRuns: 3000 },
    );
  });

  it('on every prefix of valid blocks', () => {
    for (const block of samples) {
      for (let n = 0; n <= block.length; n++) check(block.slice(0, n));
      expect(parseLogAlert(block).kind).not.toBe('error');
    }
  });

  it('on line-level mutations: dropped, duplicated, swapped and corrupted lines', () => {
    const op = fc.record({
      kind: fc.constantFrom('drop', 'dup', 'swap', 'corrupt'),
      i: fc.nat(),
      j: fc.nat(),
      text: fc.string({ unit: 'binary', maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(op, { minLength: 1, maxLength: 5 }), (block, ops) => {
        const lines = block.split('\n');
        for (const o of ops) {
          const i = o.i % lines.length;
          const j = o.j % lines.length;
          if (o.kind === 'drop') lines.splice(i, 1);
          else if (o.kind === 'dup') lines.splice(i, 0, lines[i]);
          else if (o.kind === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]];
          else lines[i] = (lines[i] ?? '').slice(0, o.j % 30) + o.text;
          if (lines.length === 0) lines.push('');
        }
        check(lines.join('\n'));
      }),
      { numRuns: 2000 },
    );
  });

  it('on huge blocks: a very long path, a very long line, many lines', () => {
    const long = 'é'.repeat(1_000_000);
    const e = fim(parseLogAlert(samples[2].replace(/^File '.*' modified$/m, `File '/x/${long}' modified`)));
    expect(e.path).toHaveLength(1_000_003);
    check(samples[0] + 'x'.repeat(5_000_000));
    check(samples[1] + 'New user: '.repeat(100_000) + '\n');
    check(samples[2] + ' - MD5: \n'.repeat(200_000));
    check(`File '${"' modified".repeat(100_000)}`);
    check(samples[0].split('\n').slice(0, 3).join('\n') + "\nFile '" + "' was deleted.".repeat(100_000));
    check(samples[3] + "Permissions changed from '" + "' to '".repeat(100_000));
  });
});
