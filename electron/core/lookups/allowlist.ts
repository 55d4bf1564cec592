// The allowlist as a provider and as the analyst edits it. As a provider (a ReputationClient answered on this
// machine): a file whose hash is listed, or seen at a path a listed glob matches, is known good ("allowlisted"),
// and nothing about it is sent anywhere. As a list: entries added from a file page or a selection of rows, imported
// from a text file, removed; a file a new hash entry names is allowlisted at once, and a file that loses its last
// entry is asked about again.
import os from 'node:os';
import type { ApiOutput } from '../../../shared/contract';
import {
  ALLOWLIST_LIMITS,
  allowlistValue,
  parseAllowlistText,
  type AllowlistEntry,
  type AllowlistKind,
} from '../../../shared/allowlist';
import { compilePathGlob } from '../../../shared/glob';
import type { FileHashes } from '../../../shared/hashes';
import { oneLine } from '../../../shared/providers';
import { decideVerdict } from '../../../shared/verdict';
import { ApiError } from '../base/apiError';
import type { Db } from '../db/database';
import { hashToAsk, noHash, type HashQuery, type ProviderResult, type ReputationClient } from '../providers/types';
import { AllowlistStore, type AllowlistRecord } from '../store/allowlistStore';
import type { FilesStore } from '../store/filesStore';
import type { QueueStore } from '../store/queueStore';
import { enginesOf, type Answers } from './answers';

const iso = (ms: number) => new Date(ms).toISOString();
const toEntry = (r: AllowlistRecord): AllowlistEntry => ({ ...r, addedAt: iso(r.addedAt) });

export interface AllowlistDeps {
  db: Db;
  files: FilesStore;
  queue: QueueStore;
  answers: Answers;
  now(): number;
  /** a file's verdict moved: tell the views */
  onFileUpdated(fileId: number, previous: string | null): void;
  /** files were queued again: look now */
  wake(): void;
}

export class Allowlist implements ReputationClient {
  readonly provider = 'allowlist' as const;
  private readonly store: AllowlistStore;
  private globs: { entry: AllowlistRecord; matches: (path: string) => boolean }[] | null = null;
  /** hash entries on the list (null: count again); none, and no file's hashes are looked for */
  private hashEntries: number | null = null;

  constructor(private readonly d: AllowlistDeps) {
    this.store = new AllowlistStore(d.db);
  }

  private pathGlobs() {
    this.globs ??= this.store.paths().map((entry) => ({ entry, matches: compilePathGlob(entry.value) }));
    return this.globs;
  }

  /** A glob is on the list (without one, a file's paths cannot make it allowlisted). */
  hasPathRules(): boolean {
    return this.pathGlobs().length > 0;
  }

  /** Nothing on the list: no file can be allowlisted. */
  isEmpty(): boolean {
    return this.hashCount() === 0 && !this.hasPathRules();
  }

  private hashCount(): number {
    this.hashEntries ??= this.store.count('hash');
    return this.hashEntries;
  }

  private byHash(hash: string): AllowlistRecord | undefined {
    return this.hashCount() > 0 ? this.store.byHash(hash.toLowerCase()) : undefined;
  }

  /** The entry that names this file (its hashes first, then a glob on a path it was seen at), and the path. */
  match(q: HashQuery): { entry: AllowlistRecord; path: string | null } | null {
    for (const h of [q.sha256, q.sha1, q.md5]) {
      const entry = h ? this.byHash(h) : undefined;
      if (entry) return { entry, path: null };
    }
    for (const path of q.paths ?? []) {
      const hit = this.pathGlobs().find((g) => g.matches(path));
      if (hit) return { entry: hit.entry, path };
    }
    return null;
  }

  /** The entries that name this file: its hashes, and globs on the paths it was seen at. */
  entriesFor(hashes: FileHashes, paths: readonly string[]): AllowlistEntry[] {
    const out = new Map<number, AllowlistRecord>();
    for (const h of [hashes.sha256, hashes.sha1, hashes.md5]) {
      const entry = h ? this.byHash(h) : undefined;
      if (entry) out.set(entry.id, entry);
    }
    for (const g of this.pathGlobs()) if (paths.some((p) => g.matches(p))) out.set(g.entry.id, g.entry);
    return [...out.values()].map(toEntry);
  }

  lookup(queries: readonly HashQuery[]): Promise<ProviderResult[]> {
    return Promise.resolve(queries.map((q) => this.answer(q)));
  }

