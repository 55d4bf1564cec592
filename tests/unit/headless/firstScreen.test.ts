// The Live view's first screen written by the server (electron/headless/firstScreen.ts): what an alert holds is
// only ever text in it, the links are the app's own or https, the page keeps one entry script (started by the
// boot script once the first row is painted), and the boot script agrees with the app's routes.
import { createHash } from 'node:crypto';
import vm from 'node:vm';
import { parseRoute } from '../../../shared/hashRoute';
import { formatsIn, localeOfAcceptLanguage } from '../../../shared/format';
import { EARLY_REQUESTS } from '../../../shared/earlyRequests';
import { describe, expect, it } from 'vitest';
import type { AlertItem, ApiOutput } from '../../../shared/contract';
import {
  BOOT_SCRIPT,
  BOOT_SCRIPT_SOURCE,
  FIRST_SCREEN_ROWS,
  FIRST_SCREEN_TEXT_BUDGET,
  firstScreenHtml,
  pageWithFirstScreen,
} from '../../../electron/headless/firstScreen';
import { alertItem } from '../../helpers/alertItem';

const SHA = 'ab'.repeat(32);

/** A malicious file's alert of web-01 (7/70 on VirusTotal), with `over` on top. */
function item(over: Partial<AlertItem> = {}, id = 1): AlertItem {
  return alertItem({
    id,
    epochMs: Date.parse('2026-12-05T10:00:00Z'),
    agent: { id: '001', name: 'web-01', ip: '10.0.0.5' },
    path: '/var/www/html/shell.php',
    sha256: SHA,
    verdict: {
      state: 'malicious',
      positives: 7,
      total: 70,
      permalink: `https://www.virustotal.com/gui/file/${SHA}`,
      scanDate: '2026-12-05T09:00:00.000Z',
      checkedAt: '2026-12-05T10:00:01.000Z',
      origin: 'virustotal',
      reason: null,
      why: 'malicious: 7/70 on VirusTotal',
    },
    ...over,
  });
}

const page = (items: AlertItem[]): ApiOutput<'listAlerts'> => ({ items, total: items.length, maxId: items.length });
const info = (demo = false) =>
  ({
    name: 'FIM Verdict',
    version: '1.0.0',
    dataDir: '/data',
    demo,
    transport: 'http',
    keyStorage: 'file',
    licences: [],
  }) as unknown as ApiOutput<'getInfo'>;

/** Vite's index.html as the build writes it (out/renderer/index.html). */
const BUILT_INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>FIM Verdict</title>
    <script type="module" crossorigin src="./assets/index-Cr2IiQ3X.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/Time-DlgBv8p5.js">
    <link rel="stylesheet" crossorigin href="./assets/index-l9E3nqiy.css">
  </head>
  <body>
    <div id="root"></div>
    <noscript>FIM Verdict needs JavaScript.</noscript>
  </body>
