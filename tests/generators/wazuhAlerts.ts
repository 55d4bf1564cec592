// Deterministic generator of realistic Wazuh alerts, for unit and integration tests and benchmarks.
//
//   const gen = new WazuhAlertGenerator({ seed: 42 });
//   gen.fimAlert({ event: 'modified', path: '/etc/passwd' })        -> one alerts.json line (no newline)
//   gen.fimLogBlock('3.x', { event: 'added', os: 'windows' })        -> one alerts.log block
//   gen.stream({ count: 10_000, format: 'json' })                    -> GeneratedAlert[] (text + what was written)
//   joinAlerts(alerts, 'json')                                       -> file content
//
// Same seed and same calls -> same output, on every machine. Alert ids are "<epoch>.<offset>" and grow like
// Wazuh's (time moves forward 0-2.5 s per alert, the offset like alerts.log's byte offset). The free functions
// (fimAlert(), registryAlert(), ...) use a module-wide generator (seed 1; resetDefaultGenerator() to reseed).
// Everything an alert is made from is in its spec (FimSpec, VtSpec, ...), so a test can compare a parse
// result with what was written: GeneratedAlert.expectedAfter is the `after` a parser must report.
import type { FimEventKind } from '../../shared/domain';
import type { FileHashes } from '../../shared/hashes';
import {
  type FimAlertOptions,
  type OtherAlertOptions,
  type RegistryAlertOptions,
  type WazuhVtAlertOptions,
  SpecFactory,
} from './wazuhSpecs';
import {
  type FimSpec,
  fimJson,
  type OtherKind,
  type OtherSpec,
  otherJson,
  type RegistrySpec,
  registryJson,
  type VtOutcome,
  type VtSpec,
  vtJson,
} from './wazuhJson';
import { expectedLogAfter, fimLog, type LogGeneration, otherLog, registryLog, vtLog } from './wazuhLog';
import { type AgentOs, randomHashes, randomPath } from './wazuhSamples';

export * from './prng';
export * from './wazuhSamples';
export type {
  CommonAlertOptions,
  FimAlertOptions,
  GeneratorOptions,
  OtherAlertOptions,
  RegistryAlertOptions,
  WazuhVtAlertOptions,
} from './wazuhSpecs';
export type {
  AlertBase,
  FimModeName,
  FimSpec,
  OtherKind,
  OtherSpec,
  RegistrySpec,
  VtOutcome,
  VtSpec,
} from './wazuhJson';
export { fimJson, otherJson, registryJson, vtJson } from './wazuhJson';
export { expectedLogAfter, fimLog, otherLog, registryLog, vtLog, type LogGeneration } from './wazuhLog';

export type GeneratedKind = 'fim' | 'registry' | 'wazuh-vt' | 'other';
export type AlertFormat = 'json' | 'log';

export interface GeneratedAlert {
  kind: GeneratedKind;
  format: AlertFormat;
  /** log format only */
  generation: LogGeneration | null;
  /** json: one line without its newline; log: one block ending with "\n" (no trailing blank line) */
  text: string;
  alertId: string;
  epochMs: number;
  fim?: FimSpec;
  registry?: RegistrySpec;
  vt?: VtSpec;
  other?: OtherSpec;
  /** FIM: the `after` hashes a parser must report (all null for deletions and 2.x additions) */
  expectedAfter?: FileHashes;
}

export interface StreamOptions {
  count: number;
  format: AlertFormat;
  /** alerts.log generation; 'mixed' picks one per alert. Default '4.x'. */
  generation?: LogGeneration | 'mixed';
  /** relative weights of the kinds; default fim 55, other 35, wazuh-vt 6, registry 4 */
  mix?: Partial<Record<GeneratedKind, number>>;
  /** share of files on Windows agents; default 0.3 */
  windowsShare?: number;
  /** share of files with non-ASCII paths; default 0.1 */
  nonAsciiShare?: number;
  /** share of FIM events on existing files that are deletions; default 0.1 */
  deletedShare?: number;
  /** how many distinct files FIM alerts are about (repeats model scans reporting the same file); default count/4 */
  distinctFiles?: number;
}

interface PoolFile {
  path: string;
  os: AgentOs;
  hashes: FileHashes;
  size: number;
  exists: boolean;
}

const NO_HASHES: FileHashes = { md5: null, sha1: null, sha256: null };
const OTHER_KINDS: readonly OtherKind[] = ['sshd', 'web', 'rootcheck'];
const VT_OUTCOMES: readonly VtOutcome[] = [
  'clean',
  'clean',
  'not-found',
  'detected',
  'rate-limit',
  'timeout',
  'credentials',
];

