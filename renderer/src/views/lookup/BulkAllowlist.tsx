// A selection of files marked known good at once: the hashes of the look-up list, with one why.
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { countOf } from '../../components/format';
import { ALLOWLIST_LIMITS } from '../../../../shared/allowlistLimits';

export function BulkAllowlist({ hashes }: { hashes: string[] }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  if (!open) {
    return (
      <button type="button" className="button button--ghost button--small" onClick={() => setOpen(true)}>
        Allowlist these…
      </button>
    );
  }
  const submit = async () => {
    setBusy(true);
    setNote(null);
    try {
      const a = await api.addAllowlist({ values: hashes.slice(0, ALLOWLIST_LIMITS.maxValuesPerRequest), why });
      setNote({
        text: `${countOf(a.added.length, 'hash', 'hashes')} allowlisted${a.existing ? `, ${a.existing} already were` : ''}${a.filesAllowlisted ? ` · ${countOf(a.filesAllowlisted, 'file')} answered “allowlisted” now` : ''}.`,
        error: false,
      });
    } catch (error) {
      setNote({ text: errorMessage(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="allowlist-form"
      aria-label="Allowlist the listed hashes"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="toolbar__field">
        <span>
          Why are these {countOf(Math.min(hashes.length, ALLOWLIST_LIMITS.maxValuesPerRequest), 'file')} known good?
        </span>
        <input value={why} maxLength={ALLOWLIST_LIMITS.maxWhy} onChange={(e) => setWhy(e.target.value)} />
      </label>
      <button type="submit" className="button button--small" disabled={busy || why.trim() === ''}>
        {busy ? 'Adding…' : 'Allowlist them'}
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <p className={`action-message${note?.error ? ' is-error' : ''}`} role="status">
        {note?.text ?? ''}
      </p>
    </form>
  );
}
