// Today at a glance, from the engine's stats (kept current by 'stats' events).
import type { ReactNode } from 'react';
import type { Stats } from '../../../../shared/contract';
import { countOf, formatClock, formatCount, formatUtc, toMs } from '../../components/format';
import { hrefFor } from '../../hooks/useRoute';
import { LOADING_TILE_LABELS } from '../../../../shared/liveWords';

interface TileProps {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  tone?: string;
  /** the Files view filtered to what the tile counts */
  href?: string;
}

function Tile({ label, value, sub, tone, href }: TileProps) {
  return (
    <div className={`kpi${tone ? ` kpi--${tone}` : ''}${href ? ' kpi--link' : ''}`}>
      <dt className="kpi__label">
        {href ? (
          <a href={href} className="kpi__link" title={`Show these files: ${label.toLowerCase()}`}>
            {label}
          </a>
        ) : (
          label
        )}
      </dt>
      <dd className="kpi__value">{value}</dd>
      {sub ? <dd className="kpi__sub">{sub}</dd> : null}
    </div>
  );
}

function QuotaTile({ quota }: { quota: Stats['quota'] }) {
  const { minute, day, month } = quota;
  const frees = toMs(minute.resetsAt);
  return (
    <div className="kpi kpi--quota">
      <dt className="kpi__label">VirusTotal quota used this minute</dt>
      <dd className="kpi__value">
        {formatCount(minute.used)}
        <span className="kpi__of"> / {formatCount(minute.limit)}</span>
      </dd>
      <dd className="kpi__sub">
        {formatCount(day.left)} left today · {formatCount(month.left)} this month
      </dd>
      <dd className="kpi__sub">
        {frees === null ? (
          'a request slot is free now'
        ) : (
          <>
            next slot at{' '}
            <time dateTime={new Date(frees).toISOString()} title={formatUtc(frees)}>
              {formatClock(frees)}
            </time>
          </>
        )}
      </dd>
    </div>
  );
}

export function KpiTiles({ stats }: { stats: Stats | null }) {
  if (!stats) {
    return (
      <dl className="kpis kpis--loading" aria-label="Today" aria-busy="true">
        {LOADING_TILE_LABELS.map((label) => (
          <Tile key={label} label={label} value="–" />
        ))}
      </dl>
    );
  }
  const { today, files } = stats;
  return (
    <dl className="kpis" aria-label="Today">
      <Tile label="Alerts today" value={formatCount(today.alerts)} sub={`${formatCount(stats.fimEvents)} in all`} />
      <Tile
        label="Files looked up today"
        value={formatCount(today.filesLookedUp)}
        sub={`${countOf(stats.cacheHits, 'alert')} answered from the cache`}
      />
      <Tile
        label="Malicious files today"
        href={hrefFor.files('state=malicious')}
        value={formatCount(today.malicious)}
        sub={`${countOf(files.malicious, 'file')} in all`}
        tone={today.malicious > 0 ? 'malicious' : undefined}
      />
      <Tile
        label="Suspicious files today"
        href={hrefFor.files('state=suspicious')}
        value={formatCount(today.suspicious)}
        sub={`${countOf(files.suspicious, 'file')} in all`}
        tone={today.suspicious > 0 ? 'suspicious' : undefined}
      />
      <Tile
        label="Files not on VirusTotal today"
        href={hrefFor.files('state=unknown')}
        value={formatCount(today.unknown)}
        sub={`${countOf(files.unknown, 'file')} in all`}
      />
      <Tile
        label="Known good files today"
        href={hrefFor.files('state=known-good')}
        value={formatCount(today.knownGood ?? 0)}
        sub={`${countOf(files.knownGood ?? 0, 'file')} in all, VirusTotal not asked`}
      />
      <Tile
        label="Files waiting for a look-up"
        href={hrefFor.files('state=pending')}
        value={formatCount(stats.queue)}
        sub={stats.inFlight > 0 ? `${formatCount(stats.inFlight)} being asked now` : 'in the queue'}
      />
      <QuotaTile quota={stats.quota} />
    </dl>
  );
}
