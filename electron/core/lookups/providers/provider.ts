// The reputation provider seam: what the scheduler asks of every source of an opinion about a file (the empty file
// and the allowlist on this machine, CIRCL hashlookup and MalwareBazaar, VirusTotal). A provider asks about files,
// batch by batch, and answers each one, says it has no opinion, or says why not; it keeps its own limits (a quota, a
// pause after 429 or while offline), its own status as the status bar shows it, and its own request and hit counts.
// The scheduler owns the queue, the chain (which provider a file waits for) and the per-file retries; the one answer
// path (answers.ts) stores what a provider says. Adding a provider: its wire client in providers/<name>/ (a leaf),
// adapted by fromClient.ts, and one line in chain.ts.
import type { FileHashes } from '../../../../shared/hashes';
import type { LookupReason, VtStatus } from '../../../../shared/domain';
import type { ProviderDetails, ProviderName } from '../../../../shared/providers';
import type { CountedVerdict } from '../../../../shared/verdict';
import type { FileAnswer } from '../../store/filesStore';

/** One file to ask about. */
export interface ProviderQuery {
  fileId: number;
  /** its hashes as known now (a provider asks by the one it prefers) */
  hashes: FileHashes;
  /** the strongest of them: the hash the answer is recorded against if the file's row moves meanwhile */
  hash: string;
  /** why it is asked (the queue's reason): the history row keeps it */
  reason: LookupReason;
  /** the size its newest alert gave (the empty file), when the provider wants it */
  size: number | null;
  /** the paths it was seen at, newest first, when the provider wants them (the allowlist's path globs) */
  paths: readonly string[];
}

/**
 * What a provider found, ready for the one answer path (answers.ts): VirusTotal's engine counts, or another
 * provider's opinion (verdict.state 'known-good' or 'malicious', counts null) with its one-line why and details.
 */
export interface ProviderFinding {
  verdict: CountedVerdict;
  /** the provider's one line ("known good: NSRL, Windows 10 22H2"); null for engine counts (the rule words them) */
  why: string | null;
  /** the provider's own details (CIRCL's record, MalwareBazaar's sample, the allowlist entry) */
  providerDetails: ProviderDetails | null;
  scanDate: number | null;
  /** the provider's page about the file */
  permalink: string | null;
  /** every hash the answer names: rows of the same file are merged */
  revealed: FileHashes | null;
  details: FileAnswer['details'];
  /** the API that answered ('v3'), its HTTP status, its body as received (kept compressed in the history) */
  api: string | null;
  httpStatus: number | null;
  raw: string | null;
}

export type ProviderOutcome =
  | { kind: 'answer'; finding: ProviderFinding }
  /**
   * Not found, or found without an opinion (CIRCL's low trust): the file goes on down the chain. A provider that
   * sends hashes has its answer kept in the history (`why`: "not known to CIRCL hashlookup").
   */
  | { kind: 'no-opinion'; why: string; raw: string | null; httpStatus: number | null }
  | {
      kind: 'error';
      message: string;
      /**
       * true: this file's attempt failed (retried with a growing delay, 'error' after a few); false: the provider
       * stopped itself (a refused key, a rate limit) and the file keeps its place, no attempt counted
       */
      countsAsAttempt: boolean;
    };

/** A provider's state as the status bar shows it. */
export interface ProviderState {
  status: VtStatus;
  message: string;
  /** rate-limited / offline: when it asks again */
  resumesAt: number | null;
  /** the last error, in words (diagnostics) */
  lastError: string | null;
}

/**
 * How a provider takes part in the chain. 'local': answered on this machine (the empty file, the allowlist), never
 * waits. 'free': a free source that receives hashes (CIRCL, MalwareBazaar): while it cannot answer, files go past it
 * (its `bit` marks them) and it asks about them when it can again; it never holds the others back. 'engines':
 * VirusTotal, last: its files wait for it (its quota, its key).
 */
export type ProviderRole = 'local' | 'free' | 'engines';

export interface ReputationProvider {
  readonly name: ProviderName;
  readonly role: ProviderRole;
  /** a free source's bit in a queue entry's `skipped` (0 for the others) */
  readonly bit: number;
  /** how many files one request can carry (VirusTotal: 1; a bulk API: more) */
  readonly batchSize: number;
  /** it wants the files' paths (the allowlist's globs; none asked for while it has no glob) */
  wantsPaths?(): boolean;
  /** it wants the size of a file with these hashes (the empty file: only of one its hashes say is empty) */
  wantsSize?(hashes: FileHashes): boolean;
  /**
   * A local provider that can answer now only about files carrying one of these hashes (the empty file: the empty
   * content's; an empty allowlist: none): the other files go on without being read or asked. Null: any file.
   */
  answersOnlyAbout?(): readonly string[] | null;
  /** requests sent, and files it answered found (known good, malicious, or VirusTotal's report) */
  requests(): number;
  hits(): number;
  state(): ProviderState;
  /**
   * Before the scheduler looks for work: 0 when it may ask now, else how long to wait (Infinity: not until woken,
   * e.g. no key or a refused key). Sets its status.
   */
  waitBeforeAsking(now: number): number;
  /** how many requests it may have out at once, now */
  concurrency(): number;
  /** With work waiting: 0 when its limits allow a request now, else how long they say to wait. Sets its status. */
  waitForLimits(now: number): number;
  /** nothing waits and nothing is out: it says it is ready again */
  idle(): void;
  /**
   * Ask about these files (batchSize at most): one outcome per query, in order. Spends its own limits before
   * anything is sent; never throws for an answer it got (a throw is a bug: the scheduler keeps the entries).
   */
  ask(queries: readonly ProviderQuery[]): Promise<ProviderOutcome[]>;
  /** a failure outside its answers (a bug), kept as its last error */
  noteError(message: string): void;
  /** what it can do besides answering (VirusTotal: reanalyse a file) */
  readonly reanalysis?: ReanalysisCapability;
  /** releases its connections */
  close(): Promise<void>;
}

/** VirusTotal's reanalysis: asked for by hand, runs beside the queue, and ends when its report is stored. */
export interface ReanalysisCapability {
  /** the longest a reanalysis can take: the queue entry waits that long before it fetches the report anyway */
  readonly maxMs: number;
  start(fileId: number, hash: string): void;
  /** the report fetched after the reanalysis is stored: it is over (`summary`: the verdict in words) */
  reportStored(fileId: number, summary: string): void;
  stop(): Promise<void>;
}
