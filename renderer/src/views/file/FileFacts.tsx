// The three hashes (with copy buttons) and what VirusTotal knows about the file.
import type { HashDetail } from '../../../../shared/contract';
import { CopyButton } from '../../components/CopyButton';
import { formatBytes, formatCount } from '../../components/format';
import { Time } from '../../components/Time';
import { VisibleText } from '../../components/VisibleText';

const HASHES = [
  ['sha256', 'SHA-256'],
  ['sha1', 'SHA-1'],
  ['md5', 'MD5'],
] as const;

export function FileHashes({ detail }: { detail: HashDetail }) {
  return (
    <dl className="hashes">
      {HASHES.map(([key, label]) => {
        const value = detail[key];
        return (
          <div className="hashes__row" key={key}>
            <dt>{label}</dt>
            <dd>
              {value ? (
                <>
                  <code className="mono hash-value">{value}</code>
                  <CopyButton value={value} label={`Copy ${label}`} />
                </>
              ) : (
                <span className="muted">not known yet</span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function FileFacts({ detail }: { detail: HashDetail }) {
  const { verdict } = detail;
  return (
    <dl className="facts">
      {/* names, threat label, tags and VirusTotal's dates are in "What VirusTotal says" when its answer is stored */}
      {detail.vt ? null : (
        <div>
          <dt>Names</dt>
          <dd>
            {detail.names.length ? (
              <ul className="names">
                {detail.names.slice(0, 12).map((name) => (
                  <li key={name} className="mono-soft">
                    <VisibleText text={name} />
                  </li>
                ))}
                {detail.names.length > 12 ? <li className="muted">and {detail.names.length - 12} more</li> : null}
              </ul>
            ) : (
              <span className="muted">–</span>
            )}
          </dd>
        </div>
      )}
      <div>
        <dt>Type</dt>
        <dd>{detail.type ? <VisibleText text={detail.type} /> : '–'}</dd>
      </div>
      <div>
        <dt>Size</dt>
        <dd>{detail.size === null ? '–' : `${formatBytes(detail.size)} (${formatCount(detail.size)} bytes)`}</dd>
      </div>
      {detail.vt ? null : (
        <div>
          <dt>Threat label</dt>
          <dd>
            {detail.threatLabel ? <VisibleText text={detail.threatLabel} /> : <span className="muted">none</span>}
          </dd>
        </div>
      )}
      <div>
        <dt>Reputation</dt>
        <dd>{detail.reputation ?? '–'}</dd>
      </div>
      {detail.tags.length && !detail.vt ? (
        <div>
          <dt>Tags</dt>
          <dd className="tags">
            {detail.tags.map((tag) => (
              <span key={tag} className="tag">
                <VisibleText text={tag} />
              </span>
            ))}
          </dd>
        </div>
      ) : null}
      {detail.vt ? null : (
        <div>
          <dt>First seen on VirusTotal</dt>
          <dd>
            <Time value={detail.firstSeen} full />
          </dd>
        </div>
      )}
      <div>
        <dt>Last analysis</dt>
        <dd>
          <Time value={verdict.scanDate} full />
        </dd>
      </div>
      <div>
        <dt>Checked</dt>
        <dd>
          <Time value={verdict.checkedAt} full />
          {verdict.origin === 'wazuh' ? <span className="tag tag--wazuh">from Wazuh</span> : null}
        </dd>
      </div>
      {detail.queued ? (
        <div>
          <dt>Queued</dt>
          <dd>
            {detail.queued.reason} since <Time value={detail.queued.since} />
            {detail.queued.nextAttemptAt ? (
              <>
                {' '}
                · next try <Time value={detail.queued.nextAttemptAt} />
              </>
            ) : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
