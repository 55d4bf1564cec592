// What every HTTP client of the engine reads the same way (VirusTotal, the reputation providers): a body that may
// not be JSON, and a Retry-After header. No I/O.

/** JSON.parse that gives undefined for anything that is not JSON. */
export function parseJson(body: string | null): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** Retry-After: delay-seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
