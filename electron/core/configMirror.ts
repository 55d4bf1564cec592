// A copy of the sources and settings beside the database (config.json, no key in it). If the database is found
// damaged at start and rebuilt, this copy restores what the analyst configured, and every source is read again
// from its start so the alerts come back.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Settings } from '../../shared/settings';

const Mirror = z.object({
  sources: z.array(z.object({ path: z.string(), fromEnd: z.boolean() })),
  settings: Settings.nullable(),
});
export type ConfigMirror = z.infer<typeof Mirror>;

export const MIRROR_FILE = 'config.json';

export function readMirror(dataDir: string): ConfigMirror | null {
  try {
    const parsed = Mirror.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, MIRROR_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeMirror(dataDir: string, mirror: ConfigMirror): void {
  const file = path.join(dataDir, MIRROR_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(mirror, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
