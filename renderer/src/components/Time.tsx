import { formatLocal, formatLocalFull, formatUtc, toMs } from './format';

/** A local time, its UTC form on hover (title) and in the machine-readable dateTime. */
export function Time({ value, full = false }: { value: string | number | null | undefined; full?: boolean }) {
  const ms = toMs(value);
  if (ms === null) return <span className="muted">–</span>;
  const iso = new Date(ms).toISOString();
  return (
    <time dateTime={iso} title={formatUtc(ms)}>
      {full ? formatLocalFull(ms) : formatLocal(ms)}
    </time>
  );
}
