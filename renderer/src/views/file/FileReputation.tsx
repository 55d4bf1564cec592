// Who decided this file's verdict and why, what the other providers said (CIRCL hashlookup, MalwareBazaar, the
// allowlist, the app itself), how risky its alerts made it (the queue's order), and the allowlist: the entries that
// name it, or a form to add its hash.
import { useState } from 'react';
import type { HashDetail } from '../../../../shared/contract';
import { PROVIDER_INFO } from '../../../../shared/providerInfo';
import type { ProviderAnswer } from '../../../../shared/providers';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { Time } from '../../components/Time';
import { VisibleText } from '../../components/VisibleText';

/** What a provider's record adds to its one line: MalwareBazaar's tags, YARA rules and first seen; CIRCL's record. */
function Details({ details }: { details: ProviderAnswer['details'] }) {
  if (!details) return null;
  const parts: string[] = [];
  if (details.provider === 'malwarebazaar') {
    if (details.tags.length) parts.push(`tags: ${details.tags.join(', ')}`);
    if (details.yaraRules.length) parts.push(`YARA: ${details.yaraRules.join(', ')}`);
    if (details.fileType) parts.push(`type: ${details.fileType}`);
  } else if (details.provider === 'circl') {
    const product = [details.productName ?? details.packageName, details.productVersion ?? details.packageVersion]
      .filter(Boolean)
      .join(' ');
    if (product) parts.push(product);
    if (details.fileName) parts.push(details.fileName);
    if (details.source) parts.push(`source: ${details.source}`);
    if (details.knownMalicious.length) parts.push(`listed malicious by ${details.knownMalicious.join(', ')}`);
  }
  const firstSeen = details.provider === 'malwarebazaar' ? details.firstSeen : null;
  if (parts.length === 0 && !firstSeen) return null;
  return (
    <span className="muted small reputation__details">
      {' '}
      (<VisibleText text={parts.join(' · ')} />
      {firstSeen ? (
        <>
          {parts.length ? ' · ' : ''}first seen <Time value={firstSeen} />
        </>
      ) : null}
      )
    </span>
  );
}

const label = (name: string) => PROVIDER_INFO[name as keyof typeof PROVIDER_INFO]?.label ?? name;

/** A link a provider gave, shown only when it is https (nothing from a remote answer is trusted). */
const safeLink = (link: string | null) => (link && /^https:\/\//i.test(link) ? link : null);

function AllowlistForm({ hash, onAdded }: { hash: string; onAdded: () => void }) {
  const api = useApi();
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await api.addAllowlist({ values: [hash], why });
      setMessage({
        text:
          answer.added.length > 0 ? 'Allowlisted: this file is not sent anywhere any more.' : 'Already allowlisted.',
        error: false,
      });
      setWhy('');
      onAdded();
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="allowlist-form"
      aria-label="Allowlist this file"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="toolbar__field">
        <span>Why is it known good?</span>
        <input
          value={why}
          maxLength={500}
          placeholder="our own build, signed vendor tool…"
          onChange={(e) => setWhy(e.target.value)}
        />
      </label>
      <button type="submit" className="button" disabled={busy || why.trim() === ''}>
        {busy ? 'Adding…' : 'Allowlist this file'}
      </button>
      <p className={`action-message${message?.error ? ' is-error' : ''}`} role="status">
        {message?.text ?? ''}
      </p>
    </form>
  );
}

export function FileReputation({ detail, onChanged }: { detail: HashDetail; onChanged: () => void }) {
  const hash = detail.sha256 ?? detail.sha1 ?? detail.md5 ?? '';
  const { verdict, risk, answers, allowlisted, queued } = detail;
  return (
    <div className="reputation">
      {verdict.why ? (
        <p className="reputation__why">
          <strong>Verdict:</strong> <VisibleText text={verdict.why} />
        </p>
      ) : null}
      {queued?.provider ? <p className="muted">Waiting for {label(queued.provider)}.</p> : null}
      {risk ? (
        <p className={`reputation__risk reputation__risk--${risk.level}`}>
          <strong>Risk</strong> ({risk.score}/100): <VisibleText text={risk.explanation} />
        </p>
      ) : null}
      {answers.length > 0 ? (
        <ul className="reputation__answers" aria-label="What the other sources said">
          {answers.map((a) => {
            const link = safeLink(a.link);
            return (
              <li key={a.provider}>
                <span className={`tag tag--${a.provider}`}>{label(a.provider)}</span> <VisibleText text={a.why} />
                <Details details={a.details} /> <Time value={a.answeredAt} />
                {link ? (
                  <>
                    {' '}
                    <a href={link} target="_blank" rel="noreferrer noopener">
                      open <span aria-hidden="true">↗</span>
                    </a>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {allowlisted.length > 0 ? (
        <ul className="reputation__allowlist" aria-label="Allowlist entries that name this file">
          {allowlisted.map((e) => (
            <li key={e.id}>
              allowlisted {e.kind === 'path' ? 'by path ' : ''}
              <span className="mono-soft">
                <VisibleText text={e.kind === 'path' ? e.value : 'by its hash'} />
              </span>{' '}
              by <VisibleText text={e.who} />: <VisibleText text={e.why} /> <Time value={e.addedAt} />
            </li>
          ))}
        </ul>
      ) : hash ? (
        <AllowlistForm hash={hash} onAdded={onChanged} />
      ) : null}
    </div>
  );
}
