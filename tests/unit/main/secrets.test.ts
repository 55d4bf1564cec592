import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSafeStorageSecrets, KEY_FILE } from '../../../electron/main/secrets';

vi.mock('electron', () => ({}));

const KEY = 'f'.repeat(64);

function fakeSafeStorage(opts: { available?: boolean; backend?: string; plainTextTurnsOn?: boolean } = {}) {
  let available = opts.available ?? true;
  return {
    isEncryptionAvailable: vi.fn(() => available),
    encryptString: vi.fn((s: string) => {
      if (!available) throw new Error('Encryption is not available.');
      return Buffer.from(`enc:${Buffer.from(s).toString('base64')}`);
    }),
    decryptString: vi.fn((b: Buffer) => {
      const text = b.toString();
      if (!text.startsWith('enc:'))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(4), 'base64').toString();
    }),
    getSelectedStorageBackend: vi.fn(() => opts.backend ?? 'gnome_libsecret'),
    setUsePlainTextEncryption: vi.fn((on: boolean) => {
      if (on && opts.plainTextTurnsOn) available = true;
    }),
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-secrets-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('safeStorage secret store', () => {
  it('encrypts the key into an owner-only file and reads it back', () => {
    const safeStorage = fakeSafeStorage();
    const log = vi.fn();
    const store = createSafeStorageSecrets({ safeStorage: safeStorage as never, dataDir: dir, platform: 'linux', log });
    expect(store).toMatchObject({ kind: 'safe-storage', encrypted: true });
    expect(store.get()).toBeNull();
    store.set(KEY);
    expect(store.get()).toBe(KEY);
    const file = path.join(dir, KEY_FILE);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(KEY);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = createSafeStorageSecrets({ safeStorage: safeStorage as never, dataDir: dir, platform: 'linux', log });
    expect(again.get()).toBe(KEY);
    again.set(null);
    expect(fs.existsSync(file)).toBe(false);
    expect(again.get()).toBeNull();
    expect(JSON.stringify(log.mock.calls)).not.toContain(KEY);
  });

  it('says plainly that the key is only obfuscated when Linux has no keyring (basic_text)', () => {
    const store = createSafeStorageSecrets({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }) as never,
      dataDir: dir,
      platform: 'linux',
    });
    expect(store.encrypted).toBe(false);
    expect(store.kind).toBe('safe-storage');
    expect(store.message).toMatch(/only obfuscated/);
    expect(store.message).toMatch(/VT_API_KEY/);
    expect(store.message).toMatch(/keyring/);
    store.set(KEY);
    expect(store.get()).toBe(KEY);
  });

  it('falls back to plain-text obfuscation on Linux when encryption is unavailable, and says so', () => {
    const safeStorage = fakeSafeStorage({ available: false, backend: 'basic_text', plainTextTurnsOn: true });
    const store = createSafeStorageSecrets({ safeStorage: safeStorage as never, dataDir: dir, platform: 'linux' });
    expect(safeStorage.setUsePlainTextEncryption).toHaveBeenCalledWith(true);
    expect(store.encrypted).toBe(false);
    expect(store.message).toMatch(/only obfuscated/);
  });

  it('keeps the key in memory only where the OS offers no encryption at all', () => {
    const store = createSafeStorageSecrets({
      safeStorage: fakeSafeStorage({ available: false }) as never,
      dataDir: dir,
      platform: 'darwin',
    });
    expect(store).toMatchObject({ kind: 'memory', encrypted: false });
    expect(store.message).toMatch(/memory only/);
    store.set(KEY);
    expect(store.get()).toBe(KEY);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keeps an undecryptable file, asks for the key again, and never logs the key', () => {
    fs.writeFileSync(path.join(dir, KEY_FILE), KEY);
    const log = vi.fn();
    const store = createSafeStorageSecrets({
      safeStorage: fakeSafeStorage() as never,
      dataDir: dir,
      platform: 'win32',
      log,
    });
    expect(store.get()).toBeNull();
    expect(store.message).toMatch(/could not be decrypted/);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(true);
    expect(JSON.stringify(log.mock.calls)).not.toContain(KEY);
    store.set('k2');
    expect(store.message).not.toMatch(/could not be decrypted/);
  });
});
