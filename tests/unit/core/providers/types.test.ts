// The shape every reputation client answers in: typed errors (message, retryable, the wait), the provider status
// an error leads to, the hash each provider asks by, and a found result as the renderer's schema reads it.
import { describe, expect, it } from 'vitest';
import {
  errorFromStatus,
  hashToAsk,
  providerError,
  statusAfter,
  toProviderAnswer,
  type ProviderErrorType,
} from '../../../../electron/core/providers/types';
import { ProviderAnswerSchema, ProviderStatsSchema } from '../../../../shared/providers';

describe('provider errors', () => {
  it('say who failed and how, and whether and when to ask again', () => {
    expect(providerError('circl', 'unavailable', { httpStatus: 503, detail: 'HTTP 503' })).toEqual({
      type: 'unavailable',
      message: 'CIRCL hashlookup: temporarily unavailable (HTTP 503)',
      retryable: true,
      retryAfterMs: 60_000,
      httpStatus: 503,
      code: null,
    });
    expect(providerError('malwarebazaar', 'rate-limited', { retryAfterMs: 5_000 }).retryAfterMs).toBe(5_000);
    const credentials = providerError('malwarebazaar', 'credentials', { retryAfterMs: 5_000 });
    expect(credentials).toMatchObject({ message: 'MalwareBazaar: Check credentials', retryable: false });
    expect(credentials).not.toHaveProperty('retryAfterMs');
  });

  it.each([
    [401, 'credentials'],
    [403, 'credentials'],
    [429, 'rate-limited'],
    [500, 'unavailable'],
    [504, 'unavailable'],
    [301, 'http'],
    [404, 'http'],
    [418, 'http'],
  ] as [number, ProviderErrorType][])('HTTP %i is %s', (status, type) => {
    expect(errorFromStatus('circl', status, null).type).toBe(type);
  });

  it('lead to the provider status the status bar shows', () => {
    const status = (type: ProviderErrorType) => statusAfter(providerError('circl', type));
    expect(
      ['credentials', 'rate-limited', 'unavailable', 'timeout', 'network', 'bad-hash', 'malformed', 'http'].map((t) =>
        status(t as ProviderErrorType),
      ),
    ).toEqual(['credentials', 'rate-limited', 'offline', 'offline', 'offline', 'ok', 'ok', 'ok']);
    expect(
      ProviderStatsSchema.parse({
        name: 'circl',
        status: 'offline',
        statusMessage: 'x',
        resumesAt: null,
        requests: 3,
        hits: 1,
      }),
    ).toBeTruthy();
  });
});

describe('the hash to ask by', () => {
  it('is the first valid one in the provider order, in lower case, and never a hash of the wrong kind', () => {
    const q = { md5: 'A'.repeat(32), sha1: 'b'.repeat(64), sha256: ' ' + 'C'.repeat(64) + ' ' };
    expect(hashToAsk(q, ['sha1', 'md5', 'sha256'])).toEqual({ kind: 'md5', hash: 'a'.repeat(32) });
    expect(hashToAsk(q, ['sha256', 'sha1', 'md5'])).toEqual({ kind: 'sha256', hash: 'c'.repeat(64) });
    expect(hashToAsk({ md5: 'xxx', sha1: '', sha256: null }, ['sha256', 'sha1', 'md5'])).toBeNull();
  });
});

describe('a found result for the renderer', () => {
  it('fits the shared answer schema', () => {
    const answer = toProviderAnswer(
      {
        kind: 'found',
        provider: 'local',
        asked: { kind: 'md5', hash: 'd41d8cd98f00b204e9800998ecf8427e' },
        finding: {
          verdict: 'known-good',
          why: 'known good: the empty file',
          details: { provider: 'local', rule: 'empty-file' },
          link: null,
          raw: '{}',
        },
      },
      Date.UTC(2026, 6, 7),
    );
    expect(ProviderAnswerSchema.parse(answer)).toEqual({
      provider: 'local',
      asked: { kind: 'md5', hash: 'd41d8cd98f00b204e9800998ecf8427e' },
      verdict: 'known-good',
      why: 'known good: the empty file',
      answeredAt: '2026-07-07T00:00:00.000Z',
      link: null,
      details: { provider: 'local', rule: 'empty-file' },
    });
  });
});
