// View 5: Settings. Validated with the shared zod schema before sending; the server's field errors shown next
// to the fields too; saved without a restart. The API key is write-only: the field is never filled back.
import { useEffect, useState } from 'react';
import type { QuotaPlan, SettingsView as SettingsViewData, SettingsUpdate } from '../../../../shared/settings';
import { useApi } from '../../api/ApiProvider';
import { errorMessage, fieldErrors } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { useQuery } from '../../hooks/useQuery';
import { applyTheme } from '../../hooks/useTheme';
import { AllowlistSection } from './AllowlistSection';
import { FiltersSection } from './FiltersSection';
import { KeySection } from './KeySection';
import { LookupSection } from './LookupSection';
import { OutputSection } from './OutputSection';
import { ProvidersSection } from './ProvidersSection';
import { QuotaSection } from './QuotaSection';
import { RetentionSection } from './RetentionSection';
import {
  formFromSettings,
  serverErrors,
  validate,
  withPlan,
  type FieldErrors,
  type SettingsForm,
} from './settingsForm';
import { SourcesSection } from './SourcesSection';
import './settings.css';

const NAV = [
  ['settings-sources', 'Alert sources'],
  ['settings-providers', 'Reputation providers'],
  ['settings-virustotal', 'VirusTotal'],
  ['settings-quota', 'Quota'],
  ['settings-lookups', 'Look-ups'],
  ['settings-filters', 'Filters'],
  ['settings-retention', 'Retention'],
  ['settings-output', 'Output and appearance'],
  ['settings-allowlist', 'Allowlist'],
] as const;

function SettingsEditor({ initial }: { initial: SettingsViewData }) {
  const api = useApi();
  const [view, setView] = useState(initial);
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const baseline = JSON.stringify(formFromSettings(view));
  const dirty = JSON.stringify(form) !== baseline;

  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setNote(null);
    setErrors((e) => {
      if (!Object.keys(e).length) return e;
      const next = { ...e };
      for (const k of Object.keys(next)) if (k === key || k.endsWith(`.${key}`)) delete next[k];
      return next;
    });
  };

  const send = async (update: SettingsUpdate, done: string) => {
    setSaving(true);
    setNote(null);
    try {
      const saved = await api.putSettings(update);
      setView(saved);
      setForm(formFromSettings(saved));
      setErrors({});
      applyTheme(saved.theme);
      setNote({ text: done, error: false });
    } catch (error) {
      const fields = serverErrors(fieldErrors(error));
      setErrors(fields);
      setNote({ text: errorMessage(error), error: true });
      focusFirstError();
    } finally {
      setSaving(false);
    }
  };

  const save = () => {
    const { update, errors: found } = validate(form);
    setErrors(found);
    if (!update) {
      setNote({
        text: `${Object.keys(found).length} ${Object.keys(found).length === 1 ? 'field needs' : 'fields need'} a fix.`,
        error: true,
      });
      focusFirstError();
      return;
    }
    void send(update, 'Saved. In effect now.');
  };

  const props = { form, errors, set };
  return (
    <>
      {/* sources act at once (their own buttons); everything below is saved together */}
      <SourcesSection />
      <form
        className="settings-form"
        aria-label="Settings"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <FlagsNotice fields={view.overriddenByFlags} />
        <ProvidersSection {...props} view={view} />
        <KeySection
          {...props}
          view={view}
          onRemoveKey={() => void send({ apiKey: null }, 'The stored key is removed.')}
        />
        <QuotaSection {...props} onPlan={(plan: QuotaPlan) => setForm((f) => withPlan(f, plan))} />
        <LookupSection {...props} />
        <FiltersSection {...props} />
        <RetentionSection {...props} />
        <OutputSection
          {...props}
          locked={view.lockedOverHttp.includes('integrationLog')}
          webhookLocked={view.lockedOverHttp.includes('webhookUrl')}
          socketLocked={view.lockedOverHttp.includes('wazuhSocket')}
        />
        <div className="save-bar">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          <button
            type="button"
            className="button button--ghost"
            disabled={!dirty || saving}
            onClick={() => {
              setForm(formFromSettings(view));
              setErrors({});
              setNote(null);
            }}
          >
            Undo changes
          </button>
          <p className={`save-bar__note${note?.error ? ' is-error' : ''}`} role="status">
            {note?.text ?? (dirty ? 'Unsaved changes' : '')}
          </p>
        </div>
      </form>
      {/* entries act at once (their own buttons), like the sources */}
      <AllowlistSection />
    </>
  );
}

/** #/settings/<section>: bring that section into view and put the focus on it. */
function SectionScroller({ section, ready }: { section: string | null; ready: boolean }) {
  useEffect(() => {
    if (!section || !ready) return;
    const element = document.getElementById(`settings-${section}`);
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [section, ready]);
  return null;
}

function focusFirstError() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.settings [aria-invalid="true"]')?.focus());
}

export function SettingsView({ section }: { section: string | null }) {
  const api = useApi();
  const query = useQuery('settings', () => api.getSettings({}));

  return (
    <div className="page settings">
      <h1>Settings</h1>
      <div className="settings__layout">
        <nav className="settings__nav" aria-label="Settings sections">
          <ul>
            {NAV.map(([id, label]) => (
              <li key={id}>
                <a
                  href={`#/settings/${id.replace('settings-', '')}`}
                  aria-current={section === id.replace('settings-', '') ? 'true' : undefined}
                >
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings__sections">
          <ErrorNote error={query.error} onRetry={query.reload} />
          {query.data ? (
            <SettingsEditor initial={query.data} />
          ) : !query.error ? (
            <p className="muted">Loading settings…</p>
          ) : null}
          <SectionScroller section={section} ready={!!query.data} />
        </div>
      </div>
    </div>
  );
}

const FLAG_OF: Record<string, string> = {
  baseUrl: 'the VirusTotal base URL (--vt-url)',
  quota: 'the quota (--quota-per-minute/-day/-month)',
  integrationLog: 'the integration log (--integration-log)',
  providers: 'the providers asked (--providers)',
  circlUrl: 'the CIRCL hashlookup address (--circl-url)',
  malwareBazaarUrl: 'the MalwareBazaar address (--malwarebazaar-url)',
  wazuhSocket: 'the Wazuh 5 queue socket (--wazuh-socket)',
};

/** Settings the command line fixes for this run win over the saved ones: say so, above the fields. */
function FlagsNotice({ fields }: { fields: string[] }) {
  if (fields.length === 0) return null;
  return (
    <p className="notice" role="note">
      For this run the command line sets {fields.map((f) => FLAG_OF[f] ?? f).join(', ')}. Those flags win over the
      values below; what you save here applies when the app starts without them.
    </p>
  );
}
