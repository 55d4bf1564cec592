// What the analyst looked up in this session: the hashes sent (they jump the queue), each with where agents
// reported the file; kept across route changes and across a reload of the page (sessionStorage: this tab only,
// gone when it closes). The verdicts themselves live in the verdict cache; the stored copy carries each result's
// verdict so that a reload shows it at once, and the engine is asked again.
import type { Api, ApiOutput, HashDetail, Verdict } from '../../../shared/contract';
import type { HashKind } from '../../../shared/hashes';
import { errorMessage, isNotFound } from '../api/errors';
import type { VerdictCache } from './verdictCache';

export interface LookupEntry {
  hash: string;
  kind: HashKind;
  /** the local file it came from, when it was hashed here */
  fileName: string | null;
  askedAt: number;
  /** every hash known for the file (an answer names all three) */
  known: string[];
  name: string | null;
  /** where agents reported this file: its last path and agent, and how many alerts carried it */
  seen: { path: string; agent: string | null; alerts: number } | null;
  error: string | null;
}

/** A result as the table shows it: the entry and its verdict from the cache. */
export interface LookupResult extends LookupEntry {
  verdict: Verdict | null;
}

/** What the store needs of sessionStorage (getItem/setItem may throw: refused or full). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const LOOKUPS_STORAGE_KEY = 'fim-verdict.lookups';
/** at most this many are kept for a reload (the newest) */
const STORED_MAX = 500;
/** how many current answers to read at once after a paste of many hashes */
const DETAIL_FETCHES = 50;

/** Where agents reported the file: its newest alert's path and agent, and how many alerts carried it. */
function seenOf(detail: HashDetail): LookupEntry['seen'] {
  const alert = detail.alerts[0];
  if (!alert) return null;
  return { path: alert.path, agent: alert.agent.name ?? alert.agent.id, alerts: detail.alertsTotal };
}

export interface LookupDependencies {
  api: Api;
  verdicts: VerdictCache;
  /** getHash through the store (its verdict goes into the cache) */
  readHash(hash: string): Promise<HashDetail>;
  storage: KeyValueStorage | null;
  /** draw the change now */
  changed(): void;
}

export class LookupResults {
  entries: readonly LookupEntry[] = [];
  /** the entries shown after a reload are the stored ones: read again once (refreshRestored) */
  private restored = false;
  /** the last results built (the same array until the entries or the verdict cache change) */
  private shown: { entries: readonly LookupEntry[]; verdicts: number; results: readonly LookupResult[] } | null = null;
  private readonly verdicts: VerdictCache;
  private readonly storage: KeyValueStorage | null;

  constructor(private readonly deps: LookupDependencies) {
    this.verdicts = deps.verdicts;
    this.storage = deps.storage;
    this.restore();
  }

  /** Send hashes to the engine, list them, and read the answers already known. Throws what the engine refused. */
  async lookUp(text: string, fileName: string | null = null): Promise<ApiOutput<'lookupHashes'>> {
    const answer = await this.deps.api.lookupHashes({ text });
    this.add(answer.accepted.map((a) => ({ ...a, fileName })));
    this.deps.changed();
    for (const { hash } of answer.accepted.slice(0, DETAIL_FETCHES)) this.readDetail(hash, fileName);
    return answer;
  }

  /** After a reload: the stored results' answers are read again (they may have arrived meanwhile). */
  refreshRestored(): void {
    for (const hash of this.takeRestored().slice(0, DETAIL_FETCHES)) {
      this.readDetail(hash, this.entries.find((r) => r.hash === hash)?.fileName ?? null);
    }
  }

  /** A result's current answer and where it was seen. */
  private readDetail(hash: string, fileName: string | null): void {
    this.deps.readHash(hash).then(
      (detail) => {
        this.update(hash, {
          name: fileName ?? detail.names[0] ?? null,
          seen: seenOf(detail),
          known: [hash, ...[detail.sha256, detail.sha1, detail.md5].filter((h): h is string => !!h)],
        });
        this.deps.changed();
      },
      (error: unknown) => {
        if (isNotFound(error)) return; // not seen yet: its answer comes by event
        this.update(hash, { error: errorMessage(error) });
        this.deps.changed();
      },
    );
  }

  resultOf(entry: LookupEntry): LookupResult {
    return { ...entry, verdict: this.verdicts.of(entry.known) };
  }

  /** The results as shown for these entries and this version of the verdict cache (the snapshot's). */
  resultsFor(entries: readonly LookupEntry[], verdicts: number): readonly LookupResult[] {
    const shown = this.shown;
    if (shown && shown.entries === entries && shown.verdicts === verdicts) return shown.results;
    const results = entries.map((entry) => this.resultOf(entry));
    this.shown = { entries, verdicts, results };
    return results;
  }

  private add(items: { hash: string; kind: HashKind; fileName?: string | null }[]): void {
    const now = Date.now();
    const fresh = items.map<LookupEntry>((item) => ({
      hash: item.hash,
      kind: item.kind,
      fileName: item.fileName ?? null,
      askedAt: now,
      // an answer may have come before lookupHashes itself answered
      known: [...new Set([item.hash, ...this.verdicts.hashesOf(item.hash)])],
      name: item.fileName ?? null,
      seen: null,
      error: null,
    }));
    const asked = new Set(fresh.map((r) => r.hash));
    this.entries = [...fresh, ...this.entries.filter((r) => !asked.has(r.hash))];
    this.persist();
  }

  private update(hash: string, change: Partial<Omit<LookupEntry, 'hash'>>): void {
    this.entries = this.entries.map((r) => {
      if (r.hash !== hash) return r;
      const known = change.known ? [...new Set([...r.known, ...change.known])] : r.known;
      return { ...r, ...change, known };
    });
    this.persist();
  }

  /** A verdict about these hashes arrived: true when a result shows it (its stored copy is written again). */
  touches(hashes: readonly string[]): boolean {
    const touched = this.entries.some((r) => r.known.some((h) => hashes.includes(h)));
    if (touched) {
      this.entries = this.entries.map((r) =>
        r.known.some((h) => hashes.includes(h)) ? { ...r, known: [...new Set([...r.known, ...hashes])] } : r,
      );
      this.persist();
    }
    return touched;
  }

  clear(): void {
    this.entries = [];
    this.persist();
    this.deps.changed();
  }

  /** once after a reload: the hashes whose answers should be read again */
  private takeRestored(): string[] {
    if (!this.restored) return [];
    this.restored = false;
    return this.entries.map((r) => r.hash);
  }

  private restore(): void {
    let stored: unknown;
    try {
      stored = JSON.parse(this.storage?.getItem(LOOKUPS_STORAGE_KEY) ?? '[]');
    } catch {
      return; // storage refused or damaged: start empty
    }
    if (!Array.isArray(stored)) return;
    const results = (stored as Partial<LookupResult>[]).filter(
      (r): r is LookupResult => !!r && typeof r.hash === 'string' && typeof r.askedAt === 'number',
    );
    this.entries = results.map(({ verdict, ...r }) => {
      const known = Array.isArray(r.known) ? r.known : [r.hash];
      if (verdict) this.verdicts.put(known, verdict);
      return { ...r, seen: r.seen ?? null, known };
    });
    this.restored = this.entries.length > 0;
  }

  private persist(): void {
    try {
      const stored = this.entries.slice(0, STORED_MAX).map((entry) => this.resultOf(entry));
      this.storage?.setItem(LOOKUPS_STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // storage full or refused: the list still lives on this page
    }
  }
}
