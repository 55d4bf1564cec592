// Narrowing a reputation client's result in tests: the result of the expected kind, or a failure that shows what
// came instead.
import type { ProviderResult } from '../../electron/core/providers/types';

export function foundOf(r: ProviderResult): Extract<ProviderResult, { kind: 'found' }> {
  if (r.kind !== 'found') throw new Error(`expected found, got ${JSON.stringify(r)}`);
  return r;
}

export function errorOf(r: ProviderResult): Extract<ProviderResult, { kind: 'error' }>['error'] {
  if (r.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r.error;
}
