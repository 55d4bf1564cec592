// Links into the Wazuh dashboard: the URL forms of Threat Hunting and Discover, and values from an alert that
// cannot break out of the KQL string, the rison string or the URL.
import { describe, expect, it } from 'vitest';
import { alertLinks, dashboardBase, hashLinks, kqlString, risonString } from '../../../shared/wazuhDashboard';

const state = (url: string) => new URLSearchParams(new URL(url).hash.split('?')[1]);

describe('Wazuh dashboard links', () => {
  it('opens an alert by its id in Threat Hunting and Discover, an hour either side of it', () => {
    const at = Date.UTC(2026, 0, 2, 10, 0, 0);
    const links = alertLinks('https://wazuh.example.com/', { alertId: '1767348000.12345', epochMs: at })!;
    expect(
      links.threatHunting.startsWith(
        'https://wazuh.example.com/app/threat-hunting#/overview/?tab=general&tabView=events&_a=',
      ),
    ).toBe(true);
    expect(state(links.threatHunting).get('_a')).toBe(
      `(filters:!(),query:(language:kuery,query:'id:"1767348000.12345"'))`,
    );
    expect(state(links.threatHunting).get('_g')).toBe(
      "(filters:!(),refreshInterval:(pause:!t,value:0),time:(from:'2026-01-02T09:00:00.000Z',to:'2026-01-02T11:00:00.000Z'))",
    );
    expect(links.discover.startsWith('https://wazuh.example.com/app/data-explorer/discover#?_a=')).toBe(true);
    expect(state(links.discover).get('_a')).toBe(
      "(discover:(columns:!(_source),isDirty:!f,sort:!()),metadata:(indexPattern:'wazuh-alerts-*',view:discover))",
    );
    expect(state(links.discover).get('_q')).toBe(state(links.threatHunting).get('_a'));
  });

  it('finds a file by every hash it has, from a day before it was first seen', () => {
    const links = hashLinks(
      'https://wazuh.example.com/base',
      { sha256: 'a'.repeat(64), sha1: null, md5: 'b'.repeat(32) },
      Date.UTC(2026, 0, 2),
    )!;
    expect(new URL(links.threatHunting).pathname).toBe('/base/app/threat-hunting');
    expect(state(links.threatHunting).get('_a')).toContain(
      `query:'syscheck.sha256_after:"${'a'.repeat(64)}" or syscheck.md5_after:"${'b'.repeat(32)}"'`,
    );
    expect(state(links.threatHunting).get('_g')).toContain("time:(from:'2026-01-01T00:00:00.000Z',to:'now')");
    expect(hashLinks('https://w.example', { sha256: null, sha1: null, md5: null }, null)).toBeNull();
  });

  it('keeps hostile alert ids inside their strings', () => {
    const id = `1.2" or agent.id:* '!) &_g=(x)#\u202E`;
    const links = alertLinks('https://wazuh.example.com', { alertId: id, epochMs: 0 })!;
    expect(kqlString(id)).toBe(`"1.2\\" or agent.id:* '!) &_g=(x)#\u202E"`);
    expect(state(links.threatHunting).get('_a')).toBe(
      `(filters:!(),query:(language:kuery,query:${risonString(`id:${kqlString(id)}`)}))`,
    );
    expect(risonString("it's!")).toBe("'it!'s!!'");
    // one fragment, the parameters it was given and no other
    expect([...state(links.threatHunting).keys()]).toEqual(['tab', 'tabView', '_a', '_g']);
  });

  it('makes no link without a dashboard, or to anything but http(s) without credentials', () => {
    for (const bad of [
      null,
      '',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@w.example',
      'not a url',
    ]) {
      expect(dashboardBase(bad)).toBeNull();
      expect(alertLinks(bad, { alertId: '1.1', epochMs: 0 })).toBeNull();
    }
    expect(dashboardBase('http://10.0.0.5:5601/')).toBe('http://10.0.0.5:5601');
  });
});
