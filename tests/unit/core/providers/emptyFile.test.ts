// The empty file: its hashes (computed here, not copied), when an alert is about it, and the local client that
// answers it as known good without sending anything anywhere.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmptyFileClient } from '../../../../electron/core/providers/local/emptyFileClient';
import { toProviderAnswer } from '../../../../electron/core/providers/types';
import { EMPTY_FILE_HASHES, EMPTY_FILE_WHY, isEmptyFile } from '../../../../shared/emptyFile';
import { ProviderAnswerSchema } from '../../../../shared/providers';
import { EMPTY_FILE_HASHES as GENERATOR_EMPTY } from '../../../generators/wazuhSamples';
import { errorOf, foundOf } from '../../../helpers/providerResults';

const E = EMPTY_FILE_HASHES;
const OTHER = { md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64) };

describe('the empty file', () => {
  it('has the hashes of zero bytes', () => {
    for (const kind of ['md5', 'sha1', 'sha256'] as const)
      expect(E[kind]).toBe(createHash(kind).update(Buffer.alloc(0)).digest('hex'));
    expect(E).toEqual(GENERATOR_EMPTY);
  });

  it.each([
    [{ size: 0 }, true],
    [{ size: 0, hashes: { md5: null, sha1: null, sha256: null } }, true],
    [{ hashes: E }, true],
    [{ size: null, hashes: { md5: E.md5.toUpperCase(), sha1: ` ${E.sha1} `, sha256: null } }, true],
    [{ size: 12, hashes: { sha256: E.sha256 } }, true], // the hash is the truth; the size was read at another time
    [{ size: 0, hashes: { sha256: OTHER.sha256 } }, false], // and here too: the content read was not empty
    [{ hashes: { md5: E.md5, sha1: E.sha1, sha256: OTHER.sha256 } }, false], // hashes that disagree are looked up
    [{ size: 1 }, false],
    [{}, false],
    [{ size: null, hashes: null }, false],
    [{ size: 0, hashes: { md5: '', sha1: 'xxx', sha256: null } }, false], // Wazuh's "xxx": a hash it could not read
  ])('%j is the empty file: %s', (q, expected) => {
    expect(isEmptyFile(q)).toBe(expected);
  });

  it('is answered locally as known good, and any other file is left to the providers', async () => {
    const client = new EmptyFileClient();
    const [empty, bySize, other, nothing] = await client.lookup([
      { ...E, size: 0 },
      { md5: null, sha1: null, sha256: null, size: 0 },
      { ...OTHER, size: 0 },
      { md5: null, sha1: null, sha256: null, size: 5 },
    ]);
    const found = foundOf(empty);
    expect(found).toMatchObject({ provider: 'local', asked: { kind: 'sha256', hash: E.sha256 } });
    expect(found.finding).toMatchObject({ verdict: 'known-good', why: EMPTY_FILE_WHY, link: null });
    expect(ProviderAnswerSchema.parse(toProviderAnswer(found, 0)).why).toBe('known good: the empty file');
    expect(foundOf(bySize).asked).toEqual({ kind: 'sha256', hash: E.sha256 });
    expect(other).toEqual({ kind: 'not-found', provider: 'local', asked: { kind: 'sha256', hash: OTHER.sha256 } });
    expect(errorOf(nothing)).toMatchObject({ type: 'bad-hash', retryable: false });
    await client.close();
  });
});
