// "Test connection", answered in words: is each URL reachable, is its certificate trusted (or why not), are the
// credentials accepted, may this user read the FIM indices, which Wazuh generation is there, and how many FIM events
// the last 24 hours hold. Each check runs only when the ones before it passed; a check that could not run says so.
import type { IndexerTestResult } from '../../../shared/indexer';
import { indexerWarnings, type WazuhVersionChoice } from '../../../shared/indexer';
import { CaFileError, caFileUnusable, type IndexerConnection, readCaFile } from './connection';
import { detectWazuhVersion } from './detectVersion';
import { IndexerError } from './errors';
import { IndexerApi, type IndexerInfo } from './indexerApi';
import { fimQuery, PROFILES } from './profiles';
import { probeUrl } from './tlsProbe';

type Check = IndexerTestResult['checks'][number];
type CheckName = Check['check'];

export interface TestConnectionOptions {
  nowMs: number;
  wazuhVersion?: WazuhVersionChoice;
  /** for each step; default 10 s */
  timeoutMs?: number;
  /**
   * Say why a CA file cannot be used (missing, a folder, not PEM...): only for the local user (the desktop app's
   * Settings). Otherwise one sentence for every reason, so that the HTTP API tells nothing about the files it names.
   */
  caFileDetail?: boolean;
}

const ORDER: CheckName[] = ['reachable', 'certificate', 'credentials', 'read', 'version', 'events'];

class Answer {
  private readonly checks = new Map<CheckName, Check>();
  wazuhVersion: 4 | 5 | null = null;
  opensearchVersion: string | null = null;
  fimEventsLast24h: number | null = null;

  constructor(private readonly warnings: string[]) {}

  /** the first of these checks not answered yet */
  firstOpen(names: CheckName[]): CheckName {
    return names.find((n) => !this.checks.has(n)) ?? names[names.length - 1];
  }

  set(check: CheckName, ok: boolean | null, message: string): void {
    this.checks.set(check, { check, ok, message });
  }

  result(): IndexerTestResult {
    const checks = ORDER.map((c) => this.checks.get(c) ?? { check: c, ok: null, message: 'not checked' });
    const failed = checks.find((c) => c.ok === false);
    const ok = failed === undefined && this.fimEventsLast24h !== null;
    const events = `${(this.fimEventsLast24h ?? 0).toLocaleString('en-US')} FIM event${this.fimEventsLast24h === 1 ? '' : 's'} in the last 24 hours`;
    return {
      ok,
      summary: ok ? `Connected: Wazuh ${this.wazuhVersion}, ${events}.` : `${failed?.message ?? 'not checked'}`,
      checks,
      wazuhVersion: this.wazuhVersion,
      opensearchVersion: this.opensearchVersion,
      fimEventsLast24h: this.fimEventsLast24h,
      warnings: this.warnings,
    };
  }
}

function versionWords(info: IndexerInfo): string {
  if (!info.number) return 'version unknown';
  if (info.distribution === null) return `it reports ${info.number}, as Wazuh 4.x indexers do`;
  return `OpenSearch ${info.number}`;
}

