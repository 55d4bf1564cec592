// A copy of the sources and settings beside the database (config.json, no key in it). If the database is found
// damaged (or missing) at start and rebuilt, this copy restores what the analyst configured, and every source is
// read again from its start so the alerts come back.
// The copy is only ever written from a state that was read (or restored) successfully, and a config.json that
// cannot be read is never written over: it is kept aside, and the notices say where.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../../../shared/settings';
import { settingsFromStored } from '../store/settingsStore';

const Mirror = z.object({
  sources: z.array(z.object({ path: z.string(), fromEnd: z.boolean() })),
  // checked field by field (settingsFromStored): a value an older build allowed does not lose the rest
  settings: z.unknown(),
});
export interface ConfigMirror {
  sources: { path: string; fromEnd: boolean }[];
  settings: Settings | null;
}

export const MIRROR_FILE = 'config.json';

export type MirrorRead =
  { status: 'missing' } | { status: 'ok'; mirror: ConfigMirror } | { status: 'unreadable'; reason: string };

export function readMirror(dataDir: string): MirrorRead {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, MIRROR_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { status: 'missing' } : { status: 'unreadable', reason: (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { status: 'unreadable', reason: `not JSON (${(error as Error).message})` };
  }
  const parsed = Mirror.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: 'unreadable', reason: `${issue.path.join('.') || 'the file'}: ${issue.message}` };
  }
  const { sources, settings } = parsed.data;
  return { status: 'ok', mirror: { sources, settings: settings == null ? null : settingsFromStored(settings) } };
}

/** Moves an unreadable config.json aside (never written over) and returns where it went. */
export function keepUnreadableMirror(dataDir: string, now: number): string {
  const file = path.join(dataDir, MIRROR_FILE);
  const kept = `${file}.unreadable-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, kept);
  return kept;
}

export function writeMirror(dataDir: string, mirror: ConfigMirror): void {
  const file = path.join(dataDir, MIRROR_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(mirror, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
