// Wazuh-compatible output, notifications and the theme.
import { useTransport } from '../../api/ApiProvider';
import { Field } from '../../components/Field';
import type { SectionProps } from './sectionProps';
import { WazuhSocketField } from './WazuhSocketField';
import { WebhookFields } from './WebhookFields';
import { BrowserNotifications } from './BrowserNotifications';

export function OutputSection({
  form,
  errors,
  set,
  locked,
  webhookLocked,
  socketLocked,
}: SectionProps & { locked: boolean; webhookLocked: boolean; socketLocked: boolean }) {
  const transport = useTransport();
  return (
    <section className="card settings-section" id="settings-output" aria-labelledby="s-output" tabIndex={-1}>
      <h2 id="s-output">Output and appearance</h2>
      <Field
        label="Integration log path"
        error={errors.integrationLog}
        hint={
          locked
            ? 'Set with --integration-log when FIM Verdict starts, or in the desktop app: the app writes to this file with your rights, so a browser cannot choose it.'
            : "An absolute path in an existing folder of yours; one JSON line per verdict for Wazuh's rules 87101-87106. Empty: off."
        }
      >
        {(props) => (
          <input
            {...props}
            readOnly={locked}
            spellCheck={false}
            placeholder="/var/ossec/logs/fim-verdict.json"
            value={form.integrationLog}
            onChange={(e) => set('integrationLog', e.target.value)}
          />
        )}
      </Field>
      <WebhookFields form={form} errors={errors} set={set} locked={webhookLocked} />
      <WazuhSocketField form={form} errors={errors} set={set} locked={socketLocked} />
      <Field
        label="Wazuh dashboard address"
        error={errors.wazuhDashboardUrl}
        hint="Where your Wazuh dashboard is, e.g. https://wazuh.example.com: each alert and hash on a file's page links into its Threat Hunting and Discover. Only links are made; nothing is sent there. Empty: no links."
      >
        {(props) => (
          <input
            {...props}
            type="url"
            spellCheck={false}
            placeholder="https://wazuh.example.com"
            value={form.wazuhDashboardUrl}
            onChange={(e) => set('wazuhDashboardUrl', e.target.value)}
          />
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={form.notifications} onChange={(e) => set('notifications', e.target.checked)} />
        Notify me when a file turns malicious
      </label>
      {transport === 'http' ? <BrowserNotifications settingOn={form.notifications} /> : null}
      <fieldset className="radio-group">
        <legend>Theme</legend>
        {(['system', 'light', 'dark'] as const).map((theme) => (
          <label key={theme} className="radio">
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={form.theme === theme}
              onChange={() => set('theme', theme)}
            />
            <span>{theme === 'system' ? 'Follow the system' : theme === 'light' ? 'Light' : 'Dark'}</span>
          </label>
        ))}
      </fieldset>
      {errors.theme ? <p className="field__error">{errors.theme}</p> : null}
    </section>
  );
}
