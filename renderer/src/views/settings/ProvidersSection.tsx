// The reputation providers: the order files are asked in (the empty file and the allowlist here, then the free
// sources switched on, then VirusTotal), what each receives and who runs it, each off until switched on;
// MalwareBazaar's Auth-Key (write-only, sent only to its address), and the two rules about asking VirusTotal after a
// free source answered.
import { PROVIDER_INFO } from '../../../../shared/providerInfo';
import type { SettingsView } from '../../../../shared/settings';
import { Field } from '../../components/Field';
import type { SectionProps } from './sectionProps';
import type { SettingsForm } from './settingsForm';

type Toggle = 'useCircl' | 'useMalwareBazaar' | 'useVirusTotal';

function ProviderSwitch({
  name,
  toggle,
  form,
  set,
}: {
  name: 'circl' | 'malwarebazaar' | 'virustotal';
  toggle: Toggle;
  form: SettingsForm;
  set: SectionProps['set'];
}) {
  const info = PROVIDER_INFO[name];
  return (
    <div className="provider">
      <label className="check">
        <input type="checkbox" checked={form[toggle]} onChange={(e) => set(toggle, e.target.checked)} />
        Ask {info.label}
      </label>
      <p className="field__hint">
        Receives {info.receives}. Run by {info.runBy}.
      </p>
    </div>
  );
}

export function ProvidersSection({ form, errors, set, view }: SectionProps & { view: SettingsView }) {
  const mbKeyState = view.malwareBazaarKeySet
    ? `A MalwareBazaar key is set (${view.malwareBazaarKeySource === 'env' ? 'from MALWAREBAZAAR_API_KEY' : 'stored'})`
    : 'No MalwareBazaar key';
  return (
    <section className="card settings-section" id="settings-providers" aria-labelledby="s-providers" tabIndex={-1}>
      <h2 id="s-providers">Reputation providers</h2>
      <p className="muted">
        Files are asked in this order: the empty file and your allowlist are answered on this machine; then the free
        sources you switch on; then VirusTotal, only about what no free source knows to be good. Each third-party source
        is off until you switch it on, and receives file hashes only: never a path, a name or the file.
      </p>
      <ProviderSwitch name="circl" toggle="useCircl" form={form} set={set} />
      {form.useCircl ? (
        <Field
          label="CIRCL hashlookup address"
          error={errors.circlUrl}
          hint={
            view.lockedOverHttp.includes('circlUrl')
              ? 'Set with --circl-url when FIM Verdict starts, or in the desktop app: it receives every new hash and its “known good” is trusted, so a browser cannot choose it.'
              : undefined
          }
        >
          {(props) => (
            <input
              {...props}
              readOnly={view.lockedOverHttp.includes('circlUrl')}
              value={form.circlUrl}
              spellCheck={false}
              onChange={(e) => set('circlUrl', e.target.value)}
            />
          )}
        </Field>
      ) : null}
      <ProviderSwitch name="malwarebazaar" toggle="useMalwareBazaar" form={form} set={set} />
      {form.useMalwareBazaar ? (
        <div className="field-grid">
          <Field
            label="MalwareBazaar Auth-Key"
            error={errors.malwareBazaarKey}
            hint={`${mbKeyState}. Free with an abuse.ch account; write-only, sent only to the address beside it.`}
          >
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="off"
                value={form.malwareBazaarKey}
                placeholder={view.malwareBazaarKeySet ? '(unchanged)' : ''}
                onChange={(e) => set('malwareBazaarKey', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="MalwareBazaar address"
            error={errors.malwareBazaarUrl}
            hint={
              view.lockedOverHttp.includes('malwareBazaarUrl')
                ? 'Over the HTTP API it changes only with the key for the new address.'
                : undefined
            }
          >
            {(props) => (
              <input
                {...props}
                value={form.malwareBazaarUrl}
                spellCheck={false}
                onChange={(e) => set('malwareBazaarUrl', e.target.value)}
              />
            )}
          </Field>
        </div>
      ) : null}
      {view.malwareBazaarKeyWithheld ? <p className="note note--error">{view.malwareBazaarKeyWithheld}</p> : null}
      <ProviderSwitch name="virustotal" toggle="useVirusTotal" form={form} set={set} />
      {!form.useVirusTotal ? (
        <p className="notice">Switched off, files no free source answered wait for VirusTotal: nothing is lost.</p>
      ) : null}
      {errors.providers ? <p className="field__error">{errors.providers}</p> : null}
      <label className="check">
        <input
          type="checkbox"
          checked={form.askVirusTotalAboutMalicious}
          onChange={(e) => set('askVirusTotalAboutMalicious', e.target.checked)}
        />
        When a free source says malicious, ask VirusTotal for its engine count too (ahead of other files)
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.askVirusTotalAboutKnownGood}
          onChange={(e) => set('askVirusTotalAboutKnownGood', e.target.checked)}
        />
        Ask VirusTotal about known-good files anyway (last, when the quota has room)
      </label>
    </section>
  );
}
