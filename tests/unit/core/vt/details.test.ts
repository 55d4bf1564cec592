// The details VirusTotal's page shows, read from real stored answers (tests/fixtures/virustotal, sources in its
// README), and from hostile or broken ones: nothing in a remote answer is trusted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vtDetailsOf } from '../../../../electron/core/vt/details';
import { VT_DETAIL_LIMITS, VtDetailsSchema } from '../../../../shared/vtDetails';
import { VT_FIXTURES } from '../../../helpers/fixtures';

const raw = (name: string) => readFileSync(path.join(VT_FIXTURES, name), 'utf8');
const ANSWERED = Date.UTC(2026, 11, 1, 12, 0, 0);
const time = { answeredAtMs: ANSWERED, nowMs: ANSWERED + 3 * 86_400_000 + 5_000 };
const parse = (body: string) => {
  const details = vtDetailsOf(body, time);
  if (details) VtDetailsSchema.parse(details); // always what the contract promises
  return details;
};
const v3 = (attributes: Record<string, unknown>) =>
  JSON.stringify({
    data: { id: 'a'.repeat(64), type: 'file', attributes: { last_analysis_stats: {}, ...attributes } },
  });

describe('VirusTotal details from real answers', () => {
  it('a ransomware answer: counts apart, threat label and families, sandbox verdict, dates, tags', () => {
    const d = parse(raw('v3-file-ransomware-sandbox-2025.json'))!;
    expect(d.api).toBe('v3');
    expect(d.counts).toEqual({
      malicious: 44,
      suspicious: 0,
      undetected: 29,
      harmless: 0,
      timeout: 0,
      failure: 0,
      typeUnsupported: 4,
    });
    expect(d.enginesWithVerdict).toBe(73);
    expect(d.threat).toEqual({
      label: 'ransomware.hive/recyl',
      categories: [
        { value: 'ransomware', count: 14 },
        { value: 'trojan', count: 14 },
        { value: 'worm', count: 4 },
      ],
      families: [
        { value: 'hive', count: 8 },
        { value: 'recyl', count: 4 },
        { value: 'gofing', count: 3 },
      ],
    });
    expect(d.sandboxes).toEqual([
      {
        sandbox: 'C2AE',
        category: 'undetected',
        confidence: null,
        classifications: ['UNKNOWN_VERDICT'],
        malwareNames: [],
      },
    ]);
    expect(d.signature).toBeNull(); // no signature_info: "none"
    expect(d.firstSubmission).toBe('2025-05-13T04:05:44.000Z');
    expect(d.lastAnalysis).toBe('2025-05-13T04:05:44.000Z');
    expect(d.tags).toEqual(['peexe', '64bits', 'overlay', 'spreader']);
    expect(d.names).toEqual(['/scratch/zoo/2025/05/13/37ece581c10a7a88ee6c666b13807a03']);
    expect(d.timesSubmitted).toBe(1);
    expect(d.votes).toEqual({ harmless: 0, malicious: 0 });
    expect(d.yara).toEqual([]);
    expect(d.answeredAt).toBe('2026-12-01T12:00:00.000Z');
    expect(d.answerAgeSeconds).toBe(3 * 86_400 + 5);
  });

  it('a signed clean file: the Authenticode signer chain and the leaf certificate status', () => {
    const d = parse(raw('v3-file-signed-clean-2025.json'))!;
    expect(d.counts.malicious).toBe(0);
    expect(d.enginesWithVerdict).toBe(73);
    expect(d.signature).toEqual({
      verified: 'Signed',
      signers: [
        'Google LLC',
        'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
        'DigiCert Trusted Root G4',
        'DigiCert',
      ],
      signerStatus: 'This certificate or one of the certificates in the certificate chain is not time valid.',
      signingDate: '11:10 PM 04/22/2024',
      product: null,
    });
    expect(d.threat).toBeNull();
    expect(d.names[0]).toBe('C:\\\\ProgramData\\\\GooGet\\\\googet.exe'); // meaningful_name first, once
    expect(d.names).toHaveLength(6);
    expect(d.tags).toContain('known-distributor');
    expect(d.lastAnalysis).toBeNull(); // not in this answer: shown as unknown, never invented
  });

  it('crowdsourced YARA rules with their ruleset, author and source', () => {
    const d = parse(raw('v3-file-yara-2021.json'))!;
    expect(d.yara).toEqual([
      {
        rule: 'RAT_CyberGate',
        ruleset: 'gen_rats_malwareconfig',
        author: 'Kevin Breen <kevin@techanarchy.net>',
        source: 'https://github.com/Neo23x0/signature-base',
      },
    ]);
    expect(d.yaraTotal).toBe(1);
    expect(d.counts.malicious).toBe(64);
    expect(d.enginesWithVerdict).toBe(70);
    expect(d.lastSubmission).toBe('2018-05-02T04:08:52.000Z');
  });

  it('the 2020 answer (no classification, no sandbox) and a v2 report: counts and dates only', () => {
    const d = parse(raw('v3-file-malicious-2020.json'))!;
    expect(d.counts.malicious).toBe(68);
    expect(d.enginesWithVerdict).toBe(72);
    expect(d.threat).toBeNull();
    expect(d.sandboxes).toEqual([]);
    const v2 = parse(raw('v2-file-report-found.json'))!;
    expect(v2.api).toBe('v2');
    expect(v2.counts.suspicious).toBe(0);
    expect(v2.enginesWithVerdict).toBeGreaterThan(0);
    expect(v2.lastAnalysis).not.toBeNull();
    expect(v2.names).toEqual([]);
  });
});