export class WazuhAlertGenerator extends SpecFactory {
  fimAlertObject(opts: FimAlertOptions = {}): Record<string, unknown> {
    return fimJson(this.fimSpec(opts));
  }
  /** One alerts.json line of a FIM file event. */
  fimAlert(opts: FimAlertOptions = {}): string {
    return JSON.stringify(this.fimAlertObject(opts));
  }
  /** One alerts.json line of a Windows registry event (nothing to look up). */
  registryAlert(opts: RegistryAlertOptions = {}): string {
    return JSON.stringify(registryJson(this.registrySpec(opts)));
  }
  /** One alerts.json line of a non-FIM alert: sshd authentication failure, web 404, rootcheck. */
  otherAlert(kind: OtherKind = 'sshd', opts: OtherAlertOptions = {}): string {
    return JSON.stringify(otherJson(this.otherSpec(kind, opts)));
  }
  /** One alerts.json line of Wazuh's own VirusTotal result (data.virustotal with string values). */
  wazuhVtAlert(opts: WazuhVtAlertOptions = {}): string {
    return JSON.stringify(vtJson(this.vtSpec(opts)));
  }
  fimLogBlock(generation: LogGeneration = '4.x', opts: FimAlertOptions = {}): string {
    return fimLog(this.fimSpec(opts), generation);
  }
  registryLogBlock(opts: RegistryAlertOptions = {}): string {
    return registryLog(this.registrySpec(opts));
  }
  otherLogBlock(kind: OtherKind = 'sshd', opts: OtherAlertOptions = {}): string {
    return otherLog(this.otherSpec(kind, opts));
  }
  wazuhVtLogBlock(opts: WazuhVtAlertOptions = {}): string {
    return vtLog(this.vtSpec(opts));
  }

  /** A realistic mixed stream: FIM events over a pool of files on several agents, other alerts, registry
   * events and Wazuh VirusTotal results that refer to earlier FIM alerts. */
  stream(o: StreamOptions): GeneratedAlert[] {
    const rng = this.rng;
    const mix = { fim: 55, other: 35, 'wazuh-vt': 6, registry: 4, ...o.mix };
    const kinds = Object.entries(mix).filter(([, w]) => w > 0) as [GeneratedKind, number][];
    const totalWeight = kinds.reduce((a, [, w]) => a + w, 0);
    const poolSize = Math.max(1, o.distinctFiles ?? Math.ceil(o.count / 4));
    const pool: PoolFile[] = [];
    const out: GeneratedAlert[] = [];
    let lastFim: FimSpec | null = null;
    const generation = (): LogGeneration =>
      o.generation === 'mixed' ? rng.pick(['2.x', '3.x', '4.x'] as const) : (o.generation ?? '4.x');

    for (let i = 0; i < o.count; i++) {
      let r = rng.next() * totalWeight;
      let kind: GeneratedKind = kinds[0][0];
      for (const [k, w] of kinds) {
        if (r < w) {
          kind = k;
          break;
        }
        r -= w;
      }
      const g = o.format === 'log' ? generation() : null;
      if (kind === 'fim') {
        const file = this.poolFile(pool, poolSize, o);
        const spec = this.fimFromPool(file, o.deletedShare ?? 0.1);
        if (spec.event !== 'deleted') lastFim = spec;
        const expectedAfter = g ? expectedLogAfter(spec, g) : spec.event === 'deleted' ? NO_HASHES : { ...spec.after };
        const text = g ? fimLog(spec, g) : JSON.stringify(fimJson(spec));
        out.push({
          kind,
          format: o.format,
          generation: g,
          text,
          alertId: spec.alertId,
          epochMs: spec.epochMs,
          fim: spec,
          expectedAfter,
        });
      } else if (kind === 'registry') {
        const spec = this.registrySpec({});
        const text = g ? registryLog(spec) : JSON.stringify(registryJson(spec));
        out.push({
          kind,
          format: o.format,
          generation: g,
          text,
          alertId: spec.alertId,
          epochMs: spec.epochMs,
          registry: spec,
        });
      } else if (kind === 'other') {
        const spec = this.otherSpec(rng.pick(OTHER_KINDS), {});
        const text = g ? otherLog(spec) : JSON.stringify(otherJson(spec));
        out.push({
          kind,
          format: o.format,
          generation: g,
          text,
          alertId: spec.alertId,
          epochMs: spec.epochMs,
          other: spec,
        });
      } else {
        const src = lastFim;
        const spec = this.vtSpec({
          outcome: rng.pick(VT_OUTCOMES),
          ...(src && src.after.md5 && src.after.sha1
            ? {
                file: src.path,
                md5: src.after.md5,
                sha1: src.after.sha1,
                sha256: src.after.sha256 ?? undefined,
                sourceAlertId: src.alertId,
                sourceAgent: src.agent,
              }
            : {}),
        });
        const text = g ? vtLog(spec) : JSON.stringify(vtJson(spec));
        out.push({
          kind,
          format: o.format,
          generation: g,
          text,
          alertId: spec.alertId,
          epochMs: spec.epochMs,
          vt: spec,
        });
      }
    }
    return out;
  }

