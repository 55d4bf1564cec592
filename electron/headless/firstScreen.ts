// The Live view's first screen, written by the server into the page it sends a signed-in browser: the first rows
// are on screen as soon as the HTML and the stylesheet are in, instead of after the app's script has loaded, run
// and asked for them (about half a second on a laptop, most of it the script). The markup is the one the renderer
// draws in its first frame (renderer/src/App.tsx, views/live/*): same elements, classes and words, so that nothing
// moves when React takes over (createRoot replaces it at its first commit, which waits for the same first page:
// renderer/src/main.tsx). A Playwright spec (tests/e2e/firstScreen.spec.ts) holds the two to each other: same
// cells, same places.
//
// Everything from an alert is text: escaped for HTML, with control characters shown as the renderer shows them
// (shared/visibleText.ts). No inline style (the page's CSP has no 'unsafe-inline'); one inline script, fixed, named
// in the page's CSP by its hash (BOOT_SCRIPT: the theme, no Live screen under another view's address, the app's
// first requests sent early, the app's start after the first frame).
import { createHash } from 'node:crypto';
import type { AlertItem, ApiOutput } from '../../shared/contract';
import { VERDICT_STATES } from '../../shared/domain';
import {
  DEMO_BANNER,
  DEMO_LINK_TITLE,
  EVENT_LABELS,
  LOADING_TILE_LABELS,
  UNKNOWN_EVENT_TITLE,
} from '../../shared/liveWords';
import { capitalise, formatUtc, formatsIn } from '../../shared/format';
import { EARLY_REQUESTS } from '../../shared/earlyRequests';
import { bestHash, shortHash } from '../../shared/hashes';
import { controlCount, controlsName, escapeControls, splitControls } from '../../shared/visibleText';
import { RATIO_MEANING, STATE_LABELS, stateLabel, verdictRatio, verdictTitle } from '../../shared/verdictWords';
import { escapeHtml } from './http';

/** Rows written: more than a tall screen shows (36 px each); the renderer draws the rest as it scrolls. */
export const FIRST_SCREEN_ROWS = 40;

/**
 * The alert text the screen writes at most, in characters, a control character counting as the escape it becomes
 * (`\u007F`). Forty rows of ordinary paths are ~10k. Past it the page goes without rows and the app draws them:
 * whoever can name files in a watched folder could otherwise make every reload of the analyst's page cost the
 * server megabytes of markup (forty paths of 4,096 DELs: 9.7 MB and half a second of its thread, when each control
 * character was an element of its own; 2 MB now).
 */
export const FIRST_SCREEN_TEXT_BUDGET = 64 * 1024;
const CONTROL_COST = 6;

type AlertsPage = ApiOutput<'listAlerts'>;
type AppInfo = ApiOutput<'getInfo'>;

/** What every part of the screen is written with: the time now, the demo or not, the browser's locale's formats. */
interface Screen {
  now: number;
  demo: boolean;
  format: ReturnType<typeof formatsIn>;
}

const COLUMNS = ['Time', 'Agent', 'Event', 'Path', 'Hash', 'Verdict', 'VirusTotal'] as const;
const NAV: [string, string][] = [
  ['Live', '#/live'],
  ['Files', '#/files'],
  ['Look up', '#/lookup'],
  ['History', '#/history'],
  ['Settings', '#/settings'],
];

/**
 * Runs first in <head>, before anything else is read: the theme pinned in Settings (as
 * renderer/src/hooks/useTheme.ts applies it); `data-first-screen="off"` under an address of another view (the Live
 * rows would show there until the app draws that view; shared/hashRoute.ts: anything else is Live); under Live,
 * the two requests the app makes first (its first page of alerts and its info) sent at once, for the app to take
 * (renderer/src/api/httpTransport.ts, window.__fimvEarly), instead of after its script has loaded and run; and the
 * app's script started after the first frame of the whole page. The page names that script in a modulepreload link
 * marked data-fimv-app (pageWithFirstScreen): the browser fetches and compiles it meanwhile, but a module script
 * that arrived before the first paint would run first and hold the paint back by its whole start (150-300 ms on a
 * laptop). A hidden tab paints nothing (no frame): the app starts after a second anyway.
 *
 * Until the app runs, the server's rows answer as the app's do (views/live/AlertsTable.tsx): a plain click on a row
 * (not on its links, not while selecting text) or Enter on the focused row opens the row's file, and an address
 * that leaves Live (that, a link, Back) hides the rows and starts the app at once, which then draws that view.
 */
