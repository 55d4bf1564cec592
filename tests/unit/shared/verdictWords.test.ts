// The verdict's words: the counts apart ("8 malicious, 1 suspicious of 71 engines"), never "0/70 suspicious", one
// word for a file VirusTotal does not know, and ages in whole units.
import { describe, expect, it } from 'vitest';
import { STATE_LABELS, ageWords, countsSentence, verdictInWords } from '../../../shared/verdictWords';

describe('verdict words', () => {
  it('counts malicious and suspicious engines apart, naming suspicious only when some say it', () => {
    expect(countsSentence(8, 1, 71)).toBe('8 malicious, 1 suspicious of 71 engines');
    expect(countsSentence(0, 2, 70)).toBe('0 malicious, 2 suspicious of 70 engines');
    expect(countsSentence(0, 0, 73)).toBe('0 malicious of 73 engines');
    expect(countsSentence(1, 0, 1)).toBe('1 malicious of 1 engine');
  });

  it('has one word for "not on VirusTotal"', () => {
    expect(STATE_LABELS.unknown).toBe('not on VirusTotal');
    expect(verdictInWords({ state: 'unknown', positives: null, total: null })).toBe('not on VirusTotal');
  });

  it('says ages in the largest whole unit', () => {
    expect(ageWords(5)).toBe('just now');
    expect(ageWords(60)).toBe('1 minute');
    expect(ageWords(3 * 3600 + 59)).toBe('3 hours');
    expect(ageWords(3 * 86_400 + 5)).toBe('3 days');
    expect(ageWords(400 * 86_400)).toBe('1 year');
    expect(ageWords(-10)).toBe('just now');
  });
});
