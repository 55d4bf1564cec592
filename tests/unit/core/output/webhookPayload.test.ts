// The webhook's bodies and URL rules: what comes from an alert (a path) or a remote answer (a threat label) cannot
// reorder a receiver's text, make a Slack link or mention, or leave the credentials of a URL in it.
import { describe, expect, it } from 'vitest';
import { slackText, webhookBody, type WebhookEvent } from '../../../../electron/core/output/webhook/payload';
import { splitCredentials } from '../../../../electron/core/output/webhook/request';
import { webhookUrlProblem } from '../../../../shared/settings';

const SHA = 'c'.repeat(64);
const event = (over: Partial<WebhookEvent['file']> = {}, label: string | null = 'trojan.agent'): WebhookEvent => ({
  event: 'file.malicious',
  at: '2026-12-04T10:00:00.000Z',
  file: { sha256: SHA, sha1: null, md5: null, path: '/tmp/evil', ...over },
  verdict: {
    state: 'malicious',
    previousState: 'pending',
    malicious: 8,
    suspicious: 1,
    engines: 71,
    threatLabel: label,
    permalink: `https://www.virustotal.com/gui/file/${SHA}`,
    origin: 'virustotal',
    checkedAt: '2026-12-04T10:00:00.000Z',
  },
});

describe('webhook bodies', () => {
  it('json: the event with its delivery id, every control character as a \\u escape', () => {
    const { body, contentType } = webhookBody(event({ path: '/tmp/evil\u202Etxt.exe\nx' }), 7, 'json');
    expect(contentType).toBe('application/json');
    expect(body).not.toMatch(/[\u202e\n]/);
    const parsed = JSON.parse(body) as { id: string; file: { path: string } };
    expect(parsed.id).toBe('fim-verdict-7');
    expect(parsed.file.path).toBe('/tmp/evil\u202Etxt.exe\nx'); // the exact value for a JSON reader
  });

  it('slack: a path cannot make a link, a mention or a second line; only the VirusTotal permalink is linked', () => {
    const hostile = '/tmp/<https://evil.example|click me> <!channel> & \u202Eexe.txt\nfake line';
    const { body } = webhookBody(event({ path: hostile }, '<@U123> label'), 1, 'slack');
    const { text } = JSON.parse(body) as { text: string };
    expect(text).toContain(
      '&lt;https://evil.example|click me&gt; &lt;!channel&gt; &amp; \\u202Eexe.txt\\u000Afake line',
    );
    expect(text).toContain('&lt;@U123&gt; label');
    expect(text.match(/</g)).toHaveLength(1); // the one link: VirusTotal's report
    expect(text).toContain(`<https://www.virustotal.com/gui/file/${SHA}|VirusTotal report>`);
    expect(text).toContain('8 malicious, 1 suspicious of 71 engines');
    expect(text.split('\n')).toHaveLength(4);
    const forged = event();
    forged.verdict.permalink = 'https://evil.example/x';
    expect(JSON.parse(webhookBody(forged, 1, 'slack').body).text).not.toContain('evil.example');
  });

  it('slackText escapes &, <, > after making control characters visible', () => {
    expect(slackText('a<b>&c\u0007')).toBe('a&lt;b&gt;&amp;c\\u0007');
  });
});

describe('webhook URL', () => {
  it('refuses what is not a destination to post to', () => {
    expect(webhookUrlProblem('https://hooks.slack.com/services/T0/B0/xyz')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook')).toBeNull();
    expect(webhookUrlProblem('https://user:pass@hooks.example.com/h')).toBeNull();
    expect(webhookUrlProblem('http://user:pass@hooks.example.com/h')).toMatch(/refused over http/);
    expect(webhookUrlProblem('file:///etc/passwd')).toMatch(/only http/);
    expect(webhookUrlProblem('javascript:alert(1)')).toMatch(/only http/);
    expect(webhookUrlProblem('hooks.example.com/h')).toMatch(/not a URL/);
    expect(webhookUrlProblem('https://hooks.example.com/a b')).toMatch(/spaces/);
    expect(webhookUrlProblem('https://hooks.example.com/\u202Eh')).toMatch(/control characters/);
    expect(webhookUrlProblem(`https://hooks.example.com/${'a'.repeat(3000)}`)).toMatch(/at most/);
  });

  it('sends credentials as a Basic header, never in the URL', () => {
    expect(splitCredentials('https://bob:p%40ss@hooks.example.com/h?x=1')).toEqual({
      url: 'https://hooks.example.com/h?x=1',
      authorization: `Basic ${Buffer.from('bob:p@ss').toString('base64')}`,
    });
    expect(splitCredentials('https://hooks.example.com/h')).toEqual({
      url: 'https://hooks.example.com/h',
      authorization: null,
    });
  });
});
