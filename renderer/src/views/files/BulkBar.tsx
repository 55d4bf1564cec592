// What can be done to the selected files at once: mark (triage), rescan, copy their hashes, export them, allowlist
// them (with a why).
import { useState } from 'react';
import { useApi, useTransport } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { countOf } from '../../components/format';
import { exportToFile } from '../../components/exportFile';
import { TriageForm } from '../triage/TriageForm';
import { AllowlistSelection } from './AllowlistSelection';
import './bulkBar.css';

/** The API takes at most this many hashes in one export of a selection (they travel in the query string). */
export const MAX_EXPORT_SELECTION = 200;

export function BulkBar({ hashes, onClear }: { hashes: readonly string[]; onClear(): void }) {
  const api = useApi();
  const transport = useTransport();
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const n = hashes.length;
  const what = countOf(n, 'file');

  const rescan = async () => {
    setBusy(true);
    setNote(null);
    let done = 0;
    try {
      for (const hash of hashes) {
        await api.rescan({ hash });
        done++;
      }
      setNote({ text: `${countOf(done, 'file')} queued first for a fresh look-up`, error: false });
    } catch (error) {
      setNote({ text: `${countOf(done, 'file')} queued; then: ${errorMessage(error)}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    const text = hashes.join('\n');
    try {
      await navigator.clipboard.writeText(text);
      setNote({ text: `${countOf(n, 'hash', 'hashes')} copied`, error: false });
    } catch {
      setNote({ text: 'The clipboard refused: select the hashes on the file pages instead', error: true });
    }
  };

  const exportAs = async (format: 'csv' | 'json') => {
    if (n > MAX_EXPORT_SELECTION) {
      setNote({
        text: `Select at most ${MAX_EXPORT_SELECTION} files to export them, or export the filtered list`,
        error: true,
      });
      return;
    }
    setBusy(true);
    try {
      // the selected files, each at each of its places: the download holds n files
      const text = await exportToFile(transport, 'exportFiles', { format, hashes: hashes.join(',') }, async () => ({
        n,
        noun: 'file',
      }));
      setNote({ text, error: false });
    } catch (error) {
      setNote({ text: errorMessage(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  if (n === 0) return null;
  return (
    <section className="bulk-bar card" aria-label="Selected files">
      <div className="bulk-bar__head">
        <strong>{what} selected</strong>
        <button type="button" className="button button--small button--ghost" onClick={onClear}>
          Clear selection
        </button>
      </div>
      <TriageForm hashes={hashes} what={n === 1 ? 'this file' : `these ${n} files`} idPrefix="bulk" />
      <div className="bulk-bar__actions">
        <button type="button" className="button" disabled={busy} onClick={rescan}>
          Rescan {what}
        </button>
        <button type="button" className="button" onClick={copy}>
          Copy hashes
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => exportAs('json')}>
          Export JSON
        </button>
        <AllowlistSelection hashes={hashes} />
      </div>
      {note ? (
        <p className={note.error ? 'field__error' : 'muted'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      ) : null}
    </section>
  );
}