</html>`;

describe('firstScreenHtml', () => {
  it('writes the shell, the filters and the first rows, the first marked for Element Timing', () => {
    const rows = Array.from({ length: 60 }, (_, i) => item({ path: `/srv/file-${i}.bin` }, 60 - i));
    const html = firstScreenHtml({ ...page(rows), total: 1234567 }, info(), {
      now: Date.parse('2026-12-05T12:00:00Z'),
    })!;
    expect(html.startsWith('<div class="app first-screen">')).toBe(true);
    expect(html.match(/<tr class="alert-row/g)).toHaveLength(FIRST_SCREEN_ROWS);
    expect(html.match(/elementtiming="first-row"/g)).toHaveLength(1);
    expect(html).toContain('data-index="0" data-id="60"');
    expect(html).toContain('1,234,567 alerts');
    expect(html).toContain('aria-rowcount="1234568"');
    expect(html).toContain('<span class="badge__ratio">7/70</span><span class="badge__label">malicious</span>');
    expect(html).toContain(`href="#/file/${SHA}"`);
    expect(html).toContain(`href="https://www.virustotal.com/gui/file/${SHA}" target="_blank" rel="noreferrer"`);
    expect(html).not.toContain('style=');
  });

  it('writes times and counts in the browser’s language (its Accept-Language), as the app will', () => {
    const now = Date.parse('2026-12-05T12:00:00Z');
    const rows = [item({}, 2), item({ epochMs: Date.parse('2026-03-01T08:00:00Z') }, 1)];
    const german = firstScreenHtml({ ...page(rows), total: 1234567 }, info(), { now, locale: 'de-DE' })!;
    const de = formatsIn('de-DE');
    expect(german).toContain(`>${de.local(rows[0].epochMs, now)}</time>`);
    expect(german).toContain(`>${de.local(rows[1].epochMs, now)}</time>`);
    expect(german).toContain('1.234.567 alerts');
    const english = firstScreenHtml({ ...page(rows), total: 1234567 }, info(), { now, locale: 'en-US' })!;
    expect(english).toContain('1,234,567 alerts');
    expect(de.local(rows[1].epochMs, now)).not.toBe(formatsIn('en-US').local(rows[1].epochMs, now));
  });

  it('takes the first language of Accept-Language if it is one, else the server’s own', () => {
    expect(localeOfAcceptLanguage('de-DE,de;q=0.9,en;q=0.8')).toBe('de-DE');
    expect(localeOfAcceptLanguage('fr')).toBe('fr');
    // the language, script and region only: no other digits or calendar than the browser's own language gives
    expect(localeOfAcceptLanguage('ar-EG-u-nu-arab')).toBe('ar-EG');
    expect(localeOfAcceptLanguage('en-US-u-ca-islamic-nu-thai')).toBe('en-US');
    expect(localeOfAcceptLanguage('zh-Hant-TW')).toBe('zh-Hant-TW');
    for (const odd of [
      undefined,
      '',
      '*',
      '<script>alert(1)</script>',
      'x'.repeat(300),
      ';q=1',
      'en-US-x-' + 'a'.repeat(40),
      '1234',
    ]) {
      expect(localeOfAcceptLanguage(odd), String(odd)).toBeUndefined();
    }
  });

  it('is null when there is no alert: the app shows its own empty view', () => {
    expect(firstScreenHtml(page([]), info())).toBeNull();
  });

  it('writes what an alert holds as text: markup, quotes and control characters never act', () => {
    const hostile = item({
      path: '/tmp/</td></tr></table><script>alert(1)</script>\u202Egpj.exe',
      alertId: '1"><img src=x onerror=alert(2)>',
      agent: { id: '007', name: 'a\'b"<i>c</i>\nd', ip: '"><svg onload=alert(3)>' },
      sha256: null,
      md5: null,
      sha1: null,
    });
    const html = firstScreenHtml(page([hostile]), info())!;
    // every tag and attribute in it is the screen's own: `<` from an alert is always &#60;, quotes always &#34;
    const TAGS = new Set([
      'div',
      'a',
      'span',
      'header',
      'nav',
      'button',
      'main',
      'h1',
      'dl',
      'dt',
      'dd',
      'form',
      'label',
      'input',
      'select',
      'option',
      'table',
      'colgroup',
      'col',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'time',
      'footer',
    ]);
    const ATTRIBUTES = new Set([
      'class',
      'href',
      'aria-hidden',
      'aria-label',
      'aria-current',
      'type',
      'id',
      'tabindex',
      'role',
      'aria-busy',
      'placeholder',
      'spellcheck',
      'autocomplete',
      'value',
      'title',
      'aria-invalid',
      'aria-live',
      'aria-rowcount',
      'aria-multiselectable',
      'aria-rowindex',
      'scope',
      'data-index',
      'data-id',
      'data-alert-id',
      'data-hash',
      'aria-selected',
      'elementtiming',
      'datetime',
      'target',
      'rel',
    ]);
    for (const [, tag, attributes] of html.matchAll(/<([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*>/g)) {
      expect(TAGS.has(tag), tag).toBe(true);
      for (const [, name] of attributes.matchAll(/([a-z-]+)="/g)) expect(ATTRIBUTES.has(name), name).toBe(true);
    }
    const opened = html.match(/<[a-z]/g)!.length;
    const wellFormed = [...html.matchAll(/<([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*>/g)].length;
    expect(wellFormed).toBe(opened); // no tag the pattern above could not read
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    // the right-to-left override is shown as an escape in its own style, not applied to the text around it
    expect(html).toContain('<span class="ctl" title="U+202E RIGHT-TO-LEFT OVERRIDE">\\u202E</span>gpj.exe');
    expect(html).not.toContain('\u202E');
    expect(html).toContain('data-alert-id="1&#34;&#62;&#60;img src=x onerror=alert(2)&#62;"');
    expect(html).toContain(
      'a&#39;b&#34;&#60;i&#62;c&#60;/i&#62;<span class="ctl" title="U+000A LINE FEED">\\u000A</span>d',
    );
    expect(html).toContain('<span class="muted">no hash</span>');
  });

  it('is null past its text budget, so that alert text cannot make every reload cost the server megabytes', () => {
    // forty paths of 4,096 DELs (a path as long as Linux allows): 9.7 MB of markup before the budget
    const dels = (n: number) =>
      Array.from({ length: FIRST_SCREEN_ROWS }, (_, i) => item({ path: `/tmp/${'\x7f'.repeat(n)}` }, i + 1));
    expect(firstScreenHtml(page(dels(4090)), info())).toBeNull();
    // one such path among ordinary ones is enough
    const one = Array.from({ length: FIRST_SCREEN_ROWS }, (_, i) => item({}, i + 1));
    one[39] = item({ path: `/tmp/${'\u202e'.repeat(FIRST_SCREEN_TEXT_BUDGET / 6)}` }, 40);
    expect(firstScreenHtml(page(one), info())).toBeNull();
    // an agent's name counts too
    expect(
      firstScreenHtml(page([item({ agent: { id: '1', name: '\x1b'.repeat(6000), ip: null } })]), info()),
    ).toBeNull();
    // long ordinary paths are written, and the markup stays bounded by the budget
    const longPaths = Array.from({ length: FIRST_SCREEN_ROWS }, (_, i) =>
      item({ path: `/srv/${'<&>'.repeat(200)}/${i}` }, i + 1),
    );
    const html = firstScreenHtml(page(longPaths), info());
    expect(html).not.toBeNull();
    expect(html!.length).toBeLessThan(12 * FIRST_SCREEN_TEXT_BUDGET);
    // what a control character costs: a few of them in each row are written
    const fewControls = Array.from({ length: FIRST_SCREEN_ROWS }, (_, i) =>
      item({ path: `/tmp/\u202egpj.exe${i}` }, i + 1),
    );
    expect(firstScreenHtml(page(fewControls), info())).toContain('class="ctl"');
  });

  it('never links anywhere but https for VirusTotal, and says DEMO in the demo', () => {
    const sneaky = item({
      verdict: { ...item().verdict, permalink: 'javascript:alert(1)' } as AlertItem['verdict'],
    });
    const html = firstScreenHtml(page([sneaky]), info())!;
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<td class="col-virustotal"><span class="muted">–</span></td>');
    const demo = firstScreenHtml(page([item()]), info(true))!;
    expect(demo).toContain('DEMO — simulated agents and a simulated VirusTotal');
    expect(demo).toContain('<span class="demo-link"');
    expect(demo).not.toContain('https://www.virustotal.com');
  });
});

describe('pageWithFirstScreen', () => {
  it('puts the screen in #root, the boot script first in <head>, the entry script as a modulepreload', () => {
    const html = pageWithFirstScreen(BUILT_INDEX, '<div class="app first-screen">rows</div>')!;
    expect(html).toContain('<div id="root"><div class="app first-screen">rows</div></div>');
    expect(html.indexOf(`<script>${BOOT_SCRIPT}</script>`)).toBe(html.indexOf('<head>') + '<head>'.length);
    expect(html).not.toContain('<script type="module"');
    expect(html).toContain(
      '<link rel="modulepreload" crossorigin href="./assets/index-Cr2IiQ3X.js" fetchpriority="low" data-fimv-app>',
    );
    expect(html).toContain('<link rel="stylesheet" crossorigin href="./assets/index-l9E3nqiy.css">');
  });

  it('gives up (the page goes out as built) when index.html is not as expected', () => {
    expect(pageWithFirstScreen(BUILT_INDEX.replace('<div id="root"></div>', ''), 'x')).toBeNull();
    const twice = BUILT_INDEX.replace(
      '</head>',
      '<script type="module" crossorigin src="./assets/b-1.js"></script></head>',
    );
    expect(pageWithFirstScreen(twice, 'x')).toBeNull();
    const none = BUILT_INDEX.replace(/<script type="module"[^>]*><\/script>/, '');
    expect(pageWithFirstScreen(none, 'x')).toBeNull();
  });

  it('names the boot script in the CSP by its hash', () => {
    const hash = createHash('sha256').update(BOOT_SCRIPT).digest('base64');
    expect(BOOT_SCRIPT_SOURCE).toBe(`'sha256-${hash}'`);
  });
});

/** The boot script run against a fake page: what it sets, what it asks for, and when it starts the app's script. */
function boot(hash: string, opts: { theme?: string | null; selection?: string } = {}) {
  const dataset: Record<string, string> = {};
  const appended: { type: string; src: string; crossOrigin: string }[] = [];
  const listeners: Record<string, ((event?: unknown) => void)[]> = {};
  const location = { hash };
  let screenInPage = true;
  const frames: (() => void)[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const fetched: { url: string; init: RequestInit }[] = [];
  const window = {
    __fimvEarly: undefined as Record<string, unknown> | undefined,
    addEventListener: (type: string, fn: () => void) => (listeners[`window:${type}`] ??= []).push(fn),
    getSelection: () => ({ toString: () => opts.selection ?? '' }),
  };
  const document = {
    documentElement: { dataset },
    head: { appendChild: (el: never) => appended.push(el) },
    querySelector: (sel: string) =>
      sel === 'link[data-fimv-app]'
        ? { href: 'http://127.0.0.1/assets/index-A.js' }
        : sel === '#root > .first-screen' && screenInPage
          ? {}
          : null,
    createElement: () => ({ type: '', src: '', crossOrigin: 'unset' }),
    addEventListener: (type: string, fn: () => void) => (listeners[type] ??= []).push(fn),
  };
  vm.runInNewContext(BOOT_SCRIPT, {
    document,
    window,
    location,
    localStorage: {
      getItem: (key: string) => {
        if (opts.theme === undefined) throw new Error('storage off');
        return key === 'fimv:theme' ? opts.theme : null;
      },
    },
    fetch: (url: string, init: RequestInit) => {
      fetched.push({ url, init });
      return `answer of ${url}`;
    },
    requestAnimationFrame: (fn: () => void) => frames.push(fn),
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
  });
  return {
    dataset,
    appended,
    fetched,
    early: window.__fimvEarly,
    domContentLoaded: () => listeners.DOMContentLoaded?.forEach((fn) => fn()),
    frame: () => frames.splice(0).forEach((fn) => fn()),
    timers: (maxMs: number) => timers.filter((t) => t.ms <= maxMs).forEach((t) => t.fn()),
    location,
    /** the browser's click or keydown on `target` (a fake element: what closest() finds for each selector) */
    dispatch: (type: 'click' | 'keydown', event: Partial<FakeEvent>) =>
      listeners[type]?.forEach((fn) => fn({ button: 0, defaultPrevented: false, ...event })),
    /** the address changes (a link, Back, the script itself), as the browser says it afterwards */
    hashChange: (next: string) => {
      location.hash = next;
      listeners['window:hashchange']?.forEach((fn) => fn());
    },
    /** React has replaced the server's screen */
    appMounted: () => (screenInPage = false),
  };
}

interface FakeEvent {
  target: unknown;
  button: number;
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  defaultPrevented: boolean;
}

/** A server row (or a cell in it, or a link in it) as closest() sees it. */
function rowTarget(hash: string, inside: 'row' | 'cell' | 'link' | 'button' = 'cell', onScreen = true) {
  const row = { getAttribute: (name: string) => (name === 'data-hash' ? hash : null) };
  const target = {
    closest: (sel: string) => {
      if (sel === '.first-screen tr[data-hash]') return onScreen ? row : null;
      if (sel === 'a,button') return inside === 'link' || inside === 'button' ? {} : null;
      return null;
    },
  };
  return { row, target: inside === 'row' ? Object.assign(row, { closest: target.closest }) : target };
}

describe('BOOT_SCRIPT', () => {
  it('hides the Live first screen under every other view’s address, as the app routes them', () => {
    // the app's own parser decides (shared/hashRoute.ts, what renderer/src/hooks/useRoute.ts routes by)
    const hashes = [
      '',
      '#',
      '#/',
      '#/live',
      '#/file/',
      '#/filesX',
      '#/nowhere',
      '#/files',
      '#/files?state=malicious',
      `#/file/${SHA}`,
      '#/lookup',
      '#/history',
      '#/settings',
      '#/settings/virustotal',
      '#settings',
      '#/lookup?x=1',
    ];
    for (const hash of hashes) {
      const live = parseRoute(hash).view === 'live';
      expect(boot(hash).dataset.firstScreen, hash).toBe(live ? undefined : 'off');
    }
  });

  it('applies the theme pinned in Settings, and nothing else from storage or when storage is off', () => {
    expect(boot('', { theme: 'dark' }).dataset.theme).toBe('dark');
    expect(boot('', { theme: 'light' }).dataset.theme).toBe('light');
    expect(boot('', { theme: 'system' }).dataset.theme).toBeUndefined();
    expect(boot('', { theme: '"><script>' }).dataset.theme).toBeUndefined();
    expect(boot('').dataset.theme).toBeUndefined();
  });

  it('under Live, sends the app’s two first requests at once, from this origin, for the app to take', () => {
    const page = boot('#/live');
    expect(page.fetched.map((f) => f.url)).toEqual([...EARLY_REQUESTS]);
    for (const { init } of page.fetched) {
      expect(init).toEqual({ credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' });
    }
    expect(page.early).toEqual(Object.fromEntries(EARLY_REQUESTS.map((url) => [url, `answer of ${url}`])));
    const other = boot('#/settings');
    expect(other.fetched).toEqual([]);
    expect(other.early).toBeUndefined();
  });

  it('starts the app once, after the first frame of the whole page', () => {
    const page = boot('#/live');
    page.frame();
    page.timers(0);
    expect(page.appended).toHaveLength(0); // not before the page is read
    page.domContentLoaded();
    page.timers(0);
    expect(page.appended).toHaveLength(0); // not before its frame
    page.frame();
    page.timers(0);
    page.timers(1000);
    expect(page.appended).toEqual([{ type: 'module', src: 'http://127.0.0.1/assets/index-A.js', crossOrigin: '' }]);
  });

  it('until the app runs, a plain click on a server row opens its file, as the app’s rows do', () => {
    const page = boot('#/live');
    page.dispatch('click', { target: rowTarget(SHA).target });
    expect(page.location.hash).toBe(`#/file/${SHA}`);
    // a hash with characters that mean something in an address stays one segment, as the app writes it
    const odd = boot('');
    odd.dispatch('click', { target: rowTarget('a/b?c#d').target });
    expect(odd.location.hash).toBe(`#/file/${encodeURIComponent('a/b?c#d')}`);
    expect(parseRoute(odd.location.hash)).toEqual({ view: 'file', hash: 'a/b?c#d' });
  });

  it('leaves alone a click on a link or a button, with a modifier, not the main button, or while selecting text', () => {
    const cases: [string, Partial<FakeEvent>, { selection?: string }?][] = [
      ['link', { target: rowTarget(SHA, 'link').target }],
      ['button', { target: rowTarget(SHA, 'button').target }],
      ['shift', { target: rowTarget(SHA).target, shiftKey: true }],
      ['ctrl', { target: rowTarget(SHA).target, ctrlKey: true }],
      ['meta', { target: rowTarget(SHA).target, metaKey: true }],
      ['middle button', { target: rowTarget(SHA).target, button: 1 }],
      ['handled already', { target: rowTarget(SHA).target, defaultPrevented: true }],
      ['not a server row (the app’s own)', { target: rowTarget(SHA, 'cell', false).target }],
      ['no element', { target: null }],
      ['selecting text', { target: rowTarget(SHA).target }, { selection: 'shell.php' }],
    ];
    for (const [what, event, opts] of cases) {
      const page = boot('#/live', opts);
      page.dispatch('click', event);
      expect(page.location.hash, what).toBe('#/live');
    }
  });

  it('opens the focused row’s file on Enter, and nothing on another key or from inside the row', () => {
    const { row } = rowTarget(SHA, 'row');
    const page = boot('#/live');
    page.dispatch('keydown', { target: row, key: ' ' });
    page.dispatch('keydown', { target: rowTarget(SHA, 'cell').target, key: 'Enter' });
    expect(page.location.hash).toBe('#/live');
    page.dispatch('keydown', { target: row, key: 'Enter' });
    expect(page.location.hash).toBe(`#/file/${SHA}`);
  });

  it('an address that leaves Live hides the server’s rows and starts the app at once; after the app, nothing', () => {
    const page = boot('#/live');
    page.hashChange('#/live?x'); // still Live
    expect(page.dataset.firstScreen).toBeUndefined();
    expect(page.appended).toHaveLength(0);
    page.hashChange(`#/file/${SHA}`);
    expect(page.dataset.firstScreen).toBe('off');
    expect(page.appended).toHaveLength(1);
    page.hashChange('#/files');
    expect(page.appended).toHaveLength(1); // once

    const later = boot('#/live');
    later.appMounted();
    later.hashChange('#/settings');
    expect(later.dataset.firstScreen).toBeUndefined(); // the app routes from here on
    later.dispatch('click', { target: rowTarget(SHA, 'cell', false).target });
    expect(later.location.hash).toBe('#/settings');
  });

  it('starts the app at once under another view, and after 1 s in a tab that paints nothing', () => {
    const other = boot('#/settings');
    other.domContentLoaded();
    expect(other.appended).toHaveLength(1);
    const hidden = boot('#/live');
    hidden.domContentLoaded();
    hidden.timers(999);
    expect(hidden.appended).toHaveLength(0);
    hidden.timers(1000);
    expect(hidden.appended).toHaveLength(1);
  });
});
