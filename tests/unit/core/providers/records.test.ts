// Reading provider records defensively: CIRCL hashlookup records (KnownMalicious in its forms, trust as a number
// or a string, ProductCode as an object or a bare code, wrong types) and MalwareBazaar samples; every reading fits
// the shared schema the renderer validates against, and no remote text breaks the one-line "why".
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownGoodWhy, readCirclRecord } from '../../../../electron/core/providers/circl/record';
import { readMalwareBazaarSample } from '../../../../electron/core/providers/malwarebazaar/sample';
import { CirclDetailsSchema, MalwareBazaarDetailsSchema, oneLine } from '../../../../shared/providers';
import { REPUTATION_FIXTURES } from '../../../helpers/fixtures';

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(REPUTATION_FIXTURES, name), 'utf8'));
const LS = fixture('circl-lookup-sha1-found.json');
const SAMPLE = fixture('malwarebazaar-get-info-found.json').data[0];
const SHA1 = { 'SHA-1': 'AB'.repeat(20) };

describe('CIRCL hashlookup records', () => {
  it('reads the live format: known good with the package, and the trust of a lookup', () => {
    const r = readCirclRecord(LS)!;
    expect(r.verdict).toBe('known-good');
    expect(r.why).toBe('known good: NSRL, Debian coreutils 9.1-1');
    expect(r.hashes).toEqual({
      md5: LS.MD5.toLowerCase(),
      sha1: LS['SHA-1'].toLowerCase(),
      sha256: LS['SHA-256'].toLowerCase(),
    });
    expect(r.details).toMatchObject({ trust: 55, fileSize: 138208, packageName: 'coreutils' });
    expect(CirclDetailsSchema.parse(r.details)).toEqual(r.details);
  });

  it.each([
    [{ KnownMalicious: 'malshare' }, ['malshare'], 'malicious: CIRCL hashlookup, listed by malshare'],
    [
      { KnownMalicious: ['vx-underground', 'malshare'] },
      ['vx-underground', 'malshare'],
      'malicious: CIRCL hashlookup, listed by vx-underground, malshare',
    ],
    [{ KnownMalicious: '' }, [], 'malicious: CIRCL hashlookup, listed by an unnamed source'],
    [{ KnownMalicious: null }, [], 'malicious: CIRCL hashlookup, listed by an unnamed source'],
    [
      { KnownMalicious: 'bad\nsource\u202e' },
      ['bad\nsource\u202e'],
      'malicious: CIRCL hashlookup, listed by bad source\ufffd',
    ],
  ])('calls a record with KnownMalicious %j malicious', (extra, sources, why) => {
    const r = readCirclRecord({ ...LS, 'hashlookup:trust': 35, ...extra })!;
    expect(r).toMatchObject({ verdict: 'malicious', why, details: { knownMalicious: sources } });
  });

  it('never calls a record with a trust below 50 known good', () => {
    expect(readCirclRecord({ ...SHA1, 'hashlookup:trust': '20' })).toMatchObject({
      verdict: 'unknown',
      why: 'no opinion: CIRCL hashlookup trust 20',
    });
    expect(readCirclRecord({ ...SHA1, 'hashlookup:trust': 50 })?.verdict).toBe('known-good');
    expect(readCirclRecord({ ...SHA1, 'hashlookup:trust': 'high' })?.details.trust).toBeNull();
    expect(readCirclRecord({ ...SHA1, 'hashlookup:trust': 500 })?.details.trust).toBe(100);
  });

  it('builds the why from what the record holds', () => {
    const why = (extra: Record<string, unknown>) => readCirclRecord({ ...SHA1, ...extra })!.why;
    expect(why({ source: 'NSRL', db: 'nsrl_modern_rds', FileName: 'C:\\Windows\\kernel32.dll' })).toBe(
      'known good: NSRL, kernel32.dll',
    );
    expect(why({ ProductCode: { ProductName: 'Office 2019', ProductVersion: '16.0' }, db: 'nsrl_legacy' })).toBe(
      'known good: NSRL, Office 2019 16.0',
    );
    // the bare code of a ProductCode the server could not expand is no product name
    expect(why({ ProductCode: '190742', source: 'NSRL', FileName: 'a.dll' })).toBe('known good: NSRL, a.dll');
    expect(why({ source: 'ubuntu-jammy', PackageName: 'openssl', PackageVersion: '3.0.2-0ubuntu1.15' })).toBe(
      'known good: Ubuntu openssl 3.0.2-0ubuntu1.15',
    );
    expect(why({ source: 'some-new-source', FileName: './usr/bin/x' })).toBe('known good: some-new-source x');
    expect(why({})).toBe('known good: CIRCL hashlookup');
  });

  it('is no record without a hash, and keeps going past wrong types', () => {
    for (const v of [null, 'x', 42, [], {}, { FileName: 'a' }, { MD5: 'not-hex' }])
      expect(readCirclRecord(v)).toBeNull();
    const r = readCirclRecord({ ...SHA1, FileName: 7, FileSize: 'big', PackageName: { a: 1 }, source: ['x'] })!;
    expect(r.details).toMatchObject({ fileName: null, fileSize: null, packageName: null, source: null });
    expect(r.verdict).toBe('known-good');
  });

  it('reads any JSON value without throwing, into the shared schema, with a one-line why', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'FileName',
            'source',
            'db',
            'PackageName',
            'PackageVersion',
            'KnownMalicious',
            'hashlookup:trust',
            'ProductCode',
            'FileSize',
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        (extra) => {
          const r = readCirclRecord({ ...SHA1, ...extra })!;
          expect(CirclDetailsSchema.safeParse(r.details).success).toBe(true);
          expect(r.why).not.toMatch(/[\n\r\u202e]/);
          expect(r.why.length).toBeLessThanOrEqual(300);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the why of long names short', () => {
    expect(knownGoodWhy({ ...readCirclRecord(LS)!.details, packageName: 'p'.repeat(500) }).length).toBe(
      'known good: '.length + 160,
    );
  });
});

