// "Export CSV" and "Export JSON" for a list with its current filters: the file is built by the engine and saved
// through the browser's download; the file name and row count (or the error) are said next to the buttons.
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { downloadText } from '../views/history/download';
import { countOf } from './format';
import './exportButtons.css';

export interface ExportedFile {
  filename: string;
  mimeType: string;
  content: string;
  rows: number;
}

export function ExportButtons({ what, run }: { what: string; run(format: 'csv' | 'json'): Promise<ExportedFile> }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const go = async (format: 'csv' | 'json') => {
    setBusy(true);
    setNote(null);
    try {
      const file = await run(format);
      downloadText(file.filename, file.mimeType, file.content);
      setNote({ text: `${file.filename}: ${countOf(file.rows, 'row')}`, error: false });
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
