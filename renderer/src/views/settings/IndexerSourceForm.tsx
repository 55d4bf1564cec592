// Settings → Sources: add a Wazuh indexer (its URLs, a read-only user and password, how its certificate is
// trusted, the Wazuh version) after testing the connection, answered in words. Plain http and "accept any
// certificate" are warned about where they are chosen.
import { useState, type FormEvent } from 'react';
import {
  indexerUrlProblem,
  indexerWarnings,
  type IndexerTestResult,
  type IndexerTrust,
  type WazuhVersionChoice,
} from '../../../../shared/indexer';
import { errorMessage, fieldErrors } from '../../api/errors';
import { Field } from '../../components/Field';
import { useEngineStore } from '../../store/StoreProvider';
import { VisibleText } from '../../components/VisibleText';

type TrustKind = IndexerTrust['kind'];

const CHECK_NAMES: Record<IndexerTestResult['checks'][number]['check'], string> = {
  reachable: 'Reachable',
  certificate: 'Certificate',
  credentials: 'Credentials',
  read: 'May read FIM events',
  version: 'Wazuh version',
  events: 'FIM events, last 24 h',
};

export function TestAnswer({ result }: { result: IndexerTestResult }) {
  return (
    <div className={`indexer-test ${result.ok ? 'indexer-test--ok' : 'indexer-test--failed'}`} role="status">
      <p className="indexer-test__summary">
        <VisibleText text={result.summary} />
      </p>
      <ul className="indexer-test__checks">
        {result.checks.map((c) => (
          <li
            key={c.check}
            className={`indexer-check indexer-check--${c.ok === null ? 'skipped' : c.ok ? 'ok' : 'failed'}`}
          >
            <span className="indexer-check__mark" aria-hidden="true">
              {c.ok === null ? '–' : c.ok ? '✓' : '✗'}
            </span>{' '}
            <strong>{CHECK_NAMES[c.check]}:</strong> <VisibleText text={c.message} />
          </li>
        ))}
      </ul>
      {result.warnings.map((w) => (
        <p key={w} className="indexer-warning">
          ⚠ <VisibleText text={w} />
        </p>
      ))}
    </div>
  );
}

const urlsOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((u) => u.trim())
    .filter(Boolean);

