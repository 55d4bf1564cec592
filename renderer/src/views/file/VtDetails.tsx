// What VirusTotal's own page shows of the file, read from the stored answer (`vt` in getHash): the engines' counts
// apart, the threat label and family, the Authenticode signature, the dates and the answer's age, the names, the
// tags, the sandbox verdicts and the crowdsourced YARA rules. Every text came from a remote answer: shown through
// VisibleText (control characters visible), as text, never as markup.
import type { VtDetails as Details } from '../../../../shared/vtDetails';
import { ageWords, countsSentence, plural } from '../../../../shared/verdictWords';
import { formatCount } from '../../components/format';
import { Time } from '../../components/Time';
import { VisibleText } from '../../components/VisibleText';

const valuesText = (list: { value: string; count: number }[]) =>
  list.map((v) => `${v.value} (${formatCount(v.count)})`).join(', ');

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Signature({ signature }: { signature: Details['signature'] }) {
  if (!signature) return <span className="muted">none (no Authenticode signature in VirusTotal’s answer)</span>;
  const [signer, ...chain] = signature.signers;
  return (
    <div className="vt-signature">
      <span>
        <VisibleText text={signature.verified ?? 'signature present'} />
        {signer ? (
          <>
            {' '}
            by{' '}
            <strong>
              <VisibleText text={signer} />
            </strong>
          </>
        ) : null}
      </span>
      {signature.signerStatus ? (
        <span className={signature.signerStatus === 'Valid' ? 'muted small' : 'vt-warning small'}>
          certificate: <VisibleText text={signature.signerStatus} />
        </span>
      ) : null}
      {signature.signingDate ? (
        <span className="muted small">
          signed <VisibleText text={signature.signingDate} />
        </span>
      ) : null}
      {chain.length ? (
        <span className="muted small">
          chain: <VisibleText text={chain.join(' → ')} />
        </span>
      ) : null}
    </div>
  );
}

function List({ items, more, noun }: { items: string[]; more: number; noun: string }) {
  if (!items.length) return <span className="muted">none</span>;
  return (
    <ul className="vt-list">
      {items.map((item) => (
        <li key={item} className="mono-soft">
          <VisibleText text={item} />
        </li>
      ))}
      {more > 0 ? <li className="muted">and {plural(more, `more ${noun}`, `more ${noun}s`)}</li> : null}
    </ul>
  );
}

export function VtDetails({ vt }: { vt: Details }) {
  const { counts } = vt;
  const couldNotScan = counts.timeout + counts.failure + counts.typeUnsupported;
  return (
    <div className="vt-details" data-testid="vt-details">
      <p className="vt-counts">
        <strong>{countsSentence(counts.malicious, counts.suspicious, vt.enginesWithVerdict)}</strong>
        {counts.harmless > 0 ? ` · ${formatCount(counts.harmless)} harmless` : ''}
        {` · ${formatCount(counts.undetected)} undetected`}
        {couldNotScan > 0 ? ` · ${formatCount(couldNotScan)} could not scan it` : ''}
      </p>
      {vt.api === 'v2' ? (
        <p className="muted small">
          This answer came from VirusTotal’s v2 API: it carries the counts and the date only.
        </p>
      ) : null}
      <dl className="facts">
        <Row label="Threat label">
          {vt.threat?.label ? (
            <strong className="vt-threat">
              <VisibleText text={vt.threat.label} />
            </strong>
          ) : (
            <span className="muted">none</span>
          )}
        </Row>
        {vt.threat?.categories.length ? (
          <Row label="Threat category">
            <VisibleText text={valuesText(vt.threat.categories)} />
          </Row>
        ) : null}
        {vt.threat?.families.length ? (
          <Row label="Family">
            <VisibleText text={valuesText(vt.threat.families)} />
          </Row>
        ) : null}
        <Row label="Signature">
          <Signature signature={vt.signature} />
        </Row>
        <Row label="First submitted">
          <Time value={vt.firstSubmission} full />
        </Row>
        <Row label="Last analysed">
          <Time value={vt.lastAnalysis} full />
        </Row>
        <Row label="This answer">
          received <Time value={vt.answeredAt} full />{' '}
          <span className="muted">
            ({vt.answerAgeSeconds < 60 ? 'just now' : `${ageWords(vt.answerAgeSeconds)} old`})
          </span>
        </Row>
        <Row label={`Names VirusTotal knows (${formatCount(vt.namesTotal)})`}>
          <List items={vt.names} more={vt.namesTotal - vt.names.length} noun="name" />
        </Row>
        <Row label="Tags">
          {vt.tags.length ? (
            <span className="tags">
              {vt.tags.map((tag) => (
                <span key={tag} className="tag">
                  <VisibleText text={tag} />
                </span>
              ))}
            </span>
          ) : (
            <span className="muted">none</span>
          )}
        </Row>
        {vt.sandboxes.length ? (
          <Row label="Sandbox verdicts">
            <ul className="vt-list">
              {vt.sandboxes.map((s) => (
                <li key={s.sandbox}>
                  <strong>
                    <VisibleText text={s.sandbox} />
                  </strong>
                  : <VisibleText text={s.category ?? 'no category'} />
                  {s.confidence !== null ? ` (confidence ${s.confidence}%)` : ''}
                  {s.malwareNames.length || s.classifications.length ? (
                    <span className="muted">
                      {' '}
                      · <VisibleText text={[...s.malwareNames, ...s.classifications].join(', ')} />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        <Row label={`Crowdsourced YARA rules (${formatCount(vt.yaraTotal)})`}>
          {vt.yara.length ? (
            <ul className="vt-list">
              {vt.yara.map((y) => (
                <li key={`${y.ruleset ?? ''}/${y.rule}`}>
                  <span className="mono-soft">
                    <VisibleText text={y.rule} />
                  </span>
                  {y.ruleset || y.author ? (
                    <span className="muted small">
                      {' '}
                      · <VisibleText text={[y.ruleset, y.author].filter(Boolean).join(', ')} />
                    </span>
                  ) : null}
                </li>
              ))}
              {vt.yaraTotal > vt.yara.length ? (
                <li className="muted">and {plural(vt.yaraTotal - vt.yara.length, 'more rule')}</li>
              ) : null}
            </ul>
          ) : (
            <span className="muted">none matched</span>
          )}
        </Row>
      </dl>
    </div>
  );
}
