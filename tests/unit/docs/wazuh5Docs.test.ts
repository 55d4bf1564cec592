// docs/wazuh-5 ships a Wazuh 5 decoder and rules for the events FIM Verdict sends. No Wazuh engine runs here, so
// this checks what can be checked: the files are valid YAML of the documented shapes, and they agree with the
// code (the location the sender uses, one event action per outcome the records carry, each rule matching one of
// them, the integration title the rules name).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { errorRecord } from '../../../electron/core/output/integrationLog';
import { FIM_VERDICT_LOCATION, QUEUE_ID } from '../../../electron/core/output/wazuhQueue';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/wazuh-5');
const load = (f: string) => yaml.load(fs.readFileSync(path.join(DIR, f), 'utf8')) as Record<string, unknown>;
type Block = { check?: string; map?: Record<string, string>[] };

const decoder = load('fim-verdict-decoder.yml');
const integration = JSON.parse(fs.readFileSync(path.join(DIR, 'fim-verdict-integration.json'), 'utf8'));
const ruleFiles = fs.readdirSync(path.join(DIR, 'rules')).filter((f) => f.endsWith('.yml'));
const rules = ruleFiles.map((f) => ({ file: f, rule: load(`rules/${f}`) }));
const blocks = decoder.normalize as Block[];
const actionOf = (b: Block) => b.map?.find((m) => 'event.action' in m)?.['event.action'];

describe('the Wazuh 5 decoder', () => {
  it('is a child of decoder/integrations/0 and takes only FIM Verdict events (location, integration)', () => {
    expect(decoder).toMatchObject({
      name: 'decoder/fim-verdict/0',
      enabled: true,
      parents: ['decoder/integrations/0'],
    });
    expect(decoder.check).toBe(
      `$wazuh.protocol.location == '${FIM_VERDICT_LOCATION}' AND $_tmp_json.integration == 'virustotal'`,
    );
    expect(QUEUE_ID).toBe('1');
  });

  it('one event action per outcome a record can carry', () => {
    const actions = blocks.map((b) => [b.check, actionOf(b)]).filter(([, a]) => a !== undefined);
    expect(actions).toEqual([
      ['int_equal($_tmp_json.virustotal.malicious, 1)', 'file-malicious'],
      [
        'int_equal($_tmp_json.virustotal.found, 1) AND int_equal($_tmp_json.virustotal.malicious, 0)',
        'file-no-positives',
      ],
      ['int_equal($_tmp_json.virustotal.found, 0)', 'file-unknown'],
      ['exists($_tmp_json.virustotal.error)', 'lookup-error'],
    ]);
    // the fields those checks read are the ones the records have (integrationLog.ts)
    expect(Object.keys(errorRecord('timeout', null).virustotal)).toEqual(['error', 'description']);
  });

  it('maps every $_tmp_json reference to a field the records carry', () => {
    const refs = new Set(JSON.stringify(decoder).match(/\$_tmp_json\.[a-z_.0-9]+/g));
    expect([...refs].sort()).toEqual(
      [
        '$_tmp_json.integration',
        '$_tmp_json.virustotal.description',
        '$_tmp_json.virustotal.error',
        '$_tmp_json.virustotal.found',
        '$_tmp_json.virustotal.malicious',
        '$_tmp_json.virustotal.permalink',
        '$_tmp_json.virustotal.positives',
        '$_tmp_json.virustotal.source.alert_id',
        '$_tmp_json.virustotal.source.file',
        '$_tmp_json.virustotal.source.md5',
        '$_tmp_json.virustotal.source.sha1',
        '$_tmp_json.virustotal.source.sha256',
        '$_tmp_json.virustotal.total',
      ].sort(),
    );
  });
});

describe('the Wazuh 5 rules', () => {
  it('four rules: malicious high, the rest informational, each on one decoder action, naming the integration', () => {
    const byAction = Object.fromEntries(
      rules.map(({ rule }) => [
        (rule.detection as { selection: Record<string, string> }).selection['event.action'],
        rule.level,
      ]),
    );
    expect(byAction).toEqual({
      'file-malicious': 'high',
      'file-no-positives': 'informational',
      'file-unknown': 'informational',
      'lookup-error': 'informational',
    });
    for (const { rule } of rules) {
      expect(rule).toMatchObject({
        status: 'experimental',
        enabled: true,
        logsource: { product: integration.resource.metadata.title },
      });
      expect((rule.detection as { condition: string }).condition).toBe('selection');
      expect(typeof (rule.metadata as { title: string }).title).toBe('string');
    }
    expect(integration.resource).toMatchObject({ category: 'security', enabled: true });
  });
});
