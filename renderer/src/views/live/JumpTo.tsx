// "Jump to": an alert id, a day, or a day and a time; the table brings that row (the newest at or before the time)
// to the middle with the keyboard on it, however deep it is. A row that no filter shows, or a time before every
// alert, is said in words.
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { locateRow, parseJump } from '../../store/alertJump';
import type { AlertsFeed } from '../../store/alertsFeed';

export function JumpTo({ feed }: { feed: AlertsFeed }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = parseJump(text);
    if ('error' in target) {
      setMessage(target.error);
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      feed.jumpTo(await locateRow(api, feed, target));
    } catch (error) {
      setMessage(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="toolbar live__jump" aria-label="Jump to an alert" onSubmit={(e) => void submit(e)}>
      <label className="toolbar__field">
        <span>Jump to</span>
        <input
          type="text"
          value={text}
          placeholder="Alert id or date"
          title="An alert id (1717171717.123456), a day (2026-03-01) or a day and a time (2026-03-01 14:30)"
          onChange={(e) => {
            setText(e.target.value);
            setMessage(null);
          }}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={message !== null}
          aria-describedby={message ? 'jump-message' : undefined}
        />
      </label>
      <button type="submit" className="button" disabled={busy || !feed.loaded}>
        Go
      </button>
      {message ? (
        <span id="jump-message" className="live__jump-message" role="alert">
          {message}
        </span>
      ) : null}
    </form>
  );
}
