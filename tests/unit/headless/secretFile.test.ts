// The headless key store: an owner-only file, replaced atomically, repaired when its mode is too open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET_FILE, fileSecretStore, secretFileName } from '../../../electron/headless/secretFile';

const posix = process.platform !== 'win32';
let dir: string;
const warnings: string[] = [];
const log = { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} };
const mode = (file: string) => fs.statSync(file).mode & 0o777;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-secret-'));
  warnings.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('fileSecretStore', () => {
  it('describes itself', () => {
    const store = fileSecretStore(dir);
    expect(store.kind).toBe('owner-only-file');
    expect(store.encrypted).toBe(false);
    expect(store.message).toBe(`stored in ${path.join(dir, SECRET_FILE)}, readable by this user only`);
  });

  it('stores, reads back, replaces and deletes the key', () => {
    const data = path.join(dir, 'nested', 'data');
    const store = fileSecretStore(data, log);
    expect(store.get()).toBeNull();
    store.set('k'.repeat(64));
    const file = path.join(data, SECRET_FILE);
    if (posix) expect(mode(file)).toBe(0o600);
    expect(store.get()).toBe('k'.repeat(64));
    store.set('second-key');
    expect(fileSecretStore(data).get()).toBe('second-key');
    expect(fs.readdirSync(data)).toEqual([SECRET_FILE]); // no temporary file left behind
    store.set(null);
    expect(fs.existsSync(file)).toBe(false);
    expect(store.get()).toBeNull();
    store.set(null); // deleting twice is fine
    expect(warnings).toEqual([]);
  });

  it('creates the file 0600 whatever the umask', () => {
    if (!posix) return;
    const old = process.umask(0o000);
    try {
      fileSecretStore(dir).set('key');
    } finally {
      process.umask(old);
    }
    expect(mode(path.join(dir, SECRET_FILE))).toBe(0o600);
  });

  it('repairs a file others can read, and warns without the key', () => {
    if (!posix) return;
    const file = path.join(dir, SECRET_FILE);
    fs.writeFileSync(file, 'the-secret-key\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(fileSecretStore(dir, log).get()).toBe('the-secret-key');
    expect(mode(file)).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('644');
    expect(warnings[0]).not.toContain('the-secret-key');
  });

  it('refuses a symbolic link and a multi-line key', () => {
    if (!posix) return;
    fs.writeFileSync(path.join(dir, 'elsewhere'), 'x');
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, SECRET_FILE));
    expect(() => fileSecretStore(dir).get()).toThrow(/symbolic link/);
    expect(() => fileSecretStore(dir).set('a\nb')).toThrow(/several lines/);
    expect(() => fileSecretStore(dir).set('   ')).toThrow(/empty/);
  });
});

describe('named slots for other credentials', () => {
  it('keep each credential in its own owner-only file, apart from the VirusTotal key', () => {
    const vt = fileSecretStore(dir, log);
    const indexer = fileSecretStore(dir, log, secretFileName('indexer-3'));
    vt.set('the-virustotal-key');
    indexer.set('the-indexer-password');
    expect(vt.get()).toBe('the-virustotal-key');
    expect(indexer.get()).toBe('the-indexer-password');
    expect(fs.readdirSync(dir).sort()).toEqual(['secret-indexer-3', SECRET_FILE]);
    if (posix) expect(mode(path.join(dir, 'secret-indexer-3'))).toBe(0o600);
  });

  it('refuse a name that is not a plain word (it becomes a file name)', () => {
    for (const bad of ['../x', 'a/b', '', 'UPPER', '.hidden', 'x'.repeat(80)])
      expect(() => secretFileName(bad), bad).toThrow(/not a secret name/);
  });
});
