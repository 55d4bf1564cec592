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
});
