// Set the triage of one file or of a selection: a state, an optional note, and in a browser the analyst's name
// (asked once, kept in this browser). The desktop app names its OS user itself.
import { useState, type FormEvent } from 'react';
import { TRIAGE_LABELS, TRIAGE_LIMITS, TRIAGE_STATES, type TriageState } from '../../../../shared/triageWords';
import { useTransport } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { countOf } from '../../components/format';
import { useEngineStore } from '../../store/StoreProvider';
import { saveAnalystName, useAnalystName } from './analystName';
import '../../components/triage.css';

interface Props {
  hashes: readonly string[];
  /** the state the form starts on (a file's current one) */
  initial?: TriageState;
  /** what the button says the change applies to ("this file", "3 files") */
  what: string;
  onDone?(message: string): void;
  idPrefix: string;
}

export function TriageForm({ hashes, initial = 'acknowledged', what, onDone, idPrefix }: Props) {
  const store = useEngineStore();
  const transport = useTransport();
  const analyst = useAnalystName();
  const [state, setState] = useState<TriageState>(initial);
  const [note, setNote] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const needsName = transport === 'http' && analyst === null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (needsName) {
      const problem = saveAnalystName(name);
      if (problem) return setMessage({ text: `Your name: ${problem}`, error: true });
    }
    setBusy(true);
    try {
      const by = transport === 'http' ? (analyst ?? name.trim()) : undefined;
      const answer = await store.setTriage({ hashes: [...hashes], state, note: note || undefined, by });
      const text =
        answer.changed === 0
          ? `Nothing changed: ${what} already ${answer.files.length === 1 ? 'is' : 'are'} ${TRIAGE_LABELS[state].toLowerCase()}`
          : `${countOf(answer.changed, 'file')} marked ${TRIAGE_LABELS[state].toLowerCase()}`;
      setMessage({ text, error: false });
      setNote('');
      onDone?.(text);
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="triage-form" onSubmit={submit} aria-label={`Triage ${what}`}>
      {needsName ? (
        <label className="triage-form__field" htmlFor={`${idPrefix}-name`}>
          <span>Your name (kept in this browser, shown in the history)</span>
          <input
            id={`${idPrefix}-name`}
            value={name}
            maxLength={TRIAGE_LIMITS.nameLength}
            autoComplete="name"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
      ) : null}
      <label className="triage-form__field" htmlFor={`${idPrefix}-state`}>
        <span>Triage</span>
        <select id={`${idPrefix}-state`} value={state} onChange={(e) => setState(e.target.value as TriageState)}>
          {TRIAGE_STATES.map((s) => (
            <option key={s} value={s}>
              {TRIAGE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="triage-form__field triage-form__note" htmlFor={`${idPrefix}-note`}>
        <span>Note</span>
        <input
          id={`${idPrefix}-note`}
          value={note}
          maxLength={TRIAGE_LIMITS.noteLength}
          placeholder="why (optional)"
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={busy || hashes.length === 0}>
        Mark {what}
      </button>
      {message ? (
        <p className={message.error ? 'field__error' : 'triage-form__done'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
