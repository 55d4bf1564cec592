// Who triages: one rule for a name (trimmed, not empty, at most TRIAGE_LIMITS.nameLength characters), applied by the
// browser when the analyst sets it (shared/triageWords.ts, no zod at the app's start) and by the engine on every
// triage request (shared/triage.ts's AnalystName, in SetTriageInput's `by`). Both say the same thing.
import { describe, expect, it } from 'vitest';
import { AnalystName, SetTriageInput } from '../../../shared/triage';
import { analystNameProblem, TRIAGE_LIMITS } from '../../../shared/triageWords';

const HASH = 'a'.repeat(64);

function engineSays(by: string): string | null {
  const r = SetTriageInput.safeParse({ hashes: [HASH], state: 'acknowledged', by });
  return r.success ? null : (r.error.issues[0]?.message ?? 'refused');
}

describe('the analyst name rule', () => {
  it('refuses an empty name and one over the limit, in the same words on both sides', () => {
    const long = 'x'.repeat(TRIAGE_LIMITS.nameLength + 1);
    for (const [name, problem] of [
      ['', 'the name is empty'],
      ['   \t ', 'the name is empty'],
      [long, `a name has at most ${TRIAGE_LIMITS.nameLength} characters`],
    ] as const) {
      expect(analystNameProblem(name.trim()), JSON.stringify(name)).toBe(problem);
      expect(engineSays(name), JSON.stringify(name)).toBe(problem);
    }
  });

  it('takes a name at the limit, trimmed', () => {
    const atLimit = 'y'.repeat(TRIAGE_LIMITS.nameLength);
    expect(analystNameProblem(atLimit)).toBeNull();
    expect(AnalystName.parse(`  ${atLimit}  `)).toBe(atLimit);
    expect(AnalystName.parse('  Ana Souza ')).toBe('Ana Souza');
    expect(engineSays(' Ana ')).toBeNull();
  });
});
