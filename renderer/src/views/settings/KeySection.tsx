// The API key (write-only: never shown back), "Test key", the API version, base URL and timeout.
import { useState } from 'react';
import type { ApiOutput } from '../../../../shared/contract';
import { apiKeyProblem, sameDestination, VIRUSTOTAL_BASE_URL, type SettingsView } from '../../../../shared/settings';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { Field } from '../../components/Field';
import { capitalise, formatCount } from '../../components/format';
import type { SectionProps } from './sectionProps';

type TestAnswer = ApiOutput<'testKey'>;

function Allowance({ answer }: { answer: TestAnswer }) {
  const a = answer.allowance;
  if (!a) return null;
  const row = (label: string, q: { allowed: number; used: number } | null) =>
    q ? (
      <li key={label}>
        {label}: {formatCount(q.used)} of {formatCount(q.allowed)} used
      </li>
    ) : null;
  return (
    <ul className="allowance">{[row('This hour', a.hourly), row('Today', a.daily), row('This month', a.monthly)]}</ul>
  );
}

export function KeySection({
  form,
  errors,
  set,
  view,
  onRemoveKey,
}: SectionProps & { view: SettingsView; onRemoveKey: () => void }) {
  const api = useApi();
  const [testing, setTesting] = useState(false);
  const [answer, setAnswer] = useState<TestAnswer | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);

  const test = async () => {
    setAnswer(null);
    setTestError(null);
    const typed = form.apiKey.trim();
    // an obviously wrong key is not sent (it would cost a request, and tell VirusTotal nothing useful)
    const problem = typed ? apiKeyProblem(typed, form.baseUrl.trim() || view.baseUrl) : null;
    if (problem) {
      setTestError(`Not sent: ${problem}. Check that the whole key was pasted.`);
      return;
    }
    setTesting(true);
    try {
      setAnswer(await api.testKey(typed ? { apiKey: typed } : {}));
    } catch (error) {
      setTestError(errorMessage(error));
    } finally {
      setTesting(false);
    }
  };

  const keyState = view.apiKeySet
    ? `A key is set (${view.apiKeySource === 'env' ? 'from VT_API_KEY' : 'stored'})`
    : 'No key';

  return (
    <section className="card settings-section" id="settings-virustotal" aria-labelledby="s-vt" tabIndex={-1}>
      <h2 id="s-vt">VirusTotal</h2>
      <p className={`key-state${view.apiKeySet ? ' is-set' : ' is-missing'}`} role="status" aria-label="API key status">
        {keyState}
      </p>
      {!sameDestination(view.baseUrl, VIRUSTOTAL_BASE_URL) ? (
        <p className="notice">
          Look-ups go to <code>{view.baseUrl}</code>, not VirusTotal’s own {VIRUSTOTAL_BASE_URL}. The key is sent there.
        </p>
      ) : null}
      {view.apiKeyWithheld ? <p className="note note--error">{view.apiKeyWithheld}</p> : null}
      <Field
        label="VirusTotal API key"
        error={errors.apiKey}
        hint={
          <>
            {view.apiKeySet ? 'Leave empty to keep the current key. ' : ''}
            {view.apiKeySource === 'env' ? 'VT_API_KEY in the environment wins over a stored key. ' : ''}
            {capitalise(view.keyStorage.message)}
          </>
        }
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={form.apiKey}
            onChange={(e) => set('apiKey', e.target.value)}
          />
        )}
      </Field>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={test}
          disabled={testing || (!view.apiKeySet && !form.apiKey.trim())}
        >
          {testing ? 'Testing…' : 'Test key'}
        </button>
        {view.apiKeySource === 'stored' && !confirmRemove ? (
          <button type="button" className="button button--ghost" onClick={() => setConfirmRemove(true)}>
            Remove stored key
          </button>
        ) : null}
        {view.apiKeySource === 'stored' && confirmRemove ? (
          <span className="confirm" role="group" aria-label="Remove the stored key?">
            Remove the stored key? Look-ups stop until a key is set again.{' '}
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => {
                setConfirmRemove(false);
                onRemoveKey();
              }}
            >
              Remove
            </button>{' '}
            <button type="button" className="button button--small" onClick={() => setConfirmRemove(false)} autoFocus>
              Keep
            </button>
          </span>
        ) : null}
      </div>
      <div role="status" aria-label="Key test result" className="test-result">
        {answer ? (
          <div className={`note ${answer.ok ? 'note--ok' : 'note--error'}`}>
            <p>
              {answer.message}
              {answer.plan ? ` Plan: ${answer.plan}.` : ''}
            </p>
            <Allowance answer={answer} />
          </div>
        ) : null}
        {testError ? <p className="note note--error">{testError}</p> : null}
      </div>

      <div className="field-grid">
        <Field
          label="API version"
          error={errors.apiVersion}
          hint="v2 is the legacy API, for old keys and parity with Wazuh 4.x."
        >
          {(props) => (
            <select
              {...props}
              value={form.apiVersion}
              onChange={(e) => set('apiVersion', e.target.value as 'v3' | 'v2')}
            >
              <option value="v3">v3 (current)</option>
              <option value="v2">v2 (legacy)</option>
            </select>
          )}
        </Field>
        <Field
          label="Base URL"
          error={errors.baseUrl}
          hint={
            view.lockedOverHttp.includes('baseUrl')
              ? 'VirusTotal, or a compatible proxy. From this browser it changes only with the key to use there, typed above (a stored key never goes to a new address); or use --vt-url at start.'
              : 'VirusTotal, or a compatible proxy.'
          }
        >
          {(props) => (
            <input
              {...props}
              type="url"
              spellCheck={false}
              value={form.baseUrl}
              onChange={(e) => set('baseUrl', e.target.value)}
            />
          )}
        </Field>
        <Field label="Timeout (seconds)" error={errors.timeoutSeconds}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={form.timeoutSeconds}
              onChange={(e) => set('timeoutSeconds', e.target.value)}
            />
          )}
        </Field>
      </div>
    </section>
  );
}
