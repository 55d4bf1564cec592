// Makes sure better-sqlite3 is built for the installed Electron (in .electron-native/, see
// electron/main/nativeBinding.ts). Used by `npm start`; also runnable: `npx tsx scripts/ensureNative.ts`
// prints the module's path (exit 0) or why it cannot be built (exit 1).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectronBinding, findElectronBinding, type RebuildFn } from '../electron/main/nativeBinding';

export function installedElectronVersion(root: string): string {
  const pkg = path.join(root, 'node_modules', 'electron', 'package.json');
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** The built module's path, or the one-sentence reason it cannot be built. */
export async function ensureNativeModule(
  root: string,
  log: (message: string) => void = (m) => console.log(m),
): Promise<{ ok: true; path: string } | { ok: false; message: string }> {
  const target = { projectRoot: root, electronVersion: installedElectronVersion(root) };
  const found = findElectronBinding(target);
  if (found) return { ok: true, path: found };
  let rebuild: RebuildFn;
  try {
    rebuild = (await import('@electron/rebuild')).rebuild as RebuildFn;
  } catch (error) {
    return { ok: false, message: `@electron/rebuild could not be loaded (${(error as Error).message.split('\n')[0]})` };
  }
  return buildElectronBinding({ ...target, rebuild, log });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const result = await ensureNativeModule(root, (m) => console.error(m));
  if (result.ok) console.log(result.path);
  else console.error(result.message);
  process.exit(result.ok ? 0 : 1);
}
