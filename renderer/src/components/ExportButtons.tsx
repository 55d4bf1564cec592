// "Export CSV" and "Export JSON" for a list with its current filters: the file is saved without passing through
// the page (exportFile.ts: the server's download, or the desktop app's Save dialog); the file name and row count
// (or the error) are said next to the buttons.
import { useState } from 'react';
import { useTransport } from '../api/ApiProvider';
import { errorMessage } from '../api/errors';
import { exportToFile, type ExportCount } from './exportFile';
import type { ExportMethod } from '../../../shared/exports';
import type { ApiInput } from '../../../shared/contract';
import './exportButtons.css';

export function ExportButtons<M extends ExportMethod>({
  what,
  method,
  input,
  count,
}: {
  what: string;
  method: M;
  /** the export's input without its format */
  input: Omit<ApiInput<M>, 'format'>;
  /** what the download will hold (asked over HTTP only, where the file never passes through the page) */
  count(): Promise<ExportCount>;
}) {
  const transport = useTransport();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const go = async (format: 'csv' | 'json') => {
    setBusy(true);
    setNote(null);
    try {
      const text = await exportToFile(transport, method, { ...input, format } as ApiInput<M>, count);
      setNote({ text, error: false });
    } catch (error) {
      setNote({ text: errorMessage(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="export-buttons">
      <button
        type="button"
        className="button button--small"
        disabled={busy}
        onClick={() => go('csv')}
        aria-label={`Export ${what} as CSV`}
      >
        Export CSV
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={busy}
        onClick={() => go('json')}
        aria-label={`Export ${what} as JSON`}
      >
        Export JSON
      </button>
      {note ? (
        <span className={note.error ? 'field__error' : 'muted'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </span>
      ) : null}
    </span>
  );
}
