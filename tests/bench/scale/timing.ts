// Small measuring tools of the scale benchmark: percentiles, timed HTTP requests against the headless server, and
// the server process's memory from /proc.
import fs from 'node:fs';

export interface Summary {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;

export function summarize(values: number[]): Summary {
  return {
    p50: round1(percentile(values, 50)),
    p95: round1(percentile(values, 95)),
    max: round1(Math.max(...values)),
    n: values.length,
  };
}

export interface Server {
  url: string;
  token: string;
}

/** GET a route with the token; the time until the whole body arrived, and the body parsed. */
export async function timedGet<T = unknown>(server: Server, route: string): Promise<{ ms: number; body: T }> {
  const started = performance.now();
  const res = await fetch(new URL(route, server.url), { headers: { authorization: `Bearer ${server.token}` } });
  const text = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) as T };
}

/**
 * Time to the first byte of the body, to its end, and its size; `failed` when the answer is an error or the
 * connection broke (a server out of memory), with the times until then.
 */
export async function timedDownload(
  server: Server,
  route: string,
): Promise<{ firstByteMs: number; totalMs: number; bytes: number; failed: string | null }> {
  const started = performance.now();
  let firstByteMs = -1;
  let bytes = 0;
  try {
    const res = await fetch(new URL(route, server.url), { headers: { authorization: `Bearer ${server.token}` } });
    if (!res.body) throw new Error(`HTTP ${res.status} without a body`);
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (firstByteMs < 0) firstByteMs = performance.now() - started;
      bytes += value.byteLength;
    }
    const failed = res.ok ? null : `HTTP ${res.status}`;
    return { firstByteMs, totalMs: performance.now() - started, bytes, failed };
  } catch (error) {
    const failed = `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`.trim();
    return { firstByteMs, totalMs: performance.now() - started, bytes, failed };
  }
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function memoryOf(pid: number): { rssMB: number; hwmMB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
}

/** Reset the process's peak RSS (Linux: "5" > clear_refs); false where that is not allowed. */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples a process's RSS every few ms while `run` runs: the peak seen (and VmHWM after, when it was reset). */
export async function peakRssDuring<T>(pid: number, run: () => Promise<T>): Promise<{ result: T; peakMB: number }> {
  const reset = resetPeak(pid);
  let peak = memoryOf(pid).rssMB;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memoryOf(pid).rssMB);
    } catch {
      // the process is gone: the run says why
    }
  }, 5);
  try {
    const result = await run();
    let after = { rssMB: 0, hwmMB: 0 };
    try {
      after = memoryOf(pid);
    } catch {
      // gone (out of memory): the peak is the last sample
    }
    return { result, peakMB: Math.max(peak, after.rssMB, reset ? after.hwmMB : 0) };
  } finally {
    clearInterval(timer);
  }
}
