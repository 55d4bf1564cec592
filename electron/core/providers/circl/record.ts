// A CIRCL hashlookup record -> what it says about the file. A record is a file CIRCL knows from NSRL or a software
// distribution: without `KnownMalicious` the file is what a vendor shipped (known good); with it, a source CIRCL
// imports lists it as malicious. Records are redis hashes on the server (every value a string; ProductCode an
// object, or its bare code when the lookup of the code failed), so every field is read defensively.
import { z } from 'zod';
import { oneLine, type CirclDetails, type ProviderVerdict } from '../../../../shared/providers';
import { optCount, optHash, optText } from '../fields';

const ProductCode = z
  .unknown()
  .transform((v) => {
    const o = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    const read = optText(300);
    return { name: read.parse(o.ProductName), version: read.parse(o.ProductVersion), vendor: read.parse(o.MfgCode) };
  })
  .catch({ name: null, version: null, vendor: null });

const CirclRecordSchema = z.object({
  MD5: optHash('md5'),
  'SHA-1': optHash('sha1'),
  'SHA-256': optHash('sha256'),
  FileName: optText(500),
  FileSize: optCount(),
  ProductCode,
  PackageName: optText(200),
  PackageVersion: optText(200),
  source: optText(200),
  db: optText(200),
  mimetype: optText(200),
  'hashlookup:trust': z
    .unknown()
    .transform((v) => {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : null;
    })
    .catch(null),
});

export interface CirclReading {
  hashes: { md5: string | null; sha1: string | null; sha256: string | null };
  verdict: ProviderVerdict;
  why: string;
  details: CirclDetails;
}

/** The record's meaning, or null when it is not a record (not an object, or an empty one: old servers answer {}). */
export function readCirclRecord(value: unknown): CirclReading | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const r = CirclRecordSchema.parse(record);
  if (!r.MD5 && !r['SHA-1'] && !r['SHA-256']) return null;
  const details: CirclDetails = {
    provider: 'circl',
    source: r.source,
    db: r.db,
    fileName: r.FileName,
    fileSize: r.FileSize,
    productName: r.ProductCode.name,
    productVersion: r.ProductCode.version,
    vendor: r.ProductCode.vendor,
    packageName: r.PackageName,
    packageVersion: r.PackageVersion,
    mimeType: r.mimetype,
    trust: r['hashlookup:trust'],
    knownMalicious: knownMaliciousOf(record),
  };
  const hashes = { md5: r.MD5, sha1: r['SHA-1'], sha256: r['SHA-256'] };
  // the key's presence decides, whatever its value: a file CIRCL flags is never called known good
  if ('KnownMalicious' in record) {
    const listedBy = details.knownMalicious.length > 0 ? details.knownMalicious.join(', ') : 'an unnamed source';
    return {
      hashes,
      details,
      verdict: 'malicious',
      why: `malicious: CIRCL hashlookup, listed by ${oneLine(listedBy, 80)}`,
    };
  }
  // 50 is "no opinion"; only KnownMalicious lowers it today, but a low trust is never read as known good
  if (details.trust !== null && details.trust < 50)
    return { hashes, details, verdict: 'unknown', why: `no opinion: CIRCL hashlookup trust ${details.trust}` };
  return { hashes, details, verdict: 'known-good', why: knownGoodWhy(details) };
}

/** KnownMalicious as a list of source names: a string (as redis stores it) or a list of strings. */
function knownMaliciousOf(record: Record<string, unknown>): string[] {
  const v = record.KnownMalicious;
  const items = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const item of items) {
    const s = typeof item === 'string' ? item.trim().slice(0, 200) : '';
    if (s && !out.includes(s)) out.push(s);
    if (out.length >= 50) break;
  }
  return out;
}

// Distribution names as CIRCL's import scripts write them in `source` ("debian-bookworm", "ubuntu"...), as an
// analyst reads them. An unknown source is shown as it is.
const DISTRIBUTIONS: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  kali: 'Kali',
  fedora: 'Fedora',
  centos: 'CentOS',
  rhel: 'RHEL',
  rocky: 'Rocky Linux',
  almalinux: 'AlmaLinux',
  alpine: 'Alpine',
  arch: 'Arch Linux',
  opensuse: 'openSUSE',
  snap: 'Snap',
  snapcraft: 'Snap',
};

const isNsrl = (v: string | null) => v !== null && /nsrl/i.test(v);

function distributionOf(source: string | null): string | null {
  if (source === null || isNsrl(source)) return null;
  const first = source.toLowerCase().split(/[^a-z0-9]+/)[0] ?? '';
  return DISTRIBUTIONS[first] ?? oneLine(source, 40);
}

/** "known good: NSRL, Debian coreutils 9.1-1": the collection, then the package or product, else the file name. */
export function knownGoodWhy(d: CirclDetails): string {
  const collection = isNsrl(d.db) || isNsrl(d.source) ? 'NSRL' : null;
  const distribution = distributionOf(d.source);
  const product = d.packageName
    ? [distribution, d.packageName, d.packageVersion]
    : d.productName
      ? [d.productName, d.productVersion]
      : null;
  const what = product
    ? product.filter((p) => p !== null).join(' ')
    : [distribution, d.fileName && baseName(d.fileName)].filter((p) => p).join(' ');
  const parts = [collection ?? (what ? null : 'CIRCL hashlookup'), what || null].filter((p) => p !== null);
  return `known good: ${oneLine(parts.join(', '), 160)}`;
}

const baseName = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;