export const BOOT_SCRIPT =
  "(function(){var d=document.documentElement;try{var t=localStorage.getItem('fimv:theme');" +
  "if(t==='dark'||t==='light')d.dataset.theme=t}catch(e){}" +
  'function isLive(h){return!/^#\\/?(?:(?:files|lookup|history|settings)(?:[\\/?]|$)|file\\/[^\\/?])/.test(h)}' +
  'var live=isLive(location.hash);' +
  "if(!live)d.dataset.firstScreen='off';" +
  `else{var E=window.__fimvEarly={};${JSON.stringify(EARLY_REQUESTS)}.forEach(function(u){` +
  "E[u]=fetch(u,{credentials:'same-origin',headers:{Accept:'application/json'},cache:'no-store'})})}" +
  'var started=false;function start(){if(started)return;started=true;' +
  "var l=document.querySelector('link[data-fimv-app]');if(!l)return;var s=document.createElement('script');" +
  "s.type='module';s.crossOrigin='';s.src=l.href;document.head.appendChild(s)}" +
  "document.addEventListener('DOMContentLoaded',function(){if(!live)start();" +
  'else requestAnimationFrame(function(){setTimeout(start,0)})});setTimeout(start,1000);' +
  // the server's rows, until the app replaces them
  "function screenRow(e){var t=e.target;var r=t&&t.closest&&t.closest('.first-screen tr[data-hash]');" +
  "return r&&!t.closest('a,button')?r:null}" +
  "function openFile(r){location.hash='#/file/'+encodeURIComponent(r.getAttribute('data-hash'))}" +
  "document.addEventListener('click',function(e){if(e.defaultPrevented||e.button!==0||e.shiftKey||e.ctrlKey||e.metaKey)return;" +
  'var r=screenRow(e);if(!r)return;var s=window.getSelection&&window.getSelection();if(s&&String(s))return;openFile(r)});' +
  "document.addEventListener('keydown',function(e){if(e.key!=='Enter'||e.defaultPrevented)return;" +
  'var r=screenRow(e);if(r&&r===e.target)openFile(r)});' +
  "window.addEventListener('hashchange',function(){if(isLive(location.hash)||!document.querySelector('#root > .first-screen'))return;" +
  "d.dataset.firstScreen='off';start()})})();";
export const BOOT_SCRIPT_SOURCE = `'sha256-${createHash('sha256').update(BOOT_SCRIPT).digest('base64')}'`;

// text and attribute values (always quoted) go through escapeHtml: & < > " ' as numeric references
const esc = escapeHtml;

/** An alert's text, control characters as visible escapes in their own style (components/VisibleText.tsx). */
function visibleText(text: string | null | undefined): string {
  if (!text) return '';
  return splitControls(text)
    .map((part) =>
      part.control === null
        ? esc(part.text)
        : `<span class="ctl" title="${esc(controlsName(part.control))}">${esc(part.text)}</span>`,
    )
    .join('');
}
const visibleAttr = (text: string | null | undefined): string => esc(text ? escapeControls(text) : '');

function timeCell(ms: number, at: Screen): string {
  if (!Number.isFinite(ms)) return '<span class="muted">–</span>';
  return `<time datetime="${new Date(ms).toISOString()}" title="${esc(formatUtc(ms))}">${esc(at.format.local(ms, at.now))}</time>`;
}

