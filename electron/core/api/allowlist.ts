// The allowlist: list, add (a file page, a selection of rows), import (a text file), remove.
import type { Allowlist } from '../lookups/allowlist';
import type { ApiHandlers } from './types';

export function allowlistHandlers(
  allowlist: Allowlist,
): Pick<ApiHandlers, 'listAllowlist' | 'addAllowlist' | 'importAllowlist' | 'removeAllowlist'> {
  return {
    listAllowlist: ({ limit, offset, q }) => allowlist.list(q, limit, offset),
    addAllowlist: ({ values, why, who }) => allowlist.add(values, why, who),
    importAllowlist: ({ text, why, who }) => allowlist.import(text, why, who),
    removeAllowlist: ({ id }) => allowlist.remove(id),
  };
}
