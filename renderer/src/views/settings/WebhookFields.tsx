// The outgoing webhook: its URL (a destination: read-only in a browser, set in the desktop app or with --webhook)
// the body's format, and whether triage changes are posted too.
import { Field } from '../../components/Field';
import type { SectionProps } from './sectionProps';

export function WebhookFields({ form, errors, set, locked }: SectionProps & { locked: boolean }) {
  return (
    <>
      <Field
        label="Webhook URL"
        error={errors.webhookUrl}
        hint={
          locked
            ? 'Set with --webhook when FIM Verdict starts, or in the desktop app: the app sends what it knows to this address, so a browser cannot choose it.'
            : 'Each file that turns malicious is posted here once (retried with backoff; every delivery is in Diagnostics). http(s) only; user:password@ only over https. Empty: off.'
        }
      >
        {(props) => (
          <input
            {...props}
            readOnly={locked}
            spellCheck={false}
            placeholder="https://hooks.slack.com/services/…"
            value={form.webhookUrl}
            onChange={(e) => set('webhookUrl', e.target.value)}
          />
        )}
      </Field>
      <fieldset className="radio-group">
        <legend>Webhook body</legend>
        {(['json', 'slack'] as const).map((format) => (
          <label key={format} className="radio">
            <input
              type="radio"
              name="webhookFormat"
              value={format}
              checked={form.webhookFormat === format}
              onChange={() => set('webhookFormat', format)}
            />
            <span>{format === 'json' ? 'JSON (FIM Verdict’s own fields)' : 'Slack (an incoming-webhook message)'}</span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={form.webhookTriage} onChange={(e) => set('webhookTriage', e.target.checked)} />
        Also post each triage change (the file, its new state, the note and who)
      </label>
    </>
  );
}
