// How long an answer stays fresh, and when a file counts as malicious.
import { Field } from '../../components/Field';
import type { SectionProps } from './sectionProps';

export function LookupSection({ form, errors, set }: SectionProps) {
  return (
    <section className="card settings-section" id="settings-lookups" aria-labelledby="s-lookups" tabIndex={-1}>
      <h2 id="s-lookups">Look-ups</h2>
      <div className="field-grid field-grid--3">
        <Field
          label="Found files stay fresh (days)"
          error={errors['freshness.foundDays']}
          hint="Then looked up again when seen again."
        >
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={form.foundDays}
              onChange={(e) => set('foundDays', e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Unknown files stay fresh (hours)"
          error={errors['freshness.notFoundHours']}
          hint="VirusTotal learns new files: ask again sooner."
        >
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={form.notFoundHours}
              onChange={(e) => set('notFoundHours', e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Detection threshold (engines)"
          error={errors.threshold}
          hint="Malicious when at least this many engines say so."
        >
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={form.threshold}
              onChange={(e) => set('threshold', e.target.value)}
            />
          )}
        </Field>
      </div>
    </section>
  );
}
