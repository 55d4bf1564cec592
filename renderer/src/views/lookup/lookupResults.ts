// What the analyst asked for in this session, with each answer as it arrives: kept across route changes, and
// across a reload of the page (sessionStorage: this tab only, gone when it closes).
import { useSyncExternalStore } from 'react';
import type { ApiEvent, Verdict } from '../../../../shared/contract';
import type { HashKind } from '../../../../shared/hashes';

export interface LookupResult {
  hash: string;
  kind: HashKind;
  /** the local file it came from, when it was hashed here */
  fileName: string | null;
  askedAt: number;
  /** every hash known for the file (the answer names all three) */
  known: string[];
  name: string | null;
  /** where agents reported this file: its last path and agent, and how many alerts carried it */
  seen: { path: string; agent: string | null; alerts: number } | null;
  verdict: Verdict | null;
  error: string | null;
}

const STORAGE_KEY = 'fim-verdict.lookups';
/** at most this many are kept for a reload (the newest) */
const STORED_MAX = 500;

function restore(): LookupResult[] {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    if (!Array.isArray(stored)) return [];
    return (stored as LookupResult[])
      .filter((r) => r && typeof r.hash === 'string' && typeof r.askedAt === 'number')
      .map((r) => ({ ...r, seen: r.seen ?? null, known: Array.isArray(r.known) ? r.known : [r.hash] }));
  } catch {
    return []; // storage refused or damaged: start empty
  }
}

function persist(): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(results.slice(0, STORED_MAX)));
  } catch {
    // storage full or refused: the list still lives on this page
  }
}

let results: LookupResult[] = restore();
/** the answers shown after a reload are the stored ones: read again once (useAsk's refreshRestored) */
let restored = results.length > 0;
/** verdicts that arrived lately, by hash: an answer can come before lookupHashes itself answers */
const recent = new Map<string, { verdict: Verdict; hashes: string[] }>();
const RECENT_MAX = 500;

/** the newer of two verdicts (an older fetch must not undo what an event already said) */
function newer(current: Verdict | null, next: Verdict): Verdict {
  if (!current) return next;
  if (next.state === 'pending' && current.state !== 'pending') return current;
  const a = Date.parse(current.checkedAt ?? '') || 0;
  const b = Date.parse(next.checkedAt ?? '') || 0;
  return b >= a ? next : current;
}
const listeners = new Set<() => void>();
const emit = () => {
  persist();
  for (const listener of listeners) listener();
};

export const lookupResults = {
  get: () => results,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  add(items: { hash: string; kind: HashKind; fileName?: string | null }[]) {
    const now = Date.now();
    const fresh = items.map<LookupResult>((item) => {
      const early = recent.get(item.hash);
      return {
        hash: item.hash,
        kind: item.kind,
        fileName: item.fileName ?? null,
        askedAt: now,
        known: early ? [...new Set([item.hash, ...early.hashes])] : [item.hash],
        name: item.fileName ?? null,
        seen: null,
        verdict: early?.verdict ?? null,
        error: null,
      };
    });
    const asked = new Set(fresh.map((r) => r.hash));
    results = [...fresh, ...results.filter((r) => !asked.has(r.hash))];
    emit();
  },
  update(hash: string, change: Partial<LookupResult>) {
    results = results.map((r) => {
      if (r.hash !== hash) return r;
      const verdict = change.verdict ? newer(r.verdict, change.verdict) : r.verdict;
      const known = change.known ? [...new Set([...r.known, ...change.known])] : r.known;
      return { ...r, ...change, verdict, known };
    });
    emit();
  },
  onVerdict(event: Extract<ApiEvent, { type: 'verdict' }>) {
    const hashes = [event.sha256, event.sha1, event.md5].filter((h): h is string => !!h);
    for (const hash of hashes) {
      recent.delete(hash);
      recent.set(hash, { verdict: event.verdict, hashes });
    }
    while (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string);
    let changed = false;
    results = results.map((r) => {
      if (!r.known.some((h) => hashes.includes(h))) return r;
      changed = true;
      return { ...r, verdict: newer(r.verdict, event.verdict), known: [...new Set([...r.known, ...hashes])] };
    });
    if (changed) emit();
  },
  clear() {
    results = [];
    emit();
  },
  /** once after a reload: the hashes whose answers should be read again */
  takeRestored(): string[] {
    if (!restored) return [];
    restored = false;
    return results.map((r) => r.hash);
  },
};

export function useLookupResults(): LookupResult[] {
  return useSyncExternalStore(lookupResults.subscribe, lookupResults.get);
}
