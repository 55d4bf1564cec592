// Drop or pick a local file: hashed here (SHA-256, in chunks, with progress), then its hash is looked up.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { errorMessage } from '../../api/errors';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes } from '../../components/format';
import { HashAbortedError, sha256OfFile } from './hashFile';
import { useEngineStore } from '../../store/StoreProvider';

type Job =
  | { phase: 'hashing'; name: string; size: number; done: number }
  | { phase: 'asking'; name: string; sha256: string }
  | { phase: 'done'; name: string; sha256: string }
  | { phase: 'failed'; name: string; message: string };

export function FileLookup() {
  const { lookups } = useEngineStore();
  const [job, setJob] = useState<Job | null>(null);
  const [dragging, setDragging] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => () => abortRef.current?.abort(), []);

  const start = async (file: File) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setJob({ phase: 'hashing', name: file.name, size: file.size, done: 0 });
    let lastPaint = 0;
    try {
      const sha256 = await sha256OfFile(
        file,
        (done) => {
          const now = performance.now();
          if (now - lastPaint < 50 && done < file.size) return;
          lastPaint = now;
          setJob({ phase: 'hashing', name: file.name, size: file.size, done });
        },
        controller.signal,
      );
      setJob({ phase: 'asking', name: file.name, sha256 });
      await lookups.lookUp(sha256, file.name);
      setJob({ phase: 'done', name: file.name, sha256 });
    } catch (error) {
      if (error instanceof HashAbortedError) setJob(null);
      else setJob({ phase: 'failed', name: file.name, message: errorMessage(error) });
    } finally {
      if (inputRef.current) inputRef.current.value = '';
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void start(file);
  };

  return (
    <section className="card lookup-file" aria-labelledby="file-title">
      <h2 id="file-title">Hash a local file</h2>
      <p className="privacy">
        <strong>The file never leaves this computer;</strong> only its SHA-256 is sent.
      </p>
      <label
        className={`dropzone${dragging ? ' is-dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          ref={inputRef}
          type="file"
          className="visually-hidden"
          aria-label="Choose a local file to hash"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void start(file);
          }}
        />
        <span className="dropzone__text">
          Drop a file here, or <span className="link-like">choose one</span>
        </span>
      </label>
      {job ? (
        <div className="hash-job" role="status">
          {job.phase === 'hashing' ? (
            <>
              <ProgressBar
                label={`Hashing ${job.name}`}
                value={job.done}
                max={Math.max(1, job.size)}
                text={`${formatBytes(job.done)} of ${formatBytes(job.size)}`}
              />
              <button type="button" className="button button--small" onClick={() => abortRef.current?.abort()}>
                Stop hashing
              </button>
            </>
          ) : null}
          {job.phase === 'asking' ? <p>Hashed {job.name}; asking for its verdict…</p> : null}
          {job.phase === 'done' ? (
            <p>
              {job.name}: SHA-256 <code className="mono">{job.sha256}</code> is queued first; its answer appears below.
            </p>
          ) : null}
          {job.phase === 'failed' ? (
            <p className="note note--error">
              {job.name}: {job.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