async function probeAll(
  conn: IndexerConnection,
  a: Answer,
  timeoutMs: number,
  caFileDetail: boolean,
): Promise<boolean> {
  let ca: string | undefined;
  if (conn.trust.kind === 'ca-file') {
    try {
      ca = readCaFile(conn.trust.path);
    } catch (e) {
      const message = e instanceof CaFileError && caFileDetail ? e.detail : caFileUnusable(conn.trust.path);
      a.set('certificate', false, message);
      return false;
    }
  }
  const probes = await Promise.all(conn.urls.map((url) => probeUrl(url, { ca, timeoutMs })));
  const reached = probes.filter((p) => p.reachable);
  const unreached = probes.filter((p) => !p.reachable).map((p) => `${p.url}: ${p.reason}`);
  if (reached.length === 0) {
    a.set('reachable', false, `cannot connect: ${unreached.join('; ')}`);
    return false;
  }
  a.set(
    'reachable',
    true,
    `${reached.length} of ${probes.length} reachable${unreached.length ? ` (${unreached.join('; ')})` : ''}`,
  );
  const https = reached.filter((p) => p.trusted !== null);
  const untrusted = https.filter((p) => p.trusted === false);
  if (https.length === 0) {
    a.set('certificate', null, 'not checked: plain http, nothing is encrypted');
    return true;
  }
  if (untrusted.length === 0) {
    a.set(
      'certificate',
      true,
      conn.trust.kind === 'ca-file' ? `trusted (CA file ${conn.trust.path})` : 'trusted (system store)',
    );
    return true;
  }
  const why = `${untrusted[0].reason}${untrusted.length > 1 ? ` (and ${untrusted.length - 1} more address${untrusted.length > 2 ? 'es' : ''})` : ''}`;
  if (conn.trust.kind === 'insecure') {
    a.set('certificate', null, `accepted without checking (insecure); it would not be trusted: ${why}`);
    return true;
  }
  a.set('certificate', false, `certificate not trusted: ${why}`);
  return false;
}

export async function testConnection(conn: IndexerConnection, o: TestConnectionOptions): Promise<IndexerTestResult> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const a = new Answer(indexerWarnings(conn));
  if (!(await probeAll(conn, a, timeoutMs, o.caFileDetail ?? false))) return a.result();
  const api = IndexerApi.connect({ ...conn, requestTimeoutMs: timeoutMs });
  try {
    await checkCluster(api, conn, a, o);
  } catch (e) {
    const err = e instanceof IndexerError ? e : new IndexerError('unreachable', 'cannot connect');
    const step: CheckName =
      err.problem === 'credentials'
        ? 'credentials'
        : err.problem === 'forbidden'
          ? 'read'
          : a.firstOpen(['credentials', 'version', 'read', 'events']);
    a.set(step, false, err.message);
  } finally {
    await api.close();
  }
  return a.result();
}

async function checkCluster(
  api: IndexerApi,
  conn: IndexerConnection,
  a: Answer,
  o: TestConnectionOptions,
): Promise<void> {
  try {
    const info = await api.info();
    a.opensearchVersion = info.number;
    a.set('credentials', true, `accepted (user ${conn.username}; ${versionWords(info)})`);
  } catch (e) {
    // a read-only user may lack cluster:monitor/main: that is not a refusal of the credentials
    if (!(e instanceof IndexerError && e.problem === 'forbidden')) throw e;
    a.set(
      'credentials',
      true,
      `accepted (user ${conn.username}; it may not read the cluster's version, which is fine)`,
    );
  }
  const choice = o.wazuhVersion === '4' ? 4 : o.wazuhVersion === '5' ? 5 : 'auto';
  const found = await detectWazuhVersion(api, choice);
  if (found.version === null) {
    a.set('read', null, 'nothing to read yet');
    a.set('version', false, found.message);
    return;
  }
  a.wazuhVersion = found.version;
  const profile = PROFILES[found.version];
  if (found.presence[found.version] === 'forbidden') {
    a.set('read', false, `forbidden: this user cannot read ${profile.detectPattern} (403)`);
    return;
  }
  a.set('version', true, found.message);
  const from = o.nowMs - 24 * 3_600_000;
  const counted = await api.count(
    profile.index,
    fimQuery(profile, { fromMs: from, toMs: o.nowMs + 1 }, { fimOnly: true }),
  );
  a.set('read', true, `may read ${profile.index}`);
  a.fimEventsLast24h = counted.count;
  const partial =
    counted.shards.failed > 0 ? ` (only ${counted.shards.successful} of ${counted.shards.total} shards answered)` : '';
  a.set('events', true, `${counted.count.toLocaleString('en-US')} FIM events in the last 24 hours${partial}`);
}
