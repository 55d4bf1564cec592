// The "update day" corpus for issue 11's benchmark figures, deterministic by seed: Windows updates and
// `apt upgrade` change many vendor files on several agents (most of them known to CIRCL hashlookup as NSRL or
// Debian files), some changed files nobody knows (configuration, user files, vendor files CIRCL has not indexed),
// a few empty files, and a few malware drops in temp, download and startup folders (known to MalwareBazaar).
//
//   const day = updateDayCorpus({ seed: 7, files: 2_000 });
//   day.alerts                      alerts.json lines (FIM, in time order), one per agent a file changed on
//   day.circlRecords, day.mbRecords what the CIRCL and MalwareBazaar test servers should know
//   day.vtFiles                     every non-empty file for the VirusTotal emulator (malware with detections)
//   day.summary                     the counts, and goalVtRequestsPerUniqueFile: the share of files no free
//                                   source knows to be good (issue 11: at most this, against 1.0 for VirusTotal alone)
//   const servers = await startUpdateDayServers(day); ... await servers.close();
//
// riskyDropScenario() is the other figure's input: 1,000 vendor-path files queued ahead of one newly dropped
// temp-folder executable (riskyFileWaitRequests: how many VirusTotal requests go out before the drop's).
import { EMPTY_FILE_HASHES } from '../../shared/emptyFile';
import { circlRecord, startCirclServer, type CirclRecord, type CirclServer } from '../emulator/circl';
import { mbRecord, startMalwareBazaarServer, type MalwareBazaarServer, type MbRecord } from '../emulator/malwarebazaar';
import type { VtFileSpec } from '../emulator/vtFiles';
import { AGENTS, type AgentOs, type GenAgent, randomHashes, WazuhAlertGenerator } from '../generators/wazuhAlerts';
import type { Rng } from '../generators/prng';
import { vendorFile } from './updateDayPaths';

export type UpdateDayKind = 'known-good' | 'unknown' | 'empty' | 'malicious';

export interface UpdateDayFile {
  kind: UpdateDayKind;
  path: string;
  os: AgentOs;
  hashes: { md5: string; sha1: string; sha256: string };
  size: number;
  /** the agents it changed on, in order */
  agents: GenAgent[];
  /** when it first changed */
  firstEpochMs: number;
  /** vendor files: the package (Linux) or product (Windows) that ships it */
  product: { name: string; version: string } | null;
}

export interface UpdateDayOptions {
  seed?: number;
  /** distinct changed files; default 2,000 */
  files?: number;
  /** share of files CIRCL knows as vendor files; default 0.85 */
  knownShare?: number;
  /** malware drops (MalwareBazaar samples); default 5 */
  malicious?: number;
  /** empty files (answered locally); default 3 */
  empty?: number;
  agents?: readonly GenAgent[];
  /** default 2026-07-07T06:00:00Z, a Patch Tuesday morning */
  startEpochMs?: number;
}

export interface UpdateDayCorpus {
  seed: number;
  files: UpdateDayFile[];
  alerts: string[];
  circlRecords: CirclRecord[];
  mbRecords: MbRecord[];
  vtFiles: VtFileSpec[];
  summary: {
    uniqueFiles: number;
    alerts: number;
    knownGood: number;
    unknown: number;
    empty: number;
    malicious: number;
    /** (unknown + malicious) / uniqueFiles: VirusTotal is still asked about malware, for the engine count */
    goalVtRequestsPerUniqueFile: number;
  };
}

