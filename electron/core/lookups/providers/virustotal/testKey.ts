// "Test key": read the key's allowance (GET /users/{key}/overall_quotas) through the quota; where a compatible
// server refuses that endpoint, one look-up of EICAR tells whether the key works.
import type { ApiOutput } from '../../../../../shared/contract';
import type { QuotaGate } from '../../quota';
import type { VirusTotalProvider } from './virusTotalProvider';

const EICAR_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

/** "Test key": read the allowance (GET /users/{key}/overall_quotas); if that endpoint is refused, look up EICAR. */
export async function testKey(
  vt: VirusTotalProvider,
  d: { quota: QuotaGate; keyInUse(): string | null },
  typed: string | undefined,
): Promise<ApiOutput<'testKey'>> {
  const key = typed?.trim() || d.keyInUse();
  if (!key)
    return {
      ok: false,
      status: 'no-key',
      message: 'No key to test: type one or save one first.',
      allowance: null,
      plan: null,
    };
  const slot = d.quota.nextSlot();
  if (slot.blockedBy) {
    return {
      ok: false,
      status: 'rate-limited',
      message: `The ${slot.blockedBy}'s quota is used up; try again after ${new Date(slot.at).toLocaleTimeString()}.`,
      allowance: null,
      plan: null,
    };
  }
  const client = vt.makeClient(key);
  try {
    d.quota.spend('quota');
    const quotas = await client.getOverallQuotas();
    if (quotas.ok) {
      const daily = quotas.allowance.daily?.allowed ?? null;
      const plan = daily !== null && daily <= 500 ? 'public' : 'premium';
      if (!typed || typed.trim() === d.keyInUse()) vt.allowance = quotas.allowance;
      return {
        ok: true,
        status: 'ok',
        message: `The key works (${plan === 'public' ? 'public API' : 'premium API'}).`,
        allowance: quotas.allowance,
        plan,
      };
    }
    if (quotas.error.type === 'credentials' || quotas.error.type === 'forbidden') {
      // the key in use was refused: stop look-ups now rather than spend a file look-up to learn it
      if (!typed || typed.trim() === d.keyInUse()) vt.credentialsRefused(quotas.error);
      return { ok: false, status: 'credentials', message: quotas.error.message, allowance: null, plan: null };
    }
    if (quotas.error.type === 'network' || quotas.error.type === 'timeout') {
      return { ok: false, status: 'offline', message: quotas.error.message, allowance: null, plan: null };
    }
    // some proxies and keys cannot read quotas: a real look-up tells whether the key works
    if (!d.quota.spend('file')) {
      return {
        ok: false,
        status: 'rate-limited',
        message: 'The quota endpoint is not available and the minute quota is used up; try again in a minute.',
        allowance: null,
        plan: null,
      };
    }
    const lookup = await client.lookupFile(EICAR_SHA256);
    if (lookup.kind !== 'error')
      return {
        ok: true,
        status: 'ok',
        message: 'The key works (its quota could not be read).',
        allowance: null,
        plan: null,
      };
    const status =
      lookup.error.type === 'credentials' || lookup.error.type === 'forbidden'
        ? 'credentials'
        : lookup.error.type === 'quota'
          ? 'rate-limited'
          : 'offline';
    return { ok: false, status, message: lookup.error.message, allowance: null, plan: null };
  } finally {
    await client.close();
  }
}
