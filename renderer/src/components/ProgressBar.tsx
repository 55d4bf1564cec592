/** A labelled progress bar; `value` null means "working, amount unknown". */
export function ProgressBar({
  label,
  value,
  max = 1,
  text,
}: {
  label: string;
  value: number | null;
  max?: number;
  text?: string;
}) {
  const fraction = value === null || max <= 0 ? null : Math.min(1, Math.max(0, value / max));
  return (
    <div className="progress">
      <progress aria-label={label} value={value === null ? undefined : Math.min(value, max)} max={max} />
      <span className="progress__text">
        {text ?? (fraction === null ? 'working…' : `${Math.round(fraction * 100)} %`)}
      </span>
    </div>
  );
}