const FAMILIES = ['AgentTesla', 'Formbook', 'AsyncRAT', 'RedLineStealer', 'Mirai', 'XMRig'];
const DROPS: Record<AgentOs, string[]> = {
  windows: [
    'C:\\Users\\bob\\AppData\\Local\\Temp\\inv_{n}.exe',
    'C:\\Users\\alice\\Downloads\\Invoice_{n}.pdf.exe',
    'C:\\Users\\bob\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\upd{n}.vbs',
  ],
  linux: ['/tmp/.x{n}/kworker', '/dev/shm/m{n}', '/home/alice/Downloads/setup{n}.sh'],
};
const USER_FILES: Record<AgentOs, string[]> = {
  windows: ['C:\\Users\\bob\\Documents\\report-{n}.docx', 'C:\\ProgramData\\Contoso\\settings-{n}.xml'],
  linux: ['/etc/app/conf.d/{n}.conf', '/home/alice/notes-{n}.md', '/var/www/html/assets/app-{n}.js'],
};

export function updateDayCorpus(o: UpdateDayOptions = {}): UpdateDayCorpus {
  const seed = o.seed ?? 1;
  const count = o.files ?? 2_000;
  const startEpochMs = o.startEpochMs ?? Date.UTC(2026, 6, 7, 6, 0, 0);
  const gen = new WazuhAlertGenerator({ seed, startEpochMs });
  const rng = gen.rng;
  const agents = o.agents ?? AGENTS;
  const byOs = (os: AgentOs) => agents.filter((a) => a.os === os);
  const malicious = Math.min(o.malicious ?? 5, count);
  const empty = Math.min(o.empty ?? 3, count - malicious);
  const known = Math.min(Math.round(count * (o.knownShare ?? 0.85)), count - malicious - empty);
  const kinds: UpdateDayKind[] = [
    ...Array<UpdateDayKind>(known).fill('known-good'),
    ...Array<UpdateDayKind>(malicious).fill('malicious'),
    ...Array<UpdateDayKind>(empty).fill('empty'),
    ...Array<UpdateDayKind>(count - known - malicious - empty).fill('unknown'),
  ];
  shuffle(rng, kinds);

  const files: UpdateDayFile[] = kinds.map((kind, n) => {
    const os: AgentOs = byOs('windows').length > 0 && rng.bool(0.5) ? 'windows' : 'linux';
    const pool = byOs(os).length > 0 ? byOs(os) : [...agents];
    const spread = kind === 'known-good' || (kind === 'unknown' && rng.bool(0.5)) ? rng.int(1, pool.length) : 1;
    // unknown files: half are user and configuration files, half vendor files CIRCL has not indexed
    const vendor = kind === 'known-good' || (kind === 'unknown' && rng.bool(0.5)) ? vendorFile(rng, os, n) : null;
    const path = vendor
      ? vendor.path
      : rng.pick(kind === 'malicious' ? DROPS[os] : USER_FILES[os]).replace('{n}', String(n));
    return {
      kind,
      path,
      os,
      product: vendor?.product ?? null,
      hashes: kind === 'empty' ? { ...EMPTY_FILE_HASHES } : (randomHashes(rng) as UpdateDayFile['hashes']),
      size: kind === 'empty' ? 0 : rng.int(1_000, 8_000_000),
      agents: shuffle(rng, [...pool]).slice(0, spread),
      firstEpochMs: startEpochMs + rng.int(0, 4 * 3_600_000),
    };
  });

  // one alert per file and agent, in time order: each agent updates a little after the one before
  const events = files
    .flatMap((f) => f.agents.map((agent, i) => ({ f, agent, epochMs: f.firstEpochMs + i * rng.int(1_000, 600_000) })))
    .sort((a, b) => a.epochMs - b.epochMs);
  const alerts = events.map(({ f, agent, epochMs }) =>
    gen.fimAlert({
      event: f.kind === 'malicious' ? 'added' : 'modified',
      path: f.path,
      hashes: f.hashes,
      agent,
      epochMs,
      size: f.size,
    }),
  );

  return {
    seed,
    files,
    alerts,
    circlRecords: files.filter((f) => f.kind === 'known-good').map((f) => circlFor(f)),
    mbRecords: files
      .filter((f) => f.kind === 'malicious')
      .map((f, i) =>
        mbRecord(f.hashes, {
          signature: FAMILIES[i % FAMILIES.length],
          file_name: f.path.split(/[\\/]/).pop(),
          file_size: f.size,
        }),
      ),
    vtFiles: files
      .filter((f) => f.kind !== 'empty')
      .map((f) => ({ ...f.hashes, ...(f.kind === 'malicious' ? { malicious: 40 + rng.int(0, 25) } : {}) })),
    summary: summarize(files, alerts.length),
  };
}