describe('VirusTotal details from hostile and broken answers', () => {
  it('is null for what is not a found report', () => {
    expect(parse('not json')).toBeNull();
    expect(parse('[]')).toBeNull();
    expect(parse(raw('v3-error-not-found.json'))).toBeNull();
    expect(parse(raw('v2-file-report-not-found.json'))).toBeNull();
    expect(parse(JSON.stringify({ data: { attributes: {} } }))).toBeNull(); // no stats: nothing to count
  });

  it('bounds every list and every text, and keeps control characters for the views to show', () => {
    const long = 'x'.repeat(5000);
    const d = parse(
      v3({
        names: Array.from({ length: 1000 }, (_, i) => `name-${i}`),
        tags: [...Array.from({ length: 500 }, (_, i) => `t${i}`), long],
        meaningful_name: 'evil\u202Etxt.exe',
        crowdsourced_yara_results: Array.from({ length: 300 }, (_, i) => ({ rule_name: `r${i}`, ruleset_name: 's' })),
        sandbox_verdicts: Object.fromEntries(
          Array.from({ length: 100 }, (_, i) => [
            `box${i}`,
            {
              category: 'malicious',
              confidence: 1e6,
              malware_names: Array(100)
                .fill('x')
                .map((x, j) => x + j),
            },
          ]),
        ),
        popular_threat_classification: {
          suggested_threat_label: `<img src=x onerror=alert(1)>${long}`,
          popular_threat_name: Array.from({ length: 50 }, (_, i) => ({ value: `f${i}`, count: i })),
        },
      }),
    )!;
    expect(d.names).toHaveLength(VT_DETAIL_LIMITS.names);
    expect(d.names[0]).toBe('evil\u202Etxt.exe');
    expect(d.namesTotal).toBe(1001);
    expect(d.tags).toHaveLength(VT_DETAIL_LIMITS.tags);
    expect(d.yara).toHaveLength(VT_DETAIL_LIMITS.yaraRules);
    expect(d.yaraTotal).toBe(300);
    expect(d.sandboxes).toHaveLength(VT_DETAIL_LIMITS.sandboxes);
    expect(d.sandboxes[0].confidence).toBe(100);
    expect(d.sandboxes[0].malwareNames).toHaveLength(VT_DETAIL_LIMITS.sandboxValues);
    expect(Array.from(d.threat!.label!)).toHaveLength(VT_DETAIL_LIMITS.text);
    expect(d.threat!.label!.endsWith('…')).toBe(true);
    expect(d.threat!.families.map((f) => f.value)).toEqual(['f49', 'f48', 'f47', 'f46', 'f45']);
  });

  it('leaves out values of the wrong type instead of failing', () => {
    const d = parse(
      v3({
        last_analysis_stats: { malicious: '9', suspicious: -3, undetected: 1.7, harmless: null },
        names: 'not a list',
        tags: [1, null, { a: 1 }, 'ok', 'ok'],
        first_submission_date: 'yesterday',
        last_analysis_date: 1e15,
        signature_info: { verified: 42, signers: ['not', 'a string'], 'signers details': 'nope' },
        sandbox_verdicts: [{ sandbox_name: 'list, not a map' }],
        crowdsourced_yara_results: { rule_name: 'not a list' },
        popular_threat_classification: { popular_threat_category: [['trojan', 7], [3, 'x'], 'junk'] },
        reputation: 'high',
        total_votes: 'many',
      }),
    )!;
    expect(d.counts).toMatchObject({ malicious: 0, suspicious: 0, undetected: 1, harmless: 0 });
    expect(d.names).toEqual([]);
    expect(d.tags).toEqual(['ok']);
    expect(d.firstSubmission).toBeNull();
    expect(d.lastAnalysis).toBeNull();
    expect(d.signature).toBeNull();
    expect(d.sandboxes).toEqual([]);
    expect(d.yara).toEqual([]);
    expect(d.threat).toEqual({
      label: null,
      categories: [
        { value: 'trojan', count: 7 },
        { value: 'x', count: 3 },
      ],
      families: [],
    });
    expect(d.reputation).toBeNull();
    expect(d.votes).toBeNull();
  });

  it('an answer from the future has age 0, not a negative age', () => {
    const d = vtDetailsOf(raw('v3-file-yara-2021.json'), { answeredAtMs: 2000, nowMs: 1000 })!;
    expect(d.answerAgeSeconds).toBe(0);
  });
});
