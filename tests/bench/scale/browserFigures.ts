// The Live view in Chromium on the N-alert data directory:
// - first row on screen: navigation -> the first row painted (window.__fimvPerf: the browser's paint time of the
//   server's first screen, electron/headless/firstScreen.ts, by Element Timing; else the renderer's own mark once
//   its rows are on screen), each time in a fresh browser context (nothing cached), with the app's own rows (from
//   then on selection and the keyboard work) and the first page's arrival in the app beside it;
// - whether the End key shows the oldest alert (browsers cap an element's height near 33.5 million px: at 36 px a
//   row, a table of more than ~930k rows cannot be scrolled to its end that way);
// - how long placeholders ("Loading…" rows) stay on screen after jumping to several depths of the table.
// Page scripts are strings: the page's CSP stays on, and nothing of the bundler's helpers leaks into them.
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../helpers/chromium';
import { round1, summarize, timedGet, type Server, type Summary } from './timing';

export interface BrowserFigures {
  /** the first row painted: the server's first screen where it draws one, else the app's rows */
  firstRow: Summary;
  /** the app's own first rows on screen (selection and the keyboard work from then on) */
  appRows: Summary;
  firstPage: Summary;
  /** the rows the table holds, the index the End key shows last, and whether that row is the oldest alert */
  rows: number;
  endShowsIndex: number;
  oldestReachable: boolean;
  placeholders: { depth: number; index: number; ms: number; sawPlaceholders: boolean }[];
  placeholderMaxMs: number;
}

/** The rows in view once nothing moves and none is a placeholder: [index, row id] of each. */
const SETTLED_ROWS = `(() => {
  const s = document.querySelector('.alerts-scroller');
  if (!s) return null;
  const box = s.getBoundingClientRect();
  const rows = [...s.querySelectorAll('tr[data-index]')].filter((tr) => {
    const b = tr.getBoundingClientRect();
    return b.bottom > box.top + 36 && b.top < box.bottom;
  });
  if (rows.length === 0 || rows.some((tr) => !tr.hasAttribute('data-id'))) return null;
  if (window.__settle?.top !== s.scrollTop) { window.__settle = { top: s.scrollTop, at: performance.now() }; return null; }
  if (performance.now() - window.__settle.at < 300) return null;
  return rows.map((tr) => [Number(tr.dataset.index), Number(tr.dataset.id)]);
})()`;

/** Jump to `depth` (0..1) of the scroll range; resolves when the rows in view are real rows, with the time. */
const JUMP = `(depth) => new Promise((resolve) => {
  const s = document.querySelector('.alerts-scroller');
  const box = s.getBoundingClientRect();
  const started = performance.now();
  let saw = false;
  s.scrollTop = depth * (s.scrollHeight - s.clientHeight);
  const check = () => {
    const rows = [...s.querySelectorAll('tr[data-index]')].filter((tr) => {
      const b = tr.getBoundingClientRect();
      return b.bottom > box.top + 36 && b.top < box.bottom;
    });
    const loading = rows.some((tr) => !tr.hasAttribute('data-id'));
    if (loading) saw = true;
    if (rows.length > 0 && !loading) {
      resolve({ ms: performance.now() - started, index: Number(rows[0].dataset.index), saw });
    } else if (performance.now() - started > 120000) {
      resolve({ ms: -1, index: -1, saw });
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

const DEPTHS = [0.1, 0.3, 0.5, 0.7, 0.9, 0.99];

/**
 * Evaluates `expression` in the page once a frame until it is not null. (Playwright's waitForFunction evaluates a
 * string with eval, which the page's CSP refuses; page.evaluate does not.)
 */
async function until<T>(page: Page, expression: string, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = (await page.evaluate(
      `new Promise((resolve) => requestAnimationFrame(() => resolve(${expression})))`,
    )) as T | null;
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting in the page for ${expression.slice(0, 80)}`);
  }
}

async function openLive(
  page: Page,
  server: Server,
): Promise<{ firstRowsAt: number; appRowsAt: number; firstPageAt: number }> {
  await page.goto(`${server.url}?token=${server.token}`);
  return await until(page, 'window.__fimvPerf && window.__fimvPerf.appRowsAt !== null ? window.__fimvPerf : null');
}

export async function measureBrowser(
  server: Server,
  samples: number,
  log: (m: string) => void,
): Promise<BrowserFigures> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const firstRows: number[] = [];
    const appRows: number[] = [];
    const firstPages: number[] = [];
    let page: Page | null = null;
    for (let i = 0; i < samples; i++) {
      log(`browser: navigation -> first row (${i + 1} of ${samples})`);
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      page = await context.newPage();
      const perf = await openLive(page, server);
      firstRows.push(perf.firstRowsAt);
      appRows.push(perf.appRowsAt);
      firstPages.push(perf.firstPageAt);
      if (i < samples - 1) await context.close();
    }
    page = page!;

    log('browser: End key');
    const head = (await timedGet<{ total: number; maxId: number }>(server, '/api/alerts?limit=1&offset=0')).body;
    const oldest = (
      await timedGet<{ items: { id: number }[] }>(
        server,
        `/api/alerts?limit=1&offset=${head.total - 1}&maxId=${head.maxId}`,
      )
    ).body.items[0];
    await page.locator('tr[data-index="0"]').focus();
    await page.keyboard.press('End');
    const visible = await until<[number, number][]>(page, SETTLED_ROWS);
    const endShowsIndex = Math.max(...visible.map(([index]) => index));

    const placeholders: BrowserFigures['placeholders'] = [];
    for (const depth of DEPTHS) {
      log(`browser: jump to ${Math.round(depth * 100)}% of the table`);
      const r = (await page.evaluate(`(${JUMP})(${depth})`)) as { ms: number; index: number; saw: boolean };
      placeholders.push({ depth, index: r.index, ms: round1(r.ms), sawPlaceholders: r.saw });
      await until(page, SETTLED_ROWS);
    }
    return {
      firstRow: summarize(firstRows),
      appRows: summarize(appRows),
      firstPage: summarize(firstPages),
      rows: head.total,
      endShowsIndex,
      oldestReachable: visible.some(([, id]) => id === oldest.id),
      placeholders,
      // a jump whose rows never came counts as the time waited for them
      placeholderMaxMs: Math.max(...placeholders.map((p) => (p.ms < 0 ? 120_000 : p.ms))),
    };
  } finally {
    await browser.close();
  }
}
