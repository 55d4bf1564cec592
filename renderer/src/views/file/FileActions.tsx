// "Refresh report", "Reanalyse on VirusTotal" (with the polling progress), "Open on VirusTotal".
import { useState } from 'react';
import type { ReanalyseProgress } from '../../../../shared/contract';
import { permalinkFor } from '../../../../shared/hashes';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { ProgressBar } from '../../components/ProgressBar';
import { VtLink } from '../../components/VtLink';
import { formatCount } from '../../components/format';

const REANALYSE_LIMIT_MS = 10 * 60_000;
const ANALYSIS_OVER = new Set<ReanalyseProgress['status']>(['completed', 'failed', 'timed-out']);

/** "in progress · 30 s of at most 10 min", "completed · 45 s · fetching the report", "done · 47 s" */
function progressText(p: ReanalyseProgress): string {
  const seconds = `${formatCount(Math.round(p.elapsedMs / 1000))} s`;
  if (p.reportAt) return `done · ${seconds}`;
  if (ANALYSIS_OVER.has(p.status)) return `${p.status.replace('-', ' ')} · ${seconds} · fetching the report`;
  return `${p.status.replace('-', ' ')} · ${seconds} of at most ${REANALYSE_LIMIT_MS / 60_000} min`;
}

interface FileActionsProps {
  hash: string;
  sha256: string | null;
  permalink: string | null;
  reanalyse: ReanalyseProgress | null;
}

export function FileActions({ hash, sha256, permalink, reanalyse }: FileActionsProps) {
  const api = useApi();
  const [busy, setBusy] = useState<'refresh' | 'reanalyse' | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const link = permalink ?? (sha256 ? permalinkFor(sha256) : null);

  const run = async (reanalyseToo: boolean) => {
    setBusy(reanalyseToo ? 'reanalyse' : 'refresh');
    setMessage(null);
    try {
      const answer = await api.rescan({ hash, reanalyse: reanalyseToo });
      setMessage({ text: answer.message, error: false });
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    } finally {
      setBusy(null);
    }
  };

  // until the report that follows the analysis is stored
  const reanalysing = reanalyse !== null && reanalyse.reportAt === null;
  return (
    <div className="file-actions">
      <div className="button-row">
        <button type="button" className="button" onClick={() => run(false)} disabled={busy !== null}>
          {busy === 'refresh' ? 'Asking…' : 'Refresh report'}
        </button>
        <button type="button" className="button" onClick={() => run(true)} disabled={busy !== null || reanalysing}>
          {busy === 'reanalyse' ? 'Asking…' : 'Reanalyse on VirusTotal'}
        </button>
        {link ? (
          <VtLink className="button button--primary" href={link}>
            Open on VirusTotal <span aria-hidden="true">↗</span>
          </VtLink>
        ) : null}
      </div>
      <p className={`action-message${message?.error ? ' is-error' : ''}`} role="status">
        {message?.text ?? ''}
      </p>
      {reanalyse ? (
        <div className="reanalyse" role="status" aria-label="Reanalysis">
          <ProgressBar label="Reanalysis on VirusTotal" value={reanalysing ? null : 1} text={progressText(reanalyse)} />
          <p className="muted">{reanalyse.message}</p>
        </div>
      ) : null}
    </div>
  );
}
