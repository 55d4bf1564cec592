// The indexer source's pure parts: the cursor (its JSON, order, overlap arithmetic), the settings and the password's
// binding to its destination (shared/indexer.ts), errors in words, and the source's state with its backoff.
import { describe, expect, it } from 'vitest';
import {
  advanceCursor,
  compareSortValues,
  cursorForVersion,
  newIndexerCursor,
  parseIndexerCursor,
  repairFutureCursor,
  rereadRange,
  serializeIndexerCursor,
  settleOverlap,
} from '../../../../electron/core/indexer/cursor';
import { answerReason, IndexerError, networkReason, tlsReason } from '../../../../electron/core/indexer/errors';
import { clockTime, followingStatus, statusForError } from '../../../../electron/core/indexer/sourceStatus';
import {
  IndexerSourceSettings,
  indexerUrlProblem,
  indexerWarnings,
  passwordMayGoTo,
  sameIndexerDestination,
} from '../../../../shared/indexer';

const MIN = 60_000;
const T = Date.UTC(2026, 6, 5, 12, 0, 0);

describe('the cursor', () => {
  it('a new source starts 24 hours back, or now with --from-end', () => {
    expect(newIndexerCursor(5, T)).toEqual({
      v: 1,
      wazuh: 5,
      after: null,
      overlapFromMs: T - 86_400_000,
      floorMs: T - 86_400_000,
    });
    expect(newIndexerCursor(4, T, { fromEnd: true })).toMatchObject({ wazuh: 4, floorMs: T, overlapFromMs: T });
  });

  it('round-trips as JSON; anything else is not a cursor', () => {
    const c = advanceCursor(newIndexerCursor(5, T), [T + 5, 'b']);
    expect(parseIndexerCursor(serializeIndexerCursor(c))).toEqual(c);
    for (const bad of [
      null,
      '',
      '{',
      '[]',
      '{"v":2}',
      JSON.stringify({ ...c, wazuh: 6 }),
      JSON.stringify({ ...c, after: [1.5, 'x'] }),
      JSON.stringify({ ...c, after: ['1', 'x'] }),
      JSON.stringify({ ...c, floorMs: 'x' }),
    ])
      expect(parseIndexerCursor(bad)).toBe(null);
  });

  it('orders by time, then by the id as OpenSearch compares keywords (UTF-8 bytes)', () => {
    expect(compareSortValues([1, 'b'], [2, 'a'])).toBe(-1);
    expect(compareSortValues([2, 'a'], [2, 'b'])).toBe(-1);
    expect(compareSortValues([2, 'b'], [2, 'b'])).toBe(0);
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (F0 ...), although JavaScript's UTF-16 order says otherwise
    expect('\u{1F600}' < '\uFF5E').toBe(true);
    expect(compareSortValues([1, '\uFF5E'], [1, '\u{1F600}'])).toBe(-1);
  });

  it('never moves backwards; the overlap start moves only when re-read, never into the window', () => {
    let c = newIndexerCursor(5, T + 86_400_000);
    c = advanceCursor(c, [T + 10 * MIN, 'x']);
    expect(advanceCursor(c, [T + 5 * MIN, 'z'])).toBe(c);
    expect(c.overlapFromMs).toBe(T); // unchanged until the re-read
    expect(rereadRange(c, 2 * MIN, T + 11 * MIN)).toEqual({ fromMs: T, toMs: T + 10 * MIN + 1 });
    expect(settleOverlap(c, T + 9 * MIN, 2 * MIN).overlapFromMs).toBe(T + 8 * MIN);
    expect(settleOverlap(c, T + 3 * MIN, 2 * MIN).overlapFromMs).toBe(T + 3 * MIN);
    const settled = settleOverlap(c, T + 10 * MIN, 2 * MIN);
    // while documents near `after` can still be late, the window keeps being re-read; once quiet, nothing
    expect(rereadRange(settled, 2 * MIN, T + 11 * MIN)).toEqual({ fromMs: T + 8 * MIN, toMs: T + 10 * MIN + 1 });
    expect(rereadRange(settled, 2 * MIN, T + 15 * MIN)).toBe(null);
    expect(rereadRange(newIndexerCursor(5, T), 2 * MIN, T)).toBe(null);
  });

  it('another generation (an upgrade) starts at the last time read, minus the overlap', () => {
    const c = advanceCursor(newIndexerCursor(4, T + 86_400_000), [T + 10 * MIN, '1.2']);
    expect(cursorForVersion(c, 4, 2 * MIN)).toBe(c);
    expect(cursorForVersion(c, 5, 2 * MIN)).toEqual({
      v: 1,
      wazuh: 5,
      after: null,
      overlapFromMs: T + 8 * MIN,
      floorMs: T + 8 * MIN,
    });
  });

  it('a cursor dated past the overlap ahead (stored before polls were bounded) starts again 24 hours back', () => {
    const now = T + 30 * 86_400_000;
    const poisoned = advanceCursor(newIndexerCursor(4, T + 86_400_000), [now + 10 * 365 * 86_400_000, '2099.1']);
    expect(repairFutureCursor(poisoned, now, 2 * MIN)).toEqual({
      v: 1,
      wazuh: 4,
      after: null,
      overlapFromMs: now - 86_400_000,
      floorMs: now - 86_400_000,
    });
    // a source added an hour ago keeps its floor; a cursor within the overlap ahead is left as it is
    const young = advanceCursor(newIndexerCursor(4, now, { fromEnd: true }), [now + 3 * MIN, 'x']);
    expect(repairFutureCursor(young, now - 60 * MIN, 2 * MIN).floorMs).toBe(now - 60 * MIN);
    const fine = advanceCursor(newIndexerCursor(4, now), [now + MIN, 'x']);
    expect(repairFutureCursor(fine, now, 2 * MIN)).toBe(fine);
  });
});

