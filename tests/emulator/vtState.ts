// The emulator's state, apart from HTTP: files, keys, modes, quota windows, analyses and the request log.
import { makeRecord, updateRecord, type VtFileRecord, type VtFileSpec } from './vtFiles';

export type VtErrorStatus = 400 | 401 | 403 | 404 | 409 | 424 | 429 | 500 | 503 | 504;

/** How the next API answers behave. A status mode answers with VirusTotal's error body (v2: an empty body). */
export type VtEmulatorMode =
  | 'ok'
  | 'slow'
  /** headers and half the body at once, the rest after slowMs */
  | 'slow-body'
  | 'malformed'
  | 'wrong-shape'
  | 'hang'
  | 'reset'
  | 'v2-rate-limit'
  | { slowMs: number }
  | { status: VtErrorStatus; code?: string; message?: string; retryAfter?: number | string };

export interface VtEmulatorConfig {
  /** accepted requests per key in any 60 s (sliding); over it: 429 QuotaExceededError (v2: 204). null = no limit */
  perMinute: number | null;
  /** the delay of 'slow' and 'slow-body' */
  slowMs: number;
  /** Retry-After on perMinute 429s; null: the seconds until a slot frees */
  retryAfterSeconds: number | null;
  /** GET /analyses/{id} answers queued, then in-progress, and completed at this poll (>= 1) */
  analysisPolls: number;
  /** what a completed reanalysis changes in the file (counts, label...); null: nothing but the date */
  reanalyseResult: Partial<VtFileSpec> | null;
  /** allowed numbers of overall_quotas */
  allowed: { hourly: number; daily: number; monthly: number };
}

export interface VtEmulatorOptions extends Partial<VtEmulatorConfig> {
  /** default 0: any free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** default ['a'.repeat(64)] */
  apiKeys?: string[];
  /** the clock of request times, quota windows and dates (default Date.now) */
  now?: () => number;
  files?: VtFileSpec[];
}

export type RequestKind = 'file' | 'analyse' | 'analysis' | 'quotas' | 'other';

export interface EmulatorRequest {
  at: number;
  method: string;
  /** path and query, with the key taken out ({key} in users/{key}/..., no apikey parameter) */
  path: string;
  hash: string | null;
  apiVersion: 'v3' | 'v2' | null;
  key: string | null;
  kind: RequestKind;
  /** the HTTP status sent; null until answered (and for hang/reset) */
  status: number | null;
}

interface Analysis {
  sha256: string;
  polls: number;
  applied: boolean;
}

const HOUR = 3_600_000;

export class EmulatorState {
  readonly keys: string[];
  readonly requests: EmulatorRequest[] = [];
  readonly config: VtEmulatorConfig;
  readonly now: () => number;
  private readonly files = new Map<string, VtFileRecord>();
  private readonly analyses = new Map<string, Analysis>();
  private readonly windows = new Map<string, number[]>();
  private readonly usage = new Map<string, number[]>();
  private mode: VtEmulatorMode = 'ok';
  private failQueue: VtEmulatorMode[] = [];
  private counter = 0;

  constructor(options: VtEmulatorOptions) {
    this.keys = [...(options.apiKeys ?? ['a'.repeat(64)])];
    this.now = options.now ?? Date.now;
    this.config = {
      perMinute: options.perMinute ?? null,
      slowMs: options.slowMs ?? 1000,
      retryAfterSeconds: options.retryAfterSeconds ?? null,
      analysisPolls: Math.max(1, options.analysisPolls ?? 3),
      reanalyseResult: options.reanalyseResult ?? null,
      allowed: options.allowed ?? { hourly: 240, daily: 500, monthly: 15_500 },
    };
    for (const spec of options.files ?? []) this.addFile(spec);
  }

  addFile(spec: VtFileSpec): { sha256: string; sha1: string; md5: string } {
    const record = makeRecord(spec, this.now());
    for (const old of [record.sha256, record.sha1, record.md5]) {
      const previous = this.files.get(old);
      if (previous) for (const h of [previous.sha256, previous.sha1, previous.md5]) this.files.delete(h);
    }
    for (const h of [record.sha256, record.sha1, record.md5]) this.files.set(h, record);
    return { sha256: record.sha256, sha1: record.sha1, md5: record.md5 };
  }

  removeFile(hash: string): boolean {
    const record = this.file(hash);
    if (!record) return false;
    for (const h of [record.sha256, record.sha1, record.md5]) this.files.delete(h);
    return true;
  }