describe('MalwareBazaar samples', () => {
  it('reads the documented record', () => {
    const r = readMalwareBazaarSample(SAMPLE)!;
    expect(r.why).toBe('malicious: MalwareBazaar AgentTesla');
    expect(r.link).toBe(`https://bazaar.abuse.ch/sample/${SAMPLE.sha256_hash}/`);
    expect(MalwareBazaarDetailsSchema.parse(r.details)).toEqual(r.details);
  });

  it('keeps going past wrong types and is no record without a hash', () => {
    const r = readMalwareBazaarSample({
      ...SAMPLE,
      tags: ['ok', 3, null, 'ok', 'x'.repeat(500)],
      yara_rules: [{ rule_name: 'R1' }, 'R2', { rule_name: 5 }, null],
      first_seen: '2026-02-30 99:00:00',
      file_size: -1,
      signature: '',
    })!;
    expect(r.details).toMatchObject({
      tags: ['ok', 'x'.repeat(100)],
      yaraRules: ['R1'],
      firstSeen: null,
      fileSize: null,
    });
    expect(r.why).toBe('malicious: MalwareBazaar sample (no family named)');
    expect(readMalwareBazaarSample({ ...SAMPLE, sha256_hash: 'x', sha1_hash: null, md5_hash: 1 })).toBeNull();
    expect(readMalwareBazaarSample({ ...SAMPLE, sha256_hash: 'x' })?.link).toBeNull();
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (v) => {
        const out = readMalwareBazaarSample(v);
        if (out) expect(MalwareBazaarDetailsSchema.safeParse(out.details).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('one-line text', () => {
  it('makes controls and reordering visible, folds white space and marks a cut', () => {
    expect(oneLine('a\r\n\tb\u0000c\u202ed')).toBe('a b\ufffdc\ufffdd');
    expect(oneLine('x'.repeat(10), 5)).toBe('xxxx\u2026');
    expect(oneLine(`abc${'\u{1F600}'}`, 4)).toBe('abc\u2026');
    expect(oneLine(`ab${'\u{1F600}'}cd`, 4)).toBe('ab\u2026');
  });
});
