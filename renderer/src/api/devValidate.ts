// Development only: check what the engine answers against the contract's zod schemas, and say so loudly when
// it drifts. Production builds drop this (import.meta.env.DEV is false) and never pay for the parse, nor for
// building the schemas: the contract is loaded on the first check, so that the app's start does not build them.
import type { ApiMethod } from '../../../shared/contract';

const warned = new Set<string>();
let contract: Promise<typeof import('../../../shared/contract')> | null = null;

function warnOnce(key: string, message: string, detail: unknown): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[fim-verdict contract] ${message}`, detail);
}

export function checkOutput(method: ApiMethod, value: unknown): void {
  if (!import.meta.env.DEV) return;
  contract ??= import('../../../shared/contract');
  void contract.then(({ apiContract }) => {
    const result = apiContract[method].output.safeParse(value);
    if (!result.success) warnOnce(`out:${method}`, `${method} answered outside the contract`, result.error.issues);
  });
}

export function checkEvent(value: unknown): void {
  if (!import.meta.env.DEV) return;
  contract ??= import('../../../shared/contract');
  void contract.then(({ ApiEventSchema }) => {
    const result = ApiEventSchema.safeParse(value);
    const type = (value as { type?: unknown } | null)?.type;
    if (!result.success)
      warnOnce(`ev:${String(type)}`, `event ${String(type)} outside the contract`, result.error.issues);
  });
}