  private poolFile(pool: PoolFile[], size: number, o: StreamOptions): PoolFile {
    if (pool.length < size && (pool.length === 0 || this.rng.bool(0.5))) {
      const os: AgentOs = this.rng.bool(o.windowsShare ?? 0.3) ? 'windows' : 'linux';
      const file: PoolFile = {
        path: randomPath(this.rng, { os, nonAscii: this.rng.bool(o.nonAsciiShare ?? 0.1) }),
        os,
        hashes: randomHashes(this.rng),
        size: this.rng.int(0, 5_000_000),
        exists: this.rng.bool(0.7),
      };
      pool.push(file);
      return file;
    }
    return this.rng.pick(pool);
  }

  private fimFromPool(file: PoolFile, deletedShare: number): FimSpec {
    let event: FimEventKind;
    let before: FileHashes | null = null;
    let sizeBefore: number | undefined;
    if (!file.exists) {
      event = 'added';
      file.hashes = randomHashes(this.rng);
      file.exists = true;
    } else if (this.rng.bool(deletedShare)) {
      event = 'deleted';
      file.exists = false;
    } else {
      event = 'modified';
      if (this.rng.bool(0.6)) {
        before = file.hashes;
        sizeBefore = file.size;
        file.hashes = randomHashes(this.rng);
        file.size = this.rng.int(0, 5_000_000);
      }
    }
    return this.fimSpec({
      event,
      path: file.path,
      os: file.os,
      hashes: file.hashes,
      before,
      size: file.size,
      sizeBefore,
    });
  }
}

let defaultGen: WazuhAlertGenerator | null = null;

/** The module-wide generator the free functions use (seed 1 until reset). */
export function defaultGenerator(): WazuhAlertGenerator {
  defaultGen ??= new WazuhAlertGenerator({ seed: 1 });
  return defaultGen;
}

export function resetDefaultGenerator(seed = 1): WazuhAlertGenerator {
  defaultGen = new WazuhAlertGenerator({ seed });
  return defaultGen;
}

export const fimAlert = (opts: FimAlertOptions = {}, gen = defaultGenerator()): string => gen.fimAlert(opts);
export const registryAlert = (opts: RegistryAlertOptions = {}, gen = defaultGenerator()): string =>
  gen.registryAlert(opts);
export const otherAlert = (kind: OtherKind = 'sshd', gen = defaultGenerator()): string => gen.otherAlert(kind);
export const wazuhVtAlert = (opts: WazuhVtAlertOptions = {}, gen = defaultGenerator()): string =>
  gen.wazuhVtAlert(opts);
export const fimLogBlock = (
  generation: LogGeneration = '4.x',
  opts: FimAlertOptions = {},
  gen = defaultGenerator(),
): string => gen.fimLogBlock(generation, opts);
export const wazuhVtLogBlock = (opts: WazuhVtAlertOptions = {}, gen = defaultGenerator()): string =>
  gen.wazuhVtLogBlock(opts);
export const otherLogBlock = (kind: OtherKind = 'sshd', gen = defaultGenerator()): string => gen.otherLogBlock(kind);
export const registryLogBlock = (opts: RegistryAlertOptions = {}, gen = defaultGenerator()): string =>
  gen.registryLogBlock(opts);

/** A stream of alerts from a fresh generator with this seed. */
export function generateAlerts(seed: number, o: StreamOptions): GeneratedAlert[] {
  return new WazuhAlertGenerator({ seed }).stream(o);
}

/** File content: json = one line each, newline-terminated; log = each block followed by a blank line. */
export function joinAlerts(alerts: readonly (GeneratedAlert | string)[], format: AlertFormat): string {
  const texts = alerts.map((a) => (typeof a === 'string' ? a : a.text));
  return format === 'json'
    ? texts.map((t) => t + '\n').join('')
    : texts.map((t) => (t.endsWith('\n') ? t : t + '\n') + '\n').join('');
}

/**
 * Reference split of alerts.log content into blocks: a record ends at a blank line FOLLOWED BY `** Alert` (or
 * at the end), because 4.x FIM alerts contain blank lines of their own. Trailing blank lines are dropped.
 */
export function splitAlertsLog(content: string): string[] {
  return content
    .replace(/\r\n/g, '\n')
    .split(/\n\n+(?=\*\* Alert )/)
    .map((b) => b.replace(/\n+$/, '\n'))
    .filter((b) => b.trim() !== '');
}
