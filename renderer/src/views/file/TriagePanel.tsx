// The file's triage on its page: where it stands (who, when, why), the form to change it, and every change.
import type { HashDetail } from '../../../../shared/contract';
import { bestHash } from '../../../../shared/hashes';
import { TRIAGE_LABELS } from '../../../../shared/triageWords';
import { Time } from '../../components/Time';
import { TriageBadge } from '../../components/TriageBadge';
import { VisibleText } from '../../components/VisibleText';
import { TriageForm } from '../triage/TriageForm';

export function TriagePanel({ detail }: { detail: HashDetail }) {
  const hash = bestHash(detail);
  const t = detail.triage;
  return (
    <>
      <p className="triage-now">
        <TriageBadge triage={t} />{' '}
        {t.by && t.at ? (
          <>
            by <VisibleText text={t.by} />, <Time value={t.at} />
            {t.note ? (
              <>
                {' '}
                — <VisibleText text={t.note} />
              </>
            ) : null}
          </>
        ) : (
          <span className="muted">nobody has triaged this file yet</span>
        )}
      </p>
      {hash ? (
        <TriageForm
          key={`${t.state}|${t.at}`}
          hashes={[hash]}
          initial={t.state === 'new' ? 'acknowledged' : t.state}
          what="this file"
          idPrefix="file-triage"
        />
      ) : null}
      {detail.triageHistory.length > 0 ? (
        <ol className="triage-history" aria-label="Triage history">
          {detail.triageHistory.map((c) => (
            <li key={c.id}>
              <Time value={c.at} /> {TRIAGE_LABELS[c.previous]} → <strong>{TRIAGE_LABELS[c.state]}</strong> by{' '}
              <VisibleText text={c.by} />
              {c.reason ? (
                <>
                  {' '}
                  <span className="triage-history__reason">({c.reason})</span>
                </>
              ) : null}
              {c.note ? (
                <>
                  : <VisibleText text={c.note} />
                </>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
