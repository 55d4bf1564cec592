// "Test key" says an obviously malformed key is wrong before anything is sent.
import { expect, it } from 'vitest';
import { apiKeyProblem } from '../../../shared/settings';

const VT = 'https://www.virustotal.com';

it('a VirusTotal key is 64 hexadecimal digits', () => {
  expect(apiKeyProblem('a'.repeat(64), VT)).toBeNull();
  expect(apiKeyProblem('A1'.repeat(32), VT)).toBeNull();
  expect(apiKeyProblem('a'.repeat(63), VT)).toBe('a VirusTotal API key has 64 hexadecimal digits; this one has 63');
  expect(apiKeyProblem('g'.repeat(64), VT)).toBe(
    'a VirusTotal API key has 64 hexadecimal digits (0-9, a-f); this one has other characters',
  );
});

it('anywhere: no spaces, no control characters, not empty', () => {
  expect(apiKeyProblem('abc def', 'http://127.0.0.1:9000')).toBe(
    'the key has spaces or characters that cannot be in a key',
  );
  expect(apiKeyProblem('   ', VT)).toBe('the key is empty');
});

it('a proxy at another base URL may take keys of its own', () => {
  expect(apiKeyProblem('proxy-token-123', 'https://vt-proxy.example.org')).toBeNull();
});