function summarize(files: UpdateDayFile[], alerts: number): UpdateDayCorpus['summary'] {
  const n = (k: UpdateDayKind) => files.filter((f) => f.kind === k).length;
  return {
    uniqueFiles: files.length,
    alerts,
    knownGood: n('known-good'),
    unknown: n('unknown'),
    empty: n('empty'),
    malicious: n('malicious'),
    goalVtRequestsPerUniqueFile: files.length ? (n('unknown') + n('malicious')) / files.length : 0,
  };
}

/** CIRCL's record of a vendor file: a Debian package for Linux, NSRL for Windows (strings, as the service stores). */
function circlFor(f: UpdateDayFile): CirclRecord {
  const name = f.path.split(/[\\/]/).pop() ?? f.path;
  const common = { FileSize: String(f.size), 'SHA-256': f.hashes.sha256.toUpperCase() };
  const product = f.product ?? { name: 'unknown', version: '0' };
  if (f.os === 'linux')
    return circlRecord(f.hashes, {
      ...common,
      FileName: `.${f.path}`,
      PackageName: product.name,
      PackageVersion: product.version,
      db: undefined, // a distribution's package, not NSRL
    });
  return circlRecord(f.hashes, {
    ...common,
    FileName: name,
    PackageName: undefined,
    PackageVersion: undefined,
    ProductCode: { ProductName: product.name, ProductVersion: product.version, MfgCode: '608' },
    source: 'NSRL',
    db: 'nsrl_modern_rds',
  });
}

/** 1,000 vendor-path files CIRCL does not know, changed first, then one executable dropped in a user temp folder. */
export function riskyDropScenario(o: { seed?: number; vendorFiles?: number; startEpochMs?: number } = {}) {
  const startEpochMs = o.startEpochMs ?? Date.UTC(2026, 6, 7, 6, 0, 0);
  const gen = new WazuhAlertGenerator({ seed: o.seed ?? 1, startEpochMs });
  const win = AGENTS.filter((a) => a.os === 'windows');
  const queued = Array.from({ length: o.vendorFiles ?? 1_000 }, (_, n) => ({
    path: vendorFile(gen.rng, 'windows', n).path,
    hashes: randomHashes(gen.rng) as UpdateDayFile['hashes'],
    agent: gen.rng.pick(win),
    epochMs: startEpochMs + n * 100,
  }));
  const drop = {
    path: 'C:\\Users\\bob\\AppData\\Local\\Temp\\inv.exe',
    hashes: randomHashes(gen.rng) as UpdateDayFile['hashes'],
    agent: win[0],
    epochMs: startEpochMs + queued.length * 100 + 5_000,
  };
  const alerts = [...queued, drop].map((f, i) =>
    gen.fimAlert({ event: i === queued.length ? 'added' : 'modified', ...f }),
  );
  return { queued, drop, alerts, vtFiles: [...queued, drop].map((f) => ({ ...f.hashes })) };
}

/** The CIRCL and MalwareBazaar test servers, loaded with what the corpus says they know. */
export async function startUpdateDayServers(
  day: UpdateDayCorpus,
  o: { mbKey?: string } = {},
): Promise<{ circl: CirclServer; mb: MalwareBazaarServer; mbKey: string; close(): Promise<void> }> {
  const mbKey = o.mbKey ?? 'u'.repeat(48);
  const circl = await startCirclServer({ records: day.circlRecords });
  const mb = await startMalwareBazaarServer({ records: day.mbRecords, keys: [mbKey] });
  return { circl, mb, mbKey, close: async () => void (await Promise.all([circl.close(), mb.close()])) };
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