  private answer(q: HashQuery): ProviderResult {
    const asked = hashToAsk(q, ['sha256', 'sha1', 'md5']);
    const m = this.match(q);
    if (!m) return asked ? { kind: 'not-found', provider: 'allowlist', asked } : noHash('allowlist');
    const { entry, path } = m;
    return {
      kind: 'found',
      provider: 'allowlist',
      asked: asked ?? { kind: 'sha256', hash: '' },
      finding: {
        verdict: 'known-good',
        why: `allowlisted: ${oneLine(entry.why, 160)} (${oneLine(entry.who, 40)})`,
        details: {
          provider: 'allowlist',
          entryId: entry.id,
          kind: entry.kind,
          value: entry.value,
          who: entry.who,
          why: entry.why,
          addedAt: iso(entry.addedAt),
          matchedPath: path,
        },
        link: null,
        raw: JSON.stringify({ entry: entry.id, kind: entry.kind, value: entry.value, path }),
      },
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  // ---- the list as the analyst edits it

  list(q: string | undefined, limit: number, offset: number): ApiOutput<'listAllowlist'> {
    const { total, items } = this.store.list(q ?? null, limit, offset);
    return {
      total,
      items: items.map(toEntry),
      counts: {
        hashes: this.store.count('hash'),
        paths: this.store.count('path'),
        maxHashes: ALLOWLIST_LIMITS.maxHashes,
        maxPaths: ALLOWLIST_LIMITS.maxPaths,
      },
    };
  }

  add(values: readonly string[], why: string, who: string | undefined): ApiOutput<'addAllowlist'> {
    const rejected: { input: string; reason: string }[] = [];
    const wanted: { kind: AllowlistKind; value: string; why: string }[] = [];
    for (const raw of values) {
      const v = allowlistValue(raw);
      if ('problem' in v) rejected.push({ input: oneLine(raw, 80), reason: v.problem });
      else wanted.push({ ...v, why });
    }
    const r = this.addAll(wanted, who);
    return { added: r.added.map(toEntry), existing: r.existing, rejected, filesAllowlisted: r.filesAllowlisted };
  }

  import(text: string, why: string, who: string | undefined): ApiOutput<'importAllowlist'> {
    const parsed = parseAllowlistText(text);
    if (parsed.entries.length + parsed.rejectedTotal > ALLOWLIST_LIMITS.maxImportLines)
      throw new ApiError('bad-request', `at most ${ALLOWLIST_LIMITS.maxImportLines} entries in one file: split it`);
    const r = this.addAll(
      parsed.entries.map((e) => ({ kind: e.kind, value: e.value, why: e.why ?? why })),
      who,
    );
    return {
      added: r.added.length,
      existing: r.existing,
      rejected: parsed.rejected,
      rejectedTotal: parsed.rejectedTotal,
      filesAllowlisted: r.filesAllowlisted,
    };
  }

  private addAll(
    wanted: { kind: AllowlistKind; value: string; why: string }[],
    who: string | undefined,
  ): { added: AllowlistRecord[]; existing: number; filesAllowlisted: number } {
    const by = who?.trim() || os.userInfo().username || 'analyst';
    const now = this.d.now();
    const newHashes = wanted.filter((w) => w.kind === 'hash').length;
    const newPaths = wanted.filter((w) => w.kind === 'path').length;
    if (this.store.count('hash') + newHashes > ALLOWLIST_LIMITS.maxHashes)
      throw new ApiError('bad-request', `the allowlist holds at most ${ALLOWLIST_LIMITS.maxHashes} hashes`);
    if (this.store.count('path') + newPaths > ALLOWLIST_LIMITS.maxPaths)
      throw new ApiError(
        'bad-request',
        `the allowlist holds at most ${ALLOWLIST_LIMITS.maxPaths} path globs (each is tried on every file asked about)`,
      );
    const added: AllowlistRecord[] = [];
    let existing = 0;
    this.d.db.transaction(() => {
      for (const w of wanted) {
        const rec = this.store.add(w.kind, w.value, w.why, by, now);
        if (rec) added.push(rec);
        else existing++;
      }
    })();
    if (added.some((a) => a.kind === 'path')) this.globs = null;
    if (added.some((a) => a.kind === 'hash')) this.hashEntries = null;
    // a file a new hash names is allowlisted now; queued files a glob names are answered before anything is sent
    let filesAllowlisted = 0;
    for (const a of added) {
      if (a.kind !== 'hash') continue;
      const file = this.d.files.byHash(a.value);
      if (file && this.allowlistNow(file.id)) filesAllowlisted++;
    }
    if (added.length > 0) this.d.wake();
    return { added, existing, filesAllowlisted };
  }

  /** Record the allowlist's answer for this file now (no network), and take it off the queue. */
  private allowlistNow(fileId: number): boolean {
    const file = this.d.files.get(fileId);
    if (!file) return false;
    const result = this.answer({ sha256: file.sha256, sha1: file.sha1, md5: file.md5 });
    if (result.kind !== 'found') return false;
    const now = this.d.now();
    const queued = this.d.queue.get(fileId);
    const recorded = this.d.answers.record({
      file: { id: fileId, hash: result.asked.hash },
      origin: 'allowlist',
      reason: queued?.reason ?? null,
      at: now,
      answeredAt: now,
      askedFor: queued?.reason ?? 'live',
      wazuhAlertId: null,
      verdict: { state: 'known-good', positives: null, total: null },
      why: result.finding.why,
      providerDetails: result.finding.details,
      scanDate: null,
      permalink: null,
      revealed: null,
      details: null,
      api: null,
      httpStatus: null,
      raw: result.finding.raw,
    });
    if (!recorded) return false;
    if (queued && queued.reason !== 'rescan' && queued.reason !== 'reanalyse') this.d.queue.remove(fileId);
    this.d.onFileUpdated(recorded.fileId, recorded.previous);
    return true;
  }

  remove(id: number): ApiOutput<'removeAllowlist'> {
    const entry = this.store.get(id);
    if (!entry || !this.store.remove(id)) return { removed: false, filesRequeued: 0 };
    if (entry.kind === 'path') this.globs = null;
    else this.hashEntries = null;
    // files it allowlisted that no other entry does: their verdict is what else they have, and they are asked again
    let filesRequeued = 0;
    const now = this.d.now();
    for (const fileId of this.d.files.withOpinionOf('allowlist')) {
      const file = this.d.files.get(fileId);
      if (!file) continue;
      if (this.match({ ...file, paths: this.d.files.pathsOf(fileId) })) continue;
      const decided = decideVerdict(null, enginesOf(file));
      this.d.files.forgetOpinion(fileId, {
        state: decided?.state ?? 'pending',
        origin: decided?.origin ?? null,
        why: decided?.why ?? null,
      });
      this.d.queue.enqueue(fileId, 'live', 0, now);
      filesRequeued++;
      this.d.onFileUpdated(fileId, file.state);
    }
    if (filesRequeued > 0) this.d.wake();
    return { removed: true, filesRequeued };
  }
}
