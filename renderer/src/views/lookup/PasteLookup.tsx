// Paste one or many hashes: each bad one is named with its reason at once (parseHashList), then by the server.
// Both name the first refused values only (LOOKUP_LIMITS) and count the rest: "and N more rejected".
import { useId, useState, type FormEvent } from 'react';
import type { ApiOutput } from '../../../../shared/contract';
import { LOOKUP_LIMITS, parseHashList } from '../../../../shared/hashes';
import { errorMessage } from '../../api/errors';
import { formatCount } from '../../components/format';
import { useEngineStore } from '../../store/StoreProvider';
import { VisibleText } from '../../components/VisibleText';

const SHOWN_REJECTS = 20;

function Rejected({
  items,
  total,
  title,
}: {
  items: { input: string; reason: string }[];
  /** how many were refused in all: the list may hold only the first ones */
  total: number;
  title: string;
}) {
  if (!items.length) return null;
  const shown = Math.min(items.length, SHOWN_REJECTS);
  return (
    <div className="rejects">
      <p className="rejects__title">{title}</p>
      <ul>
        {items.slice(0, SHOWN_REJECTS).map((item, i) => (
          <li key={`${item.input}-${i}`}>
            <code className="mono">
              <VisibleText text={item.input.length > 80 ? `${item.input.slice(0, 80)}…` : item.input} />
            </code>
            : {item.reason}
          </li>
        ))}
        {total > shown ? <li>and {formatCount(total - shown)} more rejected</li> : null}
      </ul>
    </div>
  );
}

export function PasteLookup() {
  const { lookups } = useEngineStore();
  const hintId = useId();
  const feedbackId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ApiOutput<'lookupHashes'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const parsed = parseHashList(text);
  const tooMany = parsed.values > LOOKUP_LIMITS.maxValues;
  const accepted = tooMany ? 0 : parsed.accepted.length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!accepted || busy) return;
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      const result = await lookups.lookUp(text);
      setAnswer(result);
      if (result.rejectedTotal === 0) setText('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card lookup-paste" onSubmit={submit} aria-labelledby="paste-title">
      <h2 id="paste-title">Paste hashes</h2>
      <label className="field">
        <span className="field__label">Hashes to look up</span>
        <textarea
          value={text}
          rows={6}
          spellCheck={false}
          autoComplete="off"
          placeholder="44d88612fea8a8f36de82e1278abb02f"
          aria-describedby={`${hintId} ${feedbackId}`}
          aria-invalid={parsed.rejectedTotal > 0 || tooMany}
          onChange={(e) => {
            setText(e.target.value);
            setAnswer(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
          }}
        />
        <span className="field__hint" id={hintId}>
          MD5, SHA-1 or SHA-256, one per line or separated by spaces or commas. They jump the queue.
        </span>
      </label>
      <div id={feedbackId} className="paste-feedback" aria-live="polite">
        {tooMany ? (
          <p>More than {formatCount(LOOKUP_LIMITS.maxValues)} values: paste them in parts.</p>
        ) : text.trim() ? (
          <p>
            {formatCount(accepted)} {accepted === 1 ? 'hash' : 'hashes'} ready
            {parsed.rejectedTotal ? ` · ${formatCount(parsed.rejectedTotal)} not a hash` : ''}
          </p>
        ) : null}
        {!answer ? <Rejected items={parsed.rejected} total={parsed.rejectedTotal} title="Not looked up:" /> : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={!accepted || busy}>
          {busy ? 'Sending…' : accepted > 1 ? `Look up ${formatCount(accepted)} hashes` : 'Look up'}
        </button>
        <span className="muted small">Ctrl+Enter</span>
      </div>
      {error ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
      {answer ? (
        <div role="status" className="paste-answer">
          <p>
            {formatCount(answer.accepted.length)} {answer.accepted.length === 1 ? 'hash' : 'hashes'} queued first
            {answer.rejectedTotal ? `, ${formatCount(answer.rejectedTotal)} refused` : ''}.
          </p>
          <Rejected items={answer.rejected} total={answer.rejectedTotal} title="Refused:" />
        </div>
      ) : null}
    </form>
  );
}
