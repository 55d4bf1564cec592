// The risk of a file, from what its alert says, to order the VirusTotal queue: the riskiest unknown file is asked
// about next, so a dropped C:\Users\bob\AppData\Local\Temp\inv.exe does not wait behind a thousand changed
// C:\Windows\WinSxS files. Pure: the same alert facts always give the same score, level and explanation
// ("high: executable in a user temp folder, first seen, one agent, new file"), which the file page shows.
//
// Points, on a base of 20, clamped to 0-100 (high from 70, medium from 45):
//   kind of file   executable, library, driver, kernel module +30 | script +25 | web script, extension-less
//                  file in a user or temp folder +20 | macro-enabled document +15
//   name tricks    a bidirectional override +20 | a document extension before an executable one +15 |
//                  a hidden file in a temp folder +10
//   place          temp +30 | downloads +20 | other user-writable +10 (the strongest one) | startup and
//                  persistence +35 | vendor-managed (WinSxS, package folders and caches) -40
//   the fleet      first time this hash is seen +10 | on one agent only +5 | a new file (added) +5
//   the rule       level 12 and up +15 | 10-11 +10 | 8-9 +5 (Wazuh's own FIM rules are 5 and 7: no points)
// Newest first among equal scores is the queue's rule, not this one's.
import type { FimEventKind } from '../../../shared/domain';
import { pathFacts, type FileKind, type PathFacts, type Place, type PlaceKind } from './riskPlaces';

export type RiskLevel = 'high' | 'medium' | 'low';

export interface RiskInput {
  /** the path as the alert gives it (any bytes) */
  path: string;
  event?: FimEventKind | null;
  ruleLevel?: number | null;
  /** the first alert, fleet-wide, with this file's hash */
  firstSeenInFleet?: boolean | null;
  /** how many agents have reported this hash so far (this alert's included) */
  agentCount?: number | null;
}

export interface RiskAssessment {
  /** 0-100: higher is asked about sooner */
  score: number;
  level: RiskLevel;
  /** fixed phrases, strongest first; never a byte of the path */
  reasons: string[];
  /** "high: executable in a user temp folder, first seen, one agent" */
  explanation: string;
}

const BASE = 20;
const HIGH = 70;
const MEDIUM = 45;
export { HIGH as RISK_HIGH, MEDIUM as RISK_MEDIUM };

const FILE_POINTS: Record<FileKind, number> = {
  executable: 30,
  library: 30,
  driver: 30,
  'kernel module': 30,
  script: 25,
  'web script': 20,
  extensionless: 20,
  'macro-enabled document': 15,
};
const FILE_WORDS: Record<FileKind, string> = {
  executable: 'executable',
  library: 'library',
  driver: 'driver',
  'kernel module': 'kernel module',
  script: 'script',
  'web script': 'web script',
  extensionless: 'file without extension (ELF-like)',
  'macro-enabled document': 'macro-enabled document',
};
const PLACE_POINTS: Record<PlaceKind, number> = { temp: 30, downloads: 20, user: 10, persistence: 35, vendor: -40 };

/**
 * What a path says, remembered: each queued file is assessed at ingest and a fleet's files share few paths (a CPU
 * profile of a 212 MB catch-up: pathFacts was half of the risk's time). Facts are only read here.
 */
const FACTS_CACHED = 10_000;
const factsByPath = new Map<string, PathFacts>();
function factsOf(path: unknown): PathFacts {
  if (typeof path !== 'string') return pathFacts(path);
  let facts = factsByPath.get(path);
  if (facts === undefined) {
    facts = pathFacts(path);
    if (factsByPath.size >= FACTS_CACHED) factsByPath.clear();
    factsByPath.set(path, facts);
  }
  return facts;
}

export function assessRisk(input: RiskInput): RiskAssessment {
  const facts = factsOf(input?.path);
  const reasons: string[] = [];
  let score = BASE;

  const first = (kind: PlaceKind): Place | undefined => facts.places.find((p) => p.kind === kind);
  const vendor = first('vendor');
  // the strongest of the user-writable places counts once (a user temp folder is also in AppData); a vendor-managed
  // folder inside a broadly writable one (ProgramData\Package Cache) is the vendor's
  const writable = first('temp') ?? first('downloads') ?? (vendor ? undefined : first('user'));
  const persistence = first('persistence');
  score += (writable ? PLACE_POINTS[writable.kind] : 0) + (persistence ? PLACE_POINTS.persistence : 0);
  score += vendor ? PLACE_POINTS.vendor : 0;
  if (facts.fileKind) score += FILE_POINTS[facts.fileKind];

  // one phrase for what and where: "executable in a user temp folder"
  const where = persistence ?? writable ?? vendor;
  const what = facts.fileKind ? FILE_WORDS[facts.fileKind] : null;
  if (what || where) reasons.push([what, where && `in ${where.label}`].filter(Boolean).join(' '));
  if (vendor && where !== vendor) reasons.push(`in ${vendor.label}`);

  if (facts.bidiTrick) {
    score += 20;
    reasons.push('name reordered by a bidirectional control character');
  }
  if (facts.doubleExtension) {
    score += 15;
    reasons.push('double extension');
  }
  if (facts.hidden && first('temp')) {
    score += 10;
    reasons.push('hidden file');
  }
  if (input?.firstSeenInFleet === true) {
    score += 10;
    reasons.push('first seen');
  }
  if (input?.agentCount === 1) {
    score += 5;
    reasons.push('one agent');
  }
  if (input?.event === 'added') {
    score += 5;
    reasons.push('new file');
  }
  const level = finiteOr(input?.ruleLevel, 0);
  const rulePoints = level >= 12 ? 15 : level >= 10 ? 10 : level >= 8 ? 5 : 0;
  if (rulePoints > 0) {
    score += rulePoints;
    reasons.push(`rule level ${Math.floor(Math.min(level, 99))}`);
  }

  score = Math.max(0, Math.min(100, score));
  const riskLevel: RiskLevel = score >= HIGH ? 'high' : score >= MEDIUM ? 'medium' : 'low';
  const explanation = reasons.length > 0 ? `${riskLevel}: ${reasons.join(', ')}` : `${riskLevel}: nothing stands out`;
  return { score, level: riskLevel, reasons, explanation };
}

const finiteOr = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