describe('settings, and where the password may go', () => {
  const base = {
    urls: ['https://wazuh-indexer:9200'],
    username: 'wazuh-readonly',
    trust: { kind: 'ca-file' as const, path: '/etc/root-ca.pem' },
    wazuhVersion: 'auto' as const,
    pollSeconds: 10,
    overlapSeconds: 120,
  };

  it('URLs: https or http only, no credentials, query or fragment in them', () => {
    expect(indexerUrlProblem('https://h:9200')).toBe(null);
    expect(indexerUrlProblem('http://10.0.0.5:9200/')).toBe(null);
    expect(indexerUrlProblem('ftp://h')).toMatch(/only https/);
    expect(indexerUrlProblem('https://admin:admin@h:9200')).toMatch(/no user or password in the URL/);
    expect(indexerUrlProblem('https://h:9200/?x=1')).toMatch(/no query/);
    expect(indexerUrlProblem('h:9200')).toMatch(/only https|not a URL/);
    expect(indexerUrlProblem('not a url')).toMatch(/not a URL/);
  });

  it('the schema: at least one URL, an overlap of at least 2 minutes', () => {
    expect(IndexerSourceSettings.safeParse(base).success).toBe(true);
    const r = IndexerSourceSettings.safeParse({ ...base, urls: ['https://a:b@h'], overlapSeconds: 30 });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message).join(' | ');
    expect(messages).toMatch(/https:\/\/a:b@h: no user or password/);
    expect(messages).toMatch(/at least 2 minutes/);
    expect(IndexerSourceSettings.safeParse({ ...base, urls: [] }).success).toBe(false);
  });

  it('the same destination: the same URLs in any order (written alike), trusted the same way', () => {
    const a = { urls: ['https://a:9200', 'https://B:9200/'], trust: base.trust };
    expect(
      sameIndexerDestination(a, {
        urls: ['https://b:9200', 'https://a:9200'],
        trust: { kind: 'ca-file', path: '/etc/root-ca.pem' },
      }),
    ).toBe(true);
    expect(sameIndexerDestination(a, { urls: ['https://a:9200'], trust: base.trust })).toBe(false);
    expect(sameIndexerDestination(a, { ...a, trust: { kind: 'ca-file', path: '/tmp/attacker-ca.pem' } })).toBe(false);
  });

  it('a password goes only where it was given: fewer URLs yes; another URL, CA, insecure or http no', () => {
    const given = { urls: ['https://a:9200', 'https://b:9200'], trust: base.trust };
    expect(passwordMayGoTo(given, { urls: ['https://a:9200'], trust: base.trust })).toBe(true);
    expect(passwordMayGoTo(given, { urls: ['https://a:9200', 'https://evil:9200'], trust: base.trust })).toBe(false);
    expect(passwordMayGoTo(given, { urls: ['http://a:9200'], trust: base.trust })).toBe(false);
    expect(passwordMayGoTo(given, { urls: ['https://a:9200'], trust: { kind: 'insecure' } })).toBe(false);
    expect(passwordMayGoTo(given, { urls: ['https://a:9200'], trust: { kind: 'system' } })).toBe(false);
    expect(passwordMayGoTo(given, { urls: [], trust: base.trust })).toBe(false);
  });

  it('warns about plain http and "accept any certificate"', () => {
    expect(indexerWarnings(base)).toEqual([]);
    expect(indexerWarnings({ urls: ['http://lab:9200', 'https://x:9200'], trust: { kind: 'insecure' } })).toEqual([
      'plain http (http://lab:9200): the password and the alerts cross the network unencrypted',
      'insecure: any certificate is accepted, so anyone on the path can read the password and the alerts',
    ]);
  });
});

