import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_STATS,
  errorFromHttp,
  v2ResponseCodeError,
  verdictOf,
  type VtFileReport,
  type VtStats,
} from '../../../../electron/core/vt/types';
import { parseRetryAfter } from '../../../../electron/core/base/wire';

const SHA = 'f'.repeat(64);
function report(stats: Partial<VtStats>): VtFileReport {
  return {
    api: 'v3',
    sha256: SHA,
    sha1: null,
    md5: null,
    names: [],
    typeDescription: null,
    size: null,
    threatLabel: null,
    reputation: null,
    tags: [],
    firstSubmissionMs: null,
    lastAnalysisMs: null,
    stats: { ...EMPTY_STATS, ...stats },
    engines: [],
    permalink: `https://www.virustotal.com/gui/file/${SHA}`,
  };
}

describe('verdictOf', () => {
  it('is unknown with no counts for a file VirusTotal does not know', () => {
    expect(verdictOf(null, 1)).toEqual({ state: 'unknown', positives: null, total: null });
  });

  it('applies the threshold', () => {
    const r = report({ malicious: 3, undetected: 60, typeUnsupported: 5, timeout: 2 });
    expect(verdictOf(r, 1)).toEqual({ state: 'malicious', positives: 3, total: 63 });
    expect(verdictOf(r, 3).state).toBe('malicious');
    expect(verdictOf(r, 4)).toEqual({ state: 'suspicious', positives: 3, total: 63 });
  });

  it('calls suspicious engines suspicious and nothing else clean', () => {
    expect(verdictOf(report({ suspicious: 1, undetected: 70 }), 1)).toEqual({
      state: 'suspicious',
      positives: 0,
      total: 71,
    });
    expect(verdictOf(report({ undetected: 60, harmless: 10, typeUnsupported: 4 }), 1)).toEqual({
      state: 'clean',
      positives: 0,
      total: 70,
    });
    expect(verdictOf(report({}), 1)).toEqual({ state: 'clean', positives: 0, total: 0 });
  });

  it('treats a threshold below 1 as 1', () => {
    expect(verdictOf(report({ undetected: 5 }), 0).state).toBe('clean');
  });

  it('never reports the malicious count as the total (Wazuh v3 defect)', () => {
    fc.assert(
      fc.property(
        fc.record({
          malicious: fc.nat(80),
          suspicious: fc.nat(10),
          undetected: fc.nat(80),
          harmless: fc.nat(10),
          typeUnsupported: fc.nat(10),
          timeout: fc.nat(5),
        }),
        fc.integer({ min: 1, max: 100 }),
        (stats, threshold) => {
          const v = verdictOf(report(stats), threshold);
          expect(v.positives).toBe(stats.malicious);
          expect(v.total).toBe(stats.malicious + stats.suspicious + stats.undetected + stats.harmless);
          if (stats.suspicious + stats.undetected + stats.harmless > 0) expect(v.total).not.toBe(v.positives);
          expect(v.state).toBe(
            stats.malicious >= threshold
              ? 'malicious'
              : stats.malicious > 0 || stats.suspicious > 0
                ? 'suspicious'
                : 'clean',
          );
        },
      ),
    );
  });
});

describe('errorFromHttp', () => {
  const body = (code: string, message = 'm') => JSON.stringify({ error: { code, message } });
  it.each([
    [401, 'WrongCredentialsError', 'credentials'],
    [401, 'AuthenticationRequiredError', 'credentials'],
    [401, 'UserNotActiveError', 'credentials'],
    [403, 'ForbiddenError', 'forbidden'],
    [429, 'QuotaExceededError', 'quota'],
    [429, 'TooManyRequestsError', 'quota'],
    [503, 'TransientError', 'transient'],
    [504, 'DeadlineExceededError', 'deadline'],
    [400, 'InvalidArgumentError', 'bad-request'],
    [400, 'NotAvailableYet', 'not-available-yet'],
    [409, 'AlreadyExistsError', 'conflict'],
    [424, 'FailedDependencyError', 'failed-dependency'],
    [500, 'InternalError', 'transient'],
    [404, 'NotFoundError', 'http'],
    [418, 'Teapot', 'http'],
  ] as const)('v3 %i %s -> %s', (status, code, type) => {
    const e = errorFromHttp('v3', status, body(code), null);
    expect(e).toMatchObject({ type, httpStatus: status, code });
    expect(e.message).toContain(`${code}: m)`);
  });

  it('words credentials as Wazuh does', () => {
    expect(errorFromHttp('v3', 401, body('WrongCredentialsError', 'Wrong API key'), null).message).toBe(
      'Error: Check credentials (WrongCredentialsError: Wrong API key)',
    );
  });

  it('maps v2 statuses: 204 rate limit, 403 credentials', () => {
    expect(errorFromHttp('v2', 204, '', null)).toEqual({
      type: 'quota',
      httpStatus: 204,
      code: null,
      message: 'Error: Public API request rate limit reached',
      retryAfterMs: null,
    });
    expect(errorFromHttp('v2', 403, '', null)).toMatchObject({
      type: 'credentials',
      message: 'Error: Check credentials',
    });
  });

  it('maps v2 response codes: -2 queued, -1 refused', () => {
    expect(v2ResponseCodeError(-2, { verbose_msg: 'queued' })).toMatchObject({ type: 'not-available-yet' });
    expect(v2ResponseCodeError(-1, {}).type).toBe('bad-request');
  });

  it('handles bodies that are not VirusTotal errors', () => {
    expect(errorFromHttp('v3', 502, '<html>bad gateway</html>', 5000)).toMatchObject({
      type: 'transient',
      code: null,
      retryAfterMs: 5000,
      message: 'Error: VirusTotal is temporarily unavailable (HTTP 502)',
    });
    expect(errorFromHttp('v3', 301, null, null).type).toBe('http');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 5, 1, 12, 0, 0);
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter(new Date(now - 90_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
