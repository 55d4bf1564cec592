// A malformed hash in an alert: the skip reason says what was wrong ("Wazuh reported a malformed SHA-256 (63
// characters, not hex)") instead of "Wazuh reported no hash", without repeating the untrusted value.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import { compileFilter } from '../../../../electron/core/ingest/filter';
import { skipReason } from '../../../../electron/core/ingest/ingestor';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { parseLogAlert } from '../../../../electron/core/wazuh/alertsLog';
import { hashFieldProblem } from '../../../../electron/core/wazuh/coerce';
import { WazuhAlertGenerator } from '../../../generators/wazuhAlerts';

const gen = new WazuhAlertGenerator({ seed: 61 });
const filter = compileFilter(DEFAULT_SETTINGS.filters);

/** An alerts.json FIM alert whose syscheck hash fields are replaced by `after` (undefined: removed). */
function jsonAlertWith(after: Record<string, unknown>): string {
  const alert = JSON.parse(gen.fimAlert({ event: 'modified' })) as { syscheck: Record<string, unknown> };
  for (const k of ['md5_after', 'sha1_after', 'sha256_after']) delete alert.syscheck[k];
  Object.assign(alert.syscheck, after);
  return JSON.stringify(alert);
}

function skipOf(line: string): string | null {
  const r = parseJsonAlert(line);
  if (r.kind !== 'fim') throw new Error(`not a FIM event: ${r.kind}`);
  return skipReason(r.event, filter);
}

describe('hashFieldProblem', () => {
  it('says what is wrong in a few words, never the value', () => {
    expect(hashFieldProblem('a'.repeat(63), 'sha256')).toBe('a malformed SHA-256 (63 hex digits, not 64)');
    expect(hashFieldProblem('z'.repeat(63), 'sha256')).toBe('a malformed SHA-256 (63 characters, not hex)');
    expect(hashFieldProblem('g'.repeat(32), 'md5')).toBe('a malformed MD5 (32 characters, not hex)');
    expect(hashFieldProblem('a'.repeat(64), 'sha1')).toBe('a malformed SHA-1 (64 hex digits, not 40)');
    expect(hashFieldProblem(12345, 'md5')).toBe('a malformed MD5 (a number, not text)');
    expect(hashFieldProblem({ x: 1 }, 'sha1')).toBe('a malformed SHA-1 (an object, not text)');
    expect(hashFieldProblem('A'.repeat(64), 'sha256')).toBeNull(); // upper case is fine
    for (const absent of [undefined, null, '', '   ']) expect(hashFieldProblem(absent, 'sha256')).toBeNull();
    const hostile = `\u202e${'x'.repeat(1_000_000)}\u0000<script>`;
    const said = hashFieldProblem(hostile, 'sha256')!;
    expect(said).toBe('a malformed SHA-256 (1000010 characters, not hex)');
  });
});

describe('the skip reason of a FIM event without a usable hash', () => {
  it('names the malformed hash (the strongest), or says that there was none', () => {
    expect(skipOf(jsonAlertWith({ sha256_after: 'f'.repeat(63) }))).toBe(
      'Wazuh reported a malformed SHA-256 (63 hex digits, not 64): nothing to look up',
    );
    expect(skipOf(jsonAlertWith({ md5_after: 'xxx', sha256_after: 'q'.repeat(64) }))).toBe(
      'Wazuh reported a malformed SHA-256 (64 characters, not hex): nothing to look up',
    );
    expect(skipOf(jsonAlertWith({ md5_after: 42 }))).toBe(
      'Wazuh reported a malformed MD5 (a number, not text): nothing to look up',
    );
    expect(skipOf(jsonAlertWith({}))).toBe('Wazuh reported no hash for this file');
    expect(skipOf(jsonAlertWith({ sha256_after: '' }))).toBe('Wazuh reported no hash for this file');
    // one good hash is enough: it is looked up
    expect(skipOf(jsonAlertWith({ md5_after: 'a'.repeat(32), sha256_after: 'bad' }))).toBeNull();
  });

  it('alerts.log: the same', () => {
    const block = gen
      .fimLogBlock('4.x', { event: 'added', hashes: { md5: null, sha1: null, sha256: 'ab'.repeat(31) + 'a' } })
      .replace(/ - MD5: .*\n/, '')
      .replace(/ - SHA1: .*\n/, '');
    const r = parseLogAlert(block);
    if (r.kind !== 'fim') throw new Error(`not a FIM event: ${r.kind}`);
    expect(skipReason(r.event, filter)).toBe(
      'Wazuh reported a malformed SHA-256 (63 hex digits, not 64): nothing to look up',
    );
  });
});