function pathCell(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
  return (
    `<span class="path" title="${visibleAttr(path)}"><span class="path__dir">${visibleText(path.slice(0, cut))}</span>` +
    `<span class="path__name">${visibleText(path.slice(cut))}</span></span>`
  );
}

function verdictCell(verdict: AlertItem['verdict']): string {
  const ratio = verdictRatio(verdict);
  return (
    `<span class="badge badge--${esc(verdict.state)}" title="${esc(verdictTitle(verdict))}">` +
    (verdict.state === 'pending' ? '<span class="badge__spinner" aria-hidden="true"></span>' : '') +
    (ratio && verdict.state !== 'pending' ? `<span class="badge__ratio">${esc(ratio)}</span>` : '') +
    `<span class="badge__label">${esc(stateLabel(verdict.state, verdict.origin))}</span></span>`
  );
}

/** VirusTotal's page of the file: only an https link is ever written (components/VtLink.tsx otherwise). */
function virusTotalCell(verdict: AlertItem['verdict'], short: string, demo: boolean): string {
  if (!verdict.permalink) return '<span class="muted">–</span>';
  if (demo) return `<span class="demo-link" title="${esc(DEMO_LINK_TITLE)}">demo: no page</span>`;
  if (!/^https:\/\//i.test(verdict.permalink)) return '<span class="muted">–</span>';
  return (
    `<a href="${esc(verdict.permalink)}" target="_blank" rel="noreferrer" tabindex="-1" ` +
    `aria-label="Open ${esc(short)} on VirusTotal"><span class="vt-word">VirusTotal </span>` +
    '<span aria-hidden="true">↗</span></a>'
  );
}

const agentOf = (row: AlertItem): string => row.agent.name ?? row.agent.id ?? '–';
const agentTitleOf = (row: AlertItem): string => (row.agent.ip ? `${agentOf(row)} (${row.agent.ip})` : agentOf(row));

/** What a row's alert text costs the screen (FIRST_SCREEN_TEXT_BUDGET): each text as many times as it is written. */
function rowTextCost(row: AlertItem): number {
  const cost = (text: string | null | undefined) => (text ? text.length + CONTROL_COST * controlCount(text) : 0);
  return (
    2 * cost(row.path) +
    cost(agentOf(row)) +
    cost(agentTitleOf(row)) +
    cost(row.alertId) +
    cost(row.event) +
    cost(bestHash(row)) +
    cost(row.verdict.permalink)
  );
}

function rowHtml(row: AlertItem, index: number, at: Screen): string {
  const hash = bestHash(row);
  const short = shortHash(hash);
  const agent = agentOf(row);
  const agentTitle = agentTitleOf(row);
  const event = EVENT_LABELS[row.event] ?? row.event;
  return (
    `<tr class="alert-row alert-row--${esc(row.verdict.state)}" data-index="${index}" data-id="${row.id}" ` +
    `data-alert-id="${esc(row.alertId)}"${hash ? ` data-hash="${esc(hash)}"` : ''} aria-rowindex="${index + 2}" ` +
    `aria-selected="false" tabindex="${index === 0 ? 0 : -1}">` +
    // the first row's paint time, for the benchmark (renderer/src/perf.ts: element timing)
    `<td class="col-time"${index === 0 ? ' elementtiming="first-row"' : ''}>${timeCell(row.epochMs, at)}</td>` +
    `<td class="col-agent" title="${visibleAttr(agentTitle)}">${visibleText(agent)}</td>` +
    `<td class="col-event"><span class="event event--${esc(row.event)}"` +
    `${row.event === 'unknown' ? ` title="${esc(UNKNOWN_EVENT_TITLE)}"` : ''}>${esc(event)}</span></td>` +
    `<td class="col-path">${pathCell(row.path)}</td>` +
    `<td class="col-hash">${
      hash
        ? `<a class="mono" href="#/file/${esc(encodeURIComponent(hash))}" tabindex="-1" title="${esc(hash)}">${esc(short)}</a>`
        : '<span class="muted">no hash</span>'
    }</td>` +
    `<td class="col-verdict">${verdictCell(row.verdict)}</td>` +
    `<td class="col-virustotal">${virusTotalCell(row.verdict, short, at.demo)}</td></tr>`
  );
}

function tiles(): string {
  const tile = (label: string) =>
    `<div class="kpi"><dt class="kpi__label">${esc(label)}</dt><dd class="kpi__value">–</dd></div>`;
  return `<dl class="kpis kpis--loading" aria-label="Today" aria-busy="true">${LOADING_TILE_LABELS.map(tile).join('')}</dl>`;
}

function filters(count: number, at: Screen): string {
  const option = (value: string, label: string) => `<option value="${esc(value)}">${esc(label)}</option>`;
  const select = (label: string, options: string) =>
    `<label class="toolbar__field"><span>${label}</span><select>${options}</select></label>`;
  return (
    '<form class="toolbar" role="search" aria-label="Filter alerts">' +
    '<label class="toolbar__field toolbar__search"><span>Search paths</span>' +
    '<input type="search" placeholder="Part of a path   ( / )" spellcheck="false" autocomplete="off" value=""></label>' +
    select(
      'Verdict',
      option('', 'All verdicts') + VERDICT_STATES.map((s) => option(s, capitalise(STATE_LABELS[s]))).join(''),
    ) +
    select('Agent', option('', 'All agents')) +
    select(
      'Event',
      option('', 'All events') +
        option('added', 'Added') +
        option('modified', 'Modified') +
        option('deleted', 'Deleted') +
        option('unknown', 'From Wazuh’s VirusTotal alert'),
    ) +
    '<span class="export-buttons">' +
    '<button type="button" class="button button--small" aria-label="Export these alerts as CSV">Export CSV</button>' +
    '<button type="button" class="button button--small" aria-label="Export these alerts as JSON">Export JSON</button>' +
    '</span>' +
    `<span class="toolbar__count" aria-live="off">${esc(at.format.count(count))} ${count === 1 ? 'alert' : 'alerts'}</span>` +
    '</form>' +
    '<form class="toolbar live__jump" aria-label="Jump to an alert"><label class="toolbar__field"><span>Jump to</span>' +
    '<input type="text" value="" placeholder="Alert id or date" title="An alert id (1717171717.123456), a day ' +
    '(2026-03-01) or a day and a time (2026-03-01 14:30)" spellcheck="false" autocomplete="off" aria-invalid="false">' +
    '</label><button type="submit" class="button">Go</button></form>'
  );
}

function table(page: AlertsPage, at: Screen): string {
  const cols = COLUMNS.map((name) => `<col class="col-${name.toLowerCase()}">`).join('');
  const heads = COLUMNS.map(
    (name) =>
      `<th scope="col" class="col-${name.toLowerCase()}"${name === 'Verdict' ? ` title="${esc(RATIO_MEANING)}"` : ''}>` +
      `${name}</th>`,
  ).join('');
  const rows = page.items
    .slice(0, FIRST_SCREEN_ROWS)
    .map((row, index) => rowHtml(row, index, at))
    .join('');
  return (
    '<div class="alerts-scroller">' +
    `<table class="alerts" aria-label="FIM alerts" aria-rowcount="${page.total + 1}" aria-multiselectable="true">` +
    `<colgroup>${cols}</colgroup><thead><tr aria-rowindex="1">${heads}</tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

/**
 * The markup inside #root: the app's shell and the Live view as its first frame draws them, with the first page's
 * rows. Null when there is nothing to show first (no alert yet: the renderer's own empty view is what to see), or
 * when the rows' text is over FIRST_SCREEN_TEXT_BUDGET (the app draws them).
 */
export function firstScreenHtml(
  page: AlertsPage,
  info: AppInfo,
  options: { now?: number; locale?: string } = {},
): string | null {
  if (page.items.length === 0 || page.total === 0) return null;
  let textCost = 0;
  for (const row of page.items.slice(0, FIRST_SCREEN_ROWS)) {
    textCost += rowTextCost(row);
    if (textCost > FIRST_SCREEN_TEXT_BUDGET) return null;
  }
  const at: Screen = { now: options.now ?? Date.now(), demo: info.demo, format: formatsIn(options.locale) };
  const nav = NAV.map(
    ([label, href]) =>
      `<a href="${href}" class="appbar__link"${label === 'Live' ? ' aria-current="page"' : ''}>${label}</a>`,
  ).join('');
  return (
    '<div class="app first-screen">' +
    '<a class="skip-link" href="#main">Skip to content</a>' +
    (info.demo ? `<div class="demo-banner" role="note" aria-label="Demo mode">${DEMO_BANNER}</div>` : '') +
    '<header class="appbar"><a class="appbar__brand" href="#/live"><span class="appbar__logo" aria-hidden="true"></span>' +
    `<span class="appbar__name">FIM Verdict</span></a><nav class="appbar__nav" aria-label="Views">${nav}</nav>` +
    '<button type="button" class="button button--ghost">About</button></header>' +
    '<main id="main" tabindex="-1" class="main main--live"><div class="live"><h1 class="visually-hidden">Live alerts</h1>' +
    tiles() +
    `<div class="live__bar">${filters(page.total, at)}</div>` +
    '<div class="table-panel live__table"><span class="visually-hidden" role="status"></span>' +
    table(page, at) +
    '</div></div></main>' +
    '<footer class="statusbar" aria-label="Status">' +
    '<div class="statusbar__group statusbar__sources" role="status" aria-label="Alert sources"><span class="muted">Starting…</span></div>' +
    '<div class="statusbar__group" role="status" aria-label="Reputation sources"></div>' +
    '<div class="statusbar__group" role="status" aria-label="VirusTotal status"></div>' +
    '<div class="statusbar__group statusbar__queue" aria-label="Queue"></div>' +
    '<div class="statusbar__group" role="status" aria-label="Connection"><span class="status-chip status-chip--warn">Connecting…</span></div>' +
    '<button type="button" class="button button--small statusbar__diag">Diagnostics</button></footer>' +
    '</div>'
  );
}

export const ROOT_ELEMENT = '<div id="root"></div>';

/** The app's entry in index.html as Vite writes it: `<script type="module" crossorigin src="./assets/index-….js">`. */
const APP_SCRIPT = /<script type="module" crossorigin src="(\.\/assets\/[A-Za-z0-9_.-]+\.js)"><\/script>/;

/**
 * index.html with the first screen in #root, the boot script, and the app's script turned into a
 * modulepreload that the boot script starts after the first paint; null if index.html is not as expected (no
 * <head> before #root, or not exactly one entry script): the caller sends it as it is.
 */
export function pageWithFirstScreen(indexHtml: string, screen: string): string | null {
  const entries = indexHtml.match(new RegExp(APP_SCRIPT.source, 'g')) ?? [];
  const entry = APP_SCRIPT.exec(indexHtml);
  if (entries.length !== 1 || !entry) return null;
  // fetched at a low priority: the stylesheet first, the first screen's paint needs it
  indexHtml = indexHtml.replace(
    entry[0],
    `<link rel="modulepreload" crossorigin href="${entry[1]}" fetchpriority="low" data-fimv-app>`,
  );
  const head = indexHtml.indexOf('<head>');
  const root = indexHtml.indexOf(ROOT_ELEMENT);
  if (head < 0 || root < 0 || head > root) return null;
  // first in <head>: a script after a stylesheet waits for it, and the parser with it
  const afterHead = head + '<head>'.length;
  return (
    indexHtml.slice(0, afterHead) +
    `<script>${BOOT_SCRIPT}</script>` +
    indexHtml.slice(afterHead, root) +
    `<div id="root">${screen}</div>` +
    indexHtml.slice(root + ROOT_ELEMENT.length)
  );
}
