// SHA-256 of a local file, computed here in chunks (File.slice) so that a large file neither fills the memory
// nor freezes the page, with progress. The file itself never leaves this computer.
// hash-wasm (incremental, so progress and memory stay small; the app's CSP allows WebAssembly, not JS eval). Should
// WebAssembly be unavailable, WebCrypto hashes files that fit in memory at once.
import { createSHA256 } from 'hash-wasm';

const WASM_CHUNK = 4 * 1024 * 1024;
const WEBCRYPTO_MAX = 512 * 1024 * 1024;

export class HashAbortedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'HashAbortedError';
  }
}

interface Hasher {
  update(data: Uint8Array): unknown;
  hex(): string;
}

const toHex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

let wasmWorks: boolean | null = null;

async function wasmHasher(): Promise<Hasher | null> {
  if (wasmWorks === false) return null;
  try {
    const hasher = await createSHA256();
    hasher.init();
    wasmWorks = true;
    return { update: (d) => hasher.update(d), hex: () => hasher.digest('hex') };
  } catch {
    wasmWorks = false; // WebAssembly refused (CSP) or missing
    return null;
  }
}

export async function sha256OfFile(
  file: File,
  onProgress: (doneBytes: number) => void,
  signal: AbortSignal,
): Promise<string> {
  const hasher = await wasmHasher();
  if (!hasher) {
    if (file.size > WEBCRYPTO_MAX || !crypto.subtle) {
      throw new Error('this browser cannot hash a file this large here (WebAssembly is unavailable)');
    }
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    if (signal.aborted) throw new HashAbortedError();
    onProgress(file.size);
    return toHex(digest);
  }
  const chunk = WASM_CHUNK;
  for (let offset = 0; offset < file.size; offset += chunk) {
    if (signal.aborted) throw new HashAbortedError();
    hasher.update(new Uint8Array(await file.slice(offset, offset + chunk).arrayBuffer()));
    onProgress(Math.min(file.size, offset + chunk));
  }
  if (signal.aborted) throw new HashAbortedError();
  return hasher.hex();
}
