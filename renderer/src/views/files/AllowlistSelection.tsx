// The selection's files marked known good at once: one why (required) for all their hashes, through the same
// POST /api/allowlist a file page uses. The files then answer "allowlisted" (the list reads them again on the
// verdict events that follow).
import { useState } from 'react';
import { ALLOWLIST_LIMITS } from '../../../../shared/allowlistLimits';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { countOf } from '../../components/format';

export function AllowlistSelection({ hashes }: { hashes: readonly string[] }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const n = hashes.length;
  const tooMany = n > ALLOWLIST_LIMITS.maxValuesPerRequest;

  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Allowlist…
      </button>
    );
  }
  const submit = async () => {
    if (tooMany) return;
    setBusy(true);
    setNote(null);
    try {
      const a = await api.addAllowlist({ values: [...hashes], why: why.trim() });
      const parts = [`${countOf(a.added.length, 'hash', 'hashes')} allowlisted`];
      if (a.existing) parts.push(`${a.existing} already were`);
      if (a.rejected.length) parts.push(`${a.rejected.length} refused: ${a.rejected[0]!.reason}`);
      setNote({
        text: `${parts.join(', ')}${a.filesAllowlisted ? ` · ${countOf(a.filesAllowlisted, 'file')} now answered “allowlisted”` : ''}.`,
        error: a.rejected.length > 0,
      });
      setWhy('');
    } catch (error) {
      setNote({ text: errorMessage(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="allowlist-form bulk-bar__allowlist"
      aria-label="Allowlist the selected files"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="toolbar__field">
        <span>Why {n === 1 ? 'is this file' : `are these ${n} files`} known good?</span>
        <input value={why} maxLength={ALLOWLIST_LIMITS.maxWhy} required onChange={(e) => setWhy(e.target.value)} />
      </label>
      <button type="submit" className="button button--small" disabled={busy || tooMany || why.trim() === ''}>
        {busy ? 'Adding…' : n === 1 ? 'Allowlist it' : `Allowlist these ${n}`}
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {tooMany ? (
        <p className="field__error" role="alert">
          Select at most {ALLOWLIST_LIMITS.maxValuesPerRequest} files to allowlist them at once
        </p>
      ) : null}
      {note ? (
        <p className={note.error ? 'field__error' : 'muted'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      ) : null}
    </form>
  );
}
