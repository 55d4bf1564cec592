// The VirusTotal key typed in the app, kept with Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
// libsecret or KWallet on Linux) in one file in userData, owner-only (0600). Where Linux has no keyring
// (backend basic_text) the file is only obfuscated, and the settings view says so. The key is never logged.
// SecretStore is synchronous, so this uses encryptString/decryptString (Electron 45 still ships them; their
// async twins initialise lazily and would make the first read of the key racy).
import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/engineTypes';

export const KEY_FILE = 'vt-api-key.bin';

const OBFUSCATED_MESSAGE =
  'No keyring is available (Linux without a Secret Service such as GNOME Keyring or KWallet): a key saved here is ' +
  'only obfuscated on disk and anyone who can read your profile folder can read it. Set VT_API_KEY in the ' +
  'environment instead, or install and unlock a keyring and save the key again.';
const MEMORY_MESSAGE =
  'The operating system offers no encryption for secrets right now: a key typed here is kept in memory only until ' +
  'the app closes. Set VT_API_KEY in the environment to keep one across restarts.';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend' | 'setUsePlainTextEncryption'>>;

export interface SafeStorageSecretsOptions {
  safeStorage: SafeStorageLike;
  dataDir: string;
  /** the file in dataDir (default: the VirusTotal key's) */
  fileName?: string;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
}

/** Call after app 'ready' (safeStorage needs it). */
export function createSafeStorageSecrets(options: SafeStorageSecretsOptions): SecretStore {
  const { safeStorage, dataDir } = options;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? ((m: string) => console.warn(m));
  const file = path.join(dataDir, options.fileName ?? KEY_FILE);

  let available = safeStorage.isEncryptionAvailable();
  let obfuscatedOnly = false;
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (!available && safeStorage.setUsePlainTextEncryption) {
      // no keyring at all: Electron can still obfuscate with a fixed key, which is what basic_text does
      safeStorage.setUsePlainTextEncryption(true);
      available = safeStorage.isEncryptionAvailable();
      obfuscatedOnly = available;
    } else if (backend === 'basic_text') {
      obfuscatedOnly = true;
    }
  }

  let memory: string | null = null;
  let readProblem: string | null = null;
  if (available) {
    try {
      const data = fs.readFileSync(file);
      memory = data.length > 0 ? safeStorage.decryptString(data) : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        // the keyring changed (new user profile, keyring reset): keep the file, ask for the key again
        readProblem = 'The saved key could not be decrypted (the keyring changed?): type it again in Settings.';
        log(`[secrets] cannot read ${file}: ${(error as Error).message}`);
      }
    }
  }

  const base = available
    ? obfuscatedOnly
      ? { kind: 'safe-storage' as const, encrypted: false, message: OBFUSCATED_MESSAGE }
      : {
          kind: 'safe-storage' as const,
          encrypted: true,
          message: 'The key is encrypted with the operating system keyring and kept in your profile folder.',
        }
    : { kind: 'memory' as const, encrypted: false, message: MEMORY_MESSAGE };

  return {
    kind: base.kind,
    encrypted: base.encrypted,
    get message() {
      return readProblem ? `${readProblem} ${base.message}` : base.message;
    },
    get: () => memory,
    set(value: string | null) {
      memory = value;
      readProblem = null;
      if (!available) return;
      if (value === null) {
        fs.rmSync(file, { force: true });
        return;
      }
      fs.mkdirSync(dataDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, safeStorage.encryptString(value), { mode: 0o600 });
      fs.chmodSync(tmp, 0o600);
      fs.renameSync(tmp, file);
    },
  };
}
