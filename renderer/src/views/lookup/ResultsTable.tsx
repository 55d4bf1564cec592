// The hashes asked for in this session (kept across a reload), with their verdicts as they arrive and where agents
// reported each file.
import { verdictWithoutAnswer } from '../../../../shared/contract';
import { shortHash } from '../../../../shared/hashes';
import { Time } from '../../components/Time';
import { VerdictBadge } from '../../components/VerdictBadge';
import { VtLink } from '../../components/VtLink';
import { hrefFor } from '../../hooks/useRoute';
import { DataTable } from '../../components/DataTable';
import { VisibleText, visible } from '../../components/VisibleText';
import { countOf } from '../../components/format';
import { useEngineStore, useLookupResults } from '../../store/StoreProvider';
import { useEffect } from 'react';

const KIND_LABEL = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' } as const;

export function ResultsTable() {
  const store = useEngineStore();
  const results = useLookupResults();
  // after a reload: the stored answers are read again
  useEffect(() => store.lookups.refreshRestored(), [store]);
  if (results.length === 0) {
    return <p className="muted">Nothing asked yet in this session: answers appear here as they arrive.</p>;
  }
  return (
    <>
      <div className="section-tools">
        <span>
          {results.length} {results.length === 1 ? 'hash' : 'hashes'} asked
        </span>
        <button type="button" className="button button--ghost button--small" onClick={() => store.lookups.clear()}>
          Clear the list
        </button>
      </div>
      <DataTable
        label="Look-up results"
        className="lookup-table"
        columns={['Hash', 'File', 'Verdict', 'VirusTotal', 'Asked']}
      >
        {results.map((result) => (
          <tr key={result.hash} data-hash={result.hash}>
            <td>
              <a className="mono hash-link" href={hrefFor.file(result.hash)} title={result.hash}>
                {shortHash(result.hash, 16)}
              </a>{' '}
              <span className="muted small">{KIND_LABEL[result.kind]}</span>
            </td>
            <td className="lookup-file">
              <a className="mono-soft lookup-name" href={hrefFor.file(result.hash)}>
                {result.name ? <VisibleText text={result.name} /> : shortHash(result.hash, 16)}
              </a>
              {result.seen ? (
                <span className="lookup-seen muted small" title={visible(result.seen.path)}>
                  seen at <VisibleText text={result.seen.path} />
                  {result.seen.agent ? (
                    <>
                      {' '}
                      on <VisibleText text={result.seen.agent} />
                    </>
                  ) : null}
                  {result.seen.alerts > 1 ? ` · ${countOf(result.seen.alerts, 'alert')}` : ''}
                </span>
              ) : null}
            </td>
            <td>
              {result.error ? (
                <span className="note--error">
                  <VisibleText text={result.error} />
                </span>
              ) : (
                <VerdictBadge verdict={result.verdict ?? verdictWithoutAnswer('pending')} />
              )}
            </td>
            <td>
              {result.verdict?.permalink ? (
                <VtLink
                  href={result.verdict.permalink}
                  compact
                  aria-label={`Open ${shortHash(result.hash)} on VirusTotal`}
                >
                  <span className="vt-word">VirusTotal </span>
                  <span aria-hidden="true">↗</span>
                </VtLink>
              ) : (
                <span className="muted">–</span>
              )}
            </td>
            <td>
              <Time value={result.askedAt} />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