  file(hash: string | null): VtFileRecord | null {
    return hash ? (this.files.get(hash.trim().toLowerCase()) ?? null) : null;
  }

  listFiles(): VtFileRecord[] {
    return [...new Set(this.files.values())];
  }

  setMode(mode: VtEmulatorMode): void {
    this.mode = mode;
  }

  /** The next n API requests behave as `mode`, then the current mode applies again. */
  failNext(n: number, mode: VtEmulatorMode): void {
    for (let i = 0; i < n; i++) this.failQueue.push(mode);
  }

  takeMode(): VtEmulatorMode {
    return this.failQueue.shift() ?? this.mode;
  }

  isKnownKey(key: string): boolean {
    return this.keys.includes(key);
  }

  /** Counts an accepted request against the key's sliding minute; the seconds to wait when over it. */
  consume(key: string): { ok: true } | { ok: false; retryAfterS: number } {
    const now = this.now();
    const limit = this.config.perMinute;
    const window = (this.windows.get(key) ?? []).filter((t) => t > now - 60_000);
    this.windows.set(key, window);
    if (limit !== null && window.length >= limit) {
      const wait = Math.max(1, Math.ceil((window[0] + 60_000 - now) / 1000));
      return { ok: false, retryAfterS: this.config.retryAfterSeconds ?? wait };
    }
    window.push(now);
    const used = this.usage.get(key) ?? [];
    used.push(now);
    this.usage.set(key, used);
    return { ok: true };
  }

  /** used numbers of overall_quotas: the last hour, the UTC day, the UTC month. */
  used(key: string): { hourly: number; daily: number; monthly: number } {
    const now = this.now();
    const d = new Date(now);
    const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    const month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const times = this.usage.get(key) ?? [];
    return {
      hourly: times.filter((t) => t > now - HOUR).length,
      daily: times.filter((t) => t >= day).length,
      monthly: times.filter((t) => t >= month).length,
    };
  }

  startAnalysis(record: VtFileRecord, api: 'v3' | 'v2'): string {
    this.counter += 1;
    const nowS = Math.floor(this.now() / 1000);
    const id =
      api === 'v3'
        ? Buffer.from(`${record.md5}:${nowS}${this.counter}`).toString('base64')
        : `${record.sha256}-${nowS + this.counter}`;
    this.analyses.set(id, { sha256: record.sha256, polls: 0, applied: false });
    return id;
  }

  /** One poll of an analysis: queued, in-progress, then completed (applying reanalyseResult once). */
  pollAnalysis(id: string): { status: 'queued' | 'in-progress' | 'completed'; record: VtFileRecord } | null {
    const a = this.analyses.get(id);
    const record = a ? this.file(a.sha256) : null;
    if (!a || !record) return null;
    a.polls += 1;
    if (a.polls < this.config.analysisPolls) return { status: a.polls === 1 ? 'queued' : 'in-progress', record };
    if (!a.applied) {
      a.applied = true;
      updateRecord(record, this.config.reanalyseResult ?? {}, this.now());
    }
    return { status: 'completed', record };
  }

  analysisFile(id: string): VtFileRecord | null {
    const a = this.analyses.get(id);
    return a ? this.file(a.sha256) : null;
  }

  isAnalysisId(id: string): boolean {
    return this.analyses.has(id);
  }

  record(entry: Omit<EmulatorRequest, 'at' | 'status'>): EmulatorRequest {
    const r: EmulatorRequest = { at: this.now(), status: null, ...entry };
    this.requests.push(r);
    return r;
  }

  /** File look-ups (v3 files/{hash}, v2 file/report) naming this file by any of its hashes (or this exact string). */
  countFor(hash: string): number {
    const h = hash.trim().toLowerCase();
    const record = this.file(h);
    const names = new Set(record ? [record.sha256, record.sha1, record.md5] : [h]);
    return this.requests.filter((r) => r.kind === 'file' && r.hash !== null && names.has(r.hash)).length;
  }

  fileRequests(): number {
    return this.requests.filter((r) => r.kind === 'file').length;
  }

  /** The most API requests that arrived within any `ms` long window. */
  maxInAnyWindow(ms: number): number {
    const times = this.requests.map((r) => r.at).sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while (times[end] - times[start] >= ms) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  /** Forgets requests, quota windows, usage, analyses and modes; keeps files, keys and config. */
  reset(): void {
    this.requests.length = 0;
    this.windows.clear();
    this.usage.clear();
    this.analyses.clear();
    this.failQueue = [];
    this.mode = 'ok';
  }
}