describe('errors in words', () => {
  it('TLS reasons from codes and from messages', () => {
    expect(tlsReason('CERT_HAS_EXPIRED')).toBe('the certificate has expired');
    expect(tlsReason('unable to verify the first certificate')).toMatch(/unknown certificate authority/);
    expect(tlsReason('SELF_SIGNED_CERT_IN_CHAIN')).toMatch(/unknown certificate authority/);
    expect(
      tlsReason("Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list:"),
    ).toMatch(/another host name/);
    expect(tlsReason('ERR_SSL_WRONG_VERSION_NUMBER')).toBe(null);
    expect(tlsReason('connect ECONNREFUSED 127.0.0.1:9200')).toBe(null);
  });

  it('network reasons', () => {
    expect(networkReason('getaddrinfo ENOTFOUND indexer.lan')).toBe('host name not found');
    expect(networkReason('connect EHOSTUNREACH 10.0.0.1:9200')).toBe('no route to the host');
    expect(networkReason('something\nodd')).toBe('something odd');
  });

  it("OpenSearch's reasons: JSON error bodies, plain text, nothing", () => {
    expect(
      answerReason({ error: { root_cause: [{ type: 'x_exception', reason: 'why' }], type: 'y', reason: 'z' } }),
    ).toBe('x_exception: why');
    expect(answerReason({ error: 'no handler found for uri [/x] and method [GET]' })).toMatch(/^no handler found/);
    expect(answerReason('OpenSearch Security not initialized.')).toBe('OpenSearch Security not initialized.');
    expect(answerReason(null)).toBe('no reason given');
  });
});

describe('the source state', () => {
  const random = () => 0.5;
  it('errors back off; a 401 stops; problems a person fixes are retried slowly', () => {
    const at = (problem: ConstructorParameters<typeof IndexerError>[0], attempt = 1) =>
      statusForError(new IndexerError(problem, 'x'), { attempt, nowMs: T, random });
    expect(at('unreachable').retryAt).toBe(T + 3_750);
    expect(at('unreachable', 10).retryAt).toBe(T + 225_000);
    expect(at('certificate').retryAt).toBe(T + 45_000);
    expect(at('forbidden', 20).retryAt).toBe(T + 1_350_000);
    expect(at('credentials')).toMatchObject({ retryAt: null, stoppedUntilCredentialsChange: true });
    expect(at('pit-missing').problem).toBe('server-error');
    expect(at('timeout').message).toBe(`x: retrying at ${clockTime(T + 3_750)}`);
  });

  it('following, with the lag when it is worth saying', () => {
    expect(followingStatus(null).message).toBe('following');
    expect(followingStatus(30_000).message).toBe('following');
    expect(followingStatus(5 * MIN).message).toBe('following, 5 min behind');
    expect(followingStatus(5 * 3_600_000).message).toBe('following, 5 h behind');
    expect(clockTime(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('03:04:05');
  });
});
