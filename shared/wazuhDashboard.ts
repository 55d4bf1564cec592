// Links into the analyst's Wazuh dashboard (4.x, OpenSearch Dashboards 2): an alert or a file's hashes opened in
// Threat Hunting's events and in Discover, with a KQL query and a time range in the URL state (rison, as the
// dashboard writes it: `_a`/`_q` the query, `_g` the time). Threat Hunting:
//   <base>/app/threat-hunting#/overview/?tab=general&tabView=events&_a=(filters:!(),query:(language:kuery,query:'id:"…"'))&_g=(…)
// Discover (data-explorer, the wazuh-alerts-* index pattern Wazuh installs):
//   <base>/app/data-explorer/discover#?_a=(discover:(…),metadata:(indexPattern:'wazuh-alerts-*',view:discover))&_g=(…)&_q=(…)
// Everything from an alert is untrusted: each value is a KQL string (quotes and backslashes escaped), inside a rison
// string (! and ' escaped), URL-encoded. Pure.

const INDEX_PATTERN = 'wazuh-alerts-*';
const HOUR = 3_600_000;

export interface WazuhLinks {
  threatHunting: string;
  discover: string;
}

/** A value as a quoted KQL string. */
export function kqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A string as rison writes it: in single quotes, ! and ' escaped with ! */
export function risonString(value: string): string {
  return `'${value.replace(/[!']/g, (c) => `!${c}`)}'`;
}

/** The dashboard's base URL without a final slash, or null when it is not an http(s) URL. */
export function dashboardBase(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password) return null;
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

function linksFor(base: string, kql: string, from: string, to: string): WazuhLinks {
  const query = `(filters:!(),query:(language:kuery,query:${risonString(kql)}))`;
  const time = `(filters:!(),refreshInterval:(pause:!t,value:0),time:(from:${risonString(from)},to:${risonString(to)}))`;
  const enc = encodeURIComponent;
  const discoverA = `(discover:(columns:!(_source),isDirty:!f,sort:!()),metadata:(indexPattern:${risonString(INDEX_PATTERN)},view:discover))`;
  return {
    threatHunting: `${base}/app/threat-hunting#/overview/?tab=general&tabView=events&_a=${enc(query)}&_g=${enc(time)}`,
    discover: `${base}/app/data-explorer/discover#?_a=${enc(discoverA)}&_g=${enc(time)}&_q=${enc(query)}`,
  };
}

/** One alert, by its id (Wazuh's `id` field), an hour either side of its time. */
export function alertLinks(
  dashboardUrl: string | null,
  alert: { alertId: string; epochMs: number },
): WazuhLinks | null {
  const base = dashboardBase(dashboardUrl);
  if (!base || !Number.isFinite(alert.epochMs)) return null;
  const from = new Date(alert.epochMs - HOUR).toISOString();
  const to = new Date(alert.epochMs + HOUR).toISOString();
  return linksFor(base, `id:${kqlString(alert.alertId)}`, from, to);
}

/** Every alert of a file, by any of its hashes (syscheck.*_after), from a day before it was first seen. */
export function hashLinks(
  dashboardUrl: string | null,
  hashes: { sha256: string | null; sha1: string | null; md5: string | null },
  firstSeenMs: number | null,
): WazuhLinks | null {
  const base = dashboardBase(dashboardUrl);
  const parts = (['sha256', 'sha1', 'md5'] as const)
    .filter((k) => hashes[k])
    .map((k) => `syscheck.${k}_after:${kqlString(hashes[k]!)}`);
  if (!base || parts.length === 0) return null;
  const from = firstSeenMs === null ? 'now-1y' : new Date(firstSeenMs - 24 * HOUR).toISOString();
  return linksFor(base, parts.join(' or '), from, 'now');
}
