// When a closed file goes back to new: worse than the verdict it was closed on, said in words.
import { describe, expect, it } from 'vitest';
import { reopenReason } from '../../../../electron/core/triage/reopen';

const closedOn = (state: string | null, positives: number | null, origin: string | null = 'virustotal') => ({
  state,
  positives,
  origin,
});

describe('reopenReason', () => {
  it('reopens a false positive or resolved file that turned malicious or suspicious', () => {
    expect(
      reopenReason('false-positive', closedOn('clean', 0), { state: 'malicious', positives: 5, origin: 'virustotal' }),
    ).toBe('reopened: VirusTotal says malicious now (it was clean)');
    expect(
      reopenReason('resolved', closedOn('unknown', null), { state: 'suspicious', positives: 0, origin: 'wazuh' }),
    ).toBe("reopened: Wazuh's VirusTotal integration says suspicious now (it was unknown)");
    expect(
      reopenReason('resolved', closedOn(null, null), { state: 'malicious', positives: 2, origin: 'virustotal' }),
    ).toBe('reopened: VirusTotal says malicious now (it was not looked up)');
  });

  it('reopens when more engines say malicious than when it was closed', () => {
    expect(
      reopenReason('false-positive', closedOn('malicious', 2), {
        state: 'malicious',
        positives: 12,
        origin: 'virustotal',
      }),
    ).toBe('reopened: 12 engines say malicious now (2 when it was closed)');
  });

  it('reopens when another provider says malicious too', () => {
    expect(
      reopenReason('resolved', closedOn('malicious', 4, 'wazuh'), {
        state: 'malicious',
        positives: 4,
        origin: 'virustotal',
      }),
    ).toBe("reopened: VirusTotal says malicious too (it was closed on Wazuh's VirusTotal integration's answer)");
  });

  it('leaves alone a file no worse, a file getting better, and a file that is not closed', () => {
    const same = { state: 'malicious', positives: 4, origin: 'virustotal' };
    expect(reopenReason('false-positive', closedOn('malicious', 4), same)).toBeNull();
    expect(reopenReason('false-positive', closedOn('malicious', 9), same)).toBeNull();
    expect(
      reopenReason('resolved', closedOn('malicious', 4), { state: 'clean', positives: 0, origin: 'virustotal' }),
    ).toBeNull();
    expect(reopenReason('acknowledged', closedOn('clean', 0), same)).toBeNull();
    expect(reopenReason('escalated', closedOn('clean', 0), same)).toBeNull();
    expect(reopenReason('new', closedOn('clean', 0), same)).toBeNull();
  });

  it('names the new providers: a file closed on a known-good answer that a provider says is malicious now', () => {
    expect(
      reopenReason('resolved', closedOn('known-good', null, 'circl'), {
        state: 'malicious',
        positives: null,
        origin: 'malwarebazaar',
        enginesState: null,
        opinion: { provider: 'malwarebazaar', state: 'malicious' },
      }),
    ).toBe('reopened: MalwareBazaar says malicious now (it was known good)');
  });

  it('reopens a file closed on VirusTotal when MalwareBazaar says malicious: another provider decides now', () => {
    expect(
      reopenReason('false-positive', closedOn('malicious', 4, 'virustotal'), {
        state: 'malicious',
        positives: 4,
        origin: 'malwarebazaar',
        enginesState: 'malicious',
        opinion: { provider: 'malwarebazaar', state: 'malicious' },
      }),
    ).toBe("reopened: MalwareBazaar says malicious too (it was closed on VirusTotal's answer)");
  });

  it('reopens a file closed on MalwareBazaar when the engines say malicious behind the same decision', () => {
    const closed = closedOn('malicious', null, 'malwarebazaar');
    const now = {
      state: 'malicious',
      positives: 12,
      origin: 'malwarebazaar',
      enginesState: 'malicious',
      opinion: { provider: 'malwarebazaar', state: 'malicious' },
    };
    expect(reopenReason('false-positive', closed, now)).toBe(
      "reopened: VirusTotal (12 engines) says malicious too (it was closed on MalwareBazaar's answer)",
    );
    // closed again once the engines' count is known: the same answers again do not reopen it
    expect(reopenReason('false-positive', closedOn('malicious', 12, 'malwarebazaar'), now)).toBeNull();
    // engines that do not say malicious are no second voice
    expect(reopenReason('false-positive', closed, { ...now, positives: 1, enginesState: 'suspicious' })).toBeNull();
  });

  it('does not take the deciding provider saying the same again for another provider', () => {
    const mb = { provider: 'malwarebazaar', state: 'malicious' };
    expect(
      reopenReason('resolved', closedOn('malicious', null, 'malwarebazaar'), {
        state: 'malicious',
        positives: null,
        origin: 'malwarebazaar',
        enginesState: null,
        opinion: mb,
      }),
    ).toBeNull();
    // closed on VirusTotal's engines: those same engines (behind any decision) are not a new voice
    expect(
      reopenReason('resolved', closedOn('malicious', 0, 'virustotal'), {
        state: 'malicious',
        positives: 0,
        origin: 'virustotal',
        enginesState: 'malicious',
        opinion: null,
      }),
    ).toBeNull();
  });
});
