// What VirusTotal answers about a content of the scale benchmark, as the project's VirusTotal emulator writes it
// (v3 JSON, ~70 engines: a lower bound of the real bodies, which also carry sandbox and signature sections).
import { errorJson, makeRecord, v3FileJson } from '../../emulator/vtFiles';
import type { Content } from './contents';

export type VtAnswer =
  | { kind: 'found'; body: string }
  | { kind: 'not-found'; body: string }
  | { kind: 'failed'; message: string; attempts: number };

const TYPES: [RegExp, string, string[]][] = [
  [/\.(exe|dll|sys|msi)$/i, 'Win32 EXE', ['peexe', 'signed']],
  [/\.(pdf)$/i, 'PDF', ['pdf']],
  [/\.(docx|xlsx|docm|xlsm)$/i, 'Office Open XML Document', ['docx']],
  [/\.(jpg|png|webp)$/i, 'JPEG', ['jpeg']],
  [/\.(php|sh|py|ps1|bat|vbs)$/i, 'Shell script', ['shell']],
  [/\.(zip|jar)$/i, 'ZIP', ['zip']],
];

function typeOf(path: string): { type: string; tags: string[] } {
  for (const [pattern, type, tags] of TYPES) if (pattern.test(path)) return { type, tags };
  return { type: 'ELF', tags: ['elf', '64bits'] };
}

const NOT_FOUND_BODY = JSON.stringify(errorJson(404, 'NotFoundError', 'File "not found" not found'));
const FAILURE = 'Error: VirusTotal is temporarily unavailable (HTTP 503)';

/** The answer about `c`, seen at `path`, asked at `atMs`. */
export function vtAnswerFor(c: Content, path: string, atMs: number): VtAnswer | null {
  switch (c.destiny) {
    case 'pending':
      return null;
    case 'error':
      return { kind: 'failed', message: FAILURE, attempts: 5 };
    case 'unknown':
      return { kind: 'not-found', body: NOT_FOUND_BODY };
  }
  const { type, tags } = typeOf(path);
  const malicious = c.destiny === 'malicious' ? 3 + Math.floor(c.detail * 50) : 0;
  const suspicious = c.destiny === 'suspicious' ? 1 + Math.floor(c.detail * 2) : 0;
  const name = path.split(/[\\/]/).pop() ?? path;
  const record = makeRecord(
    {
      ...c.hashes,
      malicious,
      suspicious,
      harmless: c.destiny === 'clean' ? Math.floor(c.detail * 4) : 0,
      names: [name],
      type,
      tags,
      size: c.size,
      lastAnalysisDate: Math.floor(atMs / 1000) - Math.floor(c.detail * 30 * 86_400),
      firstSubmissionDate: Math.floor(atMs / 1000) - Math.floor(c.detail * 900 * 86_400),
      threatLabel: malicious > 0 ? 'trojan.agent/generic' : null,
    },
    atMs,
  );
  return { kind: 'found', body: JSON.stringify(v3FileJson(record, 'https://www.virustotal.com')) };
}
