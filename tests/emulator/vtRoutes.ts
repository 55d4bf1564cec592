// The emulator's answers: VirusTotal's v3 and v2 routes, and what each mode answers instead.
import { EMPTY_V3_STATS, errorJson, v2ReportJson, V2_NOT_FOUND, v3FileJson, v3Results, v3Stats } from './vtFiles';
import type { EmulatorState, VtEmulatorMode } from './vtState';

export type Answer = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };

const MALFORMED = '<!DOCTYPE html><html><head><title>Captive portal</title></head><body>Sign in</body></html>';
const WRONG_SHAPE = { data: [{ type: 'collection', id: 'c0ffee' }], meta: { count: 1 } };
const HEX_HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/;

export function json(status: number, body: unknown, headers?: Record<string, string>): Answer {
  return { status, body, headers };
}

/** The answer a mode gives instead of the normal one; null: answer normally. */
export function modeAnswer(mode: VtEmulatorMode, api: 'v3' | 'v2'): Answer | null {
  if (mode === 'malformed') return { status: 200, text: MALFORMED };
  if (mode === 'wrong-shape') return json(200, WRONG_SHAPE);
  if (mode === 'v2-rate-limit') return { status: 204 };
  if (typeof mode === 'object' && 'status' in mode) {
    const headers = mode.retryAfter !== undefined ? { 'retry-after': String(mode.retryAfter) } : undefined;
    if (api === 'v2') return { status: mode.status, headers };
    return json(mode.status, errorJson(mode.status, mode.code, mode.message), headers);
  }
  return null;
}

/** The normal answer of an authorised API request within the quota. */
export function apiAnswer(
  state: EmulatorState,
  baseUrl: string,
  api: 'v3' | 'v2',
  method: string,
  parts: string[],
  params: URLSearchParams,
  key: string,
): Answer {
  const nowS = Math.floor(state.now() / 1000);
  if (api === 'v2') {
    const resource = (params.get('resource') ?? '').trim().toLowerCase();
    const route = parts.join('/');
    if (route === 'file/report') {
      if (state.isAnalysisId(resource)) {
        const polled = state.pollAnalysis(resource);
        if (polled && polled.status !== 'completed')
          return json(200, {
            response_code: -2,
            resource,
            scan_id: resource,
            verbose_msg: 'Your resource is queued for analysis',
          });
        if (polled) return json(200, v2ReportJson(polled.record, resource));
      }
      const record = state.file(resource);
      return json(200, record ? v2ReportJson(record, resource) : V2_NOT_FOUND(resource));
    }
    if (route === 'file/rescan' && method === 'POST') {
      const record = state.file(resource);
      if (!record) return json(200, V2_NOT_FOUND(resource));
      const scanId = state.startAnalysis(record, 'v2');
      return json(200, {
        response_code: 1,
        verbose_msg: 'Scan request successfully queued, come back later for the report',
        resource,
        scan_id: scanId,
        sha256: record.sha256,
        permalink: `https://www.virustotal.com/file/${record.sha256}/analysis/${scanId.split('-')[1]}/`,
      });
    }
    return { status: 404 };
  }
  const [a, b, c, d] = parts;
  if (a === 'files' && b && !c && method === 'GET') {
    const id = b.toLowerCase();
    if (!HEX_HASH.test(id)) return json(400, errorJson(400, 'InvalidArgumentError', `Invalid file id: "${b}"`));
    const record = state.file(id);
    return record
      ? json(200, v3FileJson(record, baseUrl))
      : json(404, errorJson(404, 'NotFoundError', `File "${id}" not found`));
  }
  if (a === 'files' && b && c === 'analyse' && !d && method === 'POST') {
    const record = state.file(b);
    if (!record) return json(404, errorJson(404, 'NotFoundError', `File "${b.toLowerCase()}" not found`));
    return json(200, { data: { type: 'analysis', id: state.startAnalysis(record, 'v3') } });
  }
  if (a === 'analyses' && b && !c && method === 'GET') {
    const polled = state.pollAnalysis(b);
    if (!polled) return json(404, errorJson(404, 'NotFoundError', `Analysis "${b}" not found`));
    const { status, record } = polled;
    const done = status === 'completed';
    return json(200, {
      data: {
        type: 'analysis',
        id: b,
        attributes: {
          date: nowS,
          status,
          stats: done ? v3Stats(record) : EMPTY_V3_STATS,
          results: done ? v3Results(record) : {},
        },
      },
      meta: { file_info: { sha256: record.sha256, sha1: record.sha1, md5: record.md5, size: record.size } },
    });
  }
  if (a === 'analyses' && b && c === 'item' && method === 'GET') {
    const record = state.analysisFile(b);
    return record ? json(200, v3FileJson(record, baseUrl)) : json(404, errorJson(404, 'NotFoundError', 'Not found'));
  }
  if (a === 'users' && b && c === 'overall_quotas' && method === 'GET') {
    if (b !== key) return json(403, errorJson(403));
    const used = state.used(key);
    const { allowed } = state.config;
    const w = (n: number, u: number) => ({ user: { allowed: n, used: u }, group: null });
    return json(200, {
      data: {
        api_requests_hourly: w(allowed.hourly, used.hourly),
        api_requests_daily: w(allowed.daily, used.daily),
        api_requests_monthly: w(allowed.monthly, used.monthly),
        intelligence_searches_monthly: w(0, 0),
        intelligence_downloads_monthly: w(0, 0),
      },
    });
  }
  return json(404, errorJson(404, 'NotFoundError', 'Resource not found'));
}
