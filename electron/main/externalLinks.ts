// The one place that opens a link in the user's browser. Only VirusTotal's GUI pages qualify:
// https, host exactly www.virustotal.com, default port, no credentials, path under /gui/. The URL is parsed with
// new URL (never matched by substring) and re-serialised, so what the browser receives is what was checked.
import { shell } from 'electron';

const HOST = 'www.virustotal.com';

export type LinkCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(raw: unknown): LinkCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'not a string' };
  if (raw.length > 2048) return { ok: false, reason: 'too long' };
  // WHATWG parsing turns a backslash into "/" and drops tabs and newlines: refuse such input rather than guess
  for (const ch of raw) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || /\s/.test(ch) || code < 0x20 || code === 0x7f) {
      return { ok: false, reason: 'backslash, space or control character' };
    }
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `protocol ${url.protocol} is not https:` };
  if (url.hostname !== HOST) return { ok: false, reason: `host ${url.hostname} is not ${HOST}` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials in the URL' };
  if (url.port !== '') return { ok: false, reason: `port ${url.port}` };
  if (!url.pathname.startsWith('/gui/')) return { ok: false, reason: `path ${url.pathname} is not under /gui/` };
  return { ok: true, url: url.href };
}

/** Opens a VirusTotal page in the default browser; anything else is refused and logged. */
export function safeOpenExternal(raw: unknown, context = 'link'): boolean {
  const check = checkExternalUrl(raw);
  if (!check.ok) {
    const shown = typeof raw === 'string' ? JSON.stringify(raw.slice(0, 200)) : typeof raw;
    console.warn(`[links] refused to open ${shown} (${context}): ${check.reason}`);
    return false;
  }
  shell.openExternal(check.url).catch((error: unknown) => {
    console.warn(`[links] the browser did not open ${check.url}: ${String(error)}`);
  });
  return true;
}