export function IndexerSourceForm() {
  const store = useEngineStore();
  const [urlText, setUrlText] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [trustKind, setTrustKind] = useState<TrustKind>('ca-file');
  const [caPath, setCaPath] = useState('');
  const [version, setVersion] = useState<WazuhVersionChoice>('auto');
  const [fromEnd, setFromEnd] = useState(false);
  const [pollSeconds, setPollSeconds] = useState('10');
  const [overlapSeconds, setOverlapSeconds] = useState('120');
  const [busy, setBusy] = useState<'test' | 'add' | null>(null);
  const [result, setResult] = useState<IndexerTestResult | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const urls = urlsOf(urlText);
  const trust: IndexerTrust = trustKind === 'ca-file' ? { kind: 'ca-file', path: caPath.trim() } : { kind: trustKind };
  const warnings = urls.length
    ? indexerWarnings({ urls, trust })
    : trustKind === 'insecure'
      ? indexerWarnings({ urls: [], trust })
      : [];

  const check = (): boolean => {
    const found: Record<string, string> = {};
    if (urls.length === 0) found.urls = 'at least one URL, such as https://wazuh-indexer:9200';
    const bad = urls.map((u) => [u, indexerUrlProblem(u)] as const).find(([, p]) => p);
    if (bad) found.urls = `${bad[0]}: ${bad[1]}`;
    if (!username.trim()) found.username = 'a user name is needed';
    if (!password) found.password = 'the password is needed';
    if (trustKind === 'ca-file' && !caPath.trim()) found.caPath = "the CA file's path (Wazuh's root-ca.pem)";
    const poll = Number(pollSeconds);
    if (!Number.isInteger(poll) || poll < 2 || poll > 3600) found.pollSeconds = 'a whole number of seconds, 2 to 3600';
    const overlap = Number(overlapSeconds);
    if (!Number.isInteger(overlap) || overlap < 120 || overlap > 86_400)
      found.overlapSeconds = 'a whole number of seconds, at least 120 (2 minutes)';
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const test = async () => {
    if (!check()) return;
    setBusy('test');
    setError(null);
    setResult(null);
    try {
      setResult(
        await store.testIndexerSource({ urls, username: username.trim(), password, trust, wazuhVersion: version }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!check()) return;
    setBusy('add');
    setError(null);
    try {
      await store.addIndexerSource({
        urls,
        username: username.trim(),
        password,
        trust,
        wazuhVersion: version,
        fromEnd,
        pollSeconds: Number(pollSeconds),
        overlapSeconds: Number(overlapSeconds),
      });
      setUrlText('');
      setPassword('');
      setResult(null);
    } catch (e) {
      setErrors(fieldErrors(e));
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="add-source add-indexer" onSubmit={add} aria-label="Add a Wazuh indexer">
      <h3>Connect to a Wazuh indexer</h3>
      <Field
        label="Indexer URL"
        error={errors.urls}
        hint="https://host:9200; one per line for several nodes of the same cluster."
      >
        {(props) => (
          <textarea
            {...props}
            rows={1}
            spellCheck={false}
            placeholder="https://wazuh-indexer:9200"
            value={urlText}
            onChange={(e) => setUrlText(e.target.value)}
          />
        )}
      </Field>
      <div className="field-row">
        <Field label="User" error={errors.username} hint="a read-only user (wazuh-alerts-*, wazuh-events-v5-*)">
          {(props) => (
            <input {...props} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
          )}
        </Field>
        <Field label="Password" error={errors.password} hint="kept like the VirusTotal key, sent only to these URLs">
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="radio-group">
        <legend>Trust its certificate</legend>
        <label className="radio">
          <input type="radio" name="trust" checked={trustKind === 'ca-file'} onChange={() => setTrustKind('ca-file')} />
          <span>through a CA file (Wazuh&apos;s root-ca.pem is self-signed)</span>
        </label>
        {trustKind === 'ca-file' ? (
          <Field label="CA file" error={errors.caPath ?? errors['trust.path']}>
            {(props) => (
              <input
                {...props}
                spellCheck={false}
                placeholder="/etc/wazuh-indexer/certs/root-ca.pem"
                value={caPath}
                onChange={(e) => setCaPath(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <label className="radio">
          <input type="radio" name="trust" checked={trustKind === 'system'} onChange={() => setTrustKind('system')} />
          <span>through the system&apos;s certificate store</span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name="trust"
            checked={trustKind === 'insecure'}
            onChange={() => setTrustKind('insecure')}
          />
          <span>accept any certificate (insecure)</span>
        </label>
      </fieldset>
      {warnings.map((w) => (
        <p key={w} className="indexer-warning" role="note">
          ⚠ <VisibleText text={w} />
        </p>
      ))}
      <div className="field-row">
        <label className="toolbar__field">
          <span>Wazuh version</span>
          <select value={version} onChange={(e) => setVersion(e.target.value as WazuhVersionChoice)}>
            <option value="auto">find out from the indices</option>
            <option value="4">4.x</option>
            <option value="5">5.x</option>
          </select>
        </label>
        <Field label="Poll every (seconds)" error={errors.pollSeconds}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              size={6}
              value={pollSeconds}
              onChange={(e) => setPollSeconds(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Re-read for late events (seconds)"
          error={errors.overlapSeconds}
          hint="events become searchable late (Wazuh 5 about 20 s after); at least 120"
        >
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              size={6}
              value={overlapSeconds}
              onChange={(e) => setOverlapSeconds(e.target.value)}
            />
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={fromEnd} onChange={(e) => setFromEnd(e.target.checked)} />
          <span>only new events (otherwise the last 24 hours first)</span>
        </label>
      </div>
      {result ? <TestAnswer result={result} /> : null}
      {error ? (
        <p className="field__error" role="alert">
          <VisibleText text={error} />
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button" onClick={test} disabled={busy !== null}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="button button--primary" disabled={busy !== null}>
          {busy === 'add' ? 'Adding…' : 'Add indexer source'}
        </button>
      </div>
    </form>
  );
}
