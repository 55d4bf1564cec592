// What the webhook sends: one event (a file turned malicious; a triage change), as FIM Verdict's own JSON body or as
// a Slack incoming-webhook message. The texts in it come from alerts and remote answers: in the JSON every control
// character is a \u escape (a receiver's log cannot be reordered by a right-to-left override), in Slack's text they
// are written visibly and &, <, > are escaped (Slack's own rule), so a path cannot make a link or a mention. Pure.
import { countsSentence, STATE_LABELS } from '../../../../shared/verdictWords';
import { escapeControls, escapeControlsInJson } from '../../../../shared/visibleText';
import type { VerdictState } from '../../../../shared/domain';
import type { WebhookFormat } from '../../../../shared/settings';

/** The event as stored with its delivery (the public body of the `json` format, documented in docs/API.md). */
export interface WebhookEvent {
  /** 'file.malicious' today; 'file.triage' once triage feeds it */
  event: 'file.malicious' | 'file.triage';
  /** when it happened (ISO, UTC) */
  at: string;
  file: {
    sha256: string | null;
    sha1: string | null;
    md5: string | null;
    /** the path it was last seen at, as the alert wrote it */
    path: string | null;
  };
  verdict: {
    state: VerdictState;
    previousState: VerdictState | null;
    /** engines that say malicious, and suspicious (null when the answer did not count them) */
    malicious: number | null;
    suspicious: number | null;
    /** engines that gave a verdict */
    engines: number | null;
    threatLabel: string | null;
    permalink: string | null;
    /** 'virustotal', or 'wazuh' for an answer imported from Wazuh's own integration */
    origin: string | null;
    checkedAt: string | null;
  };
  /** a triage change: the new state, who and why (set by triage) */
  triage?: { state: string; previousState: string | null; note: string | null; by: string | null };
}

export interface WebhookBody {
  body: string;
  contentType: string;
}

/** The body of one delivery; `deliveryId` lets a receiver drop a repeat (a retry after a lost answer). */
export function webhookBody(event: WebhookEvent, deliveryId: number, format: WebhookFormat): WebhookBody {
  if (format === 'slack') return { body: JSON.stringify(slackMessage(event)), contentType: 'application/json' };
  const body = { id: `fim-verdict-${deliveryId}`, source: 'FIM Verdict', ...event };
  return { body: escapeControlsInJson(JSON.stringify(body)), contentType: 'application/json' };
}

/** Slack's escaping for message text (&, <, >), after control characters are made visible. */
export function slackText(text: string): string {
  return escapeControls(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const PERMALINK = /^https:\/\/www\.virustotal\.com\/gui\/file\/[0-9a-f]{64}$/;

function slackMessage(e: WebhookEvent): { text: string; unfurl_links: false; unfurl_media: false } {
  const hash = e.file.sha256 ?? e.file.sha1 ?? e.file.md5 ?? 'unknown hash';
  const v = e.verdict;
  const what =
    e.event === 'file.triage' && e.triage
      ? `Triage: ${slackText(e.triage.state)}${e.triage.by ? ` by ${slackText(e.triage.by)}` : ''}`
      : `Malicious file`;
  const counts =
    v.malicious !== null && v.engines !== null
      ? countsSentence(v.malicious, v.suspicious ?? 0, v.engines)
      : STATE_LABELS[v.state];
  const lines = [
    `:rotating_light: *${what}*: ${e.file.path ? slackText(e.file.path) : hash}`,
    `${counts}${v.threatLabel ? ` · ${slackText(v.threatLabel)}` : ''}${v.origin === 'wazuh' ? ' · from Wazuh' : ''}`,
    `SHA-256: ${e.file.sha256 ?? 'not known yet'}`,
  ];
  if (e.triage?.note) lines.push(`Note: ${slackText(e.triage.note)}`);
  // only VirusTotal's own report page is linked (the permalink is built by the app, checked again here)
  if (v.permalink && PERMALINK.test(v.permalink)) lines.push(`<${v.permalink}|VirusTotal report>`);
  return { text: lines.join('\n'), unfurl_links: false, unfurl_media: false };
}
