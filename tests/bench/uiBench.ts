// UI benchmark in Debian's Chromium against the real headless server, with 100k alerts stored:
// - firstRenderMs: the first page of alerts arrived -> its rows painted (window.__fimvPerf, set by the renderer)
// - latencyP95Ms: a line appended to alerts.json -> its row in the Live table (a MutationObserver in the page)
// - while 1,000 alerts a second arrive: the longest gap between animation frames, and the longest task
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { startHeadless } from '../helpers/headlessProcess';
import { round } from './ingestBench';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium';

export interface UiFigures {
  alertsStored: number;
  /** GET /api/stats and GET /api/agents over HTTP with this many alerts stored (median of 5) */
  statsApiMs: number;
  agentsApiMs: number;
  firstRenderMs: number;
  pageLoadToRowsMs: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencySamples: number;
  burstAlertsPerSec: number;
  burstMaxFrameGapMs: number;
  burstLongestTaskMs: number;
  /** the last line of the burst appended -> its row on screen */
  burstLastRowLagMs: number;
}

/** What the page carries for the benchmark (the renderer's __fimvPerf, and the probes below). */
interface PageGlobals {
  __fimvPerf?: { firstRenderMs: number | null };
  __probe: { seen: Record<string, number> };
}

/** Runs in the page: when each row first appears (wall-clock ms), and frame gaps / long tasks during a burst. */
const PAGE_PROBES = `
window.__probe = (() => {
  const seen = {};
  new MutationObserver((mutations) => {
    const at = performance.timeOrigin + performance.now();
    for (const m of mutations)
      for (const n of m.addedNodes) {
        if (!(n instanceof HTMLElement)) continue;
        const rows = n.matches('[data-alert-id]') ? [n] : [...n.querySelectorAll('[data-alert-id]')];
        for (const r of rows) seen[r.getAttribute('data-alert-id')] ??= at;
      }
  }).observe(document.body, { childList: true, subtree: true });
  const frames = [];
  let longest = 0;
  return {
    seen,
    startBurst() {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
      const tick = (t) => { frames.push(t); if (frames.length < 100000) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    },
    burst() {
      let gap = 0;
      for (let i = 1; i < frames.length; i++) gap = Math.max(gap, frames[i] - frames[i - 1]);
      return { gap, longest };
    },
  };
})();
`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function uiBench(dataDir: string, alertsFile: string, log: (m: string) => void): Promise<UiFigures> {
  const server = await startHeadless(['--alerts', alertsFile, '--data-dir', dataDir]);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const stats = await server.api<{ fimEvents: number }>('/api/stats');
    const median = async (route: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await server.api(route);
        times.push(performance.now() - t);
      }
      return percentile(times, 50);
    };
    const statsApiMs = await median('/api/stats');
    const agentsApiMs = await median('/api/agents');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    log(`UI: first paint with ${stats.fimEvents} alerts stored`);
    const navStart = Date.now();
    await page.goto(`${server.url}?token=${server.token}`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__fimvPerf?.firstRenderMs != null, null, {
      timeout: 60_000,
    });
    const pageLoadToRowsMs = Date.now() - navStart;
    const firstRenderMs = (await page.evaluate('window.__fimvPerf.firstRenderMs')) as number;

    await page.evaluate(PAGE_PROBES); // through the debugger protocol: the page's strict CSP stays on
    const gen = new WazuhAlertGenerator({ seed: 404, startEpochMs: Date.now() + 3_600_000 });

    log('UI: append -> visible latency, 40 single lines');
    const appended: Record<string, number> = {};
    for (let i = 0; i < 40; i++) {
      const line = gen.fimAlert({ event: 'added', epochMs: Date.now() + 3_600_000 + i });
      const id = (JSON.parse(line) as { id: string }).id;
      appended[id] = Date.now();
      fs.appendFileSync(alertsFile, line + '\n');
      await page.waitForFunction(
        (alertId) => (globalThis as unknown as PageGlobals).__probe.seen[alertId] !== undefined,
        id,
        {
          timeout: 10_000,
        },
      );
      await new Promise((r) => setTimeout(r, 100));
    }
    const seen = (await page.evaluate('window.__probe.seen')) as Record<string, number>;
    const latencies = Object.entries(appended).map(([id, at]) => seen[id] - at);

    log('UI: 1,000 alerts a second for 5 seconds');
    await page.evaluate('window.__probe.startBurst()');
    let lastId = '';
    let lastAppendAt = 0;
    const burstStart = Date.now();
    for (let s = 0; s < 50; s++) {
      const lines: string[] = [];
      for (let i = 0; i < 100; i++) {
        const line = gen.fimAlert({ event: 'modified', epochMs: Date.now() + 7_200_000 + s * 100 + i });
        lines.push(line);
        if (s === 49 && i === 99) lastId = (JSON.parse(line) as { id: string }).id;
      }
      fs.appendFileSync(alertsFile, lines.join('\n') + '\n');
      lastAppendAt = Date.now();
      const wait = burstStart + (s + 1) * 100 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const burstWrittenAt = Date.now();
    await page.waitForFunction(
      (alertId) => (globalThis as unknown as PageGlobals).__probe.seen[alertId] !== undefined,
      lastId,
      {
        timeout: 30_000,
      },
    );
    const lastSeen = await page.evaluate(
      (alertId) => (globalThis as unknown as PageGlobals).__probe.seen[alertId],
      lastId,
    );
    const burst = (await page.evaluate('window.__probe.burst()')) as { gap: number; longest: number };
    return {
      alertsStored: stats.fimEvents,
      statsApiMs: round(statsApiMs),
      agentsApiMs: round(agentsApiMs),
      firstRenderMs: round(firstRenderMs),
      pageLoadToRowsMs,
      latencyP50Ms: round(percentile(latencies, 50)),
      latencyP95Ms: round(percentile(latencies, 95)),
      latencySamples: latencies.length,
      burstAlertsPerSec: round(5000 / ((burstWrittenAt - burstStart) / 1000)),
      burstMaxFrameGapMs: round(burst.gap),
      burstLongestTaskMs: round(burst.longest),
      burstLastRowLagMs: Math.round(lastSeen - lastAppendAt),
    };
  } finally {
    await browser.close();
    await server.kill('SIGTERM');
  }
}
